/*
 * export_out.h - a traced case's flow graph to the bytes of `tracer
 * export`: the one path that the command and `tracer serve`'s
 * /api/export share (the graph built and scoped by the case's name,
 * then one writer). Never prints.
 */
#ifndef TRC_EXPORT_OUT_H
#define TRC_EXPORT_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"
#include "graph/trace.h"
#include "tracer/case/case_xlink.h"
#include "tracer/report/export_graph.h"

/* One file of an export: the csv format is two (nodes.csv, edges.csv). */
enum export_file {
	EXPORT_DOT,
	EXPORT_GRAPHML,
	EXPORT_CSV_NODES,
	EXPORT_CSV_EDGES,
	EXPORT_CSV_LINKS, /* links.csv: a graph with cross-chain links */
};

/*
 * The graph of res for o (NULL: asset 0, no clustering, no folding),
 * its "other" node named after the case k (export_graph_scope); for a
 * case whose cross-chain links were followed (x with runs; NULL: none)
 * the graph of every run and the links (tracer/report/graph_cross.h).
 * Out: *out (new, export_graph_free); NULL on failure.
 */
enum trc_err export_out_case_graph(const struct trace_result *res,
				   const struct case_cross *x,
				   const struct trc_case *k,
				   const struct xg_opts *o, struct xgraph **out,
				   struct trc_error *err) TRC_WARN_UNUSED;

/* Writes one file of the export of g; title: the case's name (DOT). */
void export_out_write(FILE *f, enum export_file which, const struct xgraph *g,
		      const char *title);

#endif
