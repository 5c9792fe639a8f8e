/*
 * tracer serve - the case graph in the browser: starts the server of
 * tracer/serve on the loopback interface, prints its URL and serves until
 * SIGINT or SIGTERM.
 */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "tracer/cli/commands.h"
#include "tracer/serve/serve.h"

const char CMD_SERVE_USAGE[] =
	"tracer serve [--case FILE]... [--listen ADDR:PORT]\n"
	"\n"
	"Serves an interactive graph of the cases in the browser, over the\n"
	"database (read only): search, the flow graph, expanding the\n"
	"frontier, the policies side by side, notes saved into the case\n"
	"file, the bytes of 'tracer export'. Prints one URL with a random\n"
	"session token and serves until Ctrl-C. docs/serve.md documents the\n"
	"page and its JSON API.\n"
	"\n"
	"Options:\n"
	"  --case FILE          a case to serve (repeatable, at most 64); the\n"
	"                       only files a request can reach (its notes)\n"
	"  --listen ADDR:PORT   IPv4 address and port (default 127.0.0.1 on a\n"
	"                       free port); another address than loopback\n"
	"                       exposes the database: a warning says so\n"
	"\n"
	"Exit status: 0 after SIGINT or SIGTERM, 1 error, 2 usage.\n";

static int parse(struct cli *cli, int argc, char **argv, struct serve_opts *o,
		 const char **cases)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'l') {
			o->listen = optarg;
		} else if (c == 'c') {
			if (o->n_cases == SERVE_CASES_MAX)
				return cli_usage_error(cli->cmd,
						       "at most %d "
						       "cases",
						       SERVE_CASES_MAX);
			cases[o->n_cases++] = optarg;
		} else {
			return cli_bad_option(cli->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind]);
	return EXIT_OK;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *cases[SERVE_CASES_MAX];
	struct serve_opts o = { .store = cli->store, .case_paths = cases };
	struct trc_error err = TRC_ERROR_INIT;
	struct serve *s = NULL;
	sigset_t set;
	int rc, sig;

	rc = parse(cli, argc, argv, &o, cases);
	if (rc)
		return rc;
	/* blocked before the server's thread starts, so that it inherits
	 * the mask and the signals come to sigwait below */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (serve_start(&s, &o, &err))
		return cli_fail(&err);
	if (serve_is_public(s))
		cli_warn(cli,
			 "listening on '%s', not loopback: anyone who "
			 "can reach it and has the URL reads the database",
			 o.listen);
	printf("%s\n", serve_url(s));
	fflush(stdout);
	cli_info(cli, "serving %zu case%s; Ctrl-C stops", o.n_cases,
		 o.n_cases == 1 ? "" : "s");
	sigwait(&set, &sig);
	cli_info(cli, "stopping (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
	serve_stop(s);
	return cli_finish(EXIT_OK);
}
