/*
 * base/strv: the one string-vector helper (the case file, case init and
 * the trace options each had theirs).
 */
#include <stdlib.h>

#include "base/strv.h"
#include "tests/unit/harness.h"

static void t_push(void)
{
	char **v = NULL;
	size_t n = 0;
	char s[] = "abc";

	CHECK_OK(strv_push(&v, &n, s, NULL), NULL);
	s[0] = 'x'; /* a copy was kept */
	CHECK_OK(strv_push(&v, &n, "", NULL), NULL);
	CHECK_INT(n, 2);
	CHECK_STR(v[0], "abc");
	CHECK_STR(v[1], "");
	strv_free(v, n);
	strv_free(NULL, 0);
}

static void t_split(void)
{
	char **v = NULL;
	size_t n = 0;

	CHECK_OK(strv_split(&v, &n, "a,bb,,c,", ',', NULL), NULL);
	CHECK_INT(n, 3);
	CHECK_STR(v[0], "a");
	CHECK_STR(v[1], "bb");
	CHECK_STR(v[2], "c");
	CHECK_OK(strv_split(&v, &n, "", ',', NULL), NULL);
	CHECK_OK(strv_split(&v, &n, ",,", ',', NULL), NULL);
	CHECK_INT(n, 3);
	CHECK_OK(strv_split(&v, &n, "d", ',', NULL), NULL);
	CHECK_INT(n, 4);
	CHECK_STR(v[3], "d");
	strv_free(v, n);
}

TEST_MAIN({ "push", t_push }, { "split", t_split })
