/*
 * DOT writer. Identifiers are the nodes' ids ("btc:main:ADDR"); they and
 * everything else from the data go through esc_dot inside double quotes.
 */
#include "tracer/render/export_dot.h"

#include <stdlib.h>
#include <string.h>

#include "graph/xlink.h"
#include "store/tags.h"
#include "tracer/render/palette.h"
#include "tracer/render/report_esc.h"

const char *export_category_color(uint8_t category)
{
	return palette_node(TRACE_ROLE_EXIT, category)->fill;
}

/* Shape and style per role; the colours come from palette.h. */
static const char *node_shape(uint8_t role)
{
	switch (role) {
	case TRACE_ROLE_SEED:
		return "shape=box, style=\"rounded,filled,bold\"";
	case TRACE_ROLE_EXIT:
		return "shape=box, style=\"filled,bold\"";
	case TRACE_ROLE_HELD:
		return "shape=box, style=\"rounded,filled\"";
	case TRACE_ROLE_HUB:
		return "shape=octagon, style=filled";
	case XG_ROLE_FRONTIER:
		return "shape=box, peripheries=2, "
		       "style=\"rounded,filled,bold\"";
	case XG_ROLE_CHAIN:
		return "shape=box, style=\"rounded,filled,dashed\"";
	case XG_ROLE_OTHER:
		return "shape=folder, style=\"filled,dashed\"";
	default:
		return "shape=box, style=\"rounded,filled\"";
	}
}

/* "bc1qpu8q...3xk" (an ellipsis, U+2026) for an ASCII
 * name longer than 14 bytes. */
static void put_short(FILE *f, const char *s)
{
	size_t n = strlen(s);
	char head[9];
	bool ascii = true;

	for (size_t i = 0; i < n; i++)
		ascii &= (unsigned char)s[i] < 0x80;
	if (n <= 14 || !ascii) {
		esc_dot(f, s);
		return;
	}
	memcpy(head, s, 8);
	head[8] = '\0';
	esc_dot(f, head);
	fputs("\xe2\x80\xa6", f); /* U+2026 */
	esc_dot(f, s + n - 3);
}

/* The first line of a node's label: the address (abbreviated when
 * drawing for the report), or the node's name. */
static void put_name(FILE *f, const struct xg_node *n, bool report)
{
	const char *sep, *first;
	char buf[256];

	if (!report || n->role == XG_ROLE_OTHER) {
		esc_dot(f, n->name);
		return;
	}
	if (n->role != XG_ROLE_CHAIN) {
		put_short(f, n->name);
		return;
	}
	esc_dot(f, n->name);
	/* id "CHAIN:NET:FIRST ... LAST": both ends, abbreviated */
	sep = strstr(n->id, " ... ");
	first = strchr(n->id, ':');
	first = first ? strchr(first + 1, ':') : NULL;
	if (!sep || !first || first > sep ||
	    (size_t)(sep - first) > sizeof(buf))
		return;
	memcpy(buf, first + 1, (size_t)(sep - first - 1));
	buf[sep - first - 1] = '\0';
	fputs("\\n", f);
	put_short(f, buf);
	fputs(" \xe2\x86\x92 ", f); /* U+2192 */
	put_short(f, sep + 5);
}

static void put_node(FILE *f, const struct xgraph *g, size_t i, bool report)
{
	const struct xg_node *n = &g->nodes[i];
	const struct palette_entry *p = palette_node(n->role, n->category);
	char amt[AMOUNT_STR_MAX + 32], why[64];

	fputs("  \"", f);
	esc_dot(f, n->id);
	fprintf(f, "\" [%s, fillcolor=\"%s\", fontcolor=\"%s\"",
		node_shape(n->role), p->fill, p->text);
	fputs(", label=\"", f);
	put_name(f, n, report);
	if (n->members > 1 && n->role != XG_ROLE_CHAIN)
		fprintf(f, " (%u addresses)", n->members);
	if (n->entity) {
		fputs("\\n", f);
		esc_dot(f, n->entity);
		fprintf(f, " (%s%s)",
			tag_category_name(n->category)
				? tag_category_name(n->category)
				: "tagged",
			n->inferred ? ", inferred" : "");
	}
	fprintf(f, "\\n%s", export_role_name(n->role));
	if (!amount_is_zero(n->exit_amount))
		fprintf(f, " %s",
			export_amount(amt, sizeof(amt), n->exit_amount,
				      n->asset, n->decimals));
	if (!amount_is_zero(n->held_amount))
		fprintf(f, "%s %s", n->role == TRACE_ROLE_HELD ? "" : "\\nheld",
			export_amount(amt, sizeof(amt), n->held_amount,
				      n->asset, n->decimals));
	if (!amount_is_zero(n->frontier_amount))
		fprintf(f, "%s %s (stopped by %s)",
			n->role == XG_ROLE_FRONTIER ? "" : "\\nfrontier",
			export_amount(amt, sizeof(amt), n->frontier_amount,
				      n->asset, n->decimals),
			export_frontier_reasons(why, sizeof(why),
						n->frontier_reasons));
	if (!amount_is_zero(n->converted_amount))
		fprintf(f, "\\nconverted %s",
			export_amount(amt, sizeof(amt), n->converted_amount,
				      n->asset, n->decimals));
	if (report && !amount_is_zero(n->frontier_amount))
		fputs("\\nfollow here", f);
	fputs("\"];\n", f);
}

