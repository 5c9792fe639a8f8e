/*
 * Neo4j-admin CSV writer: a header line, then one line per node or edge.
 */
#include "tracer/render/export_csv.h"

#include <ctype.h>
#include <string.h>

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

/* "Address;Exit": Neo4j labels, the role capitalised. */
static void put_labels(FILE *f, uint8_t role)
{
	const char *r = export_role_name(role);

	fprintf(f, "Address;%c%s\n", toupper((unsigned char)r[0]), r + 1);
}

void export_csv_nodes(FILE *f, const struct xgraph *g)
{
	fputs("id:ID,address,role,entity,category,inferred:boolean,"
	      "cluster:long,members:long,received,sent,exit_amount,"
	      "held_amount,frontier_amount,frontier_reason:string[],"
	      ":LABEL\n",
	      f);
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
		put_labels(f, n->role);
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
		cell(f, g->asset, false);
		cell_amount(f, e->amount, false);
		/* the exact decimal: a valid double literal, never rounded
		 * twice */
		fprintf(f, "%s,%u,%lld,%lld,%u,",
			amount_format(coin, sizeof(coin), e->amount,
				      g->decimals, true),
			e->n_txs, (long long)e->first_time,
			(long long)e->last_time, e->hop);
		cell(f, e->txids, true);
	}
}
