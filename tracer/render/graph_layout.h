/*
 * graph_layout.h - the positions of a flow graph's nodes and edges, laid
 * out by Graphviz (`dot -Tjson0` as a child process, report_render.h),
 * for `tracer serve`'s page, which only draws them (docs/serve.md).
 *
 * Left to right by hops (rankdir=LR); nodes are boxes of a fixed size.
 * A graph of more than GRAPH_LAYOUT_FAST nodes is laid out with dot's
 * cheaper settings (fewer crossing-minimisation passes, straight edges),
 * so that 2 000 nodes take seconds, not minutes.
 */
#ifndef TRC_GRAPH_LAYOUT_H
#define TRC_GRAPH_LAYOUT_H

#include <jansson.h>

#include "base/err.h"
#include "tracer/report/export_graph.h"

#define GRAPH_LAYOUT_FAST 300	     /* nodes: above, dot's cheap settings */
#define GRAPH_LAYOUT_MAX (64u << 20) /* bytes of JSON accepted from dot */

/*
 * Out: *out (new reference) {"engine": "dot", "fast": bool, "width",
 * "height", "nodes": [{"id", "x", "y", "w", "h"}], "edges": [{"id",
 * "from", "to", "points": [[x, y], ...]}]}: points (72 a inch) with y
 * growing downwards, (x, y) a node's centre, ids the positions in the
 * graph's nodes and edges; an edge's points are its spline's control
 * points (first point, then three per cubic Bezier segment) ending at
 * the arrow's tip, or its two ends when straight; "links": the same
 * for the graph's cross-chain links (export_graph.h, struct xg_link),
 * which dot ranks as edges.
 * Returns report_render_run's errors (TRC_ERR_NOTFOUND without dot),
 * TRC_ERR_VERIFY when dot's output is not the layout of g,
 * TRC_ERR_NOMEM.
 */
enum trc_err graph_layout(const struct xgraph *g, json_t **out,
			  struct trc_error *err) TRC_WARN_UNUSED;

#endif
