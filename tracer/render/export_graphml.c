/*
 * GraphML writer: declared keys, then nodes and edges with <data>.
 */
#include "tracer/render/export_graphml.h"

#include "graph/xlink.h"
#include "store/tags.h"
#include "tracer/render/report_esc.h"

static void data(FILE *f, const char *key, const char *v)
{
	fprintf(f, "      <data key=\"%s\">", key);
	esc_xml(f, v);
	fputs("</data>\n", f);
}

static void data_amount(FILE *f, const char *key, trc_amount a)
{
	char s[AMOUNT_STR_MAX];

	data(f, key, amount_format(s, sizeof(s), a, 0, false));
}

static void data_u(FILE *f, const char *key, unsigned long long v)
{
	fprintf(f, "      <data key=\"%s\">%llu</data>\n", key, v);
}

static const char *const node_keys[][2] = {
	{ "label", "string" },
	{ "role", "string" },
	{ "entity", "string" },
	{ "category", "string" },
	{ "inferred", "boolean" },
	{ "cluster", "long" },
	{ "members", "long" },
	{ "received", "string" },
	{ "sent", "string" },
	{ "exit_amount", "string" },
	{ "held_amount", "string" },
	{ "frontier_amount", "string" },
	{ "frontier_reason", "string" },
};

static const char *const edge_keys[][2] = {
	{ "asset", "string" }, { "amount", "string" },	 { "weight", "double" },
	{ "txs", "long" },     { "first_time", "long" }, { "hop", "long" },
	{ "txids", "string" },
};

/* Declared only for a cross-chain graph: plain graphs keep their bytes */
static const char *const cross_node_keys[][2] = {
	{ "chain", "string" },
	{ "asset", "string" },
	{ "converted_amount", "string" },
};

static const char *const cross_edge_keys[][2] = {
	{ "type", "string" },	   { "link", "string" },
	{ "kind", "string" },	   { "confidence", "string" },
	{ "evidence", "string" },  { "to_asset", "string" },
	{ "converted", "string" }, { "to_time", "long" },
};

static bool is_cross(const struct xgraph *g)
{
	return g->n_runs > 1 || g->n_links;
}

static void put_cross_keys(FILE *f)
{
	for (size_t i = 0;
	     i < sizeof(cross_node_keys) / sizeof(cross_node_keys[0]); i++)
		fprintf(f,
			"  <key id=\"%s\" for=\"node\" attr.name=\"%s\" "
			"attr.type=\"%s\"/>\n",
			cross_node_keys[i][0], cross_node_keys[i][0],
			cross_node_keys[i][1]);
	for (size_t i = 0;
	     i < sizeof(cross_edge_keys) / sizeof(cross_edge_keys[0]); i++)
		fprintf(f,
			"  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" "
			"attr.type=\"%s\"/>\n",
			cross_edge_keys[i][0], cross_edge_keys[i][0],
			cross_edge_keys[i][1]);
}

static void put_keys(FILE *f)
{
	for (size_t i = 0; i < sizeof(node_keys) / sizeof(node_keys[0]); i++)
		fprintf(f,
			"  <key id=\"%s\" for=\"node\" attr.name=\"%s\" "
			"attr.type=\"%s\"/>\n",
			node_keys[i][0], node_keys[i][0], node_keys[i][1]);
	for (size_t i = 0; i < sizeof(edge_keys) / sizeof(edge_keys[0]); i++)
		fprintf(f,
			"  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" "
			"attr.type=\"%s\"/>\n",
			edge_keys[i][0], edge_keys[i][0], edge_keys[i][1]);
}

