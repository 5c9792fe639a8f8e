/*
 * trace_cmp.c - field-by-field comparison of two trace results.
 */
#include "tests/unit/trace_cmp.h"

#include <stdio.h>
#include <string.h>

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

#define DIFF(...)                                                              \
	do {                                                                   \
		snprintf(why, n, __VA_ARGS__);                                 \
		return false;                                                  \
	} while (0)

static bool assets_eq(const struct trace_result *a,
		      const struct trace_result *b, char *why, size_t n)
{
	if (a->n_assets != b->n_assets)
		DIFF("assets: %zu != %zu", a->n_assets, b->n_assets);
	for (size_t i = 0; i < a->n_assets; i++) {
		const struct trace_asset *x = &a->assets[i], *y = &b->assets[i];
		bool by = true;
		for (int w = 0; w < TRACE_REASON_COUNT; w++)
			by &= !amount_cmp(x->unresolved_by[w],
					  y->unresolved_by[w]);
		if (!str_eq(x->asset, y->asset) || x->decimals != y->decimals ||
		    amount_cmp(x->seed_total, y->seed_total) ||
		    amount_cmp(x->exits_total, y->exits_total) ||
		    amount_cmp(x->held, y->held) ||
		    amount_cmp(x->fees, y->fees) ||
		    amount_cmp(x->unresolved, y->unresolved) || !by ||
		    x->conserving != y->conserving ||
		    x->balanced != y->balanced)
			DIFF("asset %zu (%s) differs", i, x->asset);
	}
	return true;
}

static bool exits_eq(const struct trace_result *a, const struct trace_result *b,
		     char *why, size_t n)
{
	if (a->n_exits != b->n_exits)
		DIFF("exits: %zu != %zu", a->n_exits, b->n_exits);
	for (size_t i = 0; i < a->n_exits; i++) {
		const struct trace_exit *x = &a->exits[i], *y = &b->exits[i];
		if (x->asset != y->asset || x->node != y->node ||
		    !str_eq(x->address, y->address) ||
		    !str_eq(x->entity, y->entity) ||
		    x->category != y->category || x->inferred != y->inferred ||
		    !str_eq(x->evidence, y->evidence) ||
		    amount_cmp(x->amount, y->amount) || x->hops != y->hops ||
		    x->first_time != y->first_time ||
		    x->last_time != y->last_time || x->n_txids != y->n_txids)
			DIFF("exit %zu (%s) differs", i, x->address);
		for (size_t k = 0; k < x->n_txids; k++)
			if (strcmp(x->txids[k], y->txids[k]))
				DIFF("exit %zu txid %zu differs", i, k);
	}
	return true;
}

static bool held_unres_eq(const struct trace_result *a,
			  const struct trace_result *b, char *why, size_t n)
{
	if (a->n_held != b->n_held)
		DIFF("held: %zu != %zu", a->n_held, b->n_held);
	for (size_t i = 0; i < a->n_held; i++) {
		const struct trace_held *x = &a->held[i], *y = &b->held[i];
		if (x->asset != y->asset || x->node != y->node ||
		    !str_eq(x->address, y->address) ||
		    amount_cmp(x->amount, y->amount))
			DIFF("held %zu (%s) differs", i, x->address);
	}
	if (a->n_unresolved != b->n_unresolved)
		DIFF("unresolved: %zu != %zu", a->n_unresolved,
		     b->n_unresolved);
	for (size_t i = 0; i < a->n_unresolved; i++) {
		const struct trace_unresolved *x = &a->unresolved[i];
		const struct trace_unresolved *y = &b->unresolved[i];
		if (x->asset != y->asset || x->reason != y->reason ||
		    x->node != y->node || !str_eq(x->address, y->address) ||
		    strcmp(x->txid, y->txid) ||
		    amount_cmp(x->amount, y->amount))
			DIFF("unresolved %zu (%s) differs", i, x->address);
	}
	return true;
}

