/*
 * export_out.c - the bytes of `tracer export` (export_out.h).
 */
#include "tracer/render/export_out.h"
#include "tracer/render/export_csv.h"
#include "tracer/render/export_dot.h"
#include "tracer/render/export_graphml.h"
#include "tracer/report/graph_cross.h"

static enum trc_err export_out_graph(const struct trace_result *res,
				     const struct xg_opts *o,
				     const char *case_name, struct xgraph **out,
				     struct trc_error *err)
{
	enum trc_err rc = export_graph_build(res, o, out, err);

	if (!rc && (rc = export_graph_scope(*out, case_name, err))) {
		export_graph_free(*out);
		*out = NULL;
	}
	return rc;
}

enum trc_err export_out_case_graph(const struct trace_result *res,
				   const struct case_cross *x,
				   const struct trc_case *k,
				   const struct xg_opts *o, struct xgraph **out,
				   struct trc_error *err)
{
	if (!x || !x->n_runs)
		return export_out_graph(res, o, k->name, out, err);
	return export_graph_cross(x, o, k->name, out, err);
}

void export_out_write(FILE *f, enum export_file which, const struct xgraph *g,
		      const char *title)
{
	switch (which) {
	case EXPORT_DOT:
		export_dot(f, g, title);
		break;
	case EXPORT_GRAPHML:
		export_graphml(f, g);
		break;
	case EXPORT_CSV_NODES:
		export_csv_nodes(f, g);
		break;
	case EXPORT_CSV_EDGES:
		export_csv_edges(f, g);
		break;
	case EXPORT_CSV_LINKS:
		export_csv_links(f, g);
		break;
	}
}
