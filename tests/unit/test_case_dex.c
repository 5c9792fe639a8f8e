/*
 * tracer/case/case_dex.h: dex-swap links read from hand-made stored
 * transactions: token to token through a pool, ETH to a token through a
 * router, a token to ETH, a refund left out, what is not one swap, split
 * routes, the conversion rule over a derived link, and a trace whose
 * taint crosses a swap (case_xlink.h, the derivers' table).
 */
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "graph/trace.h"
#include "graph/xlink.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/harness.h"
#include "tracer/case/case_dex.h"
#include "tracer/case/case_xlink.h"

static struct store *fx(const char *name, const char *text)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(gfx_open(&s, t_tmp(name), text, &e), &e);
	return s;
}

static const char *str(trc_amount a, char *b)
{
	return amount_format(b, AMOUNT_STR_MAX, a, 0, false);
}

/* The links derived for the exit at addr in tx label. */
static void derive(struct store *s, const char *chain, const char *label,
		   const char *exit, struct case_derived *d)
{
	const struct chain_ops *ops = chain_find(chain);
	struct trc_error e = TRC_ERROR_INIT;
	char disp[CHAIN_TXID_STR_MAX];
	uint8_t txid[32];

	memset(d, 0, sizeof(*d));
	gfx_txid(label, txid);
	ops->txid_format(txid, disp);
	CHECK_OK(case_dex_derive(s, ops, NULL, txid, disp, exit, d, &e), &e);
}

static void check_link(const struct xlink *l, uint32_t from_n,
		       const char *from_amt, const char *from_asset,
		       uint32_t to_n, const char *to_amt, const char *to_asset)
{
	char b[AMOUNT_STR_MAX];

	CHECK_INT(l->kind, XLINK_DEX_SWAP);
	CHECK_INT(l->confidence, XLINK_HIGH);
	CHECK_STR(l->from.chain, "eth");
	CHECK_STR(l->to.chain, "eth");
	CHECK_STR(l->from.txid, l->to.txid);
	CHECK_INT(l->from.n, from_n);
	CHECK_INT(l->to.n, to_n);
	CHECK_STR(str(l->from.amount, b), from_amt);
	CHECK_STR(str(l->to.amount, b), to_amt);
	CHECK_STR(l->from.asset, from_asset);
	CHECK_STR(l->to.asset, to_asset);
	CHECK(l->evidence != NULL);
}

/* derive, expecting one link from leg from_n to leg to_n; *d is left
 * for further checks. Returns whether there was one. */
static bool derive_one(struct store *s, const char *label, const char *exit,
		       struct case_derived *d, uint32_t from_n,
		       const char *from_amt, const char *from_asset,
		       uint32_t to_n, const char *to_amt, const char *to_asset)
{
	derive(s, "eth", label, exit, d);
	CHECK_INT(d->n, 1);
	if (d->n != 1)
		return false;
	check_link(&d->v[0], from_n, from_amt, from_asset, to_n, to_amt,
		   to_asset);
	return true;
}

static bool has(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle)) {
		t_fail(__FILE__, __LINE__, "'%s' not in '%s'", needle,
		       hay ? hay : "(null)");
		return false;
	}
	return true;
}

/* Token A into the pool, token B out of it; the fee is no part of it. */
static void t_token_token(void)
{
	struct store *s =
		fx("dextt", "chain eth\n"
			    "ev a 1 | token V H 1000 0xA\n"
			    "ev sw 2 | fee H - 3 | token H P 1000 0xA"
			    " | token P H 1990 0xB\n"
			    "tag P dex Pool1\n"
			    "tag Q dex DQ\n"
			    "ev br 3 | token H B 10 0xA | token B H 20"
			    " 0xB\n"
			    "tag B bridge Br\n"
			    "ev un 4 | token H U 10 0xA | token U H 20"
			    " 0xB\n");
	struct case_derived d;
	char gfx[65];

	if (derive_one(s, "sw", "P", &d, 1, "1000", "0xA", 2, "1990", "0xB")) {
		gfx_txid_hex("sw", gfx);
		CHECK(strstr(d.v[0].from.txid, gfx) != NULL);
		has(d.v[0].evidence, "swap at P (Pool1)");
		has(d.v[0].evidence, "H sent 1000 0xA (leg 1) to P");
		has(d.v[0].evidence, "received 1990 0xB (leg 2) from P");
		has(d.v[0].evidence, "rate 199/100 = 1.99 0xB per 0xA");
		has(d.v[0].evidence, "block 1, 1970-01-01T00:00:02Z");
	}
	case_derived_release(&d);
	/* the exit must be where H's coins went */
	derive(s, "eth", "sw", "Q", &d);
	CHECK_INT(d.n, 0);
	case_derived_release(&d);
	/* the same shape at a bridge, or at an untagged address: no swap */
	derive(s, "eth", "br", "B", &d);
	CHECK_INT(d.n, 0);
	case_derived_release(&d);
	derive(s, "eth", "un", "U", &d);
	CHECK_INT(d.n, 0);
	case_derived_release(&d);
	/* a transaction the database does not have: no link, no error */
	derive(s, "eth", "nothere", "P", &d);
	CHECK_INT(d.n, 0);
	case_derived_release(&d);
	store_close(s);
}

