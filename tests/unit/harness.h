/*
 * harness.h - the unit-test runner: each tests/unit/test_<x>.c is its own
 * program with a table of test functions, run by TEST_MAIN.
 *
 *   static void t_add(void) { CHECK(...); CHECK_STR(a, b); }
 *   TEST_MAIN({ "add", t_add }, { "sub", t_sub })
 *
 * A test passes when none of its checks failed; t_skip() marks it skipped
 * with a reason. The program prints one line per test and ends with
 * "<suite>: N passed, N failed, N skipped"; it exits 1 on any failure.
 */
#ifndef TRC_HARNESS_H
#define TRC_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

void t_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void t_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int t_run(const char *suite, const struct test_case *cases, size_t n);
/* A temporary directory for this test program, created on first use and
 * removed at exit. Returns a path under it for name (static buffer). */
const char *t_tmp(const char *name);
/* The message of a struct trc_error *, or "" for NULL. */
const char *t_errmsg(const void *err);
/* ../shared/data/<rel> if it exists (static buffer), else NULL. */
const char *t_shared(const char *rel);

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			t_fail(__FILE__, __LINE__, "%s", #cond);               \
	} while (0)

#define CHECK_STR(a, b)                                                        \
	do {                                                                   \
		const char *a_ = (a), *b_ = (b);                               \
		if (!a_ || !b_ || strcmp(a_, b_))                              \
			t_fail(__FILE__, __LINE__, "%s == %s: '%s' != '%s'",   \
			       #a, #b, a_ ? a_ : "(null)",                     \
			       b_ ? b_ : "(null)");                            \
	} while (0)

#define CHECK_INT(a, b)                                                        \
	do {                                                                   \
		long long a_ = (long long)(a), b_ = (long long)(b);            \
		if (a_ != b_)                                                  \
			t_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld",   \
			       #a, #b, a_, b_);                                \
	} while (0)

/* Checks that an enum trc_err call succeeds, printing err's message. */
#define CHECK_OK(call, errp)                                                   \
	do {                                                                   \
		int rc_ = (call);                                              \
		if (rc_)                                                       \
			t_fail(__FILE__, __LINE__, "%s failed (%d): %s",       \
			       #call, rc_, t_errmsg(errp));                    \
	} while (0)

#define TEST_MAIN(...)                                                         \
	int main(void)                                                         \
	{                                                                      \
		static const struct test_case cases_[] = { __VA_ARGS__ };      \
		return t_run(__FILE__, cases_,                                 \
			     sizeof(cases_) / sizeof(cases_[0]));              \
	}

#endif
