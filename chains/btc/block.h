/*
 * block.h - Bitcoin block headers and blocks: strict decoding, the checks
 * that bind transactions to a header (merkle root, witness commitment),
 * proof of work against the header's own bits, BIP34 heights, Esplora
 * merkle proofs, encoding, and a builder for synthetic (regtest) chains.
 *
 * Hashes are in internal byte order. A decoded block's transactions
 * borrow from the bytes it was decoded from (see tx.h); a built block owns
 * its transactions. BTC_BLOCK_INIT / btc_block_init make an empty block;
 * btc_block_release is always safe after init.
 */
#ifndef TRC_BTC_BLOCK_H
#define TRC_BTC_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "chains/btc/net.h"
#include "chains/btc/tx.h"

#define BTC_HEADER_SIZE 80

struct btc_header {
	uint32_t version; /* as on the wire; shown as int32 */
	uint8_t prev[32];
	uint8_t merkle_root[32];
	uint32_t time;
	uint32_t bits;
	uint32_t nonce;
	uint8_t hash[32]; /* double SHA-256 of the 80 bytes */
};

/* Decodes the 80 bytes at p (len must be 80) and hashes them. */
enum trc_err btc_header_decode(struct btc_header *h, const uint8_t *p,
			       size_t len,
			       struct trc_error *err) TRC_WARN_UNUSED;
void btc_header_encode(const struct btc_header *h, uint8_t out[80]);
/* Recomputes h->hash from the other fields. */
void btc_header_rehash(struct btc_header *h);

/*
 * The target that compact bits encode, as 32 big-endian bytes.
 * Returns TRC_ERR_PARSE for a negative, zero or overflowing target.
 */
enum trc_err btc_bits_target(uint32_t bits, uint8_t target[32],
			     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Proof of work: the hash, read as a little-endian number, is at most the
 * target of h->bits. When net is not NULL the target must also be no
 * easier than the network's limit (so a block mined at regtest difficulty
 * is not taken for a mainnet one). TRC_ERR_VERIFY naming the block hash.
 */