/* ETH to the router, which wraps it (W) and pays the pool; the pool pays
 * the token to H. And back: the token to the pool, ETH from the router
 * after it unwraps. */
static void t_eth_token(void)
{
	struct store *s =
		fx("dexet", "chain eth\n"
			    "ev buy 1 | fee H - 1 | native H R 3 | internal R"
			    " W 3 | token R P 3 0xW | token P H 500 0xB\n"
			    "ev sell 2 | token H P 100 0xB | token P R 7 0xW"
			    " | internal W R 7 | internal R H 7\n"
			    "tag R dex DR\n"
			    "tag P dex DP\n");
	struct case_derived d;

	if (derive_one(s, "buy", "R", &d, 1, "3", "ETH", 4, "500", "0xB")) {
		has(d.v[0].evidence, "swap at R (DR): H sent 3 ETH");
		has(d.v[0].evidence, "rate 500/3 = 166.666666666666666666..."
				     " 0xB per ETH");
	}
	case_derived_release(&d);
	if (derive_one(s, "sell", "P", &d, 0, "100", "0xB", 3, "7", "ETH")) {
		has(d.v[0].evidence, "from R in the same transaction");
		has(d.v[0].evidence, "rate 7/100 = 0.07 ETH per 0xB");
	}
	case_derived_release(&d);
	store_close(s);
}

/* Unspent ETH sent back by the router is a refund, not what was bought. */
static void t_refund(void)
{
	struct store *s = fx("dexrf", "chain eth\n"
				      "ev sw 1 | native H R 10 | internal R W"
				      " 8 | token R P 8 0xW | token P H 50 0xB"
				      " | internal R H 2\n"
				      "tag R dex DR\n");
	struct case_derived d;

	(void)derive_one(s, "sw", "R", &d, 0, "10", "ETH", 3, "50", "0xB");
	case_derived_release(&d);
	store_close(s);
}

/* Not one swap: two assets in (liquidity), two assets out, more legs
 * sent than received, nothing received. */
static void t_not_swap(void)
{
	struct store *s =
		fx("dexno", "chain eth\n"
			    "ev liq 1 | token H P 5 0xA | token H P 7 0xB"
			    " | token P H 3 0xL\n"
			    "ev two 2 | token H P 5 0xA | token P H 3 0xB"
			    " | token P H 4 0xC\n"
			    "ev split 3 | token H P 60 0xA | token H P 40 0xA"
			    " | token P H 100 0xB\n"
			    "ev gift 4 | token H P 60 0xA\n"
			    "ev back 5 | token H P 60 0xA | token P H 60 0xA\n"
			    "tag P dex DP\n");
	static const char *const labels[] = { "liq", "two", "split", "gift",
					      "back" };
	struct case_derived d;

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		derive(s, "eth", labels[i], "P", &d);
		if (d.n)
			t_fail(__FILE__, __LINE__, "%s: %zu links", labels[i],
			       d.n);
		case_derived_release(&d);
	}
	store_close(s);
}

/* A route split over two pools: each pool's part is its own swap (the
 * pools are joined only through H); legs paired in order when one pool
 * takes and pays twice. */
