/*
 * trace.h - follow funds forward from seeds through the stored
 * transactions with an exact taint policy, stopping at exits (addresses
 * tagged with a service category) and at limits. docs/taint.md defines
 * every policy, stop and the accounting identity in words.
 *
 * Conventions of this module:
 *  - trace_run reads the store only (store/chaindb.h, store/tags.h) and
 *    never touches the network: the same database and options always
 *    give the same result, in the same order. It reads only what the
 *    seeds reach, through the history and spent-by indexes, in chain
 *    order: the result is that of a scan of the whole chain.
 *  - The assets of a result are the native one (index 0) and those the
 *    seeds' taint moved in, by name.
 *  - Amounts are exact trc_amount in base units. For every policy but
 *    poison, per asset:
 *        seed_total = exits_total + held + fees + destroyed + unresolved
 *                     + converted
 *    holds exactly (converted: taint that reached a convert_outs output)
 * (destroyed: burnt by the token's issuer, LEG_BURN; `frozen` is the part of
 * `held` at addresses the issuer froze); trace_run checks it and sets
 * `balanced` (false would be a bug, shown, never rounded away).
 *  - Ownership: trace_run returns ONE result object; every array and
 *    string reachable from it belongs to it and is freed by the one call
 *    trace_result_free. Pointers inside it (an exit's address, a node's
 *    entity) stay valid until then; several fields alias the same string
 *    (an exit's `address` is its node's `address`): never free them.
 *  - Transaction ids in the result are display strings (64 hex digits,
 *    "0x" first on account chains),
 *    formatted with trace_opts.txid_format.
 *  - Node, asset and exit indices are uint32_t positions in the result's
 *    arrays; TRACE_NONE means "none".
 */
#ifndef TRC_TRACE_H
#define TRC_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "store/store.h"
#include "store/tags.h"

#define TRACE_NONE UINT32_MAX
#define TRACE_TIME_NONE INT64_MIN
/* A displayed txid and its NUL: "0x" and 64 hex digits at most (the
 * size of chains/chain.h's CHAIN_TXID_STR_MAX). */
#define TRACE_TXID_STR 67

enum trace_policy {
	TRACE_POISON = 0,
	TRACE_HAIRCUT = 1,
	TRACE_FIFO = 2,
	TRACE_LIFO = 3,
	TRACE_TIHO = 4,
};
#define TRACE_POLICY_COUNT 5

/* "poison", "haircut", ...; NULL for an unknown value. */
const char *trace_policy_name(enum trace_policy p);
/* Out: *p. Case-insensitive ("FIFO"). Returns false for an unknown
 * name. */
bool trace_policy_from_name(const char *name, enum trace_policy *p);

/* Why taint was not followed further. Values are stable. */
enum trace_reason {
	TRACE_UNRES_HOPS = 0,	     /* at the hop limit and spent later */
	TRACE_UNRES_HUB = 1,	     /* reached an untagged hub address */
	TRACE_UNRES_MIN = 2,	     /* below --min and spent later */
	TRACE_UNRES_UNTIL = 3,	     /* spent after --until */
	TRACE_UNRES_MISSING = 4,     /* the spending tx, or value of an input,
				      * is not in the database */
	TRACE_UNRES_UNSPENDABLE = 5, /* an output without an address
				      * (OP_RETURN carrying value) */
	TRACE_UNRES_PEGGED = 6,	     /* into a ledger the records do not show
				      * (OUT_PEG_IN: Litecoin's MWEB) */
};
#define TRACE_REASON_COUNT 7
/* "hops", "hub", "min", "until", "missing", "unspendable", "pegged". */
const char *trace_reason_name(enum trace_reason r);

/* A seed output: TXID:N. UTXO chains: output N; account chains: leg N.
 * amount: the tainted part of the output as a seed (the converted share
 * a cross-chain link brings in); zero: the whole output. An amount above
 * the output's value is refused (TRC_ERR_INVALID). An outpoint listed
 * twice is one seed: amounts add up (zero, the whole, wins). */
struct trace_outpoint {
	uint8_t txid[32]; /* stored byte order (chain_ops.txid_parse) */
	uint32_t n;
	trc_amount amount;
};

/* How far a running trace is, as trace_opts.on_progress hears of it. */
struct trace_progress {
	uint64_t txs_scanned; /* transactions applied so far */
	uint64_t txs_visited; /* ... of which moved taint */
	uint64_t addresses;   /* addresses that carried taint */
	uint64_t queued;      /* transactions waiting in the queue */
};

struct trace_opts {
	uint8_t chain;		  /* enum trc_chain */
	const char *network;	  /* echoed in the result; may be NULL */
	const char *native_asset; /* "BTC", "ETH" (chain_ops.asset) */
	unsigned native_decimals; /* 8, 18 */
	/* Formats a stored txid for display (chain_ops.txid_format); NULL:
	 * plain hex of the stored bytes. */
	void (*txid_format)(const uint8_t txid[32], char out[TRACE_TXID_STR]);

