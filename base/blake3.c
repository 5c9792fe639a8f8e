/*
 * BLAKE3 (the BLAKE3 specification, 2020: 7-round compression of 64-byte
 * blocks in 1024-byte chunks, chunk chaining values merged pairwise into
 * a binary tree, 32-byte output of the root node), unkeyed hashing only.
 * Litecoin's MWEB hashes its extension block headers with it.
 */
#include "base/hash.h"

#include <stdbool.h>
#include <string.h>

#define CHUNK 1024
#define BLOCK 64
enum { CHUNK_START = 1, CHUNK_END = 2, PARENT = 4, ROOT = 8 };

static const uint32_t iv[8] = {
	0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
	0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19
};
static const uint8_t perm[16] = { 2, 6,	 3,  10, 7, 0,	4,  13,
				  1, 11, 12, 5,	 9, 14, 15, 8 };

static uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void g(uint32_t *s, int a, int b, int c, int d, uint32_t x, uint32_t y)
{
	s[a] += s[b] + x;
	s[d] = rotr(s[d] ^ s[a], 16);
	s[c] += s[d];
	s[b] = rotr(s[b] ^ s[c], 12);
	s[a] += s[b] + y;
	s[d] = rotr(s[d] ^ s[a], 8);
	s[c] += s[d];
	s[b] = rotr(s[b] ^ s[c], 7);
}

static void round7(uint32_t *s, const uint32_t *m)
{
	g(s, 0, 4, 8, 12, m[0], m[1]);
	g(s, 1, 5, 9, 13, m[2], m[3]);
	g(s, 2, 6, 10, 14, m[4], m[5]);
	g(s, 3, 7, 11, 15, m[6], m[7]);
	g(s, 0, 5, 10, 15, m[8], m[9]);
	g(s, 1, 6, 11, 12, m[10], m[11]);
	g(s, 2, 7, 8, 13, m[12], m[13]);
	g(s, 3, 4, 9, 14, m[14], m[15]);
}

/* The compression function; out: the new chaining value (8 words). */
static void compress(uint32_t cv[8], const uint8_t block[BLOCK],
		     uint64_t counter, uint32_t len, uint32_t flags)
{
	uint32_t s[16], m[16], t[16];

	for (int i = 0; i < 16; i++)
		m[i] = (uint32_t)block[4 * i] |
		       (uint32_t)block[4 * i + 1] << 8 |
		       (uint32_t)block[4 * i + 2] << 16 |
		       (uint32_t)block[4 * i + 3] << 24;
	memcpy(s, cv, 32);
	memcpy(s + 8, iv, 16);
	s[12] = (uint32_t)counter;
	s[13] = (uint32_t)(counter >> 32);
	s[14] = len;
	s[15] = flags;
	for (int r = 0; r < 7; r++) {
		round7(s, m);
		for (int i = 0; i < 16; i++)
			t[i] = m[perm[i]];
		memcpy(m, t, sizeof(m));
	}
	for (int i = 0; i < 8; i++)
		cv[i] = s[i] ^ s[i + 8];
}

/* The chaining value of chunk number `counter` (n <= CHUNK bytes);
 * root: it is the only chunk. */
static void chunk_cv(uint32_t cv[8], const uint8_t *p, size_t n,
		     uint64_t counter, bool root)
{
	uint8_t block[BLOCK];
	size_t off = 0;

	memcpy(cv, iv, 32);
	do {
		size_t k = n - off < BLOCK ? n - off : BLOCK;
		uint32_t flags = off == 0 ? CHUNK_START : 0;

		if (off + k == n)
			flags |= CHUNK_END | (root ? ROOT : 0);
		memset(block, 0, sizeof(block));
		memcpy(block, p + off, k);
		compress(cv, block, counter, (uint32_t)k, flags);
		off += k;
	} while (off < n);
}

static void parent_cv(uint32_t out[8], const uint32_t l[8], const uint32_t r[8],
		      bool root)
{
	uint8_t block[BLOCK];

	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++) {
			block[4 * i + j] = (uint8_t)(l[i] >> (8 * j));
			block[32 + 4 * i + j] = (uint8_t)(r[i] >> (8 * j));
		}
	memcpy(out, iv, 32);
	compress(out, block, 0, BLOCK, PARENT | (root ? ROOT : 0));
}

void hash_blake3(uint8_t out[32], const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t stack[54][8], cv[8]; /* 2^54 chunks: more than any input */
	size_t depth = 0;
	uint64_t n_chunks = len ? (len + CHUNK - 1) / CHUNK : 1;

	for (uint64_t c = 0; c < n_chunks; c++) {
		size_t off = (size_t)c * CHUNK;
		size_t k = len - off < CHUNK ? len - off : CHUNK;

		chunk_cv(cv, p + off, k, c, n_chunks == 1);
		if (c + 1 == n_chunks)
			break;
		/* merge completed subtrees: one per trailing zero bit */
		for (uint64_t total = c + 1; !(total & 1); total >>= 1)
			parent_cv(cv, stack[--depth], cv, false);
		memcpy(stack[depth++], cv, 32);
	}
	while (depth > 0) {
		depth--;
		parent_cv(cv, stack[depth], cv, depth == 0);
	}
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++)
			out[4 * i + j] = (uint8_t)(cv[i] >> (8 * j));
}
