/*
 * tracer trace - follow funds from seeds with a taint policy and print
 * where they went: the accounting identity, exits by entity, held funds.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/strv.h"
#include "store/tags.h"
#include "tracer/case/case_thor.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"
#include "tracer/cli/trace_opts.h"
#include "tracer/cli/trace_text.h"
#include "tracer/render/cross_json.h"
#include "tracer/render/trace_json.h"
#include "tracer/report/warnings.h"

const char CMD_TRACE_USAGE[] =
	"tracer trace --chain C (--seed ADDR... | --seed-tx TXID:N... |\n"
	"             --case FILE) [options] [--json]\n"
	"\n"
	"Follows the funds from the seeds through the transactions in the\n"
	"database (offline) and accounts for every base unit, per asset:\n"
	"  seed total = exits + held + fees + unresolved\n"
	"exactly, for every policy but poison (exposure). docs/taint.md\n"
	"defines the policies and stops. A case's cross-chain links\n"
	"(docs/crosschain.md) are followed onto the other chains: what\n"
	"reaches a link's source is 'converted', and per asset\n"
	"  seed + converted in = exits + held + fees + unresolved\n"
	"                        + converted out\n"
	"\n"
	"Options:\n" TRACE_CLI_HELP TRACE_CLI_CASE_HELP
	"  --top N              rows of held addresses in the summary (10)\n"
	"  --json               print the JSON document (docs/cli.md)\n"
	"\n"
	"Exit status: 0 ok (also when the identity fails: it is printed as\n"
	"a failure), 1 error, 2 usage.\n";

static int parse(struct cli *cli, int argc, char **argv, struct trace_cli *t,
		 unsigned *top)
{
	static const struct option opts[] = {
		TRACE_CLI_OPTIONS,
		{ "case", required_argument, NULL, TRACE_CLI_CASE },
		{ "json", no_argument, NULL, 'j' },
		{ "top", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	t->json = cli->json;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'j') {
			t->json = true;
		} else if (c == 't') {
			uint64_t v;
			if ((rc = cli_parse_uint(cli->cmd, "--top", optarg, 0,
						 1000000, &v)))
				return rc;
			*top = (unsigned)v;
		} else {
			rc = trace_cli_option(cli, t, c, optarg);
			if (rc == -1)
				return cli_bad_option(cli->cmd, c, argv);
			if (rc)
				return rc;
		}
	}
	if (optind < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind]);
	return trace_cli_finish(cli, t);
}

/* The bridge exits of r whose transaction is a THORChain swap with no
 * outbound in the database: where the swap went (warnings_swap). */
static enum trc_err swap_warnings(struct cli *cli, const struct trace_cli *t,
				  const struct trace_result *r, char ***v,
				  size_t *n, struct trc_error *err)
{
	const struct chain_ops *ops = t->tr.chain;
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; !rc && i < r->n_exits; i++) {
		const struct trace_exit *x = &r->exits[i];
		struct case_thor_dest d;
		uint8_t txid[32];
		bool swap = false;

		if (x->category != TAG_BRIDGE || !x->n_txids ||
		    ops->txid_parse(x->txids[0], txid, NULL))
			continue;
		rc = case_thor_swap_dest(cli->store, ops, txid, &swap, &d, err);
		if (!rc && swap)
			rc = warnings_swap(x, ops->name, d.asset, d.address,
					   d.chain ? d.chain->name : NULL, v, n,
					   err);
	}
	return rc;
}

/* Appends (v, n) to the "warnings" array of doc. */
static void json_warnings(json_t *doc, char **v, size_t n)
{
	json_t *a = json_object_get(doc, "warnings");

	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_string(v[i]));
}

int cmd_trace(struct cli *cli, int argc, char **argv)
{
	struct trace_cli t;
	struct trace_result *r = NULL;
	struct trc_error err = TRC_ERROR_INIT;
	unsigned top = 10;
	char **warn = NULL, **swaps = NULL;
	size_t n_warn = 0, n_swaps = 0;
	int rc;

	trace_cli_init(&t);
	rc = parse(cli, argc, argv, &t, &top);
	if (rc)
		goto cleanup;
	rc = trace_cli_run(cli, &t, &r);
	if (rc)
		goto cleanup;
	if ((rc = warnings_trace(r, t.tr.chain->name, &warn, &n_warn, &err)) ||
	    (rc = swap_warnings(cli, &t, r, &swaps, &n_swaps, &err))) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (t.json) {
		json_t *doc = trace_result_to_json(r, t.tr.chain);
		if (doc && t.cross.n_runs)
			json_object_set_new(
				doc, "crosschain",
				case_cross_to_json(&t.cross, &t.kase));
		json_warnings(doc, swaps, n_swaps);
		rc = jsonout_emit(stdout, doc);
	} else {
		rc = trace_text_print(stdout, r, t.tr.chain->name, top);
		if (!rc && t.cross.n_runs)
			trace_text_cross(stdout, &t.cross, &t.kase);
	}
	for (size_t i = 0; !t.json && i < n_warn; i++)
		cli_warn(cli, "%s", warn[i]);
	for (size_t i = 0; !t.json && i < n_swaps; i++)
		cli_warn(cli, "%s", swaps[i]);
cleanup:
	strv_free(warn, n_warn);
	strv_free(swaps, n_swaps);
	trace_cli_release(&t); /* its cross-chain runs borrow r */
	trace_result_free(r);
	return cli_finish(rc);
}
