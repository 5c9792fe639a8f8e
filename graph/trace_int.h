/*
 * trace_int.h - private to graph/trace*.c: the state of one trace run and
 * the functions the parts of the engine share. Not a contract for anyone
 * outside graph/ (graph/trace.h is).
 *
 * The parts:
 *   trace.c        setup (options, seeds, clusters) and the run loop
 *   trace_eng.c    engine state: growth, interning of addresses, assets
 *                  and visited txs, classification of an address (tags,
 *                  exits, hubs), seeds
 *   trace_utxo.c   one UTXO transaction under a policy (coins)
 *   trace_pool.c   one account transaction (pools per address and asset)
 *   trace_book.c   bookkeeping: edges, outputs, exits, unresolved, held
 *   trace_finish.c the result: sorting, paths, roles, the identity
 *   trace_result.c the public names, option defaults, trace_result_free
 *
 * All state of a run lives in one struct eng (no file-scope mutable
 * state): two traces may run in one process, also in two threads.
 * Errors: a part that fails sets e->rc (and e->err through trc_fail) once;
 * the run loop stops at the transaction in hand.
 */
#ifndef TRC_TRACE_INT_H
#define TRC_TRACE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/amount.h"
#include "base/intern.h"
#include "graph/cluster.h"
#include "graph/policy.h"
#include "graph/trace.h"
#include "store/record.h"
#include "store/store.h"

/* A_FOLLOW: the address's history is read from the moment taint reached
 * it (seeds: from the start); its pools are kept from then on. */
enum { A_SEED = 1, A_CHECKED = 2, A_EXIT = 4, A_HUB = 8, A_FOLLOW = 16 };
enum { C_LIVE, C_STOP_HOPS, C_STOP_MIN };

struct addr {
	uint8_t flags;
	uint32_t node;
};

struct coin {
	uint32_t addr;
	uint32_t hop;
	uint32_t flow;
	uint32_t tx; /* creating tx (visited index) */
	uint8_t state;
	uint8_t spent;
	trc_amount value, taint;
	uint32_t seg_off, seg_n; /* fifo/lifo intervals in e->segs */
};

struct qseg {
	trc_amount amt;
	uint8_t tainted;
};

struct pool {
	trc_amount bal, taint;
	uint32_t hop;
	uint32_t flow; /* largest tainted receipt, for paths */
	uint8_t poisoned;
	uint8_t frozen; /* the asset's issuer froze the address (LEG_FREEZE) */
	struct qseg *q; /* fifo/lifo: the queue [head, n) */
	uint32_t head, n, alloc;
};

struct flow {
	uint32_t parent;
	uint32_t tx;
	uint32_t to;
	trc_amount amount;
};

struct vtx {
	char txid[TRACE_TXID_STR];
	int64_t time;
};

struct exit_x {
	uint32_t flow; /* best (largest) receipt */
	uint32_t last_tx;
	size_t txid_alloc;
};

struct sender {
	uint32_t addr;
	trc_amount taint;
};

#define GROW(arr, n, alloc, e)                                                 \
	eng_grow((void **)&(arr), sizeof(*(arr)), (n), &(alloc), (e))

/* A transaction waiting in the queue: chain order, then queue id. */
struct tq_item {
	uint32_t height, position;
	uint32_t id;	   /* in eng.queued (the txid) */
	struct rec_tx *tx; /* read already (owned), or NULL */
};

struct eng {
	struct store *s;
	const struct trace_opts *o;
	struct trace_result *r;
	struct trc_error *err;
	enum trc_err rc;
	struct cluster_set *cl;

