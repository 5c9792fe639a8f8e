/*
 * tracer report - a trace written up for a reader: summary, exits, paths,
 * held, unresolved, timeline, methodology and provenance, in Markdown,
 * HTML, JSON or CSV.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/afile.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/progress.h"
#include "tracer/cli/trace_opts.h"
#include "tracer/render/explorer.h"
#include "tracer/render/report_out.h"
#include "tracer/report/report.h"

const char CMD_REPORT_USAGE[] =
	"tracer report --case FILE [--case FILE...]\n"
	"              [--format md|html|json|csv] [-o FILE]\n"
	"              [--prices FILE [--currency C]] [--no-graph]\n"
	"              [--explorer URL-TEMPLATE]... [trace options]\n"
	"\n"
	"Traces each case and writes a report: summary (incident, seeds,\n"
	"policy and limits, seed total = exits + held + fees + unresolved,\n"
	"illicit proceeds by entity), exits, paths, held and unresolved\n"
	"funds, a timeline per day, methodology and provenance (tracer\n"
	"version, this command line, the database content digest, sources,\n"
	"block ranges, verification counts, tag sources). Several --case\n"
	"give one report with a section per case and a total in which funds\n"
	"two cases trace into the same exit transaction count once. A\n"
	"case's cross-chain links are followed (docs/crosschain.md): the\n"
	"further traces' exits, each link's value on both sides and the\n"
	"proceeds across assets (every exit once, in fiat).\n"
	"\n"
	"Options:\n"
	"  --case FILE      a case file (docs/cases.md); repeatable\n"
	"  --format F       md (default), html, json or csv\n"
	"  -o, --output F   write to F (replaced atomically), not stdout\n"
	"  --prices FILE    CSV date,asset,currency,price: each exit is\n"
	"                   valued at its arrival day; a missing day shows\n"
	"                   as missing\n"
	"  --currency C     the currency to use when FILE has several\n"
	"  --no-graph       HTML: leave out the flow graph (needs Graphviz)\n"
	"  --explorer T     HTML: link txids or addresses to an explorer:\n"
	"                   T is an http(s) URL with {txid} or {address},\n"
	"                   e.g. 'https://mempool.space/tx/{txid}';\n"
	"                   once per placeholder; off by default\n"
	"\n"
	"Trace options (override each case, as in 'tracer "
	"trace'):\n" TRACE_CLI_HELP "\n"
	"Every number equals 'tracer trace --json' for the same case. The\n"
	"generation time is the one line that changes between runs\n"
	"(SOURCE_DATE_EPOCH fixes it). See docs/reports.md.\n";

enum {
	OPT_CASE = 256,
	OPT_FORMAT,
	OPT_PRICES,
	OPT_CURRENCY,
	OPT_NO_GRAPH,
	OPT_EXPLORER,
};

struct report_args {
	const char **cases;
	size_t n_cases;
	const char *format, *output, *prices, *currency;
	bool no_graph;
	const char *explorer[EXPLORER_KINDS];
	struct case_overrides topts;
};

/* --explorer T: checked, at most one template per placeholder. */
static int explorer_arg(struct cli *cli, struct report_args *a, const char *t)
{
	struct trc_error err = TRC_ERROR_INIT;
	enum explorer_kind k;

	if (explorer_check(t, &k, &err))
		return cli_usage_error(cli->cmd, "--explorer: %s", err.msg);
	if (a->explorer[k])
		return cli_usage_error(
			cli->cmd, "--explorer given twice for %s",
			k == EXPLORER_TXID ? "{txid}" : "{address}");
	a->explorer[k] = t;
	return EXIT_OK;
}

