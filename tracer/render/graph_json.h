/*
 * graph_json.h - the flow graph of a trace (tracer/report/export_graph.h)
 * as JSON, for `tracer serve`'s page (docs/serve.md): the same nodes and
 * edges that `tracer export` writes as DOT or GraphML.
 */
#ifndef TRC_GRAPH_JSON_H
#define TRC_GRAPH_JSON_H

#include <jansson.h>

#include "tracer/report/export_graph.h"

/*
 * {"asset", "decimals", "pruned", "nodes": [{"id", "name", "role",
 *  "entity", "category", "inferred", "cluster", "members", "in", "out",
 *  "exit", "held", "palette"}], "edges": [{"from", "to", "amount", "txs",
 *  "hop", "first_time", "last_time", "txids"}], "palette": [{"key",
 *  "label", "fill", "text"}]}: amounts in base units as strings, times
 * in seconds since 1970 (null when unknown), ids the positions in
 * "nodes"; a node's "palette" is the key of its colours in "palette"
 * (tracer/render/palette.h, the report's and the DOT's colours). Returns a new
 * reference (NULL on no memory).
 *
 * Every node also has "run", "chain", "asset", "decimals" (its amounts
 * are in that asset) and "converted" (taint that left by a cross-chain
 * link there), every edge "asset" and "decimals"; "runs" lists the
 * traces drawn ({"chain", "network", "depth", "asset", "decimals"}: one
 * without links) and "links" the cross-chain links followed
 * (tracer/report/graph_cross.h): {"id", "from", "to" (node ids), "link"
 * (its name: "links[0]" in the case file, "found[0]" in the database), "kind",
 * "confidence", "evidence", "source": {"chain", "txid", "n", "asset",
 * "decimals", "taint", "value", "time"}, "destination": {... "converted" for
 * "taint"}}.
 */
json_t *graph_to_json(const struct xgraph *g);

#endif
