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
	/* outs[0..n_out), then a bitmap of the outputs seen spent (one
	 * allocation); n_left of them not: whether it is worth keeping */
	struct txcache_out *outs;
	uint32_t n_left;
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

static uint8_t *spent_bits(const struct tval *v)
{
	return (uint8_t *)(v->outs + v->tx.n_out);
}

static size_t tx_bytes(size_t klen, size_t n_out)
{
	return klen + KEY_OVERHEAD + sizeof(struct tval) +
	       n_out * sizeof(struct txcache_out) + (n_out + 7) / 8;
}

static bool fit(void **arr, size_t *cap, size_t i, size_t size);

/*
 * Carries the transactions of the generation being dropped that still
 * have outputs nobody spent into the new one (newest first, up to
 * 3/8 of the budget): they are what an input will ask for next,
 * however old. The rest goes with the generation.
 */
static void carry_live(struct txcache *c, struct gen *old)
{
	struct gen *g = &c->g[0];

	for (size_t i = intern_count(&old->tk); i-- > 0;) {
		struct tval *v = &old->t[i];
		size_t klen, bytes;
		const char *k = intern_key(&old->tk, (uint32_t)i, &klen);
		uint32_t at;

		if (i >= old->t_cap || !v->n_left)
			continue;
		bytes = tx_bytes(klen, v->tx.n_out);
		if (g->bytes + bytes > c->max_bytes / 8 * 3)
			break;
		if (intern_find(&c->g[1].tk, k, klen) != INTERN_NONE)
			continue; /* a newer copy is there */
		if (intern_add(&g->tk, k, klen, &at, NULL) ||
		    !fit((void **)&g->t, &g->t_cap, at, sizeof(*g->t))) {
			gen_release(g); /* no memory: a key without a value
					 * must not stay */
			return;
		}
		g->t[at] = *v;
		v->outs = NULL;
		g->bytes += bytes;
	}
}

/* A set of address ids (UINT32_MAX: an empty slot), open addressing. */
struct idset {
	uint32_t *slot;
	size_t mask;
};

static size_t idset_at(const struct idset *set, uint32_t id)
{
	size_t i = ((size_t)id * 0x9e3779b1u) & set->mask;

	while (set->slot[i] != UINT32_MAX && set->slot[i] != id)
		i = (i + 1) & set->mask;
	return i;
}

/* The ids the unspent outputs of g's transactions pay. false: no
 * memory. */
static bool live_ids(const struct gen *g, struct idset *set)
{
	size_t n = 0, cap = 16;

	for (size_t i = 0; i < intern_count(&g->tk) && i < g->t_cap; i++)
		n += g->t[i].n_left;
	while (cap < 2 * n)
		cap *= 2;
	if (!(set->slot = malloc(cap * sizeof(*set->slot))))
		return false;
	memset(set->slot, 0xff, cap * sizeof(*set->slot));
	set->mask = cap - 1;
	for (size_t i = 0; i < intern_count(&g->tk) && i < g->t_cap; i++) {
		const struct tval *v = &g->t[i];
		const uint8_t *bits;

		if (!v->n_left)
			continue;
		bits = spent_bits(v);
		for (uint32_t o = 0; o < v->tx.n_out; o++)
			if (v->outs[o].addr && !(bits[o / 8] & (1u << (o % 8))))
				set->slot[idset_at(set, v->outs[o].addr - 1)] =
					v->outs[o].addr - 1;
	}
	return true;
}

/* Then the addresses those outputs pay, which their spenders will ask
 * for (within the same 3/8). */
