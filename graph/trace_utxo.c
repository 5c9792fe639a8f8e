/*
 * trace_utxo.c - one UTXO transaction under the policy: its tainted inputs
 * (coins), the split over outputs and fee, the edges from the senders.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/trace_int.h"
#include "store/chaindb.h"

/* ---- UTXO transactions ---- */

static bool tx_scratch(struct eng *e, size_t n)
{
	size_t a = e->tx_alloc;

	if (n <= a)
		return true;
#define G(p)                                                                   \
	(a = e->tx_alloc, eng_grow((void **)&e->p, sizeof(*e->p), n, &a, e))
	if (!G(parts) || !G(ptaint) || !G(in_val) || !G(in_taint) || !G(w) ||
	    !G(in_coin) || !G(off) || !G(cnt))
		return false;
#undef G
	e->tx_alloc = a;
	return true;
}

static bool tx_relevant(struct eng *e, const struct rec_tx *tx)
{
	uint8_t k[36];

	for (uint32_t i = 0; i < tx->n_in; i++) {
		outpt_key(k, tx->in[i].prev_txid, tx->in[i].prev_vout);
		if (intern_find(&e->outpts, k, 36) != INTERN_NONE)
			return true;
	}
	if (intern_find(&e->seed_txs, tx->txid, 32) != INTERN_NONE)
		return true;
	for (uint32_t j = 0; j < tx->n_out; j++)
		if (eng_is_seed_addr(e, tx->out[j].address, tx->time))
			return true;
	return false;
}

/* The value of an input whose coin is not tainted. */
static trc_amount input_value(struct eng *e, const struct rec_input *in)
{
	struct rec_tx prev = REC_TX_INIT;
	bool found = false;
	trc_amount v = AMOUNT_ZERO;

	if (in->flags & REC_IN_COINBASE)
		return v;
	if (in->flags & REC_IN_RESOLVED)
		return in->value;
	if (eng_err(e, chaindb_get_tx(e->s, e->o->chain, in->prev_txid, &prev,
				      &found, e->err)))
		return v;
	if (found && in->prev_vout < prev.n_out)
		v = prev.out[in->prev_vout].value;
	else
		e->r->counters.inputs_missing++;
	rec_tx_release(&prev);
	return v;
}

/* Reads the inputs: values, taints, coins. Out: *T, *hop_min, *any. */
static void read_inputs(struct eng *e, const struct rec_tx *tx, trc_amount *T,
			uint32_t *hop_min, bool *any)
{
	uint8_t k[36];

	for (uint32_t i = 0; i < tx->n_in; i++) {
		const struct rec_input *in = &tx->in[i];
		uint32_t c;

		e->in_taint[i] = AMOUNT_ZERO;
		e->in_coin[i] = TRACE_NONE;
		outpt_key(k, in->prev_txid, in->prev_vout);
		c = (in->flags & REC_IN_COINBASE)
			    ? INTERN_NONE
			    : intern_find(&e->outpts, k, 36);
		if (c == INTERN_NONE || e->coins[c].spent) {
			e->in_val[i] = input_value(e, in);
			continue;
		}
		struct coin *co = &e->coins[c];
		co->spent = 1;
		e->in_val[i] = co->value;
		if (co->state == C_STOP_HOPS || co->state == C_STOP_MIN) {
			book_unres(e, 0,
				   co->state == C_STOP_HOPS ? TRACE_UNRES_HOPS
							    : TRACE_UNRES_MIN,
				   co->addr, eng_cur_tx(e, tx), co->taint);
			continue;
		}
		if (e->o->until != TRACE_TIME_NONE && tx->time > e->o->until) {
			book_unres(e, 0, TRACE_UNRES_UNTIL, co->addr,
				   eng_cur_tx(e, tx), co->taint);
			continue;
		}
		e->in_taint[i] = co->taint;
		e->in_coin[i] = c;
		eng_add(e, T, co->taint);
		*any = true;
		if (co->hop < *hop_min)
			*hop_min = co->hop;
	}
}

