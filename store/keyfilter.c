/*
 * keyfilter.c - a bloom filter over the keys an ingest probes and mostly
 * misses (keyfilter.h): 2^n bits, KEYFILTER_PROBES bits a key by double
 * hashing of a 64-bit FNV-1a hash (mixed: the keys of cl_root and
 * cl_size differ in a few low bits of a dense id).
 */
#include "store/keyfilter.h"

#include <stdlib.h>
#include <string.h>

#include "store/keys.h"

#define KEYFILTER_PROBES 6
#define KEYFILTER_MIN_BYTES 4096

struct keyfilter {
	uint64_t *bits;
	uint64_t mask; /* bits - 1 */
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
	size_t bytes = KEYFILTER_MIN_BYTES;

	if (!f)
		return NULL;
	while (bytes <= max_bytes / 2)
		bytes *= 2;
	f->bits = calloc(bytes / 8, 8);
	if (!f->bits) {
		free(f);
		return NULL;
	}
	f->mask = (uint64_t)bytes * 8 - 1;
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

static uint64_t key_hash(const uint8_t *key, size_t klen)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < klen; i++) {
		h ^= key[i];
		h *= 0x100000001b3ull;
	}
	/* splitmix64's finaliser */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

bool keyfilter_may(const struct keyfilter *f, const uint8_t *key, size_t klen)
{
	uint64_t h, d;

	if (!f || !keyfilter_covers(key, klen) || !f->loaded[key[1]])
		return true;
	h = key_hash(key, klen);
	d = (h >> 32) | 1;
	for (int i = 0; i < KEYFILTER_PROBES; i++, h += d)
		if (!(f->bits[(h & f->mask) >> 6] & (1ull << (h & 63))))
			return false;
	return true;
}

void keyfilter_add(struct keyfilter *f, const uint8_t *key, size_t klen)
{
	uint64_t h, d;

	if (!f || !keyfilter_covers(key, klen))
		return;
	h = key_hash(key, klen);
	d = (h >> 32) | 1;
	for (int i = 0; i < KEYFILTER_PROBES; i++, h += d)
		f->bits[(h & f->mask) >> 6] |= 1ull << (h & 63);
}

enum trc_err keyfilter_load(struct keyfilter *f, struct store *s,
			    uint8_t chain, struct trc_error *err)
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
