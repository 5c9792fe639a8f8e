/*
 * case_xlink.h - the links of a case against the database, and the trace
 * that continues across them (docs/crosschain.md).
 *
 * A case's trace runs on its chain with every link whose source is on
 * that chain as a conversion out (trace_opts.convert_outs). Each link
 * whose source output received taint is followed: its destination
 * output becomes a seed carrying xlink_convert of that taint, and the
 * destination chain is traced with those seeds (the same policy and
 * limits; --min only on the case's chain), and so on, level by level:
 * one run per chain and level, each link followed once, at most
 * CASE_XLINK_DEPTH links in a row. A link reached again, or past the
 * depth, is not a conversion: what reaches it is what it would be
 * without the link (an exit at a tagged bridge).
 *
 * No output, no network: the database only.
 * Ownership: struct case_cross owns its runs (but run 0's result, which
 * the caller keeps), its arrays and strings; _init then _release. The
 * case is borrowed only while it is prepared and followed: a case may be
 * moved after that (the renderers are given it again).
 */
#ifndef TRC_CASE_XLINK_H
#define TRC_CASE_XLINK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/chain.h"
#include "graph/trace.h"
#include "graph/xlink.h"
#include "store/store.h"
#include "tracer/case/case.h"
#include "tracer/case/case_derive.h"

#define CASE_XLINK_DEPTH 8 /* links followed in a row, at most */

/*
 * Reads side e of a link from the database: Out: e->amount (the output's
 * or leg's value) and e->asset (replaced by a new copy of the database's
 * asset name). field names the side in messages ("--from"). Returns
 * TRC_ERR_INVALID for an unknown chain or a txid the chain cannot read,
 * TRC_ERR_NOTFOUND for a transaction not in the database or past its
 * outputs, TRC_ERR_DB.
 */
enum trc_err case_link_end_read(struct store *s, struct xlink_end *e,
				const char *field,
				struct trc_error *err) TRC_WARN_UNUSED;

/* One trace of the cross-chain trace. */
struct case_xrun {
	const struct chain_ops *chain;
	char *network;
	unsigned depth;		/* links crossed to get here; 0: the case's */
	struct trace_result *r; /* run 0's is the caller's (borrowed) */
};

/* A link the trace followed. */
struct case_xfollow {
	size_t link; /* index into case_cross.links */
	size_t from_run, to_run;
	trc_amount taint;     /* arrived at the source output */
	trc_amount converted; /* carried to the destination (the rule) */
	trc_amount remainder; /* (taint * V_b) mod V_a: rem / V_a of a
			       * base unit left clean at the destination */
	const char *from_asset, *to_asset; /* borrowed from the runs */
};

/* The identity of one asset over every run:
 * seed + converted_in = exits + held + fees + destroyed + unresolved
 *                       + converted_out */
struct case_xasset {
	const char *chain; /* the chain's name (static) */
	char *asset;
	int decimals;
	trc_amount seed, converted_in, exits, held, fees, destroyed;
	trc_amount unresolved, converted_out;
	bool conserving, balanced;
};

struct case_cross {
	/* the case: borrowed by case_cross_prepare until case_cross_follow
	 * returns (NULL after it); the renderers take it again */
	const struct trc_case *k;
	/* every link: first the case's n_stated (their strings borrowed
	 * from the case), then those found in the database while the trace
	 * ran (case_derive.h; owned) */
	size_t n_links, n_stated;
	struct xlink *links;
	/* the derivers asked, NULL-terminated; case_cross_init sets
	 * case_derivers (a test may set its own before preparing) */
	const case_deriver *derivers;
	size_t n_runs;
	struct case_xrun *runs;
	size_t n_follow;
	struct case_xfollow *follow;
	size_t n_assets;
	struct case_xasset *assets;
	/* private */
	struct case_xres *res; /* per link: parsed ends */
	size_t cap_links;
	struct trace_outpoint *conv0;
	size_t n_conv0;
	bool *visited;
};

void case_cross_init(struct case_cross *x);
void case_cross_release(struct case_cross *x);

/* How link i is named to users: "links[I]" for a case's own (its index
 * in the case file), "found[J]" for the J-th found in the database. */
void case_cross_link_name(const struct case_cross *x, size_t i, char *buf,
			  size_t size);

/*
 * Checks the links of k (loaded from path; k may be NULL for a trace
 * without a case: links are then only found) against the database and
 * sets o0->convert_outs (an array x owns) to the sources on chain0, the
 * chain of the case's trace o0. With no links, nothing is set.
 * Returns TRC_ERR_INVALID naming the link and field ("case 'PATH':
 * links[0].to.amount: the database has 150000000 at TXID:1, the link says
 * 15000000"), TRC_ERR_NOTFOUND for a missing transaction, TRC_ERR_DB.
 */
enum trc_err case_cross_prepare(struct case_cross *x, struct store *s,
				const struct trc_case *k, const char *path,
				struct trace_opts *o0,
				const struct chain_ops *chain0,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * After the case's trace *r0 (run with o0 as prepared): finds links in
 * the database at the exits of every run (case_derive.h), follows the
 * links, runs the other traces, sums every asset. A run whose exits
 * gave new links is run again with their sources as conversions: for
 * run 0 the caller's result is then replaced (the old one freed, *r0
 * and o0->convert_outs updated). *r0 is borrowed and must stay until
 * case_cross_release. With no link stated or found, x stays empty
 * (n_runs 0).
 */
enum trc_err case_cross_follow(struct case_cross *x, struct store *s,
			       struct trace_opts *o0,
			       const struct chain_ops *chain0,
			       struct trace_result **r0,
			       struct trc_error *err) TRC_WARN_UNUSED;

#endif
