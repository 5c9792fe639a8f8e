/*
 * export_graph.h - the flow graph of one asset of a trace result, ready to
 * draw or export: nodes are addresses (or multi-input clusters), edges are
 * the tainted flows between them summed per (from, to), optionally pruned
 * into one aggregated "other" node. The DOT, GraphML and CSV writers and
 * the HTML report draw this; none of them traverses the store again.
 *
 * Order is deterministic: nodes in the order the trace first tainted them
 * (the "other" node last), edges in the order of their first transaction.
 *
 * Node ids are the same in every case traced from one database, so the
 * exports of several cases merge (docs/reports.md, "Exports"):
 *   CHAIN:NETWORK:ADDRESS            an address ("btc:main:1A1z...")
 *   CHAIN:NETWORK:cluster:N          a multi-input cluster (--cluster; N
 *                                    is the database's cluster id)
 *   CHAIN:NETWORK:other[:SCOPE]      the folded node of one case (SCOPE:
 *                                    export_graph_scope, the case's name)
 *
 * A frontier node is where the trail continues: taint stopped there by the
 * hop limit, the minimum or --until (not by an exit or a hub), so the
 * investigator follows it from there. It keeps role seed or exit when it
 * has that role; otherwise its role is frontier.
 *
 * Ownership: export_graph_build returns a new graph (free with
 * export_graph_free). Strings marked borrowed point into the trace result,
 * which must outlive the graph.
 */
#ifndef TRC_EXPORT_GRAPH_H
#define TRC_EXPORT_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "graph/trace.h"

#define XG_ROLE_OTHER 100    /* the aggregate of pruned nodes */
#define XG_ROLE_FRONTIER 101 /* taint stopped here by hops, min, until */
#define XG_ROLE_CHAIN 102    /* addresses in a row (export_graph_condense) */

struct xg_node {
	char *id;	    /* owned: "btc:main:ADDR", see above */
	char *name;	    /* owned: address, "cluster 3", "other" */
	uint8_t role;	    /* enum trace_role or XG_ROLE_* */
	const char *entity; /* borrowed; NULL when untagged */
	uint8_t category;   /* enum tag_category */
	bool inferred;
	uint32_t cluster;   /* 0: none (a single address) */
	uint32_t members;   /* addresses in this node */
	trc_amount in, out; /* taint received and sent along edges */
	trc_amount exit_amount, held_amount;
	trc_amount frontier_amount; /* unresolved by hops, min or until */
	uint8_t frontier_reasons;   /* bit (1u << enum trace_reason) */
	/* the node's amounts are in this asset (borrowed; the graph's, but
	 * in a cross-chain graph the run's: export_graph_cross) */
	const char *asset;
	unsigned decimals;
	uint32_t run; /* the cross-chain run it belongs to; 0: the case's */
	trc_amount converted_amount; /* taint that left by a cross-chain
				      * link here (trace_converted); never
				      * folded, as exits */
};

struct xg_edge {
	uint32_t from, to; /* node indices */
	trc_amount amount; /* taint carried, summed over txs */
	uint32_t n_txs;
	int64_t first_time, last_time;
	unsigned hop;	   /* the smallest hop */
	char *txids;	   /* owned: txids separated by ';', chain order */
	const char *asset; /* borrowed: the asset of amount (as the nodes') */
	unsigned decimals;
};

/*
 * A cross-chain link followed (docs/crosschain.md) drawn between the
 * address that received the taint at its source output and the one its
 * destination output pays: taint at the source, converted at the
 * destination, each side in its own asset. Strings are borrowed from the
 * case and the runs.
 */
