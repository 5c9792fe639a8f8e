/*
 * fuzz_case - case files (tracer/case) on arbitrary bytes: loaded from a
 * scratch file; a case that loads saves, and loads again into a case
 * that saves to the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "tests/fuzz/scratch_file.h"
#include "tracer/case/case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void slurp(const char *path, struct buf *b)
{
	if (buf_read_file(b, path, NULL))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trc_case c = CASE_INIT, d = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf one = BUF_INIT(64u << 20), two = BUF_INIT(64u << 20);
	char saved[256], again[256];
	const char *path = scratch_write("case.json", data, size);

	if (case_load(&c, path, &e)) {
		if (!e.msg[0])
			abort();
		return 0;
	}
	snprintf(saved, sizeof(saved), "%s/saved.json", scratch_dir());
	snprintf(again, sizeof(again), "%s/again.json", scratch_dir());
	if (case_save(&c, saved, &e) || case_load(&d, saved, &e) ||
	    case_save(&d, again, &e))
		abort();
	slurp(saved, &one);
	slurp(again, &two);
	if (one.len != two.len || memcmp(one.data, two.data, one.len))
		abort();
	buf_release(&one);
	buf_release(&two);
	case_release(&c);
	case_release(&d);
	return 0;
}
