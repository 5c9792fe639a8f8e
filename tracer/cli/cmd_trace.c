/*
 * tracer trace - follow funds from seeds with a taint policy and print
 * where they went: the accounting identity, exits by entity, held funds.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "store/tags.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"
#include "tracer/cli/trace_opts.h"
#include "tracer/render/trace_json.h"
#include "tracer/report/report.h"

const char CMD_TRACE_USAGE[] =
	"tracer trace --chain C (--seed ADDR... | --seed-tx TXID:N... |\n"
	"             --case FILE) [options] [--json]\n"
	"\n"
	"Follows the funds from the seeds through the transactions in the\n"
	"database (offline) and accounts for every base unit, per asset:\n"
	"  seed total = exits + held + fees + unresolved\n"
	"exactly, for every policy but poison (exposure). docs/taint.md\n"
	"defines the policies and stops.\n"
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
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (!*optarg || *end || optarg[0] == '-' || v > 1000000)
				return cli_usage_error(cli->cmd,
						       "--top: '%s' is not a "
						       "number", optarg);
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

static const char *fmt(const struct trace_result *r, uint32_t asset,
		       trc_amount a, char *buf)
{
	int d = r->assets[asset].decimals;

	return amount_format(buf, AMOUNT_STR_MAX, a, d < 0 ? 0 : (unsigned)d,
			     false);
}

static void print_identity(const struct trace_result *r)
{
	char b[5][AMOUNT_STR_MAX];

	for (size_t i = 0; i < r->n_assets; i++) {
		const struct trace_asset *a = &r->assets[i];
		uint32_t k = (uint32_t)i;
		printf("%s: seed total %s = exits %s + held %s + fees %s + "
		       "unresolved %s  %s\n",
		       a->asset, fmt(r, k, a->seed_total, b[0]),
		       fmt(r, k, a->exits_total, b[1]), fmt(r, k, a->held, b[2]),
		       fmt(r, k, a->fees, b[3]), fmt(r, k, a->unresolved, b[4]),
		       !a->conserving ? "(poison: exposure, no identity)"
		       : a->balanced  ? "(balanced)"
				      : "(IDENTITY FAILS: please report)");
		for (int w = 0; w < TRACE_REASON_COUNT; w++)
			if (!amount_is_zero(a->unresolved_by[w]))
				printf("  unresolved, %s: %s\n",
				       trace_reason_name((enum trace_reason)w),
				       fmt(r, k, a->unresolved_by[w], b[0]));
	}
}

/* Exits summed by entity: report_entities, the rule the reports use. */
static int print_entities(const struct trace_result *r)
{
	char b[AMOUNT_STR_MAX];
	struct report_entity *es;
	size_t n;
	struct trc_error err = TRC_ERROR_INIT;

	if (report_entities(r, &es, &n, NULL, &err))
		return cli_fail(&err);
	if (n)
		printf("\nexits by entity:\n");
	for (size_t i = 0; i < n; i++) {
		const struct report_entity *e = &es[i];
		printf("  %-24s %-9s %20s %s  %zu address%s%s\n", e->entity,
		       tag_category_name(e->category)
			       ? tag_category_name(e->category)
			       : "-",
		       fmt(r, e->asset, e->amount, b),
		       r->assets[e->asset].asset,
		       e->n_exits, e->n_exits == 1 ? "" : "es",
		       e->inferred ? " (some inferred)" : "");
	}
	free(es);
	return EXIT_OK;
}

static void print_held(const struct trace_result *r, unsigned top)
{
	char b[AMOUNT_STR_MAX];

	if (r->n_held)
		printf("\ntop held addresses:\n");
	for (size_t i = 0; i < r->n_held && i < top; i++)
		printf("  %-64s %20s %s\n", r->held[i].address,
		       fmt(r, r->held[i].asset, r->held[i].amount, b),
		       r->assets[r->held[i].asset].asset);
	if (r->n_held > top)
		printf("  ... %zu more\n", r->n_held - top);
}

static int print_summary(const struct trace_result *r,
			 const struct trace_cli *t, unsigned top)
{
	int rc;

	printf("trace %s %s, policy %s, %zu seed%s, hops %u, hub txs %u\n",
	       t->chain->name, r->network ? r->network : "-",
	       trace_policy_name(r->policy), r->n_seeds,
	       r->n_seeds == 1 ? "" : "s", r->hops, r->hub_txs);
	printf("%llu transactions scanned, %llu moved taint, %llu "
	       "addresses\n\n",
	       (unsigned long long)r->counters.txs_scanned,
	       (unsigned long long)r->counters.txs_visited,
	       (unsigned long long)r->counters.addresses);
	print_identity(r);
	rc = print_entities(r);
	if (rc)
		return rc;
	print_held(r, top);
	if (r->counters.inputs_missing)
		printf("\nnote: %llu inputs spend transactions not in the "
		       "database; they count as clean\n",
		       (unsigned long long)r->counters.inputs_missing);
	return EXIT_OK;
}

int cmd_trace(struct cli *cli, int argc, char **argv)
{
	struct trace_cli t;
	struct trace_result *r = NULL;
	unsigned top = 10;
	int rc;

	trace_cli_init(&t);
	rc = parse(cli, argc, argv, &t, &top);
	if (rc)
		goto cleanup;
	rc = trace_cli_run(cli, &t, &r);
	if (rc)
		goto cleanup;
	if (t.json)
		rc = jsonout_emit(stdout, trace_result_to_json(r, t.chain));
	else
		rc = print_summary(r, &t, top);
cleanup:
	trace_result_free(r);
	trace_cli_release(&t);
	return cli_finish(rc);
}
