/*
 * trace_opts.c - the trace options of the CLI and the JSON of a result.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"
#include "tracer/cli/jsonout.h"
#include "tracer/cli/trace_opts.h"

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
		      uint64_t min, uint64_t max, unsigned *out)
{
	uint64_t v;
	int rc = cli_parse_uint(cli->cmd, opt, arg, min, max, &v);

	if (!rc)
		*out = (unsigned)v;
	return rc;
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
		rc = parse_uint(cli, "--hops", arg, 1, CASE_HOPS_MAX, &v);
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
		return parse_uint(cli, "--hub-txs", arg, 0, CASE_HUB_MAX,
				  &t->o.hub_txs);
	case 1011: return parse_stop(cli, t, arg);
	case 1012: t->o.cluster = false; return EXIT_OK;
	case 1013:
		rc = parse_uint(cli, "--deposit-window", arg, 0, 100000000,
				&v);
		t->o.deposit_window = v;
		return rc;
	case 1014:
		rc = parse_uint(cli, "--deposit-share", arg, 0, 100, &v);
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
		uint64_t n;
		if (!colon || colon - s >= (long)sizeof(txid) ||
		    num_parse_u64(colon + 1, 0, UINT32_MAX, &n, NULL))
			return cli_usage_error(cli->cmd,
					       "seed '%s': expected TXID:N", s);
		memcpy(txid, s, (size_t)(colon - s));
		txid[colon - s] = 0;
		if (t->chain->txid_parse(txid, t->outs[t->n_outs].txid, &err))
			return cli_usage_error(cli->cmd, "seed '%s': %s", s,
					       err.msg);
		t->outs[t->n_outs++].n = (uint32_t)n;
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