static bool nodes_eq(const struct trace_result *a, const struct trace_result *b,
		     char *why, size_t n)
{
	if (a->n_nodes != b->n_nodes)
		DIFF("nodes: %zu != %zu", a->n_nodes, b->n_nodes);
	for (size_t i = 0; i < a->n_nodes; i++) {
		const struct trace_node *x = &a->nodes[i], *y = &b->nodes[i];
		if (!str_eq(x->address, y->address) || x->role != y->role ||
		    !str_eq(x->entity, y->entity) ||
		    x->category != y->category || x->inferred != y->inferred ||
		    !str_eq(x->evidence, y->evidence) ||
		    x->cluster != y->cluster)
			DIFF("node %zu (%s / %s) differs", i, x->address,
			     y->address);
	}
	return true;
}

static bool edges_eq(const struct trace_result *a, const struct trace_result *b,
		     char *why, size_t n)
{
	if (a->n_edges != b->n_edges)
		DIFF("edges: %zu != %zu", a->n_edges, b->n_edges);
	for (size_t i = 0; i < a->n_edges; i++) {
		const struct trace_edge *x = &a->edges[i], *y = &b->edges[i];
		if (x->from != y->from || x->to != y->to ||
		    x->asset != y->asset || amount_cmp(x->amount, y->amount) ||
		    strcmp(x->txid, y->txid) || x->time != y->time ||
		    x->hop != y->hop)
			DIFF("edge %zu (%s) differs", i, x->txid);
	}
	if (a->n_outputs != b->n_outputs)
		DIFF("outputs: %zu != %zu", a->n_outputs, b->n_outputs);
	for (size_t i = 0; i < a->n_outputs; i++) {
		const struct trace_output *x = &a->outputs[i];
		const struct trace_output *y = &b->outputs[i];
		if (strcmp(x->txid, y->txid) || x->n != y->n ||
		    x->node != y->node || x->asset != y->asset ||
		    amount_cmp(x->value, y->value) ||
		    amount_cmp(x->taint, y->taint) || x->hop != y->hop ||
		    x->time != y->time)
			DIFF("output %zu (%s:%u) differs", i, x->txid,
			     (unsigned)x->n);
	}
	return true;
}

static bool paths_eq(const struct trace_result *a, const struct trace_result *b,
		     char *why, size_t n)
{
	if (a->n_paths != b->n_paths)
		DIFF("paths: %zu != %zu", a->n_paths, b->n_paths);
	for (size_t i = 0; i < a->n_paths; i++) {
		const struct trace_path *x = &a->paths[i], *y = &b->paths[i];
		if (x->exit != y->exit || x->n_steps != y->n_steps)
			DIFF("path %zu differs", i);
		for (size_t k = 0; k < x->n_steps; k++) {
			const struct trace_step *s = &x->steps[k];
			const struct trace_step *t = &y->steps[k];
			if (strcmp(s->txid, t->txid) || s->time != t->time ||
			    !str_eq(s->to, t->to) ||
			    amount_cmp(s->amount, t->amount))
				DIFF("path %zu step %zu differs", i, k);
		}
	}
	return true;
}

static bool counters_eq(const struct trace_result *a,
			const struct trace_result *b, bool all, char *why,
			size_t n)
{
	const struct trace_counters *x = &a->counters, *y = &b->counters;

	if ((all && (x->txs_scanned != y->txs_scanned ||
		     x->pool_overdrawn != y->pool_overdrawn)) ||
	    x->txs_visited != y->txs_visited || x->addresses != y->addresses ||
	    x->inputs_missing != y->inputs_missing ||
	    x->coinjoins != y->coinjoins)
		DIFF("counters differ");
	return true;
}

bool trace_cmp(const struct trace_result *a, const struct trace_result *b,
	       unsigned flags, char *why, size_t n)
{
	if (!a || !b) {
		snprintf(why, n, "a result is missing");
		return a == b;
	}
	if (a->chain != b->chain || a->policy != b->policy ||
	    a->n_seeds != b->n_seeds)
		DIFF("options differ");
	return assets_eq(a, b, why, n) && exits_eq(a, b, why, n) &&
	       held_unres_eq(a, b, why, n) && nodes_eq(a, b, why, n) &&
	       edges_eq(a, b, why, n) && paths_eq(a, b, why, n) &&
	       (!(flags & (TRACE_CMP_COUNTERS | TRACE_CMP_MOVED)) ||
		counters_eq(a, b, flags & TRACE_CMP_COUNTERS, why, n));
}
