/*
 * case_trace.h - the one rule that turns a case and the trace options of
 * a command line into the options of a trace (graph/trace.h), for `trace`,
 * `report` and `export` alike: options given override the case, seeds
 * given replace the case's, the network is the one given, else the
 * case's, else the one the database records, else the chain's default.
 *
 * Pure: no database, no output. The caller reads the database's network
 * for the chain (case_trace_chain tells which chain) and passes it in.
 *
 * Ownership: struct case_overrides and struct case_trace own every string
 * and array they hold; _init then _release (always safe after init).
 */
#ifndef TRC_CASE_TRACE_H
#define TRC_CASE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/chain.h"
#include "graph/trace.h"
#include "tracer/case/case.h"

/* What a command line sets on top of a case; has_* false: not given. */
struct case_overrides {
	char *chain;	   /* NULL: the case's */
	char *network;	   /* NULL: the case's, else the database's */
	char **seed_addrs; /* as given; with seed_outs, replace the case's */
	size_t n_seed_addrs;
	char **seed_outs; /* "TXID:N" as given */
	size_t n_seed_outs;
	bool has_policy, has_hops, has_min, has_since, has_until, has_hub;
	bool has_stop, has_window, has_share, no_cluster;
	enum trace_policy policy;
	unsigned hops;
	char *min_text; /* --min as given: base units or "1.5btc" */
	int64_t since, until;
	unsigned hub_txs;
	uint32_t stop_mask; /* bit (1u << enum tag_category) */
	int64_t deposit_window;
	unsigned deposit_share_pct;
};

void case_overrides_init(struct case_overrides *ov);
void case_overrides_release(struct case_overrides *ov);

/* A trace ready to run, and the strings its options point into. */
struct case_trace {
	struct trace_opts o; /* points into the fields below */
	const struct chain_ops *chain;
	char *network;
	char **addrs; /* canonical seed addresses */
	size_t n_addrs;
	struct trace_outpoint *outs;
	size_t n_outs;
};

void case_trace_init(struct case_trace *t);
void case_trace_release(struct case_trace *t);

/*
 * The chain the trace runs on: ov's, else k's (k may be NULL).
 * Returns NULL with TRC_ERR_INVALID in err ("--chain is required",
 * "unknown chain 'x' (btc, eth)").
 */
const struct chain_ops *case_trace_chain(const struct trc_case *k,
					 const struct case_overrides *ov,
					 struct trc_error *err);

/* Where the network of a trace comes from (case_trace_network). */
enum case_net_source {
	CASE_NET_GIVEN,	  /* ov->network */
	CASE_NET_CASE,	  /* the case's "network" */
	CASE_NET_DB,	  /* the one the database records */
	CASE_NET_DEFAULT, /* the chain's default */
};

/*
 * The network the trace reads its seeds for, by the rule above (ov's,
 * else k's, else db_network, else chain's default); borrowed from the
 * arguments. Out: *from (may be NULL) says which. Checks nothing.
 */
const char *case_trace_network(const struct chain_ops *chain,
			       const struct trc_case *k,
			       const struct case_overrides *ov,
			       const char *db_network,
			       enum case_net_source *from);

/*
 * Fills *out (initialised, empty) from the case k (NULL: none; loaded
 * and valid) and the overrides ov; db_network is the network the database
 * records for the chain (NULL: none). Out: *out, complete on success,
 * released on failure.
 * Returns TRC_ERR_INVALID for options that cannot be traced (no chain, no
 * seed, until before since, a network the database does not hold, an
 * unknown network, an unknown policy or category in the case),
 * TRC_ERR_PARSE for a seed the chain's codec refuses, TRC_ERR_NOMEM.
 * The message names the option or field.
 */
enum trc_err case_trace_resolve(struct case_trace *out,
				const struct trc_case *k,
				const struct case_overrides *ov,
				const char *db_network,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
