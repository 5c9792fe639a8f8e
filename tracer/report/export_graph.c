/*
 * From a trace result to a drawable graph: map result nodes to graph
 * nodes (identity, clusters, then pruning), then sum the edges per pair.
 */
#include "tracer/report/export_graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "store/record.h"
#include "store/tags.h"

/* Unresolved taint that a further trace would follow: the frontier. */
#define FRONTIER_REASONS                                                       \
	((1u << TRACE_UNRES_HOPS) | (1u << TRACE_UNRES_MIN) |                  \
	 (1u << TRACE_UNRES_UNTIL))

const char *export_role_name(uint8_t role)
{
	if (role == XG_ROLE_OTHER)
		return "other";
	if (role == XG_ROLE_FRONTIER)
		return "frontier";
	if (role == XG_ROLE_CHAIN)
		return "chain";
	return trace_role_name((enum trace_role)role);
}

char *export_frontier_reasons(char *buf, size_t size, uint8_t reasons)
{
	size_t len = 0;

	if (size)
		buf[0] = '\0';
	for (unsigned r = 0; r < TRACE_REASON_COUNT && len < size; r++) {
		const char *name = trace_reason_name((enum trace_reason)r);
		int n;

		if (!(reasons & (1u << r)))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? ";" : "",
			     name);
		len += n > 0 ? (size_t)n : 0;
	}
	return buf;
}

char *export_amount(char *buf, size_t size, trc_amount a, const char *asset,
		    unsigned decimals)
{
	char num[AMOUNT_STR_MAX];

	amount_format(num, sizeof(num), a, decimals, true);
	snprintf(buf, size, "%s %s", num, asset);
	return buf;
}

bool export_graph_find_asset(const struct trace_result *res, const char *name,
			     uint32_t *index)
{
	for (size_t i = 0; i < res->n_assets; i++)
		if (!strcasecmp(res->assets[i].asset, name)) {
			*index = (uint32_t)i;
			return true;
		}
	return false;
}

void export_graph_free(struct xgraph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n_nodes; i++) {
		free(g->nodes[i].id);
		free(g->nodes[i].name);
	}
	for (size_t i = 0; i < g->n_edges; i++)
		free(g->edges[i].txids);
	free(g->nodes);
	free(g->edges);
	free(g->runs);
	free(g->links);
	free(g);
}

/* Seed first, then exit, hub, held, intermediate (as the trace ranks). */
static int role_rank(uint8_t role)
{
	switch (role) {
	case TRACE_ROLE_SEED:
		return 0;
	case TRACE_ROLE_EXIT:
		return 1;
	case TRACE_ROLE_HUB:
		return 2;
	case TRACE_ROLE_HELD:
		return 3;
	case TRACE_ROLE_INTERMEDIATE:
		return 4;
	default:
		return 5;
	}
}

static enum trc_err add(trc_amount *acc, trc_amount v, struct trc_error *err)
{
	if (amount_add(acc, *acc, v))
		return trc_fail(err, TRC_ERR_OVERFLOW,
				"graph amount "
				"overflows 256 bits");
	return TRC_OK;
}

/* Merges result node rn into graph node gn (first member sets the name). */
static enum trc_err merge_node(struct xg_node *gn, const struct trace_node *rn,
			       bool cluster, struct trc_error *err)
{
	char tmp[64];

	if (!gn->members) {
		if (cluster && rn->cluster) {
			snprintf(tmp, sizeof(tmp), "cluster %u", rn->cluster);
			gn->name = strdup(tmp);
		} else
			gn->name = strdup(rn->address);
		if (!gn->name)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		gn->role = rn->role;
		gn->cluster = rn->cluster;
	}
	if (role_rank(rn->role) < role_rank(gn->role))
		gn->role = rn->role;
	if (rn->entity && (!gn->entity || (gn->inferred && !rn->inferred))) {
		gn->entity = rn->entity;
		gn->category = rn->category;
		gn->inferred = rn->inferred;
	}
	gn->members++;
	return TRC_OK;
}

/* Stage 1: result node -> graph node (one each, or one per cluster). */
static enum trc_err map_nodes(const struct trace_result *res, bool cluster,
			      uint32_t *map, size_t *n_out,
			      struct trc_error *err)
{
	uint32_t max_cl = 0, *by_cl = NULL;
	size_t n = 0;

