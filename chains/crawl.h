/*
 * crawl.h - the chain-neutral crawl engine: range ingest with checkpoints,
 * resume and reorg detection, prevout resolution, opening balances, and
 * breadth-first follow mode.
 *
 * A source (chains/btc/src_*.c, chains/eth/src_rpc.c) fills a struct
 * source_ops; the engine calls it and never asks which chain it has. It
 * decides from the shape of the records: inputs are resolved from stored
 * or fetched prevouts; addresses that appear in legs get an opening
 * balance when the source can tell one.
 *
 * Every block is written with its transactions, their indexes, the leg
 * index and the checkpoint in one store batch, so a crawl killed at any
 * moment leaves the database at a block boundary and resumes there.
 * Nothing here prints: progress and failures go to the caller's callbacks.
 */
#ifndef TRC_CRAWL_H
#define TRC_CRAWL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/chain.h"
#include "chains/net/net.h"
#include "store/record.h"
#include "store/store.h"

/* A record that failed verification: where and why. */
struct crawl_failure {
	uint32_t height;  /* REC_HEIGHT_UNKNOWN when not known */
	bool has_txid;
	uint8_t txid[32]; /* stored order */
	char reason[TRC_ERROR_MSG_MAX];
};

/*
 * One fetched, verified block. The source fills block (hash, prev, time,
 * tx_count, verified bits other than REC_VERIFIED_LINK, source, fetched_at)
 * and txs in block order with height/position/time set; inputs may be
 * unresolved (the engine resolves them). Transactions that failed their
 * own verification go to fails instead of txs.
 */
struct crawl_block {
	struct rec_block block;
	struct rec_tx *txs;
	uint32_t n_txs;
	struct crawl_failure *fails;
	uint32_t n_fails;
};

