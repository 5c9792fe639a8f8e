/*
 * source.h - the source contract: what a chain adapter implements so that
 * the crawl engine (chains/crawl.h) can ingest from it without ever asking
 * which chain it is.
 *
 * An adapter lists its kinds of source ("rpc", "esplora", "blocks") in a
 * table of struct source_kind, terminated by { NULL, NULL }, and registers
 * that table with its chain_ops in the chain table (chains/chain.c).
 * crawl_source_open finds a kind there. A source fills struct source_ops;
 * the engine decides from the shape of the records: inputs are resolved
 * from stored or fetched prevouts; addresses that appear in legs get an
 * opening balance when the source can tell one. Nothing here prints.
 */
#ifndef TRC_SOURCE_H
#define TRC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/chain.h"
#include "store/record.h"

struct thor_events; /* chains/thorchain/detect.h */

/*
 * One fetched, verified block. The source fills block (hash, prev, time,
 * tx_count, verified bits other than REC_VERIFIED_LINK, source, fetched_at)
 * and txs in block order with height/position/time set; inputs may be
 * unresolved (the engine resolves them). A transaction that fails its own
 * verification fails the whole fetch (an error naming it).
 */
struct crawl_block {
	struct rec_block block;
	struct rec_tx *txs;
	uint32_t n_txs;
};

/* Frees what a crawl_block owns and zeroes it. */
void crawl_block_release(struct crawl_block *cb);
/*
 * Moves the transaction txid out of cb into *tx (empty on entry): how a
 * source proves a transaction by the whole verified block that holds it.
 * False (tx untouched) when cb does not hold it.
 */
bool crawl_block_take_tx(struct crawl_block *cb, const uint8_t txid[32],
			 struct rec_tx *tx);
/* Appends an empty tx to cb (initialised). Out: *tx, borrowed. */
enum trc_err crawl_block_add_tx(struct crawl_block *cb, struct rec_tx **tx,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * What a source does. ctx is the source's own state. Functions a source
 * cannot do are NULL (the engine then says what is missing).
 */
struct source_ops {
	/* Out: *height, the best block the source knows. */
	enum trc_err (*tip)(void *ctx, uint32_t *height, struct trc_error *err);
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
	 * that did not exist then. *proven: the native balances were proven
	 * by state proofs against a verified state root (tokens' never
	 * are); false when the node's word was taken.
	 */
	enum trc_err (*balances_at)(void *ctx, uint32_t n,
				    const char *const *addresses,
				    const char *const *assets, uint32_t height,
				    trc_amount *bals, bool *proven,
				    struct trc_error *err);
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
	/*
	 * THORChain (may be NULL): appends to out (chains/thorchain/
	 * detect.h) the THORChain events of the transaction txid, read from
	 * bytes verified as fetch_tx_proven's are (a UTXO chain: the txid
	 * recomputed, its OP_RETURN memo; an account chain: the router
	 * logs of its receipt in its verified block). routers: n_routers
	 * contracts (0: any emitter, router_known false).
	 */
	enum trc_err (*thor_events)(void *ctx, const uint8_t txid[32],
				    const char *const *routers,
				    size_t n_routers, struct thor_events *out,
				    struct trc_error *err);
	/* Out: spender txid of (txid, vout); *spent false if unspent. */
	enum trc_err (*outspend)(void *ctx, const uint8_t txid[32],
				 uint32_t vout, uint8_t spender[32],
				 bool *spent, struct trc_error *err);
	/*
	 * True when fetch_blocks may run on a thread of its own while the
	 * engine's thread calls only network and provenance (a source of
	 * local files: it shares nothing else between calls).
	 */
	bool blocks_in_thread;
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
struct net_opts; /* chains/net/net.h */

struct source_cfg {
	const char *kind;     /* "rpc", "esplora", "blocks" */
	const char *location; /* URL (credentials allowed) or a path */
	const char *network;  /* NULL: the chain's default */
	/* the transport's bounds, jobs, rate, retries and callbacks
	 * (chains/net/net.h); NULL: its defaults. A source may lower the
	 * response cap for what it fetches. */
	const struct net_opts *net;
	uint64_t chain_id;  /* expected chain id (if any), 0: any */
	const char *traces; /* call traces: "auto" (NULL), "none" */
	/* an API key for sources that send one in a header (as TronGrid
	 * wants it); NULL: none. Never shown. */
	const char *api_key;
	/* balance proofs: "auto" (NULL), "on", "off" */
	const char *verify_balances;
	/* decode/verify workers of a source that reads blocks itself (block
	 * files); 0: one per core */
	unsigned workers;
	/* out: something the user should be told (e.g. "internal transfers
	 * are missing"); empty when nothing */
	char warning[256];
};

/*
 * Opens one kind of source for chain (an adapter's function). Out: *out
 * (release with crawl_source_release).
 */
typedef enum trc_err (*source_open_fn)(const struct chain_ops *chain,
				       struct source_cfg *cfg,
				       struct crawl_source *out,
				       struct trc_error *err);

/* One entry of an adapter's table of sources. */
struct source_kind {
	const char *kind; /* the cfg->kind it serves */
	source_open_fn open;
};

/*
 * Opens the source of kind cfg->kind for chain, from the kinds the chain
 * registered (chain_sources). Out: *out (release with
 * crawl_source_release). TRC_ERR_UNSUPPORTED naming the kinds the chain
 * has when it has no such kind.
 */
enum trc_err crawl_source_open(const struct chain_ops *chain,
			       struct source_cfg *cfg, struct crawl_source *out,
			       struct trc_error *err) TRC_WARN_UNUSED;

#endif
