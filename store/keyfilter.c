/*
 * keyfilter.c - a blocked bloom filter (store/bloom.h: one cache line a
 * key) over the keys an ingest probes and mostly misses (keyfilter.h),
 * KEYFILTER_PROBES bits a key.
 */
#include "store/keyfilter.h"

#include <stdlib.h>
#include <string.h>

#include "store/bloom.h"
#include "store/keys.h"

#define KEYFILTER_PROBES 6
#define KEYFILTER_MIN_BYTES 4096

/* A chain whose stored keys outnumber the filter's bits / this is not
 * loaded: its lookups read, as without a filter. So the scan at load is
 * bounded by the filter's size, not the database's (a full chain's
 * indexes hold billions of keys), and a loaded filter starts with at
 * most this many bits a key (about 2.4 % false "maybe" at 6 probes). */
#define KEYFILTER_BITS_PER_KEY 8

struct keyfilter {
	uint8_t *bits;
	uint64_t nlines; /* of BLOOM_LINE_BYTES */
	bool loaded[256];
	bool tried[256]; /* a load was made (loaded, or too many keys) */
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

	bytes -= bytes % BLOOM_LINE_BYTES;

	if (!f)
		return NULL;
	/* lines on cache lines: a test reads one (bytes is a multiple) */
	f->bits = aligned_alloc(BLOOM_LINE_BYTES, bytes);
	if (!f->bits) {
		free(f);
		return NULL;
	}
	memset(f->bits, 0, bytes);
	f->nlines = bytes / BLOOM_LINE_BYTES;
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
	return bloom_line_may(f->bits, f->nlines, KEYFILTER_PROBES, key, klen);
}

void keyfilter_add(struct keyfilter *f, const uint8_t *key, size_t klen)
{
	if (f && keyfilter_covers(key, klen))
		bloom_line_add(f->bits, f->nlines, KEYFILTER_PROBES, key, klen);
}

enum trc_err keyfilter_load(struct keyfilter *f, struct store *s, uint8_t chain,
			    struct trc_error *err)
{
	enum trc_err rc = TRC_OK;
	uint64_t bits = f->nlines * BLOOM_LINE_BYTES * 8;
	uint64_t keys = 0, cap = bits / KEYFILTER_BITS_PER_KEY;
	bool over = false;

	if (f->tried[chain])
		return TRC_OK;
	for (size_t t = 0; t < sizeof(filtered) && !rc && !over; t++) {
		uint8_t prefix[2] = { filtered[t], chain };
		struct store_iter *it = store_iter_prefix(s, prefix, 2);
		const uint8_t *key, *val;
		size_t klen, vlen;

		if (!it)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		while (!over && store_iter_next(it, &key, &klen, &val, &vlen)) {
			keyfilter_add(f, key, klen);
			over = ++keys > cap;
		}
		rc = store_iter_error(it, err);
		store_iter_free(it);
	}
	f->tried[chain] = !rc;
	f->loaded[chain] = !rc && !over;
	return rc;
}
