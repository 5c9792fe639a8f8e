/*
 * trace.c - the trace engine: one pass over the chain's transactions in
 * chain order (chaindb_each_tx), keeping taint on the coins (UTXO) and in
 * the pools (accounts) that the seeds reach. Reaching is decided in chain
 * order, so every tainted input is known before the tx that spends it.
 *
 * State is kept in flat arrays indexed by interned ids: addresses, coins
 * (by outpoint), pools (by address and asset), exits, flows (the path
 * back-pointers). Nothing is allocated per edge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "graph/cluster.h"
#include "base/intern.h"
#include "graph/policy.h"
#include "graph/trace.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"

enum { A_SEED = 1, A_CHECKED = 2, A_EXIT = 4, A_HUB = 8 };
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
	uint32_t flow;  /* best (largest) receipt */
	uint32_t last_tx;
	size_t txid_alloc;
};

struct sender {
	uint32_t addr;
	trc_amount taint;
};

#define GROW(arr, n, alloc, e)                                              \
	grow((void **)&(arr), sizeof(*(arr)), (n), &(alloc), (e))

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
	struct intern seed_txs;  /* txid */
	struct intern poolk;     /* be32 addr + be32 asset -> pool id */
	struct pool *pools;
	size_t pools_alloc;
	struct intern exitk;     /* be32 asset + be32 addr -> exit id */
	struct exit_x *ex;
	size_t exits_alloc, ex_alloc;
	struct flow *flows;
	size_t n_flows, flows_alloc;
	struct vtx *txs;
	size_t n_txs, txs_alloc;
	uint32_t cur_tx; /* visited index of the tx in hand, or NONE */
	uint32_t *edge_tx;
	size_t edges_alloc, edge_tx_alloc;
	size_t unres_alloc, nodes_alloc, outputs_alloc;
	struct policy_segs segs; /* coin intervals (fifo/lifo) */

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

static bool grow(void **p, size_t size, size_t need, size_t *alloc,
		 struct eng *e)
{
	size_t n;
	void *q;

	if (need <= *alloc)
		return true;
	n = *alloc ? *alloc : 16;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return false;
	}
	*p = q;
	*alloc = n;
	return true;
}

/* a - b, or 0 when b > a (callers have checked b <= a). */
static trc_amount sat_sub(trc_amount a, trc_amount b)
{
	trc_amount d;

	return amount_sub(&d, a, b) ? AMOUNT_ZERO : d;
}

static void add(struct eng *e, trc_amount *acc, trc_amount v)
{
	if (amount_add(acc, *acc, v) && !e->rc)
		e->rc = trc_fail(e->err, TRC_ERR_OVERFLOW,
				 "amount sum past 2^256 in a trace");
}