enum trc_err btc_header_check_pow(const struct btc_header *h,
				  const struct btc_network *net,
				  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The merkle root of n hashes (n >= 1), duplicating the last of an odd
 * level. Out: root; *mutated (may be NULL) is set when two equal siblings
 * were hashed (CVE-2012-2459: a different tx list with the same root).
 * TRC_ERR_NOMEM.
 */
enum trc_err btc_merkle_root(uint8_t root[32], const uint8_t (*hashes)[32],
			     size_t n, bool *mutated,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* The root of the branch from leaf at pos (Esplora's merkle-proof). */
void btc_merkle_branch_root(uint8_t root[32], const uint8_t leaf[32],
			    const uint8_t (*branch)[32], size_t n,
			    uint32_t pos);

/*
 * Checks an Esplora /tx/:txid/merkle-proof answer: merkle (n hex hashes
 * in display order, as sent), pos, against the header's merkle root.
 * TRC_ERR_PARSE for a bad hash string or a pos that does not fit the
 * branch (pos >= 2^n), TRC_ERR_VERIFY when the roots differ.
 */
enum trc_err btc_merkle_proof_verify(const uint8_t txid[32],
				     const char *const *merkle, size_t n,
				     uint32_t pos, const uint8_t root[32],
				     struct trc_error *err) TRC_WARN_UNUSED;

enum btc_witness_check {
	BTC_WITNESS_NONE = 0,	/* no commitment and no witness data */
	BTC_WITNESS_OK = 1,	/* the coinbase commits to the wtxids */
	BTC_WITNESS_BAD = 2,	/* a commitment that does not match */
	BTC_WITNESS_MISSING = 3 /* witness data but no commitment */
};

struct btc_block {
	struct btc_header hdr;
	uint32_t n_tx;
	struct btc_tx *tx;
	size_t size;   /* bytes of the serialisation */
	size_t weight; /* sum of the txs' weight + header and count * 4 */
	/* computed by btc_block_decode and btc_block_finish */
	uint8_t merkle_computed[32];
	bool merkle_ok; /* computed == header's, and not mutated */
	bool merkle_mutated;
	bool pow_ok;	 /* hash meets the header's own bits */
	bool has_height; /* a BIP34 height was read from the coinbase */
	uint32_t height;
	uint8_t witness;   /* enum btc_witness_check */
	uint32_t n_segwit; /* transactions with witness data */
	/* set by btc_fork_block_verify (fork.h): the last transaction is
	 * Litecoin's HogEx, whose inputs MWEB's side holds (mweb.h) */
	bool hogex;
	/* private */
	uint32_t cap_tx;
};

#define BTC_BLOCK_INIT                                                         \
	{                                                                      \
		0                                                              \
	}

void btc_block_init(struct btc_block *b);
void btc_block_release(struct btc_block *b);

/*
 * Decodes exactly len bytes as a block into b (empty): header, then the
 * transactions, the first of which must be the only coinbase. Computes
 * txids, the merkle root, pow_ok, the height and the witness check, but
 * does not fail on them (btc_block_verify does). TRC_ERR_PARSE naming
 * the offset, TRC_ERR_TOOBIG past BTC_MAX_SERIALIZED.
 */
enum trc_err btc_block_decode(struct btc_block *b, const uint8_t *p, size_t len,
			      struct trc_error *err) TRC_WARN_UNUSED;
/*
 * The order in which b's transactions can be applied: order[k] is the
 * block index of the k-th, every transaction after the ones of the same
 * block it spends, and block order kept wherever it already is so (on
 * Bitcoin, whose blocks are in that order, order[k] == k; Bitcoin Cash's
 * canonical order sorts by txid, so a spender may come first). order has
 * b->n_tx entries. TRC_ERR_NOMEM.
 */
enum trc_err btc_block_spend_order(const struct btc_block *b, uint32_t *order,
				   struct trc_error *err) TRC_WARN_UNUSED;

/* btc_block_decode up to max bytes instead (a fork's larger limit:
 * Bitcoin Cash's 32 MB, fork.h max_block_size). */
enum trc_err btc_block_decode_max(struct btc_block *b, const uint8_t *p,
				  size_t len, size_t max,
				  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The checks a decoded block must pass whatever its height: merkle root
 * (and not mutated), proof of work (against net's limit when net is not
 * NULL), txids unique, and the witness rule as it stands once segwit is
 * active (a commitment matching the wtxids whenever witness data is
 * present). TRC_ERR_VERIFY with the block hash and the failed check.
 * When the height is known, call btc_block_verify_at instead.
 */
enum trc_err btc_block_verify(const struct btc_block *b,
			      const struct btc_network *net,
			      struct trc_error *err) TRC_WARN_UNUSED;
/*
 * btc_block_verify's checks but the proof of work, for a chain whose
 * work is another function of the header (fork.h's scrypt), checked by
 * the caller with btc_fork_check_pow.
 */
enum trc_err btc_block_verify_but_pow(const struct btc_block *b,
				      const struct btc_network *net,
				      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * btc_block_verify's checks with the consensus rules in force at height
 * on net (not NULL; see net.h): below net->segwit_height a witness
 * commitment is not checked and witness data is refused (as Core's
 * "unexpected-witness"); from net->bip34_height the coinbase must start
 * with the height; the header must match net's difficulty anchors
 * (anchors.h). TRC_ERR_VERIFY naming the block and the rule.
 */
enum trc_err btc_block_verify_at(const struct btc_block *b,
				 const struct btc_network *net, uint32_t height,
				 struct trc_error *err) TRC_WARN_UNUSED;

/*
 * btc_block_verify_at's checks but the proof of work and the difficulty
 * anchors: for a fork (fork.h), whose work is another function of the
 * header and which has no anchors; btc_fork_block_verify calls it.
 */
enum trc_err btc_block_verify_rules_at(const struct btc_block *b,
				       const struct btc_network *net,
				       uint32_t height,
				       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The BIP34 height in a coinbase scriptSig: a first push of 1..5 bytes
 * holding a positive minimal number, or OP_0 / OP_1..OP_16. Returns false
 * when the script does not start that way. Blocks of version 1 predate
 * BIP34 and never carry one (btc_block_decode skips them).
 */
bool btc_coinbase_height(const uint8_t *script, size_t len, uint32_t *height);

/* Appends the block's serialisation (header, count, txs with witness). */
enum trc_err btc_block_encode(const struct btc_block *b, struct buf *out,
			      struct trc_error *err) TRC_WARN_UNUSED;

/* --- builder --- */

/*
 * Appends tx (built with tx.h's builder and finished) to b, taking it:
 * *tx is left empty. The first tx added must be a coinbase.
 */
enum trc_err btc_block_take_tx(struct btc_block *b, struct btc_tx *tx,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Completes a built block: when any tx has witness data, adds the BIP141
 * commitment to the coinbase (a 32-zero-byte reserved value and an
 * OP_RETURN output); sets the header (version, prev, time, bits), the
 * merkle root, and grinds the nonce until the hash meets bits (meant for
 * easy targets such as regtest's 0x207fffff). TRC_ERR_INVALID when no
 * nonce works or bits is invalid.
 */
enum trc_err btc_block_finish(struct btc_block *b, uint32_t version,
			      const uint8_t prev[32], uint32_t time,
			      uint32_t bits,
			      struct trc_error *err) TRC_WARN_UNUSED;

#endif
