#include "tracer/cli/cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <string.h>

#include "base/num.h"
#include "tracer/cli/jsonout.h"
#include "tracer/cli/progress.h"

/*
 * Set by main when the command line asks for JSON (--json, or report's
 * --format json): errors are then one JSON object on stderr
 * (docs/json.md), the first error only, and no usage text.
 */
static bool json_errors;
static bool json_error_written;

void cli_json_errors(bool on)
{
	json_errors = on;
}

bool cli_json_mode(void)
{
	return json_errors;
}

/* The stable name of an error code in the JSON error object. */
static const char *code_name(enum trc_err code)
{
	static const char *const names[] = {
		[TRC_ERR_NOMEM] = "no-memory",
		[TRC_ERR_INVALID] = "invalid",
		[TRC_ERR_PARSE] = "malformed",
		[TRC_ERR_OVERFLOW] = "overflow",
		[TRC_ERR_VERIFY] = "verify-failed",
		[TRC_ERR_IO] = "io",
		[TRC_ERR_DB] = "database",
		[TRC_ERR_VERSION] = "schema-version",
		[TRC_ERR_LOCKED] = "locked",
		[TRC_ERR_NOTFOUND] = "not-found",
		[TRC_ERR_NET] = "network",
		[TRC_ERR_HTTP] = "http",
		[TRC_ERR_RPC] = "rpc",
		[TRC_ERR_TOOBIG] = "too-big",
		[TRC_ERR_UNSUPPORTED] = "unsupported",
		[TRC_ERR_CORRUPT] = "corrupt",
		[TRC_ERR_REORG] = "reorg",
		[TRC_ERR_INTERRUPTED] = "interrupted",
	};

	if ((size_t)code < sizeof(names) / sizeof(names[0]) && names[code])
		return names[code];
	return "error";
}

/* The one JSON error object: {"error":{"code":..,"message":..}}. */
static void json_error(const char *code, const char *fmt, va_list ap)
{
	char msg[4096];
	json_t *e, *root;

	if (json_error_written)
		return;
	json_error_written = true;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	e = json_pack("{s:s, s:s}", "code", code, "message", msg);
	root = e ? json_pack("{s:o}", "error", e) : NULL;
	if (!root ||
	    json_dumpf(root, stderr, JSON_COMPACT | JSON_PRESERVE_ORDER) ||
	    fputc('\n', stderr) == EOF)
		fputs("{\"error\":{\"code\":\"no-memory\",\"message\":"
		      "\"out of memory\"}}\n",
		      stderr);
	json_decref(root);
}

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
	progress_clear_screen(); /* never written over a progress line */
	fprintf(stderr, "tracer: %s", kind);
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}

static void verror(const char *code, const char *fmt, va_list ap)
{
	if (json_errors)
		json_error(code, fmt, ap);
	else
		vreport("error: ", fmt, ap);
}

int cli_error_code(const char *code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(code, fmt, ap);
	va_end(ap);
	return EXIT_ERROR;
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror("error", fmt, ap);
	va_end(ap);
	return EXIT_ERROR;
}

int cli_fail(const struct trc_error *err)
{
	return cli_error_code(code_name(err->code), "%s",
			      err->msg[0] ? err->msg : trc_strerror(err->code));
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

/* The doc that tells a command at length (docs/ in the source). */
static const char *command_doc(const char *name)
{
	static const char *const docs[][2] = {
		{ "crawl", "crawling.md" }, { "tag", "tags.md" },
		{ "case", "cases.md" },	    { "trace", "taint.md" },
		{ "report", "reports.md" }, { "export", "reports.md" },
		{ "serve", "serve.md" },    { "db", "storage.md" },
		{ "demo", "demo.md" },
	};

	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		if (!strcmp(docs[i][0], name))
			return docs[i][1];
	return "cli.md";
}

void cli_print_usage(const struct command *cmd, FILE *f)
{
	const char *doc = command_doc(cmd->name);

	fputs(cmd->usage, f);
	fprintf(f,
		"\nMore: PREFIX/share/doc/tracer/%s (docs/%s in the "
		"source)\n",
		doc, doc);
}

int cli_usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror("usage", fmt, ap);
	va_end(ap);
	if (cmd && !json_errors) {
		fputs("usage: ", stderr);
		/* the synopsis: the usage up to its first blank line, whole
		 * lines only */
		const char *end = strstr(cmd->usage, "\n\n");
		int n = end ? (int)(end - cmd->usage) : (int)strlen(cmd->usage);
		fprintf(stderr, "%.*s\n", n, cmd->usage);
		fprintf(stderr, "Try 'tracer %s --help' for more.\n",
			cmd->name);
	}
	return EXIT_USAGE;
}

/* Edit distance of a and b (Levenshtein), capped at 9 for long words. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65];

	if (la > 64 || lb > 64)
		return 9;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *cli_nearest(const char *s, const char *const *words, size_t n)
{
	size_t len = strlen(s), best = (size_t)-1;
	size_t limit = len >= 9 ? 3 : len >= 5 ? 2 : 1;
	const char *found = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(s, words[i]);

		if (d <= limit && d < best) {
			best = d;
			found = words[i];
		}
	}
	return found;
}

/* Room for the long options a usage text names. */
#define OPT_WORDS 96
#define OPT_WORD_MAX 32

/*
 * The long options a usage text names ("--seed", "--min", ...), and the
 * global ones. Out: words[0..n) point into store.
 */
static size_t usage_options(const char *usage, char store[][OPT_WORD_MAX],
			    const char **words)
{
	static const char *const globals[] = { "--db", "--quiet", "--verbose",
					       "--json", "--help" };
	size_t n = 0;

	for (size_t i = 0; i < sizeof(globals) / sizeof(globals[0]); i++)
		words[n++] = globals[i];
	for (const char *p = usage; p && (p = strstr(p, "--")) && n < OPT_WORDS;
	     p += 2) {
		size_t len = 2;

		while (p[len] &&
		       (islower((unsigned char)p[len]) || p[len] == '-') &&
		       len < OPT_WORD_MAX - 1)
			len++;
		if (len < 4)
			continue;
		memcpy(store[n], p, len);
		store[n][len] = '\0';
		words[n] = store[n];
		n++;
	}
	return n;
}

int cli_bad_option(const struct command *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];
	char store[OPT_WORDS][OPT_WORD_MAX], name[OPT_WORD_MAX];
	const char *words[OPT_WORDS], *near;
	size_t n;

	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", arg);
	if (optopt && !(arg[0] == '-' && arg[1] == '-'))
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	n = usage_options(cmd ? cmd->usage : NULL, store, words);
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg, "="), arg);
	near = cli_nearest(name, words, n);
	if (near)
		return cli_usage_error(cmd,
				       "unknown option '%s' (did you mean "
				       "'%s'?)",
				       arg, near);
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