	struct intern addrs;
	struct addr *ai;
	size_t ai_alloc;
	struct intern assets; /* "" = native */
	size_t assets_alloc;
	struct intern outpts; /* txid + be32 vout -> coin id */
	struct coin *coins;
	size_t coins_alloc;
	struct intern seed_outs; /* txid + be32 n */
	trc_amount *seed_amt;	 /* per seed_outs id: zero = the whole */
	size_t seed_amt_alloc;
	struct intern conv_outs; /* txid + be32 n: trace_opts.convert_outs */
	size_t converted_alloc;
	struct intern seed_txs; /* txid */
	struct intern poolk;	/* be32 addr + be32 asset -> pool id */
	struct pool *pools;
	size_t pools_alloc;
	struct intern exitk; /* be32 asset + be32 addr -> exit id */
	struct exit_x *ex;
	size_t exits_alloc, ex_alloc;
	struct flow *flows;
	size_t n_flows, flows_alloc;
	struct vtx *txs;
	size_t n_txs, txs_alloc;
	uint32_t cur_tx; /* visited index of the tx in hand, or NONE */
	size_t edges_alloc;
	size_t unres_alloc, destroyed_alloc, nodes_alloc, outputs_alloc;
	struct policy_segs segs; /* coin intervals (fifo/lifo) */

	/* the order of the run (trace_queue.c) */
	bool scan;	      /* every tx is handed in (the tests' oracle):
			       * every pool is kept, nothing is queued */
	struct intern queued; /* txids ever queued */
	struct tq_item *heap; /* min-heap on (height, position, id) */
	size_t n_heap, heap_alloc;
	const struct rec_tx *cur; /* the tx in hand */
	uint32_t cur_leg;	  /* the leg in hand (accounts) */

	/* per-tx scratch, reused */
	struct policy_scratch sc;
	struct policy_segs line, cut;
	trc_amount *parts, *ptaint, *in_val, *in_taint, *w;
	uint32_t *in_coin, *off, *cnt;
	size_t tx_alloc;
	struct sender *snd;
	size_t snd_alloc;
	struct qseg *carry;
	size_t n_carry, carry_alloc;
};

/* Records the first failure of a run: e->rc = rc unless already set.
 * Returns whether rc is a failure. */
static inline bool eng_err(struct eng *e, enum trc_err rc)
{
	if (rc && !e->rc)
		e->rc = rc;
	return rc != TRC_OK;
}

/* Grows *p (elements of size) to hold need; on failure sets e->rc. */
bool eng_grow(void **p, size_t size, size_t need, size_t *alloc, struct eng *e);

static inline trc_amount sat_sub(trc_amount a, trc_amount b)
{
	trc_amount d;

	return amount_sub(&d, a, b) ? AMOUNT_ZERO : d;
}

static inline void eng_add(struct eng *e, trc_amount *acc, trc_amount v)
{
	if (amount_add(acc, *acc, v) && !e->rc)
		e->rc = trc_fail(e->err, TRC_ERR_OVERFLOW,
				 "amount sum past 2^256 in a trace");
}

static inline void eng_sub(struct eng *e, trc_amount *acc, trc_amount v)
{
	if (amount_sub(acc, *acc, v) && !e->rc)
		e->rc = trc_fail(e->err, TRC_ERR_INVALID,
				 "internal: negative taint");
}

static inline void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void pair_key(uint8_t k[8], uint32_t a, uint32_t b)
{
	be32(k, a);
	be32(k + 4, b);
}

static inline void outpt_key(uint8_t k[36], const uint8_t txid[32], uint32_t n)
{
	memcpy(k, txid, 32);
	be32(k + 32, n);
}

/* ---- trace_eng.c ---- */

void eng_fmt_txid(const struct trace_opts *o, const uint8_t txid[32],
		  char out[TRACE_TXID_STR]);
/* The interned id of address a (new ones unclassified); INTERN_NONE on
 * failure (e->rc set). */
uint32_t eng_addr_id(struct eng *e, const char *a);
/* The index of asset (NULL: native) in the result, added on first use. */
uint32_t eng_asset_id(struct eng *e, const char *asset);
/* The visited index of the tx in hand, created on first use. */
uint32_t eng_cur_tx(struct eng *e, const struct rec_tx *tx);
/* A path back-pointer; TRACE_NONE on failure. */
uint32_t eng_new_flow(struct eng *e, uint32_t parent, uint32_t tx, uint32_t to,
		      trc_amount amount);
/* Makes address id a node (once): its tag, cluster, exit or hub flag. */
void eng_classify(struct eng *e, uint32_t id);
/* a is a seed address and t is inside the time window. */
bool eng_is_seed_addr(struct eng *e, const char *a, int64_t t);
/* txid:n is a seed outpoint. */
bool eng_is_seed_out(struct eng *e, const uint8_t txid[32], uint32_t n);
/* The taint a seed output of value `value` carries as a seed: its
 * amount (trace_outpoint.amount), else the whole value; zero when txid:n
 * is no seed outpoint. */