static void sub(struct eng *e, trc_amount *acc, trc_amount v)
{
	if (amount_sub(acc, *acc, v) && !e->rc)
		e->rc = trc_fail(e->err, TRC_ERR_INVALID,
				 "internal: negative taint");
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void pair_key(uint8_t k[8], uint32_t a, uint32_t b)
{
	be32(k, a);
	be32(k + 4, b);
}

static void outpt_key(uint8_t k[36], const uint8_t txid[32], uint32_t n)
{
	memcpy(k, txid, 32);
	be32(k + 32, n);
}

static void fmt_txid(const struct trace_opts *o, const uint8_t txid[32],
		     char out[TRACE_TXID_STR])
{
	if (o->txid_format)
		o->txid_format(txid, out);
	else
		hex_encode(out, txid, 32);
}

/* ---- names ---- */

static const char *const policy_names[] = { "poison", "haircut", "fifo",
					    "lifo", "tiho" };
static const char *const reason_names[] = { "hops", "hub", "min", "until",
					    "missing", "unspendable" };
static const char *const role_names[] = { NULL, "seed", "exit", "held",
					  "hub", "intermediate" };

const char *trace_policy_name(enum trace_policy p)
{
	return (unsigned)p < TRACE_POLICY_COUNT ? policy_names[p] : NULL;
}

bool trace_policy_from_name(const char *name, enum trace_policy *p)
{
	for (unsigned i = 0; i < TRACE_POLICY_COUNT; i++)
		if (name && !strcmp(name, policy_names[i])) {
			*p = (enum trace_policy)i;
			return true;
		}
	return false;
}

const char *trace_reason_name(enum trace_reason r)
{
	return (unsigned)r < TRACE_REASON_COUNT ? reason_names[r] : NULL;
}

const char *trace_role_name(enum trace_role r)
{
	return r >= TRACE_ROLE_SEED && r <= TRACE_ROLE_INTERMEDIATE
		       ? role_names[r]
		       : NULL;
}

void trace_opts_init(struct trace_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->policy = TRACE_HAIRCUT;
	o->hops = 10;
	o->since = TRACE_TIME_NONE;
	o->until = TRACE_TIME_NONE;
	o->hub_txs = 1000;
	for (unsigned c = 0; c < TAG_CATEGORY_COUNT; c++)
		if (tag_category_is_service((uint8_t)c))
			o->stop_mask |= 1u << c;
	o->cluster = true;
	o->deposit_window = 86400;
	o->deposit_share_pct = 90;
	o->max_paths = 10;
}

/* ---- result ---- */

void trace_result_free(struct trace_result *r)
{
	if (!r)
		return;
	free(r->network);
	for (size_t i = 0; i < r->n_seeds; i++)
		free(r->seeds[i]);
	free(r->seeds);
	for (size_t i = 0; i < r->n_assets; i++)
		free(r->assets[i].asset);
	free(r->assets);
	for (size_t i = 0; i < r->n_exits; i++)
		free(r->exits[i].txids);
	free(r->exits);
	free(r->held);
	free(r->unresolved);
	for (size_t i = 0; i < r->n_nodes; i++) {
		free(r->nodes[i].address);
		free(r->nodes[i].entity);
		free(r->nodes[i].evidence);
	}
	free(r->nodes);
	free(r->edges);
	free(r->outputs);
	for (size_t i = 0; i < r->n_paths; i++)
		free(r->paths[i].steps);
	free(r->paths);
	free(r->days);
	free(r);
}

/* ---- interning helpers ---- */

static uint32_t addr_id(struct eng *e, const char *a)
{
	uint32_t id;
	size_t before = intern_count(&e->addrs);

	if (intern_add(&e->addrs, a, strlen(a), &id, e->err)) {
		e->rc = e->err ? e->err->code : TRC_ERR_NOMEM;
		return INTERN_NONE;
	}
	if (intern_count(&e->addrs) == before)
		return id;
	if (!GROW(e->ai, id + 1, e->ai_alloc, e))
		return INTERN_NONE;
	e->ai[id].flags = 0;
	e->ai[id].node = TRACE_NONE;
	return id;
}

static uint32_t asset_id(struct eng *e, const char *asset)
{
	const char *key = asset ? asset : "";
	uint32_t id;
	struct trace_asset *a;

	if (intern_add(&e->assets, key, strlen(key), &id, e->err)) {
		e->rc = e->err ? e->err->code : TRC_ERR_NOMEM;
		return INTERN_NONE;
	}
	if (id < e->r->n_assets)
		return id;
	if (!GROW(e->r->assets, id + 1, e->assets_alloc, e))
		return INTERN_NONE;
	a = &e->r->assets[id];
	memset(a, 0, sizeof(*a));
	a->asset = strdup(asset ? asset : e->o->native_asset
					  ? e->o->native_asset
					  : "native");
	a->decimals = asset ? -1 : (int)e->o->native_decimals;
	a->conserving = e->o->policy != TRACE_POISON;
	e->r->n_assets = id + 1;
	if (!a->asset)
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	return id;
}

/* The visited index of the tx in hand, created on first use. */
static uint32_t cur_tx(struct eng *e, const struct rec_tx *tx)
{
	if (e->cur_tx != TRACE_NONE)
		return e->cur_tx;
	if (!GROW(e->txs, e->n_txs + 1, e->txs_alloc, e))
		return 0;
	fmt_txid(e->o, tx->txid, e->txs[e->n_txs].txid);
	e->txs[e->n_txs].time = tx->time;
	e->r->counters.txs_visited++;
	e->cur_tx = (uint32_t)e->n_txs++;
	return e->cur_tx;
}

static uint32_t new_flow(struct eng *e, uint32_t parent, uint32_t tx,
			 uint32_t to, trc_amount amount)
{
	if (!GROW(e->flows, e->n_flows + 1, e->flows_alloc, e))
		return TRACE_NONE;
	e->flows[e->n_flows] = (struct flow){ parent, tx, to, amount };
	return (uint32_t)e->n_flows++;
}

/* ---- classification of an address that receives taint ---- */

static enum trc_err set_node_tag(struct trace_node *n, const struct tag *t)
{
	n->entity = t->entity ? strdup(t->entity) : NULL;
	n->category = t->category;
	n->inferred = t->inferred;
	n->evidence = t->evidence ? strdup(t->evidence) : NULL;
	if ((t->entity && !n->entity) || (t->evidence && !n->evidence))
		return TRC_ERR_NOMEM;
	return TRC_OK;
}

static int count_hist(const struct chaindb_hist *h, void *ctx)
{
	uint64_t *c = ctx;

	(void)h;
	return ++c[0] > c[1];
}

static void check_hub(struct eng *e, uint32_t id, const char *a)
{
	uint64_t c[2] = { 0, e->o->hub_txs };

	if (chaindb_each_hist(e->s, e->o->chain, a, count_hist, c, e->err))
		e->rc = e->err ? e->err->code : TRC_ERR_DB;
	else if (c[0] > c[1])
		e->ai[id].flags |= A_HUB;
}

static void lookup_tag(struct eng *e, struct trace_node *n)
{
	struct tag t = TAG_INIT;
	bool found = false;

	if (tags_best(e->s, e->o->chain, n->address, &t, &found, e->err)) {
		e->rc = e->err ? e->err->code : TRC_ERR_DB;
		return;
	}
	if (!found && e->cl &&
	    cluster_infer(e->cl, n->address, e->o->txid_format, &t, &found,
			  e->err)) {
		e->rc = e->err ? e->err->code : TRC_ERR_DB;
		return;
	}
	if (found && set_node_tag(n, &t))
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	tag_release(&t);
}

static void classify(struct eng *e, uint32_t id)
{
	struct addr *a = &e->ai[id];
	struct trace_node *n;

	if (a->flags & A_CHECKED)
		return;
	a->flags |= A_CHECKED;
	if (!GROW(e->r->nodes, e->r->n_nodes + 1, e->nodes_alloc, e))
		return;
	a->node = (uint32_t)e->r->n_nodes++;
	n = &e->r->nodes[a->node];
	memset(n, 0, sizeof(*n));
	n->address = strdup(intern_key(&e->addrs, id, NULL));
	if (!n->address) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	n->role = TRACE_ROLE_INTERMEDIATE;
	lookup_tag(e, n);
	if (e->cl)
		n->cluster = cluster_id(e->cl, n->address);
	if (a->flags & A_SEED)
		return;
	if (n->category < 32 && (e->o->stop_mask & (1u << n->category)))
		a->flags |= A_EXIT;
	else if (e->o->hub_txs)
		check_hub(e, id, n->address);
}

/* ---- accounting ---- */

static void unres(struct eng *e, uint32_t asset, enum trace_reason why,
		  uint32_t addr, uint32_t tx, trc_amount v)
{
	struct trace_unresolved *u;
	struct trace_asset *a = &e->r->assets[asset];

	if (amount_is_zero(v))
		return;
	add(e, &a->unresolved_by[why], v);
	add(e, &a->unresolved, v);
	if (!GROW(e->r->unresolved, e->r->n_unresolved + 1, e->unres_alloc,
		  e))
		return;
	u = &e->r->unresolved[e->r->n_unresolved++];
	memset(u, 0, sizeof(*u));
	u->asset = asset;
	u->reason = (uint8_t)why;
	u->node = TRACE_NONE;
	u->address = "";
	if (addr != INTERN_NONE) {
		classify(e, addr);
		u->node = e->ai[addr].node;
	}
	if (tx != TRACE_NONE)
		memcpy(u->txid, e->txs[tx].txid, TRACE_TXID_STR);
	u->amount = v;
}

static void edge(struct eng *e, uint32_t from, uint32_t to, uint32_t asset,
		 trc_amount v, uint32_t tx, uint32_t hop)
{
	struct trace_edge *d;

	if (amount_is_zero(v))
		return;
	if (!GROW(e->r->edges, e->r->n_edges + 1, e->edges_alloc, e) ||
	    !GROW(e->edge_tx, e->r->n_edges + 1, e->edge_tx_alloc, e))
		return;
	if (from != INTERN_NONE)
		classify(e, from);
	if (to != INTERN_NONE)
		classify(e, to);
	d = &e->r->edges[e->r->n_edges];
	e->edge_tx[e->r->n_edges++] = tx;
	d->from = from != INTERN_NONE ? e->ai[from].node : TRACE_NONE;
	d->to = to != INTERN_NONE ? e->ai[to].node : TRACE_NONE;
	d->asset = asset;
	d->amount = v;
	memcpy(d->txid, e->txs[tx].txid, TRACE_TXID_STR);
	d->time = e->txs[tx].time;
	d->hop = hop;
}

static void out_add(struct eng *e, uint32_t tx, uint32_t n, uint32_t addr,
		    uint32_t asset, trc_amount value, trc_amount t,
		    uint32_t hop)
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

static void exit_add(struct eng *e, uint32_t asset, uint32_t addr,
		     trc_amount v, uint32_t hop, uint32_t tx, uint32_t flow)
{
	uint8_t k[8];
	uint32_t id;
	struct trace_exit *x;
	struct trace_node *n;

	pair_key(k, asset, addr);
	if (intern_add(&e->exitk, k, 8, &id, e->err)) {
		e->rc = TRC_ERR_NOMEM;
		return;
	}
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
	add(e, &x->amount, v);
	add(e, &e->r->assets[asset].exits_total, v);
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

static bool in_time(const struct eng *e, int64_t t)
{
	return e->o->since == TRACE_TIME_NONE || t >= e->o->since;
}

static bool is_seed_addr(struct eng *e, const char *a, int64_t t)
{
	uint32_t id;

	if (!a || !in_time(e, t))
		return false;
	id = intern_find(&e->addrs, a, strlen(a));
	return id != INTERN_NONE && (e->ai[id].flags & A_SEED);
}

static bool is_seed_out(struct eng *e, const uint8_t txid[32], uint32_t n)
{
	uint8_t k[36];

	if (!intern_count(&e->seed_outs))
		return false;
	outpt_key(k, txid, n);
	return intern_find(&e->seed_outs, k, 36) != INTERN_NONE;
}

/* ---- UTXO transactions ---- */

static bool tx_scratch(struct eng *e, size_t n)
{
	size_t a = e->tx_alloc;

	if (n <= a)
		return true;
#define G(p) (a = e->tx_alloc, grow((void **)&e->p, sizeof(*e->p), n, &a, e))
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
		if (is_seed_addr(e, tx->out[j].address, tx->time))
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
	if (chaindb_get_tx(e->s, e->o->chain, in->prev_txid, &prev, &found,
			   e->err)) {
		e->rc = e->err ? e->err->code : TRC_ERR_DB;
		return v;
	}
	if (found && in->prev_vout < prev.n_out)
		v = prev.out[in->prev_vout].value;
	else
		e->r->counters.inputs_missing++;
	rec_tx_release(&prev);
	return v;
}

/* Reads the inputs: values, taints, coins. Out: *T, *hop_min, *any. */
static void read_inputs(struct eng *e, const struct rec_tx *tx,
			trc_amount *T, uint32_t *hop_min, bool *any)
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
			unres(e, 0,
			      co->state == C_STOP_HOPS ? TRACE_UNRES_HOPS
						       : TRACE_UNRES_MIN,
			      co->addr, cur_tx(e, tx), co->taint);
			continue;
		}
		if (e->o->until != TRACE_TIME_NONE && tx->time > e->o->until) {
			unres(e, 0, TRACE_UNRES_UNTIL, co->addr, cur_tx(e, tx),
			      co->taint);
			continue;
		}
		e->in_taint[i] = co->taint;
		e->in_coin[i] = c;
		add(e, T, co->taint);
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
				if (amount_add(&s, pos, g->start) ||
				    policy_segs_push(&e->line, s, g->len,
						     e->err)) {
					e->rc = TRC_ERR_OVERFLOW;
					return;
				}
			}
		}
		add(e, &pos, e->in_val[i]);
	}
}

