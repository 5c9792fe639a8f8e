/*
 * trace_book.c - the bookkeeping of a trace: edges, tainted outputs, exits,
 * unresolved taint with its reason, and at the end what is held.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/trace_int.h"
#include "store/chaindb.h"

/* ---- accounting ---- */

void book_unres(struct eng *e, uint32_t asset, enum trace_reason why,
		uint32_t addr, uint32_t tx, trc_amount v)
{
	struct trace_unresolved *u;
	struct trace_asset *a = &e->r->assets[asset];

	if (amount_is_zero(v))
		return;
	eng_add(e, &a->unresolved_by[why], v);
	eng_add(e, &a->unresolved, v);
	if (!GROW(e->r->unresolved, e->r->n_unresolved + 1, e->unres_alloc, e))
		return;
	u = &e->r->unresolved[e->r->n_unresolved++];
	memset(u, 0, sizeof(*u));
	u->asset = asset;
	u->reason = (uint8_t)why;
	u->node = TRACE_NONE;
	u->address = "";
	if (addr != INTERN_NONE) {
		eng_classify(e, addr);
		u->node = e->ai[addr].node;
	}
	if (tx != TRACE_NONE)
		memcpy(u->txid, e->txs[tx].txid, TRACE_TXID_STR);
	u->amount = v;
}

void book_destroyed(struct eng *e, uint32_t asset, uint32_t addr, uint32_t tx,
		    trc_amount v)
{
	struct trace_destroyed *d;

	if (amount_is_zero(v))
		return;
	eng_add(e, &e->r->assets[asset].destroyed, v);
	if (!GROW(e->r->destroyed, e->r->n_destroyed + 1, e->destroyed_alloc,
		  e))
		return;
	d = &e->r->destroyed[e->r->n_destroyed++];
	memset(d, 0, sizeof(*d));
	d->asset = asset;
	d->node = TRACE_NONE;
	d->address = "";
	if (addr != INTERN_NONE) {
		eng_classify(e, addr);
		d->node = e->ai[addr].node;
	}
	if (tx != TRACE_NONE)
		memcpy(d->txid, e->txs[tx].txid, TRACE_TXID_STR);
	d->amount = v;
}

void book_converted(struct eng *e, uint32_t asset, uint32_t addr, uint32_t tx,
		    uint32_t n, trc_amount value, trc_amount v, uint32_t hop)
{
	struct trace_converted *c;

	if (amount_is_zero(v))
		return;
	eng_add(e, &e->r->assets[asset].converted, v);
	if (!GROW(e->r->converted, e->r->n_converted + 1, e->converted_alloc,
		  e))
		return;
	c = &e->r->converted[e->r->n_converted++];
	memset(c, 0, sizeof(*c));
	c->asset = asset;
	c->node = TRACE_NONE;
	c->address = "";
	if (addr != INTERN_NONE) {
		eng_classify(e, addr);
		c->node = e->ai[addr].node;
	}
	memcpy(c->txid, e->txs[tx].txid, TRACE_TXID_STR);
	c->n = n;
	c->value = value;
	c->amount = v;
	c->hop = hop;
}

void book_edge(struct eng *e, uint32_t from, uint32_t to, uint32_t asset,
	       trc_amount v, uint32_t tx, uint32_t hop)
{
	struct trace_edge *d;

	if (amount_is_zero(v))
		return;
	if (!GROW(e->r->edges, e->r->n_edges + 1, e->edges_alloc, e))
		return;
	if (from != INTERN_NONE)
		eng_classify(e, from);
	if (to != INTERN_NONE)
		eng_classify(e, to);
	d = &e->r->edges[e->r->n_edges++];
	d->from = from != INTERN_NONE ? e->ai[from].node : TRACE_NONE;
	d->to = to != INTERN_NONE ? e->ai[to].node : TRACE_NONE;
	d->asset = asset;
	d->amount = v;
	memcpy(d->txid, e->txs[tx].txid, TRACE_TXID_STR);
	d->time = e->txs[tx].time;
	d->hop = hop;
}

void book_output(struct eng *e, uint32_t tx, uint32_t n, uint32_t addr,
		 uint32_t asset, trc_amount value, trc_amount t, uint32_t hop)
{
	struct trace_output *o;

	if (amount_is_zero(t) ||
	    !GROW(e->r->outputs, e->r->n_outputs + 1, e->outputs_alloc, e))
		return;
	o = &e->r->outputs[e->r->n_outputs++];
	memcpy(o->txid, e->txs[tx].txid, TRACE_TXID_STR);
	o->n = n;
	o->node = addr == INTERN_NONE ? TRACE_NONE : e->ai[addr].node;
	o->asset = asset;
	o->value = value;
	o->taint = t;
	o->hop = hop;
	o->time = e->txs[tx].time;
}

