/*
 * Condensing runs of plain hops for drawing (export_graph.h): a peel
 * chain of forty single-in, single-out addresses is one box, not forty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer/report/export_graph.h"

#define NONE UINT32_MAX

struct deg {
	uint32_t n_in, n_out;
	uint32_t in, out; /* the edge, when there is one */
};

static bool plain(const struct xgraph *g, const struct deg *d, uint32_t v)
{
	const struct xg_node *n = &g->nodes[v];

	return n->role == TRACE_ROLE_INTERMEDIATE && !n->entity &&
	       amount_is_zero(n->exit_amount) &&
	       amount_is_zero(n->held_amount) &&
	       amount_is_zero(n->frontier_amount) &&
	       amount_is_zero(n->converted_amount) && d[v].n_in == 1 &&
	       d[v].n_out == 1 && g->edges[d[v].in].from != v;
}

static void degrees(const struct xgraph *g, struct deg *d)
{
	for (size_t v = 0; v < g->n_nodes; v++)
		d[v] = (struct deg){ 0, 0, NONE, NONE };
	for (size_t i = 0; i < g->n_edges; i++) {
		const struct xg_edge *e = &g->edges[i];

		d[e->from].n_out++;
		d[e->from].out = (uint32_t)i;
		d[e->to].n_in++;
		d[e->to].in = (uint32_t)i;
	}
}

/* The run starting at head (a plain node whose predecessor is not): its
 * length, and its last node in *last. */
static size_t walk(const struct xgraph *g, const struct deg *d, uint32_t head,
		   uint32_t *last)
{
	uint32_t u = head;
	size_t len = 1;

	for (;;) {
		uint32_t s = g->edges[d[u].out].to;

		if (s == head || !plain(g, d, s))
			break;
		u = s;
		len++;
	}
	*last = u;
	return len;
}

static enum trc_err merge_run(struct xgraph *g, const struct deg *d,
			      uint32_t head, uint32_t last, size_t len,
			      bool *gone, bool *drop, struct trc_error *err)
{
	struct xg_node *h = &g->nodes[head];
	char *id, *name;

	if (asprintf(&id, "%s ... %s", h->id, g->nodes[last].name) < 0)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (asprintf(&name, "%zu addresses in a row", len) < 0) {
		free(id);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (uint32_t u = head; u != last;) {
		uint32_t e = d[u].out, s = g->edges[e].to;

		drop[e] = true;
		gone[s] = true;
		h->members += g->nodes[s].members;
		u = s;
	}
	h->out = g->nodes[last].out;
	g->edges[d[last].out].from = head;
	free(h->id);
	free(h->name);
	h->id = id;
	h->name = name;
	h->role = XG_ROLE_CHAIN;
	return TRC_OK;
}

static void compact(struct xgraph *g, const bool *gone, const bool *drop,
		    uint32_t *to)
{
	size_t n = 0, m = 0;

	for (size_t v = 0; v < g->n_nodes; v++) {
		if (gone[v]) {
			free(g->nodes[v].id);
			free(g->nodes[v].name);
			continue;
		}
		to[v] = (uint32_t)n;
		g->nodes[n++] = g->nodes[v];
	}
	for (size_t i = 0; i < g->n_edges; i++) {
		struct xg_edge e = g->edges[i];

		if (drop[i]) {
			free(e.txids);
			continue;
		}
		e.from = to[e.from];
		e.to = to[e.to];
		g->edges[m++] = e;
	}
	/* a link's ends are never condensed: a seed, and a node no flow
	 * leaves */
	for (size_t i = 0; i < g->n_links; i++) {
		g->links[i].from = to[g->links[i].from];
		g->links[i].to = to[g->links[i].to];
	}
	g->n_nodes = n;
	g->n_edges = m;
}

enum trc_err export_graph_condense(struct xgraph *g, size_t min_run,
				   struct trc_error *err)
{
	struct deg *d = calloc(g->n_nodes + 1, sizeof(*d));
	bool *gone = calloc(g->n_nodes + 1, sizeof(*gone));
	bool *drop = calloc(g->n_edges + 1, sizeof(*drop));
	uint32_t *to = calloc(g->n_nodes + 1, sizeof(*to));
	enum trc_err rc = TRC_OK;

	if (!d || !gone || !drop || !to) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	if (min_run < 2)
		min_run = 2;
	degrees(g, d);
	for (uint32_t v = 0; v < g->n_nodes && !rc; v++) {
		uint32_t last;
		size_t len;

		if (gone[v] || !plain(g, d, v) ||
		    plain(g, d, g->edges[d[v].in].from))
			continue;
		len = walk(g, d, v, &last);
		if (len >= min_run)
			rc = merge_run(g, d, v, last, len, gone, drop, err);
	}
	compact(g, gone, drop, to);
cleanup:
	free(d);
	free(gone);
	free(drop);
	free(to);
	return rc;
}
