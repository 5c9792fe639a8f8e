/* Test tool: db_make_v2 DIR - turns the schema version 3 database at DIR
 * into the version 2 that an older tracer wrote: every addr_id value's
 * packed address back to its text (schema 2's encoder), the version
 * stamped 2, so that tests can upgrade it and compare. */
#include <stdio.h>
#include <string.h>

#include "store/codec.h"
#include "store/keys.h"
#include "store/store.h"
#include "store/txindex.h"

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct store_batch *b;
	struct store_iter *it;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t table = TABLE_ADDR_ID;
	const uint8_t *k, *v;
	size_t klen, vlen;
	unsigned long n = 0;

	if (argc != 2) {
		fputs("usage: db_make_v2 DIR\n", stderr);
		return 2;
	}
	if (store_open(&s, argv[1], 0, &e)) {
		fprintf(stderr, "db_make_v2: %s\n", e.msg);
		return 1;
	}
	b = store_batch_new();
	it = store_iter_prefix(s, &table, 1);
	while (b && it && !e.code &&
	       store_iter_next(it, &k, &klen, &v, &vlen)) {
		uint8_t nv[CODEC_UV_MAX + REC_ADDR_MAX];
		char a[REC_ADDR_MAX + 1];
		uint64_t count;
		size_t len, m;

		if (txindex_addr_value(v, vlen, &count, a, &len, NULL, &e))
			break;
		m = codec_uv_put(nv, count);
		memcpy(nv + m, a, len);
		store_batch_put(b, k, klen, nv, m + len);
		n++;
	}
	if (it && !e.code && store_iter_error(it, &e))
		n = 0;
	store_iter_free(it);
	if (b && !e.code) {
		store_batch_put_version(b, 2);
		if (store_batch_commit(s, b, &e))
			n = 0;
	}
	store_batch_free(b);
	store_close(s);
	if (!b || e.code) {
		fprintf(stderr, "db_make_v2: %s\n",
			b ? e.msg : "out of memory");
		return 1;
	}
	printf("%lu addresses as text, schema version 2\n", n);
	return 0;
}
