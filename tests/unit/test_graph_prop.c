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
#include "tests/unit/harness.h"

#define N_ADDR 12

struct rng {
	uint64_t s;
};

static uint32_t rnd(struct rng *r, uint32_t n)
{
	r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
	return n ? (uint32_t)((r->s >> 33) % n) : 0;
}

struct coin {
	char label[16];
	unsigned n;
	uint64_t value;
};

struct text {
	char *p;
	size_t len, cap;
};

static void put(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && t->len + (size_t)n < t->cap)
			break;
		t->cap = t->cap * 2 + 256 + (size_t)(n > 0 ? n : 0);
		t->p = realloc(t->p, t->cap);
		if (!t->p)
			abort();
	}
	t->len += (size_t)n;
}

/* A random UTXO history over addresses A0..A11; A10, A11 are exchanges;
 * A0 is the seed. Spends pick unspent coins, sometimes a missing one. */
static void gen_utxo(struct rng *r, struct text *t)
{
	struct coin c[256];
	size_t nc = 0;
	unsigned n_cb = 2 + rnd(r, 4), n_tx = 5 + rnd(r, 25), time = 1;

	put(t, "tag A10 exchange X\ntag A11 exchange Y\n");
	for (unsigned i = 0; i < n_cb; i++) {
		uint64_t v = 1 + rnd(r, 100000);
		snprintf(c[nc].label, sizeof(c[nc].label), "c%u", i);
		c[nc].n = 0;
		c[nc].value = v;
		put(t, "tx c%u %u | coinbase | A%u=%llu\n", i, time++,
		    i == 0 ? 0 : rnd(r, N_ADDR), (unsigned long long)v);
		nc++;
	}
	for (unsigned k = 0; k < n_tx && nc; k++) {
		unsigned n_in = 1 + rnd(r, 3), n_out = 1 + rnd(r, 4);
		uint64_t sum = 0, fee, left;

		put(t, "tx t%u %u |", k, time++);
		for (unsigned i = 0; i < n_in && nc; i++) {
			size_t j = rnd(r, (uint32_t)nc);
			put(t, " %s:%u", c[j].label, c[j].n);
			sum += c[j].value;
			c[j] = c[--nc];
		}
		if (!rnd(r, 10))
			put(t, " ghost%u:0", k); /* not in the database */
		fee = rnd(r, 4) ? rnd(r, (uint32_t)(sum / 10 + 1)) : 0;
		left = sum - fee;
		put(t, " |");
		for (unsigned j = 0; j < n_out; j++) {
			uint64_t v = j + 1 == n_out
					     ? left
					     : rnd(r, (uint32_t)(left + 1));
			unsigned a = rnd(r, N_ADDR);
			left -= v;
			put(t, " A%u=%llu", a, (unsigned long long)v);
			if (nc < 256 && a < 10) {
				snprintf(c[nc].label, sizeof(c[nc].label),
					 "t%u", k);
				c[nc].n = j;
				c[nc++].value = v;
			}
		}
		put(t, "\n");
	}
}

/* Random account history: native and one token, gas fees, failures. */
static void gen_evm(struct rng *r, struct text *t)
{
	unsigned n = 5 + rnd(r, 30);

	put(t, "chain eth\ntag A10 exchange X\ntag A11 exchange Y\n");
	put(t, "ev o 1 | opening - A0 %u | token S A0 %u 0xT\n",
	    1 + rnd(r, 100000), 1 + rnd(r, 1000));
	for (unsigned k = 0; k < n; k++) {
		unsigned from = rnd(r, 10), to = rnd(r, N_ADDR);
		put(t, "ev e%u %u%s | native A%u A%u %u", k, k + 2,
		    rnd(r, 8) ? "" : " failed", from, to, rnd(r, 50000));
		if (!rnd(r, 3))
			put(t, " | token A%u A%u %u 0xT", from, rnd(r, N_ADDR),
			    rnd(r, 500));
		if (!rnd(r, 4))
			put(t, " | native - A%u %u", rnd(r, 10),
			    rnd(r, 10000)); /* a reward-like credit */
		put(t, " | fee A%u - %u\n", from, rnd(r, 100));
	}
}

struct limits {
	unsigned hops, hub;
	uint64_t min;
};

static struct trace_result *run(struct store *s, bool eth,
				enum trace_policy p, const struct limits *l)
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
			    !strcmp(poison->assets[poison->exits[j].asset].asset,
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
	struct rng r = { seed * 2654435761u + 17 };
	struct text t = { NULL, 0, 0 };
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	struct limits l = { 1 + rnd(&r, 8), rnd(&r, 3) ? 1000 : 4,
			    rnd(&r, 4) ? 0 : rnd(&r, 1000) };
	struct trace_result *poison;
	char dir[64];

	put(&t, "# case %llu\n", (unsigned long long)seed);
	if (eth)
		gen_evm(&r, &t);
	else
		gen_utxo(&r, &t);
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
