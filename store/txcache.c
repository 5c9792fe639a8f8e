/*
 * txcache.c - the write cache of the numbering at commit (txcache.h):
 * two generations of interned keys with their values.
 */
#include "store/txcache.h"

#include <stdlib.h>
#include <string.h>

#include "base/intern.h"

/* What a key costs beside its bytes: the tables' arrays and their slack. */
#define KEY_OVERHEAD 48

struct aval {
	uint32_t id;
	uint64_t count;
};

struct tval {
	struct txcache_tx tx;
	struct txcache_out *outs;
};

struct gen {
	struct intern ak, tk;
	struct aval *a;
	struct tval *t;
	size_t a_cap, t_cap;
	size_t bytes;
};

struct txcache {
	struct gen g[2]; /* g[0] new, g[1] old */
	size_t max_bytes;
};

static void gen_release(struct gen *g)
{
	/* t may be shorter than tk when growing it failed */
	for (size_t i = 0; i < intern_count(&g->tk) && i < g->t_cap; i++)
		free(g->t[i].outs);
	intern_release(&g->ak);
	intern_release(&g->tk);
	free(g->a);
	free(g->t);
	memset(g, 0, sizeof(*g));
}

struct txcache *txcache_new(size_t max_bytes)
{
	struct txcache *c = calloc(1, sizeof(*c));

	if (c)
		c->max_bytes = max_bytes;
	return c;
}

void txcache_free(struct txcache *c)
{
	if (!c)
		return;
	txcache_clear(c);
	free(c);
}

void txcache_clear(struct txcache *c)
{
	gen_release(&c->g[0]);
	gen_release(&c->g[1]);
}

/* Makes room for bytes more in the new generation. */
static void make_room(struct txcache *c, size_t bytes)
{
	if (c->g[0].bytes + bytes <= c->max_bytes / 2)
		return;
	gen_release(&c->g[1]);
	c->g[1] = c->g[0];
	memset(&c->g[0], 0, sizeof(c->g[0]));
}

/* Grows *arr (of *cap elements of size) so that index i fits. */
static bool fit(void **arr, size_t *cap, size_t i, size_t size)
{
	size_t n = *cap ? *cap : 256;
	void *a;

	if (i < *cap)
		return true;
	while (n <= i)
		n *= 2;
	if (!(a = realloc(*arr, n * size)))
		return false;
	*arr = a;
	*cap = n;
	return true;
}

bool txcache_addr(const struct txcache *c, const void *key, size_t klen,
		  uint32_t *id, uint64_t *count)
{
	for (int g = 0; g < 2; g++) {
		uint32_t at = intern_find(&c->g[g].ak, key, klen);

		if (at != INTERN_NONE) {
			*id = c->g[g].a[at].id;
			*count = c->g[g].a[at].count;
			return true;
		}
	}
	return false;
}

enum trc_err txcache_put_addr(struct txcache *c, const void *key, size_t klen,
			      uint32_t id, uint64_t count,
			      struct trc_error *err)
{
	size_t bytes = klen + KEY_OVERHEAD + sizeof(struct aval), before;
	struct gen *g;
	uint32_t at;

	if (bytes > c->max_bytes / 2)
		return TRC_OK;
	if (intern_find(&c->g[0].ak, key, klen) == INTERN_NONE)
		make_room(c, bytes);
	g = &c->g[0];
	before = intern_count(&g->ak);
	if (intern_add(&g->ak, key, klen, &at, err))
		return TRC_ERR_NOMEM;
	if (!fit((void **)&g->a, &g->a_cap, at, sizeof(*g->a)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (intern_count(&g->ak) > before) /* new (not the last one again) */
		g->bytes += bytes;
	g->a[at].id = id;
	g->a[at].count = count;
	return TRC_OK;
}

bool txcache_tx(const struct txcache *c, const void *key, size_t klen,
		struct txcache_tx *tx, struct txcache_out **outs)
{
	*outs = NULL;
	for (int g = 0; g < 2; g++) {
		uint32_t at = intern_find(&c->g[g].tk, key, klen);
		const struct tval *v;

		if (at == INTERN_NONE)
			continue;
		v = &c->g[g].t[at];
		*tx = v->tx;
		if (tx->outs_known && tx->n_out) {
			*outs = malloc(tx->n_out * sizeof(**outs));
			if (!*outs)
				return false; /* the database will tell */
			memcpy(*outs, v->outs, tx->n_out * sizeof(**outs));
		}
		return true;
	}
	return false;
}

enum trc_err txcache_put_tx(struct txcache *c, const void *key, size_t klen,
			    const struct txcache_tx *tx,
			    const struct txcache_out *outs,
			    struct trc_error *err)
{
	size_t n = tx->outs_known ? tx->n_out : 0;
	size_t bytes =
		klen + KEY_OVERHEAD + sizeof(struct tval) + n * sizeof(*outs);
	struct txcache_out *copy = NULL;
	struct gen *g;
	size_t before;
	uint32_t at;

	if (bytes > c->max_bytes / 2)
		return TRC_OK;
	if (n && !(copy = malloc(n * sizeof(*copy))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (n)
		memcpy(copy, outs, n * sizeof(*copy));
	if (intern_find(&c->g[0].tk, key, klen) == INTERN_NONE)
		make_room(c, bytes);
	g = &c->g[0];
	before = intern_count(&g->tk);
	if (intern_add(&g->tk, key, klen, &at, err) ||
	    !fit((void **)&g->t, &g->t_cap, at, sizeof(*g->t))) {
		free(copy);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	if (intern_count(&g->tk) > before) { /* new: not the last again */
		g->bytes += bytes;
		g->t[at].outs = NULL;
	}
	free(g->t[at].outs);
	g->t[at].tx = *tx;
	g->t[at].outs = copy;
	return TRC_OK;
}
