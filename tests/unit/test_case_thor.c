/*
 * The THORChain deriver (tracer/case/case_thor.h) over a store built by
 * graph_fixture with memos: BTC -> ETH by OUT:<btc txid> (display order,
 * upper case), ETH -> BTC by OUT:<eth hash> (no 0x), a refund named in
 * lower case with 0x, and what is no link: an outbound paying another
 * address, a reverted one, a payment to an address that is not the
 * vault, a transaction without a memo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "chains/chain.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/harness.h"
#include "tracer/case/case_thor.h"

#define H "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94"
#define K "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
#define VAULT "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
#define R "0x00000000000000000000000000000000000000a1" /* the router */
#define VE "0x00000000000000000000000000000000000000b1"
#define D "0x00000000000000000000000000000000000000d1"
#define X "0x00000000000000000000000000000000000000e1"
#define S "0x00000000000000000000000000000000000000f1"

static char fx[4096];

/* The display form of label's txid on btc (reversed) or eth (0x). */
static void disp(const char *label, bool btc, char out[67])
{
	uint8_t t[32];

	gfx_txid(label, t);
	if (btc) {
		hex_encode_rev(out, t, 32);
	} else {
		out[0] = '0';
		out[1] = 'x';
		hex_encode(out + 2, t, 32);
	}
}

static void upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'f')
			*s = (char)(*s - 'a' + 'A');
}

static struct store *open_fx(void)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	char in1[67], in2[67], dep[67];

	disp("in1", true, in1);
	disp("in2", true, in2);
	disp("dep", false, dep);
	upper(in1);
	snprintf(fx, sizeof(fx),
		 "tx a 1 | coinbase | " H "=300000000\n"
		 "memo 0 =:ETH.ETH:" D "\n"
		 "tx in1 2 | a:0 | " VAULT "=250000000 -=0 " H "=49990000\n"
		 "memo 0 =:e:thorname\n"
		 "tx in2 3 | in1:2 | " VAULT "=40000000 -=0 " H "=9980000\n"
		 "memo 0 REFUND:%s\n"
		 "tx ref2 4 | in2:2 | " H "=39000000 -=0\n"
		 "chain eth\n"
		 "memo 1 OUT:%s\n"
		 "ev out1 5 | native " VE " " R " 37000 | internal " R " " D
		 " 37000\n"
		 "memo 0 OUT:%s\n"
		 "ev out1b 6 | native " VE " " X " 5\n"
		 "memo 0 OUT:%s\n"
		 "ev out1c 7 failed | native " VE " " D " 7\n"
		 "memo 0 SWAP:BTC.BTC:" K "\n"
		 "ev dep 8 | native " S " " R " 4000\n"
		 "chain btc\n"
		 "memo 0 OUT:%s\n"
		 "tx pay 9 | in1:0 | " K "=1234 -=0 " VAULT "=249990000\n",
		 in2 /* lower case, as displayed */, in1, in1, in1, dep + 2);
	CHECK_OK(store_open(&s, t_tmp("thor"), STORE_CREATE, &e), &e);
	if (s)
		CHECK_OK(gfx_load(s, fx, &e), &e);
	return s;
}

/* Derives for label's tx on chain at exit; the number of links. */
static size_t derive(struct store *s, const char *chain, const char *label,
		     const char *exit, struct case_derived *out)
{
	const struct chain_ops *ops = chain_find(chain);
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t txid[32];
	char d[67];

	gfx_txid(label, txid);
	disp(label, !strcmp(chain, "btc"), d);
	case_derived_release(out);
	CHECK_OK(case_thor_derive(s, ops, "main", txid, d, exit, out, &e), &e);
	return out->n;
}

