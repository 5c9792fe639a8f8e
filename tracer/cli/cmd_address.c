/*
 * tracer address --chain C ADDR [--json] [--txs] - what the database knows
 * of one address: per asset balance, received and sent, computed from the
 * stored records; transaction count; first and last seen; tags; history.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/strv.h"
#include "chains/chain.h"
#include "store/chaindb.h"
#include "store/tags.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"
#include "tracer/report/warnings.h"

const char CMD_ADDRESS_USAGE[] =
	"tracer address --chain btc|eth|tron ADDRESS [--json] [--txs]\n"
	"\n"
	"What the database knows of ADDRESS, from the stored records only:\n"
	"per asset (the native coin, then tokens) the balance, the total\n"
	"received and sent (base units), the number of transactions, the\n"
	"first and last seen (height, time), its tags, and with --txs its\n"
	"history (txid, height, time, amount in and out).\n"
	"\n"
	"Options:\n"
	"  --chain C     btc or eth (required)\n"
	"  --network N   the network the address is written for (default:\n"
	"                the one the database holds)\n"
	"  --txs         list the transactions\n"
	"  --json        {\"chain\", \"address\", \"assets\": [{\"asset\",\n"
	"                \"decimals\", \"balance\", \"received\", \"sent\",\n"
	"                \"complete\"}], \"tx_count\", \"first_seen\",\n"
	"                \"last_seen\", \"tags\", \"warnings\"} (and \"txs\"\n"
	"                with --txs)\n"
	"\n"
	"A balance is received minus sent within what was crawled; when more\n"
	"was sent than received (the range starts after the address got its\n"
	"coins) it is shown as incomplete (JSON: null).\n"
	"An address the database never saw gets a warning on stderr (JSON:\n"
	"in \"warnings\") saying how to crawl it.\n"
	"Exit status: 0 ok (also for an address the database never saw),\n"
	"1 error, 2 usage.\n";

struct asset_sum {
	char *asset; /* NULL: native */
	trc_amount received, sent;
};

struct seen {
	uint32_t height;
	int64_t time;
};

struct addr_view {
	struct cli *cli;
	const struct chain_ops *chain;
	const char *addr;
	struct asset_sum *sums;
	uint32_t n_sums;
	uint64_t tx_count;
	char **warn; /* warnings.h, owned */
	size_t n_warn;
	bool any;
	struct seen first, last;
	json_t *txs; /* with --txs */
	bool want_txs;
	struct trc_error err;
};

static struct asset_sum *sum_for(struct addr_view *v, const char *asset)
{
	struct asset_sum *n;

	for (uint32_t i = 0; i < v->n_sums; i++)
		if ((!asset && !v->sums[i].asset) ||
		    (asset && v->sums[i].asset &&
		     !strcmp(asset, v->sums[i].asset)))
			return &v->sums[i];
	n = realloc(v->sums, (v->n_sums + 1) * sizeof(*n));
	if (!n)
		return NULL;
	v->sums = n;
	n += v->n_sums;
	memset(n, 0, sizeof(*n));
	if (asset && !(n->asset = strdup(asset)))
		return NULL;
	v->n_sums++;
	return n;
}

static bool add_to(struct addr_view *v, const char *asset, bool in,
		   trc_amount value)
{
	struct asset_sum *s = sum_for(v, asset);
	trc_amount *t;

	if (!s) {
		trc_fail(&v->err, TRC_ERR_NOMEM, "out of memory");
		return false;
	}
	t = in ? &s->received : &s->sent;
	if (amount_add(t, *t, value)) {
		trc_fail(&v->err, TRC_ERR_OVERFLOW, "%s total overflows",
			 in ? "received" : "sent");
		return false;
	}
	return true;
}

static bool is_opening(const struct rec_tx *tx)
{
	for (uint32_t i = 0; i < tx->n_legs; i++)
		if (tx->legs[i].kind != LEG_OPENING)
			return false;
	return tx->n_legs > 0;
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Adds what tx moved to or from the address. Out: native in and out. */
static bool account_tx(struct addr_view *v, const struct rec_tx *tx,
		       trc_amount *in, trc_amount *out)
{
	*in = *out = AMOUNT_ZERO;
	for (uint32_t i = 0; i < tx->n_out; i++)
		if (same(tx->out[i].address, v->addr) &&
		    (!add_to(v, NULL, true, tx->out[i].value) ||
		     amount_add(in, *in, tx->out[i].value)))
			return false;
	for (uint32_t i = 0; i < tx->n_in; i++)
		if (same(tx->in[i].address, v->addr) &&
		    (!add_to(v, NULL, false, tx->in[i].value) ||
		     amount_add(out, *out, tx->in[i].value)))
			return false;
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];

		/* a reverted transaction moved nothing but its fee */
		if ((tx->flags & REC_TX_FAILED) && l->kind != LEG_FEE)
			continue;
		if (same(l->to, v->addr) &&
		    (!add_to(v, l->asset, true, l->value) ||
		     (!l->asset && amount_add(in, *in, l->value))))
			return false;
		if (same(l->from, v->addr) &&
		    (!add_to(v, l->asset, false, l->value) ||
		     (!l->asset && amount_add(out, *out, l->value))))
			return false;
	}
	return true;
}

