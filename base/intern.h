/*
 * intern.h - interned byte strings: each distinct key gets a dense id
 * (0, 1, 2, ... in order of first insertion), so that the graph engine
 * keeps uint32_t ids in its arrays instead of strings.
 *
 * Ownership: the table copies every key into chunks of its own (one
 * allocation for many keys, freed together); intern_key returns a
 * borrowed pointer valid until intern_release. INTERN_INIT / intern_init
 * make an empty table; intern_release is always safe after that.
 */
#ifndef TRC_INTERN_H
#define TRC_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define INTERN_NONE UINT32_MAX

struct intern_chunk;

struct intern {
	uint32_t *slots; /* id + 1; 0 = empty */
	size_t n_slots;	 /* a power of two */
	char **keys;	 /* by id, NUL-terminated copies in the chunks */
	uint32_t *lens;
	uint32_t *hashes;
	size_t n, alloc;
	struct intern_chunk *chunks; /* the newest first */
	size_t chunk_left;	     /* bytes free at the newest's end */
};

#define INTERN_INIT                                                            \
	{                                                                      \
		NULL, 0, NULL, NULL, NULL, 0, 0, NULL, 0                       \
	}

void intern_init(struct intern *t);
void intern_release(struct intern *t);

/* The id of key (len bytes), or INTERN_NONE when absent. */
uint32_t intern_find(const struct intern *t, const void *key, size_t len);
/* The id of key, adding it when absent. Out: *id. TRC_ERR_NOMEM. */
enum trc_err intern_add(struct intern *t, const void *key, size_t len,
			uint32_t *id, struct trc_error *err) TRC_WARN_UNUSED;
/* The key of id (borrowed); its length in *len when len is not NULL. */
const char *intern_key(const struct intern *t, uint32_t id, size_t *len);
static inline size_t intern_count(const struct intern *t)
{
	return t->n;
}

#endif
