/*
 * trace_opts.c - the trace options of the CLI and the JSON of a result.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"
#include "tracer/jsonout.h"
#include "tracer/trace_opts.h"

void trace_cli_init(struct trace_cli *t)
{
	memset(t, 0, sizeof(*t));
	case_init(&t->kase);
	trace_opts_init(&t->o);
}

void trace_cli_release(struct trace_cli *t)
{
	for (size_t i = 0; i < t->n_addrs; i++)
		free(t->addrs[i]);
	free(t->addrs);
	free(t->outs);
	free(t->raw_addrs);
	free(t->raw_outs);
	free(t->network);
	case_release(&t->kase);
	memset(t, 0, sizeof(*t));
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool push(const char ***v, size_t *n, const char *s)
{
	const char **p = realloc(*v, (*n + 1) * sizeof(*p));

	if (!p)
		return false;
	p[(*n)++] = s;
	*v = p;
	return true;
}

static int parse_uint(struct cli *cli, const char *opt, const char *arg,
		      unsigned *out)
{
	char *end;
	unsigned long v;

	if (!all_digits(arg))
		return cli_usage_error(cli->cmd, "%s: '%s' is not a number",
				       opt, arg);
	v = strtoul(arg, &end, 10);
	if (v > 100000000ul)
		return cli_usage_error(cli->cmd, "%s: '%s' is too large", opt,
				       arg);
	*out = (unsigned)v;
	return EXIT_OK;
}

static int parse_stop(struct cli *cli, struct trace_cli *t, const char *arg)
{
	char buf[256], *save = NULL;

	t->o.stop_mask = 0;
	t->has_stop = true;
	if (!strcmp(arg, "none"))
		return EXIT_OK;
	if (strlen(arg) >= sizeof(buf))
		return cli_usage_error(cli->cmd, "--stop-at: list too long");
	strcpy(buf, arg);
	for (char *c = strtok_r(buf, ",", &save); c;
	     c = strtok_r(NULL, ",", &save)) {
		enum tag_category k = tag_category_from_name(c);
		if (!k)
			return cli_usage_error(cli->cmd,
					       "--stop-at: unknown category "
					       "'%s'", c);
		t->o.stop_mask |= 1u << k;
	}
	return EXIT_OK;
}

static int parse_time_opt(struct cli *cli, const char *opt, const char *arg,
			  int64_t *out, bool *has)
{
	struct trc_error err = TRC_ERROR_INIT;

	if (case_parse_time(arg, out, &err))
		return cli_usage_error(cli->cmd, "%s: %s", opt, err.msg);
	*has = true;
	return EXIT_OK;
}

int trace_cli_option(struct cli *cli, struct trace_cli *t, int c,
		     const char *arg)
{
	struct trc_error err = TRC_ERROR_INIT;
	unsigned v;
	int rc;

	switch (c) {
	case 1000: t->chain_name = arg; return EXIT_OK;
	case 1001:
		free(t->network);
		t->network = strdup(arg);
		return t->network ? EXIT_OK : cli_error("out of memory");
	case 1002:
		return push(&t->raw_addrs, &t->n_raw_addrs, arg)
			       ? EXIT_OK
			       : cli_error("out of memory");
	case 1003:
		return push(&t->raw_outs, &t->n_raw_outs, arg)
			       ? EXIT_OK
			       : cli_error("out of memory");
	case TRACE_CLI_CASE: t->case_path = arg; return EXIT_OK;
	case 1005:
		t->has_policy = true;
		if (!trace_policy_from_name(arg, &t->o.policy))
			return cli_usage_error(cli->cmd,
					       "unknown policy '%s' (poison, "
					       "haircut, fifo, lifo, tiho)",
					       arg);
		return EXIT_OK;
	case 1006:
		rc = parse_uint(cli, "--hops", arg, &v);
		if (!rc && !v)
			return cli_usage_error(cli->cmd,
					       "--hops must be at least 1");
		t->o.hops = v;
		t->has_hops = true;
		return rc;
	case 1007:
		t->has_min = true;
		if (amount_parse(&t->o.min, arg, 0, &err))
			return cli_usage_error(cli->cmd, "--min: %s (a whole "
					       "number of base units)",
					       err.msg);
		return EXIT_OK;
	case 1008:
		return parse_time_opt(cli, "--since", arg, &t->o.since,
				      &t->has_since);
	case 1009:
		return parse_time_opt(cli, "--until", arg, &t->o.until,
				      &t->has_until);
	case 1010:
		t->has_hub = true;
		return parse_uint(cli, "--hub-txs", arg, &t->o.hub_txs);
	case 1011: return parse_stop(cli, t, arg);
	case 1012: t->o.cluster = false; return EXIT_OK;
	case 1013:
		rc = parse_uint(cli, "--deposit-window", arg, &v);
		t->o.deposit_window = v;
		return rc;
	case 1014:
		rc = parse_uint(cli, "--deposit-share", arg, &v);
		if (!rc && v > 100)
			return cli_usage_error(cli->cmd,
					       "--deposit-share is a percentage");
		t->o.deposit_share_pct = v;
		return rc;
	}
	return -1;
}

static int normalise_seeds(struct cli *cli, struct trace_cli *t)
{
	struct trc_error err = TRC_ERROR_INIT;
	char buf[CHAIN_ADDR_MAX];

	t->addrs = calloc(t->n_raw_addrs + 1, sizeof(*t->addrs));
	t->outs = calloc(t->n_raw_outs + 1, sizeof(*t->outs));
	if (!t->addrs || !t->outs)
		return cli_error("out of memory");
	for (size_t i = 0; i < t->n_raw_addrs; i++) {
		if (t->chain->address_normalize(t->network, t->raw_addrs[i],
						buf, sizeof(buf), &err))
			return cli_usage_error(cli->cmd, "seed '%s': %s",
					       t->raw_addrs[i], err.msg);
		if (!(t->addrs[t->n_addrs++] = strdup(buf)))
			return cli_error("out of memory");
	}
	for (size_t i = 0; i < t->n_raw_outs; i++) {
		const char *s = t->raw_outs[i], *colon = strrchr(s, ':');
		char txid[80];
		if (!colon || colon - s >= (long)sizeof(txid) ||
		    !all_digits(colon + 1) || strlen(colon + 1) > 9)
			return cli_usage_error(cli->cmd,
					       "seed '%s': expected TXID:N", s);
		memcpy(txid, s, (size_t)(colon - s));
		txid[colon - s] = 0;
		if (t->chain->txid_parse(txid, t->outs[t->n_outs].txid, &err))
			return cli_usage_error(cli->cmd, "seed '%s': %s", s,
					       err.msg);
		t->outs[t->n_outs++].n = (uint32_t)strtoul(colon + 1, NULL, 10);
	}
	return EXIT_OK;
}

static int pick_network(struct cli *cli, struct trace_cli *t)
{
	struct trc_error err = TRC_ERROR_INIT;
	char *stored = NULL;

	if (chaindb_get_network(cli->store, t->chain->id, &stored, &err))
		return cli_fail(&err);
	if (!t->network) {
		t->network = stored ? stored
				    : strdup(t->chain->default_network);
		stored = NULL;
	}
	if (!t->network) {
		free(stored);
		return cli_error("out of memory");
	}
	if (stored && strcmp(stored, t->network)) {
		cli_error("the database holds %s network '%s', not '%s'",
			  t->chain->name, stored, t->network);
		free(stored);
		return EXIT_USAGE;
	}
	free(stored);
	if (t->chain->network_valid && !t->chain->network_valid(t->network))
		return cli_usage_error(cli->cmd, "unknown %s network '%s'",
				       t->chain->name, t->network);
	return EXIT_OK;
}

/* The case's limits where the command line left them. */
static int case_limits(struct cli *cli, struct trace_cli *t)
{
	const struct trc_case *k = &t->kase;

	if (k->policy && !t->has_policy &&
	    !trace_policy_from_name(k->policy, &t->o.policy))
		return cli_error("case '%s': unknown policy '%s'", t->case_path,
				 k->policy);
	if (k->has_hops && !t->has_hops)
		t->o.hops = k->hops ? k->hops : 1;
	if (k->has_min && !t->has_min)
		t->o.min = k->min;
	if (k->has_hub_txs && !t->has_hub)
		t->o.hub_txs = k->hub_txs;
	if (k->since != CASE_TIME_NONE && !t->has_since)
		t->o.since = k->since;
	if (k->until != CASE_TIME_NONE && !t->has_until)
		t->o.until = k->until;
	if (k->stop_at && !t->has_stop) {
		t->o.stop_mask = 0;
		for (size_t i = 0; i < k->n_stop_at; i++) {
			enum tag_category c = tag_category_from_name(k->stop_at[i]);
			if (!c)
				return cli_error("case '%s': unknown category "
						 "'%s'", t->case_path,
						 k->stop_at[i]);
			t->o.stop_mask |= 1u << c;
		}
	}
	(void)cli;
	return EXIT_OK;
}