/* Out: e->ptaint[0..n_out] (the last is the fee), *left. */
static void apply_policy(struct eng *e, const struct rec_tx *tx,
			 trc_amount T, bool any, trc_amount fee,
			 trc_amount *left)
{
	uint32_t n = tx->n_out;
	trc_amount sum = AMOUNT_ZERO, W = AMOUNT_ZERO;

	*left = AMOUNT_ZERO;
	for (uint32_t j = 0; j <= n; j++) {
		e->parts[j] = j < n ? tx->out[j].value : fee;
		e->ptaint[j] = AMOUNT_ZERO;
		add(e, &W, e->parts[j]);
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
		rc = policy_tiho(T, e->parts, n, fee, e->ptaint,
				 &e->ptaint[n], left, &e->sc, e->err);
		break;
	}
	if (rc) {
		e->rc = rc;
		return;
	}
	for (uint32_t j = 0; j <= n; j++)
		add(e, &sum, e->ptaint[j]);
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
static struct sender *senders(struct eng *e, const struct rec_tx *tx,
			      size_t *n)
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
			add(e, &s[out - 1].taint, s[i].taint);
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
		edge(e, s[0].addr, to, 0, t, tx, hop);
		return;
	}
	if (policy_split(t, w, ns, o, &e->sc, e->err)) {
		e->rc = e->err ? e->err->code : TRC_ERR_INVALID;
		return;
	}
	for (size_t i = 0; i < ns; i++)
		edge(e, s[i].addr, to, 0, o[i], tx, hop);
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
	bool intervals = e->o->policy == TRACE_FIFO ||
			 e->o->policy == TRACE_LIFO;

	outpt_key(k, tx->txid, j);
	if (intern_add(&e->outpts, k, 36, &id, e->err) ||
	    !GROW(e->coins, id + 1, e->coins_alloc, e)) {
		e->rc = e->rc ? e->rc : TRC_ERR_NOMEM;
		return;
	}
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
		if (policy_segs_push(&e->segs, AMOUNT_ZERO, t, e->err))
			e->rc = TRC_ERR_NOMEM;
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
	bool seed = is_seed_addr(e, out->address, tx->time) ||
		    is_seed_out(e, tx->txid, j);

	if (seed) {
		if (amount_sub(&rest, out->value, t))
			rest = AMOUNT_ZERO;
		add(e, &e->r->assets[0].seed_total, rest);
	}
	if (amount_is_zero(t) && (!seed || amount_is_zero(out->value)))
		return;
	tx_i = cur_tx(e, tx);
	if (out->address)
		id = addr_id(e, out->address);
	if (e->rc)
		return;
	utxo_edges(e, s, ns, id, t, tx_i, hop);
	if (seed) {
		t = out->value;
		hop = 0;
		parent = TRACE_NONE;
	}
	flow = new_flow(e, parent, tx_i, id, t);
	if (id != INTERN_NONE)
		classify(e, id);
	out_add(e, tx_i, j, id, 0, out->value, t, hop);
	if (id == INTERN_NONE) {
		unres(e, 0, TRACE_UNRES_UNSPENDABLE, INTERN_NONE, tx_i, t);
		return;
	}
	classify(e, id);
	if (seed) /* the seeds' own coins are followed wherever they sit */
		new_coin(e, tx, j, id, t, hop, seed, flow);
	else if (e->ai[id].flags & A_EXIT)
		exit_add(e, 0, id, t, hop, tx_i, flow);
	else if (e->ai[id].flags & A_HUB)
		unres(e, 0, TRACE_UNRES_HUB, id, tx_i, t);
	else
		new_coin(e, tx, j, id, t, hop, seed, flow);
}

