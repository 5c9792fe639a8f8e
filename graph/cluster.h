/*
 * cluster.h - attribution by heuristics: multi-input clustering
 * (common-input ownership, CoinJoin-shaped transactions left out), kept in
 * the database as the transactions are stored (store/clusterdb.h has the
 * rule and the union-find), and, on account chains, deposit-address
 * inference (an untagged address that forwards what it receives to a
 * tagged exchange), computed from that address's own history when asked.
 * docs/taint.md describes both. A set reads only the clusters and
 * histories its questions touch, and the chain's tags once.
 *
 * Ownership: cluster_open returns a new set, free with cluster_free.
 * Strings returned through pointers to const are borrowed from the set
 * and valid until cluster_free. Arrays returned through pointer-to-pointer
 * arguments are new; free them with free() (their strings stay borrowed).
 * The set caches what it has read, so it is not safe to share between
 * threads. Reads the store only; never touches the network.
 */
#ifndef TRC_CLUSTER_H
#define TRC_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/clusterdb.h"
#include "store/record.h"
#include "store/store.h"
#include "store/tags.h"

struct cluster_set;

/* A displayed txid with its NUL: "0x" and 64 hex digits at most (the
 * size of chains/chain.h's CHAIN_TXID_STR_MAX). */
#define CLUSTER_TXID_STR 67

struct cluster_opts {
	int64_t deposit_window;	    /* seconds; default 86400 */
	unsigned deposit_share_pct; /* default 90 */
};

/* Fills the defaults. */
void cluster_opts_init(struct cluster_opts *o);

/*
 * Opens chain's clustering in s and reads its tags. Fails when a
 * 'tracer cluster --rebuild' was interrupted (clusterdb_ready). Out:
 * *out, new (free with cluster_free); NULL on failure.
 */
enum trc_err cluster_open(struct store *s, uint8_t chain,
			  const struct cluster_opts *o,
			  struct cluster_set **out,
			  struct trc_error *err) TRC_WARN_UNUSED;
void cluster_free(struct cluster_set *c);

/* Transactions of the chain left out as CoinJoin-shaped. */
uint64_t cluster_coinjoins(const struct cluster_set *c);

/*
 * The cluster id of address (clusterdb_find): its first stored member's
 * address id + 1 for an address in a cluster of two or more, 0 for an
 * address alone or unknown. Out: *id.
 */
enum trc_err cluster_id(const struct cluster_set *c, const char *address,
			uint32_t *id, struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The members of address's cluster (address itself included, a cluster
 * of one when alone) in the order they were first stored, the first max
 * of them (0: all; only those are read). Out: *members (new array of
 * borrowed strings; free(*members)), *n; *total, the cluster's size.
 */
enum trc_err cluster_members(const struct cluster_set *c, const char *address,
			     size_t max, const char ***members, size_t *n,
			     uint64_t *total,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* One link of evidence: `address` was joined to the previous step's
 * address because both spent inputs of tx `txid` (stored byte order). */
struct cluster_link {
	const char *address;
	uint8_t txid[32];
};

/*
 * The chain of links from `from` to `to` (same cluster): steps[0] is
 * `from` (its txid zero), the last is `to`; a shortest one, found
 * breadth-first over the members' histories in chain order (so the same
 * for the same transactions, whatever order they were stored in). Out:
 * *steps (new array; free()), *n. TRC_ERR_NOTFOUND when they are not in
 * one cluster.
 */
enum trc_err cluster_path(const struct cluster_set *c, const char *from,
			  const char *to, struct cluster_link **steps,
			  size_t *n, struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The tag address gets by inference, when it has no tag of its own:
 * the best tag of a tagged member of its cluster (evidence: the linking
 * txids, displayed with txid_format, NULL: hex of stored bytes), or on
 * account chains a deposit address of the exchange it forwards to
 * (category deposit, evidence: the forwarding txids). Out: *t (filled,
 * t->inferred set, owned by the caller: tag_release) when *found.
 */
enum trc_err cluster_infer(const struct cluster_set *c, const char *address,
			   void (*txid_format)(const uint8_t txid[32],
					       char out[CLUSTER_TXID_STR]),
			   struct tag *t, bool *found,
			   struct trc_error *err) TRC_WARN_UNUSED;

#endif
