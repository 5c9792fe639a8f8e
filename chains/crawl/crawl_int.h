/*
 * crawl_int.h - the parts of the crawl engine (chains/crawl.h), private to
 * chains/crawl/: one run's state, and what the parts call of each other.
 *
 *   run.c      the run's state: prevouts of the batch, the network check
 *   prevout.c  prevout resolution: inputs filled from the block, the store
 *              or the source (prefetched in one batch), then the fee
 *   opening.c  opening balances of addresses first seen in a block
 *   range.c    range ingest: plan, fetch in chunks, link, resolve, commit
 *   reader.c   the reader of a range ingest: fetches (and so decodes and
 *              verifies) the next chunks on a thread of its own while the
 *              writer resolves and commits the one before
 *   outcache.c the bounded cache of recent outputs that inputs are
 *              resolved from before the database
 *   follow.c   follow mode: breadth-first from the seeds
 *
 * The engine never names a chain: it asks the chain table (chain_ops) and
 * the source (chains/source.h).
 */
#ifndef TRC_CRAWL_INT_H
#define TRC_CRAWL_INT_H

#include <pthread.h>
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

#define IDMAP_INIT                                                             \
	{                                                                      \
		INTERN_INIT, NULL, 0                                           \
	}

void idmap_release(struct idmap *m);
/* Maps id to val (replacing a value it had). TRC_ERR_NOMEM. */
enum trc_err idmap_put(struct idmap *m, const uint8_t id[32], uint32_t val,
		       struct trc_error *err) TRC_WARN_UNUSED;
/* True when id is mapped; then *val (when not NULL) is its value. */
bool idmap_get(const struct idmap *m, const uint8_t id[32], uint32_t *val);

/*
 * The bounded cache of recent outputs (outcache.c): the unspent outputs of
 * the transactions committed last, at most max_bytes of them (0: none).
 * Only what is committed goes in, so whatever it says the database says
 * too; what it does not hold is in the database. OUTCACHE_INIT, or
 * outcache_init; outcache_release is always safe after either.
 */
struct oc_ent;
struct outcache {
	struct oc_ent **slots; /* open addressing, cap a power of two */
	size_t cap, n;
	struct oc_ent *oldest, *newest; /* eviction order */
	size_t bytes, max_bytes;
};

#define OUTCACHE_INIT                                                          \
	{                                                                      \
		NULL, 0, 0, NULL, NULL, 0, 0                                   \
	}

enum outcache_hit {
	OUTCACHE_MISS,		 /* ask the database */
	OUTCACHE_HIT,		 /* *address, *value set */
	OUTCACHE_NO_SUCH_OUTPUT, /* the tx has only *n_out outputs */
};

void outcache_init(struct outcache *c, size_t max_bytes);
void outcache_release(struct outcache *c);
/*
 * Adds the outputs of tx (committed), evicting the oldest transactions
 * when over the budget; a tx larger than the whole budget is left out.
 * TRC_ERR_NOMEM.
 */
enum trc_err outcache_add(struct outcache *c, const struct rec_tx *tx,
			  struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Looks up output vout of txid. Out on OUTCACHE_HIT: *address (borrowed,
 * valid until the next outcache_add or outcache_spend; NULL when the
 * output has none) and *value; on OUTCACHE_NO_SUCH_OUTPUT: *n_out.
 */
enum outcache_hit outcache_take(struct outcache *c, const uint8_t txid[32],
				uint32_t vout, const char **address,
				trc_amount *value, uint32_t *n_out);
/* Forgets output vout of txid (it is spent), and the tx when all are. */
void outcache_spend(struct outcache *c, const uint8_t txid[32], uint32_t vout);

/*
 * The reader of a range ingest (reader.c). A chunk is n blocks from
 * height h as the source's fetch_blocks gave them, or its failure (rc,
 * err); free with crawl_chunk_free (NULL allowed).
 */
struct crawl_chunk {
	struct crawl_block *cbs;
	uint32_t h, n;
	enum trc_err rc;
	struct trc_error err;
};

void crawl_chunk_free(struct crawl_chunk *c);

/* Private to reader.c; the writer only passes it around. */
struct crawl_reader {
	const struct crawl_source *src;
	uint32_t next, last, chunk;
	bool ended, nomem, threaded, quit, done;
	uint8_t parent[32];
	bool have_parent;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct crawl_chunk *ready;
};

/*
 * Starts reading [first, last] in chunks of chunk blocks; parent (NULL
 * allowed) is the stored hash of block first - 1. threaded: on a thread
 * of its own (the source must allow it: blocks_in_thread), else each
 * reader_next fetches in line. reader_stop is due after success.
 */
enum trc_err reader_start(struct crawl_reader *rd,
			  const struct crawl_source *src, uint32_t first,
			  uint32_t last, uint32_t chunk, const uint8_t *parent,
			  bool threaded, struct trc_error *err) TRC_WARN_UNUSED;
/*
 * The next chunk in chain order (new, the caller frees it), NULL after
 * the last one, after a failed chunk, or when out of memory (rd->nomem).
 */
struct crawl_chunk *reader_next(struct crawl_reader *rd);
/* Stops the thread (if any) and frees what it read ahead. */
void reader_stop(struct crawl_reader *rd);

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
	struct outcache outs;	   /* recent outputs (range ingest) */
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
enum trc_err run_check_network(struct run *r,
			       struct trc_error *err) TRC_WARN_UNUSED;
/* Adds the prevouts fetched for this batch to r->batch. */
enum trc_err run_put_prevouts(struct run *r,
			      struct trc_error *err) TRC_WARN_UNUSED;
/* Adds the network record when it is due, and commits r->batch. */
enum trc_err run_commit(struct run *r, struct trc_error *err) TRC_WARN_UNUSED;

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
				const bool *skip,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