trc_amount eng_seed_taint(struct eng *e, const uint8_t txid[32], uint32_t n,
			  trc_amount value);
/* txid:n is one of trace_opts.convert_outs. */
bool eng_is_convert_out(struct eng *e, const uint8_t txid[32], uint32_t n);

/* ---- trace_book.c ---- */

/* Taint v of `asset` at addr destroyed by its issuer in tx. */
void book_destroyed(struct eng *e, uint32_t asset, uint32_t addr, uint32_t tx,
		    trc_amount v);
void book_unres(struct eng *e, uint32_t asset, enum trace_reason why,
		uint32_t addr, uint32_t tx, trc_amount v);
void book_edge(struct eng *e, uint32_t from, uint32_t to, uint32_t asset,
	       trc_amount v, uint32_t tx, uint32_t hop);
void book_output(struct eng *e, uint32_t tx, uint32_t n, uint32_t addr,
		 uint32_t asset, trc_amount value, trc_amount t, uint32_t hop);
void book_exit(struct eng *e, uint32_t asset, uint32_t addr, trc_amount v,
	       uint32_t hop, uint32_t tx, uint32_t flow);
/* Taint v of `asset` reached output n of tx at addr (INTERN_NONE: no
 * address), an output of trace_opts.convert_outs. */
void book_converted(struct eng *e, uint32_t asset, uint32_t addr, uint32_t tx,
		    uint32_t n, trc_amount value, trc_amount v, uint32_t hop);
/* After the last tx: live coins and pools become held (or unresolved). */
void book_held(struct eng *e);

/* ---- trace_utxo.c, trace_pool.c ---- */

/* Applies one UTXO-shaped tx. */
void utxo_tx(struct eng *e, const struct rec_tx *tx);
/* Applies one account-shaped tx (its legs in order). */
void pool_tx(struct eng *e, const struct rec_tx *tx);

/* ---- trace_queue.c: the transactions taint reaches, in chain order ---- */

/* Queues the seeds: the history of every seed address, every seed tx. */
enum trc_err tq_seed(struct eng *e) TRC_WARN_UNUSED;
/* Queues the tx spending output vout of txid (spent-by index), if any. */
void tq_follow_coin(struct eng *e, const uint8_t txid[32], uint32_t vout);
/* Marks address id followed and queues its history after the tx in hand
 * (nothing in scan mode). */
void tq_follow_addr(struct eng *e, uint32_t id);
/* Calls fn(e, tx) for each tx of address a's history before the tx in
 * hand, in chain order (stored in chain order, not prevout-only). */
void tq_each_before(struct eng *e, const char *a,
		    void (*fn)(struct eng *e, const struct rec_tx *tx,
			       void *ctx),
		    void *ctx);
/* Frees the queue (safe when empty). */
void tq_release(struct eng *e);
/* Applies the queued txs in chain order until none is left. */
enum trc_err tq_run(struct eng *e) TRC_WARN_UNUSED;
/* Applies one tx (either shape); counts it; on failure returns e->rc with
 * the txid in front of the message. */
enum trc_err eng_apply(struct eng *e, const struct rec_tx *tx) TRC_WARN_UNUSED;

/* ---- trace.c: a run in three steps, for trace_run and the tests'
 * full-scan oracle (which hands in every tx with eng_apply) ---- */

/* Checks o, echoes it, builds the clusters, sets up the seeds. e is
 * zeroed first; release it with eng_end even on failure. */
enum trc_err eng_begin(struct eng *e, struct store *s,
		       const struct trace_opts *o,
		       struct trc_error *err) TRC_WARN_UNUSED;
/* Finishes the result when rc is TRC_OK and releases e. Out: *out (the
 * result, or NULL on failure). Returns rc or the finishing error. */
enum trc_err eng_end(struct eng *e, enum trc_err rc,
		     struct trace_result **out) TRC_WARN_UNUSED;

/* ---- trace_finish.c ---- */

/* Sorts, builds paths and roles, checks the identity. */
void eng_finish(struct eng *e);

#endif