static void do_utxo(struct eng *e, const struct rec_tx *tx)
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
		add(e, &tin, e->in_val[i]);
	for (uint32_t j = 0; j < tx->n_out; j++)
		add(e, &tout, tx->out[j].value);
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
		uint32_t tx_i = cur_tx(e, tx);
		add(e, &e->r->assets[0].fees, e->ptaint[tx->n_out]);
		utxo_edges(e, s, ns, INTERN_NONE, e->ptaint[tx->n_out], tx_i,
			   hop_min + 1);
	}
	if (!amount_is_zero(left))
		unres(e, 0, TRACE_UNRES_MISSING, INTERN_NONE, cur_tx(e, tx),
		      left);
}

/* ---- account transactions: pools per (address, asset) ---- */

static struct pool *pool_of(struct eng *e, uint32_t addr, uint32_t asset)
{
	uint8_t k[8];
	uint32_t id;
	size_t before = intern_count(&e->poolk);

	pair_key(k, addr, asset);
	if (intern_add(&e->poolk, k, 8, &id, e->err)) {
		e->rc = TRC_ERR_NOMEM;
		return NULL;
	}
	if (intern_count(&e->poolk) == before)
		return &e->pools[id];
	if (!GROW(e->pools, id + 1, e->pools_alloc, e))
		return NULL;
	memset(&e->pools[id], 0, sizeof(e->pools[id]));
	e->pools[id].flow = TRACE_NONE;
	e->pools[id].hop = UINT32_MAX;
	return &e->pools[id];
}

static bool carry_push(struct eng *e, trc_amount amt, bool tainted)
{
	if (amount_is_zero(amt))
		return true;
	if (e->n_carry && e->carry[e->n_carry - 1].tainted == tainted) {
		add(e, &e->carry[e->n_carry - 1].amt, amt);
		return true;
	}
	if (!GROW(e->carry, e->n_carry + 1, e->carry_alloc, e))
		return false;
	e->carry[e->n_carry].amt = amt;
	e->carry[e->n_carry++].tainted = tainted;
	return true;
}

static bool q_push(struct eng *e, struct pool *p, trc_amount amt,
		   bool tainted)
{
	size_t alloc = p->alloc;

	if (amount_is_zero(amt))
		return true;
	if (p->n > p->head && p->q[p->n - 1].tainted == tainted) {
		add(e, &p->q[p->n - 1].amt, amt);
		return true;
	}
	if (p->head && p->head * 2 >= p->n) {
		memmove(p->q, p->q + p->head, (p->n - p->head) * sizeof(*p->q));
		p->n -= p->head;
		p->head = 0;
	}
	if (!grow((void **)&p->q, sizeof(*p->q), p->n + 1, &alloc, e))
		return false;
	p->alloc = (uint32_t)alloc;
	p->q[p->n].amt = amt;
	p->q[p->n++].tainted = tainted;
	return true;
}

/* Takes v from queue p (fifo: the head; lifo: the tail) into e->carry.
 * Out: the tainted part. */