	for (size_t i = 0; cluster && i < res->n_nodes; i++)
		if (res->nodes[i].cluster > max_cl)
			max_cl = res->nodes[i].cluster;
	if (cluster) {
		by_cl = malloc(((size_t)max_cl + 1) * sizeof(*by_cl));
		if (!by_cl)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		for (size_t i = 0; i <= max_cl; i++)
			by_cl[i] = TRACE_NONE;
	}
	for (size_t i = 0; i < res->n_nodes; i++) {
		uint32_t c = cluster ? res->nodes[i].cluster : 0;

		if (c && by_cl[c] != TRACE_NONE) {
			map[i] = by_cl[c];
			continue;
		}
		map[i] = (uint32_t)n++;
		if (c)
			by_cl[c] = map[i];
	}
	free(by_cl);
	*n_out = n;
	return TRC_OK;
}

struct edge_ref {
	uint32_t from, to;
	size_t idx; /* index of the result edge */
};

static int cmp_ref(const void *a, const void *b)
{
	const struct edge_ref *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sums one result edge into a graph edge. */
static enum trc_err take_edge(struct xg_edge *e, const struct trace_edge *re,
			      struct buf *txids, char last[TRACE_TXID_STR],
			      struct trc_error *err)
{
	if (!e->n_txs || re->hop < e->hop)
		e->hop = re->hop;
	if (!e->n_txs || re->time < e->first_time)
		e->first_time = re->time;
	if (!e->n_txs || re->time > e->last_time)
		e->last_time = re->time;
	/* one tx may carry taint between a pair several times (several
	 * outputs); its edges are adjacent, so it is listed once */
	if (!e->n_txs || strcmp(last, re->txid)) {
		if ((e->n_txs && buf_append_str(txids, ";")) ||
		    buf_append_str(txids, re->txid))
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		e->n_txs++;
		memcpy(last, re->txid, TRACE_TXID_STR);
	}
	return add(&e->amount, re->amount, err);
}

struct agg_item {
	size_t first; /* smallest result-edge index: orders the edges */
	struct xg_edge e;
};

struct agg {
	struct agg_item *items;
	size_t n;
};

static enum trc_err flush_edge(struct agg *a, struct xg_edge *cur,
			       struct buf *txids, size_t first,
			       struct trc_error *err)
{
	cur->txids = (char *)buf_detach(txids, NULL);
	if (!cur->txids)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	a->items[a->n].first = first;
	a->items[a->n++].e = *cur;
	memset(cur, 0, sizeof(*cur));
	return TRC_OK;
}

static enum trc_err sum_sorted(const struct trace_result *res,
			       const struct edge_ref *refs, size_t n,
			       struct agg *a, struct trc_error *err)
{
	struct xg_edge cur;
	struct buf txids = BUF_INIT(SIZE_MAX / 2);
	char last[TRACE_TXID_STR] = "";
	size_t first = 0;
	enum trc_err rc = TRC_OK;

	memset(&cur, 0, sizeof(cur));
	for (size_t i = 0; i < n && !rc; i++) {
		if (i && (refs[i].from != refs[i - 1].from ||
			  refs[i].to != refs[i - 1].to))
			rc = flush_edge(a, &cur, &txids, first, err);
		if (rc)
			break;
		if (!cur.n_txs) {
			cur.from = refs[i].from;
			cur.to = refs[i].to;
			first = refs[i].idx;
		}
		rc = take_edge(&cur, &res->edges[refs[i].idx], &txids, last,
			       err);
	}
	if (!rc && n)
		rc = flush_edge(a, &cur, &txids, first, err);
	free(cur.txids);
	buf_release(&txids);
	return rc;
}

static int cmp_item(const void *a, const void *b)
{
	const struct agg_item *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Sums the result edges of the asset under map; drops other->other. */
static enum trc_err aggregate(const struct trace_result *res, uint32_t asset,
			      const uint32_t *map, uint32_t other,
			      struct xgraph *g, struct trc_error *err)
{
	struct edge_ref *refs = malloc((res->n_edges + 1) * sizeof(*refs));
	struct agg a = { NULL, 0 };
	size_t n = 0;
	enum trc_err rc = TRC_OK;

	a.items = calloc(res->n_edges + 1, sizeof(*a.items));
	g->edges = calloc(res->n_edges + 1, sizeof(*g->edges));
	if (!refs || !a.items || !g->edges) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < res->n_edges; i++) {
		const struct trace_edge *e = &res->edges[i];

		if (e->asset != asset || e->to == TRACE_NONE ||
		    e->from == TRACE_NONE)
			continue;
		refs[n].from = map[e->from];
		refs[n].to = map[e->to];
		refs[n].idx = i;
		if (refs[n].from == other && refs[n].to == other)
			continue;
		n++;
	}
	qsort(refs, n, sizeof(*refs), cmp_ref);
	rc = sum_sorted(res, refs, n, &a, err);
	qsort(a.items, a.n, sizeof(*a.items), cmp_item);
	for (size_t i = 0; i < a.n; i++)
		g->edges[i] = a.items[i].e;
	g->n_edges = a.n;
cleanup:
	free(a.items);
	free(refs);
	return rc;
}

static enum trc_err build_nodes(const struct trace_result *res,
				const uint32_t *map, size_t n, bool cluster,
				struct xgraph *g, struct trc_error *err)
{
	g->nodes = calloc(n ? n : 1, sizeof(*g->nodes));
	if (!g->nodes)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	g->n_nodes = n;
	for (size_t i = 0; i < res->n_nodes; i++)
		if (merge_node(&g->nodes[map[i]], &res->nodes[i], cluster, err))
			return TRC_ERR_NOMEM;
	return TRC_OK;
}

static enum trc_err node_amounts(struct xgraph *g,
				 const struct trace_result *res, uint32_t asset,
				 const uint32_t *map, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < g->n_edges && !rc; i++) {
		rc = add(&g->nodes[g->edges[i].from].out, g->edges[i].amount,
			 err);
		if (!rc)
			rc = add(&g->nodes[g->edges[i].to].in,
				 g->edges[i].amount, err);
	}
	for (size_t i = 0; i < res->n_exits && !rc; i++)
		if (res->exits[i].asset == asset)
			rc = add(&g->nodes[map[res->exits[i].node]].exit_amount,
				 res->exits[i].amount, err);
	for (size_t i = 0; i < res->n_held && !rc; i++)
		if (res->held[i].asset == asset &&
		    res->held[i].node != TRACE_NONE)
			rc = add(&g->nodes[map[res->held[i].node]].held_amount,
				 res->held[i].amount, err);
	for (size_t i = 0; i < res->n_converted && !rc; i++)
		if (res->converted[i].asset == asset &&
		    res->converted[i].node != TRACE_NONE)
			rc = add(&g->nodes[map[res->converted[i].node]]
					  .converted_amount,
				 res->converted[i].amount, err);
	for (size_t i = 0; i < res->n_unresolved && !rc; i++) {
		const struct trace_unresolved *u = &res->unresolved[i];
		struct xg_node *x;

		if (u->asset != asset || u->node == TRACE_NONE ||
		    !(FRONTIER_REASONS & (1u << u->reason)))
			continue;
		x = &g->nodes[map[u->node]];
		x->frontier_reasons |= (uint8_t)(1u << u->reason);
		rc = add(&x->frontier_amount, u->amount, err);
		if (!rc && !amount_is_zero(x->frontier_amount) &&
		    x->role != TRACE_ROLE_SEED && x->role != TRACE_ROLE_EXIT)
			x->role = XG_ROLE_FRONTIER;
	}
	return rc;
}

