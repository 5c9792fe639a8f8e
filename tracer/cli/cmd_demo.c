/*
 * tracer demo - the sample incident end to end, offline: generate a small
 * regtest chain as a blk file, ingest it with `crawl btc --blocks`, tag
 * the exchanges, trace, report and export into ./demo-out/, print the
 * summary. Each step runs this same binary as a user would (so the demo
 * exercises the real commands), into a database of its own.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/chaindb.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/trace_opts.h"
#include "tracer/demo/demo_gen.h"
#include "tracer/render/report_render.h"
#include "tracer/report/report.h"

const char CMD_DEMO_USAGE[] =
	"tracer demo [--out DIR]\n"
	"\n"
	"Runs a sample incident end to end without network or node: writes a\n"
	"small Bitcoin regtest chain as a blk file (a hacker drains an\n"
	"exchange's hot wallet; a peel chain, splits, a merge with clean\n"
	"coins, deposits to two tagged exchanges, funds left unspent),\n"
	"ingests it with 'crawl btc --blocks', tags the exchanges, traces\n"
	"the case and writes report.md, report.html, graph.dot and graph.svg\n"
	"(with Graphviz) into DIR, then prints the summary. The chain, the\n"
	"case and every number are the same on every run. The demo uses its\n"
	"own database DIR/db; --db is ignored. See docs/demo.md.\n"
	"\n"
	"Options:\n"
	"  --out DIR   where to write (default ./demo-out)\n";

#define DEMO_SOURCE "tracer demo (fictional entities)"

struct demo {
	struct cli *cli;
	const char *dir;
	char db[4096], blocks[4096], tags[4096], kase[4096], log[4096];
	char self[4096];
	struct demo_chain chain;
	char (*addr)[CHAIN_ADDR_MAX]; /* per wallet, from the database */
};

static int parse(struct cli *cli, int argc, char **argv, const char **dir)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'O')
			*dir = optarg;
		else
			return cli_bad_option(cli->cmd, c, argv);
	}
	if (optind < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind]);
	return EXIT_OK;
}

static int join(char *out, size_t size, const char *dir, const char *name)
{
	if ((size_t)snprintf(out, size, "%s/%s", dir, name) >= size)
		return cli_error("path too long: '%s'", dir);
	return EXIT_OK;
}

static int make_paths(struct demo *d)
{
	ssize_t n = readlink("/proc/self/exe", d->self, sizeof(d->self) - 1);

	if (n <= 0)
		return cli_error("cannot find this program's path: %s",
				 strerror(errno));
	d->self[n] = '\0';
	if (mkdir(d->dir, 0777) && errno != EEXIST)
		return cli_error("cannot create '%s': %s", d->dir,
				 strerror(errno));
	if (join(d->db, sizeof(d->db), d->dir, "db") ||
	    join(d->blocks, sizeof(d->blocks), d->dir, "blk00000.dat") ||
	    join(d->tags, sizeof(d->tags), d->dir, "tags.csv") ||
	    join(d->kase, sizeof(d->kase), d->dir, "case.json") ||
	    join(d->log, sizeof(d->log), d->dir, "demo.log"))
		return EXIT_ERROR;
	return EXIT_OK;
}

/* The last lines of the log, after a step failed. */
static void show_log_tail(const struct demo *d)
{
	struct buf b = BUF_INIT(1u << 24);
	const char *s, *p;
	int lines = 0;

	if (buf_read_file(&b, d->log, NULL)) {
		buf_release(&b);
		return;
	}
	s = buf_str(&b);
	for (p = s + b.len; p > s && lines < 15; p--)
		if (p[-1] == '\n' && p != s + b.len)
			lines++;
	fprintf(stderr, "%s", p);
	buf_release(&b);
}

