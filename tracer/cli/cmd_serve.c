/*
 * tracer serve - the case graph in the browser: starts the server of
 * tracer/serve on the loopback interface, prints its URL and serves until
 * SIGINT or SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracer/cli/commands.h"
#include "tracer/serve/serve.h"

const char CMD_SERVE_USAGE[] =
	"tracer serve [--case FILE]... [--listen ADDR:PORT] [--open]\n"
	"\n"
	"Serves an interactive graph of the cases in the browser, over the\n"
	"database (read only): search, the flow graph, expanding the\n"
	"frontier, the policies side by side, notes on nodes and edges\n"
	"saved into the case file, downloads with the bytes of 'tracer\n"
	"report' and 'tracer export'. Prints one URL with a random\n"
	"session token and serves until Ctrl-C. docs/serve.md documents the\n"
	"page and its JSON API.\n"
	"\n"
	"Options:\n"
	"  --case FILE          a case to serve (repeatable, at most 64); the\n"
	"                       only files a request can reach (its notes)\n"
	"  --listen ADDR:PORT   IPv4 address and port (default 127.0.0.1 on a\n"
	"                       free port); another address than loopback\n"
	"                       exposes the database: a warning says so\n"
	"  --open               open the URL in the browser: $BROWSER (its\n"
	"                       first ':'-separated command), else xdg-open;\n"
	"                       failing to is a warning\n"
	"\n"
	"Exit status: 0 after SIGINT or SIGTERM, 1 error, 2 usage.\n";

static int parse(struct cli *cli, int argc, char **argv, struct serve_opts *o,
		 const char **cases, bool *open_url)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, 'l' },
		{ "open", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'l') {
			o->listen = optarg;
		} else if (c == 'o') {
			*open_url = true;
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

/*
 * --open: runs $BROWSER's first command (no shell), else xdg-open, with
 * the URL, without waiting for it (a browser may run until closed). An
 * exec that fails comes back through a close-on-exec pipe: a warning.
 * The child gets the signals the server blocked back, and /dev/null.
 */
static void open_browser(struct cli *cli, const char *url, pid_t *pid)
{
	const char *env = getenv("BROWSER");
	char cmd[1024];
	int fds[2], null, child_errno = 0;
	sigset_t all;
	ssize_t n;

	snprintf(cmd, sizeof(cmd), "%s", env && *env ? env : "xdg-open");
	cmd[strcspn(cmd, ":")] = '\0';
	if (!*cmd || pipe2(fds, O_CLOEXEC)) {
		cli_warn(cli, "--open: cannot start a browser; open %s", url);
		return;
	}
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	*pid = fork();
	if (*pid == 0) {
		sigfillset(&all);
		pthread_sigmask(SIG_UNBLOCK, &all, NULL);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execlp(cmd, cmd, url, (char *)NULL);
		child_errno = errno;
		if (write(fds[1], &child_errno, sizeof(child_errno)) < 0)
			_exit(127);
		_exit(127);
	}
	close(fds[1]);
	if (null >= 0)
		close(null);
	if (*pid < 0) {
		cli_warn(cli, "--open: cannot start '%s' (%s); open the URL",
			 cmd, strerror(errno));
		close(fds[0]);
		return;
	}
	do
		n = read(fds[0], &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close(fds[0]);
	if (n > 0) {
		cli_warn(cli, "--open: cannot run '%s' (%s); open the URL", cmd,
			 strerror(child_errno));
		waitpid(*pid, NULL, 0);
		*pid = -1;
	}
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *cases[SERVE_CASES_MAX];
	struct serve_opts o = { .store = cli->store,
				.db_path = cli->db_path,
				.case_paths = cases };
	struct trc_error err = TRC_ERROR_INIT;
	struct serve *s = NULL;
	bool open_url = false;
	pid_t browser = -1;
	sigset_t set;
	int rc, sig;

	rc = parse(cli, argc, argv, &o, cases, &open_url);
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
	if (open_url)
		open_browser(cli, serve_url(s), &browser);
	cli_info(cli, "serving %zu case%s; Ctrl-C stops", o.n_cases,
		 o.n_cases == 1 ? "" : "s");
	sigwait(&set, &sig);
	cli_info(cli, "stopping (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
	serve_stop(s);
	if (browser > 0) /* reaped if done; a browser still open runs on */
		waitpid(browser, NULL, WNOHANG);
	return cli_finish(EXIT_OK);
}
