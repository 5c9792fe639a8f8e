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

struct btc_fork {
	const char *name;	  /* "ltc", "bch", "doge" (--chain) */
	const char *title;	  /* "Litecoin" */
	const char *symbol;	  /* "LTC" */
	struct btc_network net;	  /* mainnet prefixes, magic, pow limit */
	uint8_t p2sh2;		  /* a second P2SH version (Litecoin's
				     legacy 0x05), 0 when none */
	const char *cashaddr;	  /* CashAddr prefix, NULL when none */
	enum btc_pow pow;	  /* the header's proof-of-work hash */
	bool segwit;		  /* witness data exists */
	bool auxpow;		  /* merged-mined AuxPoW headers exist */
	uint32_t auxpow_chain_id; /* the chain id in the version's high bits */
	uint32_t auxpow_height;	  /* first height AuxPoW is allowed */
	uint32_t mweb_height;	  /* Litecoin's MWEB activation, 0 none */
	uint32_t max_block_size;  /* bytes (weight / 4 for segwit chains) */
};

/* NULL for an unknown name. */
const struct btc_fork *btc_fork_find(const char *name);
/* The i-th fork of the table, NULL past the last. */
const struct btc_fork *btc_fork_at(size_t i);

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
 * Validates address for the fork; out: its canonical form (base58
 * unchanged; bech32 and CashAddr lowercase, CashAddr with its prefix).
 * Bitcoin Cash takes CashAddr with or without prefix and legacy base58;
 * Litecoin L/M/3 and ltc1; Dogecoin D/A/9. TRC_ERR_PARSE naming what is
 * wrong.
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

#endif
