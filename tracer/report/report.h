/*
 * report.h - the model every report writer (md, html, json, csv) renders:
 * one or more traced cases, what is derived from their trace results
 * (exits by entity, fiat values, the receipts at exits, the total over
 * several cases with overlaps counted once), and the provenance.
 *
 * Everything here is computed from the trace results (graph/trace.h) and
 * the prices; nothing traverses the store again. The derived numbers are
 * exact integers; the writers only format them, so every format shows the
 * same figures as `tracer trace --json`.
 *
 * Ownership: struct report owns its cases (their case files, trace
 * results, derived arrays, rendered graphs) and provenance;
 * report_release frees everything (safe after REPORT_INIT). prices is
 * borrowed.
 */
#ifndef TRC_REPORT_H
#define TRC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/chain.h"
#include "graph/trace.h"
#include "tracer/case/case.h"
#include "tracer/case/case_xlink.h"
#include "tracer/report/prices.h"
#include "tracer/report/report_prov.h"

/* Fiat value of an amount: ok false when a price is missing. */
struct report_value {
	bool ok;
	trc_amount cents;
	int64_t missing_day; /* the first day without a price, when !ok */
};

/* Tainted funds arriving at an exit in one transaction. */
struct report_receipt {
	uint32_t exit;	  /* index into res->exits */
	const char *txid; /* borrowed; "" for an arrival not on an edge */
	int64_t time;
	trc_amount amount;
};

/* Illicit proceeds per (asset, entity): the exits of one entity. */
struct report_entity {
	uint32_t asset;
	const char *entity; /* borrowed; the address for an exit without
			     * an entity name */
	uint8_t category;   /* of its largest exit */
	bool inferred;	    /* some of its exits are inferred */
	trc_amount amount;
	size_t n_exits;
	struct report_value value;
};

/* Tainted movements per UTC day and asset: the edges with a receiver. */
struct report_day {
	int64_t day; /* seconds since 1970 of 00:00 UTC */
	uint32_t asset;
	trc_amount amount;
	uint32_t txs; /* distinct transactions */
};

/*
 * A further run of a case's cross-chain trace (docs/crosschain.md): its
 * exits, by entity, valued in its own asset at its own arrival days.
 */
struct report_xrun {
	size_t run;			/* index into cross->runs, >= 1 */
	const struct trace_result *res; /* borrowed from the cross */
	const char *chain;		/* the chain's name (static) */
	size_t n_receipts;		/* as report_case's */
	struct report_receipt *receipts;
	struct report_value *exit_value; /* per exit; NULL without prices */
	size_t n_entities;
	struct report_entity *entities;
};

/* A link followed, in fiat: the taint at its source valued in the source
 * asset at the source output's day, the converted amount in the
 * destination asset at the destination output's day. A conversion is
 * not proceeds: only exits are; the difference (to - from) is what the
 * swap, desk or bridge kept or added, at those prices. */
struct report_xvalue {
	int64_t from_time, to_time; /* TRACE_TIME_NONE: not found */
	struct report_value from, to;
};

/* Proceeds across assets: the fiat value of every exit of every run of
 * the case (the case chain's and the further traces'), each valued in
 * its own asset at its arrival day. ok false when a price is missing
 * (missing_day the first such day). For poison: exposure. */
struct report_proceeds {
	bool computed; /* prices given */
	struct report_value value;
	size_t n_exits; /* exits summed, over every run */
};

struct report_case {
	char *path; /* the case file as given */
	struct trc_case kase;
	const struct chain_ops *ops;
	struct trace_result *res;
	size_t n_entities; /* by asset, amount desc, name */
	struct report_entity *entities;
	struct report_value *exit_value; /* per exit; NULL without prices */
	/* per exit, enum rec_level (report_prov_levels); NULL: not known */
	uint8_t *exit_level;
	uint64_t level_outputs[REC_LEVEL_COUNT]; /* tainted transfers */
	size_t n_days;				 /* by day, then asset */
	struct report_day *days;
	size_t n_receipts; /* by exit, then chain order */
	struct report_receipt *receipts;
	char *graph_svg; /* HTML: the flow graph, or NULL */
	/* the case's cross-chain links followed (docs/crosschain.md), owned;
	 * NULL when the case has none */
	struct case_cross *cross;
	size_t n_xruns; /* cross's runs but the first */
	struct report_xrun *xruns;
	struct report_xvalue *xvalues; /* per cross->follow; NULL without
					* prices or links */
	struct report_proceeds proceeds;
};

/* One row of the total over several cases. */
struct report_total {
	char *asset;
	char *entity;
	uint8_t category;
	trc_amount sum;		   /* summed over the cases */
	trc_amount amount;	   /* counted once */
	trc_amount overlap;	   /* sum - amount */
	struct report_value value; /* of amount, at the arrival days */
};

