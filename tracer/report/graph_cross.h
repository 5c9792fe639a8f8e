/*
 * graph_cross.h - the flow graph of a cross-chain trace
 * (docs/crosschain.md): the graph of every run (export_graph.h), one
 * after the other, and each link followed as a distinct edge between the
 * address that received the taint at its source output and the address
 * its destination output pays (struct xg_link: the kind, confidence,
 * evidence, the amounts and assets of both sides).
 *
 * Run 0 (the case's chain) is drawn in o's asset with o's options; every
 * other run in the asset its links arrive in, with o's clustering and
 * --max-nodes but no minimum (o->min is in the case chain's units).
 * Node ids stay CHAIN:NETWORK:ADDRESS, so equal addresses on two chains
 * stay apart; a run on a chain and network an earlier run drew (BTC ->
 * ETH -> BTC: two traces that do not see each other's taint) gets the
 * suffix "@run:K" (K its index in the runs) on each of its ids.
 *
 * Ownership: as export_graph_build; the graph borrows from x (its links,
 * whose stated ones borrow from the case) and the runs' results, which
 * must outlive it.
 */
#ifndef TRC_GRAPH_CROSS_H
#define TRC_GRAPH_CROSS_H

#include "base/err.h"
#include "tracer/case/case_xlink.h"
#include "tracer/report/export_graph.h"

/*
 * Out: *out (new, export_graph_free; NULL on failure): the graph of x's
 * runs (x->runs[0].r is the case's result) and links, the "other" nodes
 * named after scope (export_graph_scope; NULL: not). x with no runs is
 * TRC_ERR_INVALID.
 */
enum trc_err export_graph_cross(const struct case_cross *x,
				const struct xg_opts *o, const char *scope,
				struct xgraph **out,
				struct trc_error *err) TRC_WARN_UNUSED;

/* The output txid:n of res (a display txid, compared as the chains
 * write it: case and a "0x" prefix aside): its index in res->outputs,
 * or SIZE_MAX. */
size_t export_cross_output(const struct trace_result *res, const char *txid,
			   uint32_t n);

#endif
