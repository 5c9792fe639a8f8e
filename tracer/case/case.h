/*
 * case.h - case files: one incident as a JSON document (docs/cases.md).
 *
 *   {"name": "...", "chain": "btc", "network": "main",
 *    "seeds": ["<address>", "<txid>:<n>"],
 *    "incident_time": "2017-05-12T00:00:00Z",
 *    "reported_loss": {"amount": "<base units>", "source": "<url>"},
 *    "policy": "haircut",
 *    "limits": {"hops": 10, "min": "0", "since": "...", "until": "...",
 *               "hub_txs": 1000, "stop_at": ["exchange", ...]},
 *    "notes": "...",
 *    "edge_notes": [{"from": "<node>", "to": "<node>", "text": "..."}],
 *    "node_notes": [{"node": "<node>", "text": "..."}],
 *    "links": [{"from": {"chain": "btc", "txid": "...", "n": 0,
 *                        "amount": "<base units>", "asset": "BTC"},
 *               "to": {...}, "kind": "stated", "evidence": "...",
 *               "confidence": "medium"}]}
 *
 * Only name, chain and seeds are required. case_load validates every field
 * and names the field in its error ("case 'f.json': field 'seeds[2]': ...");
 * unknown fields are errors (keys starting with '_' are comments), seeds are
 * checked with the chain's codec when it is in the build, and a seed listed
 * twice is an error. Times are UTC strings or seconds since 1970; amounts
 * are decimal strings of base units.
 * Ownership: struct trc_case owns every string; case_release frees them.
 */
#ifndef TRC_CASE_H
#define TRC_CASE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/chain.h"
#include "graph/xlink.h"

#define CASE_TIME_NONE INT64_MIN

/* The limits of a case file, of `case init` and of the trace options
 * alike: hops from 1, hub_txs from 0 (no hub limit). */
#define CASE_HOPS_MAX 10000
#define CASE_HUB_MAX 1000000000

/* A note on an edge of the flow graph: from and to name its nodes as
 * the graph does (an address, a cluster, "other"). */
struct case_edge_note {
	char *from, *to, *text;
};

/* A note on a node of the flow graph, named as the graph does. */
struct case_node_note {
	char *node, *text;
};

/* notes on edges of one case, and notes on nodes */
#define CASE_NOTES_MAX 10000
#define CASE_LINKS_MAX 10000 /* cross-chain links of one case */

struct trc_case {
	char *name;
	char *chain;   /* "btc", "eth" */
	char *network; /* NULL: the chain's default */
	char **seeds;  /* as written: addresses or "txid:n" */
	size_t n_seeds;
	int64_t incident_time; /* CASE_TIME_NONE when absent */
	bool has_loss;
	trc_amount loss_amount; /* base units */
	char *loss_source;	/* NULL when absent */
	char *policy;		/* NULL: the default (haircut) */
	/* limits; has_* false when the case leaves them to the defaults */
	bool has_hops, has_min, has_hub_txs;
	unsigned hops;
	trc_amount min;
	unsigned hub_txs;
	int64_t since, until; /* CASE_TIME_NONE when absent */
	char **stop_at;	      /* category names; NULL when absent, */
	/* non-NULL with n_stop_at 0: none (no exits) */
	size_t n_stop_at;
	char *notes;
	struct case_edge_note *edge_notes; /* in the order added */
	size_t n_edge_notes;
	struct case_node_note *node_notes; /* in the order added */
	size_t n_node_notes;
	/* Cross-chain links the investigator states (docs/crosschain.md):
	 * checked on load for their shape (known chains, txids the chain's
	 * codec reads, a source output used by one link only), against the
	 * database by case_links_check (tracer/case/case_xlink.h). */
	struct xlink *links;
	size_t n_links;
};

#define CASE_INIT                                                              \
	{                                                                      \
		.incident_time = CASE_TIME_NONE, .since = CASE_TIME_NONE,      \
		.until = CASE_TIME_NONE                                        \
	}

void case_init(struct trc_case *c);
void case_release(struct trc_case *c);

/* Reads and validates path. *c must be initialised; filled on success,
 * left empty on failure. */
enum trc_err case_load(struct trc_case *c, const char *path,
		       struct trc_error *err) TRC_WARN_UNUSED;
/* Writes c as JSON to path (atomically: a temporary file then rename),
 * after validating it as case_load validates a file: an invalid case is
 * never written. */
enum trc_err case_save(const struct trc_case *c, const char *path,
		       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Appends a note on the edge from -> to (copies; each 1 to 4096 bytes,
 * as case_load checks them). Returns TRC_ERR_INVALID naming what is
 * wrong (nothing appended), TRC_ERR_NOMEM.
 */
enum trc_err case_add_edge_note(struct trc_case *c, const char *from,
				const char *to, const char *text,
				struct trc_error *err) TRC_WARN_UNUSED;

/* Appends a note on the node (copies; as case_add_edge_note). */
enum trc_err case_add_node_note(struct trc_case *c, const char *node,
				const char *text,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Appends link l to c, taking its strings (l is left XLINK_INIT). Checks
 * it as case_load checks a file's links (TRC_ERR_INVALID naming the
 * field; nothing appended then, l untouched), TRC_ERR_NOMEM.
 */
enum trc_err case_add_link(struct trc_case *c, struct xlink *l,
			   struct trc_error *err) TRC_WARN_UNUSED;

/* The edge notes of c as the case file writes them: a new array of
 * {"from", "to", "text"} (NULL when out of memory). */
json_t *case_edge_notes_json(const struct trc_case *c);
/* Its node notes: a new array of {"node", "text"} (NULL: no memory). */
json_t *case_node_notes_json(const struct trc_case *c);

/*
 * One seed resolved with the chain's codec: an address in canonical form,
 * or an output "txid:n" (txid in the stored byte order of store/record.h).
 */
struct case_seed {
	bool is_outpoint;
	char address[CHAIN_ADDR_MAX]; /* when !is_outpoint */
	uint8_t txid[32];	      /* when is_outpoint */
	uint32_t n;
};

/*
 * True when seed is written as an output, "<txid>:<n>": a ':' followed by
 * digits only. Addresses may hold a ':' too (Bitcoin Cash's CashAddr
 * "bitcoincash:q...", the script pseudo-addresses "multisig:..."), never
 * followed by digits alone.
 */
bool case_seed_is_outpoint(const char *seed);

/*
 * Parses one seed as written in a case ("<address>" or "<txid>:<n>") for
 * chain and network (NULL: the chain's default). Out: *out, zeroed first.
 * Returns TRC_ERR_PARSE naming the seed, TRC_ERR_UNSUPPORTED when the
 * chain's codec is not in this build.
 */
enum trc_err case_seed_parse(const char *chain, const char *network,
			     const char *seed, struct case_seed *out,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* Parses "2017-05-12T00:00:00Z" or "2017-05-12" (UTC) or a number of
 * seconds since 1970. Out: *t. */
enum trc_err case_parse_time(const char *s, int64_t *t,
			     struct trc_error *err) TRC_WARN_UNUSED;

#endif