/* Lays the tainted intervals of the inputs end to end (lifo: the last
 * input first) into e->line. */
static void build_line(struct eng *e, const struct rec_tx *tx)
{
	trc_amount pos = AMOUNT_ZERO, s;

	e->line.n = 0;
	for (uint32_t k = 0; k < tx->n_in && !e->rc; k++) {
		uint32_t i = e->o->policy == TRACE_LIFO ? tx->n_in - 1 - k : k;
		uint32_t c = e->in_coin[i];
		if (c != TRACE_NONE) {
			const struct coin *co = &e->coins[c];
			for (uint32_t j = 0; j < co->seg_n; j++) {
				const struct policy_seg *g =
					&e->segs.v[co->seg_off + j];
				if (amount_add(&s, pos, g->start)) {
					e->rc = trc_fail(e->err,
							 TRC_ERR_OVERFLOW,
							 "interval past 2^256");
					return;
				}
				if (eng_err(e,
					    policy_segs_push(&e->line, s,
							     g->len, e->err)))
					return;
			}
		}
		eng_add(e, &pos, e->in_val[i]);
	}
}

/* Out: e->ptaint[0..n_out] (the last is the fee), *left. */
static void apply_policy(struct eng *e, const struct rec_tx *tx, trc_amount T,
			 bool any, trc_amount fee, trc_amount *left)
{
	uint32_t n = tx->n_out;
	trc_amount sum = AMOUNT_ZERO, W = AMOUNT_ZERO;

	*left = AMOUNT_ZERO;
	for (uint32_t j = 0; j <= n; j++) {
		e->parts[j] = j < n ? tx->out[j].value : fee;
		e->ptaint[j] = AMOUNT_ZERO;
		eng_add(e, &W, e->parts[j]);
	}
	if (!any)
		return;
	if (e->o->policy == TRACE_POISON) {
		memcpy(e->ptaint, e->parts, (n + 1) * sizeof(*e->parts));
		return;
	}
	if (amount_is_zero(W) || amount_is_zero(T)) {
		*left = T;
		return;
	}
	enum trc_err rc = TRC_OK;
	switch (e->o->policy) {
	case TRACE_HAIRCUT:
		rc = policy_split(T, e->parts, n + 1, e->ptaint, &e->sc,
				  e->err);
		break;
	case TRACE_FIFO:
	case TRACE_LIFO:
		build_line(e, tx);
		e->cut.n = 0;
		rc = e->rc ? e->rc
			   : policy_cut(e->line.v, e->line.n, e->parts, n + 1,
					e->ptaint, &e->cut, e->off, e->cnt,
					e->err);
		break;
	default:
		rc = policy_tiho(T, e->parts, n, fee, e->ptaint, &e->ptaint[n],
				 left, &e->sc, e->err);
		break;
	}
	if (eng_err(e, rc))
		return;
	for (uint32_t j = 0; j <= n; j++)
		eng_add(e, &sum, e->ptaint[j]);
	if (e->o->policy != TRACE_TIHO && amount_cmp(sum, T) <= 0)
		*left = sat_sub(T, sum);
}

