/*
 * Neo4j-admin CSV writer: a header line, then one line per node or edge.
 */
#include "tracer/render/export_csv.h"

#include <ctype.h>
#include <string.h>

#include "graph/xlink.h"
#include "store/tags.h"
#include "tracer/render/report_esc.h"

static void cell(FILE *f, const char *s, bool last)
{
	esc_csv(f, s, false);
	fputc(last ? '\n' : ',', f);
}

static void cell_amount(FILE *f, trc_amount a, bool last)
{
	char s[AMOUNT_STR_MAX];

	cell(f, amount_format(s, sizeof(s), a, 0, false), last);
}

/* "Address;Exit": Neo4j labels, the role capitalised; then, in a
 * cross-chain graph, the node's chain and asset. */
static void put_labels(FILE *f, const struct xgraph *g, const struct xg_node *n)
{
	const char *r = export_role_name(n->role);

	fprintf(f, "Address;%c%s", toupper((unsigned char)r[0]), r + 1);
	if (g->n_runs > 1) {
		fputc(',', f);
		cell(f, g->runs[n->run].chain, false);
		cell(f, n->asset, false);
		cell_amount(f, n->converted_amount, true);
	} else
		fputc('\n', f);
}

void export_csv_nodes(FILE *f, const struct xgraph *g)
{
	fputs("id:ID,address,role,entity,category,inferred:boolean,"
	      "cluster:long,members:long,received,sent,exit_amount,"
	      "held_amount,frontier_amount,frontier_reason:string[],"
	      ":LABEL",
	      f);
	fputs(g->n_runs > 1 ? ",chain,asset,converted_amount\n" : "\n", f);
	for (size_t i = 0; i < g->n_nodes; i++) {
		const struct xg_node *n = &g->nodes[i];
		const char *cat = tag_category_name(n->category);
		char why[64];

		cell(f, n->id, false);
		cell(f, n->name, false);
		cell(f, export_role_name(n->role), false);
		cell(f, n->entity ? n->entity : "", false);
		cell(f, n->category && cat ? cat : "", false);
		/* a single address has no cluster: an empty cell, which
		 * neo4j-admin imports as no property */
		fprintf(f, "%s,", n->inferred ? "true" : "false");
		if (n->cluster)
			fprintf(f, "%u", n->cluster);
		fprintf(f, ",%u,", n->members);
		cell_amount(f, n->in, false);
		cell_amount(f, n->out, false);
		cell_amount(f, n->exit_amount, false);
		cell_amount(f, n->held_amount, false);
		cell_amount(f, n->frontier_amount, false);
		cell(f,
		     export_frontier_reasons(why, sizeof(why),
					     n->frontier_reasons),
		     false);
		put_labels(f, g, n);
	}
}

void export_csv_edges(FILE *f, const struct xgraph *g)
{
	fputs(":START_ID,:END_ID,:TYPE,asset,amount,amount_coin:double,"
	      "txs:long,first_time:long,last_time:long,hop:long,"
	      "txids:string[]\n",
	      f);
	for (size_t i = 0; i < g->n_edges; i++) {
		const struct xg_edge *e = &g->edges[i];
		char coin[AMOUNT_STR_MAX];

		cell(f, g->nodes[e->from].id, false);
		cell(f, g->nodes[e->to].id, false);
		fputs("FLOW,", f);
		cell(f, e->asset, false);
		cell_amount(f, e->amount, false);
		/* the exact decimal: a valid double literal, never rounded
		 * twice */
		fprintf(f, "%s,%u,%lld,%lld,%u,",
			amount_format(coin, sizeof(coin), e->amount,
				      e->decimals, true),
			e->n_txs, (long long)e->first_time,
			(long long)e->last_time, e->hop);
		cell(f, e->txids, true);
	}
}

void export_csv_links(FILE *f, const struct xgraph *g)
{
	fputs(":START_ID,:END_ID,:TYPE,link,kind,confidence,evidence,"
	      "from_chain,from_txid,from_n:long,from_asset,taint,from_value,"
	      "from_time:long,to_chain,to_txid,to_n:long,to_asset,converted,"
	      "to_value,to_time:long\n",
	      f);
	for (size_t i = 0; i < g->n_links; i++) {
		const struct xg_link *l = &g->links[i];

		cell(f, g->nodes[l->from].id, false);
		cell(f, g->nodes[l->to].id, false);
		fputs("CROSSCHAIN,", f);
		cell(f, l->name, false);
		cell(f, xlink_kind_name(l->kind), false);
		cell(f, xlink_confidence_name(l->confidence), false);
		cell(f, l->evidence ? l->evidence : "", false);
		cell(f, l->from_chain, false);
		cell(f, l->from_txid, false);
		fprintf(f, "%u,", l->from_n);
		cell(f, l->from_asset, false);
		cell_amount(f, l->taint, false);
		cell_amount(f, l->from_value, false);
		fprintf(f, "%lld,", (long long)l->from_time);
		cell(f, l->to_chain, false);
		cell(f, l->to_txid, false);
		fprintf(f, "%u,", l->to_n);
		cell(f, l->to_asset, false);
		cell_amount(f, l->converted, false);
		cell_amount(f, l->to_value, false);
		fprintf(f, "%lld\n", (long long)l->to_time);
	}
}
