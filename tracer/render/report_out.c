/*
 * report_out.c - from a report's cases to its bytes (report_out.h): the
 * steps `tracer report` and `tracer serve` share.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/num.h"
#include "tracer/render/export_dot.h"
#include "tracer/render/report_out.h"
#include "tracer/render/report_render.h"
#include "tracer/report/export_graph.h"
#include "tracer/report/graph_cross.h"

#define HTML_GRAPH_NODES 40
#define HTML_GRAPH_RUN 3 /* addresses in a row drawn as one box */

bool report_out_format_valid(const char *format)
{
	return !strcmp(format, "md") || !strcmp(format, "html") ||
	       !strcmp(format, "json") || !strcmp(format, "csv");
}

int64_t report_out_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	uint64_t v;

	if (s && *s && !num_parse_u64(s, 0, DATE_TIME_MAX, &v, NULL))
		return (int64_t)v;
	return (int64_t)time(NULL);
}

/* The flow graph of a case as inline SVG; a note when it cannot be. */
static void render_graph(struct report *r, struct report_case *c)
{
	struct xg_opts xo = { 0, false, AMOUNT_ZERO, HTML_GRAPH_NODES };
	struct xgraph *g = NULL;
	struct trc_error err = TRC_ERROR_INIT;
	char *dot = NULL;
	size_t len = 0;
	FILE *f;

	if (!c->res->n_assets ||
	    (c->cross && c->cross->n_runs
		     ? export_graph_cross(c->cross, &xo, NULL, &g, &err)
		     : export_graph_build(c->res, &xo, &g, &err)) ||
	    export_graph_condense(g, HTML_GRAPH_RUN, &err))
		goto note;
	f = open_memstream(&dot, &len);
	if (!f) {
		trc_fail(&err, TRC_ERR_NOMEM, "out of memory");
		goto note;
	}
	export_dot_report(f, g, c->kase.name);
	if (fclose(f)) {
		trc_fail(&err, TRC_ERR_NOMEM, "out of memory");
		goto note;
	}
	if (!report_render_svg(dot, len, &c->graph_svg, &err))
		goto cleanup;
note:
	if (!r->graph_note && asprintf(&r->graph_note,
				       "No flow graph: %s. "
				       "The rest of the report is complete; "
				       "'tracer export --format dot' writes "
				       "the graph for other tools.",
				       err.msg[0] ? err.msg : "no assets") < 0)
		r->graph_note = NULL;
cleanup:
	free(dot);
	export_graph_free(g);
}

/* The chains of the cases, each once, in the cases' order. */
static size_t case_chains(const struct report *r, uint8_t *chains, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_cases; i++) {
		bool seen = false;

		for (size_t j = 0; j < n; j++)
			seen |= chains[j] == r->cases[i].ops->id;
		if (!seen && n < max)
			chains[n++] = r->cases[i].ops->id;
	}
	return n;
}

enum trc_err report_out_prepare(struct report *r, struct store *s,
				const char *format, bool no_graph, int argc,
				char *const *argv, int64_t now,
				struct trc_error *err)
{
	uint8_t chains[8];
	size_t n = case_chains(r, chains, sizeof(chains));
	enum trc_err rc;

	rc = report_prov_collect(&r->prov, s, chains, n, argc, argv, now, err);
	if (!rc)
		rc = report_prov_levels(r, s, err);
	if (!rc)
		rc = report_compute(r, err);
	if (rc || strcmp(format, "html"))
		return rc;
	if (!no_graph)
		for (size_t i = 0; i < r->n_cases; i++)
			render_graph(r, &r->cases[i]);
	else if (!(r->graph_note = strdup("The flow graph was left out "
					  "(--no-graph).")))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

enum trc_err report_out_write(FILE *f, const char *format,
			      const struct report *r, struct trc_error *err)
{
	if (!strcmp(format, "html"))
		return report_write_html(f, r, err);
	if (!strcmp(format, "json"))
		return report_write_json(f, r, err);
	if (!strcmp(format, "csv"))
		return report_write_csv(f, r, err);
	return report_write_md(f, r, err);
}
