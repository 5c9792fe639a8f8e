/*
 * record.h - the chain-neutral records that chains/ produces and graph/
 * consumes, and their stored encoding.
 *
 * A transaction is either UTXO-shaped (inputs spending earlier outputs, and
 * outputs) or account-shaped (legs: value moving from one address to
 * another in one asset). Bitcoin fills in/out; Ethereum fills legs. The
 * graph engine never asks which chain a record came from, only which shape.
 *
 * Ownership: a struct rec_tx / rec_block owns every array and string it
 * points to. REC_TX_INIT / rec_tx_init make an empty one; rec_tx_release
 * frees everything and leaves it empty (always safe after init). Strings
 * are copied in by the setters; pointers handed to them stay the caller's.
 */
#ifndef TRC_RECORD_H
#define TRC_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/buf.h"
#include "base/err.h"

/*
 * The one list of chains: X(name, NAME, id) for each. The name is the
 * --chain value and the adapter's folder (chains/<name>/ defines
 * chain_<name>_ops and <name>_sources, which chains/chain.c registers
 * from this list); the id is the byte every key and record of the chain
 * carries: stored, so never changed or reused. The EVM chains after
 * eth share its adapter: chains/eth defines their ops and sources from its
 * per-chain table (chains/eth/evm.h); their ids start at 10, clear of the
 * Bitcoin family's. Likewise the Bitcoin forks (ltc, bch, doge) share
 * chains/btc: its fork table (chains/btc/fork.h) holds what differs.
 */
#define TRC_CHAINS(X)                                                          \
	X(btc, BTC, 1)                                                         \
	X(eth, ETH, 2)                                                         \
	X(tron, TRON, 3)                                                       \
	X(ltc, LTC, 4)                                                         \
	X(bch, BCH, 5)                                                         \
	X(doge, DOGE, 6)                                                       \
	X(bsc, BSC, 10)                                                        \
	X(polygon, POLYGON, 11)                                                \
	X(avax, AVAX, 12)                                                      \
	X(arbitrum, ARBITRUM, 13)                                              \
	X(optimism, OPTIMISM, 14)                                              \
	X(base, BASE, 15)

#define TRC_CHAIN_ENUM(name, NAME, id) CHAIN_##NAME = id,
enum trc_chain { CHAIN_NONE = 0, TRC_CHAINS(TRC_CHAIN_ENUM) };
#undef TRC_CHAIN_ENUM

/* "btc", "eth", "tron", "bsc", ...; NULL for an unknown id. */
const char *chain_name(uint8_t chain);
/* CHAIN_NONE for an unknown name. */
enum trc_chain chain_from_name(const char *name);

#define REC_HEIGHT_UNKNOWN UINT32_MAX
#define REC_ADDR_MAX 255 /* longest address string stored */

/* Output script classes (Bitcoin); account chains leave them 0. */
enum rec_out_class {
	OUT_NONE = 0,
	OUT_P2PK = 1,
	OUT_P2PKH = 2,
	OUT_P2SH = 3,
	OUT_P2WPKH = 4,
	OUT_P2WSH = 5,
	OUT_P2TR = 6,
	OUT_WITNESS_UNKNOWN = 7, /* a witness version/program not known */
	OUT_MULTISIG = 8,	 /* bare multisig */
	OUT_OP_RETURN = 9,	 /* provably unspendable, no address */
	OUT_NONSTANDARD = 10,
	/* value moved into a ledger the chain's transactions do not show
	 * (a Litecoin MWEB peg-in, checked against the block's HogEx): it
	 * has an address but is never spent in the records */
	OUT_PEG_IN = 11,
};
/* "p2pkh", "op_return", ...; "unknown" past the table. */
const char *rec_out_class_name(uint8_t cls);

enum rec_leg_kind {
	LEG_NATIVE = 1,	    /* a transaction's own value (top call) */
	LEG_INTERNAL = 2,   /* value moved by a call inside a transaction */
	LEG_TOKEN = 3,	    /* an ERC-20 Transfer; asset = token contract */
	LEG_FEE = 4,	    /* the fee paid by `from`; to = NULL */
	LEG_REWARD = 5,	    /* block or uncle reward; from = NULL */
	LEG_WITHDRAWAL = 6, /* EIP-4895 withdrawal; from = NULL */
	LEG_OPENING = 7,    /* balance held before the crawled range */
	/* a token's issuer destroys `from`'s balance (Tether's
	 * DestroyedBlackFunds); to = NULL */
	LEG_BURN = 8,
	/* the token's issuer freezes (blacklists) / releases `from`'s
	 * balance of `asset` from this tx on; value 0, to = NULL */
	LEG_FREEZE = 9,
	LEG_UNFREEZE = 10,
};
#define LEG_KIND_MAX LEG_UNFREEZE
const char *rec_leg_kind_name(uint8_t kind);