void book_exit(struct eng *e, uint32_t asset, uint32_t addr, trc_amount v,
	       uint32_t hop, uint32_t tx, uint32_t flow)
{
	uint8_t k[8];
	uint32_t id;
	struct trace_exit *x;
	struct trace_node *n;

	pair_key(k, asset, addr);
	if (eng_err(e, intern_add(&e->exitk, k, 8, &id, e->err)))
		return;
	if (id == e->r->n_exits) {
		if (!GROW(e->r->exits, id + 1, e->exits_alloc, e))
			return;
		if (!GROW(e->ex, id + 1, e->ex_alloc, e))
			return;
		x = &e->r->exits[id];
		n = &e->r->nodes[e->ai[addr].node];
		memset(x, 0, sizeof(*x));
		x->asset = asset;
		x->node = e->ai[addr].node;
		x->category = n->category;
		x->inferred = n->inferred;
		x->hops = hop;
		x->first_time = e->txs[tx].time;
		e->ex[id] = (struct exit_x){ TRACE_NONE, TRACE_NONE, 0 };
		e->r->n_exits++;
	}
	x = &e->r->exits[id];
	eng_add(e, &x->amount, v);
	eng_add(e, &e->r->assets[asset].exits_total, v);
	if (hop < x->hops)
		x->hops = hop;
	if (e->txs[tx].time < x->first_time)
		x->first_time = e->txs[tx].time;
	if (e->txs[tx].time > x->last_time)
		x->last_time = e->txs[tx].time;
	if (flow != TRACE_NONE &&
	    (e->ex[id].flow == TRACE_NONE ||
	     amount_cmp(v, e->flows[e->ex[id].flow].amount) > 0))
		e->ex[id].flow = flow;
	if (e->ex[id].last_tx == tx)
		return;
	e->ex[id].last_tx = tx;
	if (!GROW(x->txids, x->n_txids + 1, e->ex[id].txid_alloc, e))
		return;
	memcpy(x->txids[x->n_txids++], e->txs[tx].txid, TRACE_TXID_STR);
}

/* ---- after the scan ---- */

static void held_add(struct eng *e, struct intern *hk, uint32_t asset,
		     uint32_t addr, trc_amount v, bool frozen, size_t *alloc)
{
	uint8_t k[8];
	uint32_t id;
	struct trace_held *h;

	if (amount_is_zero(v))
		return;
	eng_add(e, &e->r->assets[asset].held, v);
	if (frozen)
		eng_add(e, &e->r->assets[asset].frozen, v);
	pair_key(k, asset, addr);
	if (eng_err(e, intern_add(hk, k, 8, &id, e->err)))
		return;
	if (id == e->r->n_held) {
		if (!GROW(e->r->held, id + 1, *alloc, e))
			return;
		eng_classify(e, addr);
		h = &e->r->held[e->r->n_held++];
		h->asset = asset;
		h->node = e->ai[addr].node;
		h->amount = AMOUNT_ZERO;
		h->frozen = false;
	}
	h = &e->r->held[id];
	h->frozen = h->frozen || frozen;
	eng_add(e, &e->r->held[id].amount, v);
}

/* A live coin whose spender is indexed but was never scanned (a record
 * without a position): its taint went where the database cannot show. */
static bool spent_unseen(struct eng *e, uint32_t id, uint32_t *tx_i)
{
	size_t len;
	const char *k = intern_key(&e->outpts, id, &len);
	uint8_t spender[32], txid[32];
	uint32_t vin, n;
	bool found = false;

	memcpy(txid, k, 32);
	n = (uint32_t)((uint8_t)k[32] << 24 | (uint8_t)k[33] << 16 |
		       (uint8_t)k[34] << 8 | (uint8_t)k[35]);
	if (eng_err(e, chaindb_get_spent_by(e->s, e->o->chain, txid, n, spender,
					    &vin, &found, e->err)))
		return false;
	if (!found)
		return false;
	if (!GROW(e->txs, e->n_txs + 1, e->txs_alloc, e))
		return false;
	eng_fmt_txid(e->o, spender, e->txs[e->n_txs].txid);
	e->txs[e->n_txs].time = 0;
	*tx_i = (uint32_t)e->n_txs++;
	return true;
}

void book_held(struct eng *e)
{
	struct intern hk = INTERN_INIT;
	size_t alloc = 0;
	uint32_t tx_i;

	for (size_t i = 0; i < intern_count(&e->outpts) && !e->rc; i++) {
		const struct coin *c = &e->coins[i];
		if (c->spent)
			continue;
		if (spent_unseen(e, (uint32_t)i, &tx_i))
			book_unres(e, 0, TRACE_UNRES_MISSING, c->addr, tx_i,
				   c->taint);
		else
			held_add(e, &hk, 0, c->addr, c->taint, false, &alloc);
	}
	for (size_t i = 0; i < intern_count(&e->poolk) && !e->rc; i++) {
		size_t len;
		const uint8_t *k = (const uint8_t *)intern_key(
			&e->poolk, (uint32_t)i, &len);
		uint32_t addr = (uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 |
				(uint32_t)k[2] << 8 | k[3];
		uint32_t asset = (uint32_t)k[4] << 24 | (uint32_t)k[5] << 16 |
				 (uint32_t)k[6] << 8 | k[7];
		const struct pool *p = &e->pools[i];
		trc_amount v = e->o->policy == TRACE_POISON
				       ? (p->poisoned ? p->bal : AMOUNT_ZERO)
				       : p->taint;
		/* an exit's or hub's pool holds only a seed's taint (what
		 * reaches it is booked as it arrives): held, as a seed's
		 * coin at an exit is */
		held_add(e, &hk, asset, addr, v, p->frozen, &alloc);
	}
	intern_release(&hk);
}