static void t_split(void)
{
	struct store *s =
		fx("dexsp", "chain eth\n"
			    "ev sw 1 | token H P1 60 0xA | token H P2 40 0xA"
			    " | token P1 H 120 0xB | token P2 H 81 0xB\n"
			    "ev twice 2 | token H P 60 0xA | token P H 120 0xB"
			    " | token H P 40 0xA | token P H 81 0xB\n"
			    "tag P1 dex DP1\n"
			    "tag P2 dex DP2\n"
			    "tag P dex DP\n");
	struct case_derived d;

	(void)derive_one(s, "sw", "P1", &d, 0, "60", "0xA", 2, "120", "0xB");
	case_derived_release(&d);
	(void)derive_one(s, "sw", "P2", &d, 1, "40", "0xA", 3, "81", "0xB");
	case_derived_release(&d);
	derive(s, "eth", "twice", "P", &d);
	CHECK_INT(d.n, 2);
	if (d.n == 2) {
		check_link(&d.v[0], 0, "60", "0xA", 1, "120", "0xB");
		check_link(&d.v[1], 2, "40", "0xA", 3, "81", "0xB");
	}
	case_derived_release(&d);
	store_close(s);
}

/* A multi-hop route: A to P1, which pays P2 in C, which pays H in B; the
 * router R took A first. */
static void t_multi_hop(void)
{
	struct store *s =
		fx("dexmh", "chain eth\n"
			    "ev sw 1 | token H R 50 0xA | token R P1"
			    " 50 0xA | token P1 P2 70 0xC | token P2 H"
			    " 90 0xB\n"
			    "tag R dex DR\n");
	struct case_derived d;

	if (derive_one(s, "sw", "R", &d, 0, "50", "0xA", 3, "90", "0xB")) {
		has(d.v[0].evidence, "from P2 in the same transaction");
	}
	case_derived_release(&d);
	store_close(s);
}

/* Two senders to the same pool in one transaction: a link each. */
static void t_two_senders(void)
{
	struct store *s = fx("dex2s", "chain eth\n"
				      "ev sw 1 | token H P 10 0xA | token P H"
				      " 20 0xB | token K P 30 0xB | token P K"
				      " 15 0xA\n"
				      "tag P dex DP\n");
	struct case_derived d;

	derive(s, "eth", "sw", "P", &d);
	CHECK_INT(d.n, 2);
	if (d.n == 2) {
		check_link(&d.v[0], 0, "10", "0xA", 1, "20", "0xB");
		check_link(&d.v[1], 2, "30", "0xB", 3, "15", "0xA");
	}
	case_derived_release(&d);
	store_close(s);
}

/* The rule over a derived link: 400 of the 1000 A tainted carry
 * floor(400 * 1990 / 1000) = 796 B; never more than B received. */
static void t_convert(void)
{
	struct store *s = fx("dexcv", "chain eth\n"
				      "ev sw 1 | token H P 1000 0xA | token P H"
				      " 1990 0xB\n"
				      "tag P dex DP\n");
	struct trc_error e = TRC_ERROR_INIT;
	struct case_derived d;
	trc_amount out, rem;
	char b[AMOUNT_STR_MAX];

	derive(s, "eth", "sw", "P", &d);
	CHECK_INT(d.n, 1);
	if (d.n == 1) {
		CHECK_OK(xlink_convert(&d.v[0], amount_from_u64(400), &out,
				       &rem, &e),
			 &e);
		CHECK_STR(str(out, b), "796");
		CHECK(amount_is_zero(rem));
		CHECK_OK(xlink_convert(&d.v[0], amount_from_u64(333), &out,
				       &rem, &e),
			 &e);
		CHECK_STR(str(out, b), "662"); /* 662670 / 1000 */
		CHECK_STR(str(rem, b), "670");
		CHECK_OK(xlink_convert(&d.v[0], amount_from_u64(1000), &out,
				       &rem, &e),
			 &e);
		CHECK_STR(str(out, b), "1990");
	}
	case_derived_release(&d);
	store_close(s);
}

/* A UTXO chain's transaction has no legs: nothing to read. */
static void t_utxo(void)
{
	struct store *s = fx("dexbtc", "chain btc\n"
				       "tx a 1 | coinbase | P=50\n"
				       "tx b 2 | a:0 | H=49\n"
				       "tag H dex DH\n");
	struct case_derived d;

	derive(s, "btc", "b", "H", &d);
	CHECK_INT(d.n, 0);
	case_derived_release(&d);
	store_close(s);
}

