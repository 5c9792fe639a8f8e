/*
 * The table of subcommands, as git's builtins. Each command is defined in
 * its own tracer/cmd_<name>.c and declared here.
 */
#include "tracer/cli.h"
#include "tracer/commands.h"

const struct command commands[] = {
	{ "address", cmd_address, CMD_DB,
	  "what the database knows of an address: balances, history, tags",
	  CMD_ADDRESS_USAGE },
	{ "crawl", cmd_crawl, CMD_DB_CREATE,
	  "pull verified blocks and transactions from a node into the database",
	  CMD_CRAWL_USAGE },
	{ "db", cmd_db, CMD_DB_CREATE,
	  "show database statistics or check every record", CMD_DB_USAGE },
	{ "help", cmd_help, CMD_NONE, "show help for a command",
	  CMD_HELP_USAGE },
	{ NULL, NULL, 0, NULL, NULL },
};
