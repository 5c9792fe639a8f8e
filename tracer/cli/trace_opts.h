/*
 * trace_opts.h - the trace options shared by `trace`, `report` and
 * `export`: parsing them from the command line (and a case file), running
 * the trace, and the JSON document of `tracer trace --json` (docs/cli.md).
 *
 * The rule that combines a case and the options is case_trace_resolve
 * (tracer/case/case_trace.h); this file parses the options and reads the
 * database's network for it.
 *
 * Ownership: struct trace_cli owns every string and array it holds;
 * trace_cli_init then trace_cli_release (always safe after init).
 */
#ifndef TRC_TRACE_OPTS_H
#define TRC_TRACE_OPTS_H

#include <jansson.h>
#include <stdbool.h>

#include "chains/chain.h"
#include "graph/trace.h"
#include "tracer/case/case.h"
#include "tracer/case/case_trace.h"
#include "tracer/case/case_xlink.h"
#include "tracer/cli/cli.h"

struct trace_cli {
	struct case_overrides ov; /* the trace options given */
	struct case_trace tr;	  /* the trace, after trace_cli_finish */
	const char *case_path;	  /* --case, borrowed from argv */
	struct trc_case kase;	  /* loaded from case_path */
	struct case_cross cross;  /* the case's links, followed by
				   * trace_cli_run (empty without links) */
	bool json;
};

void trace_cli_init(struct trace_cli *t);
void trace_cli_release(struct trace_cli *t);

/*
 * The option table entries for the trace options, for commands that add
 * their own (report, export): getopt_long values from 1000 up. --case is
 * not among them (report takes several): a command that wants
 * trace_cli_finish to load one passes { "case", ..., TRACE_CLI_CASE }.
 */
#define TRACE_CLI_CASE 1004
#define TRACE_CLI_CASE_HELP                                                    \
	"  --case FILE          chain, network, seeds, policy and limits "     \
	"from\n"                                                               \
	"                       a case file; options given here override it\n" \
	"                       (seeds given here replace the case's)\n"

#define TRACE_CLI_OPTIONS                                                      \
	{ "chain", required_argument, NULL, 1000 },                            \
		{ "network", required_argument, NULL, 1001 },                  \
		{ "seed", required_argument, NULL, 1002 },                     \
		{ "seed-tx", required_argument, NULL, 1003 },                  \
		{ "policy", required_argument, NULL, 1005 },                   \
		{ "hops", required_argument, NULL, 1006 },                     \
		{ "min", required_argument, NULL, 1007 },                      \
		{ "since", required_argument, NULL, 1008 },                    \
		{ "until", required_argument, NULL, 1009 },                    \
		{ "hub-txs", required_argument, NULL, 1010 },                  \
		{ "stop-at", required_argument, NULL, 1011 },                  \
		{ "no-cluster", no_argument, NULL, 1012 },                     \
		{ "deposit-window", required_argument, NULL, 1013 },           \
	{                                                                      \
		"deposit-share", required_argument, NULL, 1014                 \
	}

/* The usage lines of those options (a string literal). */
#define TRACE_CLI_HELP                                                         \
	"  --chain C            btc or eth (required unless --case gives "     \
	"it)\n"                                                                \
	"  --network N          the chain's network (default: the one the\n"   \
	"                       database records, else main)\n"                \
	"  --seed ADDR          a seed address; repeatable\n"                  \
	"  --seed-tx TXID:N     a seed output (UTXO) or leg (EVM); "           \
	"repeatable\n"                                                         \
	"  --policy P           poison, haircut (default), fifo, lifo, tiho\n" \
	"  --hops N             hop limit (default 10)\n"                      \
	"  --min V              do not follow taint below V: base units, or\n" \
	"                       1.5btc, 150000000sat, 0.2eth, 30gwei\n"        \
	"  --since T            a seed address's receipts count from T\n"      \
	"                       (default: its first receipt)\n"                \
	"  --until T            taint spent after T is unresolved\n"           \
	"  --hub-txs N          an untagged address with more than N txs is\n" \
	"                       a hub (default 1000; 0: no limit)\n"           \
	"  --stop-at LIST       categories that are exits, comma-separated\n"  \
	"                       (default exchange,deposit,mixer,bridge,\n"     \
	"                       service,dex; 'none' for no exits)\n"           \
	"  --no-cluster         no inferred tags (clustering, deposits)\n"     \
	"  --deposit-window S   deposit inference window, seconds (86400)\n"   \
	"  --deposit-share P    deposit inference share, percent (90)\n"       \
	"Times are seconds since 1970, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ\n"   \
	"(UTC).\n"

/*
 * Takes one option (c, optarg) into ov if it is a trace option (not
 * --case). Returns -1 when c is not one of them, else EXIT_OK or
 * EXIT_USAGE (after printing). Seeds are kept as given until resolved.
 */
int trace_cli_override(struct cli *cli, struct case_overrides *ov, int c,
		       const char *arg);

/* trace_cli_override, and --case (TRACE_CLI_CASE) into t->case_path. */
int trace_cli_option(struct cli *cli, struct trace_cli *t, int c,
		     const char *arg);

/*
 * After the options: loads --case, reads the database's network for the
 * chain and resolves the trace (case_trace_resolve) into t->tr.
 * Returns EXIT_OK, EXIT_USAGE or EXIT_ERROR (printed).
 */
int trace_cli_finish(struct cli *cli, struct trace_cli *t);

/* Runs the trace, with a progress line on a terminal (none with --json),
 * then follows the case's links into t->cross (case_xlink.h), which
 * borrows *r. Out: *r (trace_result_free, after trace_cli_release).
 * Returns EXIT_OK or EXIT_ERROR (printed). */
int trace_cli_run(struct cli *cli, struct trace_cli *t,
		  struct trace_result **r);

/*
 * For `report` and `export`: loads the case at path (into *kase, which
 * must be empty), resolves it with the overrides ov (the same rule as
 * `trace --case path`) and runs the trace; what labels its progress line
 * (NULL: "trace"). With cross (initialised, empty; NULL: the links are
 * not followed) the case's links are followed into it, as `trace --case`
 * does. Out: *ops, *res (new; trace_result_free, after cross is
 * released); on failure *kase and cross are released. Returns an exit
 * code; errors are printed.
 */
int trace_cli_case(struct cli *cli, const struct case_overrides *ov,
		   const char *path, const char *what, struct trc_case *kase,
		   const struct chain_ops **ops, struct trace_result **res,
		   struct case_cross *cross);

#endif
