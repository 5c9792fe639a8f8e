/*
 * bloom.c - bloom filter bits (bloom.h): a 64-bit FNV-1a hash of the key,
 * mixed by splitmix64's finaliser (keys that differ in a few low bits of
 * a dense id spread), then probes at h, h + d, h + 2d, ... modulo nbits,
 * d the high half made odd. The blocked form takes the line from the
 * hash and the bits within it, 9 at a time, from the hash mixed again.
 */
#include "store/bloom.h"

static uint64_t mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

static uint64_t bloom_hash(const uint8_t *key, size_t klen)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < klen; i++) {
		h ^= key[i];
		h *= 0x100000001b3ull;
	}
	return mix(h);
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

#define LINE_BITS (BLOOM_LINE_BYTES * 8) /* 512: 9 bits a probe */

void bloom_line_add(uint8_t *bits, uint64_t nlines, unsigned probes,
		    const uint8_t *key, size_t klen)
{
	uint64_t h = bloom_hash(key, klen), g = mix(h ^ 0x9e3779b97f4a7c15ull);
	uint8_t *line = bits + (h % nlines) * BLOOM_LINE_BYTES;

	for (unsigned i = 0; i < probes; i++, g >>= 9) {
		unsigned b = (unsigned)(g % LINE_BITS);

		line[b >> 3] |= (uint8_t)(1u << (b & 7));
	}
}

bool bloom_line_may(const uint8_t *bits, uint64_t nlines, unsigned probes,
		    const uint8_t *key, size_t klen)
{
	uint64_t h = bloom_hash(key, klen), g = mix(h ^ 0x9e3779b97f4a7c15ull);
	const uint8_t *line = bits + (h % nlines) * BLOOM_LINE_BYTES;

	for (unsigned i = 0; i < probes; i++, g >>= 9) {
		unsigned b = (unsigned)(g % LINE_BITS);

		if (!(line[b >> 3] & (1u << (b & 7))))
			return false;
	}
	return true;
}
