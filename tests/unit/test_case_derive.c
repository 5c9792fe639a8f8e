/*
 * Links found in the database (tracer/case/case_derive.h) and followed by
 * the cross-chain trace (case_xlink.h), with a deriver of the test's own:
 * the run whose exit gave a link is run again with the link's source as
 * a conversion (the caller's result replaced), the link is checked
 * against the database like a stated one and followed, a stated link
 * with the same source wins, and a deriver's wrong amount is refused by
 * the link's name.
 */
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "graph/trace.h"
#include "store/chaindb.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/harness.h"
#include "tracer/case/case_xlink.h"

#define H "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94"
#define C "12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw"
#define V "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
#define K "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
#define S "0x00000000000000000000000000000000000000a1"
#define D "0x00000000000000000000000000000000000000d1"
#define X "0x00000000000000000000000000000000000000e1"

static const char fixture[] =
	"tx a 1 | coinbase | " H "=150000000\n"
	"tx b 2 | coinbase | " C "=50000000\n"
	"tx x 3 | a:0 b:0 | " V "=120000007 " K "=79989993\n"
	"tag " V " bridge OTCdesk\n"
	"chain eth\n"
	"ev c0 4 | native " S " " D " 21500000000000000000\n"
	"ev c1 5 | native " D " " X " 20000000000000000000 | fee " D " - 1000\n"
	"tag " X " exchange Zeta\n";

static int calls;
static const char *to_amount = "21500000000000000000";

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The test's deriver: taint at V in x leaves for c0's leg 0. */
static enum trc_err fake(struct store *s, const struct chain_ops *ops,
			 const char *network, const uint8_t txid[32],
			 const char *txid_disp, const char *exit_address,
			 struct case_derived *out, struct trc_error *err)
{
	struct xlink l = XLINK_INIT;
	uint8_t want[32];
	char eth[67];
	struct trc_error e2 = TRC_ERROR_INIT;

	(void)s;
	(void)network;
	calls++;
	gfx_txid("x", want);
	if (strcmp(ops->name, "btc") || memcmp(txid, want, 32) ||
	    strcmp(exit_address, V))
		return TRC_OK;
	gfx_txid_hex("c0", eth + 2);
	eth[0] = '0';
	eth[1] = 'x';
	l.kind = XLINK_THORCHAIN;
	l.confidence = XLINK_HIGH;
	l.evidence = dup("memo =:ETH.ETH:" D);
	l.from.chain = dup("btc");
	l.from.txid = dup(txid_disp);
	l.from.n = 0;
	l.from.amount = amount_from_u64(120000007);
	l.from.asset = dup("BTC");
	l.to.chain = dup("eth");
	l.to.txid = dup(eth);
	l.to.n = 0;
	if (amount_parse(&l.to.amount, to_amount, 0, &e2)) {
		xlink_release(&l);
		return trc_fail(err, TRC_ERR_INVALID, "%s", e2.msg);
	}
	l.to.asset = dup("ETH");
	/* twice: a link found twice is one */
	{
		struct xlink l2 = XLINK_INIT;
		l2.kind = l.kind;
		l2.confidence = l.confidence;
		l2.from.chain = dup("btc");
		l2.from.txid = dup(txid_disp);
		l2.from.amount = l.from.amount;
		l2.to.chain = dup("eth");
		l2.to.txid = dup(eth);
		l2.to.amount = l.to.amount;
		enum trc_err rc = case_derived_push(out, &l, err);
		return rc ? rc : case_derived_push(out, &l2, err);
	}
}

static const case_deriver derivers[] = { fake, NULL };

static struct store *open_fx(const char *name)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	if (s)
		CHECK_OK(gfx_load(s, fixture, &e), &e);
	return s;
}

static void opts(struct trace_opts *o, const struct chain_ops *btc,
		 struct trace_outpoint *seed)
{
	trace_opts_init(o);
	o->chain = btc->id;
	o->network = "main";
	o->native_asset = btc->asset;
	o->native_decimals = btc->decimals;
	o->txid_format = btc->txid_format;
	o->policy = TRACE_HAIRCUT;
	memset(seed, 0, sizeof(*seed));
	gfx_txid("a", seed->txid);
	seed->n = 0;
	o->seed_outs = seed;
	o->n_seed_outs = 1;
}

static const char *str(trc_amount a, char *b)
{
	return amount_format(b, AMOUNT_STR_MAX, a, 0, false);
}

