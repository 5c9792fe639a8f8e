/*
 * tracer crawl CHAIN SOURCE [range | follow] - pull verified blocks and
 * transactions from a node, an explorer or block files into the database.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/num.h"
#include "chains/chain.h"
#include "chains/crawl.h"
#include "chains/net/net.h"
#include "chains/thorchain/outbound.h"
#include "chains/thorchain/thornode.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/config.h"
#include "tracer/cli/jsonout.h"
#include "tracer/cli/progress.h"

const char CMD_CRAWL_USAGE[] =
	"tracer crawl CHAIN SOURCE [--from H] [--to H|tip] [options]\n"
	"tracer crawl btc --esplora URL --follow --seed ADDR|TXID:N... "
	"[options]\n"
	"tracer crawl btc|eth SOURCE --thornode URL --inbound HASH "
	"[--follow] [options]\n"
	"\n"
	"CHAIN: btc, eth, tron, ltc, bch, doge, bsc, polygon, avax, arbitrum,\n"
	"optimism, base (docs/chains.md).\n"
	"\n"
	"Sources (one; a URL may carry user:password or an API key, shown\n"
	"only as ***):\n"
	"  --rpc URL           a node's JSON-RPC (Bitcoin Core, bcoin,\n"
	"                      Litecoin Core, Bitcoin Cash Node, Dogecoin\n"
	"                      Core, an Ethereum node); default:\n"
	"                      $TRACER_<CHAIN>_RPC, then '<chain>.rpc =\n"
	"                      URL' in the 0600 file $TRACER_CONFIG or\n"
	"                      ~/.config/tracer/config\n"
	"                      (a password typed here is visible to other\n"
	"                      users of the machine: a warning says so)\n"
	"  --esplora URL       an Esplora REST API (btc, ltc)\n"
	"  --http URL          tron: a java-tron full node's HTTP API (port\n"
	"                      8090) or TronGrid; default: 'tron.http = URL'\n"
	"                      in the config file; $TRACER_TRON_API_KEY is\n"
	"                      sent as the TRON-PRO-API-KEY header\n"
	"  --blocks PATH       Bitcoin Core's blocks/ directory or a blk file\n"
	"                      (ltc, bch, doge: their node's, of its magic)\n"
	"  --rpc-cookie PATH   btc: the user and password for --rpc from\n"
	"                      Bitcoin Core's .cookie file\n"
	"  --datadir DIR       btc: Bitcoin Core's data directory, for its\n"
	"                      .cookie (DIR/.cookie, or DIR/<network>/.cookie\n"
	"                      with --network) when --rpc has no password\n"
	"\n"
	"Range ingest:\n"
	"  --from H            first height (default 0, or after the\n"
	"                      checkpoint: a crawl resumes where it stopped)\n"
	"  --to H|tip          last height (default tip); never past the\n"
	"                      tip minus --confirmations\n"
	"  --confirmations N   default 6 for btc and bch, 24 for ltc, 60 for\n"
	"                      doge, 64 for eth, 19 for tron\n"
	"  --skip-invalid      report records that fail verification and go\n"
	"                      on (default: stop at the first)\n"
	"  --cache MiB         memory for the database's buffers and the\n"
	"                      recent outputs inputs are resolved from\n"
	"                      (default 512, at least 16)\n"
	"\n"
	"Follow mode (btc --esplora; eth --rpc with trace_filter; tron\n"
	"--http on a TronGrid-compatible endpoint):\n"
	"  --follow            breadth-first from the seeds\n"
	"  --seed S            an address or TXID:N output; repeatable\n"
	"  --hops N            default 3\n"
	"  --max-txs N         stop after N transactions (default 10000)\n"
	"  --hub-txs N         do not expand an address with more than N\n"
	"                      transactions (default 1000)\n"
	"\n"
	"THORChain swaps (btc --esplora; eth and the EVM chains --rpc):\n"
	"  --thornode URL      a THORNode API (e.g. https://thornode.\n"
	"                      ninerealms.com): asked for the outbound of\n"
	"                      --inbound; only a pointer, never trusted\n"
	"  --inbound HASH      the swap's inbound tx on its own chain (any\n"
	"                      case, 0x allowed): its outbound on CHAIN is\n"
	"                      fetched, proven and stored only when it\n"
	"                      carries the memo OUT:HASH itself (EVM: in\n"
	"                      its TransferOut event) and pays\n"
	"                      the address the node named; with --follow\n"
	"                      that address is a seed (besides any --seed)\n"
	"\n"
	"Other options:\n"
	"  --network NAME      btc: main, test, regtest, bcoin-regtest, ...;\n"
	"                      ltc, bch, doge: main, test, regtest\n"
	"  --chain-id N        eth: refuse a node of another chain\n"
	"  --traces auto|none  eth: internal transfers from call traces\n"
	"                      (none: they are missing; a warning says so)\n"
	"  --verify-balances auto|on|off\n"
	"                      eth: prove each range's ETH balances with\n"
	"                      eth_getProof (auto: when the node serves it)\n"
	"  --json              print the summary as JSON\n"
	"\n"
	"Requests (also 'crawl.<name> = value' in the config file):\n"
	"  --jobs N            parallel requests (default 4); with --blocks,\n"
	"                      workers decoding and verifying blocks beside\n"
	"                      the writer (default: one per core; 1: all in\n"
	"                      one thread)\n"
	"  --rate R            at most R requests per second\n"
	"  --timeout S         an attempt that receives less than --min-speed\n"
	"                      for S seconds (no answer, a stall, a trickle)\n"
	"                      times out (default 30)\n"
	"  --min-speed B       bytes per second (default 100; 0: no limit)\n"
	"  --connect-timeout S default 10\n"
	"  --max-time S        the most one request may take, its retries\n"
	"                      and back-off included (default 120)\n"
	"  --retries N         retries of a failed request (default 5, with\n"
	"                      exponential back-off); each is reported\n"
	"\n"
	"Progress is shown on stderr when it is a terminal (-q silences it;\n"
	"-v prints a line per block when it is not);\n"
	"a summary goes to stdout. Ctrl-C (or SIGTERM) aborts the requests in\n"
	"flight and stops at once; what is stored is whole blocks only, and\n"
	"the same command resumes after the last of them.\n"
	"Exit status: 0 ok, 1 error, 2 usage, 130 SIGINT, 143 SIGTERM.\n";

/* The transport settings: options and config keys of the same names. */
enum net_key {
	K_JOBS,
	K_RATE,
	K_TIMEOUT,
	K_MIN_SPEED,
	K_CONNECT,
	K_MAX_TIME,
	K_RETRIES,
	K_COUNT
};
static const char *const net_keys[K_COUNT] = {
	"jobs",	    "rate",    "timeout", "min-speed", "connect-timeout",
	"max-time", "retries",
};

