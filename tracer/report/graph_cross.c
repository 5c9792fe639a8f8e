/*
 * graph_cross.c - the flow graph of a cross-chain trace (graph_cross.h):
 * each run's graph appended to the first, then the links between them.
 */
#include "tracer/report/graph_cross.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *skip_0x(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s + 2 : s;
}

size_t export_cross_output(const struct trace_result *res, const char *txid,
			   uint32_t n)
{
	const char *t = skip_0x(txid);

	for (size_t i = 0; i < res->n_outputs; i++)
		if (res->outputs[i].n == n &&
		    !strcasecmp(skip_0x(res->outputs[i].txid), t))
			return i;
	return SIZE_MAX;
}

/* The asset run `run` is drawn in: the one its first link arrives in. */
static uint32_t run_asset(const struct case_cross *x, size_t run)
{
	const struct trace_result *r = x->runs[run].r;
	uint32_t a = 0;

	for (size_t i = 0; i < x->n_follow; i++)
		if (x->follow[i].to_run == run && x->follow[i].to_asset &&
		    export_graph_find_asset(r, x->follow[i].to_asset, &a))
			return a;
	return 0;
}

static bool drawn_before(const struct case_cross *x, size_t run)
{
	const struct case_xrun *b = &x->runs[run];

	for (size_t i = 0; i < run; i++)
		if (x->runs[i].chain == b->chain &&
		    !strcmp(x->runs[i].network ? x->runs[i].network : "",
			    b->network ? b->network : ""))
			return true;
	return false;
}

/* "ID@run:K" for every node of p. */
static enum trc_err qualify(struct xgraph *p, size_t run, struct trc_error *err)
{
	for (size_t i = 0; i < p->n_nodes; i++) {
		char *id;

		if (asprintf(&id, "%s@run:%zu", p->nodes[i].id, run) < 0)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		free(p->nodes[i].id);
		p->nodes[i].id = id;
	}
	return TRC_OK;
}

static enum trc_err grow(struct xgraph *g, size_t nodes, size_t edges,
			 struct trc_error *err)
{
	struct xg_node *nn;
	struct xg_edge *ne;
	struct xg_run *nr;

	nn = realloc(g->nodes, (g->n_nodes + nodes + 1) * sizeof(*nn));
	if (nn)
		g->nodes = nn;
	ne = nn ? realloc(g->edges, (g->n_edges + edges + 1) * sizeof(*ne))
		: NULL;
	if (ne)
		g->edges = ne;
	nr = ne ? realloc(g->runs, (g->n_runs + 1) * sizeof(*nr)) : NULL;
	if (!nr)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	g->runs = nr;
	return TRC_OK;
}

/* Moves p's nodes and edges (run `run`) to the end of g; p keeps none. */
static enum trc_err append(struct xgraph *g, struct xgraph *p, size_t run,
			   unsigned depth, struct trc_error *err)
{
	uint32_t off = (uint32_t)g->n_nodes;
	enum trc_err rc = grow(g, p->n_nodes, p->n_edges, err);

	if (rc)
		return rc;
	g->runs[g->n_runs] = p->runs[0];
	g->runs[g->n_runs++].depth = depth;
	for (size_t i = 0; i < p->n_nodes; i++) {
		g->nodes[g->n_nodes] = p->nodes[i];
		g->nodes[g->n_nodes++].run = (uint32_t)run;
	}
	for (size_t i = 0; i < p->n_edges; i++) {
		g->edges[g->n_edges] = p->edges[i];
		g->edges[g->n_edges].from += off;
		g->edges[g->n_edges++].to += off;
	}
	p->n_nodes = p->n_edges = 0;
	g->pruned += p->pruned;
	return TRC_OK;
}

/* The graph node of result node `node` of run `run`: the address, its
 * cluster, or the run's "other" when it was folded; TRACE_NONE. */
static uint32_t node_of(const struct xgraph *g, size_t run,
			const struct trace_result *res, uint32_t node,
			bool cluster)
{
	const struct trace_node *rn;
	uint32_t other = TRACE_NONE;

	if (node == TRACE_NONE || node >= res->n_nodes)
		return TRACE_NONE;
	rn = &res->nodes[node];
	for (size_t i = 0; i < g->n_nodes; i++) {
		const struct xg_node *n = &g->nodes[i];

		if (n->run != run)
			continue;
		if (n->role == XG_ROLE_OTHER)
			other = (uint32_t)i;
		else if (cluster && rn->cluster ? n->cluster == rn->cluster
						: !strcmp(n->name, rn->address))
			return (uint32_t)i;
	}
	return other;
}

static unsigned decimals_of(const struct trace_result *res, const char *asset)
{
	uint32_t a;

	if (!asset || !export_graph_find_asset(res, asset, &a) ||
	    res->assets[a].decimals < 0)
		return 0;
	return (unsigned)res->assets[a].decimals;
}

