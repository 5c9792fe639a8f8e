/*
 * trace_text.c - the text summary of a trace: the identity per asset, the
 * exits by entity, the largest held amounts.
 */
#include "tracer/cli/trace_text.h"

#include <stdlib.h>
#include <string.h>

#include "store/tags.h"
#include "tracer/cli/cli.h"
#include "tracer/report/report.h"

static const char *fmt(const struct trace_result *r, uint32_t asset,
		       trc_amount a, char *buf)
{
	int d = r->assets[asset].decimals;

	return amount_format(buf, AMOUNT_STR_MAX, a, d < 0 ? 0 : (unsigned)d,
			     false);
}

static void print_identity(FILE *f, const struct trace_result *r)
{
	char b[6][2 * AMOUNT_STR_MAX + 32];

	for (size_t i = 0; i < r->n_assets; i++) {
		const struct trace_asset *a = &r->assets[i];
		uint32_t k = (uint32_t)i;

		fmt(r, k, a->seed_total, b[0]);
		fmt(r, k, a->exits_total, b[1]);
		fmt(r, k, a->held, b[2]);
		fmt(r, k, a->fees, b[3]);
		/* unresolved, and what a cross-chain link carried away */
		fmt(r, k, a->unresolved, b[4]);
		if (!amount_is_zero(a->converted)) {
			char d[AMOUNT_STR_MAX];
			size_t n = strlen(b[4]);
			snprintf(b[4] + n, sizeof(b[4]) - n,
				 report_is_exposure(r) ? ", converted %s"
						       : " + converted %s",
				 fmt(r, k, a->converted, d));
		}
		/* destroyed shows only where a token's issuer burnt taint */
		b[5][0] = 0;
		if (!amount_is_zero(a->destroyed)) {
			char d[AMOUNT_STR_MAX];
			snprintf(b[5], sizeof(b[5]),
				 report_is_exposure(r) ? ", destroyed %s"
						       : " + destroyed %s",
				 fmt(r, k, a->destroyed, d));
		}
		if (report_is_exposure(r))
			fprintf(f,
				"%s: seed total %s; exposure (poison, an upper "
				"bound: the figures overlap): exits %s, held "
				"%s, fees %s%s, unresolved %s\n",
				a->asset, b[0], b[1], b[2], b[3], b[5], b[4]);
		else
			fprintf(f,
				"%s: seed total %s = exits %s + held %s + fees "
				"%s%s + unresolved %s  %s\n",
				a->asset, b[0], b[1], b[2], b[3], b[5], b[4],
				a->balanced
					? "(balanced)"
					: "(IDENTITY FAILS: please report)");
		if (!amount_is_zero(a->frozen))
			fprintf(f, "  held, frozen by the issuer: %s\n",
				fmt(r, k, a->frozen, b[0]));
		for (int w = 0; w < TRACE_REASON_COUNT; w++)
			if (!amount_is_zero(a->unresolved_by[w]))
				fprintf(f, "  unresolved, %s: %s\n",
					trace_reason_name((enum trace_reason)w),
					fmt(r, k, a->unresolved_by[w], b[0]));
	}
}

/* Exits summed by entity: report_entities, the rule the reports use. */
int trace_text_entities(FILE *f, const struct trace_result *r)
{
	char b[AMOUNT_STR_MAX];
	struct report_entity *es;
	size_t n;
	struct trc_error err = TRC_ERROR_INIT;

	if (report_entities(r, &es, &n, NULL, &err))
		return cli_fail(&err);
	if (n)
		fprintf(f, "\n%s:\n",
			report_is_exposure(r)
				? "exposure by entity (an upper bound)"
				: "exits by entity");
	for (size_t i = 0; i < n; i++) {
		const struct report_entity *e = &es[i];
		fprintf(f, "  %-24s %-9s %20s %s  %zu address%s%s\n", e->entity,
			tag_category_name(e->category)
				? tag_category_name(e->category)
				: "-",
			fmt(r, e->asset, e->amount, b),
			r->assets[e->asset].asset, e->n_exits,
			e->n_exits == 1 ? "" : "es",
			e->inferred ? " (some inferred)" : "");
	}
	free(es);
	return EXIT_OK;
}

static void print_held(FILE *f, const struct trace_result *r, unsigned top)
{
	char b[AMOUNT_STR_MAX];

	if (r->n_held)
		fprintf(f, "\ntop held addresses:\n");
	for (size_t i = 0; i < r->n_held && i < top; i++)
		fprintf(f, "  %-64s %20s %s%s\n", r->held[i].address,
			fmt(r, r->held[i].asset, r->held[i].amount, b),
			r->assets[r->held[i].asset].asset,
			r->held[i].frozen ? " (frozen)" : "");
	if (r->n_held > top)
		fprintf(f, "  ... %zu more\n", r->n_held - top);
}