struct crawl_args {
	const struct chain_ops *chain;
	struct source_cfg cfg;
	struct net_opts net;
	const char *net_vals[K_COUNT]; /* as given on the command line */
	const char *cookie, *datadir;
	bool url_inline; /* the URL came from argv */
	char *url_owned;
	struct crawl_opts range;
	bool follow, json;
	const char *thornode, *inbound;
	char inbound_norm[65];
	const char **seeds;
	uint32_t n_seeds;
	uint32_t hops, max_txs, hub_txs;
	uint32_t cache_mib;
};

/* --cache: default and least, in MiB */
#define CACHE_MIB_DEFAULT 512u
#define CACHE_MIB_MIN 16u

/* The signal that asked to stop (SIGINT, SIGTERM), 0 while none did. */
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	stop_requested = sig;
	signal(sig, SIG_DFL); /* a second one ends the process at once */
}

static int set_source(struct crawl_args *a, const struct command *cmd,
		      const char *kind, const char *loc)
{
	if (a->cfg.kind)
		return cli_usage_error(cmd, "give one of --rpc, --esplora, "
					    "--http, --blocks");
	a->cfg.kind = kind;
	a->cfg.location = loc;
	a->url_inline = strcmp(kind, "blocks") != 0;
	return EXIT_OK;
}

static int add_seed(struct crawl_args *a, const char *s)
{
	const char **n = realloc(a->seeds, (a->n_seeds + 1) * sizeof(*n));

	if (!n)
		return cli_error("out of memory");
	a->seeds = n;
	a->seeds[a->n_seeds++] = s;
	return EXIT_OK;
}

enum {
	O_NET = 256, /* O_NET + enum net_key */
	O_RPC = O_NET + K_COUNT,
	O_ESPLORA,
	O_HTTP,
	O_BLOCKS,
	O_FROM,
	O_TO,
	O_CONF,
	O_SKIP,
	O_NETWORK,
	O_CHAIN_ID,
	O_TRACES,
	O_VERIFY_BAL,
	O_JSON,
	O_FOLLOW,
	O_SEED,
	O_HOPS,
	O_MAX_TXS,
	O_HUB_TXS,
	O_COOKIE,
	O_DATADIR,
	O_CACHE,
	O_THORNODE,
	O_INBOUND,
};

/* Seconds (a decimal) into ms, 1 ms to a day. */
static bool parse_secs(const char *s, long *ms)
{
	char *end;
	double v;

	if (!s || !*s || *s == '-')
		return false;
	v = strtod(s, &end);
	if (*end || !(v > 0) || v > 86400)
		return false;
	*ms = (long)(v * 1000 + 0.5);
	if (*ms < 1)
		*ms = 1;
	return true;
}

/* A whole number of 32 bits (num_parse_u64, the one number parser). */
static bool parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;

	if (num_parse_u64(s, 0, UINT32_MAX, &v, NULL))
		return false;
	*out = (uint32_t)v;
	return true;
}