/* The source side of follow f: the address and the time of the output. */
static uint32_t source_node(const struct xgraph *g, const struct case_cross *x,
			    const struct xlink *l, const struct case_xfollow *f,
			    bool cluster, int64_t *t)
{
	const struct trace_result *r = x->runs[f->from_run].r;
	size_t o = export_cross_output(r, l->from.txid, l->from.n);

	*t = o == SIZE_MAX ? TRACE_TIME_NONE : r->outputs[o].time;
	if (o == SIZE_MAX)
		return TRACE_NONE;
	return node_of(g, f->from_run, r, r->outputs[o].node, cluster);
}

static void fill_link(struct xg_link *d, const struct case_cross *x,
		      const struct xlink *l, const struct case_xfollow *f)
{
	const struct trace_result *ra = x->runs[f->from_run].r;
	const struct trace_result *rb = x->runs[f->to_run].r;

	d->link = f->link;
	case_cross_link_name(x, f->link, d->name, sizeof(d->name));
	d->kind = l->kind;
	d->confidence = l->confidence;
	d->evidence = l->evidence;
	d->from_chain = l->from.chain;
	d->to_chain = l->to.chain;
	d->from_txid = l->from.txid;
	d->to_txid = l->to.txid;
	d->from_n = l->from.n;
	d->to_n = l->to.n;
	d->from_asset = f->from_asset ? f->from_asset : "";
	d->to_asset = f->to_asset ? f->to_asset : "";
	d->from_decimals = decimals_of(ra, f->from_asset);
	d->to_decimals = decimals_of(rb, f->to_asset);
	d->taint = f->taint;
	d->converted = f->converted;
	d->from_value = l->from.amount;
	d->to_value = l->to.amount;
}

/* One xg_link per link followed into a run, when both ends are drawn. */
static enum trc_err add_links(struct xgraph *g, const struct case_cross *x,
			      bool cluster, struct trc_error *err)
{
	g->links = calloc(x->n_follow + 1, sizeof(*g->links));
	if (!g->links)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < x->n_follow; i++) {
		const struct case_xfollow *f = &x->follow[i];
		const struct xlink *l;
		const struct trace_result *rb;
		struct xg_link *d = &g->links[g->n_links];
		size_t o;

		if (f->to_run == SIZE_MAX || f->link >= x->n_links)
			continue; /* nothing carried over */
		l = &x->links[f->link];
		rb = x->runs[f->to_run].r;
		d->from = source_node(g, x, l, f, cluster, &d->from_time);
		o = export_cross_output(rb, l->to.txid, l->to.n);
		if (d->from == TRACE_NONE || o == SIZE_MAX)
			continue;
		d->to = node_of(g, f->to_run, rb, rb->outputs[o].node, cluster);
		d->to_time = rb->outputs[o].time;
		if (d->to == TRACE_NONE)
			continue;
		fill_link(d, x, l, f);
		g->n_links++;
	}
	return TRC_OK;
}

/* Run `run` of x as a graph appended to g. */
static enum trc_err add_run(struct xgraph *g, const struct case_cross *x,
			    size_t run, const struct xg_opts *o,
			    struct trc_error *err)
{
	struct xg_opts ro = *o;
	struct xgraph *p = NULL;
	enum trc_err rc;

	if (!x->runs[run].r->n_assets)
		return TRC_OK;
	ro.asset = run_asset(x, run);
	ro.min = AMOUNT_ZERO; /* in the case chain's units */
	rc = export_graph_build(x->runs[run].r, &ro, &p, err);
	if (!rc && drawn_before(x, run))
		rc = qualify(p, run, err);
	if (!rc)
		rc = append(g, p, run, x->runs[run].depth, err);
	export_graph_free(p);
	return rc;
}

enum trc_err export_graph_cross(const struct case_cross *x,
				const struct xg_opts *o, const char *scope,
				struct xgraph **out, struct trc_error *err)
{
	struct xg_opts def = { 0, false, AMOUNT_ZERO, 0 };
	struct xgraph *g = NULL;
	enum trc_err rc;

	*out = NULL;
	if (!x->n_runs)
		return trc_fail(err, TRC_ERR_INVALID, "no cross-chain runs");
	if (!o)
		o = &def;
	rc = export_graph_build(x->runs[0].r, o, &g, err);
	for (size_t i = 1; !rc && i < x->n_runs; i++)
		rc = add_run(g, x, i, o, err);
	if (!rc)
		rc = add_links(g, x, o->cluster, err);
	if (!rc)
		rc = export_graph_scope(g, scope, err);
	if (rc) {
		export_graph_free(g);
		return rc;
	}
	*out = g;
	return TRC_OK;
}
