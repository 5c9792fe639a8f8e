/*
 * cli.h - what every subcommand gets: global options, the open database,
 * and the helpers that print errors and usage the same way everywhere.
 *
 * Commands live in tracer/cli/cmd_<name>.c, one each, and are listed in the
 * table of commands.c. A command returns the process exit code:
 * EXIT_OK (0), EXIT_ERROR (1) or EXIT_USAGE (2). Data goes to stdout,
 * progress and errors to stderr.
 */
#ifndef TRC_CLI_H
#define TRC_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

enum cli_verbosity {
	VERBOSITY_QUIET = -1,
	VERBOSITY_NORMAL = 0,
	VERBOSITY_VERBOSE = 1
};

struct cli {
	const char *db_path; /* resolved database directory */
	int verbosity;	     /* enum cli_verbosity */
	bool json;	     /* --json given globally */
	struct store *store; /* open when the command asked for it */
	int full_argc;	     /* the whole command line, for provenance */
	char **full_argv;
	const struct command *cmd;
};

enum command_flags {
	CMD_NONE = 0,
	CMD_DB = 1,		/* opens an existing database (error if none) */
	CMD_DB_CREATE = 2,	/* opens the database, creating it if absent */
	CMD_DB_OPTIONAL = 4,	/* opens it read-only when there is one, else
				 * runs with store NULL */
	CMD_DB_ANY_VERSION = 8, /* ... also an old schema version (the
				 * command checks the version itself) */
	CMD_NO_JSON = 16, /* has no JSON output: --json is refused (exit 2)
			   * rather than ignored */
};

/*
 * The message of a command that needs a database where there is none; the
 * command creates nothing.
 */
#define CLI_NO_DB_FMT "no tracer database at %s (set --db or TRACER_DB)"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	unsigned flags;
	const char *summary; /* one line for `tracer --help` */
	const char *usage;   /* the full text of `tracer CMD --help` */
	/*
	 * For a CMD_DB_CREATE command with subcommands: the ones that may
	 * create the database (NULL-terminated); the others only read and
	 * open an existing one. NULL: every use may create it.
	 */
	const char *const *creating_subs;
};

/* The command table, ended by an entry whose name is NULL. */
extern const struct command commands[];
const struct command *command_find(const char *name);

/*
 * From now on errors are written as one JSON object on stderr,
 * {"error":{"code":"<name>","message":"..."}} (docs/json.md): the first
 * error only, without the usage text. main sets it for --json.
 */
void cli_json_errors(bool on);
/* Whether cli_json_errors was set: the command writes JSON (--json, or
 * report's --format json). */
bool cli_json_mode(void);
/* "tracer: error: <message>" on stderr. Returns EXIT_ERROR. */
int cli_error(const char *fmt, ...) TRC_PRINTF(1, 2);
/* cli_error with the stable name code for the JSON error object (e.g.
 * "no-database"; docs/json.md lists them). Returns EXIT_ERROR. */
int cli_error_code(const char *code, const char *fmt, ...) TRC_PRINTF(2, 3);
/* Prints err's message as cli_error does, its code named after err's
 * (docs/json.md). Returns EXIT_ERROR. */
int cli_fail(const struct trc_error *err);
/* "tracer: warning: <message>" unless quiet. */
void cli_warn(const struct cli *cli, const char *fmt, ...) TRC_PRINTF(2, 3);
/* Progress or information on stderr, unless quiet. */
void cli_info(const struct cli *cli, const char *fmt, ...) TRC_PRINTF(2, 3);
/* Detail on stderr, only with -v. */
void cli_verbose(const struct cli *cli, const char *fmt, ...) TRC_PRINTF(2, 3);
/*
 * A usage error: the message, then "usage:" and the command's usage on
 * stderr. Returns EXIT_USAGE.
 */
int cli_usage_error(const struct command *cmd, const char *fmt, ...)
	TRC_PRINTF(2, 3);
/* Prints the command's usage text to f. */
void cli_print_usage(const struct command *cmd, FILE *f);

/*
 * Reports an unknown option or a missing argument after getopt_long
 * returned '?' or ':' (opterr must be 0 and optstring start with ':').
 */
int cli_bad_option(const struct command *cmd, int c, char **argv);

/*
 * The one of the n words nearest to s by edit distance, for "did you
 * mean": NULL when none is near enough (1 edit for a word of up to 4
 * characters, 2 up to 8, else 3; a swap of two letters is 2). Borrowed
 * from words.
 */
const char *cli_nearest(const char *s, const char *const *words, size_t n);

/* Flushes stdout and reports a write error (EXIT_ERROR) or rc unchanged. */
int cli_finish(int rc);

/*
 * The value of option opt as a whole number from min to max (num.h's
 * rule). Out: *out on success. Returns EXIT_OK, or EXIT_USAGE after
 * "OPT: 'S' is not a whole number" or "... is out of range (MIN to MAX)".
 */
int cli_parse_uint(const struct command *cmd, const char *opt, const char *s,
		   uint64_t min, uint64_t max, uint64_t *out);

#endif