static trc_amount q_take(struct eng *e, struct pool *p, trc_amount v)
{
	trc_amount t = AMOUNT_ZERO, take;
	bool lifo = e->o->policy == TRACE_LIFO;

	while (!amount_is_zero(v) && p->n > p->head) {
		struct qseg *g = lifo ? &p->q[p->n - 1] : &p->q[p->head];
		take = amount_min(v, g->amt);
		carry_push(e, take, g->tainted);
		if (g->tainted)
			add(e, &t, take);
		sub(e, &g->amt, take);
		sub(e, &v, take);
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
		sub(e, &p->bal, v);
	if (e->o->policy != TRACE_POISON)
		sub(e, &p->taint, t);
	return t;
}

/* Adds a receipt of v (tainted part t) to pool p; fifo/lifo take the
 * segment order from e->carry when `carried`. */
static void pool_put(struct eng *e, struct pool *p, trc_amount v,
		     trc_amount t, bool carried)
{
	trc_amount clean;

	add(e, &p->bal, v);
	if (e->o->policy == TRACE_POISON) {
		if (!amount_is_zero(t))
			p->poisoned = 1;
		return;
	}
	add(e, &p->taint, t);
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

/* Taint t leaving `from` in leg k: stopped here or carried on. Returns
 * the taint the receiver gets. */
static trc_amount leg_stop(struct eng *e, const struct rec_tx *tx,
			   uint32_t asset, uint32_t from, const struct pool *p,
			   trc_amount t)
{
	uint32_t tx_i = cur_tx(e, tx);
	enum trace_reason why;

	if (e->o->until != TRACE_TIME_NONE && tx->time > e->o->until)
		why = TRACE_UNRES_UNTIL;
	else if (p->hop >= e->o->hops)
		why = TRACE_UNRES_HOPS;
	else if (amount_cmp(t, e->o->min) < 0)
		why = TRACE_UNRES_MIN;
	else
		return t;
	unres(e, asset, why, from, tx_i, t);
	return AMOUNT_ZERO;
}

static void leg_receive(struct eng *e, const struct rec_tx *tx, uint32_t k,
			uint32_t asset, uint32_t from, uint32_t to,
			trc_amount t, uint32_t hop, uint32_t parent)
{
	const struct rec_leg *g = &tx->legs[k];
	struct pool *p;
	trc_amount rest;
	bool seed = is_seed_addr(e, g->to, tx->time) ||
		    is_seed_out(e, tx->txid, k);
	bool carried = !amount_is_zero(t);
	uint32_t tx_i, flow;

	if (seed) {
		if (amount_sub(&rest, g->value, t))
			rest = AMOUNT_ZERO;
		add(e, &e->r->assets[asset].seed_total, rest);
	}
	if (!amount_is_zero(t) || (seed && !amount_is_zero(g->value))) {
		tx_i = cur_tx(e, tx);
		edge(e, from, to, asset, t, tx_i, hop);
		if (seed) {
			t = g->value;
			hop = 0;
			parent = TRACE_NONE;
			carried = false;
		}
		flow = new_flow(e, parent, tx_i, to, t);
		classify(e, to);
		out_add(e, tx_i, k, to, asset, g->value, t, hop);
		if (e->rc)
			return;
		if (seed) {
			/* followed wherever it sits */
		} else if (e->ai[to].flags & A_EXIT) {
			exit_add(e, asset, to, t, hop, tx_i, flow);
			t = AMOUNT_ZERO;
			carried = false;
		} else if (e->ai[to].flags & A_HUB) {
			unres(e, asset, TRACE_UNRES_HUB, to, tx_i, t);
			t = AMOUNT_ZERO;
			carried = false;
		}
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
	p = pool_of(e, to, asset);
	if (p)
		pool_put(e, p, g->value, AMOUNT_ZERO, false);
}

static void do_leg(struct eng *e, const struct rec_tx *tx, uint32_t k)
{
	const struct rec_leg *g = &tx->legs[k];
	uint32_t asset = asset_id(e, g->asset), from = INTERN_NONE;
	uint32_t to = INTERN_NONE, hop = 0, parent = TRACE_NONE;
	trc_amount t = AMOUNT_ZERO;
	struct pool *p;

	if (e->rc)
		return;
	e->n_carry = 0;
	if (g->from) {
		from = addr_id(e, g->from);
		p = from != INTERN_NONE ? pool_of(e, from, asset) : NULL;
		if (!p)
			return;
		t = pool_take(e, p, g->value);
		hop = p->hop == UINT32_MAX ? 0 : p->hop + 1;
		parent = p->flow;
		if (!amount_is_zero(t) && g->to)
			t = leg_stop(e, tx, asset, from, p, t);
	}
	if (!g->to) {
		if (amount_is_zero(t))
			return;
		uint32_t tx_i = cur_tx(e, tx);
		edge(e, from, INTERN_NONE, asset, t, tx_i, hop);
		if (g->kind == LEG_FEE)
			add(e, &e->r->assets[asset].fees, t);
		else
			unres(e, asset, TRACE_UNRES_UNSPENDABLE, from, tx_i, t);
		return;
	}
	to = addr_id(e, g->to);
	if (to != INTERN_NONE)
		leg_receive(e, tx, k, asset, from, to, t, hop, parent);
}

static void do_legs(struct eng *e, const struct rec_tx *tx)
{
	bool failed = tx->flags & REC_TX_FAILED;

	for (uint32_t k = 0; k < tx->n_legs && !e->rc; k++)
		if (!failed || tx->legs[k].kind == LEG_FEE)
			do_leg(e, tx, k);
}

static int on_tx(const struct rec_tx *tx, void *ctx)
{
	struct eng *e = ctx;

	e->r->counters.txs_scanned++;
	e->cur_tx = TRACE_NONE;
	if (tx->n_legs)
		do_legs(e, tx);
	else
		do_utxo(e, tx);
	if (e->rc) {
		char txid[TRACE_TXID_STR];
		fmt_txid(e->o, tx->txid, txid);
		trc_error_prefix(e->err, "transaction %s", txid);
		return 1;
	}
	return 0;
}

/* ---- after the scan ---- */

static void held_add(struct eng *e, struct intern *hk, uint32_t asset,
		     uint32_t addr, trc_amount v, size_t *alloc)
{
	uint8_t k[8];
	uint32_t id;
	struct trace_held *h;

	if (amount_is_zero(v))
		return;
	add(e, &e->r->assets[asset].held, v);
	pair_key(k, asset, addr);
	if (intern_add(hk, k, 8, &id, e->err)) {
		e->rc = TRC_ERR_NOMEM;
		return;
	}
	if (id == e->r->n_held) {
		if (!GROW(e->r->held, id + 1, *alloc, e))
			return;
		classify(e, addr);
		h = &e->r->held[e->r->n_held++];
		h->asset = asset;
		h->node = e->ai[addr].node;
		h->amount = AMOUNT_ZERO;
	}
	add(e, &e->r->held[id].amount, v);
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
	if (chaindb_get_spent_by(e->s, e->o->chain, txid, n, spender, &vin,
				 &found, e->err)) {
		e->rc = e->err ? e->err->code : TRC_ERR_DB;
		return false;
	}
	if (!found)
		return false;
	if (!GROW(e->txs, e->n_txs + 1, e->txs_alloc, e))
		return false;
	fmt_txid(e->o, spender, e->txs[e->n_txs].txid);
	e->txs[e->n_txs].time = 0;
	*tx_i = (uint32_t)e->n_txs++;
	return true;
}

static void finish_held(struct eng *e)
{
	struct intern hk = INTERN_INIT;
	size_t alloc = 0;
	uint32_t tx_i;

	for (size_t i = 0; i < intern_count(&e->outpts) && !e->rc; i++) {
		const struct coin *c = &e->coins[i];
		if (c->spent)
			continue;
		if (spent_unseen(e, (uint32_t)i, &tx_i))
			unres(e, 0, TRACE_UNRES_MISSING, c->addr, tx_i,
			      c->taint);
		else
			held_add(e, &hk, 0, c->addr, c->taint, &alloc);
	}
	for (size_t i = 0; i < intern_count(&e->poolk) && !e->rc; i++) {
		size_t len;
		const uint8_t *k =
			(const uint8_t *)intern_key(&e->poolk, (uint32_t)i,
						    &len);
		uint32_t addr = (uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 |
				(uint32_t)k[2] << 8 | k[3];
		uint32_t asset = (uint32_t)k[4] << 24 | (uint32_t)k[5] << 16 |
				 (uint32_t)k[6] << 8 | k[7];
		const struct pool *p = &e->pools[i];
		trc_amount v = e->o->policy == TRACE_POISON
				       ? (p->poisoned ? p->bal : AMOUNT_ZERO)
				       : p->taint;
		if (e->ai[addr].flags & (A_EXIT | A_HUB))
			continue;
		held_add(e, &hk, asset, addr, v, &alloc);
	}
	intern_release(&hk);
}

static const struct trace_node *node_at(const struct trace_result *r,
					uint32_t n)
{
	return &r->nodes[n];
}

static int cmp_str_amount(trc_amount a, trc_amount b, const char *x,
			  const char *y)
{
	int c = amount_cmp(b, a);

	return c ? c : strcmp(x, y);
}

static const struct trace_result *sort_r;

static int cmp_exit(const void *a, const void *b)
{
	const struct trace_exit *x = &sort_r->exits[*(const uint32_t *)a];
	const struct trace_exit *y = &sort_r->exits[*(const uint32_t *)b];
	int c = cmp_str_amount(x->amount, y->amount,
			       node_at(sort_r, x->node)->address,
			       node_at(sort_r, y->node)->address);

	return c ? c : (x->asset < y->asset ? -1 : x->asset > y->asset);
}

static int cmp_held(const void *a, const void *b)
{
	const struct trace_held *x = a, *y = b;
	int c = cmp_str_amount(x->amount, y->amount,
			       node_at(sort_r, x->node)->address,
			       node_at(sort_r, y->node)->address);

	return c ? c : (x->asset < y->asset ? -1 : x->asset > y->asset);
}

static int cmp_unres(const void *a, const void *b)
{
	const struct trace_unresolved *x = a, *y = b;
	const char *ax = x->node == TRACE_NONE ? ""
					       : node_at(sort_r, x->node)->address;
	const char *ay = y->node == TRACE_NONE ? ""
					       : node_at(sort_r, y->node)->address;
	int c;

	if (x->reason != y->reason)
		return x->reason < y->reason ? -1 : 1;
	c = cmp_str_amount(x->amount, y->amount, ax, ay);
	if (c)
		return c;
	c = strcmp(x->txid, y->txid);
	return c ? c : (x->asset < y->asset ? -1 : x->asset > y->asset);
}

/* Sorts the exits, keeping e->ex in step. Out: perm (new) old index by
 * new position. */
static void sort_exits(struct eng *e)
{
	size_t n = e->r->n_exits;
	uint32_t *perm;
	struct trace_exit *xs;
	struct exit_x *xx;

	if (!n)
		return;
	perm = malloc(n * sizeof(*perm));
	xs = malloc(n * sizeof(*xs));
	xx = malloc(n * sizeof(*xx));

	if (!perm || !xs || !xx) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++)
		perm[i] = (uint32_t)i;
	qsort(perm, n, sizeof(*perm), cmp_exit);
	for (size_t i = 0; i < n; i++) {
		xs[i] = e->r->exits[perm[i]];
		xx[i] = e->ex[perm[i]];
	}
	memcpy(e->r->exits, xs, n * sizeof(*xs));
	memcpy(e->ex, xx, n * sizeof(*xx));
cleanup:
	free(perm);
	free(xs);
	free(xx);
}

static void build_path(struct eng *e, uint32_t x)
{
	struct trace_path *p = &e->r->paths[e->r->n_paths];
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	p->exit = x;
	for (uint32_t f = e->ex[x].flow; f != TRACE_NONE; f = e->flows[f].parent)
		n++;
	if (!n)
		return;
	p->steps = calloc(n, sizeof(*p->steps));
	if (!p->steps) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	p->n_steps = n;
	for (uint32_t f = e->ex[x].flow; f != TRACE_NONE; f = e->flows[f].parent) {
		struct trace_step *s = &p->steps[--n];
		const struct flow *fl = &e->flows[f];
		memcpy(s->txid, e->txs[fl->tx].txid, TRACE_TXID_STR);
		s->time = e->txs[fl->tx].time;
		s->amount = fl->amount;
		s->to = fl->to == INTERN_NONE
				? ""
				: e->r->nodes[e->ai[fl->to].node].address;
	}
	e->r->n_paths++;
}

struct dayrow {
	int64_t day;
	uint32_t asset, tx;
	trc_amount amount;
};

static int cmp_day(const void *a, const void *b)
{
	const struct dayrow *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->asset != y->asset)
		return x->asset < y->asset ? -1 : 1;
	return x->tx < y->tx ? -1 : x->tx > y->tx;
}

static int64_t day_of(int64_t t)
{
	int64_t d = t / 86400;

	if (t % 86400 < 0)
		d--;
	return d * 86400;
}

static void build_days(struct eng *e)
{
	struct trace_result *r = e->r;
	struct dayrow *rows = malloc((r->n_edges + 1) * sizeof(*rows));
	size_t n = 0, alloc = 0;

	if (!rows) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	for (size_t i = 0; i < r->n_edges; i++)
		if (r->edges[i].to != TRACE_NONE)
			rows[n++] = (struct dayrow){ day_of(r->edges[i].time),
						     r->edges[i].asset,
						     e->edge_tx[i],
						     r->edges[i].amount };
	qsort(rows, n, sizeof(*rows), cmp_day);
	for (size_t i = 0; i < n && !e->rc; i++) {
		struct trace_day *d = r->n_days ? &r->days[r->n_days - 1] : NULL;
		if (!d || d->day != rows[i].day || d->asset != rows[i].asset) {
			if (!GROW(r->days, r->n_days + 1, alloc, e))
				break;
			d = &r->days[r->n_days++];
			*d = (struct trace_day){ rows[i].day, rows[i].asset,
						 AMOUNT_ZERO, 0 };
		}
		add(e, &d->amount, rows[i].amount);
		if (!i || rows[i - 1].tx != rows[i].tx ||
		    rows[i - 1].day != rows[i].day ||
		    rows[i - 1].asset != rows[i].asset)
			d->txs++;
	}
	free(rows);
}

static void set_roles(struct eng *e)
{
	struct trace_result *r = e->r;

	for (size_t i = 0; i < intern_count(&e->addrs); i++) {
		const struct addr *a = &e->ai[i];
		if (a->node == TRACE_NONE || !(a->flags & A_CHECKED))
			continue;
		struct trace_node *n = &r->nodes[a->node];
		if (a->flags & A_SEED)
			n->role = TRACE_ROLE_SEED;
		else if (a->flags & A_EXIT)
			n->role = TRACE_ROLE_EXIT;
		else if (a->flags & A_HUB)
			n->role = TRACE_ROLE_HUB;
	}
	for (size_t i = 0; i < r->n_held; i++)
		if (r->nodes[r->held[i].node].role == TRACE_ROLE_INTERMEDIATE)
			r->nodes[r->held[i].node].role = TRACE_ROLE_HELD;
}

static void check_identity(struct eng *e)
{
	for (size_t i = 0; i < e->r->n_assets; i++) {
		struct trace_asset *a = &e->r->assets[i];
		trc_amount s = AMOUNT_ZERO;
		add(e, &s, a->exits_total);
		add(e, &s, a->held);
		add(e, &s, a->fees);
		add(e, &s, a->unresolved);
		a->balanced = a->conserving && !amount_cmp(s, a->seed_total);
	}
}

static void finish(struct eng *e)
{
	struct trace_result *r = e->r;

	finish_held(e);
	if (e->rc)
		return;
	sort_r = r;
	sort_exits(e);
	if (r->n_held)
		qsort(r->held, r->n_held, sizeof(*r->held), cmp_held);
	if (r->n_unresolved)
		qsort(r->unresolved, r->n_unresolved, sizeof(*r->unresolved),
		      cmp_unres);
	sort_r = NULL;
	for (size_t i = 0; i < r->n_exits; i++) {
		struct trace_node *n = &r->nodes[r->exits[i].node];
		r->exits[i].address = n->address;
		r->exits[i].entity = n->entity;
		r->exits[i].evidence = n->evidence;
	}
	for (size_t i = 0; i < r->n_held; i++)
		r->held[i].address = r->nodes[r->held[i].node].address;
	for (size_t i = 0; i < r->n_unresolved; i++)
		r->unresolved[i].address =
			r->unresolved[i].node == TRACE_NONE
				? ""
				: r->nodes[r->unresolved[i].node].address;
	size_t np = r->n_exits < e->o->max_paths ? r->n_exits
						   : e->o->max_paths;
	r->paths = calloc(np ? np : 1, sizeof(*r->paths));
	if (!r->paths) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	for (size_t i = 0; i < np && !e->rc; i++)
		build_path(e, (uint32_t)i);
	build_days(e);
	set_roles(e);
	check_identity(e);
	r->counters.addresses = r->n_nodes;
	if (e->cl)
		r->counters.coinjoins = cluster_coinjoins(e->cl);
}

/* ---- setup ---- */

static enum trc_err echo_opts(struct eng *e)
{
	const struct trace_opts *o = e->o;
	struct trace_result *r = e->r;
	size_t n = o->n_seed_addrs + o->n_seed_outs;

	r->chain = o->chain;
	r->policy = o->policy;
	r->hops = o->hops;
	r->min = o->min;
	r->hub_txs = o->hub_txs;
	r->since = o->since;
	r->until = o->until;
	r->network = o->network ? strdup(o->network) : NULL;
	r->seeds = calloc(n, sizeof(*r->seeds));
	if (!r->seeds || (o->network && !r->network))
		return trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < o->n_seed_addrs; i++)
		if (!(r->seeds[r->n_seeds++] = strdup(o->seed_addrs[i])))
			return trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < o->n_seed_outs; i++) {
		char txid[TRACE_TXID_STR];
		char *s = malloc(TRACE_TXID_STR + 12);
		if (!s)
			return trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		fmt_txid(o, o->seed_outs[i].txid, txid);
		snprintf(s, TRACE_TXID_STR + 12, "%s:%u", txid,
			 (unsigned)o->seed_outs[i].n);
		r->seeds[r->n_seeds++] = s;
	}
	return TRC_OK;
}