/* Loads --case: chain, network and seeds unless given here, limits. */
static int load_case(struct cli *cli, struct trace_cli *t)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct trc_case *k = &t->kase;
	bool seeds = !t->n_raw_addrs && !t->n_raw_outs;

	if (case_load(k, t->case_path, &err))
		return cli_fail(&err);
	if (!t->chain_name)
		t->chain_name = k->chain;
	if (!t->network && k->network && !(t->network = strdup(k->network)))
		return cli_error("out of memory");
	for (size_t i = 0; seeds && i < k->n_seeds; i++) {
		bool out = strchr(k->seeds[i], ':') != NULL;
		if (!push(out ? &t->raw_outs : &t->raw_addrs,
			  out ? &t->n_raw_outs : &t->n_raw_addrs, k->seeds[i]))
			return cli_error("out of memory");
	}
	return case_limits(cli, t);
}

int trace_cli_finish(struct cli *cli, struct trace_cli *t)
{
	int rc;

	if (t->case_path && (rc = load_case(cli, t)))
		return rc;

	if (t->o.since != TRACE_TIME_NONE && t->o.until != TRACE_TIME_NONE &&
	    t->o.until < t->o.since)
		return cli_usage_error(cli->cmd, "--until is before --since: "
				       "nothing could be traced");
	if (!t->chain_name)
		return cli_usage_error(cli->cmd, "--chain is required");
	t->chain = chain_find(t->chain_name);
	if (!t->chain)
		return cli_usage_error(cli->cmd, "unknown chain '%s' (%s)",
				       t->chain_name, chain_names());
	if (!t->n_raw_addrs && !t->n_raw_outs)
		return cli_usage_error(cli->cmd,
				       "give at least one --seed or --seed-tx");
	rc = pick_network(cli, t);
	if (!rc)
		rc = normalise_seeds(cli, t);
	if (rc)
		return rc;
	t->o.chain = t->chain->id;
	t->o.network = t->network;
	t->o.native_asset = t->chain->asset;
	t->o.native_decimals = t->chain->decimals;
	t->o.txid_format = t->chain->txid_format;
	t->o.seed_addrs = (const char *const *)t->addrs;
	t->o.n_seed_addrs = t->n_addrs;
	t->o.seed_outs = t->outs;
	t->o.n_seed_outs = t->n_outs;
	return EXIT_OK;
}

