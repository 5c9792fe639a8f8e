/*
 * address_json.h - the JSON document of one address as the database
 * knows it (docs/json.md): per asset balance, received and sent, the
 * number of transactions, first and last seen, tags, cluster, warnings,
 * and optionally the history. `tracer address` prints it (or a text form
 * read from it) and `tracer serve` answers with it: one code path.
 */
#ifndef TRC_ADDRESS_JSON_H
#define TRC_ADDRESS_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "chains/chain.h"
#include "store/store.h"

/*
 * The document of address (canonical, as chain->address_normalize gives
 * it) of chain on network (written as given; NULL: null) from store s.
 * with_txs adds the "txs" history. Out: *out, a new reference (NULL on
 * failure). Errors: TRC_ERR_NOMEM, TRC_ERR_OVERFLOW (a total beyond 256
 * bits), TRC_ERR_CORRUPT (the history names a transaction not stored),
 * the store's read errors.
 *
 * {"chain", "network", "address", "assets": [{"asset", "decimals",
 *  "balance", "received", "sent", "complete"}], "tx_count",
 *  "first_seen", "last_seen" ({"height", "time", "time_unix"} or null),
 *  "tags": [tag objects], "cluster": {"id", "size"} or null,
 *  "warnings": [strings], and with with_txs "txs": [{"txid", "height",
 *  "time", "time_unix", "in", "out", "failed"}]}
 */
enum trc_err address_json(struct store *s, const struct chain_ops *chain,
			  const char *network, const char *address,
			  bool with_txs, json_t **out,
			  struct trc_error *err) TRC_WARN_UNUSED;

#endif