static void put_node(FILE *f, const struct xgraph *g, size_t i)
{
	const struct xg_node *n = &g->nodes[i];
	const char *cat = tag_category_name(n->category);
	char why[64];

	fputs("    <node id=\"", f);
	esc_xml(f, n->id);
	fputs("\">\n", f);
	data(f, "label", n->name);
	data(f, "role", export_role_name(n->role));
	data(f, "entity", n->entity ? n->entity : "");
	data(f, "category", n->category && cat ? cat : "");
	data(f, "inferred", n->inferred ? "true" : "false");
	if (n->cluster) /* a single address has none */
		data_u(f, "cluster", n->cluster);
	data_u(f, "members", n->members);
	data_amount(f, "received", n->in);
	data_amount(f, "sent", n->out);
	data_amount(f, "exit_amount", n->exit_amount);
	data_amount(f, "held_amount", n->held_amount);
	data_amount(f, "frontier_amount", n->frontier_amount);
	data(f, "frontier_reason",
	     export_frontier_reasons(why, sizeof(why), n->frontier_reasons));
	if (is_cross(g)) {
		data(f, "chain", g->runs[n->run].chain);
		data(f, "asset", n->asset);
		data_amount(f, "converted_amount", n->converted_amount);
	}
	fputs("    </node>\n", f);
}

static void put_edge(FILE *f, const struct xgraph *g, size_t i)
{
	const struct xg_edge *e = &g->edges[i];
	char coin[AMOUNT_STR_MAX];

	fprintf(f, "    <edge id=\"e%zu\" source=\"", i);
	esc_xml(f, g->nodes[e->from].id);
	fputs("\" target=\"", f);
	esc_xml(f, g->nodes[e->to].id);
	fputs("\">\n", f);
	if (is_cross(g))
		data(f, "e_type", "flow");
	data(f, "e_asset", e->asset);
	data_amount(f, "e_amount", e->amount);
	fprintf(f, "      <data key=\"e_weight\">%s</data>\n",
		amount_format(coin, sizeof(coin), e->amount, e->decimals,
			      true));
	data_u(f, "e_txs", e->n_txs);
	fprintf(f, "      <data key=\"e_first_time\">%lld</data>\n",
		(long long)e->first_time);
	data_u(f, "e_hop", e->hop);
	data(f, "e_txids", e->txids);
	fputs("    </edge>\n", f);
}

/* A link followed: an edge of type "crosschain", taint in the source's
 * asset, converted in the destination's. */
static void put_link(FILE *f, const struct xgraph *g, size_t i)
{
	const struct xg_link *l = &g->links[i];

	fprintf(f, "    <edge id=\"x%zu\" source=\"", i);
	esc_xml(f, g->nodes[l->from].id);
	fputs("\" target=\"", f);
	esc_xml(f, g->nodes[l->to].id);
	fputs("\">\n", f);
	data(f, "e_type", "crosschain");
	data(f, "e_link", l->name);
	data(f, "e_kind", xlink_kind_name(l->kind));
	data(f, "e_confidence", xlink_confidence_name(l->confidence));
	data(f, "e_evidence", l->evidence ? l->evidence : "");
	data(f, "e_asset", l->from_asset);
	data_amount(f, "e_amount", l->taint);
	data(f, "e_to_asset", l->to_asset);
	data_amount(f, "e_converted", l->converted);
	fprintf(f, "      <data key=\"e_first_time\">%lld</data>\n",
		(long long)l->from_time);
	fprintf(f, "      <data key=\"e_to_time\">%lld</data>\n",
		(long long)l->to_time);
	fprintf(f, "      <data key=\"e_txids\">");
	esc_xml(f, l->from_txid);
	fputs(";", f);
	esc_xml(f, l->to_txid);
	fputs("</data>\n    </edge>\n", f);
}

void export_graphml(FILE *f, const struct xgraph *g)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
	      f);
	put_keys(f);
	if (is_cross(g))
		put_cross_keys(f);
	fputs("  <graph id=\"tracer\" edgedefault=\"directed\">\n", f);
	for (size_t i = 0; i < g->n_nodes; i++)
		put_node(f, g, i);
	for (size_t i = 0; i < g->n_edges; i++)
		put_edge(f, g, i);
	for (size_t i = 0; i < g->n_links; i++)
		put_link(f, g, i);
	fputs("  </graph>\n</graphml>\n", f);
}