struct report {
	size_t n_cases;
	struct report_case *cases;
	size_t n_totals;	     /* by asset, amount desc, entity */
	struct report_total *totals; /* only with two cases or more */
	const struct prices *prices; /* borrowed; NULL: no fiat values */
	struct report_prov prov;
	char *graph_note; /* why the HTML has no flow graph */
	/* HTML: explorer link templates (tracer/render/explorer.h), checked;
	 * borrowed; NULL: no links */
	const char *explorer_txid, *explorer_address;
};

#define REPORT_INIT                                                            \
	{                                                                      \
		0                                                              \
	}

void report_release(struct report *r);

/*
 * Appends a traced case: takes ownership of *kase (left empty), res and
 * path (a new string). ops is static. On failure nothing is taken.
 */
enum trc_err report_add_case(struct report *r, const char *path,
			     struct trc_case *kase, const struct chain_ops *ops,
			     struct trace_result *res,
			     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Computes what the writers show: receipts, entities, fiat values (with
 * r->prices), and with two cases or more the totals with overlaps.
 * Funds are the same when two cases trace them into the same exit
 * address in the same transaction: they count once, at the larger of the
 * cases' amounts, and the rest is the overlap.
 */
enum trc_err report_compute(struct report *r,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* The difference of a link's two values (to - from) as "-12.34 USD" or
 * "+0.50 USD" into buf; "" when one of them is missing or no prices. */
char *report_xvalue_diff(char *buf, size_t size, const struct report *r,
			 const struct report_xvalue *v);

/*
 * The one rule for exits by entity (trace and report): res's exits
 * grouped by (asset, entity name, or the address of an exit without
 * one), ordered by asset, total descending, name; an entity's category is
 * that of its largest exit; fiat values are left ok and zero. Out: *out
 * (new, free(); its names are borrowed from res), *n; exit_of: NULL, or
 * res->n_exits entries set to the index in *out of each exit.
 * Returns TRC_ERR_OVERFLOW when an entity's total passes 2^256 (an
 * error, never a zeroed sum), TRC_ERR_NOMEM.
 */
enum trc_err report_entities(const struct trace_result *res,
			     struct report_entity **out, size_t *n,
			     uint32_t *exit_of,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* Helpers shared by the writers. */

/* decimals of asset a of res (0 when unknown). */
unsigned report_decimals(const struct trace_result *res, uint32_t a);
/* "1.5" (trimmed) into buf, AMOUNT_STR_MAX bytes. */
char *report_amount(char *buf, size_t size, const struct trace_result *res,
		    uint32_t asset, trc_amount a);
/* "12.34%" of part in whole (two decimals, rounded down); "-" when
 * whole is 0. */
char *report_share(char *buf, size_t size, trc_amount part, trc_amount whole);
/*
 * Poison is exposure (docs/taint.md): its figures say which funds a coin
 * touched, overlap, and can exceed what was stolen, so the writers call
 * them exposure, print no identity and no share of the seed total, and
 * label the headline an upper bound. The one rule of when that is:
 * report_is_exposure (res's policy is poison).
 */
bool report_is_exposure(const struct trace_result *res);
/* The share of part in the seed total of asset a of res, as
 * report_share; "-" when report_is_exposure(res). */
char *report_seed_share(char *buf, size_t size, const struct trace_result *res,
			uint32_t a, trc_amount part);
/* The headline of the exits by entity: "Illicit proceeds estimate", or
 * for exposure "Exposure of exchanges and services (an upper bound)". */
const char *report_headline(const struct trace_result *res);
/* "2024-03-01T06:00:00Z"; "-" for TRACE_TIME_NONE. */
char *report_time(char *buf, size_t size, int64_t t);
/* "1234.56 USD", "missing (no price for 2024-03-02)" or "" without
 * prices. */
char *report_value_text(char *buf, size_t size, const struct report *r,
			const struct report_value *v);
/* The name of the category or "untagged". */
const char *report_category(uint8_t category);
/* The methodology paragraph of a policy (plain text, no markup). */
const char *report_policy_text(enum trace_policy p);
/* Plain-text sentences of the methodology that hold for every policy. */
extern const char *const report_method_notes[];
/* The provenance level of exit i of c: "verified", "proven" or
 * "asserted"; "unknown" when report_prov_levels did not run. */
const char *report_exit_level(const struct report_case *c, size_t i);
/* What each reason of enum trace_reason means, in words. */
const char *report_reason_text(uint8_t reason);

/* The writers: each writes the whole report to f. Write errors are
 * returned as TRC_ERR_IO. */
enum trc_err report_write_md(FILE *f, const struct report *r,
			     struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err report_write_html(FILE *f, const struct report *r,
			       struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err report_write_json(FILE *f, const struct report *r,
			       struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err report_write_csv(FILE *f, const struct report *r,
			      struct trc_error *err) TRC_WARN_UNUSED;

#endif