/* Sets one transport setting. Returns NULL, or what the value must be. */
static const char *set_net(struct net_opts *o, enum net_key k, const char *v)
{
	uint32_t n = 0;
	char *end;

	switch (k) {
	case K_JOBS:
		if (!parse_u32(v, &n) || n < 1 || n > 64)
			return "a number from 1 to 64";
		o->jobs = n;
		return NULL;
	case K_RATE:
		o->rate = strtod(v, &end);
		return *end || !*v || !(o->rate > 0) ? "a positive number"
						     : NULL;
	case K_TIMEOUT:
		return parse_secs(v, &o->stall_ms) ? NULL : "seconds";
	case K_CONNECT:
		return parse_secs(v, &o->connect_timeout_ms) ? NULL : "seconds";
	case K_MAX_TIME:
		return parse_secs(v, &o->timeout_ms) ? NULL : "seconds";
	case K_MIN_SPEED:
		if (!parse_u32(v, &n))
			return "bytes per second";
		o->min_speed = (long)n;
		return NULL;
	case K_RETRIES:
		if (!parse_u32(v, &n) || n > 100)
			return "a number from 0 to 100";
		o->retries = n;
		return NULL;
	default:
		return "known";
	}
}

/* The config file's crawl.<key>, then the command line's, over defaults. */
static int net_settings(struct crawl_args *a, const struct command *cmd)
{
	struct trc_error err = TRC_ERROR_INIT;

	for (int k = 0; k < K_COUNT; k++) {
		char key[64], *v = NULL;
		const char *bad;

		snprintf(key, sizeof(key), "crawl.%s", net_keys[k]);
		if (config_value(key, &v, &err))
			return cli_fail(&err);
		bad = v ? set_net(&a->net, (enum net_key)k, v) : NULL;
		free(v);
		if (bad)
			return cli_error("'%s' in the config file must be %s",
					 key, bad);
		if (a->net_vals[k] &&
		    (bad = set_net(&a->net, (enum net_key)k, a->net_vals[k])))
			return cli_usage_error(cmd, "--%s must be %s, not '%s'",
					       net_keys[k], bad,
					       a->net_vals[k]);
	}
	return EXIT_OK;
}

static int number(const struct command *cmd, const char *opt, const char *val,
		  uint32_t *out)
{
	uint64_t v;
	int rc = cli_parse_uint(cmd, opt, val, 0, UINT32_MAX, &v);

	if (!rc)
		*out = (uint32_t)v;
	return rc;
}

static int parse_one(struct crawl_args *a, const struct command *cmd, int c,
		     char **argv)
{
	if (c >= O_NET && c < O_NET + K_COUNT) {
		a->net_vals[c - O_NET] = optarg;
		return EXIT_OK;
	}
	switch (c) {
	case O_RPC:
		return set_source(a, cmd, "rpc", optarg);
	case O_ESPLORA:
		return set_source(a, cmd, "esplora", optarg);
	case O_HTTP:
		return set_source(a, cmd, "http", optarg);
	case O_BLOCKS:
		return set_source(a, cmd, "blocks", optarg);
	case O_FROM:
		a->range.from_given = true;
		return number(cmd, "--from", optarg, &a->range.from);
	case O_TO:
		if (!strcmp(optarg, "tip")) {
			a->range.to = CRAWL_TO_TIP;
			return EXIT_OK;
		}
		return number(cmd, "--to", optarg, &a->range.to);
	case O_CONF:
		return number(cmd, "--confirmations", optarg,
			      &a->range.confirmations);
	case O_SKIP:
		a->range.skip_invalid = true;
		return EXIT_OK;
	case O_NETWORK:
		a->cfg.network = optarg;
		return EXIT_OK;
	case O_CHAIN_ID:
		return cli_parse_uint(cmd, "--chain-id", optarg, 1, UINT64_MAX,
				      &a->cfg.chain_id);
	case O_VERIFY_BAL:
		if (strcmp(optarg, "auto") && strcmp(optarg, "on") &&
		    strcmp(optarg, "off"))
			return cli_usage_error(cmd, "--verify-balances is "
						    "auto, on or off");
		a->cfg.verify_balances = optarg;
		return EXIT_OK;
	case O_TRACES:
		if (strcmp(optarg, "auto") && strcmp(optarg, "none"))
			return cli_usage_error(cmd, "--traces is auto or none");
		a->cfg.traces = optarg;
		return EXIT_OK;
	case O_COOKIE:
		a->cookie = optarg;
		return EXIT_OK;
	case O_DATADIR:
		a->datadir = optarg;
		return EXIT_OK;
	case O_JSON:
		a->json = true;
		return EXIT_OK;
	case O_FOLLOW:
		a->follow = true;
		return EXIT_OK;
	case O_SEED:
		return add_seed(a, optarg);
	case O_THORNODE:
		a->thornode = optarg;
		return EXIT_OK;
	case O_INBOUND:
		a->inbound = optarg;
		return EXIT_OK;
	case O_HOPS:
		return number(cmd, "--hops", optarg, &a->hops);
	case O_MAX_TXS:
		return number(cmd, "--max-txs", optarg, &a->max_txs);
	case O_HUB_TXS:
		return number(cmd, "--hub-txs", optarg, &a->hub_txs);
	case O_CACHE:
		return number(cmd, "--cache", optarg, &a->cache_mib) ||
				       a->cache_mib < CACHE_MIB_MIN
			       ? cli_usage_error(cmd,
						 "--cache must be at least "
						 "%u (MiB), not '%s'",
						 CACHE_MIB_MIN, optarg)
			       : EXIT_OK;
	default:
		return cli_bad_option(cmd, c, argv);
	}
}