static void add_tx_row(struct addr_view *v, const struct rec_tx *tx,
		       trc_amount in, trc_amount out)
{
	char txid[CHAIN_TXID_STR_MAX];

	v->chain->txid_format(tx->txid, txid);
	json_array_append_new(
		v->txs, json_pack("{s:s, s:I, s:I, s:o, s:o, s:b}", "txid",
				  txid, "height", (json_int_t)tx->height,
				  "time", (json_int_t)tx->time, "in",
				  rjson_amount(in), "out", rjson_amount(out),
				  "failed", (tx->flags & REC_TX_FAILED) != 0));
}

/* The native coin first, then tokens in the order met. */
static void native_first(struct addr_view *v)
{
	for (uint32_t i = 1; i < v->n_sums; i++)
		if (!v->sums[i].asset) {
			struct asset_sum t = v->sums[i];

			memmove(v->sums + 1, v->sums, i * sizeof(*v->sums));
			v->sums[0] = t;
			return;
		}
}

static int on_hist(const struct chaindb_hist *h, void *ctx)
{
	struct addr_view *v = ctx;
	struct rec_tx tx = REC_TX_INIT;
	trc_amount in, out;
	bool found = false;
	int stop = 1;

	if (chaindb_get_tx(v->cli->store, v->chain->id, h->txid, &tx, &found,
			   &v->err))
		return 1;
	if (!found) {
		trc_fail(&v->err, TRC_ERR_CORRUPT,
			 "address history names a transaction that is not "
			 "stored (height %u)",
			 h->height);
		goto cleanup;
	}
	if (!account_tx(v, &tx, &in, &out))
		goto cleanup;
	stop = 0;
	if (is_opening(&tx))
		goto cleanup;
	v->tx_count++;
	if (!v->any)
		v->first = (struct seen){ tx.height, tx.time };
	v->last = (struct seen){ tx.height, tx.time };
	v->any = true;
	if (v->want_txs)
		add_tx_row(v, &tx, in, out);
cleanup:
	rec_tx_release(&tx);
	return stop;
}

/* ---- output ---- */

static json_t *seen_json(const struct addr_view *v, const struct seen *s)
{
	if (!v->any)
		return json_null();
	return json_pack("{s:I, s:I}", "height", (json_int_t)s->height, "time",
			 (json_int_t)s->time);
}

static json_t *asset_json(const struct addr_view *v, const struct asset_sum *s)
{
	trc_amount bal;
	bool ok = !amount_sub(&bal, s->received, s->sent);

	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:b}", "asset",
			 s->asset ? s->asset : v->chain->asset, "decimals",
			 s->asset ? json_null()
				  : json_integer(v->chain->decimals),
			 "balance", ok ? rjson_amount(bal) : json_null(),
			 "received", rjson_amount(s->received), "sent",
			 rjson_amount(s->sent), "complete", ok);
}

static json_t *tag_json(const struct tag *t)
{
	return json_pack("{s:s, s:s, s:s?, s:i, s:b}", "category",
			 tag_category_name(t->category), "entity",
			 t->entity ? t->entity : "", "source", t->source,
			 "confidence", (int)t->confidence, "inferred",
			 t->inferred);
}

static int print_json(struct addr_view *v, const struct tag_list *tags)
{
	json_t *root, *assets = json_array(), *tj = json_array();

	for (uint32_t i = 0; i < v->n_sums; i++)
		json_array_append_new(assets, asset_json(v, &v->sums[i]));
	for (size_t i = 0; i < tags->n; i++)
		json_array_append_new(tj, tag_json(&tags->items[i]));
	root = json_pack("{s:s, s:s, s:o, s:I, s:o, s:o, s:o}", "chain",
			 v->chain->name, "address", v->addr, "assets", assets,
			 "tx_count", (json_int_t)v->tx_count, "first_seen",
			 seen_json(v, &v->first), "last_seen",
			 seen_json(v, &v->last), "tags", tj);
	if (root && v->want_txs)
		json_object_set(root, "txs", v->txs);
	if (root)
		json_object_set_new(root, "warnings",
				    rjson_strings(v->warn, v->n_warn));
	return root && !jsonout_emit(stdout, root) ? EXIT_OK : EXIT_ERROR;
}

static void print_seen(const char *what, const struct seen *s)
{
	char when[DATE_ISO_SIZE];

	printf("%-10s height %u, %s\n", what, s->height,
	       date_format_iso(s->time, when));
}

