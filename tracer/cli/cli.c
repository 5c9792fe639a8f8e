#include "tracer/cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <string.h>

#include "base/num.h"

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/*
 * Messages carry text from outside (a node's error message, a file name, a
 * tag): control bytes are written as \xNN so that none can move the cursor,
 * retitle the terminal or forge a line of output.
 */
static void vreport(const char *kind, const char *fmt, va_list ap)
{
	char msg[4096];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	fprintf(stderr, "tracer: %s", kind);
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	return EXIT_ERROR;
}

int cli_fail(const struct trc_error *err)
{
	return cli_error("%s", err->msg[0] ? err->msg
					   : trc_strerror(err->code));
}

void cli_warn(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	if (cli && cli->verbosity < VERBOSITY_NORMAL)
		return;
	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void cli_info(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	if (cli && cli->verbosity < VERBOSITY_NORMAL)
		return;
	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

void cli_verbose(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	if (!cli || cli->verbosity < VERBOSITY_VERBOSE)
		return;
	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

void cli_print_usage(const struct command *cmd, FILE *f)
{
	fputs(cmd->usage, f);
}

int cli_usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	if (cmd) {
		fputs("usage: ", stderr);
		/* only the first line of the usage: the synopsis */
		const char *nl = strchr(cmd->usage, '\n');
		int n = nl ? (int)(nl - cmd->usage) : (int)strlen(cmd->usage);
		fprintf(stderr, "%.*s\n", n, cmd->usage);
		fprintf(stderr, "Try 'tracer %s --help' for more.\n",
			cmd->name);
	}
	return EXIT_USAGE;
}

int cli_bad_option(const struct command *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", arg);
	if (optopt && !(arg[0] == '-' && arg[1] == '-'))
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
}

int cli_finish(int rc)
{
	if (fflush(stdout) || ferror(stdout))
		return cli_error("cannot write to standard output");
	return rc;
}

int cli_parse_uint(const struct command *cmd, const char *opt, const char *s,
		   uint64_t min, uint64_t max, uint64_t *out)
{
	struct trc_error err = TRC_ERROR_INIT;

	if (num_parse_u64(s, min, max, out, &err))
		return cli_usage_error(cmd, "%s: %s", opt, err.msg);
	return EXIT_OK;
}
