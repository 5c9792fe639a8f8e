/*
 * tracer case init|check|link - write a case file from the command line,
 * validate one (docs/cases.md), or add a stated cross-chain link to one
 * (docs/crosschain.md).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "base/strv.h"
#include "base/utf8.h"
#include "store/chaindb.h"
#include "tracer/case/case.h"
#include "tracer/case/case_xlink.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"

const char CMD_CASE_USAGE[] =
	"tracer case init FILE --chain C --seed S [--seed S...] [options]\n"
	"tracer case check FILE [--json]\n"
	"tracer case link FILE --from CHAIN:TXID:N --to CHAIN:TXID:N\n"
	"                 [--evidence TEXT] [--confidence high|medium|low]\n"
	"\n"
	"  init    write a new case file (refused if FILE exists, unless\n"
	"          --force); it is validated before it is written\n"
	"  check   validate FILE and print what it holds; errors name the\n"
	"          field ('seeds[2]', 'limits.hops')\n"
	"  link    add a stated cross-chain link (docs/crosschain.md): the\n"
	"          two outputs (legs) are read from the database, their\n"
	"          values and assets written with the link; the file is\n"
	"          rewritten atomically (confidence default medium)\n"
	"\n"
	"Options of init:\n"
	"  --chain C            btc or eth (required)\n"
	"  --seed S             an address or TXID:N output; repeat, or give\n"
	"                       several separated by commas (required)\n"
	"  --name NAME          the case's name (default: FILE without .json)\n"
	"  --network N          the chain's network (default: the one the\n"
	"                       database records, else main)\n"
	"  --incident-time T    2017-05-12T07:44:00Z, 2017-05-12 or seconds\n"
	"  --loss AMOUNT        reported loss: base units (satoshi, wei) or\n"
	"                       with a unit (40btc, 1.5 BTC, 0.2eth, 30gwei)\n"
	"  --loss-source URL    where the loss was reported\n"
	"  --policy P           poison, haircut, fifo, lifo or tiho\n"
	"  --hops N             hop limit\n"
	"  --min AMOUNT         smallest amount followed (as --loss)\n"
	"  --since T, --until T time window of the trace\n"
	"  --hub-txs N          stop at untagged addresses with more txs\n"
	"  --stop-at CAT,...    tag categories the trace stops at ('none':\n"
	"                       no exits)\n"
	"  --notes TEXT         free text\n"
	"  --force              overwrite FILE\n"
	"\n"
	"Exit status: 0 ok (check: the case is valid), 1 error, 2 usage.\n";

enum {
	OPT_CHAIN = 256,
	OPT_SEED,
	OPT_NAME,
	OPT_NETWORK,
	OPT_TIME,
	OPT_LOSS,
	OPT_LOSS_SOURCE,
	OPT_POLICY,
	OPT_HOPS,
	OPT_MIN,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_HUB,
	OPT_STOP,
	OPT_NOTES,
	OPT_FORCE,
	OPT_JSON,
	OPT_FROM,
	OPT_TO,
	OPT_EVIDENCE,
	OPT_CONFIDENCE,
};

static const struct option case_opts[] = {
	{ "chain", required_argument, NULL, OPT_CHAIN },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "network", required_argument, NULL, OPT_NETWORK },
	{ "incident-time", required_argument, NULL, OPT_TIME },
	{ "loss", required_argument, NULL, OPT_LOSS },
	{ "loss-source", required_argument, NULL, OPT_LOSS_SOURCE },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "hops", required_argument, NULL, OPT_HOPS },
	{ "min", required_argument, NULL, OPT_MIN },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "hub-txs", required_argument, NULL, OPT_HUB },
	{ "stop-at", required_argument, NULL, OPT_STOP },
	{ "notes", required_argument, NULL, OPT_NOTES },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 },
};

struct init_args {
	struct trc_case c;
	bool force, json;
	const char *loss, *min; /* as given: parsed once the chain is known */
};