static int parse(struct cli *cli, int argc, char **argv, struct crawl_args *a)
{
	static const struct option opts[] = {
		{ "rpc", required_argument, NULL, O_RPC },
		{ "esplora", required_argument, NULL, O_ESPLORA },
		{ "http", required_argument, NULL, O_HTTP },
		{ "blocks", required_argument, NULL, O_BLOCKS },
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "confirmations", required_argument, NULL, O_CONF },
		{ "skip-invalid", no_argument, NULL, O_SKIP },
		{ "network", required_argument, NULL, O_NETWORK },
		{ "chain-id", required_argument, NULL, O_CHAIN_ID },
		{ "traces", required_argument, NULL, O_TRACES },
		{ "verify-balances", required_argument, NULL, O_VERIFY_BAL },
		{ "jobs", required_argument, NULL, O_NET + K_JOBS },
		{ "rate", required_argument, NULL, O_NET + K_RATE },
		{ "timeout", required_argument, NULL, O_NET + K_TIMEOUT },
		{ "min-speed", required_argument, NULL, O_NET + K_MIN_SPEED },
		{ "connect-timeout", required_argument, NULL,
		  O_NET + K_CONNECT },
		{ "max-time", required_argument, NULL, O_NET + K_MAX_TIME },
		{ "retries", required_argument, NULL, O_NET + K_RETRIES },
		{ "rpc-cookie", required_argument, NULL, O_COOKIE },
		{ "datadir", required_argument, NULL, O_DATADIR },
		{ "json", no_argument, NULL, O_JSON },
		{ "follow", no_argument, NULL, O_FOLLOW },
		{ "seed", required_argument, NULL, O_SEED },
		{ "hops", required_argument, NULL, O_HOPS },
		{ "max-txs", required_argument, NULL, O_MAX_TXS },
		{ "hub-txs", required_argument, NULL, O_HUB_TXS },
		{ "cache", required_argument, NULL, O_CACHE },
		{ "thornode", required_argument, NULL, O_THORNODE },
		{ "inbound", required_argument, NULL, O_INBOUND },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	a->json = cli->json;
	net_opts_default(&a->net);
	a->cfg.net = &a->net;
	a->range.to = CRAWL_TO_TIP;
	a->range.confirmations = UINT32_MAX;
	a->hops = 3;
	a->max_txs = 10000;
	a->hub_txs = 1000;
	a->cache_mib = CACHE_MIB_DEFAULT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1)
		if ((rc = parse_one(a, cli->cmd, c, argv)))
			return rc;
	if (optind >= argc)
		return cli_usage_error(cli->cmd, "crawl needs a chain (%s)",
				       chain_names());
	a->chain = chain_find(argv[optind]);
	if (!a->chain)
		return cli_usage_error(cli->cmd, "unknown chain '%s' (%s)",
				       argv[optind], chain_names());
	if (optind + 1 < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind + 1]);
	if (a->range.confirmations == UINT32_MAX)
		a->range.confirmations = a->chain->default_confirmations;
	if (!a->thornode != !a->inbound)
		return cli_usage_error(cli->cmd, "--thornode and --inbound go "
						 "together");
	if (a->thornode && (a->range.from_given || a->range.to != CRAWL_TO_TIP))
		return cli_usage_error(cli->cmd, "--thornode takes no range "
						 "(--from, --to)");
	if (a->follow && !a->n_seeds && !a->thornode)
		return cli_usage_error(cli->cmd, "--follow needs --seed");
	if (!a->follow && a->n_seeds)
		return cli_usage_error(cli->cmd, "--seed needs --follow");
	if (a->range.to != CRAWL_TO_TIP && a->range.from > a->range.to)
		return cli_usage_error(cli->cmd, "--from %u is above --to %u",
				       a->range.from, a->range.to);
	if ((a->cookie || a->datadir) && strcmp(a->chain->name, "btc"))
		return cli_usage_error(cli->cmd, "--rpc-cookie and --datadir "
						 "are for btc");
	return net_settings(a, cli->cmd);
}

