/*
 * base/num: the one whole-number parser (there were four, with four
 * limits: 9 digits, 100000000, 2^32-1 and strtoul's wrap-around).
 */
#include "base/num.h"
#include "tests/unit/harness.h"

static void t_good(void)
{
	uint64_t v = 0;

	CHECK_OK(num_parse_u64("0", 0, 10, &v, NULL), NULL);
	CHECK(v == 0);
	CHECK_OK(num_parse_u64("007", 0, 10, &v, NULL), NULL);
	CHECK(v == 7);
	CHECK_OK(num_parse_u64("18446744073709551615", 0, UINT64_MAX, &v, NULL),
		 NULL);
	CHECK(v == UINT64_MAX);
	CHECK_OK(num_parse_u64("4294967295", 0, UINT32_MAX, &v, NULL), NULL);
	CHECK(v == UINT32_MAX);
}

static void t_bad(void)
{
	static const char *const bad[] = { "",	   "-1",  "+1",	 " 1", "1 ",
					   "0x10", "1.5", "1e3", "١" };
	struct trc_error e = TRC_ERROR_INIT;
	uint64_t v = 42;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (num_parse_u64(bad[i], 0, 100, &v, &e) != TRC_ERR_PARSE)
			t_fail(__FILE__, __LINE__, "'%s' accepted", bad[i]);
	CHECK_STR(e.msg, "'١' is not a whole number");
	CHECK(num_parse_u64(NULL, 0, 1, &v, NULL) == TRC_ERR_PARSE);
	CHECK(v == 42);
}

static void t_range(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint64_t v = 42;

	CHECK_INT(num_parse_u64("0", 1, 10, &v, &e), TRC_ERR_OVERFLOW);
	CHECK_STR(e.msg, "'0' is out of range (1 to 10)");
	CHECK_INT(num_parse_u64("11", 1, 10, &v, &e), TRC_ERR_OVERFLOW);
	CHECK_INT(num_parse_u64("4294967296", 0, UINT32_MAX, &v, &e),
		  TRC_ERR_OVERFLOW);
	/* past 2^64-1 is out of range, not wrapped */
	CHECK_INT(num_parse_u64("18446744073709551616", 0, UINT64_MAX, &v, &e),
		  TRC_ERR_OVERFLOW);
	CHECK_INT(
		num_parse_u64("99999999999999999999999", 0, UINT64_MAX, &v, &e),
		TRC_ERR_OVERFLOW);
	CHECK(v == 42);
}

TEST_MAIN({ "good", t_good }, { "bad", t_bad }, { "range", t_range })