static trc_amount weight(const struct xg_node *n)
{
	return amount_max(
		amount_max(amount_max(n->in, n->out),
			   amount_max(n->exit_amount, n->held_amount)),
		n->frontier_amount);
}

/* Where the funds are or went on: --max-nodes never folds these. */
static bool ends_trail(const struct xg_node *n)
{
	return n->role == TRACE_ROLE_EXIT || n->role == TRACE_ROLE_HELD ||
	       n->role == XG_ROLE_FRONTIER || !amount_is_zero(n->exit_amount) ||
	       !amount_is_zero(n->held_amount) ||
	       !amount_is_zero(n->frontier_amount) ||
	       !amount_is_zero(n->converted_amount);
}

struct rank {
	uint32_t node;
	int cls; /* 0 seed, 1 exit, held or frontier, 2 other */
	trc_amount w;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;
	int c;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	c = amount_cmp(y->w, x->w);
	if (c)
		return c;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* Which stage-1 nodes stay. Returns how many are pruned. */
static size_t choose(const struct xgraph *g, const struct xg_opts *o,
		     bool *keep, struct rank *r)
{
	size_t n = 0, pruned = 0, room;

	for (size_t i = 0; i < g->n_nodes; i++) {
		const struct xg_node *x = &g->nodes[i];
		bool seed = x->role == TRACE_ROLE_SEED;

		keep[i] = seed || amount_cmp(weight(x), o->min) >= 0;
		if (!keep[i])
			continue;
		r[n].node = (uint32_t)i;
		r[n].cls = seed ? 0 : ends_trail(x) ? 1 : 2;
		r[n].w =
			x->role == TRACE_ROLE_EXIT ? x->exit_amount : weight(x);
		n++;
	}
	pruned = g->n_nodes - n;
	if (o->max_nodes && (pruned ? n + 1 : n) > o->max_nodes) {
		room = o->max_nodes - 1;
		qsort(r, n, sizeof(*r), cmp_rank);
		for (size_t i = room; i < n; i++) {
			if (r[i].cls < 2)
				continue; /* seeds and trail ends stay */
			keep[r[i].node] = false;
			pruned++;
		}
	}
	return pruned;
}

static enum trc_err stage(const struct trace_result *res,
			  const struct xg_opts *o, const uint32_t *map,
			  size_t n, uint32_t other, struct xgraph *g,
			  struct trc_error *err)
{
	enum trc_err rc = build_nodes(res, map, n, o->cluster, g, err);

