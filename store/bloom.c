/*
 * bloom.c - bloom filter bits (bloom.h): a 64-bit FNV-1a hash of the key,
 * mixed by splitmix64's finaliser (keys that differ in a few low bits of
 * a dense id spread), then probes at h, h + d, h + 2d, ... modulo nbits,
 * d the high half made odd.
 */
#include "store/bloom.h"

static uint64_t bloom_hash(const uint8_t *key, size_t klen)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < klen; i++) {
		h ^= key[i];
		h *= 0x100000001b3ull;
	}
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

void bloom_add(uint8_t *bits, uint64_t nbits, unsigned probes,
	       const uint8_t *key, size_t klen)
{
	uint64_t h = bloom_hash(key, klen), d = (h >> 32) | 1;

	for (unsigned i = 0; i < probes; i++, h += d) {
		uint64_t b = h % nbits;

		bits[b >> 3] |= (uint8_t)(1u << (b & 7));
	}
}

bool bloom_may(const uint8_t *bits, uint64_t nbits, unsigned probes,
	       const uint8_t *key, size_t klen)
{
	uint64_t h = bloom_hash(key, klen), d = (h >> 32) | 1;

	for (unsigned i = 0; i < probes; i++, h += d) {
		uint64_t b = h % nbits;

		if (!(bits[b >> 3] & (1u << (b & 7))))
			return false;
	}
	return true;
}