int trace_text_print(FILE *f, const struct trace_result *r, const char *chain,
		     unsigned top)
{
	int rc;

	fprintf(f, "trace %s %s, policy %s, %zu seed%s, hops %u, hub txs %u\n",
		chain, r->network ? r->network : "-",
		trace_policy_name(r->policy), r->n_seeds,
		r->n_seeds == 1 ? "" : "s", r->hops, r->hub_txs);
	fprintf(f,
		"%llu transaction%s scanned, %llu moved taint, %llu "
		"address%s\n\n",
		(unsigned long long)r->counters.txs_scanned,
		r->counters.txs_scanned == 1 ? "" : "s",
		(unsigned long long)r->counters.txs_visited,
		(unsigned long long)r->counters.addresses,
		r->counters.addresses == 1 ? "" : "es");
	print_identity(f, r);
	rc = trace_text_entities(f, r);
	if (rc)
		return rc;
	print_held(f, r, top);
	if (r->counters.inputs_missing)
		fprintf(f,
			"\nnote: %llu inputs spend transactions not in the "
			"database; they count as clean\n",
			(unsigned long long)r->counters.inputs_missing);
	return EXIT_OK;
}

/* ---- cross-chain ---- */

static const char *xfmt(trc_amount a, int decimals, char *buf)
{
	return amount_format(buf, AMOUNT_STR_MAX, a,
			     decimals < 0 ? 0 : (unsigned)decimals, false);
}

static void print_follow(FILE *f, const struct case_cross *x,
			 const struct case_xfollow *w)
{
	const struct xlink *l = &x->links[w->link];
	char b[4][AMOUNT_STR_MAX], name[48];

	case_cross_link_name(x, w->link, name, sizeof(name));
	fprintf(f, "  %s %s (%s): %s %s:%u %s of %s %s\n", name,
		xlink_kind_name(l->kind), xlink_confidence_name(l->confidence),
		l->from.chain, l->from.txid, (unsigned)l->from.n,
		xfmt(w->taint, 0, b[0]), xfmt(l->from.amount, 0, b[1]),
		w->from_asset);
	fprintf(f,
		"    -> %s %s:%u %s of %s %s (remainder %s/%s of a base "
		"unit left clean)\n",
		l->to.chain, l->to.txid, (unsigned)l->to.n,
		xfmt(w->converted, 0, b[2]), xfmt(l->to.amount, 0, b[3]),
		w->to_asset, xfmt(w->remainder, 0, b[0]),
		xfmt(l->from.amount, 0, b[1]));
	if (l->evidence)
		fprintf(f, "    evidence: %s\n", l->evidence);
}

static void print_run(FILE *f, const struct case_xrun *g, size_t i)
{
	char b[7][AMOUNT_STR_MAX];

	fprintf(f, "  run %zu: %s %s, depth %u, %zu seed%s\n", i,
		g->chain->name, g->network ? g->network : "-", g->depth,
		g->r->n_seeds, g->r->n_seeds == 1 ? "" : "s");
	for (size_t k = 0; k < g->r->n_assets; k++) {
		const struct trace_asset *a = &g->r->assets[k];
		fprintf(f,
			"    %s: seed total %s = exits %s + held %s + fees %s "
			"+ destroyed %s + unresolved %s + converted %s\n",
			a->asset, xfmt(a->seed_total, a->decimals, b[0]),
			xfmt(a->exits_total, a->decimals, b[1]),
			xfmt(a->held, a->decimals, b[2]),
			xfmt(a->fees, a->decimals, b[3]),
			xfmt(a->destroyed, a->decimals, b[4]),
			xfmt(a->unresolved, a->decimals, b[5]),
			xfmt(a->converted, a->decimals, b[6]));
	}
}

static void print_xasset(FILE *f, const struct case_xasset *g)
{
	char b[8][AMOUNT_STR_MAX];
	int d = g->decimals;

	fprintf(f,
		"  %s %s: seed %s + converted in %s = exits %s + held %s + "
		"fees %s + destroyed %s + unresolved %s + converted out %s  "
		"%s\n",
		g->chain, g->asset, xfmt(g->seed, d, b[0]),
		xfmt(g->converted_in, d, b[1]), xfmt(g->exits, d, b[2]),
		xfmt(g->held, d, b[3]), xfmt(g->fees, d, b[4]),
		xfmt(g->destroyed, d, b[5]), xfmt(g->unresolved, d, b[6]),
		xfmt(g->converted_out, d, b[7]),
		!g->conserving ? "(poison: exposure, no identity)"
		: g->balanced  ? "(balanced)"
			       : "(IDENTITY FAILS: please report)");
}

void trace_text_cross(FILE *f, const struct case_cross *x,
		      const struct trc_case *k)
{
	(void)k;
	if (x->n_links == x->n_stated)
		fprintf(f,
			"\ncross-chain: %zu of %zu stated link%s followed (at "
			"most %d in a row)\n",
			x->n_follow, x->n_links, x->n_links == 1 ? "" : "s",
			CASE_XLINK_DEPTH);
	else
		fprintf(f,
			"\ncross-chain: %zu of %zu link%s followed, %zu stated "
			"and %zu found in the database (at most %d in a "
			"row)\n",
			x->n_follow, x->n_links, x->n_links == 1 ? "" : "s",
			x->n_stated, x->n_links - x->n_stated,
			CASE_XLINK_DEPTH);
	for (size_t i = 0; i < x->n_follow; i++)
		print_follow(f, x, &x->follow[i]);
	for (size_t i = 1; i < x->n_runs; i++)
		print_run(f, &x->runs[i], i);
	fprintf(f, "per asset, over every chain:\n");
	for (size_t i = 0; i < x->n_assets; i++)
		print_xasset(f, &x->assets[i]);
}
