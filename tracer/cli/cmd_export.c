/*
 * tracer export - the flow graph of a traced case for other tools:
 * Graphviz DOT, Neo4j-admin CSV (nodes.csv, edges.csv) or GraphML.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/afile.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/trace_opts.h"
#include "tracer/render/export_out.h"

const char CMD_EXPORT_USAGE[] =
	"tracer export --case FILE [--format dot|csv|graphml] [-o FILE|DIR]\n"
	"              [--cluster] [--fold-below V] [--max-nodes N]\n"
	"              [--asset NAME] [trace options]\n"
	"\n"
	"Traces the case and writes its flow graph: nodes are addresses (or\n"
	"multi-input clusters with --cluster), edges the tainted flows\n"
	"between them, summed per pair and labelled with amounts. Seeds,\n"
	"exits (coloured by category), held funds, hubs and the frontier\n"
	"(where the trail continues: taint stopped by the hop limit, --min\n"
	"or --until, with the amount and the reason) are told apart. Node\n"
	"ids are CHAIN:NETWORK:ADDRESS (btc:main:1A1z...), the same in every\n"
	"case of a database, so the exports of several cases merge; a\n"
	"single address has no cluster id. The same database and case give\n"
	"the same bytes. A case's cross-chain links (docs/crosschain.md)\n"
	"are followed: every trace is drawn, in its own asset, and each\n"
	"link is an edge of its own with its kind, confidence and evidence\n"
	"(csv: links.csv).\n"
	"\n"
	"Formats:\n"
	"  dot       Graphviz (default): dot -Tsvg graph.dot > graph.svg\n"
	"  csv       -o DIR gets nodes.csv and edges.csv with the headers of\n"
	"            neo4j-admin database import (:ID, :START_ID, :END_ID,\n"
	"            :TYPE), which Spark GraphFrames also loads\n"
	"            (docs/scale.md); links.csv too for cross-chain links\n"
	"  graphml   GraphML for Gephi, yEd, NetworkX\n"
	"\n"
	"Options:\n"
	"  --case FILE      the case file (docs/cases.md)\n"
	"  -o, --output F   the file (dot, graphml; default stdout) or the\n"
	"                   directory (csv, required); replaced atomically\n"
	"  --cluster        one node per multi-input cluster\n"
	"  --fold-below V   fold nodes moving less than V into one node\n"
	"                   'other' (seeds always stay); V as trace's\n"
	"                   --min: 1.5btc, 0.2eth, 150000000sat or base\n"
	"                   units (another --asset: base units only);\n"
	"                   --min V is a deprecated alias (it warns)\n"
	"  --max-nodes N    at most N nodes, the rest folded into 'other':\n"
	"                   seeds, exits, held and frontier nodes are never\n"
	"                   folded (the graph has more nodes when they are\n"
	"                   more), the largest other flows stay\n"
	"  --asset NAME     the asset to draw (default: the chain's own;\n"
	"                   of the case chain's trace)\n"
	"\n"
	"Trace options (override the case, as in 'tracer trace'; except\n"
	"--min, still the deprecated --fold-below here: the trace's own\n"
	"minimum comes from the case):\n" TRACE_CLI_HELP;

enum {
	OPT_CASE = 256,
	OPT_FORMAT,
	OPT_CLUSTER,
	OPT_FOLD,
	OPT_MIN,
	OPT_MAX_NODES,
	OPT_ASSET,
};

struct export_args {
	const char *kase, *format, *output, *fold, *max_nodes, *asset;
	bool cluster;
	struct case_overrides topts;
};

static int check_args(struct cli *cli, const struct export_args *a)
{
	if (!a->kase)
		return cli_usage_error(cli->cmd, "export needs --case FILE");
	if (strcmp(a->format, "dot") && strcmp(a->format, "csv") &&
	    strcmp(a->format, "graphml"))
		return cli_usage_error(cli->cmd,
				       "unknown format '%s' (dot, "
				       "csv, graphml)",
				       a->format);
	if (!strcmp(a->format, "csv") &&
	    (!a->output || !strcmp(a->output, "-")))
		return cli_usage_error(cli->cmd, "csv writes nodes.csv and "
						 "edges.csv: give -o DIR");
	return EXIT_OK;
}

static int parse(struct cli *cli, int argc, char **argv, struct export_args *a)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, OPT_CASE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "cluster", no_argument, NULL, OPT_CLUSTER },
		{ "fold-below", required_argument, NULL, OPT_FOLD },
		{ "min", required_argument, NULL, OPT_MIN },
		{ "max-nodes", required_argument, NULL, OPT_MAX_NODES },
		{ "asset", required_argument, NULL, OPT_ASSET },
		/* after "min": getopt_long takes the first exact match, so
		 * --min is still the deprecated --fold-below here */
		TRACE_CLI_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CASE:
			if (a->kase)
				return cli_usage_error(cli->cmd, "export takes "
								 "one --case");
			a->kase = optarg;
			break;
		case OPT_FORMAT:
			a->format = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_CLUSTER:
			a->cluster = true;
			break;
		case OPT_FOLD:
			a->fold = optarg;
			break;
		case OPT_MIN:
			cli_warn(cli,
				 "export --min is deprecated: it folds "
				 "small nodes, use --fold-below (the trace's "
				 "minimum comes from the case)");
			a->fold = optarg;
			break;
		case OPT_MAX_NODES:
			a->max_nodes = optarg;
			break;
		case OPT_ASSET:
			a->asset = optarg;
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
	return check_args(cli, a);
}

