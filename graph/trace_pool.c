/*
 * trace_pool.c - one account transaction: each leg takes from the sender's
 * pool (address, asset) by the policy and puts into the receiver's.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/trace_int.h"

/* ---- account transactions: pools per (address, asset) ---- */

static void catch_up(struct eng *e, uint32_t addr, uint32_t asset,
		     uint32_t pool);

/* Whether addr's pools are kept: it is followed (taint reached it, or a
 * seed), or every pool is (scan mode). A pool not kept holds no taint:
 * it is only ever read back when taint reaches its address. */
static bool followed(const struct eng *e, uint32_t addr)
{
	return e->scan || (e->ai[addr].flags & A_FOLLOW);
}

/* The pool of (addr, asset); a new one starts with what the address's
 * history before this leg left in it (all clean: taint had not reached
 * it). */
static struct pool *pool_of(struct eng *e, uint32_t addr, uint32_t asset)
{
	uint8_t k[8];
	uint32_t id;
	size_t before = intern_count(&e->poolk);

	pair_key(k, addr, asset);
	if (eng_err(e, intern_add(&e->poolk, k, 8, &id, e->err)))
		return NULL;
	if (intern_count(&e->poolk) == before)
		return &e->pools[id];
	if (!GROW(e->pools, id + 1, e->pools_alloc, e))
		return NULL;
	memset(&e->pools[id], 0, sizeof(e->pools[id]));
	e->pools[id].flow = TRACE_NONE;
	e->pools[id].hop = UINT32_MAX;
	if (!e->scan)
		catch_up(e, addr, asset, id);
	return e->rc ? NULL : &e->pools[id];
}

static bool carry_push(struct eng *e, trc_amount amt, bool tainted)
{
	if (amount_is_zero(amt))
		return true;
	if (e->n_carry && e->carry[e->n_carry - 1].tainted == tainted) {
		eng_add(e, &e->carry[e->n_carry - 1].amt, amt);
		return true;
	}
	if (!GROW(e->carry, e->n_carry + 1, e->carry_alloc, e))
		return false;
	e->carry[e->n_carry].amt = amt;
	e->carry[e->n_carry++].tainted = tainted;
	return true;
}

static bool q_push(struct eng *e, struct pool *p, trc_amount amt, bool tainted)
{
	size_t alloc = p->alloc;

	if (amount_is_zero(amt))
		return true;
	if (p->n > p->head && p->q[p->n - 1].tainted == tainted) {
		eng_add(e, &p->q[p->n - 1].amt, amt);
		return true;
	}
	if (p->head && p->head * 2 >= p->n) {
		memmove(p->q, p->q + p->head, (p->n - p->head) * sizeof(*p->q));
		p->n -= p->head;
		p->head = 0;
	}
	if (!eng_grow((void **)&p->q, sizeof(*p->q), p->n + 1, &alloc, e))
		return false;
	p->alloc = (uint32_t)alloc;
	p->q[p->n].amt = amt;
	p->q[p->n++].tainted = tainted;
	return true;
}

/* ---- the clean past of a pool (index-driven runs) ---- */

struct past {
	uint32_t asset, pool;
	const char *addr;
};

/* Applies legs [0, n) of tx that move c's asset at c's address, all
 * clean: the balance, with what an overdraft takes counted. */
static void replay_clean(struct eng *e, const struct rec_tx *tx, uint32_t n,
			 const struct past *c)
{
	struct pool *p = &e->pools[c->pool];
	bool failed = tx->flags & REC_TX_FAILED;

	for (uint32_t k = 0; k < n && k < tx->n_legs; k++) {
		const struct rec_leg *g = &tx->legs[k];
		const char *key = g->asset ? g->asset : "";
		if (failed && g->kind != LEG_FEE)
			continue;
		if (intern_find(&e->assets, key, strlen(key)) != c->asset)
			continue;
		if (g->from && !strcmp(g->from, c->addr) &&
		    (g->kind == LEG_FREEZE || g->kind == LEG_UNFREEZE)) {
			p->frozen = g->kind == LEG_FREEZE;
		} else if (g->from && !strcmp(g->from, c->addr)) {
			if (amount_cmp(g->value, p->bal) > 0)
				e->r->counters.pool_overdrawn++;
			p->bal = sat_sub(p->bal, g->value);
		}
		if (g->to && !strcmp(g->to, c->addr))
			eng_add(e, &p->bal, g->value);
	}
}

static void replay_tx(struct eng *e, const struct rec_tx *tx, void *ctx)
{
	replay_clean(e, tx, tx->n_legs, ctx);
}

static bool q_push(struct eng *e, struct pool *p, trc_amount amt, bool tainted);

static void catch_up(struct eng *e, uint32_t addr, uint32_t asset,
		     uint32_t pool)
{
	struct past c = { asset, pool, intern_key(&e->addrs, addr, NULL) };

	tq_each_before(e, c.addr, replay_tx, &c);
	if (e->cur)
		replay_clean(e, e->cur, e->cur_leg, &c);
	if (e->o->policy == TRACE_FIFO || e->o->policy == TRACE_LIFO)
		q_push(e, &e->pools[pool], e->pools[pool].bal, false);
}

