/*
 * intern.c - open addressing with linear probing over FNV-1a hashes; the
 * keys' copies packed into chunks that double up to CHUNK_MAX (a key
 * longer than that gets a chunk of its own), so that adding and releasing
 * a table of a million keys is a few dozen allocations, not a million.
 */
#include <stdlib.h>
#include <string.h>

#include "base/intern.h"

#define CHUNK_MIN 256
#define CHUNK_MAX (64 * 1024)

struct intern_chunk {
	struct intern_chunk *next;
	size_t size; /* of bytes[] */
	char bytes[];
};

void intern_init(struct intern *t)
{
	memset(t, 0, sizeof(*t));
}

void intern_release(struct intern *t)
{
	while (t->chunks) {
		struct intern_chunk *c = t->chunks;

		t->chunks = c->next;
		free(c);
	}
	free(t->keys);
	free(t->lens);
	free(t->hashes);
	free(t->slots);
	intern_init(t);
}

static uint32_t fnv1a(const void *key, size_t len)
{
	const uint8_t *p = key;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static size_t probe(const struct intern *t, const void *key, size_t len,
		    uint32_t h)
{
	size_t mask = t->n_slots - 1, i = h & mask;

	for (;; i = (i + 1) & mask) {
		uint32_t s = t->slots[i];
		if (!s)
			return i;
		s--;
		if (t->hashes[s] == h && t->lens[s] == len &&
		    !memcmp(t->keys[s], key, len))
			return i;
	}
}

uint32_t intern_find(const struct intern *t, const void *key, size_t len)
{
	size_t i;

	if (!t->n_slots)
		return INTERN_NONE;
	i = probe(t, key, len, fnv1a(key, len));
	return t->slots[i] ? t->slots[i] - 1 : INTERN_NONE;
}

static enum trc_err grow_slots(struct intern *t, struct trc_error *err)
{
	size_t n = t->n_slots ? t->n_slots * 2 : 64;
	uint32_t *s = calloc(n, sizeof(*s));

	if (!s)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	free(t->slots);
	t->slots = s;
	t->n_slots = n;
	for (size_t id = 0; id < t->n; id++)
		t->slots[probe(t, t->keys[id], t->lens[id], t->hashes[id])] =
			(uint32_t)id + 1;
	return TRC_OK;
}

static enum trc_err grow_keys(struct intern *t, struct trc_error *err)
{
	size_t n = t->alloc ? t->alloc * 2 : 64;
	char **k = realloc(t->keys, n * sizeof(*k));

	if (k)
		t->keys = k;
	uint32_t *l = k ? realloc(t->lens, n * sizeof(*l)) : NULL;
	if (l)
		t->lens = l;
	uint32_t *h = l ? realloc(t->hashes, n * sizeof(*h)) : NULL;
	if (!h)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	t->hashes = h;
	t->alloc = n;
	return TRC_OK;
}

/* Room for n bytes in the chunks (NULL when out of memory). */
static char *chunk_take(struct intern *t, size_t n)
{
	struct intern_chunk *c = t->chunks;
	size_t size;

	if (c && t->chunk_left >= n) {
		char *p = c->bytes + (c->size - t->chunk_left);

		t->chunk_left -= n;
		return p;
	}
	size = c ? c->size * 2 : CHUNK_MIN;
	if (size > CHUNK_MAX)
		size = CHUNK_MAX;
	if (size < n)
		size = n;
	if (!(c = malloc(sizeof(*c) + size)))
		return NULL;
	c->size = size;
	if (t->chunks && t->chunk_left > size - n) {
		/* an outsize key: keep filling the chunk before it */
		c->next = t->chunks->next;
		t->chunks->next = c;
		return c->bytes;
	}
	c->next = t->chunks;
	t->chunks = c;
	t->chunk_left = size - n;
	return c->bytes;
}

enum trc_err intern_add(struct intern *t, const void *key, size_t len,
			uint32_t *id, struct trc_error *err)
{
	uint32_t h = fnv1a(key, len);
	size_t i;
	char *copy;

	*id = INTERN_NONE;
	if (len >= UINT32_MAX || t->n >= UINT32_MAX - 1)
		return trc_fail(err, TRC_ERR_TOOBIG, "too many strings");
	if ((t->n + 1) * 2 > t->n_slots && grow_slots(t, err))
		return TRC_ERR_NOMEM;
	i = probe(t, key, len, h);
	if (t->slots[i]) {
		*id = t->slots[i] - 1;
		return TRC_OK;
	}
	if (t->n == t->alloc && grow_keys(t, err))
		return TRC_ERR_NOMEM;
	copy = chunk_take(t, len + 1);
	if (!copy)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(copy, key, len);
	copy[len] = 0;
	t->keys[t->n] = copy;
	t->lens[t->n] = (uint32_t)len;
	t->hashes[t->n] = h;
	t->slots[i] = (uint32_t)t->n + 1;
	*id = (uint32_t)t->n++;
	return TRC_OK;
}

const char *intern_key(const struct intern *t, uint32_t id, size_t *len)
{
	if (len)
		*len = t->lens[id];
	return t->keys[id];
}
