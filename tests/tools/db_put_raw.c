/* Test tool: db_put_raw DIR KEYHEX VALUEHEX - writes one raw key/value
 * pair into the database at DIR, bypassing the record encoders, so that
 * tests can plant a record that does not decode (db check must count
 * it and exit 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "store/store.h"

#define RAW_MAX 256

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct store_batch *b;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t key[RAW_MAX], val[RAW_MAX];
	size_t klen = 0, vlen = 0;

	if (argc != 4 ||
	    hex_decode(key, sizeof(key), &klen, argv[2], strlen(argv[2]), &e) ||
	    hex_decode(val, sizeof(val), &vlen, argv[3], strlen(argv[3]), &e) ||
	    !klen) {
		fprintf(stderr, "usage: db_put_raw DIR KEYHEX VALUEHEX %s\n",
			e.msg);
		return 2;
	}
	if (store_open(&s, argv[1], STORE_CREATE, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	b = store_batch_new();
	store_batch_put(b, key, klen, val, vlen);
	if (store_batch_commit(s, b, &e))
		fprintf(stderr, "%s\n", e.msg);
	store_batch_free(b);
	store_close(s);
	return e.code ? 1 : 0;
}
