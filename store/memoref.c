#include "store/memoref.h"

#include "store/codec.h"

void memoref_key(struct key *k, uint8_t chain, const uint8_t ref[32])
{
	key_init_chain(k, TABLE_MEMO_REF, chain);
	key_bytes(k, ref, 32);
}

void memoref_put(struct store_batch *b, uint8_t chain, const uint8_t ref[32],
		 uint64_t num)
{
	struct key k;
	uint8_t n[5];

	memoref_key(&k, chain, ref);
	codec_be40_put(n, num);
	key_bytes(&k, n, 5);
	store_batch_put(b, k.b, k.len, NULL, 0);
}

uint64_t memoref_num(const uint8_t *key)
{
	return codec_be40_get(key + 2 + 32);
}

enum trc_err memoref_check_pair(const uint8_t *key, size_t klen,
				const uint8_t *val, size_t vlen,
				struct trc_error *err)
{
	(void)val;
	(void)key;
	if (klen != MEMOREF_KEY_LEN || vlen != 0)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"memo_ref entry: key %zu bytes (expected %d), "
				"value %zu bytes (expected 0)",
				klen, MEMOREF_KEY_LEN, vlen);
	return TRC_OK;
}
