/*
 * The table of subcommands, as git's builtins. Each command is defined in
 * its own tracer/cmd_<name>.c and declared here.
 */
#include "tracer/cli.h"
#include "tracer/commands.h"

const struct command commands[] = {
	{ "db", cmd_db, CMD_DB_CREATE,
	  "show database statistics or check every record", CMD_DB_USAGE },
	{ "decode", cmd_decode, CMD_NONE,
	  "decode a raw transaction or block and check its hashes",
	  CMD_DECODE_USAGE },
	{ "help", cmd_help, CMD_NONE, "show help for a command",
	  CMD_HELP_USAGE },
	{ NULL, NULL, 0, NULL, NULL },
};