/* $TRACER_<CHAIN>_API_KEY, for sources that send a key header (tron). */
static void api_key(struct crawl_args *a)
{
	char env[48];
	const char *v;

	snprintf(env, sizeof(env), "TRACER_%s_API_KEY", a->chain->name);
	for (char *p = env; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	v = getenv(env);
	a->cfg.api_key = v && *v ? v : NULL;
}

/* No source option: the environment or the config file. */
static int default_source(struct crawl_args *a, const struct command *cmd)
{
	static const char *const kinds[] = { "rpc", "esplora", "http" };
	struct trc_error err = TRC_ERROR_INIT;
	char env[32];

	if (a->cfg.kind)
		return EXIT_OK;
	for (size_t i = 0; i < 3; i++) {
		if (config_source_url(a->chain->name, kinds[i], &a->url_owned,
				      &err))
			return cli_fail(&err);
		if (a->url_owned) {
			a->cfg.kind = kinds[i];
			a->cfg.location = a->url_owned;
			return EXIT_OK;
		}
	}
	snprintf(env, sizeof(env), "TRACER_%s_RPC", a->chain->name);
	for (char *p = env; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return cli_usage_error(cmd,
			       "crawl needs --rpc, --esplora, --http or "
			       "--blocks (or %s)",
			       env);
}

/* ---- credentials ---- */

/* Bitcoin Core's folder for a network inside its data directory. */
static const char *datadir_sub(const char *network)
{
	static const struct {
		const char *network, *dir;
	} subs[] = {
		{ "main", "" },
		{ "test", "testnet3" },
		{ "testnet", "testnet3" },
		{ "testnet3", "testnet3" },
		{ "testnet4", "testnet4" },
		{ "signet", "signet" },
		{ "regtest", "regtest" },
	};

	for (size_t i = 0; network && i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(subs[i].network, network))
			return subs[i].dir;
	return "";
}

static bool url_has_credentials(const char *url)
{
	struct net_url u = NET_URL_INIT;
	bool has = false;

	if (net_url_parse(&u, url, NULL) == TRC_OK)
		has = u.user || u.password;
	net_url_release(&u);
	return has;
}

static void wipe_free(char *s)
{
	if (s)
		explicit_bzero(s, strlen(s));
	free(s);
}

/* The cookie file to use, or NULL: --rpc-cookie, the config, --datadir. */
static int cookie_path(struct crawl_args *a, char **path)
{
	struct trc_error err = TRC_ERROR_INIT;
	char key[64], buf[4096];
	const char *sub;

	*path = NULL;
	if (a->cookie) {
		*path = strdup(a->cookie);
		return *path ? EXIT_OK : cli_error("out of memory");
	}
	if (url_has_credentials(a->cfg.location))
		return EXIT_OK; /* the defaults give way to the URL's own */
	snprintf(key, sizeof(key), "%s.rpc-cookie", a->chain->name);
	if (config_value(key, path, &err))
		return cli_fail(&err);
	if (*path || !a->datadir)
		return EXIT_OK;
	sub = datadir_sub(a->cfg.network);
	snprintf(buf, sizeof(buf), "%s%s%s/.cookie", a->datadir,
		 *sub ? "/" : "", sub);
	*path = strdup(buf);
	return *path ? EXIT_OK : cli_error("out of memory");
}

/* Puts a .cookie's user and password into the --rpc URL. */
static int cookie_credentials(struct crawl_args *a, const struct command *cmd)
{
	struct trc_error err = TRC_ERROR_INIT;
	char *path = NULL, *user = NULL, *pass = NULL, *url = NULL;
	int rc;

	if (strcmp(a->cfg.kind, "rpc"))
		return a->cookie || a->datadir
			       ? cli_usage_error(cmd, "--rpc-cookie and "
						      "--datadir go with --rpc")
			       : EXIT_OK;
	if ((rc = cookie_path(a, &path)) || !path)
		return rc;
	if (config_cookie(path, &user, &pass, &err) ||
	    net_url_with_userinfo(a->cfg.location, user, pass, &url, &err))
		rc = cli_fail(&err);
	if (!rc) {
		wipe_free(a->url_owned);
		a->url_owned = url;
		a->cfg.location = url;
	}
	wipe_free(user);
	wipe_free(pass);
	free(path);
	return rc;
}

/*
 * A URL typed on the command line with a password or key in it: anyone on
 * the machine can read it in the process list. Says so, keeps a copy and
 * blanks the command line's (which shortens, not closes, that window).
 */
static int take_inline_url(struct cli *cli, struct crawl_args *a)
{
	char safe[512], env[32];
	char *given = (char *)a->cfg.location;

	if (!a->url_inline || !net_redact_url(given, safe, sizeof(safe)))
		return EXIT_OK;
	snprintf(env, sizeof(env), "TRACER_%s_RPC", a->chain->name);
	for (char *p = env; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	cli_warn(cli,
		 "the URL given to --%s (%s) holds a password or a "
		 "key, which other users of this machine can see in "
		 "the process list; use $%s, the 0600 config file%s",
		 a->cfg.kind, safe, env,
		 strcmp(a->chain->name, "btc") ? "" : " or --rpc-cookie");
	a->url_owned = strdup(given);
	if (!a->url_owned)
		return cli_error("out of memory");
	a->cfg.location = a->url_owned;
	memset(given, 'x', strlen(given));
	return EXIT_OK;
}

/* ---- callbacks ---- */

struct ui {
	struct cli *cli;
	struct crawl_args *a;
	struct progress prog;
	uint32_t stops;
	const struct thor_outbound *thor; /* --thornode: what was stored */
};

static void ui_progress(void *ctx, const struct crawl_stats *st)
{
	struct ui *u = ctx;
	char line[128];

	if (u->a->follow) {
		snprintf(line, sizeof(line), "follow: %llu tx stored",
			 (unsigned long long)st->txs);
		progress_text(&u->prog, line);
		return;
	}
	progress_blocks(&u->prog, st->height + 1 - st->first,
			st->last + 1 - st->first, st->txs);
	/* -v without a terminal: a line per block instead of the bar */
	if (!u->prog.enabled)
		cli_verbose(u->cli, "block %u stored (%llu txs so far)",
			    st->height, (unsigned long long)st->txs);
}

static void ui_retry(void *ctx, const struct net_retry *r)
{
	struct ui *u = ctx;

	progress_clear(&u->prog);
	if (r->unreachable) /* the node is down or the URL wrong: say so */
		cli_warn(u->cli, "cannot connect to %s (retry %u/%u)", r->url,
			 r->retry, r->retries);
	else
		cli_warn(u->cli, "%s: retry %u/%u after %s (in %.1f s)",
			 r->label, r->retry, r->retries, r->reason,
			 (double)r->wait_ms / 1000.0);
}

/* A crawl that failed before it stored anything (the node unreachable,
 * a bad option) leaves no database it created: an empty one would pass
 * for a crawled one. An older database is never removed. */
static void drop_if_empty(struct cli *cli, const struct crawl_stats *st, int rc)
{
	struct trc_error err = TRC_ERROR_INIT;

	if (!rc || st->written || !cli->store || !store_is_new(cli->store))
		return;
	if (store_discard_new(cli->store, &err))
		cli_warn(cli, "%s", err.msg);
	else
		cli_info(cli,
			 "nothing was stored: the new database '%s' is "
			 "not kept",
			 cli->db_path);
	cli->store = NULL;
}

/* A signal cut the crawl short: where it stopped, and 128 + signal. */
static int interrupted(struct ui *u, const struct crawl_stats *st,
		       const struct trc_error *err)
{
	int sig = (int)stop_requested;
	const char *name = sig == SIGINT ? "SIGINT" : "SIGTERM";
	char why[TRC_ERROR_MSG_MAX + 8];

	/* another error may follow an abort (a probe that "failed") */
	if (err->code == TRC_ERR_INTERRUPTED)
		snprintf(why, sizeof(why), " (%s)", err->msg);
	else
		why[0] = '\0';
	progress_clear(&u->prog);
	if (u->a->follow)
		cli_error("stopped by %s%s: %llu transactions stored; the "
			  "same command goes on from them",
			  name, why, (unsigned long long)st->txs);
	else if (st->blocks)
		cli_error("stopped by %s%s: blocks %u to %u are stored, "
			  "nothing of a later one; the same command resumes "
			  "at block %u",
			  name, why, st->first, st->height, st->height + 1);
	else
		cli_error("stopped by %s%s: this run stored no block; the "
			  "same command resumes where the database ends",
			  name, why);
	return 128 + sig;
}

static void ui_failure(void *ctx, const struct crawl_failure *f)
{
	struct ui *u = ctx;
	char txid[CHAIN_TXID_STR_MAX] = "";

	progress_clear(&u->prog);
	if (f->has_txid)
		u->a->chain->txid_format(f->txid, txid);
	cli_error("verification failed: block %u%s%s: %s", f->height,
		  f->has_txid ? " tx " : "", txid, f->reason);
}

static void ui_stop_at(void *ctx, const char *addr, const char *why)
{
	struct ui *u = ctx;

	u->stops++;
	progress_clear(&u->prog);
	cli_info(u->cli, "not expanded: %s (%s)", addr, why);
}

/* ---- the summary ---- */

/* The outbound --thornode stored, for the JSON summary (new). */
static json_t *thor_json(const struct ui *u)
{
	const struct thor_outbound *t = u->thor;
	char txid[CHAIN_TXID_STR_MAX], amount[AMOUNT_STR_MAX];

	u->a->chain->txid_format(t->txid, txid);
	amount_format(amount, sizeof(amount), t->ev.amount, 0, false);
	/* router: the EVM contract that emitted TransferOut ("" on Bitcoin) */
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "inbound",
			 u->a->inbound_norm, "outbound", txid, "to", t->ev.to,
			 "asset", t->ev.asset, "amount", amount, "memo",
			 t->ev.memo_text, "router", t->ev.router);
}

static int summary(struct ui *u, const struct crawl_stats *st, int rc)
{
	double secs = progress_elapsed(&u->prog);
	json_t *o;

	progress_clear(&u->prog);
	if (!u->a->json) {
		if (st->up_to_date && !u->a->follow)
			printf("nothing to do: the next block is %u, the last "
			       "to take is %u (--to, or the tip minus %u "
			       "confirmations)\n",
			       st->first, st->last, u->a->range.confirmations);
		printf("blocks    %u\n", st->blocks);
		printf("txs       %llu\n", (unsigned long long)st->txs);
		printf("legs      %llu\n", (unsigned long long)st->legs);
		printf("prevouts  %llu\n", (unsigned long long)st->prevouts);
		printf("openings  %llu\n", (unsigned long long)st->openings);
		printf("failures  %llu\n", (unsigned long long)st->failures);
		if (st->blocks)
			printf("height    %u\n", st->height);
		printf("time      %.1f s\n", secs);
		return rc;
	}
	o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:f}", "chain",
		      u->a->chain->name, "blocks", (json_int_t)st->blocks,
		      "txs", (json_int_t)st->txs, "legs", (json_int_t)st->legs,
		      "prevouts", (json_int_t)st->prevouts, "openings",
		      (json_int_t)st->openings, "failures",
		      (json_int_t)st->failures, "up_to_date", st->up_to_date,
		      "seconds", secs);
	if (o && st->blocks)
		json_object_set_new(o, "height", json_integer(st->height));
	if (o && u->a->follow)
		json_object_set_new(o, "not_expanded", json_integer(u->stops));
	if (o && u->thor)
		json_object_set_new(o, "thorchain", thor_json(u));
	if (!o || jsonout_emit(stdout, o))
		return EXIT_ERROR;
	return rc;
}

