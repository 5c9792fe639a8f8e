/*
 * Property tests over seeded random transaction graphs (UTXO DAGs and
 * account pools): for every conserving policy the accounting identity
 * holds exactly; every tainted output carries 0 < taint <= value; no exit
 * receives more under any policy than under poison (exposure).
 *
 * GRAPH_PROP_CASES overrides the number of cases of each shape.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "graph/trace.h"
#include "store/record.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/graph_gen.h"
#include "tests/unit/harness.h"

struct limits {
	unsigned hops, hub;
	uint64_t min;
};

static struct trace_result *run(struct store *s, bool eth, enum trace_policy p,
				const struct limits *l)
{
	static const char *seed = "A0";
	struct trace_opts o;
	struct trace_result *r = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	trace_opts_init(&o);
	o.chain = eth ? CHAIN_ETH : CHAIN_BTC;
	o.native_asset = eth ? "ETH" : "BTC";
	o.policy = p;
	o.seed_addrs = &seed;
	o.n_seed_addrs = 1;
	o.hops = l->hops;
	o.hub_txs = l->hub;
	o.min = amount_from_u64(l->min);
	CHECK_OK(trace_run(s, &o, &r, &e), &e);
	return r;
}

static bool identity(const struct trace_result *r)
{
	for (size_t i = 0; i < r->n_assets; i++) {
		const struct trace_asset *a = &r->assets[i];
		trc_amount s = AMOUNT_ZERO;
		if (amount_add(&s, s, a->exits_total) ||
		    amount_add(&s, s, a->held) || amount_add(&s, s, a->fees) ||
		    amount_add(&s, s, a->unresolved))
			return false;
		if (amount_cmp(s, a->seed_total) || !a->balanced)
			return false;
	}
	return true;
}

static bool outputs_ok(const struct trace_result *r)
{
	for (size_t i = 0; i < r->n_outputs; i++) {
		const struct trace_output *o = &r->outputs[i];
		if (amount_is_zero(o->taint) ||
		    amount_cmp(o->taint, o->value) > 0)
			return false;
	}
	return true;
}

/* Every exit amount of r is at most the same exit's under poison. */
static bool below_poison(const struct trace_result *r,
			 const struct trace_result *poison)
{
	for (size_t i = 0; i < r->n_exits; i++) {
		const struct trace_exit *x = &r->exits[i];
		trc_amount pv = AMOUNT_ZERO;
		for (size_t j = 0; j < poison->n_exits; j++)
			if (!strcmp(poison->exits[j].address, x->address) &&
			    !strcmp(poison->assets[poison->exits[j].asset]
					    .asset,
				    r->assets[x->asset].asset))
				pv = poison->exits[j].amount;
		if (amount_cmp(x->amount, pv) > 0)
			return false;
	}
	return true;
}

static unsigned cases(void)
{
	const char *s = getenv("GRAPH_PROP_CASES");

	uint64_t n;

	return s && !num_parse_u64(s, 1, UINT32_MAX, &n, NULL) ? (unsigned)n
							       : 1000;
}

/* How many haircut runs had taint at exits, held, unresolved, fees:
 * the generator must exercise every term of the identity. */
static unsigned seen[4];

static void tally(const struct trace_result *r)
{
	const struct trace_asset *a = &r->assets[0];

	seen[0] += !amount_is_zero(a->exits_total);
	seen[1] += !amount_is_zero(a->held);
	seen[2] += !amount_is_zero(a->unresolved);
	seen[3] += !amount_is_zero(a->fees);
}

static void one_case(bool eth, uint64_t seed, unsigned *bad)
{
	struct gen_rng r = { seed * 2654435761u + 17 };
	struct gen_text t = { NULL, 0, 0 };
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	struct limits l = { 1 + gen_rnd(&r, 8), gen_rnd(&r, 3) ? 1000 : 4,
			    gen_rnd(&r, 4) ? 0 : gen_rnd(&r, 1000) };
	struct trace_result *poison;
	char dir[64];

	gen_put(&t, "# case %llu\n", (unsigned long long)seed);
	if (eth)
		gen_evm(&r, NULL, &t);
	else
		gen_utxo(&r, NULL, &t);
	snprintf(dir, sizeof(dir), "prop-%s-%llu", eth ? "eth" : "btc",
		 (unsigned long long)seed);
	CHECK_OK(store_open(&s, t_tmp(dir), STORE_CREATE, &e), &e);
	CHECK_OK(gfx_load(s, t.p, &e), &e);
	poison = run(s, eth, TRACE_POISON, &l);
	for (int p = TRACE_HAIRCUT; poison && p <= TRACE_TIHO; p++) {
		struct trace_result *res = run(s, eth, p, &l);
		if (res && p == TRACE_HAIRCUT)
			tally(res);
		if (!res || !identity(res) || !outputs_ok(res) ||
		    !below_poison(res, poison)) {
			if ((*bad)++ < 3)
				t_fail(__FILE__, __LINE__,
				       "case %llu policy %s:\n%s",
				       (unsigned long long)seed,
				       trace_policy_name(p), t.p);
		}
		trace_result_free(res);
	}
	if (poison && !outputs_ok(poison) && (*bad)++ < 3)
		t_fail(__FILE__, __LINE__, "poison outputs, case %llu",
		       (unsigned long long)seed);
	trace_result_free(poison);
	store_close(s);
	free(t.p);
}

static void t_random_utxo(void)
{
	unsigned bad = 0, n = cases();

	memset(seen, 0, sizeof(seen));
	for (unsigned i = 0; i < n; i++)
		one_case(false, i, &bad);
	CHECK_INT(bad, 0);
	for (int k = 0; k < 4; k++)
		CHECK(seen[k] >= n / 10);
}

static void t_random_pools(void)
{
	unsigned bad = 0, n = cases() / 2;

	memset(seen, 0, sizeof(seen));
	for (unsigned i = 0; i < n; i++)
		one_case(true, i, &bad);
	CHECK_INT(bad, 0);
	for (int k = 0; k < 4; k++)
		CHECK(seen[k] >= n / 10);
}

TEST_MAIN({ "random utxo dags", t_random_utxo },
	  { "random account pools", t_random_pools })