/* 1 + log2 of the edge's share of the largest, so width 1..5. */
static unsigned pen_width(trc_amount a, trc_amount max)
{
	unsigned w = 5;

	while (w > 1 && amount_cmp(a, max) < 0) {
		trc_amount half;

		if (amount_mul_div(&half, NULL, max, amount_from_u64(1),
				   amount_from_u64(4)))
			break;
		max = half;
		w--;
	}
	return w;
}

static void put_edge(FILE *f, const struct xgraph *g, size_t i, trc_amount max)
{
	const struct xg_edge *e = &g->edges[i];
	char amt[AMOUNT_STR_MAX + 32];

	fputs("  \"", f);
	esc_dot(f, g->nodes[e->from].id);
	fputs("\" -> \"", f);
	esc_dot(f, g->nodes[e->to].id);
	fprintf(f, "\" [penwidth=%u, label=\"", pen_width(e->amount, max));
	esc_dot(f, export_amount(amt, sizeof(amt), e->amount, e->asset,
				 e->decimals));
	fprintf(f, "\\n%u tx%s, hop %u\"];\n", e->n_txs,
		e->n_txs == 1 ? "" : "s", e->hop);
}

/* A link followed: dashed, bold, its own colour, both sides' amounts;
 * kind, confidence and evidence also as attributes (tracer_*), which
 * Graphviz keeps and ignores. */
static void put_link(FILE *f, const struct xgraph *g, const struct xg_link *l)
{
	char a[AMOUNT_STR_MAX + 80], b[AMOUNT_STR_MAX + 80];

	fputs("  \"", f);
	esc_dot(f, g->nodes[l->from].id);
	fputs("\" -> \"", f);
	esc_dot(f, g->nodes[l->to].id);
	fprintf(f,
		"\" [style=\"dashed,bold\", penwidth=2, color=\"%s\", "
		"fontcolor=\"%s\", label=\"%s link (%s)\\n",
		PALETTE_XLINK, PALETTE_XLINK, xlink_kind_name(l->kind),
		xlink_confidence_name(l->confidence));
	export_amount(a, sizeof(a), l->taint, l->from_asset, l->from_decimals);
	export_amount(b, sizeof(b), l->converted, l->to_asset, l->to_decimals);
	esc_dot(f, a);
	fputs(" \xe2\x86\x92 ", f); /* U+2192 */
	esc_dot(f, b);
	fprintf(f,
		"\", tracer_link=\"%s\", tracer_kind=\"%s\", "
		"tracer_confidence=\"%s\", tracer_evidence=\"",
		l->name, xlink_kind_name(l->kind),
		xlink_confidence_name(l->confidence));
	esc_dot(f, l->evidence ? l->evidence : "");
	fputs("\", tooltip=\"", f);
	esc_dot(f, l->evidence ? l->evidence : "");
	fputs("\"];\n", f);
}

/* The nodes of run r inside a box naming its chain and asset. */
static void put_run(FILE *f, const struct xgraph *g, size_t r, bool report)
{
	const struct xg_run *x = &g->runs[r];

	fprintf(f, "  subgraph \"cluster_run_%zu\" {\n    label=\"", r);
	esc_dot(f, x->chain);
	fputs(" ", f);
	esc_dot(f, x->asset);
	if (x->depth)
		fprintf(f, " (after %u link%s)", x->depth,
			x->depth == 1 ? "" : "s");
	fputs("\";\n    style=dashed;\n    color=\"#9e9e9e\";\n", f);
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].run == r) {
			fputs("  ", f);
			put_node(f, g, i, report);
		}
	fputs("  }\n", f);
}

/* The largest edge amount of each run (pen widths compare within one
 * asset): one per run, at least one; NULL when out of memory. */
static trc_amount *run_max(const struct xgraph *g)
{
	size_t n = g->n_runs ? g->n_runs : 1;
	trc_amount *max = calloc(n, sizeof(*max));

	for (size_t i = 0; max && i < g->n_edges; i++) {
		uint32_t r = g->nodes[g->edges[i].from].run;

		r = r < n ? r : 0;
		max[r] = amount_max(max[r], g->edges[i].amount);
	}
	return max;
}

static void write_dot(FILE *f, const struct xgraph *g, const char *title,
		      bool report)
{
	trc_amount *max = run_max(g), one = AMOUNT_ZERO;

	fputs("digraph tracer {\n  rankdir=LR;\n", f);
	fputs("  graph [fontname=\"Helvetica\", fontsize=12, "
	      "labelloc=t, label=\"",
	      f);
	esc_dot(f, title ? title : "");
	fputs("\"];\n  node [fontname=\"Helvetica\", fontsize=10];\n", f);
	fprintf(f,
		"  edge [fontname=\"Helvetica\", fontsize=%d, "
		"color=\"#555555\"];\n",
		report ? 10 : 9);
	if (g->n_runs > 1)
		for (size_t r = 0; r < g->n_runs; r++)
			put_run(f, g, r, report);
	else
		for (size_t i = 0; i < g->n_nodes; i++)
			put_node(f, g, i, report);
	for (size_t i = 0; i < g->n_edges; i++) {
		uint32_t r = g->nodes[g->edges[i].from].run;

		put_edge(f, g, i, !max ? one : max[r < g->n_runs ? r : 0]);
	}
	for (size_t i = 0; i < g->n_links; i++)
		put_link(f, g, &g->links[i]);
	fputs("}\n", f);
	free(max);
}

void export_dot(FILE *f, const struct xgraph *g, const char *title)
{
	write_dot(f, g, title, false);
}

void export_dot_report(FILE *f, const struct xgraph *g, const char *title)
{
	write_dot(f, g, title, true);
}