enum rec_input_flags {
	REC_IN_COINBASE = 1, /* creates coins, spends nothing */
	REC_IN_RESOLVED = 2, /* address and value are known */
};

enum rec_tx_flags {
	REC_TX_FAILED = 1,   /* reverted: moved no value, paid its fee */
	REC_TX_PREVOUT = 2,  /* fetched only to resolve a later input */
	REC_TX_COINBASE = 4, /* the block's coinbase / reward record */
	/* provenance (rec_tx_level): the tx is in a block whose header
	 * tracer verified - Bitcoin: txid, merkle root or proof, proof of
	 * work; Ethereum: tx hash, sender, transactions and receipts
	 * roots, header hash. Its own fields are verified. */
	REC_TX_INCLUDED = 8,
	/* Ethereum: what its internal transfers and rewards (an opening
	 * record: its ETH balances) do to each address's balance was proven
	 * by state proofs (EIP-1186) against verified state roots */
	REC_TX_PROVEN = 16,
	/* the fee includes a part only the node asserts (the OP stack's
	 * L1 data fee, the receipt's l1Fee): its LEG_FEE is asserted */
	REC_TX_FEE_ASSERTED = 32,
};

/* How far a stored value is to be believed, weakest first. */
enum rec_level {
	REC_LEVEL_ASSERTED = 0, /* the node says so; nothing checked it */
	REC_LEVEL_PROVEN = 1,	/* equals a state proof, not each transfer */
	REC_LEVEL_VERIFIED = 2, /* recomputed from committed bytes */
};
#define REC_LEVEL_COUNT 3
/* "asserted", "proven", "verified"; "unknown" past them. */
const char *rec_level_name(unsigned level);

struct rec_input {
	uint8_t prev_txid[32]; /* internal byte order (as hashed) */
	uint32_t prev_vout;
	uint8_t flags;
	char *address; /* NULL: coinbase or unresolved */
	trc_amount value;
};

struct rec_output {
	uint8_t cls;
	char *address; /* NULL for OP_RETURN; pseudo-address if nonstandard */
	trc_amount value;
};

struct rec_leg {
	uint8_t kind;
	char *asset; /* NULL: the chain's native asset; else token contract */
	char *from;  /* NULL where value is created (reward, withdrawal) */
	char *to;    /* NULL for a fee */
	trc_amount value;
};

struct rec_tx {
	uint8_t chain;
	uint8_t flags;
	uint8_t txid[32]; /* Bitcoin: internal order; Ethereum: as displayed */
	uint32_t height;  /* REC_HEIGHT_UNKNOWN when not known */
	uint32_t position;
	int64_t time; /* block time, seconds since 1970 UTC */
	trc_amount fee;
	uint32_t n_in, n_out, n_legs;
	struct rec_input *in;
	struct rec_output *out;
	struct rec_leg *legs;
	uint32_t cap_in, cap_out, cap_legs; /* private */
	/* a memo the transaction carries (a THORChain memo: the decoders
	 * decide what counts; docs/thorchain.md), NULL for none, at most
	 * REC_MEMO_MAX bytes; memo_n: the output (UTXO shape) or leg
	 * (account shape) the memo's payment is, REC_MEMO_NO_N for none;
	 * has_memo_ref: the memo names another transaction (THORChain's
	 * OUT:/REFUND:<hash>), memo_ref its hash in the order the memo
	 * writes it; the store indexes it (table memo_ref) */
	char *memo;
	uint32_t memo_n;
	bool has_memo_ref;
	uint8_t memo_ref[32];
};

#define REC_MEMO_MAX 255
#define REC_MEMO_NO_N UINT32_MAX

#define REC_TX_INIT                                                            \
	{                                                                      \
		0                                                              \
	}

void rec_tx_init(struct rec_tx *tx);
void rec_tx_release(struct rec_tx *tx);

/*
 * Appends an element, copying the strings (NULL allowed). Out: the new
 * element's index in *index when index is not NULL. TRC_ERR_NOMEM;
 * TRC_ERR_INVALID for a string longer than REC_ADDR_MAX.
 */
