/*
 * crawl.h - the chain-neutral crawl engine (chains/crawl/): range ingest
 * with checkpoints, resume and reorg detection, prevout resolution,
 * opening balances, and breadth-first follow mode.
 *
 * The engine drives a source through the source contract (chains/source.h)
 * and never asks which chain it has. It decides from the shape of the
 * records: inputs are resolved from stored or fetched prevouts; addresses
 * that appear in legs get an opening balance when the source can tell one.
 *
 * Every block is written with its transactions, all their indexes and the
 * checkpoint in one store batch, so a crawl killed at any moment leaves the
 * database at a block boundary and resumes there. Nothing here prints:
 * progress and failures go to the caller's callbacks.
 */
#ifndef TRC_CRAWL_H
#define TRC_CRAWL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/chain.h"
#include "chains/source.h"
#include "store/record.h"
#include "store/store.h"

/* A transaction that failed verification: where and why. */
struct crawl_failure {
	uint32_t height; /* REC_HEIGHT_UNKNOWN when not known */
	bool has_txid;
	uint8_t txid[32]; /* stored order */
	char reason[TRC_ERROR_MSG_MAX];
};

struct crawl_stats {
	uint32_t first, last; /* the range this run covers */
	uint32_t blocks;      /* committed by this run */
	uint64_t txs, legs, prevouts, openings;
	uint64_t failures; /* records that failed verification */
	uint64_t written;  /* store batches committed */
	uint32_t height;   /* last committed */
	bool up_to_date;   /* nothing to do: the checkpoint is at last */
};

#define CRAWL_TO_TIP UINT32_MAX

struct crawl_opts {
	uint32_t from; /* first height (0 when not given) */
	bool from_given;
	uint32_t to; /* CRAWL_TO_TIP or a height */
	uint32_t confirmations;
	uint32_t chunk; /* blocks fetched at once, default 8 */
	/* 1: everything in one thread; else (0: the default) the source's
	 * blocks are read (decoded, verified) on a thread beside the writer
	 * when the source allows it (source_ops.blocks_in_thread) */
	uint32_t jobs;
	/* bytes of recent outputs kept to resolve inputs without reading
	 * the database (0: none) */
	size_t cache_bytes;
	bool skip_invalid;
	const volatile sig_atomic_t *stop; /* set by a signal: stop cleanly */
	/* callbacks (NULL allowed) */
	void (*on_progress)(void *cb_ctx, const struct crawl_stats *st);
	void (*on_failure)(void *cb_ctx, const struct crawl_failure *f);
	void *cb_ctx;
};

/*
 * How a range ingest spends a memory budget of bytes: LevelDB's write
 * buffer and block cache (*db, for store_tune) and the cache of recent
 * outputs (*outputs, for crawl_opts.cache_bytes); the rest is left for a
 * second write buffer while one is flushed and the blocks in flight.
 */
void crawl_split_cache(size_t bytes, struct store_tuning *db, size_t *outputs);

/*
 * Range ingest from src into s for chain. Resumes after the stored
 * checkpoint. Returns TRC_ERR_REORG naming the height where a block does
 * not link to its stored parent; TRC_ERR_VERIFY for a record that fails
 * (unless opts->skip_invalid, then it is reported and left out);
 * TRC_ERR_INVALID when the database holds another network of the chain;
 * TRC_ERR_INTERRUPTED when *opts->stop was set (the last block committed
 * stays). Out: *st.
 */
enum trc_err crawl_range(struct store *s, const struct chain_ops *chain,
			 struct crawl_source *src,
			 const struct crawl_opts *opts, struct crawl_stats *st,
			 struct trc_error *err) TRC_WARN_UNUSED;

struct follow_opts {
	char **seed_addrs; /* canonical addresses */
	uint32_t n_seed_addrs;
	uint8_t (*seed_outs)[32]; /* txids of TXID:N seeds */
	uint32_t *seed_vouts;
	uint32_t n_seed_outs;
	uint32_t hops;	  /* default 3 */
	uint32_t max_txs; /* stop after this many txs, default 10000 */
	uint32_t hub_txs; /* default 1000 */
	const volatile sig_atomic_t *stop;
	void (*on_progress)(void *cb_ctx, const struct crawl_stats *st);
	/* an address not expanded: why ("service: Binance", "hub") */
	void (*on_stop_at)(void *cb_ctx, const char *address, const char *why);
	void (*on_failure)(void *cb_ctx, const struct crawl_failure *f);
	void *cb_ctx;
};

/*
 * Follow mode: breadth-first from the seeds through address histories and
 * outspends, hop by hop, storing every proven transaction (and the prevouts
 * needed to resolve its inputs). Never expands an address tagged as a
 * service (store/tags.h) or one with more than hub_txs transactions.
 * TRC_ERR_UNSUPPORTED when the source has no follow functions.
 */
enum trc_err crawl_follow(struct store *s, const struct chain_ops *chain,
			  struct crawl_source *src,
			  const struct follow_opts *opts,
			  struct crawl_stats *st,
			  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * One transaction: fetched with its inclusion proven (the source's
 * fetch_tx_proven), its inputs resolved (the prevouts it needs fetched
 * and stored with it) and stored in one batch; how a transaction found
 * by other means (a THORChain outbound) enters the database. Out: *tx
 * (empty on entry; the caller releases it), *st counts it.
 * TRC_ERR_UNSUPPORTED when the source cannot prove one transaction;
 * TRC_ERR_INVALID when the database holds another network of the chain.
 */
enum trc_err crawl_store_tx(struct store *s, const struct chain_ops *chain,
			    struct crawl_source *src, const uint8_t txid[32],
			    struct rec_tx *tx, struct crawl_stats *st,
			    struct trc_error *err) TRC_WARN_UNUSED;

#endif