static enum trc_err check_seed_out(struct eng *e,
				   const struct trace_outpoint *op)
{
	struct rec_tx tx = REC_TX_INIT;
	bool found = false;
	char txid[TRACE_TXID_STR];
	enum trc_err rc;
	uint32_t n;
	bool legs;

	rc = chaindb_get_tx(e->s, e->o->chain, op->txid, &tx, &found, e->err);
	if (rc)
		return rc;
	n = tx.n_legs ? tx.n_legs : tx.n_out;
	legs = tx.n_legs != 0;
	rec_tx_release(&tx);
	fmt_txid(e->o, op->txid, txid);
	if (!found)
		return trc_fail(e->err, TRC_ERR_NOTFOUND,
				"seed transaction '%s' is not in the database",
				txid);
	if (op->n >= n)
		return trc_fail(e->err, TRC_ERR_INVALID,
				"seed '%s:%u': the transaction has %u %s",
				txid, (unsigned)op->n, (unsigned)n,
				legs ? "legs" : "outputs");
	return TRC_OK;
}

static enum trc_err setup_seeds(struct eng *e)
{
	const struct trace_opts *o = e->o;
	uint8_t k[36];
	uint32_t id;

	for (size_t i = 0; i < o->n_seed_addrs; i++) {
		id = addr_id(e, o->seed_addrs[i]);
		if (e->rc)
			return e->rc;
		e->ai[id].flags |= A_SEED;
	}
	for (size_t i = 0; i < o->n_seed_outs; i++) {
		enum trc_err rc = check_seed_out(e, &o->seed_outs[i]);
		if (rc)
			return rc;
		outpt_key(k, o->seed_outs[i].txid, o->seed_outs[i].n);
		if (intern_add(&e->seed_outs, k, 36, &id, e->err) ||
		    intern_add(&e->seed_txs, k, 32, &id, e->err))
			return TRC_ERR_NOMEM;
	}
	return TRC_OK;
}

