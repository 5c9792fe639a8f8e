/*
 * tracer address --chain C ADDR [--json] [--txs] - what the database knows
 * of one address: per asset balance, received and sent, computed from the
 * stored records; transaction count; first and last seen; tags; history.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "store/chaindb.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"
#include "tracer/render/address_json.h"

const char CMD_ADDRESS_USAGE[] =
	"tracer address --chain CHAIN ADDRESS [--json] [--txs]\n"
	"\n"
	"CHAIN: btc, eth, tron, ltc, bch, doge, bsc, polygon, avax, arbitrum,\n"
	"optimism, base (docs/chains.md).\n"
	"\n"
	"What the database knows of ADDRESS, from the stored records only:\n"
	"per asset (the native coin, then tokens) the balance, the total\n"
	"received and sent (base units), the number of transactions, the\n"
	"first and last seen (height, time), its tags, its cluster, and with\n"
	"--txs its history (txid, height, time, amount in and out).\n"
	"\n"
	"Options:\n"
	"  --chain C     btc or eth (required)\n"
	"  --network N   the network the address is written for (default:\n"
	"                the one the database holds)\n"
	"  --txs         list the transactions\n"
	"  --json        the address document (docs/json.md): {\"chain\",\n"
	"                \"network\", \"address\", \"assets\", \"tx_count\",\n"
	"                \"first_seen\", \"last_seen\", \"tags\",\n"
	"                \"cluster\", \"warnings\"} (and \"txs\" with --txs)\n"
	"\n"
	"A balance is received minus sent within what was crawled; when more\n"
	"was sent than received (the range starts after the address got its\n"
	"coins) it is shown as incomplete (JSON: null).\n"
	"An address the database never saw gets a warning on stderr (JSON:\n"
	"in \"warnings\") saying how to crawl it.\n"
	"Exit status: 0 ok (also for an address the database never saw),\n"
	"1 error, 2 usage.\n";

/* ---- text, read from the document (tracer/render/address_json.h) ---- */

static const char *jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static trc_amount jamount(const json_t *o, const char *key)
{
	trc_amount a;

	if (amount_parse(&a, jstr(o, key), 0, NULL))
		a = AMOUNT_ZERO;
	return a;
}

static void print_seen(const char *what, const json_t *s)
{
	printf("%-10s height %lld, %s\n", what,
	       (long long)json_integer_value(json_object_get(s, "height")),
	       jstr(s, "time"));
}

static void print_asset(const json_t *a)
{
	char b[AMOUNT_STR_MAX], r[AMOUNT_STR_MAX], x[AMOUNT_STR_MAX];
	char unit[40];
	bool token = json_is_null(json_object_get(a, "decimals"));
	unsigned dec =
		(unsigned)json_integer_value(json_object_get(a, "decimals"));
	bool ok = json_is_true(json_object_get(a, "complete"));

	/* every amount with its unit: the coin, or a token's base units */
	snprintf(unit, sizeof(unit), " %s",
		 token ? "(base units)" : jstr(a, "asset"));
	amount_format(r, sizeof(r), jamount(a, "received"), dec, true);
	amount_format(x, sizeof(x), jamount(a, "sent"), dec, true);
	if (ok)
		amount_format(b, sizeof(b), jamount(a, "balance"), dec, true);
	printf("%s\n  balance   %s%s\n  received  %s%s\n  sent      %s%s\n",
	       jstr(a, "asset"),
	       ok ? b : "incomplete (more sent than received in range)",
	       ok ? unit : "", r, unit, x, unit);
}

/* A history row: txid, height, time, and the coin in and out with its
 * unit (the JSON row keeps base units). */
static void print_tx(const struct chain_ops *chain, const json_t *t)
{
	char in[AMOUNT_STR_MAX], out[AMOUNT_STR_MAX];

	amount_format(in, sizeof(in), jamount(t, "in"), chain->decimals, true);
	amount_format(out, sizeof(out), jamount(t, "out"), chain->decimals,
		      true);
	printf("tx        %s  height %lld  %s  in %s %s  out %s %s%s\n",
	       jstr(t, "txid"),
	       (long long)json_integer_value(json_object_get(t, "height")),
	       jstr(t, "time"), in, chain->asset, out, chain->asset,
	       json_is_true(json_object_get(t, "failed")) ? "  failed" : "");
}

