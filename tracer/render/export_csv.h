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
 *
 * A cross-chain graph (export_graph_cross): nodes.csv has three more
 * columns, chain, asset (the node's amounts are in its run's asset) and
 * converted_amount (taint that left by a link there),
 * edges.csv each flow's asset, and links.csv the links followed:
 *
 *   links.csv  :START_ID,:END_ID,:TYPE,link,kind,confidence,evidence,
 *              from_chain,from_txid,from_n:long,from_asset,taint,
 *              from_value,from_time:long,to_chain,to_txid,to_n:long,
 *              to_asset,converted,to_value,to_time:long
 *
 * :TYPE CROSSCHAIN; link is its name ("links[0]": the case file's,
 * "found[0]": found in the database); taint in the source's base units,
 * converted in the destination's (docs/crosschain.md).
 */
#ifndef TRC_EXPORT_CSV_H
#define TRC_EXPORT_CSV_H

#include <stdio.h>

#include "tracer/report/export_graph.h"

void export_csv_nodes(FILE *f, const struct xgraph *g);
void export_csv_edges(FILE *f, const struct xgraph *g);
/* links.csv: only for a graph with links (g->n_links). */
void export_csv_links(FILE *f, const struct xgraph *g);

#endif
