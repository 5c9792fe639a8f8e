/*
 * cluster_json.h - the document of `tracer cluster --json` (docs/cli.md):
 * an address's multi-input cluster with its evidence -- its members and
 * their tags, the tag it inherits (inferred, with the evidence txids),
 * the CoinJoin-shaped transactions left out and, for a member, the path
 * of linking transactions. Shared by `tracer cluster` and `tracer
 * serve`'s /api/cluster. Reads the store, never prints.
 */
#ifndef TRC_CLUSTER_JSON_H
#define TRC_CLUSTER_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"
#include "chains/chain.h"
#include "store/store.h"

struct cluster_json_opts {
	const struct chain_ops *chain;
	const char *network; /* of the addresses */
	const char *address; /* canonical */
	const char *member;  /* canonical; NULL: no path */
	size_t max_members;  /* members listed (0: all) */
};

/*
 * Out: *out (new) on success, NULL on failure. Returns the clustering's
 * errors (cluster_open: a stopped rebuild), TRC_ERR_NOTFOUND when member
 * is not in the cluster, the store's errors.
 */
enum trc_err cluster_json(struct store *s, const struct cluster_json_opts *o,
			  json_t **out, struct trc_error *err) TRC_WARN_UNUSED;

#endif
