/*
 * fork.h - the Bitcoin forks tracer knows (Litecoin, Bitcoin Cash,
 * Dogecoin), one table entry each: the mainnet address prefixes and block
 * magic (as a struct btc_network, so the Bitcoin address code serves
 * them), the proof-of-work function, whether segwit and AuxPoW exist,
 * the largest block, the coin's symbol.
 *
 * Sources: Litecoin Core, Bitcoin Cash Node and Dogecoin Core
 * chainparams.cpp (base58Prefixes, bech32_hrp, pchMessageStart,
 * powLimit, SegwitHeight, the MWEB activation); Dogecoin's AuxPoW chain
 * id 0x62 (auxpow.cpp). The table is static and never freed.
 */
#ifndef TRC_BTC_FORK_H
#define TRC_BTC_FORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "chains/btc/net.h"

enum btc_pow { BTC_POW_SHA256D = 1, BTC_POW_SCRYPT = 2 };

/* One network of one fork: a fork has main, test and regtest entries. */
struct btc_fork {
	const char *name;	  /* "ltc", "bch", "doge" (--chain) */
	const char *title;	  /* "Litecoin" */
	const char *symbol;	  /* "LTC" */
	struct btc_network net;	  /* this network's prefixes (CashAddr's
				     in net.cashaddr), magic, pow limit,
				     BIP34 and segwit heights */
	uint8_t p2sh2;		  /* a second P2SH version (Litecoin's
				     legacy 0x05), 0 when none */
	enum btc_pow pow;	  /* the header's proof-of-work hash */
	bool segwit;		  /* witness data exists */
	bool auxpow;		  /* merged-mined AuxPoW headers exist */
	uint32_t auxpow_chain_id; /* the chain id in the version's high bits */
	uint32_t auxpow_height;	  /* first height AuxPoW is allowed, and
				     from which the chain id is required */
	uint32_t mweb_height;	  /* Litecoin's MWEB activation, 0 none */
	uint32_t ctor_height;	  /* Bitcoin Cash's canonical transaction
				     order from this height, 0 none */
	uint32_t max_block_size;  /* bytes (weight / 4 for segwit chains) */
	const char *genesis;	  /* block 0's hash, displayed hex */
};

/* The mainnet entry of a fork; NULL for an unknown name. */
const struct btc_fork *btc_fork_find(const char *name);
/* The mainnet entry of the i-th fork of the table, NULL past the last. */
const struct btc_fork *btc_fork_at(size_t i);
/*
 * The entry of f's fork for network ("main", "test" or "regtest" as the
 * fork's node names it in getblockchaininfo; "testnet" is an alias of
 * "test"), NULL for another name. The i-th network of f's fork (main
 * first), NULL past the last.
 */
const struct btc_fork *btc_fork_network(const struct btc_fork *f,
					const char *network);
const struct btc_fork *btc_fork_network_at(const struct btc_fork *f, size_t i);
/*
 * The chains and networks whose block-file magic is m, for messages:
 * "Bitcoin main, Bitcoin Cash main" (Bitcoin's networks, then the forks'),
 * written into out (empty when none, cut at size).
 */
void btc_magic_owners(const uint8_t m[4], char *out, size_t size);
/* "main, test, regtest", for messages. */
const char *btc_fork_network_names(void);

/*
 * The proof-of-work hash of an 80-byte header: double SHA-256, or scrypt
 * (N=1024, r=1, p=1, the header as password and salt, 32 bytes) through
 * libcrypto. TRC_ERR_INVALID when libcrypto's scrypt fails.
 */
