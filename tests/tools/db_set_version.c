/* Test tool: db_set_version DIR N - stamps schema version N into the
 * database at DIR, so that tests can check how tracer refuses it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "store/store.h"

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct store_batch *b;
	struct trc_error e = TRC_ERROR_INIT;

	if (argc != 3) {
		fputs("usage: db_set_version DIR N\n", stderr);
		return 2;
	}
	if (store_open(&s, argv[1], STORE_CREATE | STORE_UPGRADE, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	b = store_batch_new();
	store_batch_put_version(b, (uint32_t)strtoul(argv[2], NULL, 10));
	if (store_batch_commit(s, b, &e))
		fprintf(stderr, "%s\n", e.msg);
	store_batch_free(b);
	store_close(s);
	return e.code ? 1 : 0;
}
