/*
 * export_graphml.h - a flow graph as GraphML (for Gephi, yEd, NetworkX).
 *
 * Node attributes: label, role, entity, category, inferred, cluster (only
 * for a cluster of two or more addresses), members, received, sent,
 * exit_amount, held_amount, frontier_amount (base units, strings: they
 * may exceed 64 bits), frontier_reason ("hops;min"; "" when none). Edge
 * attributes: asset, amount (base units, string), weight (the amount in
 * whole coins as a double, for drawing only), txs, first_time, hop,
 * txids. Node ids are the nodes' ids (export_graph.h: "btc:main:ADDR"),
 * the same in every case of one database. Every value is XML-escaped.
 * Same graph, same bytes.
 *
 * A cross-chain graph (export_graph_cross) declares more keys: the nodes'
 * chain, asset and converted_amount, the edges' type ("flow", or "crosschain"
 * for a link followed), and for a link its link's name ("links[0]",
 * "found[0]"), kind, confidence, evidence, to_asset, converted (base units of
 * to_asset) and to_time; its asset and amount are the source side's (the
 * taint), its txids "FROM;TO".
 */
#ifndef TRC_EXPORT_GRAPHML_H
#define TRC_EXPORT_GRAPHML_H

#include <stdio.h>

#include "tracer/report/export_graph.h"

void export_graphml(FILE *f, const struct xgraph *g);

#endif