	enum trace_policy policy; /* default TRACE_HAIRCUT; on account
				   * pools tiho behaves as haircut */
	/* Seed addresses, canonical form (chain_ops.address_normalize):
	 * everything they receive at or after `since` is illicit. */
	const char *const *seed_addrs;
	size_t n_seed_addrs;
	const struct trace_outpoint *seed_outs;
	size_t n_seed_outs;
	/* Outputs (legs) where taint leaves the chain by a conversion (the
	 * source side of a cross-chain link): taint arriving there is
	 * `converted` (trace_converted), neither an exit nor followed
	 * further. Their amount is not used. A seed output is never one. */
	const struct trace_outpoint *convert_outs;
	size_t n_convert_outs;

	unsigned hops;		/* default 10; >= 1 */
	trc_amount min;		/* default 0: taint below it is not followed */
	int64_t since, until;	/* TRACE_TIME_NONE: unbounded */
	unsigned hub_txs;	/* default 1000; 0: no hub limit */
	uint32_t stop_mask;	/* bit (1u << enum tag_category); default:
				 * every tag_category_is_service category */
	bool cluster;		/* default true: inferred tags from clustering
				 * and deposit inference */
	int64_t deposit_window; /* seconds, default 86400 */
	unsigned deposit_share_pct; /* default 90 */
	unsigned max_paths;	    /* paths for the largest exits, def. 10 */
	/* Told of the progress now and then: at the first transaction and
	 * every 64th after it (NULL: nobody; the default). It must not call
	 * into the trace; ctx is progress_ctx. */
	void (*on_progress)(void *ctx, const struct trace_progress *p);
	void *progress_ctx;
};

/* Fills the defaults above (no seeds, chain CHAIN_NONE). */
void trace_opts_init(struct trace_opts *o);

struct trace_asset {
	char *asset;  /* "BTC", "ETH" or the token contract address */
	int decimals; /* -1 when unknown (tokens) */
	trc_amount seed_total;
	trc_amount exits_total;
	trc_amount held;
	trc_amount fees;
	trc_amount destroyed;  /* burnt by the token's issuer (LEG_BURN) */
	trc_amount frozen;     /* part of held: at frozen addresses */
	trc_amount converted;  /* left by a conversion (convert_outs) */
	trc_amount unresolved; /* sum of unresolved_by */
	trc_amount unresolved_by[TRACE_REASON_COUNT];
	bool conserving; /* false for poison: the identity does not apply */
	bool balanced;	 /* the identity holds (always false for poison) */
};

enum trace_role {
	TRACE_ROLE_SEED = 1,
	TRACE_ROLE_EXIT = 2,
	TRACE_ROLE_HELD = 3,
	TRACE_ROLE_HUB = 4,
	TRACE_ROLE_INTERMEDIATE = 5,
};
/* "seed", "exit", "held", "hub", "intermediate". */
const char *trace_role_name(enum trace_role r);

/* Every address that carried taint, in order of first taint. */
struct trace_node {
	char *address;
	uint8_t role;	  /* enum trace_role; seed wins over the others,
			   * then exit, hub, held, intermediate */
	char *entity;	  /* NULL when untagged */
	uint8_t category; /* enum tag_category; TAG_NONE when untagged */
	bool inferred;	  /* the tag comes from clustering or deposit
			   * inference, not from the tag store */
	char *evidence;	  /* inferred: space-separated txids; else NULL */
	uint32_t cluster; /* multi-input cluster id, 0: none / off */
	/* Every stored tag of the address, the deciding one first (tags_get's
	 * order): several of them may conflict (tracer/report/warnings.h).
	 * Empty when untagged or inferred. */
	struct tag_list tags;
};

struct trace_exit {
	uint32_t asset;	     /* index into assets */
	uint32_t node;	     /* index into nodes */
	const char *address; /* = nodes[node].address */
	const char *entity;  /* = nodes[node].entity */
	uint8_t category;
	bool inferred;
	const char *evidence; /* = nodes[node].evidence (NULL if not) */
	trc_amount amount;    /* tainted amount received */
	unsigned hops;	      /* fewest hops from a seed */
	int64_t first_time, last_time;
	size_t n_txids; /* the receiving txs, chain order */
	char (*txids)[TRACE_TXID_STR];
};

struct trace_held {
	uint32_t asset;
	uint32_t node;
	const char *address; /* "" for taint at no address (unspendable) */
	trc_amount amount;
	bool frozen; /* the asset's issuer froze the address (its last
		      * LEG_FREEZE / LEG_UNFREEZE the trace saw) */
};

/* Taint that the token's issuer destroyed at an address (LEG_BURN). */
struct trace_destroyed {
	uint32_t asset;
	uint32_t node;
	const char *address;	   /* = nodes[node].address */
	char txid[TRACE_TXID_STR]; /* the burning tx */
	trc_amount amount;
};

