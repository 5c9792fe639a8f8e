/*
 * clusterdb.h - multi-input clustering kept in the database: a union-find
 * over address ids whose links live in LevelDB, maintained by the writer
 * of chaindb_put_tx as each transaction is indexed, so that a cluster
 * lookup reads only the cluster it touches (docs/storage.md, tables
 * cl_root, cl_size, cl_member; docs/taint.md, the heuristics).
 *
 * The rule (one place): a transaction without legs (UTXO-shaped) with two
 * or more inputs joins the addresses of its inputs, unless it is
 * CoinJoin-shaped (clusterdb_is_coinjoin), which is counted instead.
 *
 * A cluster's root is its smallest address id (the address first stored),
 * and a member's link points at the root directly, so that the tables
 * depend only on which transactions are stored, not on the order they
 * were written in: an incremental ingest, a resumed one and
 * clusterdb_rebuild leave the same bytes. Joining two clusters moves the
 * members of the one with the larger root.
 *
 * Ownership: strings returned are new (free()); nothing is borrowed.
 */
#ifndef TRC_CLUSTERDB_H
#define TRC_CLUSTERDB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/record.h"
#include "store/store.h"

/* Outputs of a value below this are dust, never a CoinJoin's
 * denomination. */
#define CLUSTERDB_DUST 546

/*
 * True when tx is CoinJoin-shaped: >= 2 inputs, >= 3 outputs, the most
 * common output value appears p = floor((outputs + 1) / 2) times or more
 * with p <= inputs and p <= distinct input addresses, and that value is
 * not dust.
 */
bool clusterdb_is_coinjoin(const struct rec_tx *tx);

/* ---- the writer's side (store/ only: store/txwrite.c) ---- */

struct clusterw;

struct keyfilter;

/*
 * A new, empty overlay for one batch; NULL when out of memory. With a
 * filter (store/keyfilter.h, borrowed, NULL: none), a cl_root or cl_size
 * key that it rules out is not read, and the keys put go into it.
 */
struct clusterw *clusterw_new(struct keyfilter *filter);
void clusterw_free(struct clusterw *w);
/*
 * Applies the rule to tx (of chain tx->chain, indexed for the first
 * time); ids[i] is the address id of input i (UINT32_MAX: no address).
 * Reads committed state from s; deletions go to b at once, the rest at
 * clusterw_finish.
 */
enum trc_err clusterw_tx(struct clusterw *w, struct store *s,
			 struct store_batch *b, const struct rec_tx *tx,
			 const uint32_t *ids,
			 struct trc_error *err) TRC_WARN_UNUSED;
/* Adds the overlay's links, sizes, members and counters to b. */
enum trc_err clusterw_finish(struct clusterw *w, struct store_batch *b,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* ---- readers ---- */

/*
 * TRC_OK when chain's clustering is complete, else TRC_ERR_CORRUPT
 * saying that a rebuild was interrupted and how to finish it.
 */
enum trc_err clusterdb_ready(struct store *s, uint8_t chain,
			     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The cluster of address. Out: *id, the root's address id + 1 for an
 * address in a cluster of two or more (stable as the chain grows unless
 * it joins an older cluster), 0 for an address alone or unknown; *size
 * (1 when alone or unknown).
 */
enum trc_err clusterdb_find(struct store *s, uint8_t chain, const char *address,
			    uint64_t *id, uint64_t *size,
			    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Calls fn with every member of cluster id (as clusterdb_find gives it,
 * not 0), in address-id order; the string is borrowed for the call; fn
 * returns non-zero to stop.
 */
typedef int (*clusterdb_member_fn)(const char *address, void *ctx);
enum trc_err clusterdb_each_member(struct store *s, uint8_t chain, uint64_t id,
				   clusterdb_member_fn fn, void *ctx,
				   struct trc_error *err) TRC_WARN_UNUSED;

/* Out: *n, the transactions of chain left out as CoinJoin-shaped. */
enum trc_err clusterdb_coinjoins(struct store *s, uint8_t chain, uint64_t *n,
				 struct trc_error *err) TRC_WARN_UNUSED;

/* ---- rebuild ---- */

struct clusterdb_rebuild_stats {
	uint64_t txs;	   /* transactions read */
	uint64_t deleted;  /* entries of the old clustering removed */
	uint64_t clusters; /* clusters of two or more at the end */
};

typedef int (*clusterdb_progress_fn)(void *ctx,
				     const struct clusterdb_rebuild_stats *st);

/*
 * Recomputes chain's clustering from its transactions (chain order),
 * replacing what is stored, in batches; progress (NULL allowed) is called
 * after each and stops the rebuild with TRC_ERR_INTERRUPTED by returning
 * non-zero. Until it ends, clusterdb_ready fails; running it again
 * starts over. Out: *st.
 */
enum trc_err clusterdb_rebuild(struct store *s, uint8_t chain,
			       clusterdb_progress_fn progress, void *ctx,
			       struct clusterdb_rebuild_stats *st,
			       struct trc_error *err) TRC_WARN_UNUSED;

/* TRC_ERR_CORRUPT with the reason when a cl_* pair does not decode. */
enum trc_err clusterdb_check_pair(const uint8_t *key, size_t klen,
				  const uint8_t *val, size_t vlen,
				  struct trc_error *err) TRC_WARN_UNUSED;

#endif
