/*
 * case_opts: the one mapping of the trace options by name, which the
 * command line (--hops 3) and tracer serve (hops=3) share.
 */
#include <stdlib.h>
#include <string.h>

#include "store/tags.h"
#include "tests/unit/harness.h"
#include "tracer/case/case_opts.h"

/* Sets name to v; the message in e. */
static enum trc_err set(struct case_overrides *ov, const char *name,
			const char *v, struct trc_error *e)
{
	const struct case_opt *o = case_opt_find(name);

	if (!o)
		return TRC_ERR_NOTFOUND;
	return case_opt_set(ov, o, v, e);
}

static void t_names(void)
{
	size_t n = 0;

	for (const struct case_opt *o = case_opts; o->name; o++, n++)
		CHECK(case_opt_find(o->name) == o);
	CHECK_INT(n, 14);
	CHECK(case_opt_find("seed_tx") == case_opt_find("seed-tx"));
	CHECK(case_opt_find("hub_txs") == case_opt_find("hub-txs"));
	CHECK(case_opt_find("case") == NULL);
	CHECK(case_opt_find("hops-") == NULL);
	CHECK(case_opt_find("no-cluster")->flag);
	CHECK(!case_opt_find("hops")->flag);
}

static void t_values(void)
{
	struct case_overrides ov;
	struct trc_error e = TRC_ERROR_INIT;

	case_overrides_init(&ov);
	CHECK_OK(set(&ov, "chain", "BTC", &e), &e);
	CHECK_STR(ov.chain, "btc");
	CHECK_OK(set(&ov, "seed", "  1abc\n", &e), &e);
	CHECK_STR(ov.seed_addrs[0], "1abc");
	CHECK_OK(set(&ov, "hops", "7", &e), &e);
	CHECK(ov.has_hops && ov.hops == 7);
	CHECK_OK(set(&ov, "policy", "fifo", &e), &e);
	CHECK(ov.has_policy && ov.policy == TRACE_FIFO);
	CHECK_OK(set(&ov, "stop-at", "exchange,mixer", &e), &e);
	CHECK_INT(ov.stop_mask, (1u << TAG_EXCHANGE) | (1u << TAG_MIXER));
	CHECK_OK(set(&ov, "stop-at", "none", &e), &e);
	CHECK(ov.has_stop && ov.stop_mask == 0);
	CHECK_OK(set(&ov, "since", "2024-03-01", &e), &e);
	CHECK(ov.has_since && ov.since == 1709251200);
	CHECK_OK(set(&ov, "no-cluster", NULL, &e), &e);
	CHECK(ov.no_cluster);
	CHECK_OK(set(&ov, "deposit-window", "60", &e), &e);
	CHECK(ov.has_window && ov.deposit_window == 60);
	CHECK_OK(set(&ov, "min", "1.5btc", &e), &e);
	CHECK_STR(ov.min_text, "1.5btc");
	case_overrides_release(&ov);
}

static void t_refusals(void)
{
	struct case_overrides ov;
	struct trc_error e = TRC_ERROR_INIT;

	case_overrides_init(&ov);
	CHECK_INT(set(&ov, "hops", "0", &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "'0' is out of range (1 to 10000)");
	CHECK(!ov.has_hops);
	CHECK_INT(set(&ov, "policy", "bogus", &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "unknown policy 'bogus' (poison, haircut, fifo, "
			 "lifo, tiho)");
	CHECK_INT(set(&ov, "stop-at", "exchange,bank", &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "unknown category 'bank'");
	CHECK(!ov.has_stop);
	CHECK_INT(set(&ov, "chain", "xmr", &e), TRC_ERR_INVALID);
	CHECK(!strncmp(e.msg, "unknown chain 'xmr' (known: btc", 31));
	CHECK_INT(set(&ov, "deposit-share", "101", &e), TRC_ERR_INVALID);
	CHECK_INT(set(&ov, "since", "yesterday", &e), TRC_ERR_INVALID);
	case_overrides_release(&ov);
}

TEST_MAIN({ "names", t_names }, { "values", t_values },
	  { "refusals", t_refusals })
