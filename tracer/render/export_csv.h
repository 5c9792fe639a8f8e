/*
 * export_csv.h - a flow graph as two CSV files in the header format of
 * Neo4j's `neo4j-admin database import` (docs/scale.md):
 *
 *   nodes.csv  id:ID,address,role,entity,category,inferred:boolean,
 *              cluster:long,members:long,received,sent,exit_amount,
 *              held_amount,frontier_amount,frontier_reason:string[],
 *              :LABEL
 *   edges.csv  :START_ID,:END_ID,:TYPE,asset,amount,amount_coin:double,
 *              txs:long,first_time:long,last_time:long,hop:long,txids:string[]
 *
 * id:ID is the node's id (export_graph.h: "btc:main:ADDR"), the same in
 * every case of one database, so the files of several cases import into
 * one graph. cluster is empty for a single address (no property).
 * Amounts are base-unit integers kept as strings (they may exceed 64
 * bits); amount_coin is for sorting and drawing only. :LABEL is "Address"
 * plus the role ("Address;Exit"); :TYPE is always FLOW; txids are
 * separated by ';', Neo4j's default array delimiter, as are the
 * frontier reasons ("hops;min"). Fields are quoted as
 * RFC 4180 says; no spreadsheet neutralisation (the data stays exact).
 */
#ifndef TRC_EXPORT_CSV_H
#define TRC_EXPORT_CSV_H

#include <stdio.h>

#include "tracer/report/export_graph.h"

void export_csv_nodes(FILE *f, const struct xgraph *g);
void export_csv_edges(FILE *f, const struct xgraph *g);

#endif
