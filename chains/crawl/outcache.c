/*
 * outcache.c - the bounded cache of recent outputs (crawl_int.h): the
 * unspent outputs of the last committed transactions, so that an input
 * is resolved without reading and decoding its previous transaction from
 * the database. Most coins are spent soon after they are made; an output
 * leaves the cache when it is spent, a transaction when all of its
 * outputs are, and the oldest transactions when the cache is over its
 * budget. Whatever is not here is in the database: the cache changes how
 * fast an input is resolved, never to what.
 */
#include "chains/crawl/crawl_int.h"

#include <stdlib.h>
#include <string.h>

struct oc_out {
	trc_amount value;
	const char *address; /* into the entry, NULL for none */
	bool spent;
};

struct oc_ent {
	uint8_t txid[32];
	struct oc_ent *older, *newer;
	size_t bytes;
	uint32_t n_out, n_left;
	struct oc_out out[]; /* then the addresses */
};

/* What an entry costs beside its own allocation: its slot, malloc's own. */
#define OC_OVERHEAD (2 * sizeof(void *) + 16)

static size_t slot_of(const struct outcache *c, const uint8_t txid[32])
{
	uint64_t h;

	memcpy(&h, txid, sizeof(h)); /* a txid is a hash: its bytes are */
	h ^= h >> 29;		     /* spread already; mixed anyway */
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (size_t)h & (c->cap - 1);
}

void outcache_init(struct outcache *c, size_t max_bytes)
{
	memset(c, 0, sizeof(*c));
	c->max_bytes = max_bytes;
}

void outcache_release(struct outcache *c)
{
	for (struct oc_ent *e = c->oldest, *n; e; e = n) {
		n = e->newer;
		free(e);
	}
	free(c->slots);
	outcache_init(c, c->max_bytes);
}

/* The slot holding txid, or the empty slot where it would go. */
static size_t find_slot(const struct outcache *c, const uint8_t txid[32])
{
	size_t i = slot_of(c, txid);

	while (c->slots[i] && memcmp(c->slots[i]->txid, txid, 32))
		i = (i + 1) & (c->cap - 1);
	return i;
}

/* Empties slot i, moving back the entries of its probe run. */
static void clear_slot(struct outcache *c, size_t i)
{
	size_t j = i;

	c->slots[i] = NULL;
	for (;;) {
		size_t home;

		j = (j + 1) & (c->cap - 1);
		if (!c->slots[j])
			return;
		home = slot_of(c, c->slots[j]->txid);
		/* j's entry may move to i when home is not in (i, j] */
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && home <= i && home > j)) {
			c->slots[i] = c->slots[j];
			c->slots[j] = NULL;
			i = j;
		}
	}
}

static void drop(struct outcache *c, struct oc_ent *e)
{
	clear_slot(c, find_slot(c, e->txid));
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	c->bytes -= e->bytes;
	c->n--;
	free(e);
}

static bool grow(struct outcache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 1024;
	struct oc_ent **old = c->slots;
	size_t old_cap = c->cap;

	c->slots = calloc(cap, sizeof(*c->slots));
	if (!c->slots) {
		c->slots = old;
		return false;
	}
	c->cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			c->slots[find_slot(c, old[i]->txid)] = old[i];
	free(old);
	return true;
}

/* A new entry holding tx's outputs, or NULL when out of memory. */
static struct oc_ent *make_entry(const struct rec_tx *tx)
{
	size_t size = sizeof(struct oc_ent) + tx->n_out * sizeof(struct oc_out);
	struct oc_ent *e;
	char *p;

	for (uint32_t i = 0; i < tx->n_out; i++)
		if (tx->out[i].address)
			size += strlen(tx->out[i].address) + 1;
	if (!(e = malloc(size)))
		return NULL;
	memcpy(e->txid, tx->txid, 32);
	e->bytes = size + OC_OVERHEAD;
	e->n_out = e->n_left = tx->n_out;
	p = (char *)&e->out[tx->n_out];
	for (uint32_t i = 0; i < tx->n_out; i++) {
		const char *a = tx->out[i].address;

		e->out[i].value = tx->out[i].value;
		e->out[i].spent = false;
		e->out[i].address = a ? p : NULL;
		if (a) {
			size_t n = strlen(a) + 1;

			memcpy(p, a, n);
			p += n;
		}
	}
	return e;
}

enum trc_err outcache_add(struct outcache *c, const struct rec_tx *tx,
			  struct trc_error *err)
{
	struct oc_ent *e;
	size_t at;

	if (!tx->n_out || !c->max_bytes)
		return TRC_OK;
	if ((c->n + 1) * 2 > c->cap && !grow(c))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	at = find_slot(c, tx->txid);
	if (c->slots[at])
		return TRC_OK; /* the same tx again: the same outputs */
	if (!(e = make_entry(tx)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (e->bytes > c->max_bytes) {
		free(e);
		return TRC_OK;
	}
	while (c->oldest && c->bytes + e->bytes > c->max_bytes)
		drop(c, c->oldest);
	at = find_slot(c, tx->txid); /* drops moved the slots */
	c->slots[at] = e;
	e->newer = NULL;
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	else
		c->oldest = e;
	c->newest = e;
	c->bytes += e->bytes;
	c->n++;
	return TRC_OK;
}

enum outcache_hit outcache_take(struct outcache *c, const uint8_t txid[32],
				uint32_t vout, const char **address,
				trc_amount *value, uint32_t *n_out)
{
	struct oc_ent *e;

	if (!c->n)
		return OUTCACHE_MISS;
	if (!(e = c->slots[find_slot(c, txid)]))
		return OUTCACHE_MISS;
	*n_out = e->n_out;
	if (vout >= e->n_out)
		return OUTCACHE_NO_SUCH_OUTPUT;
	if (e->out[vout].spent)
		return OUTCACHE_MISS; /* spent before: the database says */
	*address = e->out[vout].address;
	*value = e->out[vout].value;
	return OUTCACHE_HIT;
}

void outcache_spend(struct outcache *c, const uint8_t txid[32], uint32_t vout)
{
	struct oc_ent *e;

	if (!c->n || !(e = c->slots[find_slot(c, txid)]) || vout >= e->n_out ||
	    e->out[vout].spent)
		return;
	e->out[vout].spent = true;
	if (!--e->n_left)
		drop(c, e);
}
