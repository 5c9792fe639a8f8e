/*
 * graph/xlink.h: the names, and the conversion rule of docs/crosschain.md
 * with exact 256-bit values (1.5 BTC into wei).
 */
#include <string.h>

#include "graph/xlink.h"
#include "tests/unit/harness.h"

static const char *str(trc_amount a, char *b)
{
	return amount_format(b, AMOUNT_STR_MAX, a, 0, false);
}

static void t_names(void)
{
	enum xlink_kind k;
	enum xlink_confidence c;

	CHECK_STR(xlink_kind_name(XLINK_STATED), "stated");
	CHECK(xlink_kind_from_name("dex-swap", &k) && k == XLINK_DEX_SWAP);
	CHECK(!xlink_kind_from_name("bridge", &k));
	CHECK(xlink_kind_name((enum xlink_kind)9) == NULL);
	CHECK(xlink_confidence_from_name("LOW", &c) && c == XLINK_LOW);
	CHECK(!xlink_confidence_from_name("certain", &c));
	CHECK_STR(xlink_confidence_name(XLINK_HIGH), "high");
}

static void t_convert(void)
{
	struct xlink l = XLINK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount out, rem;
	char b[2][AMOUNT_STR_MAX];

	/* 150000000 sat became 21.5 ETH; 100000001 sat of it tainted */
	l.from.amount = amount_from_u64(150000000);
	CHECK_OK(amount_parse(&l.to.amount, "21500000000000000000", 0, &e), &e);
	CHECK_OK(xlink_convert(&l, amount_from_u64(100000001), &out, &rem, &e),
		 &e);
	/* 100000001 * 21.5e18 = 2150000021500000000000000000; / 150000000 */
	CHECK_STR(str(out, b[0]), "14333333476666666666");
	CHECK_STR(str(rem, b[1]), "100000000");
	/* the whole source: the whole destination, no remainder */
	CHECK_OK(xlink_convert(&l, l.from.amount, &out, &rem, &e), &e);
	CHECK_STR(str(out, b[0]), "21500000000000000000");
	CHECK(amount_is_zero(rem));
	CHECK_INT(xlink_convert(&l, amount_from_u64(150000001), &out, NULL, &e),
		  TRC_ERR_INVALID);
	CHECK(amount_is_zero(out));
	l.from.amount = AMOUNT_ZERO;
	CHECK_INT(xlink_convert(&l, AMOUNT_ZERO, &out, NULL, NULL),
		  TRC_ERR_INVALID);
	xlink_release(&l);
}

TEST_MAIN({ "names", t_names }, { "conversion rule", t_convert })
