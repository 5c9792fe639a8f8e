/*
 * keyfilter.c - a bloom filter (store/bloom.h) over the keys an ingest
 * probes and mostly misses (keyfilter.h), KEYFILTER_PROBES bits a key.
 */
#include "store/keyfilter.h"

#include <stdlib.h>
#include <string.h>

#include "store/bloom.h"
#include "store/keys.h"

#define KEYFILTER_PROBES 6
#define KEYFILTER_MIN_BYTES 4096

struct keyfilter {
	uint8_t *bits;
	uint64_t nbits;
	bool loaded[256];
};

static const uint8_t filtered[] = {
	TABLE_TXID,
	TABLE_ADDR,
	TABLE_CL_ROOT,
	TABLE_CL_SIZE,
};

struct keyfilter *keyfilter_new(size_t max_bytes)
{
	struct keyfilter *f = calloc(1, sizeof(*f));
	size_t bytes = max_bytes > KEYFILTER_MIN_BYTES ? max_bytes
						       : KEYFILTER_MIN_BYTES;

	if (!f)
		return NULL;
	f->bits = calloc(bytes, 1);
	if (!f->bits) {
		free(f);
		return NULL;
	}
	f->nbits = (uint64_t)bytes * 8;
	return f;
}

void keyfilter_free(struct keyfilter *f)
{
	if (!f)
		return;
	free(f->bits);
	free(f);
}

bool keyfilter_covers(const uint8_t *key, size_t klen)
{
	if (klen < 2)
		return false;
	return memchr(filtered, key[0], sizeof(filtered)) != NULL;
}

bool keyfilter_may(const struct keyfilter *f, const uint8_t *key, size_t klen)
{
	if (!f || !keyfilter_covers(key, klen) || !f->loaded[key[1]])
		return true;
	return bloom_may(f->bits, f->nbits, KEYFILTER_PROBES, key, klen);
}

void keyfilter_add(struct keyfilter *f, const uint8_t *key, size_t klen)
{
	if (f && keyfilter_covers(key, klen))
		bloom_add(f->bits, f->nbits, KEYFILTER_PROBES, key, klen);
}

enum trc_err keyfilter_load(struct keyfilter *f, struct store *s, uint8_t chain,
			    struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	if (f->loaded[chain])
		return TRC_OK;
	for (size_t t = 0; t < sizeof(filtered) && !rc; t++) {
		uint8_t prefix[2] = { filtered[t], chain };
		struct store_iter *it = store_iter_prefix(s, prefix, 2);
		const uint8_t *key, *val;
		size_t klen, vlen;

		if (!it)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		while (store_iter_next(it, &key, &klen, &val, &vlen))
			keyfilter_add(f, key, klen);
		rc = store_iter_error(it, err);
		store_iter_free(it);
	}
	f->loaded[chain] = !rc;
	return rc;
}