static void print_tag(const json_t *t)
{
	printf("tag       %s: %s (%s, %lld%%%s)\n", jstr(t, "category"),
	       jstr(t, "entity"), jstr(t, "source"),
	       (long long)json_integer_value(json_object_get(t, "confidence")),
	       json_is_true(json_object_get(t, "inferred")) ? ", inferred"
							    : "");
}

static void print_text(const struct chain_ops *chain, const json_t *doc)
{
	const json_t *first = json_object_get(doc, "first_seen");
	const json_t *cl = json_object_get(doc, "cluster");
	size_t i;
	json_t *x;

	printf("address   %s\nchain     %s\nnetwork   %s\n",
	       jstr(doc, "address"), chain->name, jstr(doc, "network"));
	json_array_foreach(json_object_get(doc, "assets"), i, x) print_asset(x);
	printf("txs       %lld\n",
	       (long long)json_integer_value(json_object_get(doc, "tx_count")));
	if (json_is_object(first)) {
		print_seen("first", first);
		print_seen("last", json_object_get(doc, "last_seen"));
	}
	json_array_foreach(json_object_get(doc, "tags"), i, x) print_tag(x);
	if (json_is_object(cl))
		printf("cluster   %lld (%lld addresses)\n",
		       (long long)json_integer_value(json_object_get(cl, "id")),
		       (long long)json_integer_value(
			       json_object_get(cl, "size")));
	json_array_foreach(json_object_get(doc, "txs"), i, x)
		print_tx(chain, x);
}

/* ---- the command ---- */

static int parse(struct cli *cli, int argc, char **argv, const char **chain,
		 const char **network, bool *json, bool *txs)
{
	static const struct option opts[] = {
		{ "chain", required_argument, NULL, 'c' },
		{ "network", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "txs", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*json = cli->json;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'c')
			*chain = optarg;
		else if (c == 'n')
			*network = optarg;
		else if (c == 'j')
			*json = true;
		else if (c == 't')
			*txs = true;
		else
			return cli_bad_option(cli->cmd, c, argv);
	}
	if (!*chain)
		return cli_usage_error(cli->cmd, "address needs --chain (%s)",
				       chain_names());
	if (optind != argc - 1)
		return cli_usage_error(
			cli->cmd, optind >= argc ? "address needs an address"
						 : "give one address");
	return EXIT_OK;
}

static int show(struct cli *cli, const struct chain_ops *chain,
		const char *network, const char *addr, bool json, bool txs)
{
	struct trc_error err = TRC_ERROR_INIT;
	json_t *doc = NULL, *w;
	size_t i;

	if (address_json(cli->store, chain, network, addr, txs, &doc, &err))
		return cli_fail(&err);
	if (json)
		return jsonout_emit(stdout, doc) ? EXIT_ERROR : EXIT_OK;
	print_text(chain, doc);
	json_array_foreach(json_object_get(doc, "warnings"), i, w)
		cli_warn(cli, "%s", json_string_value(w));
	json_decref(doc);
	return EXIT_OK;
}

int cmd_address(struct cli *cli, int argc, char **argv)
{
	const char *chain_name = NULL, *network = NULL;
	const struct chain_ops *chain;
	struct trc_error err = TRC_ERROR_INIT;
	bool json = false, txs = false;
	char canon[CHAIN_ADDR_MAX], *stored_net = NULL;
	struct addrarg aa = { NULL, NULL, ADDRARG_DEFAULT, NULL };
	int rc;

	rc = parse(cli, argc, argv, &chain_name, &network, &json, &txs);
	if (rc)
		return rc;
	if ((rc = addrarg_chain(chain_name, &chain)))
		return rc;
	if (!network &&
	    chaindb_get_network(cli->store, chain->id, &stored_net, &err))
		return cli_fail(&err);
	aa.chain = chain;
	aa.network = addrarg_network(chain, network, stored_net, &aa.from);
	rc = addrarg_address(&aa, argv[optind], canon);
	if (!rc)
		rc = show(cli, chain, aa.network, canon, json, txs);
	free(stored_net);
	return rc;
}