static void t_found_followed(void)
{
	struct store *s = open_fx("found");
	const struct chain_ops *btc = chain_find("btc");
	struct trace_opts o;
	struct trace_outpoint seed;
	struct trace_result *r0 = NULL, *first;
	struct case_cross x;
	struct trc_error e = TRC_ERROR_INIT;
	char b[AMOUNT_STR_MAX], name[48];

	if (!s || !btc)
		return;
	opts(&o, btc, &seed);
	case_cross_init(&x);
	x.derivers = derivers;
	calls = 0;
	CHECK_OK(case_cross_prepare(&x, s, NULL, NULL, &o, btc, &e), &e);
	CHECK_OK(trace_run(s, &o, &r0, &e), &e);
	CHECK_INT(r0->n_exits, 1); /* OTCdesk, before the link is found */
	first = r0;
	CHECK_OK(case_cross_follow(&x, s, &o, btc, &r0, &e), &e);
	CHECK(r0 != first); /* run again: the exit became a conversion */
	CHECK(calls >= 1);
	CHECK_INT(r0->n_exits, 0);
	CHECK_INT(r0->n_converted, 1);
	CHECK_INT(o.n_convert_outs, 1);
	CHECK_INT(x.n_stated, 0);
	CHECK_INT(x.n_links, 1);
	case_cross_link_name(&x, 0, name, sizeof(name));
	CHECK_STR(name, "found[0]");
	CHECK_INT(x.n_follow, 1);
	CHECK_INT(x.n_runs, 2);
	CHECK(x.runs[0].r == r0);
	if (x.n_follow == 1) {
		/* haircut: 150000000 of x's 200000000 in; 120000007 out */
		CHECK_STR(str(x.follow[0].taint, b), "90000005");
		/* floor(90000005 * 21.5e18 / 120000007) */
		CHECK_STR(str(x.follow[0].converted, b),
			  "16124999955208335946");
		CHECK_STR(x.links[0].evidence, "memo =:ETH.ETH:" D);
		CHECK_INT(x.links[0].kind, XLINK_THORCHAIN);
	}
	for (size_t i = 0; i < x.n_assets; i++)
		CHECK(x.assets[i].balanced);
	CHECK(x.n_assets == 2);
	if (x.n_runs == 2) /* the ETH run reaches Zeta */
		CHECK_INT(x.runs[1].r->n_exits, 1);
	case_cross_release(&x);
	trace_result_free(r0);
	store_close(s);
}

static void t_stated_wins(void)
{
	struct store *s = open_fx("stated");
	const struct chain_ops *btc = chain_find("btc");
	struct trace_opts o;
	struct trace_outpoint seed;
	struct trace_result *r0 = NULL, *first;
	struct case_cross x;
	struct trc_case k = CASE_INIT;
	struct xlink l = XLINK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char xt[65], eth[67], s_btc[] = "btc", s_eth[] = "eth";

	if (!s || !btc)
		return;
	/* displayed txid of x: its stored bytes reversed */
	{
		uint8_t t[32];
		gfx_txid("x", t);
		btc->txid_format(t, xt);
	}
	gfx_txid_hex("c0", eth + 2);
	eth[0] = '0';
	eth[1] = 'x';
	l.from.chain = s_btc;
	l.from.txid = xt;
	l.from.amount = amount_from_u64(120000007);
	l.to.chain = s_eth;
	l.to.txid = eth;
	CHECK_OK(amount_parse(&l.to.amount, "21500000000000000000", 0, &e), &e);
	k.links = &l;
	k.n_links = 1;
	opts(&o, btc, &seed);
	case_cross_init(&x);
	x.derivers = derivers;
	CHECK_OK(case_cross_prepare(&x, s, &k, "k.json", &o, btc, &e), &e);
	CHECK_OK(trace_run(s, &o, &r0, &e), &e);
	first = r0;
	CHECK_OK(case_cross_follow(&x, s, &o, btc, &r0, &e), &e);
	CHECK(r0 == first); /* nothing new: no second run */
	CHECK_INT(x.n_links, 1);
	CHECK_INT(x.n_stated, 1);
	CHECK_INT(x.n_follow, 1);
	case_cross_release(&x);
	trace_result_free(r0);
	store_close(s);
}

static void t_wrong_amount(void)
{
	struct store *s = open_fx("wrong");
	const struct chain_ops *btc = chain_find("btc");
	struct trace_opts o;
	struct trace_outpoint seed;
	struct trace_result *r0 = NULL;
	struct case_cross x;
	struct trc_error e = TRC_ERROR_INIT;

	if (!s || !btc)
		return;
	opts(&o, btc, &seed);
	case_cross_init(&x);
	x.derivers = derivers;
	to_amount = "2150000000000000000";
	CHECK_OK(case_cross_prepare(&x, s, NULL, NULL, &o, btc, &e), &e);
	CHECK_OK(trace_run(s, &o, &r0, &e), &e);
	CHECK_INT(case_cross_follow(&x, s, &o, btc, &r0, &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "found[0] (thorchain).to.amount: the database "
			    "has 21500000000000000000") != NULL);
	to_amount = "21500000000000000000";
	case_cross_release(&x);
	trace_result_free(r0);
	store_close(s);
}

TEST_MAIN({ "found link followed", t_found_followed },
	  { "stated link wins", t_stated_wins },
	  { "found link checked", t_wrong_amount })
