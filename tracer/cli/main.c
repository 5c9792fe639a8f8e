/*
 * tracer - follow stolen cryptocurrency.
 *
 * main parses the global options, finds the subcommand in the table of
 * commands.c, opens the database when the command needs it, and runs it.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "tracer/cli/cli.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/dbpath.h"

/* True when args ask for help before any "--". */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

static int parse_global(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:qvh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli->db_path = optarg;
			break;
		case 'q':
			cli->verbosity = VERBOSITY_QUIET;
			break;
		case 'v':
			cli->verbosity = VERBOSITY_VERBOSE;
			break;
		case 'j':
			cli->json = true;
			break;
		case 'h':
			cli_print_main_help(stdout);
			exit(cli_finish(EXIT_OK));
		case 'V':
			printf("tracer %s\n", TRACER_VERSION);
			exit(cli_finish(EXIT_OK));
		default:
			cli_bad_option(NULL, c, argv);
			fputs(CLI_MAIN_USAGE, stderr);
			return -1;
		}
	}
	return optind;
}

/*
 * The global options given after the command (--db DIR, --db=DIR, -q,
 * --quiet, -v, --verbose) are taken as before it and removed from the
 * command's arguments, up to a "--"; --json is left to the command, and
 * refused for one without a JSON form. Returns the new argc, or -1 after
 * a usage error.
 */
static int take_globals(struct cli *cli, int argc, char **argv)
{
	int out = 1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--db") && i + 1 >= argc) {
			cli_usage_error(cli->cmd,
					"option '--db' needs a value");
			return -1;
		}
		if (!strcmp(a, "--db"))
			cli->db_path = argv[++i];
		else if (!strncmp(a, "--db=", 5))
			cli->db_path = a + 5;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			cli->verbosity = VERBOSITY_QUIET;
		else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
			cli->verbosity = VERBOSITY_VERBOSE;
		else if (!strcmp(a, "--json") &&
			 (cli->cmd->flags & CMD_NO_JSON))
			cli->json = true;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

/* A command without a JSON form says so rather than ignore --json. */
static int refuse_json(const struct cli *cli)
{
	const char *fmt = strstr(cli->cmd->usage, "--format")
				  ? " (its --format chooses the output)"
				  : "";

	return cli_usage_error(NULL,
			       "'tracer %s' has no --json output%s: "
			       "see 'tracer %s --help'",
			       cli->cmd->name, fmt, cli->cmd->name);
}

/*
 * Whether the line asks for JSON output (--json, or --format json /
 * --format=json), up to a "--": errors are then JSON too.
 */
static bool wants_json(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json") ||
		    !strcmp(argv[i], "--format=json") ||
		    (!strcmp(argv[i], "--format") && i + 1 < argc &&
		     !strcmp(argv[i + 1], "json")))
			return true;
	return false;
}

/* "unknown command 'trcae' (did you mean 'trace'?)" */
static int unknown_command(const char *name, bool json)
{
	const char *words[64], *near;
	size_t n = 0;

	for (const struct command *c = commands; c->name && n < 64; c++)
		words[n++] = c->name;
	near = cli_nearest(name, words, n);
	if (near)
		cli_usage_error(NULL,
				"unknown command '%s' (did you mean '%s'?)",
				name, near);
	else
		cli_usage_error(NULL, "unknown command '%s'", name);
	if (!json) {
		fputs(CLI_MAIN_USAGE, stderr);
		fputs("Try 'tracer --help' for the list of commands.\n",
		      stderr);
	}
	return EXIT_USAGE;
}

/* STORE_CREATE for a use of the command that writes, else read-only. */
static unsigned open_flags(const struct command *c, int argc, char **argv)
{
	if (!(c->flags & CMD_DB_CREATE))
		return STORE_READONLY;
	if (!c->creating_subs)
		return STORE_CREATE;
	for (const char *const *p = c->creating_subs; *p && argc > 1; p++)
		if (!strcmp(argv[1], *p))
			return STORE_CREATE;
	return STORE_READONLY;
}

static int open_db(struct cli *cli, unsigned flags, char **owned_path)
{
	struct trc_error err = TRC_ERROR_INIT;

	if (cli->cmd->flags & CMD_DB_ANY_VERSION)
		flags |= STORE_UPGRADE;

	if (!cli->db_path) {
		if (dbpath_default(owned_path, &err))
			return (cli->cmd->flags & CMD_DB_OPTIONAL)
				       ? EXIT_OK
				       : cli_fail(&err);
		cli->db_path = *owned_path;
	}
	if (store_open(&cli->store, cli->db_path, flags, &err)) {
		if (err.code == TRC_ERR_NOTFOUND &&
		    (cli->cmd->flags & CMD_DB_OPTIONAL))
			return EXIT_OK; /* runs without one */
		if (err.code == TRC_ERR_NOTFOUND)
			return cli_error_code("no-database", CLI_NO_DB_FMT,
					      cli->db_path);
		return cli_fail(&err);
	}
	cli_verbose(cli, "database '%s' (schema version %u)", cli->db_path,
		    (unsigned)store_schema_version(cli->store));
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	char *owned_path = NULL;
	int first, rc;
	bool json;

	cli.full_argc = argc;
	cli.full_argv = argv;
	json = wants_json(argc, argv);
	cli_json_errors(json);
	first = parse_global(&cli, argc, argv);
	if (first < 0)
		return EXIT_USAGE;
	if (first >= argc) {
		cli_usage_error(NULL, "no command given");
		if (json)
			return EXIT_USAGE;
		fputs(CLI_MAIN_USAGE, stderr);
		fputs("Try 'tracer --help' for the list of commands.\n",
		      stderr);
		return EXIT_USAGE;
	}
	cli.cmd = command_find(argv[first]);
	if (!cli.cmd)
		return unknown_command(argv[first], json);
	if (cli.cmd->run != cmd_help &&
	    wants_help(argc - first, argv + first)) {
		cli_print_usage(cli.cmd, stdout);
		return cli_finish(EXIT_OK);
	}
	argc = first + take_globals(&cli, argc - first, argv + first);
	if (argc < first)
		return EXIT_USAGE;
	if (cli.json && (cli.cmd->flags & CMD_NO_JSON))
		return refuse_json(&cli);
	if (cli.cmd->flags & (CMD_DB | CMD_DB_CREATE | CMD_DB_OPTIONAL)) {
		rc = open_db(&cli,
			     open_flags(cli.cmd, argc - first, argv + first),
			     &owned_path);
		if (rc) {
			free(owned_path);
			return rc;
		}
	}
	optind = 0; /* commands run their own getopt_long from scratch */
	rc = cli.cmd->run(&cli, argc - first, argv + first);
	store_close(cli.store);
	free(owned_path);
	return cli_finish(rc);
}
