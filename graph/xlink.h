/*
 * xlink.h - a cross-chain link: taint leaving one chain at an output (or
 * leg) and arriving on another at an output (or leg), by a swap, a bridge
 * or the investigator's word. docs/crosschain.md describes the record,
 * the kinds and confidence levels, and the conversion rule, which is
 * xlink_convert and nowhere else.
 *
 * The record names chains by their --chain name ("btc", "eth"): graph/
 * knows no chain; tracer/case/ reads links from case files and checks
 * them against the database.
 *
 * Ownership: struct xlink owns its strings; xlink_release frees them
 * (safe on a zeroed or XLINK_INIT struct).
 */
#ifndef TRC_XLINK_H
#define TRC_XLINK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

/* How the two sides are known to belong together. Values are stable. */
enum xlink_kind {
	XLINK_THORCHAIN = 0, /* a THORChain inbound and its outbound */
	XLINK_DEX_SWAP = 1,  /* a swap inside one transaction */
	XLINK_STATED = 2,    /* the investigator's own (a case file) */
};
#define XLINK_KIND_COUNT 3

enum xlink_confidence {
	XLINK_HIGH = 0, /* a deterministic protocol match */
	XLINK_MEDIUM = 1,
	XLINK_LOW = 2,
};
#define XLINK_CONFIDENCE_COUNT 3

/* "thorchain", "dex-swap", "stated"; NULL for an unknown value. */
const char *xlink_kind_name(enum xlink_kind k);
/* Out: *k. Returns false for an unknown name. */
bool xlink_kind_from_name(const char *name, enum xlink_kind *k);
/* "high", "medium", "low"; NULL for an unknown value. */
const char *xlink_confidence_name(enum xlink_confidence c);
/* Out: *c. Returns false for an unknown name. */
bool xlink_confidence_from_name(const char *name, enum xlink_confidence *c);

/* One side of a link. */
struct xlink_end {
	char *chain;	   /* the chain's --chain name: "btc", "eth" */
	char *network;	   /* NULL: the one the database records */
	char *txid;	   /* as written (the chain's display form) */
	uint32_t n;	   /* output (UTXO chains) or leg (accounts) */
	trc_amount amount; /* the output's (leg's) value, base units */
	char *asset;	   /* "BTC", "ETH", a token contract; NULL: the
			    * database's (not checked) */
};

struct xlink {
	struct xlink_end from, to;
	uint8_t kind;	    /* enum xlink_kind */
	uint8_t confidence; /* enum xlink_confidence */
	char *evidence;	    /* free text: memo, event, heights; NULL */
};

#define XLINK_INIT                                                             \
	{                                                                      \
		.kind = XLINK_STATED, .confidence = XLINK_MEDIUM               \
	}

void xlink_release(struct xlink *l);

/*
 * The conversion rule: taint T arriving at the source output of value
 * V_a carries to the destination output of value V_b as
 *     floor(T * V_b / V_a)
 * computed exactly (the product in 512 bits). Out: *out, and *rem (may
 * be NULL) = (T * V_b) mod V_a: the remainder, rem / V_a of one base
 * unit of the destination asset, is left clean at the destination.
 * Returns TRC_ERR_INVALID when V_a is zero or T is above V_a (the link
 * is named by the caller).
 */
enum trc_err xlink_convert(const struct xlink *l, trc_amount taint,
			   trc_amount *out, trc_amount *rem,
			   struct trc_error *err) TRC_WARN_UNUSED;

#endif