/* --max-nodes, --fold-below and --asset against the traced result. */
static int graph_opts(struct cli *cli, const struct export_args *a,
		      const struct chain_ops *ops,
		      const struct trace_result *res, struct xg_opts *xo)
{
	bool native = !a->asset || !strcasecmp(a->asset, ops->asset);

	struct trc_error err = TRC_ERROR_INIT;

	memset(xo, 0, sizeof(*xo));
	xo->cluster = a->cluster;
	if (a->asset && !export_graph_find_asset(res, a->asset, &xo->asset))
		return cli_error("the trace moved no asset '%s'", a->asset);
	if (!res->n_assets)
		return cli_error("the trace has no assets: nothing to export");
	if (a->max_nodes) {
		uint64_t n;
		int rc = cli_parse_uint(cli->cmd, "--max-nodes", a->max_nodes,
					2, 100000000, &n);
		if (rc)
			return rc;
		xo->max_nodes = (size_t)n;
	}
	/* the chain's own asset takes units as trace's --min does
	 * ("1.5btc"); another asset only its base units */
	if (a->fold &&
	    (native ? chain_amount_parse(ops, a->fold, &xo->min, NULL, &err)
		    : amount_parse(&xo->min, a->fold, 0, &err)))
		return cli_usage_error(cli->cmd, "--fold-below: %s", err.msg);
	return EXIT_OK;
}

static int write_one(const char *path, enum export_file w,
		     const struct xgraph *g, const char *title)
{
	struct afile out = AFILE_INIT;
	struct trc_error err = TRC_ERROR_INIT;

	if (afile_open(&out, path, &err))
		return cli_fail(&err);
	export_out_write(out.f, w, g, title);
	if (afile_commit(&out, &err)) {
		afile_abort(&out);
		return cli_fail(&err);
	}
	return EXIT_OK;
}

static int write_csv_dir(const char *dir, const struct xgraph *g)
{
	char *p = malloc(strlen(dir) + 16);
	int rc;

	if (!p)
		return cli_error("out of memory");
	if (mkdir(dir, 0777) && errno != EEXIST) {
		rc = cli_error("cannot create directory '%s': %s", dir,
			       strerror(errno));
		goto cleanup;
	}
	snprintf(p, strlen(dir) + 16, "%s/nodes.csv", dir);
	rc = write_one(p, EXPORT_CSV_NODES, g, NULL);
	snprintf(p, strlen(dir) + 16, "%s/edges.csv", dir);
	if (!rc)
		rc = write_one(p, EXPORT_CSV_EDGES, g, NULL);
	snprintf(p, strlen(dir) + 16, "%s/links.csv", dir);
	if (!rc && g->n_links)
		rc = write_one(p, EXPORT_CSV_LINKS, g, NULL);
cleanup:
	free(p);
	return rc;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	struct export_args a;
	struct trc_case k = CASE_INIT;
	const struct chain_ops *ops;
	struct trace_result *res = NULL;
	struct xgraph *g = NULL;
	struct xg_opts xo;
	struct case_cross x;
	struct trc_error err = TRC_ERROR_INIT;
	int rc;

	case_cross_init(&x);
	memset(&a, 0, sizeof(a));
	case_overrides_init(&a.topts);
	a.format = "dot";
	rc = parse(cli, argc, argv, &a);
	if (!rc)
		rc = trace_cli_case(cli, &a.topts, a.kase, "export: trace", &k,
				    &ops, &res, &x);
	if (!rc)
		rc = graph_opts(cli, &a, ops, res, &xo);
	if (!rc && export_out_case_graph(res, &x, &k, &xo, &g, &err))
		rc = cli_fail(&err);
	if (!rc && !strcmp(a.format, "csv"))
		rc = write_csv_dir(a.output, g);
	else if (!rc)
		rc = write_one(a.output,
			       !strcmp(a.format, "dot") ? EXPORT_DOT
							: EXPORT_GRAPHML,
			       g, k.name);
	if (!rc && g->pruned)
		cli_info(cli, "%u addresses folded into the node 'other'",
			 g->pruned);
	export_graph_free(g);
	case_cross_release(&x); /* its runs borrow res */
	trace_result_free(res);
	case_release(&k);
	case_overrides_release(&a.topts);
	return rc;
}