	if (!rc)
		rc = aggregate(res, o->asset, map, other, g, err);
	if (!rc)
		rc = node_amounts(g, res, o->asset, map, err);
	return rc;
}

static enum trc_err make_other(struct xg_node *x, struct trc_error *err)
{
	free(x->name);
	x->name = strdup("other");
	if (!x->name)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	x->role = XG_ROLE_OTHER;
	x->entity = NULL;
	x->category = TAG_NONE;
	x->inferred = false;
	x->cluster = 0;
	return TRC_OK;
}

/* The ids of the final graph's nodes (export_graph.h). */
static enum trc_err name_ids(struct xgraph *g, const struct trace_result *res,
			     const struct xg_opts *o, struct trc_error *err)
{
	const char *chain = chain_name(res->chain);
	const char *net = res->network ? res->network : "main";
	int n;

	if (!chain)
		chain = "unknown";
	for (size_t i = 0; i < g->n_nodes; i++) {
		struct xg_node *x = &g->nodes[i];

		if (x->role == XG_ROLE_OTHER)
			n = asprintf(&x->id, "%s:%s:other", chain, net);
		else if (o->cluster && x->cluster)
			n = asprintf(&x->id, "%s:%s:cluster:%u", chain, net,
				     x->cluster);
		else
			n = asprintf(&x->id, "%s:%s:%s", chain, net, x->name);
		if (n < 0) {
			x->id = NULL;
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		}
	}
	return TRC_OK;
}

/* Stage 2: fold the pruned nodes of s1 into "other", rebuild g. */
static enum trc_err prune(const struct trace_result *res,
			  const struct xg_opts *o, uint32_t *map,
			  struct xgraph *s1, struct xgraph *g,
			  struct trc_error *err)
{
	bool *keep = calloc(s1->n_nodes + 1, sizeof(*keep));
	struct rank *r = calloc(s1->n_nodes + 1, sizeof(*r));
	uint32_t *to = calloc(s1->n_nodes + 1, sizeof(*to));
	size_t kept = 0, pruned;
	enum trc_err rc = TRC_OK;