static enum trc_err check_opts(const struct trace_opts *o,
			       struct trc_error *err)
{
	if (!o->n_seed_addrs && !o->n_seed_outs)
		return trc_fail(err, TRC_ERR_INVALID, "no seeds to trace");
	if (!trace_policy_name(o->policy))
		return trc_fail(err, TRC_ERR_INVALID, "unknown policy %d",
				(int)o->policy);
	if (!o->hops)
		return trc_fail(err, TRC_ERR_INVALID,
				"hop limit must be at least 1");
	if (o->deposit_share_pct > 100)
		return trc_fail(err, TRC_ERR_INVALID,
				"deposit share %u%% is over 100%%",
				o->deposit_share_pct);
	return TRC_OK;
}

static void eng_release(struct eng *e)
{
	for (size_t i = 0; i < intern_count(&e->poolk); i++)
		free(e->pools[i].q);
	intern_release(&e->addrs);
	intern_release(&e->assets);
	intern_release(&e->outpts);
	intern_release(&e->seed_outs);
	intern_release(&e->seed_txs);
	intern_release(&e->poolk);
	intern_release(&e->exitk);
	free(e->pools);
	free(e->ai);
	free(e->coins);
	free(e->ex);
	free(e->flows);
	free(e->txs);
	free(e->edge_tx);
	policy_segs_release(&e->segs);
	policy_segs_release(&e->line);
	policy_segs_release(&e->cut);
	policy_scratch_release(&e->sc);
	free(e->parts);
	free(e->ptaint);
	free(e->in_val);
	free(e->in_taint);
	free(e->w);
	free(e->in_coin);
	free(e->off);
	free(e->cnt);
	free(e->snd);
	free(e->carry);
	cluster_free(e->cl);
}