static void carry_paid(struct txcache *c, struct gen *old)
{
	struct gen *g = &c->g[0];
	struct idset set;

	if (!live_ids(g, &set))
		return;
	for (size_t i = intern_count(&old->ak); i-- > 0;) {
		const struct aval *v = &old->a[i];
		size_t klen, bytes;
		const char *k = intern_key(&old->ak, (uint32_t)i, &klen);
		uint32_t at;

		if (i >= old->a_cap ||
		    set.slot[idset_at(&set, v->id)] == UINT32_MAX)
			continue;
		bytes = klen + KEY_OVERHEAD + sizeof(struct aval);
		if (g->bytes + bytes > c->max_bytes / 8 * 3)
			break;
		if (intern_find(&c->g[1].ak, k, klen) != INTERN_NONE)
			continue; /* a newer copy is there */
		if (intern_add(&g->ak, k, klen, &at, NULL) ||
		    !fit((void **)&g->a, &g->a_cap, at, sizeof(*g->a))) {
			gen_release(g); /* as in carry_live */
			break;
		}
		g->a[at] = *v;
		g->bytes += bytes;
	}
	free(set.slot);
}

/* Makes room for bytes more in the new generation. */
static void make_room(struct txcache *c, size_t bytes)
{
	struct gen old;

	if (c->g[0].bytes + bytes <= c->max_bytes / 2)
		return;
	old = c->g[1];
	c->g[1] = c->g[0];
	memset(&c->g[0], 0, sizeof(c->g[0]));
	carry_live(c, &old);
	carry_paid(c, &old);
	gen_release(&old);
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

		if (at != INTERN_NONE && at < c->g[g].a_cap) {
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
	if (!fit((void **)&g->a, &g->a_cap, at, sizeof(*g->a))) {
		gen_release(g); /* a key without a value must not stay */
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
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

		if (at == INTERN_NONE || at >= c->g[g].t_cap)
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

/* The cached entry of key, newest generation first; NULL: none. */
static struct tval *find_tx(const struct txcache *c, const void *key,
			    size_t klen)
{
	for (int g = 0; g < 2; g++) {
		uint32_t at = intern_find(&c->g[g].tk, key, klen);

		if (at != INTERN_NONE && at < c->g[g].t_cap)
			return &c->g[g].t[at];
	}
	return NULL;
}

void txcache_spent(struct txcache *c, const void *key, size_t klen,
		   uint32_t vout)
{
	struct tval *v = find_tx(c, key, klen);
	uint8_t *bits;

	if (!v || !v->outs || vout >= v->tx.n_out)
		return;
	bits = spent_bits(v);
	if (bits[vout / 8] & (1u << (vout % 8)))
		return;
	bits[vout / 8] |= (uint8_t)(1u << (vout % 8));
	v->n_left--;
}

enum trc_err txcache_put_tx(struct txcache *c, const void *key, size_t klen,
			    const struct txcache_tx *tx,
			    const struct txcache_out *outs,
			    struct trc_error *err)
{
	size_t n = tx->outs_known ? tx->n_out : 0;
	size_t bytes = tx_bytes(klen, n);
	struct txcache_out *copy = NULL;
	const struct tval *was;
	uint32_t n_left = (uint32_t)n;
	struct gen *g;
	size_t before;
	uint32_t at;

	if (bytes > c->max_bytes / 2)
		return TRC_OK;
	if (n &&
	    !(copy = malloc(bytes - klen - KEY_OVERHEAD - sizeof(struct tval))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (n) {
		memcpy(copy, outs, n * sizeof(*copy));
		memset(copy + n, 0, (n + 7) / 8);
	}
	/* the same transaction again: what was seen spent stays so */
	was = find_tx(c, key, klen);
	if (n && was && was->outs && was->tx.num == tx->num &&
	    was->tx.n_out == n) {
		memcpy(copy + n, spent_bits(was), (n + 7) / 8);
		n_left = was->n_left;
	}
	if (intern_find(&c->g[0].tk, key, klen) == INTERN_NONE)
		make_room(c, bytes);
	g = &c->g[0];
	before = intern_count(&g->tk);
	if (intern_add(&g->tk, key, klen, &at, err) ||
	    !fit((void **)&g->t, &g->t_cap, at, sizeof(*g->t))) {
		free(copy);
		gen_release(g); /* a key without a value must not stay */
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	if (intern_count(&g->tk) > before) { /* new: not the last again */
		g->bytes += bytes;
		g->t[at].outs = NULL;
	}
	free(g->t[at].outs);
	g->t[at].tx = *tx;
	g->t[at].outs = copy;
	g->t[at].n_left = n_left;
	return TRC_OK;
}