/* ---- follow seeds ---- */

struct seeds {
	char **addrs;
	uint32_t n_addrs;
	uint8_t (*outs)[32];
	uint32_t *vouts;
	uint32_t n_outs;
};

static void seeds_release(struct seeds *s)
{
	for (uint32_t i = 0; i < s->n_addrs; i++)
		free(s->addrs[i]);
	free(s->addrs);
	free(s->outs);
	free(s->vouts);
}

static int parse_seed(const struct crawl_args *a, const char *s,
		      struct seeds *out)
{
	const char *colon = strrchr(s, ':');
	const char *net =
		a->cfg.network ? a->cfg.network : a->chain->default_network;
	struct trc_error err = TRC_ERROR_INIT;
	char canon[CHAIN_ADDR_MAX], txid[80];
	uint64_t vout;

	if (colon && colon - s == 64 &&
	    !num_parse_u64(colon + 1, 0, UINT32_MAX, &vout, NULL)) {
		memcpy(txid, s, 64);
		txid[64] = '\0';
		if (a->chain->txid_parse(txid, out->outs[out->n_outs], &err))
			return cli_fail(&err);
		out->vouts[out->n_outs++] = (uint32_t)vout;
		return EXIT_OK;
	}
	{
		struct addrarg aa = { a->chain, net,
				      a->cfg.network ? ADDRARG_GIVEN
						     : ADDRARG_DEFAULT,
				      "give TXID:N to follow an output" };
		int rc = addrarg_address(&aa, s, canon);

		if (rc)
			return rc;
	}
	out->addrs[out->n_addrs] = strdup(canon);
	if (!out->addrs[out->n_addrs])
		return cli_error("out of memory");
	out->n_addrs++;
	return EXIT_OK;
}