enum trc_err btc_fork_pow_hash(const struct btc_fork *f,
			       const uint8_t header[80], uint8_t out[32],
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The header's proof of work: its PoW hash, as a little-endian number,
 * is at most the target of its bits, and that target no easier than the
 * fork's limit. TRC_ERR_VERIFY naming the block (its sha256d hash) and
 * the function ("scrypt work" / "sha256d work").
 */
enum trc_err btc_fork_check_pow(const struct btc_fork *f,
				const uint8_t header[80],
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Validates address for the fork's network; out: its canonical form,
 * the one its outputs are stored in: base58 unchanged but for Litecoin's
 * legacy P2SH version (3... on main), rewritten in its current one
 * (M...); bech32 lowercase; Bitcoin Cash: CashAddr lowercase with its
 * prefix, taken with or without the prefix, and legacy base58 (1..., 3...)
 * rewritten as CashAddr. Litecoin L/M/3 and ltc1; Dogecoin D/A/9 (on
 * main). The script pseudo-addresses (script.h) are taken as Bitcoin's.
 * TRC_ERR_PARSE naming what is wrong.
 */
enum trc_err btc_fork_address_normalize(const struct btc_fork *f,
					const char *in, char *out,
					size_t outsize,
					struct trc_error *err) TRC_WARN_UNUSED;

/*
 * A transaction's serialization flag allowed on the fork: Bitcoin Cash
 * has no segwit, so a witness marker is refused. TRC_ERR_VERIFY naming
 * the fork.
 */
enum trc_err btc_fork_check_witness(const struct btc_fork *f, bool has_witness,
				    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes and verifies a raw block of f's network said to be at height,
 * with the fork's rules: block 0 must be the network's genesis block; a
 * Dogecoin AuxPoW header's proof (auxpow.h) is checked and stands for the
 * block's work, and is refused below f->auxpow_height, where the chain id
 * becomes mandatory; otherwise the header's own work (btc_fork_check_pow). Then
 * the merkle root, unique txids, BIP34 from the network's height, no witness
 * data where the fork has none, a witness commitment where it has, the
 * transaction order (btc_fork_check_order). A Litecoin block with MWEB
 * (from f->mweb_height: the HogEx last, the extension block after the
 * transactions, mweb.h) is split into its canonical part, which is
 * decoded and verified as above, and its MWEB bindings checked
 * (btc_mweb_verify); b->hogex is then set.
 * Out: *b (empty on entry; release with btc_block_release), whose
 * transactions borrow from raw or from *bytes (an AuxPoW block without
 * its proof, or a Litecoin block without its MWEB part; release with
 * buf_release, always safe). TRC_ERR_PARSE / TRC_ERR_VERIFY /
 * TRC_ERR_UNSUPPORTED (an MWEB body inside a transaction) naming the
 * block and the rule. Does not compare difficulty with earlier blocks: a fork
 * has no difficulty anchors (anchors.h is Bitcoin's).
 */
struct btc_block;
struct buf;

/*
 * The order of a decoded block's transactions at height: from
 * f->ctor_height (Bitcoin Cash's November 2018 upgrade) the transactions
 * after the coinbase in strictly ascending txid, each txid read as a
 * 256-bit little-endian number (as displayed, hex ascending); below it,
 * and on every other fork, the topological rule: a transaction spending
 * an output of the same block comes after the transaction that made it.
 * TRC_ERR_VERIFY naming the block (hash, height) and the first pair out
 * of order (their positions and txids).
 */
enum trc_err btc_fork_check_order(const struct btc_fork *f,
				  const struct btc_block *b, uint32_t height,
				  struct trc_error *err) TRC_WARN_UNUSED;

/* The most bytes a block of f may have: max_block_size, or on a segwit
 * chain (whose limit is on weight, 4 per byte outside the witness) four
 * times it; the weight itself is checked by btc_fork_block_verify.
 * NULL: Bitcoin's BTC_MAX_SERIALIZED. */
size_t btc_fork_block_cap(const struct btc_fork *f);

enum trc_err btc_fork_block_verify(const struct btc_fork *f, const uint8_t *raw,
				   size_t len, uint32_t height,
				   struct btc_block *b, struct buf *bytes,
				   struct trc_error *err) TRC_WARN_UNUSED;

#endif