static int parse(struct cli *cli, int argc, char **argv, struct report_args *a)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, OPT_CASE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "prices", required_argument, NULL, OPT_PRICES },
		{ "currency", required_argument, NULL, OPT_CURRENCY },
		{ "no-graph", no_argument, NULL, OPT_NO_GRAPH },
		{ "explorer", required_argument, NULL, OPT_EXPLORER },
		TRACE_CLI_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CASE:
			a->cases[a->n_cases++] = optarg;
			break;
		case OPT_FORMAT:
			a->format = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_PRICES:
			a->prices = optarg;
			break;
		case OPT_CURRENCY:
			a->currency = optarg;
			break;
		case OPT_NO_GRAPH:
			a->no_graph = true;
			break;
		case OPT_EXPLORER:
			rc = explorer_arg(cli, a, optarg);
			if (rc)
				return rc;
			break;
		default:
			if (c == '?' || c == ':')
				return cli_bad_option(cli->cmd, c, argv);
			rc = trace_cli_override(cli, &a->topts, c, optarg);
			if (rc < 0)
				return cli_bad_option(cli->cmd, c, argv);
			if (rc)
				return rc;
		}
	}
	if (optind < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind]);
	if (!a->n_cases)
		return cli_usage_error(cli->cmd, "report needs --case FILE");
	if (!report_out_format_valid(a->format))
		return cli_usage_error(cli->cmd,
				       "unknown format '%s' (md, "
				       "html, json, csv)",
				       a->format);
	if (a->currency && !a->prices)
		return cli_usage_error(cli->cmd, "--currency needs --prices");
	if ((a->explorer[0] || a->explorer[1]) && strcmp(a->format, "html"))
		return cli_usage_error(cli->cmd,
				       "--explorer is for --format html");
	return EXIT_OK;
}

static int load_cases(struct cli *cli, const struct report_args *a,
		      struct report *r)
{
	struct trc_error err = TRC_ERROR_INIT;
	int rc;

	for (size_t i = 0; i < a->n_cases; i++) {
		struct trc_case k = CASE_INIT;
		const struct chain_ops *ops;
		struct trace_result *res;
		struct case_cross *x = malloc(sizeof(*x));
		char what[64];

		if (!x)
			return cli_error("out of memory");
		case_cross_init(x);
		snprintf(what, sizeof(what), "report: case %zu/%zu: trace",
			 i + 1, a->n_cases);
		rc = trace_cli_case(cli, &a->topts, a->cases[i], what, &k, &ops,
				    &res, x);
		if (rc) {
			free(x);
			return rc;
		}
		if (report_add_case(r, a->cases[i], &k, ops, res, &err)) {
			case_cross_release(x);
			free(x);
			trace_result_free(res);
			case_release(&k);
			return cli_fail(&err);
		}
		if (x->n_runs) {
			r->cases[r->n_cases - 1].cross = x;
		} else {
			case_cross_release(x);
			free(x);
		}
	}
	return EXIT_OK;
}

/* What the report computes after the traces; p shows each step. */
static int collect(struct cli *cli, const struct report_args *a,
		   struct report *r, struct progress *p)
{
	struct trc_error err = TRC_ERROR_INIT;

	progress_step(p, "report: provenance, totals and flow graphs");
	if (report_out_prepare(r, cli->store, a->format, a->no_graph,
			       cli->full_argc, cli->full_argv,
			       report_out_time(), &err))
		return cli_fail(&err);
	return EXIT_OK;
}

static int emit(const struct report_args *a, const struct report *r)
{
	struct afile out = AFILE_INIT;
	struct trc_error err = TRC_ERROR_INIT;

	if (afile_open(&out, a->output, &err))
		return cli_fail(&err);
	if (report_out_write(out.f, a->format, r, &err) ||
	    afile_commit(&out, &err)) {
		afile_abort(&out);
		return cli_fail(&err);
	}
	return EXIT_OK;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	struct report_args a;
	struct report r = REPORT_INIT;
	struct prices prices = PRICES_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	struct progress prog;
	int rc;

	memset(&a, 0, sizeof(a));
	case_overrides_init(&a.topts);
	a.format = "md";
	a.cases = calloc((size_t)argc + 1, sizeof(*a.cases));
	if (!a.cases)
		return cli_error("out of memory");
	rc = parse(cli, argc, argv, &a);
	if (rc)
		goto cleanup;
	if (a.prices && prices_load(&prices, a.prices, a.currency, &err)) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	r.prices = a.prices ? &prices : NULL;
	r.explorer_txid = a.explorer[EXPLORER_TXID];
	r.explorer_address = a.explorer[EXPLORER_ADDRESS];
	progress_init(&prog, cli);
	if (!strcmp(a.format, "json") || cli_json_mode())
		prog.enabled = false;
	rc = load_cases(cli, &a, &r);
	if (!rc)
		rc = collect(cli, &a, &r, &prog);
	progress_clear(&prog); /* the report may go to the same terminal */
	if (!rc)
		rc = emit(&a, &r);
cleanup:
	report_release(&r);
	prices_release(&prices);
	case_overrides_release(&a.topts);
	free(a.cases);
	return rc;
}
