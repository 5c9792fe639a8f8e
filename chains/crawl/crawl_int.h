/*
 * crawl_int.h - the parts of the crawl engine (chains/crawl.h), private to
 * chains/crawl/: one run's state, and what the parts call of each other.
 *
 *   run.c      the run's state: prevouts of the batch, the network check
 *   prevout.c  prevout resolution: inputs filled from the block, the store
 *              or the source (prefetched in one batch), then the fee
 *   opening.c  opening balances of addresses first seen in a block
 *   range.c    range ingest: plan, fetch in chunks, link, resolve, commit
 *   follow.c   follow mode: breadth-first from the seeds
 *
 * The engine never names a chain: it asks the chain table (chain_ops) and
 * the source (chains/source.h).
 */
#ifndef TRC_CRAWL_INT_H
#define TRC_CRAWL_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/intern.h"
#include "chains/crawl.h"

/*
 * A map from 32-byte ids to values, over the one hash table (intern.h).
 * IDMAP_INIT makes an empty one; idmap_release is always safe after it.
 */
struct idmap {
	struct intern ids;
	uint32_t *vals; /* by intern id */
	size_t cap;
};

#define IDMAP_INIT { INTERN_INIT, NULL, 0 }

void idmap_release(struct idmap *m);
/* Maps id to val (replacing a value it had). TRC_ERR_NOMEM. */
enum trc_err idmap_put(struct idmap *m, const uint8_t id[32], uint32_t val,
		       struct trc_error *err) TRC_WARN_UNUSED;
/* True when id is mapped; then *val (when not NULL) is its value. */
bool idmap_get(const struct idmap *m, const uint8_t id[32], uint32_t *val);

/* One crawl's state (range or follow). */
struct run {
	struct store *s;
	const struct chain_ops *chain;
	struct crawl_source *src;
	struct crawl_stats *st;
	struct store_batch *batch;
	struct rec_tx *prevouts; /* fetched for the current batch */
	uint32_t n_prevouts;
	struct intern prevout_ids; /* txid -> index in prevouts */
	bool put_network;
};

/* Forgets the prevouts of the last batch. */
void run_drop_prevouts(struct run *r);
/* Formats txid as the chain displays it. */
void run_fmt_txid(const struct run *r, const uint8_t txid[32],
		  char out[CHAIN_TXID_STR_MAX]);
/*
 * Refuses a source serving another network than the database holds; on a
 * database without one, sets r->put_network so that the first batch
 * records it.
 */
enum trc_err run_check_network(struct run *r, struct trc_error *err)
	TRC_WARN_UNUSED;
/* Adds the prevouts fetched for this batch to r->batch. */
enum trc_err run_put_prevouts(struct run *r, struct trc_error *err)
	TRC_WARN_UNUSED;
/* Adds the network record when it is due, and commits r->batch. */
enum trc_err run_commit(struct run *r, struct trc_error *err)
	TRC_WARN_UNUSED;

/*
 * Prevout resolution (prevout.c). prefetch: fetches in one call what the
 * block's inputs need that neither the block nor the store has.
 * resolve_tx: fills tx's inputs from txs[*] (block: txid -> index in txs;
 * NULL when txs is NULL), the store or the source, then its fee.
 */
enum trc_err crawl_prefetch_prevouts(struct run *r,
				     const struct crawl_block *cb,
				     struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err crawl_resolve_tx(struct run *r, const struct idmap *block,
			      const struct rec_tx *txs, struct rec_tx *tx,
			      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Opening balances (opening.c): for the (address, asset) pairs of the
 * block's legs (skip[i]: tx i left out) that the database has not seen,
 * their balance at the end of the block before, as one record in
 * r->batch. Nothing when the source cannot tell balances.
 */
enum trc_err crawl_put_openings(struct run *r, const struct crawl_block *cb,
				const bool *skip, struct trc_error *err)
	TRC_WARN_UNUSED;

#endif
