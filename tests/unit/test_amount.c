#include "base/amount.h"
#include "tests/unit/harness.h"

static const char *fmt(trc_amount a, unsigned dec, bool trim)
{
	static char s[AMOUNT_STR_MAX];

	return amount_format(s, sizeof(s), a, dec, trim);
}

static trc_amount parse(const char *s, unsigned dec)
{
	trc_amount a;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(amount_parse(&a, s, dec, &e), &e);
	return a;
}

static trc_amount max128(void)
{
	trc_amount a = AMOUNT_ZERO;

	a.w[0] = a.w[1] = UINT64_MAX;
	return a;
}

static void t_format(void)
{
	CHECK_STR(fmt(amount_from_u64(1), 8, false), "0.00000001");
	CHECK_STR(fmt(amount_from_u64(150000000), 8, false), "1.50000000");
	CHECK_STR(fmt(amount_from_u64(150000000), 8, true), "1.5");
	CHECK_STR(fmt(amount_from_u64(200000000), 8, true), "2");
	CHECK_STR(fmt(AMOUNT_ZERO, 8, false), "0.00000000");
	CHECK_STR(fmt(AMOUNT_ZERO, 0, false), "0");
	CHECK_STR(fmt(max128(), 0, false),
		  "340282366920938463463374607431768211455");
	CHECK_STR(fmt(max128(), 18, false),
		  "340282366920938463463.374607431768211455");
}

