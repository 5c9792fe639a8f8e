/*
 * libFuzzer harness: strict RLP decoding. Whatever decodes must re-encode
 * to the same bytes (one value, one encoding).
 */
#include <stdlib.h>
#include <string.h>

#include "chains/eth/rlp.h"

static int walk(const struct rlp_item *it, struct buf *out, int depth)
{
	struct rlp_iter iter;
	struct rlp_item child;
	struct buf payload = BUF_INIT(1 << 22);
	bool done = false;
	int bad = 0;

	if (!it->list)
		return rlp_put_bytes(out, it->p, it->len) != TRC_OK;
	if (depth > 256)
		return 1;
	rlp_iter_init(&iter, it);
	while (!bad) {
		if (rlp_iter_next(&iter, &child, &done, NULL)) {
			bad = 1;
			break;
		}
		if (done)
			break;
		bad = walk(&child, &payload, depth + 1);
	}
	if (!bad)
		bad = rlp_put_list(out, payload.data, payload.len) != TRC_OK;
	buf_release(&payload);
	return bad;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rlp_item it;
	struct buf out = BUF_INIT(1 << 22);
	uint64_t v;
	trc_amount a;

	if (rlp_decode(&it, data, size, 0, NULL) == TRC_OK) {
		(void)rlp_get_u64(&it, &v, "x", NULL);
		(void)rlp_get_amount(&it, &a, "x", NULL);
		if (walk(&it, &out, 0) == 0 &&
		    (out.len != size || memcmp(out.data, data, size)))
			abort(); /* decoded but re-encodes differently */
	}
	buf_release(&out);
	return 0;
}
