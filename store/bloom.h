/*
 * bloom.h - the bloom filter bits of store/: one hash and one probe
 * sequence for the writer's filter in memory (store/keyfilter.c) and for
 * the filters LevelDB keeps in its table files (store/store.c's filter
 * policy). A filter is nbits bits (nbits > 0) in bytes the caller owns;
 * a key sets or tests `probes` bits by double hashing.
 *
 * The blocked form (bloom_line_*) is for filters in memory only: every
 * probe of a key falls in one 64-byte line, so a test costs one cache
 * miss instead of `probes`, for a slightly higher false-positive rate.
 * Its layout is not the table files' and must never be stored.
 */
#ifndef TRC_BLOOM_H
#define TRC_BLOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void bloom_add(uint8_t *bits, uint64_t nbits, unsigned probes,
	       const uint8_t *key, size_t klen);
/* False only when key was never added. */
bool bloom_may(const uint8_t *bits, uint64_t nbits, unsigned probes,
	       const uint8_t *key, size_t klen);

#define BLOOM_LINE_BYTES 64

/* bits: nlines (> 0) lines of BLOOM_LINE_BYTES; probes at most 7. */
void bloom_line_add(uint8_t *bits, uint64_t nlines, unsigned probes,
		    const uint8_t *key, size_t klen);
/* False only when key was never added. */
bool bloom_line_may(const uint8_t *bits, uint64_t nlines, unsigned probes,
		    const uint8_t *key, size_t klen);

#endif