static void t_parse(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount a;

	CHECK(amount_cmp(parse("0.00000001", 8), amount_from_u64(1)) == 0);
	CHECK(amount_cmp(parse("1.5", 8), amount_from_u64(150000000)) == 0);
	CHECK(amount_cmp(parse("21000000", 8),
			 amount_from_u64(2100000000000000ULL)) == 0);
	CHECK(amount_cmp(parse("340282366920938463463374607431768211455", 0),
			 max128()) == 0);
	CHECK_STR(fmt(parse("1.000000000000000001", 18), 18, false),
		  "1.000000000000000001");
	CHECK_INT(amount_parse(&a, "1.000000001", 8, &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse(&a, "-1", 8, &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse(&a, "1e8", 8, &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse(&a, "", 8, &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse(&a, ".5", 8, &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse(&a, "1.", 8, &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse(&a, "1.2.3", 8, &e), TRC_ERR_PARSE);
	/* 2^256 overflows */
	CHECK_INT(amount_parse(&a,
			       "115792089237316195423570985008687907853"
			       "269984665640564039457584007913129639936",
			       0, &e),
		  TRC_ERR_OVERFLOW);
	CHECK(amount_is_zero(a));
}

static void t_parse_hex(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount a;

	CHECK_OK(amount_parse_hex(&a, "0x1bc16d674ec80000", &e), &e);
	CHECK_STR(fmt(a, 18, true), "2");
	CHECK_OK(amount_parse_hex(&a, "0x0", &e), &e);
	CHECK(amount_is_zero(a));
	CHECK_INT(amount_parse_hex(&a, "0x", &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse_hex(&a, "12", &e), TRC_ERR_PARSE);
	CHECK_INT(amount_parse_hex(&a, "0xzz", &e), TRC_ERR_PARSE);
	CHECK_OK(amount_parse_hex(&a,
				  "0xffffffffffffffffffffffffffffffff"
				  "ffffffffffffffffffffffffffffffff",
				  &e),
		 &e);
	CHECK(a.w[3] == UINT64_MAX);
	CHECK_INT(amount_parse_hex(&a,
				   "0x1ffffffffffffffffffffffffffffffff"
				   "ffffffffffffffffffffffffffffffff",
				   &e),
		  TRC_ERR_OVERFLOW);
}

static void t_add_sub(void)
{
	trc_amount r, m = max128(), one = amount_from_u64(1);

	CHECK_OK(amount_add(&r, m, one), NULL);
	CHECK(r.w[0] == 0 && r.w[1] == 0 && r.w[2] == 1);
	CHECK_OK(amount_sub(&r, r, one), NULL);
	CHECK(amount_cmp(r, m) == 0);
	CHECK_INT(amount_sub(&r, AMOUNT_ZERO, one), TRC_ERR_OVERFLOW);
	CHECK(amount_is_zero(r));
	trc_amount full = { { UINT64_MAX, UINT64_MAX, UINT64_MAX,
			      UINT64_MAX } };
	CHECK_INT(amount_add(&r, full, one), TRC_ERR_OVERFLOW);
	CHECK_OK(amount_add(&r, full, AMOUNT_ZERO), NULL);
}

static void t_mul_div(void)
{
	trc_amount q, r;

	/* haircut: 500 * 300 / 1000 = 150 exactly */
	CHECK_OK(amount_mul_div(&q, &r, amount_from_u64(500),
				amount_from_u64(300), amount_from_u64(1000)),
		 NULL);
	CHECK_STR(fmt(q, 0, false), "150");
	CHECK(amount_is_zero(r));
	/* 7 * 10 / 3 = 23 rem 1 */
	CHECK_OK(amount_mul_div(&q, &r, amount_from_u64(7), amount_from_u64(10),
				amount_from_u64(3)),
		 NULL);
	CHECK_STR(fmt(q, 0, false), "23");
	CHECK_STR(fmt(r, 0, false), "1");
	/* (2^128-1)^2 / (2^128-1) = 2^128-1: needs the wide product */
	CHECK_OK(amount_mul_div(&q, &r, max128(), max128(), max128()), NULL);
	CHECK(amount_cmp(q, max128()) == 0);
	CHECK(amount_is_zero(r));
	/* (2^128-1) * 10^18 / 3 with remainder */
	trc_amount e18 = amount_from_u64(1000000000000000000ULL);
	CHECK_OK(amount_mul_div(&q, &r, max128(), e18, amount_from_u64(3)),
		 NULL);
	CHECK_STR(fmt(q, 0, false),
		  "113427455640312821154458202477256070485000000000000000000");
	CHECK_STR(fmt(r, 0, false), "0");
	CHECK_INT(amount_mul_div(&q, &r, max128(), max128(), AMOUNT_ZERO),
		  TRC_ERR_INVALID);
	trc_amount full = { { UINT64_MAX, UINT64_MAX, UINT64_MAX,
			      UINT64_MAX } };
	CHECK_INT(amount_mul_div(&q, &r, full, full, amount_from_u64(2)),
		  TRC_ERR_OVERFLOW);
}

static void t_bytes(void)
{
	uint8_t be[32];
	trc_amount a = amount_from_u64(0x0102), b;

	amount_to_be32(be, a);
	CHECK(be[30] == 1 && be[31] == 2 && be[0] == 0);
	CHECK_INT(amount_byte_len(a), 2);
	CHECK_INT(amount_byte_len(AMOUNT_ZERO), 0);
	CHECK_OK(amount_from_be(&b, be, 32), NULL);
	CHECK(amount_cmp(a, b) == 0);
	uint8_t big[33] = { 1 };
	CHECK_INT(amount_from_be(&b, big, 33), TRC_ERR_OVERFLOW);
}

static void t_u64(void)
{
	uint64_t v;

	CHECK_OK(amount_to_u64(&v, amount_from_u64(UINT64_MAX)), NULL);
	CHECK(v == UINT64_MAX);
	CHECK_INT(amount_to_u64(&v, max128()), TRC_ERR_OVERFLOW);
	CHECK(v == 0);
}

TEST_MAIN({ "format", t_format }, { "parse", t_parse },
	  { "parse_hex", t_parse_hex }, { "add_sub", t_add_sub },
	  { "mul_div", t_mul_div }, { "bytes", t_bytes }, { "u64", t_u64 })