enum trc_err rec_tx_add_input(struct rec_tx *tx, const uint8_t prev_txid[32],
			      uint32_t prev_vout, uint8_t flags,
			      const char *address, trc_amount value,
			      struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err rec_tx_add_output(struct rec_tx *tx, uint8_t cls,
			       const char *address, trc_amount value,
			       struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err rec_tx_add_leg(struct rec_tx *tx, uint8_t kind, const char *asset,
			    const char *from, const char *to, trc_amount value,
			    struct trc_error *err) TRC_WARN_UNUSED;
/*
 * The one rule of provenance levels (docs/trust.md): the level of what
 * tx moves to its leg n (a tx with legs: account shape) or else its
 * output n. Without REC_TX_INCLUDED everything is asserted. Outputs,
 * LEG_NATIVE, LEG_TOKEN, LEG_FEE and LEG_WITHDRAWAL of an included tx
 * are verified (LEG_FEE asserted with REC_TX_FEE_ASSERTED); LEG_INTERNAL
 * and LEG_REWARD are proven with
 * REC_TX_PROVEN, else asserted; LEG_BURN, LEG_FREEZE and LEG_UNFREEZE
 * (from a node's logs) are asserted; LEG_OPENING is proven for the native
 * asset with REC_TX_PROVEN, else (tokens always) asserted. n past the
 * legs or outputs: asserted.
 */
enum rec_level rec_tx_level(const struct rec_tx *tx, uint32_t n);

/*
 * Sets tx's memo to a copy of memo (NULL: none), the output or leg n it
 * pays (REC_MEMO_NO_N: none) and the hash it refers to (ref: 32 bytes,
 * NULL: none). TRC_ERR_INVALID for a memo longer than REC_MEMO_MAX or
 * holding bytes outside printable ASCII; TRC_ERR_NOMEM.
 */
enum trc_err rec_tx_set_memo(struct rec_tx *tx, const char *memo, uint32_t n,
			     const uint8_t *ref,
			     struct trc_error *err) TRC_WARN_UNUSED;
/* Whether s (len bytes) is a memo a record may hold (the rule above). */
bool rec_memo_ok(const char *s, size_t len);

/* Replaces *dst with a copy of s (NULL allowed). */
enum trc_err rec_set_str(char **dst, const char *s,
			 struct trc_error *err) TRC_WARN_UNUSED;

/* Appends the stored encoding of tx to out. */
enum trc_err rec_tx_encode(const struct rec_tx *tx, struct buf *out,
			   struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Decodes a stored tx into *tx (which must be empty: init or released).
 * Returns TRC_ERR_CORRUPT naming the offset on any inconsistency; *tx is
 * left empty on failure.
 */
enum trc_err rec_tx_decode(struct rec_tx *tx, const uint8_t *p, size_t len,
			   struct trc_error *err) TRC_WARN_UNUSED;

enum rec_verified {
	REC_VERIFIED_TXIDS = 1,	  /* every txid / tx hash recomputed */
	REC_VERIFIED_ROOT = 2,	  /* merkle / transactions root matched */
	REC_VERIFIED_POW = 4,	  /* header hash met its target */
	REC_VERIFIED_LINK = 8,	  /* prev hash equals the stored parent's */
	REC_VERIFIED_SIGS = 16,	  /* senders recovered from signatures */
	REC_VERIFIED_HEADER = 32, /* header hash recomputed from its fields */
	/* eth: the native balances the block's legs imply were proven by
	 * state proofs (EIP-1186) at the end of its range; without it the
	 * internal transfers are asserted by the node */
	REC_VERIFIED_BALANCES = 64,
};
#define REC_VERIFIED_BITS 7 /* bits 0..6 above */

struct rec_block {
	uint8_t chain;
	uint32_t height;
	uint8_t hash[32]; /* Bitcoin: internal order */
	uint8_t prev[32];
	int64_t time;
	uint32_t tx_count;
	/* provenance */
	int64_t fetched_at; /* seconds since 1970 UTC */
	char *source;	    /* URL without credentials, or a file path */
	uint8_t verified;   /* enum rec_verified bits */
};

#define REC_BLOCK_INIT                                                         \
	{                                                                      \
		0                                                              \
	}

void rec_block_init(struct rec_block *b);
void rec_block_release(struct rec_block *b);
enum trc_err rec_block_encode(const struct rec_block *b, struct buf *out,
			      struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err rec_block_decode(struct rec_block *b, const uint8_t *p, size_t len,
			      struct trc_error *err) TRC_WARN_UNUSED;

#endif
