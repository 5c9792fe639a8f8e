/*
 * thornode.h - the client of THORNode's GET /thorchain/tx/status/{hash}
 * (docs/crawling.md, "THORChain swaps"): what THORChain's nodes say
 * became of an inbound - its stage and its outbound transactions.
 *
 * The answer (THORNode's QueryTxStatusResponse, JSON):
 *   { "tx": { "id", "chain", "from_address", "to_address",
 *             "coins": [{"asset", "amount"}], "gas", "memo" },
 *     "planned_out_txs": [{ "chain", "to_address",
 *             "coin": {"asset", "amount"}, "refund" }],
 *     "out_txs": [{ "id", "chain", "from_address", "to_address",
 *             "coins": [{"asset", "amount"}], "gas", "memo" }],
 *     "stages": { "inbound_observed": {"completed", ...},
 *             "swap_status": {"pending", ...},
 *             "outbound_signed": {"completed", ...}, ... } }
 * Amounts are decimal strings in THORChain's 1e8 units. An out tx whose
 * id is 64 zeros is planned, not yet signed.
 *
 * The node is not trusted: what it says is a pointer only. Its answer is
 * checked for shape (every field read is checked, errors name it), and
 * the outbound it names must then be fetched from the destination
 * chain's own source, verified there, and carry OUT:<inbound hash>
 * itself (chains/thorchain/outbound.h). Nothing here prints or stores.
 */
#ifndef TRC_THOR_THORNODE_H
#define TRC_THOR_THORNODE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/net/net.h"
#include "chains/thorchain/detect.h"
#include "chains/thorchain/memo.h"

/* At most this many out txs, planned outs and coins per tx are kept
 * (more is a parse error). */
#define THORNODE_OUTS_MAX 16
#define THORNODE_COINS_MAX 4
/* The answer's size cap. */
#define THORNODE_ANSWER_MAX ((size_t)1 << 20)

enum thornode_stage {
	THORNODE_UNSEEN = 0,   /* the node has not observed the inbound */
	THORNODE_PENDING = 1,  /* observed; no signed outbound yet */
	THORNODE_DONE = 2,     /* an outbound was signed */
	THORNODE_REFUNDED = 3, /* refunded (REFUND:), or a refund planned */
};

struct thornode_coin {
	char asset[THOR_FIELD_MAX + 16]; /* "BTC.BTC", as sent */
	trc_amount amount;		 /* 1e8 units */
};

struct thornode_out {
	char chain[16];		/* "BTC", "ETH", as sent */
	char id[65];		/* uppercase hex, no 0x; "" when planned */
	char to[THOR_ADDR_MAX]; /* to_address as sent */
	char memo[THOR_MEMO_MAX + 1];
	bool refund; /* memo REFUND:, or a planned refund */
	size_t n_coins;
	struct thornode_coin coins[THORNODE_COINS_MAX];
};

struct thornode_status {
	char in_hash[65];  /* the inbound asked for, THORChain's form */
	bool has_tx;	   /* "tx" was in the answer */
	char in_chain[16]; /* tx.chain */
	char in_memo[THOR_MEMO_MAX + 1]; /* tx.memo */
	enum thornode_stage stage;
	size_t n_out;
	struct thornode_out out[THORNODE_OUTS_MAX]; /* signed outs (ids) */
	size_t n_planned;
	struct thornode_out planned[THORNODE_OUTS_MAX]; /* planned_out_txs */
};

/* "unseen", "pending", "done", "refunded". */
const char *thornode_stage_name(enum thornode_stage s);

/*
 * A transaction hash into THORChain's form: 64 hex digits, uppercase,
 * without 0x (given in either case, 0x allowed). Out: out[65].
 * TRC_ERR_INVALID naming what is wrong.
 */
enum trc_err thornode_hash_norm(const char *hash, char out[65],
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Parses a /thorchain/tx/status answer (len bytes of JSON) for the
 * inbound in_hash (THORChain's form). Out: *st, zeroed first, complete
 * on success. TRC_ERR_PARSE naming the field ("out_txs[0].coins[1].
 * amount: not a whole number"); TRC_ERR_TOOBIG past the caps above.
 */
enum trc_err thornode_status_parse(const char *json, size_t len,
				   const char *in_hash,
				   struct thornode_status *st,
				   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Asks the node at c (its base URL, e.g. https://thornode.ninerealms.com)
 * for GET /thorchain/tx/status/{hash}, hash in any form
 * thornode_hash_norm takes, through chains/net (its timeouts, retries,
 * size cap). Out: *st. The transport's errors name the request
 * ("thornode tx status HASH") and the URL.
 */
enum trc_err thornode_tx_status(struct net_client *c, const char *hash,
				struct thornode_status *st,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
