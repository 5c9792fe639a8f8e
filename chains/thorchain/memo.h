/*
 * memo.h - THORChain transaction memos, parsed as THORNode parses them
 * (x/thorchain/memo of thornode; dev.thorchain.org "Transaction Memos",
 * "Asset Notation", "Memo Length Reduction"; docs/crosschain.md).
 *
 * A memo is FUNCTION:PARAM1:PARAM2:...; anything from the first '|' on
 * is ignored (THORNode 1.115 and later); empty parameters keep their ':'.
 * The function is case-insensitive. Recognised:
 *   SWAP, S, =, LIMITO, LO     a swap (LIMITO/LO: a limit order)
 *       :ASSET                 required; full notation CHAIN.SYMBOL,
 *                              CHAIN/SYMBOL (synth), CHAIN~SYMBOL (trade),
 *                              SYMBOL alone (THOR.SYMBOL), or a short code
 *                              (exact case): a AVAX.AVAX, b BTC.BTC,
 *                              c BCH.BCH, d DOGE.DOGE, e ETH.ETH,
 *                              g GAIA.ATOM, l LTC.LTC, n BNB.BNB,
 *                              r THOR.RUNE, s BSC.BNB
 *       :DESTADDR[/REFUNDADDR] optional (empty: back to the sender); an
 *                              address or a THORName, not resolved here
 *       :LIM[/INTERVAL/QUANTITY]
 *                              optional trade limit, a whole number in
 *                              base units (1e8 scale) that may be written
 *                              in scientific notation (161e6); a
 *                              fraction is discarded; the streaming
 *                              form's empty parts are 0
 *       :AFFILIATE[/AFF2...]   optional THORName(s) or THOR address(es)
 *       :FEE[/FEE2...]         optional basis points, each 0 to 10000
 *       :DEXAGG:DEXTARGET:DEXLIM   optional aggregator fields, kept
 *   OUT:TXID, REFUND:TXID      an outbound / refund of the inbound TXID
 *                              (64 hex digits, either case, "0x" allowed)
 *   ADD, +, WITHDRAW, WD, -    recognised kinds (ASSET read when given);
 *                              not followed
 *   the other functions of THORNode's table (DONATE, BOND, NOOP, ...)
 *                              THOR_MEMO_OTHER, parameters not read
 * THORNode ignores memos longer than 250 bytes: so does this parser
 * (TRC_ERR_TOOBIG). Bytes outside printable ASCII are refused: no
 * THORChain memo has them and they cannot be shown safely.
 *
 * Errors (TRC_ERR_PARSE) name the field and its byte position in the
 * memo: "memo field 'limit' at byte 24: 'x1' is not a number".
 * Outputs are zeroed first and complete only on success.
 */
#ifndef TRC_THOR_MEMO_H
#define TRC_THOR_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

/* THORNode's memo size limit (constants.MaxMemoSize). */
#define THOR_MEMO_MAX 250
/* Room for any one field of a memo, with its NUL. */
#define THOR_FIELD_MAX (THOR_MEMO_MAX + 1)
/* THORNode's upper bound for basis points (constants.MaxBasisPts). */
#define THOR_MAX_BPS 10000u
/* At most this many affiliates are kept (more is a parse error). */
#define THOR_MAX_AFFILIATES 8

enum thor_memo_kind {
	THOR_MEMO_NONE = 0,
	THOR_MEMO_SWAP = 1,
	THOR_MEMO_OUT = 2,
	THOR_MEMO_REFUND = 3,
	THOR_MEMO_ADD = 4,
	THOR_MEMO_WITHDRAW = 5,
	THOR_MEMO_OTHER = 6
};

/* The asset kinds of THORChain's notation. */
enum thor_asset_kind {
	THOR_ASSET_L1 = 0,    /* CHAIN.SYMBOL */
	THOR_ASSET_SYNTH = 1, /* CHAIN/SYMBOL */
	THOR_ASSET_TRADE = 2  /* CHAIN~SYMBOL */
};

struct thor_asset {
	enum thor_asset_kind kind;
	char chain[16];			/* uppercase: "BTC", "ETH", "THOR" */
	char symbol[THOR_FIELD_MAX];	/* uppercase: "BTC", "USDT-0XDAC1..." */
	char ticker[THOR_FIELD_MAX];	/* the symbol up to its first '-' */
	char full[THOR_FIELD_MAX + 16]; /* chain, separator, symbol */
	bool short_code;		/* written as a short code */
	/* the symbol's id is "0X" + 40 hex digits: an EVM token contract */
	bool has_contract;
	uint8_t contract[20];
};

struct thor_memo {
	enum thor_memo_kind kind;
	char function[16]; /* as written: "=", "SWAP", "out" */
	bool limit_order;  /* LIMITO / LO */
	bool has_asset;
	struct thor_asset asset;
	char dest[THOR_FIELD_MAX];   /* "" when not given */
	char refund[THOR_FIELD_MAX]; /* "" when not given */
	bool has_limit;
	trc_amount limit;
	bool streaming; /* LIM/INTERVAL/QUANTITY form */
	uint64_t interval, quantity;
	char affiliate[THOR_FIELD_MAX]; /* as written, '/'-separated */
	size_t n_fees;
	uint64_t fee_bps[THOR_MAX_AFFILIATES];
	char dex_aggregator[THOR_FIELD_MAX];
	char dex_target[THOR_FIELD_MAX];
	bool has_dex_limit;
	trc_amount dex_limit;
	/* OUT / REFUND: the inbound hash, bytes in the order written (a
	 * Bitcoin txid as displayed: its internal order is the reverse) */
	bool has_txid;
	uint8_t txid[32];
};

/*
 * Parses the len bytes at memo (not NUL-terminated; NUL bytes are
 * refused). Out: *m, zeroed first, filled on success.
 * Returns TRC_ERR_PARSE naming the field and byte position,
 * TRC_ERR_TOOBIG past THOR_MEMO_MAX bytes. err may be NULL.
 */
enum trc_err thor_memo_parse(struct thor_memo *m, const char *memo, size_t len,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* "swap", "out", "refund", "add", "withdraw", "other"; "none" for 0. */
const char *thor_memo_kind_name(enum thor_memo_kind k);

#endif