/* Reverses e->carry: a lifo chunk is taken newest first and carried in
 * queue (arrival) order, as a UTXO input keeps its intervals' order. */
static void carry_reverse(struct eng *e)
{
	for (size_t i = 0, j = e->n_carry; i + 1 < j; i++, j--) {
		struct qseg g = e->carry[i];
		e->carry[i] = e->carry[j - 1];
		e->carry[j - 1] = g;
	}
}

/* Takes v from queue p (fifo: the head; lifo: the tail) into e->carry,
 * in queue order; what the queue does not hold is clean and older than
 * it. Out: the tainted part. */
static trc_amount q_take(struct eng *e, struct pool *p, trc_amount v)
{
	trc_amount t = AMOUNT_ZERO, take;
	bool lifo = e->o->policy == TRACE_LIFO;

	while (!amount_is_zero(v) && p->n > p->head) {
		struct qseg *g = lifo ? &p->q[p->n - 1] : &p->q[p->head];
		take = amount_min(v, g->amt);
		carry_push(e, take, g->tainted);
		if (g->tainted)
			eng_add(e, &t, take);
		eng_sub(e, &g->amt, take);
		eng_sub(e, &v, take);
		if (amount_is_zero(g->amt)) {
			if (lifo)
				p->n--;
			else
				p->head++;
		}
	}
	if (p->head == p->n)
		p->head = p->n = 0;
	if (!amount_is_zero(v)) {
		e->r->counters.pool_overdrawn++;
		carry_push(e, v, false);
	}
	if (lifo)
		carry_reverse(e);
	return t;
}

/* Takes v out of pool p by the policy. Out: the tainted part (fifo/lifo:
 * also the segments, in e->carry). */
static trc_amount pool_take(struct eng *e, struct pool *p, trc_amount v)
{
	trc_amount t = AMOUNT_ZERO, r;

	e->n_carry = 0;
	switch (e->o->policy) {
	case TRACE_FIFO:
	case TRACE_LIFO:
		t = q_take(e, p, v);
		break;
	case TRACE_POISON:
		t = p->poisoned ? v : AMOUNT_ZERO;
		break;
	default: /* haircut; tiho has no meaning on a pool: haircut */
		if (amount_cmp(v, p->bal) >= 0) {
			if (amount_cmp(v, p->bal) > 0)
				e->r->counters.pool_overdrawn++;
			t = p->taint;
		} else if (!amount_is_zero(p->taint) &&
			   amount_mul_div(&t, &r, v, p->taint, p->bal)) {
			e->rc = trc_fail(e->err, TRC_ERR_OVERFLOW,
					 "pool share past 2^256");
		}
		break;
	}
	if (amount_cmp(v, p->bal) >= 0)
		p->bal = AMOUNT_ZERO;
	else
		eng_sub(e, &p->bal, v);
	if (e->o->policy != TRACE_POISON)
		eng_sub(e, &p->taint, t);
	return t;
}

/* Adds a receipt of v (tainted part t) to pool p; fifo/lifo take the
 * segment order from e->carry when `carried`. */
static void pool_put(struct eng *e, struct pool *p, trc_amount v, trc_amount t,
		     bool carried)
{
	trc_amount clean;

	eng_add(e, &p->bal, v);
	if (e->o->policy == TRACE_POISON) {
		if (!amount_is_zero(t))
			p->poisoned = 1;
		return;
	}
	eng_add(e, &p->taint, t);
	if (e->o->policy != TRACE_FIFO && e->o->policy != TRACE_LIFO)
		return;
	if (carried) {
		for (size_t i = 0; i < e->n_carry; i++)
			q_push(e, p, e->carry[i].amt, e->carry[i].tainted);
		return;
	}
	if (amount_sub(&clean, v, t))
		clean = AMOUNT_ZERO;
	q_push(e, p, t, true);
	q_push(e, p, clean, false);
}

/* Taint t leaving pool p of `from`: stopped here (after --until, at the
 * hop limit, and for a payment to an address below --min) or carried on.
 * A fee, a burn or an unspendable leg stops as any payment does: the
 * pool's taint may not leave it. Returns the taint that goes on. */
static trc_amount leg_stop(struct eng *e, const struct rec_tx *tx,
			   uint32_t asset, uint32_t from, const struct pool *p,
			   trc_amount t, bool to_address)
{
	uint32_t tx_i = eng_cur_tx(e, tx);
	enum trace_reason why;

	if (e->o->until != TRACE_TIME_NONE && tx->time > e->o->until)
		why = TRACE_UNRES_UNTIL;
	else if (p->hop >= e->o->hops)
		why = TRACE_UNRES_HOPS;
	else if (to_address && amount_cmp(t, e->o->min) < 0)
		why = TRACE_UNRES_MIN;
	else
		return t;
	book_unres(e, asset, why, from, tx_i, t);
	return AMOUNT_ZERO;
}