static void t_btc_to_eth(void)
{
	struct store *s = open_fx();
	struct case_derived out = { 0 };
	char want[67], a[AMOUNT_STR_MAX];

	CHECK_INT(derive(s, "btc", "in1", VAULT, &out), 1);
	if (out.n == 1) {
		const struct xlink *l = &out.v[0];

		CHECK_INT(l->kind, XLINK_THORCHAIN);
		CHECK_INT(l->confidence, XLINK_HIGH);
		disp("in1", true, want);
		CHECK_STR(l->from.chain, "btc");
		CHECK_STR(l->from.txid, want);
		CHECK_INT(l->from.n, 0);
		CHECK_STR(amount_format(a, sizeof(a), l->from.amount, 0, false),
			  "250000000");
		CHECK_STR(l->from.asset, "BTC");
		disp("out1", false, want);
		CHECK_STR(l->to.chain, "eth");
		CHECK_STR(l->to.txid, want);
		CHECK_INT(l->to.n, 1);
		CHECK_STR(amount_format(a, sizeof(a), l->to.amount, 0, false),
			  "37000");
		CHECK_STR(l->to.asset, "ETH");
		CHECK(l->evidence &&
		      strstr(l->evidence, "memo '=:ETH.ETH:" D "' paying " VAULT
					  " (tagged bridge) on "
					  "btc (block "));
		CHECK(l->evidence &&
		      strstr(l->evidence, "outbound memo 'OUT:"));
	}
	/* an output that does not pay the exit's address: no link */
	CHECK_INT(derive(s, "btc", "in1", K, &out), 0);
	/* a transaction without a memo */
	CHECK_INT(derive(s, "btc", "a", H, &out), 0);
	case_derived_release(&out);
	store_close(s);
}

static void t_refund_and_back(void)
{
	struct store *s = open_fx();
	struct case_derived out = { 0 };
	char want[67];

	/* a THORName destination, refunded: REFUND: in lower case */
	CHECK_INT(derive(s, "btc", "in2", VAULT, &out), 1);
	if (out.n == 1) {
		disp("ref2", true, want);
		CHECK_STR(out.v[0].to.chain, "btc");
		CHECK_STR(out.v[0].to.txid, want);
		CHECK(strstr(out.v[0].evidence, "refund memo 'REFUND:") !=
		      NULL);
	}
	/* ETH -> BTC: the router's leg to the payout's output 0 */
	CHECK_INT(derive(s, "eth", "dep", R, &out), 1);
	if (out.n == 1) {
		disp("pay", true, want);
		CHECK_INT(out.v[0].from.n, 0);
		CHECK_STR(out.v[0].to.chain, "btc");
		CHECK_STR(out.v[0].to.txid, want);
		CHECK_INT(out.v[0].to.n, 0);
	}
	/* an outbound is no inbound */
	CHECK_INT(derive(s, "eth", "out1", D, &out), 0);
	case_derived_release(&out);
	store_close(s);
}

static void t_swap_dest(void)
{
	struct store *s = open_fx();
	struct trc_error e = TRC_ERROR_INIT;
	struct case_thor_dest d;
	uint8_t txid[32];
	bool swap = true;

	gfx_txid("in1", txid);
	CHECK_OK(case_thor_swap_dest(s, chain_find("btc"), txid, &swap, &d, &e),
		 &e);
	CHECK(swap);
	CHECK(d.chain == chain_find("eth"));
	CHECK_STR(d.address, D);
	CHECK_STR(d.asset, "ETH.ETH");
	gfx_txid("ref2", txid);
	CHECK_OK(case_thor_swap_dest(s, chain_find("btc"), txid, &swap, &d, &e),
		 &e);
	CHECK(!swap);
	gfx_txid("nope", txid);
	CHECK_OK(case_thor_swap_dest(s, chain_find("btc"), txid, &swap, &d, &e),
		 &e);
	CHECK(!swap);
	store_close(s);
}

TEST_MAIN({ "btc -> eth by OUT:", t_btc_to_eth },
	  { "a refund, and eth -> btc", t_refund_and_back },
	  { "where a swap goes", t_swap_dest })