int trace_cli_run(struct cli *cli, struct trace_cli *t,
		  struct trace_result **r)
{
	struct trc_error err = TRC_ERROR_INIT;

	(void)cli;
	if (trace_run(cli->store, &t->o, r, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

/* ---- JSON ---- */

static json_t *time_json(int64_t t)
{
	char buf[21];

	if (t == TRACE_TIME_NONE)
		return json_null();
	case_format_time(t, buf);
	return json_string(buf);
}

/* The five sums with the asset's decimals ("1.5"), for people. */
static json_t *formatted(const struct trace_asset *x)
{
	json_t *o = json_object();
	unsigned d = (unsigned)x->decimals;

	json_object_set_new(o, "seed_total", jsonout_amount_fmt(x->seed_total, d));
	json_object_set_new(o, "exits_total",
			    jsonout_amount_fmt(x->exits_total, d));
	json_object_set_new(o, "held", jsonout_amount_fmt(x->held, d));
	json_object_set_new(o, "fees", jsonout_amount_fmt(x->fees, d));
	json_object_set_new(o, "unresolved",
			    jsonout_amount_fmt(x->unresolved, d));
	return o;
}

/* "amount_formatted" next to an amount, when the decimals are known. */
static void set_fmt(json_t *o, const struct trace_result *r, uint32_t asset,
		    trc_amount a)
{
	int d = r->assets[asset].decimals;

	if (d >= 0)
		json_object_set_new(o, "amount_formatted",
				    jsonout_amount_fmt(a, (unsigned)d));
}

static json_t *assets_json(const struct trace_result *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_assets; i++) {
		const struct trace_asset *x = &r->assets[i];
		json_t *o = json_object(), *by = json_object();
		json_object_set_new(o, "asset", json_string(x->asset));
		json_object_set_new(o, "decimals",
				    x->decimals < 0 ? json_null()
						    : json_integer(x->decimals));
		json_object_set_new(o, "seed_total",
				    jsonout_amount(x->seed_total));
		json_object_set_new(o, "exits_total",
				    jsonout_amount(x->exits_total));
		json_object_set_new(o, "held", jsonout_amount(x->held));
		json_object_set_new(o, "fees", jsonout_amount(x->fees));
		json_object_set_new(o, "unresolved",
				    jsonout_amount(x->unresolved));
		json_object_set_new(o, "balanced",
				    x->conserving ? json_boolean(x->balanced)
						  : json_null());
		for (int k = 0; k < TRACE_REASON_COUNT; k++)
			json_object_set_new(
				by, trace_reason_name((enum trace_reason)k),
				jsonout_amount(x->unresolved_by[k]));
		json_object_set_new(o, "unresolved_by", by);
		if (x->decimals >= 0)
			json_object_set_new(o, "formatted", formatted(x));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *exit_json(const struct trace_result *r,
			 const struct trace_exit *x)
{
	json_t *o = json_object(), *ids = json_array();

	json_object_set_new(o, "asset", json_string(r->assets[x->asset].asset));
	json_object_set_new(o, "address", json_string(x->address));
	json_object_set_new(o, "entity", x->entity ? json_string(x->entity)
						   : json_null());
	json_object_set_new(o, "category",
			    tag_category_name(x->category)
				    ? json_string(tag_category_name(x->category))
				    : json_null());
	json_object_set_new(o, "inferred", json_boolean(x->inferred));
	if (x->evidence)
		json_object_set_new(o, "evidence", json_string(x->evidence));
	json_object_set_new(o, "amount", jsonout_amount(x->amount));
	set_fmt(o, r, x->asset, x->amount);
	json_object_set_new(o, "hops", json_integer(x->hops));
	json_object_set_new(o, "first_time", time_json(x->first_time));
	json_object_set_new(o, "last_time", time_json(x->last_time));
	for (size_t i = 0; i < x->n_txids; i++)
		json_array_append_new(ids, json_string(x->txids[i]));
	json_object_set_new(o, "txids", ids);
	return o;
}

static json_t *lists_json(const struct trace_result *r, json_t *root)
{
	json_t *ex = json_array(), *held = json_array(), *un = json_array();

	for (size_t i = 0; i < r->n_exits; i++)
		json_array_append_new(ex, exit_json(r, &r->exits[i]));
	for (size_t i = 0; i < r->n_held; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "asset",
				    json_string(r->assets[r->held[i].asset].asset));
		json_object_set_new(o, "address",
				    json_string(r->held[i].address));
		json_object_set_new(o, "amount",
				    jsonout_amount(r->held[i].amount));
		set_fmt(o, r, r->held[i].asset, r->held[i].amount);
		json_array_append_new(held, o);
	}
	for (size_t i = 0; i < r->n_unresolved; i++) {
		const struct trace_unresolved *u = &r->unresolved[i];
		json_t *o = json_object();
		json_object_set_new(o, "asset",
				    json_string(r->assets[u->asset].asset));
		json_object_set_new(o, "reason", json_string(trace_reason_name(
							 (enum trace_reason)u->reason)));
		json_object_set_new(o, "address",
				    u->address[0] ? json_string(u->address)
						  : json_null());
		json_object_set_new(o, "txid", u->txid[0] ? json_string(u->txid)
							  : json_null());
		json_object_set_new(o, "amount", jsonout_amount(u->amount));
		json_array_append_new(un, o);
	}
	json_object_set_new(root, "exits", ex);
	json_object_set_new(root, "held", held);
	json_object_set_new(root, "unresolved", un);
	return root;
}

static json_t *counters_json(const struct trace_result *r)
{
	json_t *o = json_object();
	const struct trace_counters *c = &r->counters;

	json_object_set_new(o, "txs_scanned", json_integer((json_int_t)c->txs_scanned));
	json_object_set_new(o, "txs_visited", json_integer((json_int_t)c->txs_visited));
	json_object_set_new(o, "addresses", json_integer((json_int_t)c->addresses));
	json_object_set_new(o, "inputs_missing",
			    json_integer((json_int_t)c->inputs_missing));
	json_object_set_new(o, "pool_overdrawn",
			    json_integer((json_int_t)c->pool_overdrawn));
	json_object_set_new(o, "coinjoins", json_integer((json_int_t)c->coinjoins));
	json_object_set_new(o, "edges", json_integer((json_int_t)r->n_edges));
	return o;
}

json_t *trace_result_to_json(const struct trace_result *r,
			     const struct chain_ops *chain)
{
	json_t *root = json_object(), *seeds = json_array(), *lim = json_object();

	if (!root || !seeds || !lim) {
		json_decref(root);
		json_decref(seeds);
		json_decref(lim);
		return NULL;
	}
	json_object_set_new(root, "chain", json_string(chain->name));
	json_object_set_new(root, "network", r->network ? json_string(r->network)
							: json_null());
	json_object_set_new(root, "policy",
			    json_string(trace_policy_name(r->policy)));
	for (size_t i = 0; i < r->n_seeds; i++)
		json_array_append_new(seeds, json_string(r->seeds[i]));
	json_object_set_new(root, "seeds", seeds);
	json_object_set_new(lim, "hops", json_integer(r->hops));
	json_object_set_new(lim, "min", jsonout_amount(r->min));
	json_object_set_new(lim, "hub_txs", json_integer(r->hub_txs));
	json_object_set_new(lim, "since", time_json(r->since));
	json_object_set_new(lim, "until", time_json(r->until));
	json_object_set_new(root, "limits", lim);
	json_object_set_new(root, "assets", assets_json(r));
	lists_json(r, root);
	json_object_set_new(root, "counters", counters_json(r));
	return root;
}
