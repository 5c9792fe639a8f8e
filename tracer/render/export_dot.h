/*
 * export_dot.h - a flow graph as Graphviz DOT.
 *
 * rankdir=LR; nodes in graph order, identified by their ids (quoted
 * "btc:main:ADDR", export_graph.h), labelled with the address (or
 * cluster / "other"), entity and category, and the exit, held and
 * frontier amounts (the frontier's with its reasons); edges labelled with
 * the tainted amount and the number of transactions, pen width growing
 * with the amount. Roles are told apart by shape and colour: seeds red,
 * exits coloured by category, held yellow, frontier orange with a double
 * border, hubs grey octagons, "other" a dashed folder (colours:
 * palette.h). Every id and label
 * is escaped (report_esc.h) inside double quotes. Same graph, same bytes.
 */
#ifndef TRC_EXPORT_DOT_H
#define TRC_EXPORT_DOT_H

#include <stdio.h>

#include "tracer/report/export_graph.h"

/* title (untrusted, may be NULL) becomes the graph label. Write errors:
 * ferror(f). */
void export_dot(FILE *f, const struct xgraph *g, const char *title);

/*
 * The HTML report's drawing: export_dot's, but addresses abbreviated to
 * "bc1qpu8q...3xk" (an ellipsis) (Graphviz puts the node id, with the whole
 * address, in each node's SVG <title>: the tooltip), "follow here" on
 * every node with a frontier amount, condensed runs of hops
 * (export_graph_condense) with their two ends, edge labels at 10 points.
 */
void export_dot_report(FILE *f, const struct xgraph *g, const char *title);

/* Fill colour of an exit of category (enum tag_category), "#rrggbb". */
const char *export_category_color(uint8_t category);

#endif
