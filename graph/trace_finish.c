/*
 * trace_finish.c - the result of a trace once every transaction is applied:
 * exits, held and unresolved sorted, paths to the largest exits, roles,
 * the accounting identity.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/trace_int.h"

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

static int cmp_exit(const void *a, const void *b, void *ctx)
{
	const struct trace_result *r = ctx;
	const struct trace_exit *x = &r->exits[*(const uint32_t *)a];
	const struct trace_exit *y = &r->exits[*(const uint32_t *)b];
	int c = cmp_str_amount(x->amount, y->amount,
			       node_at(r, x->node)->address,
			       node_at(r, y->node)->address);

	return c ? c : (x->asset < y->asset ? -1 : x->asset > y->asset);
}

static int cmp_held(const void *a, const void *b, void *ctx)
{
	const struct trace_result *r = ctx;
	const struct trace_held *x = a, *y = b;
	int c = cmp_str_amount(x->amount, y->amount,
			       node_at(r, x->node)->address,
			       node_at(r, y->node)->address);

	return c ? c : (x->asset < y->asset ? -1 : x->asset > y->asset);
}

static int cmp_unres(const void *a, const void *b, void *ctx)
{
	const struct trace_result *r = ctx;
	const struct trace_unresolved *x = a, *y = b;
	const char *ax =
		x->node == TRACE_NONE ? "" : node_at(r, x->node)->address;
	const char *ay =
		y->node == TRACE_NONE ? "" : node_at(r, y->node)->address;
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
	qsort_r(perm, n, sizeof(*perm), cmp_exit, e->r);
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
	for (uint32_t f = e->ex[x].flow; f != TRACE_NONE;
	     f = e->flows[f].parent)
		n++;
	if (!n)
		return;
	p->steps = calloc(n, sizeof(*p->steps));
	if (!p->steps) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	p->n_steps = n;
	for (uint32_t f = e->ex[x].flow; f != TRACE_NONE;
	     f = e->flows[f].parent) {
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
		eng_add(e, &s, a->exits_total);
		eng_add(e, &s, a->held);
		eng_add(e, &s, a->fees);
		eng_add(e, &s, a->destroyed);
		eng_add(e, &s, a->unresolved);
		eng_add(e, &s, a->converted);
		a->balanced = a->conserving && !amount_cmp(s, a->seed_total);
	}
}

static bool asset_used(const struct trace_asset *a)
{
	return !amount_is_zero(a->seed_total) ||
	       !amount_is_zero(a->exits_total) || !amount_is_zero(a->held) ||
	       !amount_is_zero(a->fees) || !amount_is_zero(a->destroyed) ||
	       !amount_is_zero(a->unresolved) || !amount_is_zero(a->converted);
}

static int cmp_asset_name(const void *a, const void *b, void *ctx)
{
	const struct trace_asset *as = ctx;

	return strcmp(as[*(const uint32_t *)a].asset,
		      as[*(const uint32_t *)b].asset);
}

/* The assets of the result: the native one first, then those the taint
 * moved in, by name; whatever order the run met them in. Remaps every
 * asset index of the result. */
static void compact_assets(struct eng *e)
{
	struct trace_result *r = e->r;
	size_t n = r->n_assets, m = 0;
	uint32_t *order = malloc((n + 1) * sizeof(*order));
	uint32_t *to = malloc((n + 1) * sizeof(*to));
	struct trace_asset *as = malloc((n + 1) * sizeof(*as));

	if (!order || !to || !as) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 1; i < n; i++)
		if (asset_used(&r->assets[i]))
			order[m++] = (uint32_t)i;
	qsort_r(order, m, sizeof(*order), cmp_asset_name, r->assets);
	for (size_t i = 0; i < n; i++)
		to[i] = TRACE_NONE;
	to[0] = 0;
	as[0] = r->assets[0];
	for (size_t i = 0; i < m; i++) {
		to[order[i]] = (uint32_t)(i + 1);
		as[i + 1] = r->assets[order[i]];
	}
	for (size_t i = 1; i < n; i++)
		if (to[i] == TRACE_NONE)
			free(r->assets[i].asset);
	memcpy(r->assets, as, (m + 1) * sizeof(*as));
	r->n_assets = m + 1;
	for (size_t i = 0; i < r->n_exits; i++)
		r->exits[i].asset = to[r->exits[i].asset];
	for (size_t i = 0; i < r->n_held; i++)
		r->held[i].asset = to[r->held[i].asset];
	for (size_t i = 0; i < r->n_unresolved; i++)
		r->unresolved[i].asset = to[r->unresolved[i].asset];
	for (size_t i = 0; i < r->n_destroyed; i++)
		r->destroyed[i].asset = to[r->destroyed[i].asset];
	for (size_t i = 0; i < r->n_converted; i++)
		r->converted[i].asset = to[r->converted[i].asset];
	for (size_t i = 0; i < r->n_edges; i++)
		r->edges[i].asset = to[r->edges[i].asset];
	for (size_t i = 0; i < r->n_outputs; i++)
		r->outputs[i].asset = to[r->outputs[i].asset];
cleanup:
	free(order);
	free(to);
	free(as);
}

void eng_finish(struct eng *e)
{
	struct trace_result *r = e->r;

	book_held(e);
	if (!e->rc)
		compact_assets(e);
	if (e->rc)
		return;
	sort_exits(e);
	if (r->n_held)
		qsort_r(r->held, r->n_held, sizeof(*r->held), cmp_held, r);
	if (r->n_unresolved)
		qsort_r(r->unresolved, r->n_unresolved, sizeof(*r->unresolved),
			cmp_unres, r);
	for (size_t i = 0; i < r->n_exits; i++) {
		struct trace_node *n = &r->nodes[r->exits[i].node];
		r->exits[i].address = n->address;
		r->exits[i].entity = n->entity;
		r->exits[i].evidence = n->evidence;
	}
	for (size_t i = 0; i < r->n_held; i++)
		r->held[i].address = r->nodes[r->held[i].node].address;
	for (size_t i = 0; i < r->n_converted; i++)
		r->converted[i].address =
			r->converted[i].node == TRACE_NONE
				? ""
				: r->nodes[r->converted[i].node].address;
	for (size_t i = 0; i < r->n_destroyed; i++)
		r->destroyed[i].address =
			r->destroyed[i].node == TRACE_NONE
				? ""
				: r->nodes[r->destroyed[i].node].address;
	for (size_t i = 0; i < r->n_unresolved; i++)
		r->unresolved[i].address =
			r->unresolved[i].node == TRACE_NONE
				? ""
				: r->nodes[r->unresolved[i].node].address;
	size_t np = r->n_exits < e->o->max_paths ? r->n_exits : e->o->max_paths;
	r->paths = calloc(np ? np : 1, sizeof(*r->paths));
	if (!r->paths) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	for (size_t i = 0; i < np && !e->rc; i++)
		build_path(e, (uint32_t)i);
	set_roles(e);
	check_identity(e);
	r->counters.addresses = r->n_nodes;
	if (e->cl)
		r->counters.coinjoins = cluster_coinjoins(e->cl);
}
