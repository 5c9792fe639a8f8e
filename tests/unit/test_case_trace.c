/*
 * case_trace_resolve: the one function from a case and the command line's
 * overrides to the options of a trace, for trace, report and export
 * (report and export replayed the command line per case before).
 */
#include <stdlib.h>

#include "base/strv.h"
#include "store/tags.h"
#include "tests/unit/harness.h"
#include "tracer/case/case_trace.h"

#define WC1 "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94"
#define WC2 "12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw"
#define TXID "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"

static char s_btc[] = "btc", s_wc1[] = WC1, s_exch[] = "exchange";
static char s_fifo[] = "fifo", s_out[] = TXID ":3";

static struct trc_case a_case(void)
{
	static char *seeds[2] = { s_wc1, s_out };
	static char *stop[1] = { s_exch };
	struct trc_case k = CASE_INIT;

	k.chain = s_btc;
	k.seeds = seeds;
	k.n_seeds = 2;
	k.policy = s_fifo;
	k.has_hops = true;
	k.hops = 3;
	k.hub_txs = 50;
	k.has_hub_txs = true;
	k.since = 1000;
	k.stop_at = stop;
	k.n_stop_at = 1;
	return k;
}

static void t_case_alone(void)
{
	struct trc_case k = a_case();
	struct case_overrides ov;
	struct case_trace t;
	struct trc_error e = TRC_ERROR_INIT;

	case_overrides_init(&ov);
	case_trace_init(&t);
	CHECK_OK(case_trace_resolve(&t, &k, &ov, NULL, &e), &e);
	CHECK_STR(t.chain->name, "btc");
	CHECK_STR(t.o.network, "main");
	CHECK_INT(t.o.policy, TRACE_FIFO);
	CHECK_INT(t.o.hops, 3);
	CHECK_INT(t.o.hub_txs, 50);
	CHECK(t.o.since == 1000 && t.o.until == TRACE_TIME_NONE);
	CHECK_INT(t.o.stop_mask, 1u << TAG_EXCHANGE);
	CHECK_INT(t.o.n_seed_addrs, 1);
	CHECK_STR(t.o.seed_addrs[0], WC1);
	CHECK_INT(t.o.n_seed_outs, 1);
	CHECK_INT(t.o.seed_outs[0].n, 3);
	CHECK(t.o.cluster);
	case_trace_release(&t);
}

static void t_overrides_win(void)
{
	struct trc_case k = a_case();
	struct case_overrides ov;
	struct case_trace t;
	struct trc_error e = TRC_ERROR_INIT;

	case_overrides_init(&ov);
	case_trace_init(&t);
	ov.has_policy = true;
	ov.policy = TRACE_POISON;
	ov.has_hops = true;
	ov.hops = 7;
	ov.has_until = true;
	ov.until = 5000;
	ov.has_stop = true;
	ov.stop_mask = 0;
	ov.no_cluster = true;
	CHECK_OK(strv_push(&ov.seed_addrs, &ov.n_seed_addrs, WC2, NULL), NULL);
	CHECK_OK(case_trace_resolve(&t, &k, &ov, NULL, &e), &e);
	CHECK_INT(t.o.policy, TRACE_POISON);
	CHECK_INT(t.o.hops, 7);
	CHECK_INT(t.o.hub_txs, 50); /* not overridden: the case's */
	CHECK(t.o.since == 1000 && t.o.until == 5000);
	CHECK_INT(t.o.stop_mask, 0);
	CHECK(!t.o.cluster);
	/* seeds given replace the case's, outputs included */
	CHECK_INT(t.o.n_seed_addrs, 1);
	CHECK_STR(t.o.seed_addrs[0], WC2);
	CHECK_INT(t.o.n_seed_outs, 0);
	case_trace_release(&t);
	case_overrides_release(&ov);
}

static void t_network_rule(void)
{
	struct trc_case k = a_case();
	struct case_overrides ov;
	struct case_trace t;
	struct trc_error e = TRC_ERROR_INIT;

	case_overrides_init(&ov);
	case_trace_init(&t);
	/* the database's network when neither gives one */
	k.seeds[0] = s_out;
	k.n_seeds = 1;
	CHECK_OK(case_trace_resolve(&t, &k, &ov, "regtest", &e), &e);
	CHECK_STR(t.o.network, "regtest");
	case_trace_release(&t);
	/* one given that the database does not hold */
	ov.network = strdup("main");
	CHECK_INT(case_trace_resolve(&t, &k, &ov, "regtest", &e),
		  TRC_ERR_INVALID);
	CHECK_STR(e.msg, "the database holds btc network 'regtest', not "
			 "'main'");
	CHECK(t.network == NULL && t.addrs == NULL);
	free(ov.network);
	ov.network = strdup("moon");
	CHECK_INT(case_trace_resolve(&t, &k, &ov, NULL, &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "unknown btc network 'moon'");
	case_overrides_release(&ov);
	k.seeds[0] = s_wc1;
}

static void t_refusals(void)
{
	struct trc_case k = a_case();
	struct case_overrides ov;
	struct case_trace t;
	struct trc_error e = TRC_ERROR_INIT;

	case_overrides_init(&ov);
	case_trace_init(&t);
	CHECK_INT(case_trace_resolve(&t, NULL, &ov, NULL, &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "--chain is required");
	ov.chain = strdup("xmr");
	CHECK_INT(case_trace_resolve(&t, &k, &ov, NULL, &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "unknown chain 'xmr'") != NULL);
	free(ov.chain);
	ov.chain = strdup("btc");
	CHECK_INT(case_trace_resolve(&t, NULL, &ov, NULL, &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "give at least one --seed or --seed-tx");
	ov.has_until = true;
	ov.until = 10; /* before the case's since */
	CHECK_INT(case_trace_resolve(&t, &k, &ov, NULL, &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "--until is before --since") != NULL);
	ov.has_until = false;
	CHECK_OK(strv_push(&ov.seed_outs, &ov.n_seed_outs, WC1, NULL), NULL);
	CHECK_INT(case_trace_resolve(&t, &k, &ov, NULL, &e), TRC_ERR_PARSE);
	CHECK_STR(e.msg, "seed '" WC1 "': expected TXID:N");
	case_overrides_release(&ov);
}

TEST_MAIN({ "case_alone", t_case_alone }, { "overrides_win", t_overrides_win },
	  { "network_rule", t_network_rule }, { "refusals", t_refusals })