static void print_asset(const struct addr_view *v, const struct asset_sum *s)
{
	char b[AMOUNT_STR_MAX], r[AMOUNT_STR_MAX], x[AMOUNT_STR_MAX];
	char unit[40];
	trc_amount bal;
	bool ok = !amount_sub(&bal, s->received, s->sent);
	unsigned dec = s->asset ? 0 : v->chain->decimals;

	/* every amount with its unit: the coin, or a token's base units */
	snprintf(unit, sizeof(unit), " %s",
		 s->asset ? "(base units)" : v->chain->asset);

	amount_format(r, sizeof(r), s->received, dec, true);
	amount_format(x, sizeof(x), s->sent, dec, true);
	if (ok)
		amount_format(b, sizeof(b), bal, dec, true);
	printf("%s\n  balance   %s%s\n  received  %s%s\n  sent      %s%s\n",
	       s->asset ? s->asset : v->chain->asset,
	       ok ? b : "incomplete (more sent than received in range)",
	       ok ? unit : "", r, unit, x, unit);
}

/* A history row: txid, height, time, and the coin in and out with its
 * unit (the JSON row keeps base units). */
static void print_tx(const struct addr_view *v, json_t *t)
{
	char when[DATE_ISO_SIZE], in[AMOUNT_STR_MAX], out[AMOUNT_STR_MAX];
	trc_amount a;

	if (amount_parse(&a, json_string_value(json_object_get(t, "in")), 0,
			 NULL))
		a = amount_from_u64(0);
	amount_format(in, sizeof(in), a, v->chain->decimals, true);
	if (amount_parse(&a, json_string_value(json_object_get(t, "out")), 0,
			 NULL))
		a = amount_from_u64(0);
	amount_format(out, sizeof(out), a, v->chain->decimals, true);
	printf("tx        %s  height %lld  %s  in %s %s  out %s %s%s\n",
	       json_string_value(json_object_get(t, "txid")),
	       (long long)json_integer_value(json_object_get(t, "height")),
	       date_format_iso(json_integer_value(json_object_get(t, "time")),
			       when),
	       in, v->chain->asset, out, v->chain->asset,
	       json_is_true(json_object_get(t, "failed")) ? "  failed" : "");
}

static int print_text(struct addr_view *v, const struct tag_list *tags)
{
	printf("address   %s\nchain     %s\n", v->addr, v->chain->name);
	for (uint32_t i = 0; i < v->n_sums; i++)
		print_asset(v, &v->sums[i]);
	printf("txs       %llu\n", (unsigned long long)v->tx_count);
	if (v->any) {
		print_seen("first", &v->first);
		print_seen("last", &v->last);
	}
	for (size_t i = 0; i < tags->n; i++)
		printf("tag       %s: %s (%s, %u%%%s)\n",
		       tag_category_name(tags->items[i].category),
		       tags->items[i].entity ? tags->items[i].entity : "",
		       tags->items[i].source ? tags->items[i].source : "",
		       tags->items[i].confidence,
		       tags->items[i].inferred ? ", inferred" : "");
	for (size_t i = 0; v->want_txs && i < json_array_size(v->txs); i++) {
		json_t *t = json_array_get(v->txs, i);

		print_tx(v, t);
	}
	return EXIT_OK;
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

static int show(struct addr_view *v, bool json)
{
	struct tag_list tags = TAG_LIST_INIT;
	int rc;

	if (chaindb_each_hist(v->cli->store, v->chain->id, v->addr, on_hist, v,
			      &v->err) ||
	    v->err.code)
		return cli_fail(&v->err);
	if (tags_get(v->cli->store, v->chain->id, v->addr, &tags, &v->err))
		return cli_fail(&v->err);
	native_first(v);
	if (warnings_address(v->chain->name, v->addr, v->tx_count, &v->warn,
			     &v->n_warn, &v->err)) {
		tag_list_release(&tags);
		return cli_fail(&v->err);
	}
	rc = json ? print_json(v, &tags) : print_text(v, &tags);
	for (size_t i = 0; !json && i < v->n_warn; i++)
		cli_warn(v->cli, "%s", v->warn[i]);
	strv_free(v->warn, v->n_warn);
	tag_list_release(&tags);
	return rc;
}

int cmd_address(struct cli *cli, int argc, char **argv)
{
	const char *chain_name = NULL, *network = NULL;
	bool json = false, txs = false;
	struct addr_view v;
	char canon[CHAIN_ADDR_MAX], *stored_net = NULL;
	int rc;

	memset(&v, 0, sizeof(v));
	rc = parse(cli, argc, argv, &chain_name, &network, &json, &txs);
	if (rc)
		return rc;
	v.cli = cli;
	if ((rc = addrarg_chain(chain_name, &v.chain)))
		return rc;
	if (!network &&
	    chaindb_get_network(cli->store, v.chain->id, &stored_net, &v.err))
		return cli_fail(&v.err);
	{
		struct addrarg aa = { v.chain, NULL, ADDRARG_DEFAULT, NULL };

		aa.network =
			addrarg_network(v.chain, network, stored_net, &aa.from);
		network = aa.network;
		if ((rc = addrarg_address(&aa, argv[optind], canon))) {
			free(stored_net);
			return rc;
		}
	}
	free(stored_net);
	v.addr = canon;
	v.want_txs = txs;
	v.txs = json_array();
	rc = show(&v, json);
	for (uint32_t i = 0; i < v.n_sums; i++)
		free(v.sums[i].asset);
	free(v.sums);
	json_decref(v.txs);
	return rc;
}