struct trace_unresolved {
	uint32_t asset;
	uint8_t reason;		   /* enum trace_reason */
	uint32_t node;		   /* the address holding it; TRACE_NONE */
	const char *address;	   /* nodes[node].address or "" */
	char txid[TRACE_TXID_STR]; /* where it stopped (the spending tx, or
				    * the tx that created it); "" if none */
	trc_amount amount;
};

/* Taint that reached an output of trace_opts.convert_outs. */
struct trace_converted {
	uint32_t asset;
	uint32_t node;		   /* the receiving address; TRACE_NONE */
	const char *address;	   /* nodes[node].address or "" */
	char txid[TRACE_TXID_STR]; /* the output's tx */
	uint32_t n;		   /* its output (leg) index */
	trc_amount value;	   /* the output's whole value */
	trc_amount amount;	   /* the taint it received, > 0 */
	unsigned hop;
};

/* A flow of taint inside one tx from a sending address to a receiving
 * one. UTXO: each tainted output is split over the tx's tainted input
 * addresses in proportion to their taint (largest remainder). */
struct trace_edge {
	uint32_t from, to; /* node indices; to = TRACE_NONE for a fee */
	uint32_t asset;
	trc_amount amount;
	char txid[TRACE_TXID_STR];
	int64_t time;
	unsigned hop;
};

/* Every output (UTXO) or leg (accounts) that received taint, chain order:
 * the per-output view the policies compute. */
struct trace_output {
	char txid[TRACE_TXID_STR];
	uint32_t n;    /* output index, or leg index on account chains */
	uint32_t node; /* receiving address; TRACE_NONE: no address */
	uint32_t asset;
	trc_amount value; /* the output's (leg's) whole value */
	trc_amount taint; /* 0 < taint <= value */
	unsigned hop;	  /* 0 for a seed */
	int64_t time;
};

struct trace_step {
	char txid[TRACE_TXID_STR];
	int64_t time;
	const char *to;	   /* the receiving address (a node's string) */
	trc_amount amount; /* taint carried to `to` by this tx */
};

/* From a seed to an exit: each step follows the largest contribution. */
struct trace_path {
	uint32_t exit; /* index into exits */
	size_t n_steps;
	struct trace_step *steps; /* seed side first */
};

struct trace_counters {
	uint64_t txs_scanned;	 /* transactions the trace applied: those
				  * its seeds reach (index-driven) */
	uint64_t txs_visited;	 /* transactions that moved taint */
	uint64_t addresses;	 /* = n_nodes */
	uint64_t inputs_missing; /* inputs whose previous tx is absent
				  * (counted clean) */
	uint64_t pool_overdrawn; /* legs larger than the known balance of
				  * a pool the trace kept (the excess
				  * counted clean) */
	uint64_t coinjoins;	 /* CoinJoin-shaped txs left out of
				  * clustering */
};

struct trace_result {
	uint8_t chain;
	char *network; /* NULL when not given */
	enum trace_policy policy;
	size_t n_seeds;
	char **seeds; /* as given: addresses, then "txid:n" */
	unsigned hops;
	trc_amount min;
	unsigned hub_txs;
	int64_t since, until;

	size_t n_assets; /* asset 0 is the native one */
	struct trace_asset *assets;
	size_t n_exits; /* by amount descending, then address */
	struct trace_exit *exits;
	size_t n_held; /* by amount descending, then address */
	struct trace_held *held;
	size_t n_destroyed; /* chain order */
	struct trace_destroyed *destroyed;
	size_t n_unresolved; /* by reason, amount descending, address */
	struct trace_unresolved *unresolved;
	size_t n_converted; /* chain order */
	struct trace_converted *converted;
	size_t n_nodes;
	struct trace_node *nodes;
	size_t n_edges; /* chain order */
	struct trace_edge *edges;
	size_t n_outputs; /* chain order */
	struct trace_output *outputs;
	size_t n_paths; /* for the largest exits, in exit order */
	struct trace_path *paths;
	struct trace_counters counters;
};

/*
 * Runs a trace. s is borrowed (read only). At least one seed is needed.
 * Out: *out, new, free with trace_result_free; NULL on failure.
 * Returns TRC_ERR_INVALID for bad options, TRC_ERR_NOTFOUND when a seed
 * outpoint is not in the database (TRC_ERR_INVALID past its outputs or
 * legs), TRC_ERR_OVERFLOW when a sum passes 2^256 (a hostile token; the
 * message names the transaction), TRC_ERR_DB / TRC_ERR_CORRUPT from the
 * store. A failed identity is not an error: the asset's `balanced` is
 * false and the sums are reported as computed (never adjusted).
 */
enum trc_err trace_run(struct store *s, const struct trace_opts *o,
		       struct trace_result **out,
		       struct trc_error *err) TRC_WARN_UNUSED;

/* Frees r and everything in it; NULL is allowed. */
void trace_result_free(struct trace_result *r);

#endif