static int set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = strdup(s);
	return *dst ? 0 : -1;
}

static int parse_uint(struct cli *cli, const char *opt, const char *s,
		      uint64_t min, uint64_t max, unsigned *out)
{
	uint64_t v;
	int rc = cli_parse_uint(cli->cmd, opt, s, min, max, &v);

	if (!rc)
		*out = (unsigned)v;
	return rc;
}

static int parse_time(struct cli *cli, const char *opt, const char *s,
		      int64_t *t)
{
	struct trc_error err = TRC_ERROR_INIT;

	if (case_parse_time(s, t, &err))
		return cli_usage_error(cli->cmd, "%s: %s", opt, err.msg);
	return EXIT_OK;
}

/* --loss and --min in base units or with a unit of the chain. */
static int parse_amount(struct cli *cli, const struct chain_ops *ops,
			const char *opt, const char *s, trc_amount *a)
{
	struct trc_error err = TRC_ERROR_INIT;
	char v[AMOUNT_STR_MAX];
	bool unit;

	if (!s)
		return EXIT_OK;
	if (chain_amount_parse(ops, s, a, &unit, &err))
		return cli_usage_error(cli->cmd, "%s: %s", opt, err.msg);
	if (!unit)
		cli_info(cli, "%s %s = %s %s", opt, s,
			 amount_format(v, sizeof(v), *a, ops->decimals, true),
			 ops->asset);
	return EXIT_OK;
}

static int init_opt(struct cli *cli, struct init_args *a, int c)
{
	struct trc_case *k = &a->c;
	int bad = 0;

	/* a case file is JSON: its text must be UTF-8 */
	if (optarg && !utf8_valid_str(optarg))
		return cli_usage_error(cli->cmd, "option values must be UTF-8 "
						 "text");
	switch (c) {
	case OPT_CHAIN:
		bad = set_str(&k->chain, optarg);
		break;
	case OPT_SEED:
		bad = strv_split(&k->seeds, &k->n_seeds, optarg, ',', NULL) !=
		      TRC_OK;
		break;
	case OPT_NAME:
		bad = set_str(&k->name, optarg);
		break;
	case OPT_NETWORK:
		bad = set_str(&k->network, optarg);
		break;
	case OPT_LOSS_SOURCE:
		bad = set_str(&k->loss_source, optarg);
		break;
	case OPT_POLICY:
		bad = set_str(&k->policy, optarg);
		break;
	case OPT_NOTES:
		bad = set_str(&k->notes, optarg);
		break;
	case OPT_STOP: /* 'none', as trace --stop-at: an empty list */
		if (!strcmp(optarg, "none"))
			bad = !k->stop_at &&
			      !(k->stop_at = calloc(1, sizeof(*k->stop_at)));
		else
			bad = strv_split(&k->stop_at, &k->n_stop_at, optarg,
					 ',', NULL) != TRC_OK;
		break;
	case OPT_FORCE:
		a->force = true;
		break;
	case OPT_JSON:
		a->json = true;
		break;
	case OPT_TIME:
		return parse_time(cli, "--incident-time", optarg,
				  &k->incident_time);
	case OPT_SINCE:
		return parse_time(cli, "--since", optarg, &k->since);
	case OPT_UNTIL:
		return parse_time(cli, "--until", optarg, &k->until);
	case OPT_LOSS:
		k->has_loss = true;
		a->loss = optarg;
		return EXIT_OK;
	case OPT_MIN:
		k->has_min = true;
		a->min = optarg;
		return EXIT_OK;
	case OPT_HOPS:
		k->has_hops = true;
		return parse_uint(cli, "--hops", optarg, 1, CASE_HOPS_MAX,
				  &k->hops);
	case OPT_HUB:
		k->has_hub_txs = true;
		return parse_uint(cli, "--hub-txs", optarg, 0, CASE_HUB_MAX,
				  &k->hub_txs);
	default:
		return -1;
	}
	return bad ? cli_error("out of memory") : EXIT_OK;
}

