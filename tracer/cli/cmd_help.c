/*
 * tracer help - the list of commands, or one command's help.
 */
#include <stdlib.h>
#include <string.h>

#include "tracer/cli/cli.h"
#include "tracer/cli/commands.h"

const char CLI_MAIN_USAGE[] =
	"usage: tracer [--db DIR] [-q|-v] [--json] <command> [options]\n";

void cli_print_main_help(FILE *f)
{
	fputs(CLI_MAIN_USAGE, f);
	fputs("\nFollow stolen cryptocurrency from the addresses of a hack to "
	      "where it ends up.\n\nCommands:\n",
	      f);
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fputs("\nGlobal options:\n"
	      "  --db DIR      database directory (default: $TRACER_DB, "
	      "else\n"
	      "                $XDG_DATA_HOME/tracer/db, else "
	      "~/.local/share/tracer/db)\n"
	      "  -q, --quiet   no progress or warnings on stderr\n"
	      "  -v, --verbose more detail on stderr\n"
	      "  --json        machine-readable output where a command has "
	      "it\n"
	      "                (refused by report, export, decode, demo)\n"
	      "  -h, --help    this help; 'tracer CMD --help' for a command\n"
	      "  --version     print the version\n"
	      "Global options may also follow the command (tracer trace --db "
	      "DIR ...).\n"
	      "\nExit status: 0 success, 1 error, 2 usage error.\n"
	      "See man tracer and cli.md in PREFIX/share/doc/tracer (make\n"
	      "install; /usr/local by default), or docs/ in the source.\n",
	      f);
}

int cmd_help(struct cli *cli, int argc, char **argv)
{
	const struct command *c;

	(void)cli;
	if (argc < 2) {
		cli_print_main_help(stdout);
		return cli_finish(EXIT_OK);
	}
	/* "tracer help --help" is help's own help, like every command's */
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		c = command_find("help");
	else
		c = command_find(argv[1]);
	if (!c)
		return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	cli_print_usage(c, stdout);
	return cli_finish(EXIT_OK);
}

const char CMD_HELP_USAGE[] =
	"tracer help [COMMAND]\n"
	"\n"
	"Without COMMAND, lists the commands; with it, prints its help\n"
	"(the same as 'tracer COMMAND --help').\n";