static enum trc_err build_clusters(struct eng *e)
{
	struct cluster_opts co;

	if (!e->o->cluster)
		return TRC_OK;
	cluster_opts_init(&co);
	co.deposit_window = e->o->deposit_window;
	co.deposit_share_pct = e->o->deposit_share_pct;
	return cluster_build(e->s, e->o->chain, &co, &e->cl, e->err);
}

enum trc_err trace_run(struct store *s, const struct trace_opts *o,
		       struct trace_result **out, struct trc_error *err)
{
	struct eng e;
	enum trc_err rc;

	*out = NULL;
	rc = check_opts(o, err);
	if (rc)
		return rc;
	memset(&e, 0, sizeof(e));
	e.s = s;
	e.o = o;
	e.err = err;
	e.cur_tx = TRACE_NONE;
	e.r = calloc(1, sizeof(*e.r));
	if (!e.r)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = echo_opts(&e);
	if (!rc)
		rc = build_clusters(&e);
	if (!rc) {
		asset_id(&e, NULL);
		rc = e.rc ? e.rc : setup_seeds(&e);
	}
	if (!rc)
		rc = chaindb_each_tx(s, o->chain, on_tx, &e, err);
	if (!rc && !e.rc)
		finish(&e);
	if (!rc)
		rc = e.rc;
	eng_release(&e);
	if (rc) {
		trace_result_free(e.r);
		return rc;
	}
	*out = e.r;
	return TRC_OK;
}