/* The file name without its directory and a ".json" ending. */
static char *default_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".json"))
		n -= 5;
	return strndup(base, n);
}

/* The one network rule: without --network, the one the database (when
 * there is one) records for the chain; else the case leaves it out and
 * the chain's default (main) applies. */
static int default_network(struct cli *cli, struct trc_case *c)
{
	const struct chain_ops *ops = chain_find(c->chain);
	struct trc_error err = TRC_ERROR_INIT;

	if (c->network || !cli->store || !ops)
		return EXIT_OK;
	if (chaindb_get_network(cli->store, ops->id, &c->network, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

/*
 * Each seed read as an address (or TXID:N) of the case's chain and network
 * (addrarg.h), kept trimmed and canonical. given: --network was given.
 */
static int check_seeds(struct trc_case *c, bool given)
{
	const struct chain_ops *ops;
	struct addrarg aa = { NULL, NULL, ADDRARG_DEFAULT,
			      "give TXID:N for an output" };
	char out[256];
	int rc = addrarg_chain(c->chain, &ops);

	if (rc)
		return rc;
	aa.chain = ops;
	aa.network = c->network ? c->network : ops->default_network;
	aa.from = given	       ? ADDRARG_GIVEN
		  : c->network ? ADDRARG_DATABASE
			       : ADDRARG_DEFAULT;
	if (ops->network_valid && !ops->network_valid(aa.network))
		return EXIT_OK; /* case_save names the network */
	for (size_t i = 0; i < c->n_seeds && !rc; i++) {
		rc = case_seed_is_outpoint(c->seeds[i])
			     ? addrarg_outpoint(&aa, c->seeds[i], out,
						sizeof(out))
			     : addrarg_address(&aa, c->seeds[i], out);
		if (!rc && set_str(&c->seeds[i], out))
			rc = cli_error("out of memory");
	}
	return rc;
}

static int run_init(struct cli *cli, int argc, char **argv)
{
	struct init_args a = { CASE_INIT, false, false, NULL, NULL };
	struct trc_error err = TRC_ERROR_INIT;
	const char *path;
	bool given_net;
	int c, rc = EXIT_OK;

	opterr = 0;
	while (!rc && (c = getopt_long(argc, argv, ":", case_opts, NULL)) != -1)
		if ((rc = init_opt(cli, &a, c)) < 0)
			rc = cli_bad_option(cli->cmd, c, argv);
	if (rc)
		goto cleanup;
	if (optind + 1 != argc) {
		rc = cli_usage_error(cli->cmd,
				     optind >= argc
					     ? "case init needs a FILE"
					     : "unexpected argument '%s'",
				     argv[argc - 1]);
		goto cleanup;
	}
	path = argv[optind];
	if (!a.c.chain || !a.c.n_seeds) {
		rc = cli_usage_error(cli->cmd, "case init needs --chain and "
					       "--seed");
		goto cleanup;
	}
	given_net = a.c.network != NULL;
	if ((rc = default_network(cli, &a.c)) ||
	    (rc = check_seeds(&a.c, given_net)) ||
	    (rc = parse_amount(cli, chain_find(a.c.chain), "--loss", a.loss,
			       &a.c.loss_amount)) ||
	    (rc = parse_amount(cli, chain_find(a.c.chain), "--min", a.min,
			       &a.c.min)))
		goto cleanup;
	if (!a.c.name && !utf8_valid_str(path)) {
		rc = cli_usage_error(cli->cmd, "the file name is not UTF-8 "
					       "text: give --name");
		goto cleanup;
	}
	if (!a.c.name && !(a.c.name = default_name(path))) {
		rc = cli_error("out of memory");
		goto cleanup;
	}
	if (!a.force && access(path, F_OK) == 0) {
		rc = cli_error("'%s' exists (give --force to overwrite it)",
			       path);
		goto cleanup;
	}
	if (case_save(&a.c, path, &err))
		rc = cli_fail(&err);
	else
		cli_info(cli, "wrote case '%s' to %s", a.c.name, path);
cleanup:
	case_release(&a.c);
	return rc;
}

static json_t *case_summary_json(const struct trc_case *c)
{
	json_t *o = json_object(), *seeds = json_array();

	json_object_set_new(o, "valid", json_true());
	json_object_set_new(o, "name", json_string(c->name));
	json_object_set_new(o, "chain", json_string(c->chain));
	json_object_set_new(o, "network",
			    c->network ? json_string(c->network) : json_null());
	for (size_t i = 0; i < c->n_seeds; i++)
		json_array_append_new(seeds, json_string(c->seeds[i]));
	json_object_set_new(o, "seeds", seeds);
	rjson_set_time_or_null(o, "incident_time", c->incident_time,
			       c->incident_time != CASE_TIME_NONE);
	json_object_set_new(o, "policy",
			    json_string(c->policy ? c->policy : "haircut"));
	return o;
}

/* The limits the case sets (absent ones are left to trace's defaults). */
static void print_limits(const struct trc_case *c)
{
	char t[21], amt[AMOUNT_STR_MAX];

	if (c->has_hops)
		printf("hops      %u\n", c->hops);
	if (c->has_min)
		printf("min       %s base units\n",
		       amount_format(amt, sizeof(amt), c->min, 0, false));
	if (c->since != CASE_TIME_NONE) {
		date_format_iso(c->since, t);
		printf("since     %s\n", t);
	}
	if (c->until != CASE_TIME_NONE) {
		date_format_iso(c->until, t);
		printf("until     %s\n", t);
	}
	if (c->has_hub_txs)
		printf("hub txs   %u\n", c->hub_txs);
	if (c->stop_at) {
		printf("stop at  ");
		for (size_t i = 0; i < c->n_stop_at; i++)
			printf("%s%s", i ? "," : " ", c->stop_at[i]);
		printf("%s\n", c->n_stop_at ? "" : " none");
	}
}

static void print_summary(const struct trc_case *c, const char *path)
{
	char t[21], amt[AMOUNT_STR_MAX];

	printf("case      %s (%s)\n", c->name, path);
	printf("chain     %s %s\n", c->chain, c->network ? c->network : "");
	for (size_t i = 0; i < c->n_seeds; i++)
		printf("seed      %s\n", c->seeds[i]);
	if (c->incident_time != CASE_TIME_NONE) {
		date_format_iso(c->incident_time, t);
		printf("incident  %s\n", t);
	}
	if (c->has_loss)
		printf("loss      %s base units%s%s\n",
		       amount_format(amt, sizeof(amt), c->loss_amount, 0,
				     false),
		       c->loss_source ? ", source " : "",
		       c->loss_source ? c->loss_source : "");
	printf("policy    %s\n", c->policy ? c->policy : "haircut (default)");
	print_limits(c);
	if (c->notes)
		printf("notes     %s\n", c->notes);
	for (size_t i = 0; i < c->n_edge_notes; i++)
		printf("edge note %s -> %s: %s\n", c->edge_notes[i].from,
		       c->edge_notes[i].to, c->edge_notes[i].text);
	for (size_t i = 0; i < c->n_node_notes; i++)
		printf("node note %s: %s\n", c->node_notes[i].node,
		       c->node_notes[i].text);
}

static int run_check(struct cli *cli, int argc, char **argv)
{
	struct trc_case c = CASE_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	bool json = cli->json;
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", case_opts, NULL)) != -1) {
		if (ch != OPT_JSON)
			return ch == '?' || ch == ':'
				       ? cli_bad_option(cli->cmd, ch, argv)
				       : cli_usage_error(cli->cmd,
							 "case check takes "
							 "only --json");
		json = true;
	}
	if (optind + 1 != argc)
		return cli_usage_error(cli->cmd, "case check needs one FILE");
	if (case_load(&c, argv[optind], &err))
		return cli_fail(&err);
	if (json) {
		ch = jsonout_emit(stdout, case_summary_json(&c));
	} else {
		print_summary(&c, argv[optind]);
		ch = EXIT_OK;
	}
	case_release(&c);
	return ch;
}

static const struct option link_opts[] = {
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "evidence", required_argument, NULL, OPT_EVIDENCE },
	{ "confidence", required_argument, NULL, OPT_CONFIDENCE },
	{ NULL, 0, NULL, 0 },
};

/* "CHAIN:TXID:N" into e (chain and txid copied). */
static int parse_end(struct cli *cli, const char *opt, const char *s,
		     struct xlink_end *e)
{
	const char *c1 = strchr(s, ':'), *c2 = strrchr(s, ':');
	uint64_t n;
	int rc;

	if (!c1 || c1 == c2 || c1 == s || c2 == c1 + 1)
		return cli_usage_error(cli->cmd, "%s: expected CHAIN:TXID:N",
				       opt);
	if ((rc = cli_parse_uint(cli->cmd, opt, c2 + 1, 0, UINT32_MAX, &n)))
		return rc;
	e->chain = strndup(s, (size_t)(c1 - s));
	e->txid = strndup(c1 + 1, (size_t)(c2 - c1 - 1));
	e->n = (uint32_t)n;
	if (!e->chain || !e->txid)
		return cli_error("out of memory");
	return EXIT_OK;
}

static int link_opt(struct cli *cli, struct xlink *l, int c, bool *from,
		    bool *to)
{
	enum xlink_confidence conf;

	switch (c) {
	case OPT_FROM:
		*from = true;
		return parse_end(cli, "--from", optarg, &l->from);
	case OPT_TO:
		*to = true;
		return parse_end(cli, "--to", optarg, &l->to);
	case OPT_EVIDENCE:
		free(l->evidence);
		return (l->evidence = strdup(optarg)) ? EXIT_OK
						      : cli_error("out of "
								  "memory");
	case OPT_CONFIDENCE:
		if (!xlink_confidence_from_name(optarg, &conf))
			return cli_usage_error(cli->cmd,
					       "--confidence: unknown level "
					       "'%s' (high, medium, low)",
					       optarg);
		l->confidence = (uint8_t)conf;
		return EXIT_OK;
	}
	return -1;
}

static int run_link(struct cli *cli, int argc, char **argv)
{
	struct trc_case k = CASE_INIT;
	struct xlink l = XLINK_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	bool from = false, to = false;
	int c, rc = EXIT_OK;

	opterr = 0;
	while (!rc && (c = getopt_long(argc, argv, ":", link_opts, NULL)) != -1)
		if ((rc = link_opt(cli, &l, c, &from, &to)) < 0)
			rc = cli_bad_option(cli->cmd, c, argv);
	if (!rc && (optind + 1 != argc || !from || !to))
		rc = cli_usage_error(cli->cmd, "case link needs one FILE, "
					       "--from and --to");
	if (!rc && !cli->store)
		rc = cli_error("case link reads both outputs from the "
			       "database: none at the --db path");
	if (rc)
		goto cleanup;
	if (case_load(&k, argv[optind], &err) ||
	    case_link_end_read(cli->store, &l.from, "--from", &err) ||
	    case_link_end_read(cli->store, &l.to, "--to", &err) ||
	    case_add_link(&k, &l, &err) || case_save(&k, argv[optind], &err))
		rc = cli_fail(&err);
	else
		cli_info(cli, "added links[%zu] to %s", k.n_links - 1,
			 argv[optind]);
cleanup:
	xlink_release(&l);
	case_release(&k);
	return rc;
}

int cmd_case(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(cli->cmd,
				       "case needs 'init', 'check' or 'link'");
	if (!strcmp(argv[1], "init"))
		return run_init(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "check"))
		return run_check(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "link"))
		return run_link(cli, argc - 1, argv + 1);
	return cli_usage_error(cli->cmd, "unknown case command '%s'", argv[1]);
}
