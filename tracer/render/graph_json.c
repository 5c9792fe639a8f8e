/*
 * graph_json.c - the JSON form of an export graph (graph_json.h).
 */
#include "tracer/render/graph_json.h"

#include <string.h>

#include "graph/trace.h"
#include "graph/xlink.h"
#include "store/tags.h"
#include "tracer/render/json.h"
#include "tracer/render/palette.h"

static json_t *opt_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *node_json(const struct xgraph *g, size_t i)
{
	const struct xg_node *n = &g->nodes[i];
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)i));
	json_object_set_new(o, "name", json_string(n->name));
	json_object_set_new(o, "role", json_string(export_role_name(n->role)));
	json_object_set_new(o, "entity", opt_str(n->entity));
	json_object_set_new(
		o, "category",
		opt_str(n->category ? tag_category_name(n->category) : NULL));
	json_object_set_new(o, "inferred", json_boolean(n->inferred));
	json_object_set_new(o, "cluster", json_integer(n->cluster));
	json_object_set_new(o, "members", json_integer(n->members));
	json_object_set_new(o, "in", rjson_amount(n->in));
	json_object_set_new(o, "out", rjson_amount(n->out));
	json_object_set_new(o, "exit", rjson_amount(n->exit_amount));
	json_object_set_new(o, "held", rjson_amount(n->held_amount));
	json_object_set_new(
		o, "palette",
		json_string(palette_node(n->role, n->category)->key));
	json_object_set_new(o, "run", json_integer(n->run));
	json_object_set_new(
		o, "chain",
		json_string(n->run < g->n_runs ? g->runs[n->run].chain : ""));
	json_object_set_new(o, "asset", json_string(n->asset ? n->asset : ""));
	json_object_set_new(o, "decimals", json_integer(n->decimals));
	json_object_set_new(o, "converted", rjson_amount(n->converted_amount));
	return o;
}

/* The ';'-separated txids as an array. */
static json_t *txids_json(const char *s)
{
	json_t *a = json_array();

	while (s && *s) {
		const char *e = strchr(s, ';');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		json_array_append_new(a, json_stringn(s, n));
		s = e ? e + 1 : NULL;
	}
	return a;
}

static json_t *edge_json(const struct xg_edge *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "from", json_integer(e->from));
	json_object_set_new(o, "to", json_integer(e->to));
	json_object_set_new(o, "amount", rjson_amount(e->amount));
	json_object_set_new(o, "txs", json_integer(e->n_txs));
	json_object_set_new(o, "hop", json_integer(e->hop));
	rjson_set_time_or_null(o, "first_time", e->first_time,
			       e->first_time != TRACE_TIME_NONE);
	rjson_set_time_or_null(o, "last_time", e->last_time,
			       e->last_time != TRACE_TIME_NONE);
	json_object_set_new(o, "txids", txids_json(e->txids));
	json_object_set_new(o, "asset", json_string(e->asset ? e->asset : ""));
	json_object_set_new(o, "decimals", json_integer(e->decimals));
	return o;
}

static json_t *side_json(const char *chain, const char *txid, uint32_t n,
			 const char *asset, unsigned decimals, const char *what,
			 trc_amount amount, trc_amount value, int64_t t)
{
	json_t *o = json_object();

	json_object_set_new(o, "chain", json_string(chain));
	json_object_set_new(o, "txid", json_string(txid));
	json_object_set_new(o, "n", json_integer(n));
	json_object_set_new(o, "asset", json_string(asset));
	json_object_set_new(o, "decimals", json_integer(decimals));
	json_object_set_new(o, what, rjson_amount(amount));
	json_object_set_new(o, "value", rjson_amount(value));
	rjson_set_time_or_null(o, "time", t, t != TRACE_TIME_NONE);
	return o;
}

/* A link followed (export_graph.h, struct xg_link). */
static json_t *link_json(const struct xg_link *l, size_t i)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)i));
	json_object_set_new(o, "from", json_integer(l->from));
	json_object_set_new(o, "to", json_integer(l->to));
	json_object_set_new(o, "link", json_string(l->name));
	json_object_set_new(o, "kind", json_string(xlink_kind_name(l->kind)));
	json_object_set_new(o, "confidence",
			    json_string(xlink_confidence_name(l->confidence)));
	json_object_set_new(o, "evidence", opt_str(l->evidence));
	json_object_set_new(o, "source",
			    side_json(l->from_chain, l->from_txid, l->from_n,
				      l->from_asset, l->from_decimals, "taint",
				      l->taint, l->from_value, l->from_time));
	json_object_set_new(o, "destination",
			    side_json(l->to_chain, l->to_txid, l->to_n,
				      l->to_asset, l->to_decimals, "converted",
				      l->converted, l->to_value, l->to_time));
	return o;
}

static json_t *runs_json(const struct xgraph *g)
{
	json_t *a = json_array();

	for (size_t i = 0; i < g->n_runs; i++) {
		const struct xg_run *r = &g->runs[i];

		json_array_append_new(
			a, json_pack("{s:s,s:s,s:I,s:s,s:I}", "chain", r->chain,
				     "network", r->network, "depth",
				     (json_int_t)r->depth, "asset", r->asset,
				     "decimals", (json_int_t)r->decimals));
	}
	return a;
}

/* The palette's table, in legend order. */
static json_t *palette_json(void)
{
	size_t n;
	const struct palette_entry *p = palette_all(&n);
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:s,s:s,s:s,s:s}", "key", p[i].key,
				     "label", p[i].label, "fill", p[i].fill,
				     "text", p[i].text));
	return a;
}

json_t *graph_to_json(const struct xgraph *g)
{
	json_t *root = json_object(), *nodes = json_array(),
	       *edges = json_array(), *links = json_array();

	for (size_t i = 0; i < g->n_nodes; i++)
		json_array_append_new(nodes, node_json(g, i));
	for (size_t i = 0; i < g->n_edges; i++)
		json_array_append_new(edges, edge_json(&g->edges[i]));
	for (size_t i = 0; i < g->n_links; i++)
		json_array_append_new(links, link_json(&g->links[i], i));
	json_object_set_new(root, "runs", runs_json(g));
	json_object_set_new(root, "links", links);
	json_object_set_new(root, "asset", json_string(g->asset));
	json_object_set_new(root, "decimals", json_integer(g->decimals));
	json_object_set_new(root, "pruned", json_integer(g->pruned));
	json_object_set_new(root, "nodes", nodes);
	json_object_set_new(root, "edges", edges);
	json_object_set_new(root, "palette", palette_json());
	if (!root || !nodes || !edges || !links) {
		json_decref(root);
		return NULL;
	}
	return root;
}
