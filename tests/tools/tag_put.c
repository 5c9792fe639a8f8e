/* Test tool: tag_put DIR CHAIN ADDRESS CATEGORY ENTITY - stores one tag
 * (source "test", confidence 100) so that the crawl tests can tag an
 * address before the tag command exists on every branch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/record.h"
#include "store/store.h"
#include "store/tags.h"

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct store_batch *b = NULL;
	struct tag t = TAG_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	int rc = 1;

	if (argc != 6) {
		fputs("usage: tag_put DIR CHAIN ADDRESS CATEGORY ENTITY\n",
		      stderr);
		return 2;
	}
	t.chain = (uint8_t)chain_from_name(argv[2]);
	t.category = (uint8_t)tag_category_from_name(argv[4]);
	t.confidence = 100;
	if (!t.chain || !t.category) {
		fputs("tag_put: unknown chain or category\n", stderr);
		return 2;
	}
	if (rec_set_str(&t.address, argv[3], &e) ||
	    rec_set_str(&t.entity, argv[5], &e) ||
	    rec_set_str(&t.source, "test", &e) ||
	    store_open(&s, argv[1], STORE_CREATE, &e))
		goto cleanup;
	b = store_batch_new();
	if (!b || tags_put(b, &t, &e) || store_batch_commit(s, b, &e))
		goto cleanup;
	rc = 0;
cleanup:
	if (rc)
		fprintf(stderr, "tag_put: %s\n", e.msg);
	store_batch_free(b);
	store_close(s);
	tag_release(&t);
	return rc;
}