	if (!keep || !r || !to) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	pruned = choose(s1, o, keep, r);
	for (size_t i = 0; i < s1->n_nodes; i++)
		if (keep[i])
			to[i] = (uint32_t)kept++;
	for (size_t i = 0; i < s1->n_nodes; i++)
		if (!keep[i])
			to[i] = (uint32_t)kept;
	for (size_t i = 0; i < res->n_nodes; i++)
		map[i] = to[map[i]];
	rc = stage(res, o, map, kept + (pruned ? 1 : 0),
		   pruned ? (uint32_t)kept : TRACE_NONE, g, err);
	if (!rc && pruned) {
		rc = make_other(&g->nodes[kept], err);
		g->pruned = g->nodes[kept].members;
	}
cleanup:
	free(keep);
	free(r);
	free(to);
	return rc;
}

static struct xgraph *new_graph(const struct trace_result *res, uint32_t asset)
{
	struct xgraph *g = calloc(1, sizeof(*g));
	int d;

	if (!g)
		return NULL;
	g->asset = res->assets[asset].asset;
	d = res->assets[asset].decimals;
	g->decimals = d > 0 ? (unsigned)d : 0;
	return g;
}

enum trc_err export_graph_scope(struct xgraph *g, const char *scope,
				struct trc_error *err)
{
	for (size_t i = 0; scope && i < g->n_nodes; i++) {
		struct xg_node *x = &g->nodes[i];
		char *id;

		if (x->role != XG_ROLE_OTHER)
			continue;
		if (asprintf(&id, "%s:%s", x->id, scope) < 0)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		free(x->id);
		x->id = id;
	}
	return TRC_OK;
}

/* Every node and edge in the graph's asset, the graph one run. */
static enum trc_err set_run(struct xgraph *g, const struct trace_result *res,
			    struct trc_error *err)
{
	g->runs = calloc(1, sizeof(*g->runs));
	if (!g->runs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	g->n_runs = 1;
	g->runs[0].chain =
		chain_name(res->chain) ? chain_name(res->chain) : "unknown";
	g->runs[0].network = res->network ? res->network : "main";
	g->runs[0].asset = g->asset;
	g->runs[0].decimals = g->decimals;
	for (size_t i = 0; i < g->n_nodes; i++) {
		g->nodes[i].asset = g->asset;
		g->nodes[i].decimals = g->decimals;
	}
	for (size_t i = 0; i < g->n_edges; i++) {
		g->edges[i].asset = g->asset;
		g->edges[i].decimals = g->decimals;
	}
	return TRC_OK;
}

enum trc_err export_graph_build(const struct trace_result *res,
				const struct xg_opts *o, struct xgraph **out,
				struct trc_error *err)
{
	struct xg_opts def = { 0, false, AMOUNT_ZERO, 0 };
	struct xgraph *s1 = NULL, *g = NULL;
	uint32_t *map = NULL;
	size_t n1 = 0;
	enum trc_err rc;

	*out = NULL;
	if (!o)
		o = &def;
	if (o->asset >= res->n_assets)
		return trc_fail(err, TRC_ERR_INVALID,
				"the trace has no asset "
				"%u",
				o->asset);
	if (o->max_nodes == 1)
		return trc_fail(err, TRC_ERR_INVALID,
				"--max-nodes must be at "
				"least 2 (one node is 'other')");
	map = malloc((res->n_nodes + 1) * sizeof(*map));
	s1 = new_graph(res, o->asset);
	if (!map || !s1) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	rc = map_nodes(res, o->cluster, map, &n1, err);
	if (!rc)
		rc = stage(res, o, map, n1, TRACE_NONE, s1, err);
	if (rc || (amount_is_zero(o->min) &&
		   (!o->max_nodes || s1->n_nodes <= o->max_nodes))) {
		g = s1;
		s1 = NULL;
		goto cleanup;
	}
	g = new_graph(res, o->asset);
	rc = g ? prune(res, o, map, s1, g, err)
	       : trc_fail(err, TRC_ERR_NOMEM, "out of memory");
cleanup:
	export_graph_free(s1);
	free(map);
	if (!rc)
		rc = name_ids(g, res, o, err);
	if (!rc)
		rc = set_run(g, res, err);
	if (rc) {
		export_graph_free(g);
		return rc;
	}
	*out = g;
	return TRC_OK;
}
