/*
 * chain.h - the table of chain operations (STYLE.md rule 3): everything the
 * crawler, the tag importer, the graph engine and the CLI need to know about
 * a chain family without ever testing which one it is.
 *
 * Each adapter defines one `const struct chain_ops chain_<name>_ops`
 * (chains/btc: Bitcoin and its networks; chains/eth: Ethereum and EVM
 * chains) and its table of sources `<name>_sources` (chains/source.h);
 * the one list in chain.c registers both by the chain's name.
 */
#ifndef TRC_CHAIN_H
#define TRC_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

/* The longest canonical address any chain produces, with its NUL. */
#define CHAIN_ADDR_MAX 128
/* The longest displayed txid with its NUL: Ethereum's "0x" + 64 digits. */
#define CHAIN_TXID_STR_MAX 67

/* A unit amounts may be written in: "btc" 8, "sat" 0 (case-insensitive). */
struct chain_unit {
	const char *name;
	unsigned decimals; /* of base units per unit: 10^decimals */
};

struct chain_ops {
	const char *name;		/* "btc", "eth": the --chain value */
	const char *title;		/* "Bitcoin", "Ethereum": for people */
	uint8_t id;			/* enum trc_chain (store/record.h) */
	const char *asset;		/* native asset symbol: "BTC", "ETH" */
	unsigned decimals;		/* of the native asset: 8, 18 */
	const char *default_network;	/* "main" */
	unsigned default_confirmations; /* 6 for btc, 64 for eth */
	/* The units of the native asset, the coin first and the base unit
	 * last ("btc", "sat"; "eth", "gwei", "wei"); ended by a NULL name. */
	const struct chain_unit *units;

	/* True when network names one this chain knows ("main", "regtest",
	 * "bcoin-regtest", ...). */
	bool (*network_valid)(const char *network);

	/*
	 * Validates an address of the given network (checksums included)
	 * and writes its canonical form (bech32 lower case, EIP-55 mixed
	 * case, ...) to out (outsize bytes, CHAIN_ADDR_MAX is enough).
	 * Returns TRC_ERR_PARSE with the reason for an invalid address.
	 */
	enum trc_err (*address_normalize)(const char *network, const char *in,
					  char *out, size_t outsize,
					  struct trc_error *err);

	/*
	 * The network an address string belongs to: the first of the
	 * chain's networks (main first) whose address_normalize accepts in,
	 * or NULL when none does (not an address of this chain). Networks
	 * that share an encoding (Bitcoin's test, testnet4, signet) give the
	 * first of them. The name is static.
	 */
	const char *(*address_network)(const char *in);

	/*
	 * Parses a transaction id as users write it (hex, Bitcoin's
	 * displayed byte order) into the stored form (store/record.h), and
	 * formats a stored one for display (out holds CHAIN_TXID_STR_MAX
	 * bytes: Bitcoin writes 64 digits, Ethereum "0x" and 64 digits).
	 */
	enum trc_err (*txid_parse)(const char *in, uint8_t txid[32],
				   struct trc_error *err);
	void (*txid_format)(const uint8_t txid[32],
			    char out[CHAIN_TXID_STR_MAX]);
};

struct source_kind;

/*
 * Parses an amount of chain's native asset as people write it: a whole
 * number of base units ("150000000"), or a number and a unit of the
 * chain, with or without a space, in any case ("1.5btc", "1.5 BTC",
 * "150000000sat", "0.2eth", "30 gwei", "21000wei"). Out: *out in base
 * units; *had_unit (may be NULL) true when a unit was written.
 * TRC_ERR_PARSE with what to write instead ("'1,5' is not an amount:
 * write 1.5btc, 150000000sat or a whole number of sat"); err may be NULL.
 */
enum trc_err chain_amount_parse(const struct chain_ops *chain, const char *s,
				trc_amount *out, bool *had_unit,
				struct trc_error *err) TRC_WARN_UNUSED;

/* NULL for an unknown name or id. The returned tables are static. */
const struct chain_ops *chain_find(const char *name);

/* A chain as a user names it: chain_find without regard to case ("BTC"
 * is btc); NULL for an unknown one. */
const struct chain_ops *chain_lookup(const char *name);
const struct chain_ops *chain_by_id(uint8_t id);
/* The i-th chain of the table (0, 1, ...), NULL past the last. */
const struct chain_ops *chain_at(size_t i);
/* "btc, eth": the names known, for messages. */
const char *chain_names(void);
/* The chain's sources, terminated by a NULL kind (chains/source.h);
 * static. NULL for a chain that is not in the table. */
const struct source_kind *chain_sources(const struct chain_ops *chain);

#endif