static int by_addr(const void *a, const void *b)
{
	const struct sender *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The distinct tainted sender addresses, with their taint (poison: the
 * value of their tainted inputs). Out: *n. Borrowed scratch. */
static struct sender *senders(struct eng *e, const struct rec_tx *tx, size_t *n)
{
	static const size_t sz = sizeof(struct sender);
	struct sender *s;
	size_t m = 0;

	*n = 0;
	if (!GROW(e->snd, (size_t)tx->n_in + 1, e->snd_alloc, e))
		return NULL;
	s = e->snd;
	for (uint32_t i = 0; i < tx->n_in; i++) {
		uint32_t c = e->in_coin[i];
		if (c == TRACE_NONE)
			continue;
		s[m].addr = e->coins[c].addr;
		s[m].taint = e->o->policy == TRACE_POISON ? e->coins[c].value
							  : e->in_taint[i];
		m++;
	}
	qsort(s, m, sz, by_addr);
	size_t out = 0;
	for (size_t i = 0; i < m; i++) {
		if (out && s[out - 1].addr == s[i].addr)
			eng_add(e, &s[out - 1].taint, s[i].taint);
		else
			s[out++] = s[i];
	}
	*n = out;
	return s;
}

static void utxo_edges(struct eng *e, const struct sender *s, size_t ns,
		       uint32_t to, trc_amount t, uint32_t tx, uint32_t hop)
{
	trc_amount *w = e->w, *o = e->in_taint;

	if (!ns || amount_is_zero(t))
		return;
	/* in_taint and w are free by now: read_inputs is done. */
	for (size_t i = 0; i < ns; i++)
		w[i] = s[i].taint;
	if (ns == 1) {
		book_edge(e, s[0].addr, to, 0, t, tx, hop);
		return;
	}
	if (eng_err(e, policy_split(t, w, ns, o, &e->sc, e->err)))
		return;
	for (size_t i = 0; i < ns; i++)
		book_edge(e, s[i].addr, to, 0, o[i], tx, hop);
}

static uint32_t best_parent(const struct eng *e, const struct rec_tx *tx)
{
	uint32_t best = TRACE_NONE;
	trc_amount bt = AMOUNT_ZERO;

	for (uint32_t i = 0; i < tx->n_in; i++) {
		uint32_t c = e->in_coin[i];
		if (c == TRACE_NONE)
			continue;
		if (best == TRACE_NONE ||
		    amount_cmp(e->coins[c].taint, bt) > 0) {
			best = e->coins[c].flow;
			bt = e->coins[c].taint;
		}
	}
	return best;
}

static void new_coin(struct eng *e, const struct rec_tx *tx, uint32_t j,
		     uint32_t addr, trc_amount t, uint32_t hop, bool seed,
		     uint32_t flow)
{
	uint8_t k[36];
	uint32_t id;
	struct coin *c;
	bool intervals =
		e->o->policy == TRACE_FIFO || e->o->policy == TRACE_LIFO;

	outpt_key(k, tx->txid, j);
	if (eng_err(e, intern_add(&e->outpts, k, 36, &id, e->err)) ||
	    !GROW(e->coins, id + 1, e->coins_alloc, e))
		return;
	c = &e->coins[id];
	memset(c, 0, sizeof(*c));
	c->addr = addr;
	c->hop = hop;
	c->flow = flow;
	c->tx = e->cur_tx;
	c->value = tx->out[j].value;
	c->taint = t;
	c->seg_off = (uint32_t)e->segs.n;
	if (intervals && seed) {
		eng_err(e, policy_segs_push(&e->segs, AMOUNT_ZERO, t, e->err));
		e->segs.n = c->seg_off + 1;
		c->seg_n = 1;
	} else if (intervals) {
		for (uint32_t g = 0; g < e->cnt[j]; g++) {
			const struct policy_seg *p = &e->cut.v[e->off[j] + g];
			if (!GROW(e->segs.v, e->segs.n + 1, e->segs.alloc, e))
				return;
			e->segs.v[e->segs.n++] = *p;
		}
		c->seg_n = e->cnt[j];
	}
	tq_follow_coin(e, tx->txid, j);
	if (hop >= e->o->hops && !seed)
		c->state = C_STOP_HOPS;
	else if (amount_cmp(t, e->o->min) < 0)
		c->state = C_STOP_MIN;
	else
		c->state = C_LIVE;
}

static void utxo_output(struct eng *e, const struct rec_tx *tx, uint32_t j,
			const struct sender *s, size_t ns, uint32_t hop_in,
			uint32_t parent)
{
	const struct rec_output *out = &tx->out[j];
	trc_amount t = e->ptaint[j], rest;
	uint32_t hop = hop_in, id = INTERN_NONE, tx_i, flow;
	bool by_addr = eng_is_seed_addr(e, out->address, tx->time);
	bool seed = by_addr || eng_is_seed_out(e, tx->txid, j);
	/* a seed's taint: the whole output, or its amount as a seed */
	trc_amount st = by_addr ? out->value
				: eng_seed_taint(e, tx->txid, j, out->value);

	if (seed) {
		st = amount_max(st, t);
		if (amount_sub(&rest, st, t))
			rest = AMOUNT_ZERO;
		eng_add(e, &e->r->assets[0].seed_total, rest);
	}
	if (amount_is_zero(t) && (!seed || amount_is_zero(out->value)))
		return;
	tx_i = eng_cur_tx(e, tx);
	if (out->address)
		id = eng_addr_id(e, out->address);
	if (e->rc)
		return;
	utxo_edges(e, s, ns, id, t, tx_i, hop);
	if (seed) {
		t = st;
		hop = 0;
		parent = TRACE_NONE;
	}
	flow = eng_new_flow(e, parent, tx_i, id, t);
	if (id != INTERN_NONE)
		eng_classify(e, id);
	book_output(e, tx_i, j, id, 0, out->value, t, hop);
	if (!seed && eng_is_convert_out(e, tx->txid, j)) {
		book_converted(e, 0, id, tx_i, j, out->value, t, hop);
		return;
	}
	if (id == INTERN_NONE) {
		book_unres(e, 0, TRACE_UNRES_UNSPENDABLE, INTERN_NONE, tx_i, t);
		return;
	}
	eng_classify(e, id);
	if (out->cls == OUT_PEG_IN) /* never spent where tracer can see */
		book_unres(e, 0, TRACE_UNRES_PEGGED, id, tx_i, t);
	else if (seed) /* the seeds' own coins are followed wherever they sit */
		new_coin(e, tx, j, id, t, hop, seed, flow);
	else if (e->ai[id].flags & A_EXIT)
		book_exit(e, 0, id, t, hop, tx_i, flow);
	else if (e->ai[id].flags & A_HUB)
		book_unres(e, 0, TRACE_UNRES_HUB, id, tx_i, t);
	else
		new_coin(e, tx, j, id, t, hop, seed, flow);
}

void utxo_tx(struct eng *e, const struct rec_tx *tx)
{
	trc_amount T = AMOUNT_ZERO, tin = AMOUNT_ZERO, tout = AMOUNT_ZERO;
	trc_amount fee = AMOUNT_ZERO, left;
	uint32_t hop_min = UINT32_MAX, parent;
	bool any = false;
	struct sender *s;
	size_t ns = 0;

	if (!tx_relevant(e, tx))
		return;
	if (!tx_scratch(e, (size_t)tx->n_in + tx->n_out + 1))
		return;
	read_inputs(e, tx, &T, &hop_min, &any);
	for (uint32_t i = 0; i < tx->n_in; i++)
		eng_add(e, &tin, e->in_val[i]);
	for (uint32_t j = 0; j < tx->n_out; j++)
		eng_add(e, &tout, tx->out[j].value);
	if (amount_cmp(tin, tout) > 0)
		fee = sat_sub(tin, tout);
	apply_policy(e, tx, T, any, fee, &left);
	if (e->rc)
		return;
	parent = any ? best_parent(e, tx) : TRACE_NONE;
	s = any ? senders(e, tx, &ns) : NULL;
	if (e->rc)
		return;
	for (uint32_t j = 0; j < tx->n_out && !e->rc; j++)
		utxo_output(e, tx, j, s, ns, any ? hop_min + 1 : 0, parent);
	if (!amount_is_zero(e->ptaint[tx->n_out])) {
		uint32_t tx_i = eng_cur_tx(e, tx);
		eng_add(e, &e->r->assets[0].fees, e->ptaint[tx->n_out]);
		utxo_edges(e, s, ns, INTERN_NONE, e->ptaint[tx->n_out], tx_i,
			   hop_min + 1);
	}
	if (!amount_is_zero(left))
		book_unres(e, 0, TRACE_UNRES_MISSING, INTERN_NONE,
			   eng_cur_tx(e, tx), left);
}