/* Runs this binary with args (NULL-terminated), output to the log. */
static int step(const struct demo *d, const char *what, const char *const *args)
{
	pid_t pid;
	int status, fd;

	cli_info(d->cli, "demo: %s", what);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return cli_error("cannot run '%s': %s", what, strerror(errno));
	if (pid == 0) {
		fd = open(d->log, O_WRONLY | O_CREAT | O_APPEND, 0666);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		/* execv does not change the strings; its prototype predates
		 * const */
		execv(d->self, (char *const *)args);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return cli_error("waiting for '%s': %s", what,
					 strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return EXIT_OK;
	show_log_tail(d);
	return cli_error("demo step failed: %s (exit status %d; the whole "
			 "log is in '%s')",
			 what, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
			 d->log);
}

/* The addresses the crawler decoded for each wallet's first coin: the
 * demo never encodes an address itself. */
static int read_addresses(struct demo *d)
{
	struct store *s = NULL;
	struct trc_error err = TRC_ERROR_INIT;
	int rc = EXIT_OK;

	d->addr = calloc(d->chain.n_wallets, sizeof(*d->addr));
	if (!d->addr)
		return cli_error("out of memory");
	if (store_open(&s, d->db, 0, &err))
		return cli_fail(&err);
	for (size_t w = 0; w < d->chain.n_wallets && !rc; w++) {
		const struct demo_outpoint *o = &d->chain.first[w];
		struct rec_tx tx = REC_TX_INIT;
		bool found = false;

		if (o->vout == UINT32_MAX)
			continue; /* never received (none in this story) */
		if (chaindb_get_tx(s, CHAIN_BTC, o->txid, &tx, &found, &err))
			rc = cli_fail(&err);
		else if (!found || o->vout >= tx.n_out ||
			 !tx.out[o->vout].address)
			rc = o->height > 0 ? cli_error("demo: the crawl did "
						       "not store the coin of "
						       "'%s' (height %u)",
						       demo_wallets[w].name,
						       o->height)
					   : EXIT_OK;
		else
			snprintf(d->addr[w], CHAIN_ADDR_MAX, "%s",
				 tx.out[o->vout].address);
		rec_tx_release(&tx);
	}
	store_close(s);
	return rc;
}

static int write_tags(const struct demo *d)
{
	FILE *f = fopen(d->tags, "w");

	if (!f)
		return cli_error("cannot create '%s': %s", d->tags,
				 strerror(errno));
	/* the network column: importable into any database (docs/tags.md) */
	fputs("chain,address,entity,category,source,confidence,network\n", f);
	for (size_t w = 0; w < d->chain.n_wallets; w++)
		if (demo_wallets[w].entity && d->addr[w][0])
			fprintf(f, "btc,%s,%s,%s,%s,90,%s\n", d->addr[w],
				demo_wallets[w].entity,
				demo_wallets[w].category, DEMO_SOURCE,
				DEMO_NETWORK);
	if (fclose(f))
		return cli_error("cannot write '%s'", d->tags);
	return EXIT_OK;
}

static int write_case(const struct demo *d)
{
	struct trc_case k = CASE_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	int hacker = demo_wallet_index("hacker");
	int rc = EXIT_OK;

	k.name = strdup("Demo: Examplebit hot wallet drain (fictional)");
	k.chain = strdup("btc");
	k.network = strdup(DEMO_NETWORK);
	k.seeds = calloc(1, sizeof(*k.seeds));
	if (k.seeds)
		k.seeds[0] = strdup(d->addr[hacker]);
	k.n_seeds = 1;
	k.incident_time = DEMO_START_TIME + 2 * DEMO_BLOCK_SPACING;
	k.has_loss = true;
	k.loss_amount = amount_from_u64(4000000000ull);
	k.loss_source = strdup("docs/demo.md");
	k.policy = strdup("haircut");
	k.has_hops = true;
	k.hops = 5;
	k.notes = strdup("A sample incident generated by 'tracer demo': the "
			 "chain, the victim and the exchanges are invented.");
	if (!k.name || !k.chain || !k.network || !k.seeds || !k.seeds[0] ||
	    !k.loss_source || !k.policy || !k.notes)
		rc = cli_error("out of memory");
	else if (case_save(&k, d->kase, &err))
		rc = cli_fail(&err);
	case_release(&k);
	return rc;
}

static int pipeline(struct demo *d)
{
	struct trc_error err = TRC_ERROR_INIT;
	char md[4096], html[4096], dot[4096], svg[4096];
	const char *crawl[] = { d->self,      "-q",	 "--db",
				d->db,	      "crawl",	 "btc",
				"--blocks",   d->blocks, "--network",
				DEMO_NETWORK, NULL };
	const char *tag[] = { d->self, "-q",	 "--db",      d->db,
			      "tag",   "import", "--network", DEMO_NETWORK,
			      d->tags, NULL };
	const char *builtin[] = { d->self, "-q",     "--db",	  d->db,
				  "tag",   "import", "--builtin", NULL };
	const char *rep_md[] = { d->self,  "--db",  d->db,	"report",
				 "--case", d->kase, "--format", "md",
				 "-o",	   md,	    NULL };
	const char *rep_html[] = { d->self,  "--db",  d->db,	  "report",
				   "--case", d->kase, "--format", "html",
				   "-o",     html,    NULL };
	const char *exp[] = { d->self,	"--db",	 d->db,	     "export",
			      "--case", d->kase, "--format", "dot",
			      "-o",	dot,	 NULL };
	int rc;

	if (join(md, sizeof(md), d->dir, "report.md") ||
	    join(html, sizeof(html), d->dir, "report.html") ||
	    join(dot, sizeof(dot), d->dir, "graph.dot") ||
	    join(svg, sizeof(svg), d->dir, "graph.svg"))
		return EXIT_ERROR;
	cli_info(d->cli, "demo: writing the sample chain to %s", d->blocks);
	if (demo_gen_write(d->blocks, &d->chain, &err))
		return cli_fail(&err);
	rc = step(d, "crawl btc --blocks (verify and store every block)",
		  crawl);
	if (!rc)
		rc = read_addresses(d);
	if (!rc)
		rc = write_tags(d);
	if (!rc)
		rc = step(d, "tag import (the two exchanges, the hacker)", tag);
	if (!rc)
		rc = step(d, "tag import --builtin (the curated public tags)",
			  builtin);
	if (!rc)
		rc = write_case(d);
	if (!rc)
		rc = step(d, "report --format md", rep_md);
	if (!rc)
		rc = step(d, "report --format html", rep_html);
	if (!rc)
		rc = step(d, "export --format dot", exp);
	if (!rc && report_render_file(dot, svg, &err)) {
		cli_warn(d->cli, "no graph.svg: %s", err.msg);
		unlink(svg);
	}
	return rc;
}

static void print_summary(const struct demo *d, const struct report_case *c,
			  bool have_svg)
{
	const struct trace_result *res = c->res;
	char a[5][AMOUNT_STR_MAX], share[32];

	printf("Demo incident: %s\n", c->kase.name);
	printf("  seed %s (policy %s, hop limit %u), chain btc %s\n",
	       res->n_seeds ? res->seeds[0] : "-",
	       trace_policy_name(res->policy), res->hops, DEMO_NETWORK);
	for (uint32_t i = 0; i < res->n_assets; i++) {
		const struct trace_asset *x = &res->assets[i];

		printf("  %s: seed total %s = exits %s + held %s + fees %s + "
		       "unresolved %s (%s)\n",
		       x->asset,
		       report_amount(a[0], sizeof(a[0]), res, i, x->seed_total),
		       report_amount(a[1], sizeof(a[1]), res, i,
				     x->exits_total),
		       report_amount(a[2], sizeof(a[2]), res, i, x->held),
		       report_amount(a[3], sizeof(a[3]), res, i, x->fees),
		       report_amount(a[4], sizeof(a[4]), res, i, x->unresolved),
		       x->balanced ? "balanced" : "NOT balanced");
	}
	printf("  reached exchanges (illicit proceeds estimate):\n");
	for (size_t i = 0; i < c->n_entities; i++) {
		const struct report_entity *e = &c->entities[i];

		printf("    %-22s %-9s %14s %s  %s of the seed total\n",
		       e->entity, report_category(e->category),
		       report_amount(a[0], sizeof(a[0]), res, e->asset,
				     e->amount),
		       res->assets[e->asset].asset,
		       report_seed_share(share, sizeof(share), res, e->asset,
					 e->amount));
	}
	printf("Files in %s/: report.md, report.html, graph.dot%s\n", d->dir,
	       have_svg ? ", graph.svg" : " (graph.svg needs Graphviz)");
	printf("  also case.json, tags.csv, blk00000.dat, db/ (tracer --db "
	       "%s ...), demo.log\n",
	       d->db);
	printf("Open %s/report.html in a browser.\n", d->dir);
}

static int summary(const struct demo *d)
{
	struct store *s = NULL;
	struct trc_error err = TRC_ERROR_INIT;
	struct case_overrides none;
	struct report r = REPORT_INIT;
	struct trc_case k = CASE_INIT;
	const struct chain_ops *ops;
	struct trace_result *res = NULL;
	char svg[4096];
	struct stat st;
	int rc;

	case_overrides_init(&none);
	if (store_open(&s, d->db, 0, &err))
		return cli_fail(&err);
	d->cli->store = s; /* the demo's own database, for this trace */
	rc = trace_cli_case(d->cli, &none, d->kase, NULL, &k, &ops, &res, NULL);
	d->cli->store = NULL;
	if (!rc && (report_add_case(&r, d->kase, &k, ops, res, &err) ||
		    report_compute(&r, &err))) {
		rc = cli_fail(&err);
		if (!r.n_cases)
			trace_result_free(res);
	}
	if (!rc && join(svg, sizeof(svg), d->dir, "graph.svg") == EXIT_OK)
		print_summary(d, &r.cases[0], stat(svg, &st) == 0);
	report_release(&r);
	case_release(&k);
	store_close(s);
	return rc;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	struct demo d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.cli = cli;
	d.dir = "demo-out";
	rc = parse(cli, argc, argv, &d.dir);
	if (!rc)
		rc = make_paths(&d);
	if (!rc)
		unlink(d.log); /* a fresh log for this run */
	if (!rc)
		rc = pipeline(&d);
	if (!rc)
		rc = summary(&d);
	demo_chain_release(&d.chain);
	free(d.addr);
	return rc;
}
