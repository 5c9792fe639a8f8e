/*
 * DOT writer. Identifiers are the nodes' ids ("btc:main:ADDR"); they and
 * everything else from the data go through esc_dot inside double quotes.
 */
#include "tracer/render/export_dot.h"

#include "store/tags.h"
#include "tracer/render/report_esc.h"

const char *export_category_color(uint8_t category)
{
	switch (category) {
	case TAG_EXCHANGE:
		return "#2e7d32";
	case TAG_DEPOSIT:
		return "#66bb6a";
	case TAG_MIXER:
		return "#8e24aa";
	case TAG_BRIDGE:
		return "#1e88e5";
	case TAG_SERVICE:
		return "#00897b";
	case TAG_DEFI:
		return "#3949ab";
	default:
		return "#78909c";
	}
}

static const char *node_style(const struct xg_node *n)
{
	switch (n->role) {
	case TRACE_ROLE_SEED:
		return "shape=box, style=\"rounded,filled,bold\", "
		       "fillcolor=\"#e53935\", fontcolor=\"white\"";
	case TRACE_ROLE_EXIT:
		return "shape=box, style=\"filled,bold\", fontcolor=\"white\"";
	case TRACE_ROLE_HELD:
		return "shape=box, style=\"rounded,filled\", "
		       "fillcolor=\"#fdd835\"";
	case TRACE_ROLE_HUB:
		return "shape=octagon, style=filled, fillcolor=\"#bdbdbd\"";
	case XG_ROLE_FRONTIER:
		/* dark text on orange (over 4.5:1); a double border */
		return "shape=box, peripheries=2, "
		       "style=\"rounded,filled,bold\", "
		       "fillcolor=\"#ffb74d\", fontcolor=\"#212121\"";
	case XG_ROLE_OTHER:
		return "shape=folder, style=dashed";
	default:
		return "shape=box, style=rounded";
	}
}

static void put_node(FILE *f, const struct xgraph *g, size_t i)
{
	const struct xg_node *n = &g->nodes[i];
	char amt[AMOUNT_STR_MAX + 32], why[64];

	fputs("  \"", f);
	esc_dot(f, n->id);
	fprintf(f, "\" [%s", node_style(n));
	if (n->role == TRACE_ROLE_EXIT)
		fprintf(f, ", fillcolor=\"%s\"",
			export_category_color(n->category));
	fputs(", label=\"", f);
	esc_dot(f, n->name);
	if (n->members > 1)
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
			export_amount(amt, sizeof(amt), n->exit_amount, g));
	if (!amount_is_zero(n->held_amount))
		fprintf(f, "%s %s", n->role == TRACE_ROLE_HELD ? "" : "\\nheld",
			export_amount(amt, sizeof(amt), n->held_amount, g));
	if (!amount_is_zero(n->frontier_amount))
		fprintf(f, "%s %s (stopped by %s)",
			n->role == XG_ROLE_FRONTIER ? "" : "\\nfrontier",
			export_amount(amt, sizeof(amt), n->frontier_amount, g),
			export_frontier_reasons(why, sizeof(why),
						n->frontier_reasons));
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
	esc_dot(f, export_amount(amt, sizeof(amt), e->amount, g));
	fprintf(f, "\\n%u tx%s, hop %u\"];\n", e->n_txs,
		e->n_txs == 1 ? "" : "s", e->hop);
}

void export_dot(FILE *f, const struct xgraph *g, const char *title)
{
	trc_amount max = AMOUNT_ZERO;

	for (size_t i = 0; i < g->n_edges; i++)
		max = amount_max(max, g->edges[i].amount);
	fputs("digraph tracer {\n  rankdir=LR;\n", f);
	fputs("  graph [fontname=\"Helvetica\", fontsize=12, "
	      "labelloc=t, label=\"",
	      f);
	esc_dot(f, title ? title : "");
	fputs("\"];\n  node [fontname=\"Helvetica\", fontsize=10];\n"
	      "  edge [fontname=\"Helvetica\", fontsize=9, "
	      "color=\"#555555\"];\n",
	      f);
	for (size_t i = 0; i < g->n_nodes; i++)
		put_node(f, g, i);
	for (size_t i = 0; i < g->n_edges; i++)
		put_edge(f, g, i, max);
	fputs("}\n", f);
}