/* Frees what a crawl_block owns and zeroes it. */
void crawl_block_release(struct crawl_block *cb);
/* Appends an empty tx to cb (initialised). Out: *tx, borrowed. */
enum trc_err crawl_block_add_tx(struct crawl_block *cb, struct rec_tx **tx,
				struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err crawl_block_add_failure(struct crawl_block *cb, uint32_t height,
				     const uint8_t *txid, const char *reason,
				     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * What a source does. ctx is the source's own state. Functions a source
 * cannot do are NULL (the engine then says what is missing).
 */
struct source_ops {
	/* Out: *height, the best block the source knows. */
	enum trc_err (*tip)(void *ctx, uint32_t *height,
			    struct trc_error *err);
	/*
	 * Fetches and verifies n consecutive blocks from height into
	 * out[0..n-1] (caller-zeroed). parent_hash is the stored block
	 * height-1's hash or NULL: sources that find blocks by hash (block
	 * files) start from it. A block that fails verification is an error
	 * naming its height and the reason.
	 */
	enum trc_err (*fetch_blocks)(void *ctx, uint32_t height, uint32_t n,
				     const uint8_t *parent_hash,
				     struct crawl_block *out,
				     struct trc_error *err);
	/*
	 * Fetches the transaction txid, verifies that the bytes hash to it,
	 * and fills *tx (empty on entry; height may be unknown).
	 */
	enum trc_err (*fetch_tx)(void *ctx, const uint8_t txid[32],
				 struct rec_tx *tx, struct trc_error *err);
	/*
	 * The same for n transactions at once (in parallel or as a batch);
	 * txs[0..n-1] are empty on entry. NULL: fetch_tx one by one.
	 */
	enum trc_err (*fetch_txs)(void *ctx, uint32_t n,
				  const uint8_t (*txids)[32],
				  struct rec_tx *txs, struct trc_error *err);
	/*
	 * The balances of n (address, asset) pairs (asset NULL: native) at
	 * the end of block height. Out: bals[0..n-1]; 0 for a token contract
	 * that did not exist then.
	 */
	enum trc_err (*balances_at)(void *ctx, uint32_t n,
				    const char *const *addresses,
				    const char *const *assets, uint32_t height,
				    trc_amount *bals, struct trc_error *err);
	/* Follow mode (may be NULL). */
	/*
	 * The txids of address's confirmed history, newest first, at most
	 * max (the source pages as needed). Out: *txids (malloc'd n*32,
	 * free()), *n; *more when the history has more than max.
	 */
	enum trc_err (*address_txids)(void *ctx, const char *address,
				      uint32_t max, uint8_t **txids,
				      uint32_t *n, bool *more,
				      struct trc_error *err);
	/*
	 * A transaction with its inclusion proven: txid verified from the
	 * bytes, and a merkle proof checked against a header whose proof of
	 * work is checked. Fills tx with height, position and time.
	 */
	enum trc_err (*fetch_tx_proven)(void *ctx, const uint8_t txid[32],
					struct rec_tx *tx,
					struct trc_error *err);
	/* Out: spender txid of (txid, vout); *spent false if unspent. */
	enum trc_err (*outspend)(void *ctx, const uint8_t txid[32],
				 uint32_t vout, uint8_t spender[32],
				 bool *spent, struct trc_error *err);
	/* The network name the source serves ("main", "regtest"). */
	const char *(*network)(void *ctx);
	/* URL without credentials or file path, for provenance. */
	const char *(*provenance)(void *ctx);
	void (*free)(void *ctx);
};

struct crawl_source {
	const struct source_ops *ops;
	void *ctx;
};

/* Frees the source's state (ops->free) and zeroes src. */
void crawl_source_release(struct crawl_source *src);

/* How to reach a source (tracer crawl's options). */
struct source_cfg {
	const char *kind;     /* "rpc", "esplora", "blocks" */
	const char *location; /* URL (credentials allowed) or a path */
	const char *network;  /* NULL: the chain's default */
	/* the transport's bounds, jobs, rate, retries and callbacks
	 * (chains/net/net.h); NULL: its defaults. A source may lower the
	 * response cap for what it fetches. */
	const struct net_opts *net;
	uint64_t chain_id;    /* eth: expected chain id, 0: any */
	const char *traces;   /* eth: "auto" (NULL), "none" */
	/* out: something the user should be told (e.g. "internal transfers
	 * are missing"); empty when nothing */
	char warning[256];
};

/*
 * Opens the source of kind cfg->kind for chain. Out: *out (release with
 * crawl_source_release). TRC_ERR_UNSUPPORTED naming the kinds the chain
 * has when it has no such kind.
 */
enum trc_err crawl_source_open(const struct chain_ops *chain,
			       struct source_cfg *cfg, struct crawl_source *out,
			       struct trc_error *err) TRC_WARN_UNUSED;

typedef enum trc_err (*source_open_fn)(const struct chain_ops *chain,
				       struct source_cfg *cfg,
				       struct crawl_source *out,
				       struct trc_error *err);

struct crawl_stats {
	uint32_t first, last;   /* the range this run covers */
	uint32_t blocks;        /* committed by this run */
	uint64_t txs, legs, prevouts, openings;
	uint64_t failures;      /* records that failed verification */
	uint64_t written;       /* store batches committed */
	uint32_t height;        /* last committed */
	bool up_to_date;        /* nothing to do: the checkpoint is at last */
};

#define CRAWL_TO_TIP UINT32_MAX

struct crawl_opts {
	uint32_t from;          /* first height (0 when not given) */
	bool from_given;
	uint32_t to;            /* CRAWL_TO_TIP or a height */
	uint32_t confirmations;
	uint32_t chunk;         /* blocks fetched at once, default 8 */
	bool skip_invalid;
	const volatile sig_atomic_t *stop; /* set by a signal: stop cleanly */
	/* callbacks (NULL allowed) */
	void (*on_progress)(void *cb_ctx, const struct crawl_stats *st);
	void (*on_failure)(void *cb_ctx, const struct crawl_failure *f);
	void *cb_ctx;
};

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
	char **seed_addrs;      /* canonical addresses */
	uint32_t n_seed_addrs;
	uint8_t (*seed_outs)[32]; /* txids of TXID:N seeds */
	uint32_t *seed_vouts;
	uint32_t n_seed_outs;
	uint32_t hops;          /* default 3 */
	uint32_t max_txs;       /* stop after this many txs, default 10000 */
	uint32_t hub_txs;       /* default 1000 */
	const volatile sig_atomic_t *stop;
	void (*on_progress)(void *cb_ctx, const struct crawl_stats *st);
	/* an address not expanded: why ("service: Binance", "hub") */
	void (*on_stop_at)(void *cb_ctx, const char *address,
			   const char *why);
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
			  struct crawl_stats *st, struct trc_error *err)
	TRC_WARN_UNUSED;

/*
 * The leg index (docs/storage.md, table `leg`): one entry per leg end of an
 * account-shaped tx, keyed by address, asset, height, position, leg index.
 * crawl_range writes it; `tracer address` reads it.
 */
struct crawl_leg_entry {
	uint32_t height, position, index;
	uint8_t kind;      /* enum rec_leg_kind */
	uint8_t dir;       /* 1 received, 2 sent */
	const char *asset; /* NULL native; borrowed for the call */
	trc_amount value;
};
typedef int (*crawl_leg_fn)(const struct crawl_leg_entry *e, void *ctx);
/* Calls fn for address's legs, every asset, in (asset, chain) order. */
enum trc_err crawl_each_leg(struct store *s, uint8_t chain,
			    const char *address, crawl_leg_fn fn, void *ctx,
			    struct trc_error *err) TRC_WARN_UNUSED;

#endif