static void leg_receive(struct eng *e, const struct rec_tx *tx, uint32_t k,
			uint32_t asset, uint32_t from, uint32_t to,
			trc_amount t, uint32_t hop, uint32_t parent)
{
	const struct rec_leg *g = &tx->legs[k];
	struct pool *p;
	trc_amount rest;
	bool by_addr = eng_is_seed_addr(e, g->to, tx->time);
	bool seed = by_addr || eng_is_seed_out(e, tx->txid, k);
	bool carried = !amount_is_zero(t);
	/* a seed's taint: the whole leg, or its amount as a seed */
	trc_amount st =
		by_addr ? g->value : eng_seed_taint(e, tx->txid, k, g->value);
	uint32_t tx_i, flow;

	if (seed) {
		st = amount_max(st, t);
		if (amount_sub(&rest, st, t))
			rest = AMOUNT_ZERO;
		eng_add(e, &e->r->assets[asset].seed_total, rest);
	}
	if (!amount_is_zero(t) || (seed && !amount_is_zero(g->value))) {
		tx_i = eng_cur_tx(e, tx);
		book_edge(e, from, to, asset, t, tx_i, hop);
		if (seed) {
			t = st;
			hop = 0;
			parent = TRACE_NONE;
			carried = false;
		}
		flow = eng_new_flow(e, parent, tx_i, to, t);
		eng_classify(e, to);
		book_output(e, tx_i, k, to, asset, g->value, t, hop);
		if (e->rc)
			return;
		if (seed) {
			/* followed wherever it sits */
		} else if (eng_is_convert_out(e, tx->txid, k)) {
			book_converted(e, asset, to, tx_i, k, g->value, t, hop);
			t = AMOUNT_ZERO;
			carried = false;
		} else if (e->ai[to].flags & A_EXIT) {
			book_exit(e, asset, to, t, hop, tx_i, flow);
			t = AMOUNT_ZERO;
			carried = false;
		} else if (e->ai[to].flags & A_HUB) {
			book_unres(e, asset, TRACE_UNRES_HUB, to, tx_i, t);
			t = AMOUNT_ZERO;
			carried = false;
		}
		if (!amount_is_zero(t))
			tq_follow_addr(e, to);
		else if (!followed(e, to))
			return; /* an exit or a hub: nothing to keep */
		p = pool_of(e, to, asset);
		if (!p)
			return;
		if (!amount_is_zero(t)) {
			if (hop < p->hop)
				p->hop = hop;
			if (p->flow == TRACE_NONE ||
			    amount_cmp(t, e->flows[p->flow].amount) > 0)
				p->flow = flow;
		}
		pool_put(e, p, g->value, t, carried);
		return;
	}
	if (!followed(e, to))
		return; /* clean into a pool not kept */
	p = pool_of(e, to, asset);
	if (p)
		pool_put(e, p, g->value, AMOUNT_ZERO, false);
}

static void do_leg(struct eng *e, const struct rec_tx *tx, uint32_t k)
{
	const struct rec_leg *g = &tx->legs[k];
	uint32_t asset = eng_asset_id(e, g->asset), from = INTERN_NONE;
	uint32_t to = INTERN_NONE, hop = 0, parent = TRACE_NONE;
	trc_amount t = AMOUNT_ZERO;
	struct pool *p;

	if (e->rc)
		return;
	e->n_carry = 0;
	e->cur_leg = k;
	if (g->from) {
		from = eng_addr_id(e, g->from);
		if (from == INTERN_NONE)
			return;
	}
	if (g->kind == LEG_FREEZE || g->kind == LEG_UNFREEZE) {
		/* a state of the pool, no value: frozen funds stay held */
		if (g->from && followed(e, from) &&
		    (p = pool_of(e, from, asset)))
			p->frozen = g->kind == LEG_FREEZE;
		return;
	}
	if (g->from && followed(e, from)) {
		p = pool_of(e, from, asset);
		if (!p)
			return;
		t = pool_take(e, p, g->value);
		hop = p->hop == UINT32_MAX ? 0 : p->hop + 1;
		parent = p->flow;
		if (!amount_is_zero(t))
			t = leg_stop(e, tx, asset, from, p, t, g->to != NULL);
	}
	if (!g->to) {
		if (amount_is_zero(t))
			return;
		uint32_t tx_i = eng_cur_tx(e, tx);
		book_edge(e, from, INTERN_NONE, asset, t, tx_i, hop);
		if (g->kind == LEG_FEE)
			eng_add(e, &e->r->assets[asset].fees, t);
		else if (g->kind == LEG_BURN)
			book_destroyed(e, asset, from, tx_i, t);
		else
			book_unres(e, asset, TRACE_UNRES_UNSPENDABLE, from,
				   tx_i, t);
		return;
	}
	to = eng_addr_id(e, g->to);
	if (to != INTERN_NONE)
		leg_receive(e, tx, k, asset, from, to, t, hop, parent);
}

void pool_tx(struct eng *e, const struct rec_tx *tx)
{
	bool failed = tx->flags & REC_TX_FAILED;

	for (uint32_t k = 0; k < tx->n_legs && !e->rc; k++)
		if (!failed || tx->legs[k].kind == LEG_FEE)
			do_leg(e, tx, k);
}