static int run_follow(struct ui *u, struct crawl_source *src,
		      struct crawl_stats *st)
{
	struct crawl_args *a = u->a;
	struct seeds sd = { 0 };
	struct follow_opts fo;
	struct trc_error err = TRC_ERROR_INIT;
	int rc = EXIT_OK;

	sd.addrs = calloc(a->n_seeds, sizeof(*sd.addrs));
	sd.outs = calloc(a->n_seeds, sizeof(*sd.outs));
	sd.vouts = calloc(a->n_seeds, sizeof(*sd.vouts));
	if (!sd.addrs || !sd.outs || !sd.vouts)
		rc = cli_error("out of memory");
	for (uint32_t i = 0; !rc && i < a->n_seeds; i++)
		rc = parse_seed(a, a->seeds[i], &sd);
	if (rc) {
		seeds_release(&sd);
		return rc;
	}
	memset(&fo, 0, sizeof(fo));
	fo.seed_addrs = sd.addrs;
	fo.n_seed_addrs = sd.n_addrs;
	fo.seed_outs = sd.outs;
	fo.seed_vouts = sd.vouts;
	fo.n_seed_outs = sd.n_outs;
	fo.hops = a->hops;
	fo.max_txs = a->max_txs;
	fo.hub_txs = a->hub_txs;
	fo.stop = &stop_requested;
	fo.on_progress = ui_progress;
	fo.on_stop_at = ui_stop_at;
	fo.on_failure = ui_failure;
	fo.cb_ctx = u;
	if (crawl_follow(u->cli->store, a->chain, src, &fo, st, &err)) {
		progress_clear(&u->prog);
		rc = stop_requested ? interrupted(u, st, &err) : cli_fail(&err);
	}
	seeds_release(&sd);
	return rc;
}

static int run_range(struct ui *u, struct crawl_source *src,
		     struct crawl_stats *st)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct store_tuning db;
	struct crawl_opts *o = &u->a->range;

	o->stop = &stop_requested;
	o->on_progress = ui_progress;
	o->on_failure = ui_failure;
	o->cb_ctx = u;
	o->chunk = u->a->net.jobs * 2;
	o->jobs = u->a->cfg.workers;
	crawl_split_cache((size_t)u->a->cache_mib << 20, &db, &o->cache_bytes);
	if (store_tune(u->cli->store, &db, &err))
		return cli_fail(&err);
	if (!crawl_range(u->cli->store, u->a->chain, src, o, st, &err))
		return EXIT_OK;
	progress_clear(&u->prog);
	if (stop_requested)
		return interrupted(u, st, &err);
	return cli_fail(&err);
}

/* ---- --thornode ---- */

