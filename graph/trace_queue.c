/*
 * trace_queue.c - the order of a trace: from the seeds, only the
 * transactions that taint reaches, in chain order (height, position),
 * through the store's indexes instead of a scan of the chain:
 *   - a seed address: its whole history (address-history index);
 *   - a seed output: its transaction;
 *   - a coin the trace creates (tainted, or stopped by a limit): the
 *     transaction spending it (spent-by index);
 *   - an address taint reaches on an account chain: its history from
 *     that transaction on (tq_follow_addr); what it held before is read
 *     back from its history when its pool is first needed
 *     (tq_each_before, trace_pool.c).
 * Every transaction queued is later than the one in hand (a spend comes
 * after its coin; the history is cut at the tx in hand), so a min-heap on
 * (height, position) hands them out in chain order, each once: the same
 * transactions, in the same order, as a scan that keeps only those that
 * move taint.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/trace_int.h"
#include "store/chaindb.h"

static int item_cmp(const struct tq_item *a, const struct tq_item *b)
{
	if (a->height != b->height)
		return a->height < b->height ? -1 : 1;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void heap_push(struct eng *e, struct tq_item it)
{
	size_t i;

	if (!GROW(e->heap, e->n_heap + 1, e->heap_alloc, e))
		return;
	i = e->n_heap++;
	while (i && item_cmp(&it, &e->heap[(i - 1) / 2]) < 0) {
		e->heap[i] = e->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	e->heap[i] = it;
}

static struct tq_item heap_pop(struct eng *e)
{
	struct tq_item top = e->heap[0], last = e->heap[--e->n_heap];
	size_t i = 0, n = e->n_heap;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && item_cmp(&e->heap[c + 1], &e->heap[c]) < 0)
			c++;
		if (item_cmp(&e->heap[c], &last) >= 0)
			break;
		e->heap[i] = e->heap[c];
		i = c;
	}
	if (n)
		e->heap[i] = last;
	return top;
}

/* Whether (height, position) comes after the tx in hand. */
static bool after_cur(const struct eng *e, uint32_t height, uint32_t pos)
{
	if (!e->cur)
		return true;
	return height > e->cur->height ||
	       (height == e->cur->height && pos > e->cur->position);
}

/* Queues txid at (height, position) once; a tx with no place in chain
 * order is not applied (as a scan of the chain would not see it). tx:
 * the record when it was read already (taken when queued), or NULL.
 * Returns whether it was queued. */
static bool push(struct eng *e, const uint8_t txid[32], uint32_t height,
		 uint32_t position, struct rec_tx *tx)
{
	size_t before = intern_count(&e->queued), n = e->n_heap;
	uint32_t id;

	if (e->scan || height == REC_HEIGHT_UNKNOWN ||
	    !after_cur(e, height, position))
		return false;
	if (eng_err(e, intern_add(&e->queued, txid, 32, &id, e->err)) ||
	    intern_count(&e->queued) == before)
		return false;
	heap_push(e, (struct tq_item){ height, position, id, tx });
	return e->n_heap > n;
}

/* Queues txid, read now to learn its place; the record waits in the
 * queue so that it is read once. */
static void push_tx(struct eng *e, const uint8_t txid[32])
{
	struct rec_tx *tx = malloc(sizeof(*tx));
	bool found = false;

	if (!tx) {
		eng_err(e, trc_fail(e->err, TRC_ERR_NOMEM, "out of memory"));
		return;
	}
	rec_tx_init(tx);
	if (!eng_err(e, chaindb_get_tx(e->s, e->o->chain, txid, tx, &found,
				       e->err)) &&
	    found && !(tx->flags & REC_TX_PREVOUT) &&
	    push(e, txid, tx->height, tx->position, tx))
		return;
	rec_tx_release(tx);
	free(tx);
}

static int push_hist(const struct chaindb_hist *h, void *ctx)
{
	struct eng *e = ctx;

	push(e, h->txid, h->height, h->position, NULL);
	return e->rc != TRC_OK;
}

static void push_history(struct eng *e, const char *a)
{
	eng_err(e,
		chaindb_each_hist(e->s, e->o->chain, a, push_hist, e, e->err));
}

enum trc_err tq_seed(struct eng *e)
{
	const struct trace_opts *o = e->o;

	for (size_t i = 0; i < o->n_seed_addrs && !e->rc; i++) {
		uint32_t id = eng_addr_id(e, o->seed_addrs[i]);
		if (id != INTERN_NONE)
			e->ai[id].flags |= A_FOLLOW;
		push_history(e, o->seed_addrs[i]);
	}
	for (size_t i = 0; i < o->n_seed_outs && !e->rc; i++)
		push_tx(e, o->seed_outs[i].txid);
	return e->rc;
}