/* The trace from S: 400 of H's 1000 A are S's; H sells the 1000 A for
 * 1990 B at the pool P (tagged dex) and sends the B to Zeta. Haircut:
 * 400 A reach P, converted; floor(400 * 1990 / 1000) = 796 B follow
 * from the swap's leg 2 to Zeta. Both assets balance. */
static void t_trace_across(void)
{
	struct store *s = fx("dextr", "chain eth\n"
				      "ev a 1 | token V S 400 0xA\n"
				      "ev b 2 | token S H 400 0xA\n"
				      "ev c 3 | token C H 600 0xA\n"
				      "ev sw 4 | fee H - 5 | token H P 1000 0xA"
				      " | token P H 1990 0xB\n"
				      "ev out 5 | token H X 1990 0xB\n"
				      "tag P dex Pool1\n"
				      "tag X exchange Zeta\n");
	const struct chain_ops *eth = chain_find("eth");
	const char *seeds[] = { "S" };
	struct trace_result *r0 = NULL;
	struct trace_opts o;
	struct case_cross x;
	struct trc_error e = TRC_ERROR_INIT;
	char b[AMOUNT_STR_MAX];

	if (!s || !eth)
		return;
	trace_opts_init(&o);
	o.chain = eth->id;
	o.network = "main";
	o.native_asset = eth->asset;
	o.native_decimals = eth->decimals;
	o.txid_format = eth->txid_format;
	o.seed_addrs = seeds;
	o.n_seed_addrs = 1;
	o.cluster = false; /* H forwards to Zeta: no deposit inference */
	case_cross_init(&x);
	CHECK_OK(case_cross_prepare(&x, s, NULL, NULL, &o, eth, &e), &e);
	CHECK_OK(trace_run(s, &o, &r0, &e), &e);
	CHECK_OK(case_cross_follow(&x, s, &o, eth, &r0, &e), &e);
	CHECK_INT(x.n_links, 1);
	CHECK_INT(x.n_follow, 1);
	if (x.n_links == 1 && x.n_follow == 1) {
		check_link(&x.links[0], 1, "1000", "0xA", 2, "1990", "0xB");
		CHECK_STR(str(x.follow[0].taint, b), "400");
		CHECK_STR(str(x.follow[0].converted, b), "796");
		CHECK(amount_is_zero(x.follow[0].remainder));
	}
	CHECK_INT(r0->n_exits, 0); /* P is a conversion now */
	CHECK_INT(r0->n_converted, 1);
	CHECK_INT(x.n_runs, 2);
	if (x.n_runs == 2 && x.runs[1].r->n_exits == 1) {
		CHECK_STR(x.runs[1].r->exits[0].address, "X");
		CHECK_STR(str(x.runs[1].r->exits[0].amount, b), "796");
	}
	CHECK_INT(x.n_assets, 3); /* ETH too, untouched */
	for (size_t i = 0; i < x.n_assets; i++) {
		const struct case_xasset *g = &x.assets[i];

		CHECK(g->balanced);
		if (!strcmp(g->asset, "0xA")) {
			CHECK_STR(str(g->seed, b), "400");
			CHECK_STR(str(g->converted_out, b), "400");
			CHECK(amount_is_zero(g->exits));
		} else if (!strcmp(g->asset, "0xB")) {
			CHECK_STR(str(g->converted_in, b), "796");
			CHECK_STR(str(g->exits, b), "796");
		} else {
			CHECK_STR(g->asset, "ETH");
			CHECK(amount_is_zero(g->seed));
		}
	}
	case_cross_release(&x);
	trace_result_free(r0);
	store_close(s);
}

TEST_MAIN({ "token to token", t_token_token }, { "eth and token", t_eth_token },
	  { "refund", t_refund }, { "not a swap", t_not_swap },
	  { "split routes", t_split }, { "multi-hop", t_multi_hop },
	  { "two senders", t_two_senders }, { "conversion rule", t_convert },
	  { "utxo chain", t_utxo }, { "trace across a swap", t_trace_across })