/* Asks the node, proves its outbound on the chain. Out: *t. */
static int thor_find(struct ui *u, struct crawl_source *src,
		     struct thor_outbound *t)
{
	struct crawl_args *a = u->a;
	struct net_client *nc = NULL;
	struct thornode_status *ns = calloc(1, sizeof(*ns));
	struct trc_error err = TRC_ERROR_INIT;
	enum trc_err rc;

	if (!ns)
		return cli_error("out of memory");
	rc = thornode_hash_norm(a->inbound, a->inbound_norm, &err);
	if (!rc)
		rc = net_client_new(&nc, a->thornode, &a->net, &err);
	if (!rc)
		rc = thornode_tx_status(nc, a->inbound_norm, ns, &err);
	if (!rc)
		rc = thor_outbound_pick(ns, a->chain, t, &err);
	if (!rc)
		rc = thor_outbound_verify(ns, a->chain, src, NULL, 0, t, &err);
	net_client_free(nc);
	free(ns);
	if (!rc)
		return EXIT_OK;
	progress_clear(&u->prog);
	return stop_requested ? interrupted(u, &(struct crawl_stats){ 0 }, &err)
			      : cli_fail(&err);
}

static void stats_add(struct crawl_stats *to, const struct crawl_stats *from)
{
	to->txs += from->txs;
	to->legs += from->legs;
	to->prevouts += from->prevouts;
	to->written += from->written;
}

/*
 * --thornode URL --inbound HASH: the outbound found and proven, stored;
 * with --follow its payee joins the seeds.
 */
static int run_thornode(struct ui *u, struct crawl_source *src,
			struct crawl_stats *st)
{
	struct crawl_args *a = u->a;
	struct thor_outbound *t = calloc(1, sizeof(*t));
	struct rec_tx tx = REC_TX_INIT;
	struct crawl_stats fst;
	const struct thor_event *ev;
	struct trc_error err = TRC_ERROR_INIT;
	char txid[CHAIN_TXID_STR_MAX], amount[AMOUNT_STR_MAX];
	int rc;

	if (!t)
		return cli_error("out of memory");
	if ((rc = thor_find(u, src, t)))
		goto cleanup;
	if (crawl_store_tx(u->cli->store, a->chain, src, t->txid, &tx, st,
			   &err)) {
		progress_clear(&u->prog);
		rc = stop_requested ? interrupted(u, st, &err) : cli_fail(&err);
		goto cleanup;
	}
	u->thor = t; /* freed by cmd_crawl, after the summary */
	t = NULL;
	a->chain->txid_format(u->thor->txid, txid);
	ev = &u->thor->ev;
	amount_format(amount, sizeof(amount), ev->amount, 0, false);
	cli_info(u->cli,
		 "thorchain: inbound %s: outbound %s on %s pays %s %s%s%s "
		 "(memo '%s'), proven and stored",
		 a->inbound_norm, txid, a->chain->name, ev->to, amount,
		 ev->asset[0] ? " of " : "", ev->asset, ev->memo_text);
	if (a->follow) {
		memset(&fst, 0, sizeof(fst));
		if (!(rc = add_seed(a, ev->to)))
			rc = run_follow(u, src, &fst);
		stats_add(st, &fst);
	}
cleanup:
	rec_tx_release(&tx);
	free(t);
	return rc;
}

/* --jobs for the workers of block files; 0 (one per core) when not given */
static unsigned blk_workers(const struct crawl_args *a)
{
	if (strcmp(a->cfg.kind, "blocks") || !a->net_vals[K_JOBS])
		return 0;
	return a->net.jobs;
}

int cmd_crawl(struct cli *cli, int argc, char **argv)
{
	struct crawl_args a;
	struct crawl_source src = { 0 };
	struct crawl_stats st;
	struct trc_error err = TRC_ERROR_INIT;
	struct ui u;
	int rc;

	memset(&a, 0, sizeof(a));
	memset(&st, 0, sizeof(st));
	memset(&u, 0, sizeof(u));
	rc = parse(cli, argc, argv, &a);
	if (!rc)
		rc = default_source(&a, cli->cmd);
	if (!rc)
		rc = take_inline_url(cli, &a);
	if (!rc)
		rc = cookie_credentials(&a, cli->cmd);
	if (rc)
		goto cleanup;
	api_key(&a);
	u.cli = cli;
	u.a = &a;
	progress_init(&u.prog, cli);
	a.net.stop = &stop_requested;
	a.net.on_retry = ui_retry;
	a.net.cb_ctx = &u;
	stop_requested = 0;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	a.cfg.workers = blk_workers(&a);
	if (crawl_source_open(a.chain, &a.cfg, &src, &err)) {
		rc = stop_requested ? interrupted(&u, &st, &err)
				    : cli_fail(&err);
		goto restore;
	}
	if (a.cfg.warning[0])
		cli_warn(cli, "%s", a.cfg.warning);
	rc = a.thornode ? run_thornode(&u, &src, &st)
	     : a.follow ? run_follow(&u, &src, &st)
			: run_range(&u, &src, &st);
	rc = summary(&u, &st, rc);
restore:
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
cleanup:
	crawl_source_release(&src);
	drop_if_empty(cli, &st, rc);
	free(a.seeds);
	free((void *)u.thor);
	wipe_free(a.url_owned);
	return rc;
}
