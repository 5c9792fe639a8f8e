/*
 * The trace engine as a component: two traces running at once in two
 * threads give the results each gives alone (no state shared between
 * runs); the index-driven trace (trace_run) gives exactly the result of
 * a scan of the whole chain (tests/unit/trace_oracle) on random chains of
 * a few thousand transactions, every policy, with limits.
 *
 * GRAPH_ORACLE_TXS overrides the size of the chains.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/trace.h"
#include "store/record.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/graph_gen.h"
#include "tests/unit/harness.h"
#include "tests/unit/trace_cmp.h"
#include "tests/unit/trace_oracle.h"

static struct store *gen_store(const char *name, bool eth, uint64_t seed,
			       unsigned n_tx)
{
	struct gen_rng r = { seed * 2654435761u + 5 };
	struct gen_text t = { NULL, 0, 0 };
	struct gen_shape sh = { n_tx, 16 };
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	if (eth)
		gen_evm(&r, &sh, &t);
	else
		gen_utxo(&r, &sh, &t);
	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	if (s)
		CHECK_OK(gfx_load(s, t.p, &e), &e);
	free(t.p);
	return s;
}

struct job {
	struct store *s;
	bool eth;
	enum trace_policy policy;
	struct trace_result *r;
	enum trc_err rc;
	struct trc_error err;
};

static void job_run(struct job *j)
{
	static const char *seed = "A0";
	struct trace_opts o;

	trace_opts_init(&o);
	o.chain = j->eth ? CHAIN_ETH : CHAIN_BTC;
	o.native_asset = j->eth ? "ETH" : "BTC";
	o.policy = j->policy;
	o.seed_addrs = &seed;
	o.n_seed_addrs = 1;
	o.hops = 6;
	j->rc = trace_run(j->s, &o, &j->r, &j->err);
}

static void *job_thread(void *p)
{
	struct job *j = p;

	/* several runs, so that the two threads overlap */
	for (int i = 0; i < 4 && !j->rc; i++) {
		trace_result_free(j->r);
		j->r = NULL;
		job_run(j);
	}
	return NULL;
}

static void t_two_threads(void)
{
	struct store *a = gen_store("thr-btc", false, 1, 400);
	struct store *b = gen_store("thr-eth", true, 2, 400);
	char why[256] = "";

	for (int p = TRACE_POISON; a && b && p <= TRACE_TIHO; p++) {
		struct job solo[2] = { { a, false, p, NULL, 0, TRC_ERROR_INIT },
				       { b, true, p, NULL, 0,
					 TRC_ERROR_INIT } };
		struct job par[2] = { { a, false, p, NULL, 0, TRC_ERROR_INIT },
				      { b, true, p, NULL, 0, TRC_ERROR_INIT } };
		pthread_t th[2];

		job_run(&solo[0]);
		job_run(&solo[1]);
		CHECK_OK(solo[0].rc, &solo[0].err);
		CHECK_OK(solo[1].rc, &solo[1].err);
		for (int k = 0; k < 2; k++)
			CHECK_INT(pthread_create(&th[k], NULL, job_thread,
						 &par[k]),
				  0);
		for (int k = 0; k < 2; k++)
			pthread_join(th[k], NULL);
		for (int k = 0; k < 2; k++) {
			CHECK_OK(par[k].rc, &par[k].err);
			if (!trace_cmp(solo[k].r, par[k].r, TRACE_CMP_COUNTERS,
				       why, sizeof(why)))
				t_fail(__FILE__, __LINE__, "%s %s: %s",
				       k ? "eth" : "btc", trace_policy_name(p),
				       why);
			/* the histories reach exits, so the sort matters */
			CHECK(solo[k].r && solo[k].r->n_exits > 1);
			trace_result_free(solo[k].r);
			trace_result_free(par[k].r);
		}
	}
	store_close(a);
	store_close(b);
}

static unsigned oracle_txs(void)
{
	const char *s = getenv("GRAPH_ORACLE_TXS");
	char *end;
	unsigned long v = s ? strtoul(s, &end, 10) : 0;

	return s && *s && !*end && v >= 10 && v < 1000000 ? (unsigned)v : 3000;
}

struct config {
	unsigned hops, hub;
	uint64_t min;
	int64_t since, until;
	bool cluster;
};

static void oracle_case(bool eth, uint64_t seed, unsigned *bad)
{
	static const struct config cfg[] = {
		{ 10, 1000, 0, TRACE_TIME_NONE, TRACE_TIME_NONE, false },
		{ 3, 40, 500, TRACE_TIME_NONE, TRACE_TIME_NONE, true },
		{ 6, 0, 0, 40, 2000, false },
	};
	static const char *seeds[] = { "A0", "A7" };
	struct gen_rng r = { seed * 977 + 3 };
	struct gen_text t = { NULL, 0, 0 };
	struct gen_shape sh = { oracle_txs(), 96 };
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	char dir[64], why[256];

	if (eth)
		gen_evm(&r, &sh, &t);
	else
		gen_utxo(&r, &sh, &t);
	snprintf(dir, sizeof(dir), "oracle-%s-%llu", eth ? "eth" : "btc",
		 (unsigned long long)seed);
	CHECK_OK(store_open(&s, t_tmp(dir), STORE_CREATE, &e), &e);
	CHECK_OK(gfx_load(s, t.p, &e), &e);
	free(t.p);
	for (size_t c = 0; s && c < sizeof(cfg) / sizeof(cfg[0]); c++)
		for (int p = TRACE_POISON; p <= TRACE_TIHO; p++) {
			struct trace_opts o;
			struct trace_result *a = NULL, *b = NULL;

			trace_opts_init(&o);
			o.chain = eth ? CHAIN_ETH : CHAIN_BTC;
			o.native_asset = eth ? "ETH" : "BTC";
			o.policy = (enum trace_policy)p;
			o.seed_addrs = seeds;
			o.n_seed_addrs = c == 1 ? 2 : 1;
			o.hops = cfg[c].hops;
			o.hub_txs = cfg[c].hub;
			o.min = amount_from_u64(cfg[c].min);
			o.since = cfg[c].since;
			o.until = cfg[c].until;
			o.cluster = cfg[c].cluster;
			CHECK_OK(trace_run(s, &o, &a, &e), &e);
			CHECK_OK(trace_oracle(s, &o, &b, &e), &e);
			if (!trace_cmp(a, b, TRACE_CMP_MOVED, why,
				       sizeof(why)) &&
			    (*bad)++ < 5)
				t_fail(__FILE__, __LINE__,
				       "%s chain %llu, config %zu, %s: %s",
				       eth ? "eth" : "btc",
				       (unsigned long long)seed, c,
				       trace_policy_name(p), why);
			/* the index-driven run reads less than the chain */
			if (a && b)
				CHECK(a->counters.txs_scanned <=
				      b->counters.txs_scanned);
			trace_result_free(a);
			trace_result_free(b);
		}
	store_close(s);
}

static void t_oracle_utxo(void)
{
	unsigned bad = 0;

	for (uint64_t i = 0; i < 3; i++)
		oracle_case(false, i, &bad);
	CHECK_INT(bad, 0);
}

static void t_oracle_accounts(void)
{
	unsigned bad = 0;

	for (uint64_t i = 0; i < 3; i++)
		oracle_case(true, i, &bad);
	CHECK_INT(bad, 0);
}

TEST_MAIN({ "two traces in two threads", t_two_threads },
	  { "index-driven = full scan, utxo", t_oracle_utxo },
	  { "index-driven = full scan, accounts", t_oracle_accounts })
