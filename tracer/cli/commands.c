/*
 * The table of subcommands, as git's builtins. Each command is defined in
 * its own tracer/cli/cmd_<name>.c and declared in commands.h.
 */
#include "tracer/cli/commands.h"
#include "tracer/cli/cli.h"

/* tag list, show and export only read: they never create a database */
static const char *const tag_writers[] = { "add", "rm", "import", NULL };

const struct command commands[] = {
	/* in the order of an investigation: gather, attribute, follow,
	 * report; then the tools */
	{ "crawl", cmd_crawl, CMD_DB_CREATE,
	  "pull verified blocks and transactions from a node into the database",
	  CMD_CRAWL_USAGE, NULL },
	{ "tag", cmd_tag, CMD_DB_CREATE,
	  "add, list, import and export attribution tags", CMD_TAG_USAGE,
	  tag_writers },
	{ "case", cmd_case, CMD_DB_OPTIONAL, "write or check a case file",
	  CMD_CASE_USAGE, NULL },
	{ "trace", cmd_trace, CMD_DB,
	  "follow funds from seeds with a taint policy", CMD_TRACE_USAGE,
	  NULL },
	{ "report", cmd_report, CMD_DB | CMD_NO_JSON,
	  "write an investigator's report of a case (md, html, json, csv)",
	  CMD_REPORT_USAGE, NULL },
	{ "export", cmd_export, CMD_DB | CMD_NO_JSON,
	  "export a case's flow graph (Graphviz, Neo4j CSV, GraphML)",
	  CMD_EXPORT_USAGE, NULL },
	{ "serve", cmd_serve, CMD_DB | CMD_NO_JSON,
	  "investigate the cases in the browser (graph, policies, notes)",
	  CMD_SERVE_USAGE, NULL },
	{ "address", cmd_address, CMD_DB,
	  "what the database knows of an address: balances, history, tags",
	  CMD_ADDRESS_USAGE, NULL },
	{ "cluster", cmd_cluster, CMD_DB,
	  "show an address's multi-input cluster and its evidence",
	  CMD_CLUSTER_USAGE, NULL },
	{ "decode", cmd_decode, CMD_NO_JSON,
	  "decode a raw transaction or block and check its hashes",
	  CMD_DECODE_USAGE, NULL },
	{ "db", cmd_db, CMD_DB | CMD_DB_ANY_VERSION,
	  "show database statistics, check every record, upgrade the schema",
	  CMD_DB_USAGE, NULL },
	{ "demo", cmd_demo, CMD_NO_JSON,
	  "run a bundled sample incident end to end, offline", CMD_DEMO_USAGE,
	  NULL },
	{ "help", cmd_help, CMD_NONE, "show help for a command", CMD_HELP_USAGE,
	  NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