struct xg_link {
	uint32_t from, to;  /* node indices */
	size_t link;	    /* index into case_cross.links */
	char name[32];	    /* "links[0]", "found[0]" (case_cross_link_name) */
	uint8_t kind;	    /* enum xlink_kind */
	uint8_t confidence; /* enum xlink_confidence */
	const char *evidence; /* NULL: none */
	const char *from_chain, *to_chain;
	const char *from_txid, *to_txid; /* as the link writes them */
	uint32_t from_n, to_n;
	const char *from_asset, *to_asset;
	unsigned from_decimals, to_decimals;
	trc_amount taint, converted;	 /* taint at the source, carried over */
	trc_amount from_value, to_value; /* the outputs' whole values */
	int64_t from_time, to_time;	 /* of the two outputs' transactions */
};

/* One run of a cross-chain trace in a graph (export_graph_cross): the
 * nodes whose run is its index. */
struct xg_run {
	const char *chain, *network; /* borrowed */
	unsigned depth;		     /* links crossed to get here */
	const char *asset;	     /* the asset drawn */
	unsigned decimals;
};

struct xg_opts {
	uint32_t asset;	  /* index into the result's assets */
	bool cluster;	  /* one node per multi-input cluster */
	trc_amount min;	  /* nodes moving less are pruned (0: none) */
	size_t max_nodes; /* at most this many nodes (0: no limit), but
			   * never folds seeds, exits, held, frontier or
			   * converted nodes (a cross-chain link's source):
			   * the graph has more when they are more */
};

struct xgraph {
	const char *asset; /* borrowed: "BTC", ... */
	unsigned decimals;
	size_t n_nodes;
	struct xg_node *nodes;
	size_t n_edges;
	struct xg_edge *edges;
	uint32_t pruned; /* result nodes folded into "other" */
	/* a cross-chain graph (export_graph_cross): the runs drawn, and the
	 * links between them; n_runs 1 and no links otherwise */
	size_t n_runs;
	struct xg_run *runs;
	size_t n_links;
	struct xg_link *links;
};

/*
 * Builds the graph of res for o (NULL: asset 0, no clustering, no
 * pruning). max_nodes, when set, must be at least 2 (one is "other").
 * Seeds are never pruned. Out: *out (new); NULL on failure.
 */
enum trc_err export_graph_build(const struct trace_result *res,
				const struct xg_opts *o, struct xgraph **out,
				struct trc_error *err) TRC_WARN_UNUSED;
void export_graph_free(struct xgraph *g);

/* Names the "other" node's id after scope (the case's name), so that the
 * folded nodes of several cases stay apart; no-op without "other". */
enum trc_err export_graph_scope(struct xgraph *g, const char *scope,
				struct trc_error *err) TRC_WARN_UNUSED;

/* Looks up an asset by name (case-insensitive). Out: *index. */
bool export_graph_find_asset(const struct trace_result *res, const char *name,
			     uint32_t *index);

/*
 * For drawing (the HTML report; exports never condense): replaces every
 * run of at least min_run (2 or more) intermediate nodes in a row --
 * one edge in, one edge out, no entity, nothing exited, held or left at
 * the frontier there -- by one node of role XG_ROLE_CHAIN: its name is
 * "N addresses in a row", its id "FIRST-ID ... LAST-ADDRESS", members
 * the sum; the edge into the run and the edge out of it stay, the edges
 * inside are dropped. Node and edge order otherwise kept. On failure g is
 * unchanged or still valid (freeable).
 */
enum trc_err export_graph_condense(struct xgraph *g, size_t min_run,
				   struct trc_error *err) TRC_WARN_UNUSED;

/* "seed", "exit", "held", "hub", "intermediate", "other", "frontier",
 * "chain". */
const char *export_role_name(uint8_t role);

/* The reasons of a frontier node, "hops;min" (";" between), into buf;
 * "" when none. */
char *export_frontier_reasons(char *buf, size_t size, uint8_t reasons);

/* Writes a formatted amount of asset "1.5 BTC" (trimmed) into buf. */
char *export_amount(char *buf, size_t size, trc_amount a, const char *asset,
		    unsigned decimals);

#endif