void tq_follow_coin(struct eng *e, const uint8_t txid[32], uint32_t vout)
{
	uint8_t spender[32];
	uint32_t vin;
	bool found = false;

	if (e->scan || e->rc)
		return;
	if (!eng_err(e, chaindb_get_spent_by(e->s, e->o->chain, txid, vout,
					     spender, &vin, &found, e->err)) &&
	    found)
		push_tx(e, spender);
}

void tq_follow_addr(struct eng *e, uint32_t id)
{
	if (e->ai[id].flags & A_FOLLOW)
		return;
	e->ai[id].flags |= A_FOLLOW;
	if (!e->scan)
		push_history(e, intern_key(&e->addrs, id, NULL));
}

/* The history entries before the tx in hand, collected first: the
 * callback reads transactions, and the history may be long. */
struct before {
	const struct eng *e;
	uint8_t (*txids)[32];
	size_t n, alloc;
	bool nomem;
};

static int collect_before(const struct chaindb_hist *h, void *ctx)
{
	struct before *b = ctx;

	if (h->height == REC_HEIGHT_UNKNOWN ||
	    after_cur(b->e, h->height, h->position) ||
	    (b->e->cur && h->height == b->e->cur->height &&
	     h->position == b->e->cur->position))
		return 1; /* chain order: nothing later is before */
	if (b->n == b->alloc) {
		size_t na = b->alloc ? b->alloc * 2 : 16;
		void *p = realloc(b->txids, na * sizeof(*b->txids));
		if (!p) {
			b->nomem = true;
			return 1;
		}
		b->txids = p;
		b->alloc = na;
	}
	memcpy(b->txids[b->n++], h->txid, 32);
	return 0;
}

void tq_each_before(struct eng *e, const char *a,
		    void (*fn)(struct eng *e, const struct rec_tx *tx,
			       void *ctx),
		    void *ctx)
{
	struct before b = { e, NULL, 0, 0, false };

	if (eng_err(e, chaindb_each_hist(e->s, e->o->chain, a, collect_before,
					 &b, e->err)))
		goto cleanup;
	if (b.nomem) {
		eng_err(e, trc_fail(e->err, TRC_ERR_NOMEM, "out of memory"));
		goto cleanup;
	}
	for (size_t i = 0; i < b.n && !e->rc; i++) {
		struct rec_tx tx = REC_TX_INIT;
		bool found = false;
		if (eng_err(e, chaindb_get_tx(e->s, e->o->chain, b.txids[i],
					      &tx, &found, e->err)))
			break;
		if (found && !(tx.flags & REC_TX_PREVOUT) &&
		    tx.height != REC_HEIGHT_UNKNOWN)
			fn(e, &tx, ctx);
		rec_tx_release(&tx);
	}
cleanup:
	free(b.txids);
}

void tq_release(struct eng *e)
{
	for (size_t i = 0; i < e->n_heap; i++)
		if (e->heap[i].tx) {
			rec_tx_release(e->heap[i].tx);
			free(e->heap[i].tx);
		}
	free(e->heap);
	e->heap = NULL;
	e->n_heap = e->heap_alloc = 0;
	intern_release(&e->queued);
}

/* trace_opts.on_progress: at the first applied tx and every 64th. */
static void tell_progress(const struct eng *e)
{
	const struct trace_counters *c = &e->r->counters;
	struct trace_progress p;

	if (!e->o->on_progress || (c->txs_scanned & 63) != 1)
		return;
	p.txs_scanned = c->txs_scanned;
	p.txs_visited = c->txs_visited;
	p.addresses = e->r->n_nodes;
	p.queued = e->n_heap;
	e->o->on_progress(e->o->progress_ctx, &p);
}

enum trc_err tq_run(struct eng *e)
{
	while (e->n_heap && !e->rc) {
		struct tq_item it = heap_pop(e);
		const uint8_t *txid =
			(const uint8_t *)intern_key(&e->queued, it.id, NULL);
		struct rec_tx own = REC_TX_INIT, *tx = it.tx ? it.tx : &own;
		bool found = true;
		enum trc_err rc = TRC_OK;

		if (!it.tx)
			rc = chaindb_get_tx(e->s, e->o->chain, txid, tx, &found,
					    e->err);
		if (!rc && !found)
			rc = trc_fail(e->err, TRC_ERR_CORRUPT,
				      "an index names a missing tx");
		if (!rc && !(tx->flags & REC_TX_PREVOUT))
			rc = eng_apply(e, tx);
		rec_tx_release(tx);
		free(it.tx);
		if (rc)
			return rc;
		tell_progress(e);
	}
	return e->rc;
}
