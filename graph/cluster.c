/*
 * cluster.c - union-find over the input addresses of every multi-input
 * transaction (CoinJoins left out), keeping each successful union as an
 * edge (a spanning forest), so that the chain of txids linking two members
 * can be shown; and, on account chains, per (address, asset) sums of what
 * an address received and what it forwarded to tagged exchanges soon after.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "graph/cluster.h"
#include "base/intern.h"
#include "store/chaindb.h"

#define DEP_EVIDENCE 8

struct link {
	uint32_t a, b;
	uint8_t txid[32];
};

struct dep {
	trc_amount received, forwarded;
	int64_t last_recv;
	uint32_t exchange;   /* tagged address id (in tagk) */
	trc_amount best_fwd; /* the largest single forward to it */
	uint32_t n_ev;
	uint8_t ev[DEP_EVIDENCE][32];
};

struct cluster_set {
	struct cluster_opts o;
	uint64_t coinjoins;
	struct intern addrs;
	uint32_t *parent, *size, *id, *best; /* best: tag index per root */
	size_t alloc;
	struct link *links;
	size_t n_links, links_alloc;
	uint32_t *adj_off, *adj; /* CSR over links, built on demand */
	struct intern tagk;  /* tagged address -> index into tags */
	struct tag *tags;    /* the best tag of each tagged address */
	size_t tags_alloc;
	struct intern depk;  /* be32 addr + asset string -> dep */
	struct dep *deps;
	size_t deps_alloc;
	uint32_t *depv; /* per address: the dep that makes it a deposit */
	uint32_t n_ids;
	enum trc_err rc;
	struct trc_error *err;
};

void cluster_opts_init(struct cluster_opts *o)
{
	o->deposit_window = 86400;
	o->deposit_share_pct = 90;
}

static bool grow(struct cluster_set *c, void **p, size_t size, size_t need,
		 size_t *alloc)
{
	size_t n = *alloc ? *alloc : 16;
	void *q;

	if (need <= *alloc)
		return true;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q) {
		c->rc = trc_fail(c->err, TRC_ERR_NOMEM, "out of memory");
		return false;
	}
	*p = q;
	*alloc = n;
	return true;
}

/* ---- CoinJoin shape ---- */

static int cmp_amount(const void *a, const void *b)
{
	return amount_cmp(*(const trc_amount *)a, *(const trc_amount *)b);
}

static int cmp_strp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	return strcmp(x ? x : "", y ? y : "");
}

static size_t distinct_inputs(const struct rec_tx *tx)
{
	const char **v = malloc(tx->n_in * sizeof(*v));
	size_t n = 0;

	if (!v)
		return tx->n_in; /* be generous: no memory is no verdict */
	for (uint32_t i = 0; i < tx->n_in; i++)
		v[i] = tx->in[i].address;
	qsort(v, tx->n_in, sizeof(*v), cmp_strp);
	for (uint32_t i = 0; i < tx->n_in; i++)
		if (!i || cmp_strp(&v[i - 1], &v[i]))
			n++;
	free(v);
	return n;
}

bool cluster_is_coinjoin(const struct rec_tx *tx)
{
	trc_amount *v, best = AMOUNT_ZERO;
	size_t run = 0, most = 0, p;

	if (tx->n_in < 2 || tx->n_out < 3)
		return false;
	v = malloc(tx->n_out * sizeof(*v));
	if (!v)
		return false;
	for (uint32_t j = 0; j < tx->n_out; j++)
		v[j] = tx->out[j].value;
	qsort(v, tx->n_out, sizeof(*v), cmp_amount);
	for (uint32_t j = 0; j < tx->n_out; j++) {
		run = j && !amount_cmp(v[j], v[j - 1]) ? run + 1 : 1;
		/* ties: the larger value, as it is seen later */
		if (run >= most) {
			most = run;
			best = v[j];
		}
	}
	free(v);
	p = (tx->n_out + 1) / 2;
	return most >= p && p <= tx->n_in && p <= distinct_inputs(tx) &&
	       amount_cmp(best, amount_from_u64(CLUSTER_DUST)) >= 0;
}

/* ---- union-find ---- */

static uint32_t add_addr(struct cluster_set *c, const char *a)
{
	uint32_t id;
	size_t before = intern_count(&c->addrs), al = c->alloc;

	if (intern_add(&c->addrs, a, strlen(a), &id, c->err)) {
		c->rc = TRC_ERR_NOMEM;
		return INTERN_NONE;
	}
	if (intern_count(&c->addrs) == before)
		return id;
	if (!grow(c, (void **)&c->parent, sizeof(uint32_t), id + 1, &al))
		return INTERN_NONE;
	al = c->alloc;
	if (!grow(c, (void **)&c->size, sizeof(uint32_t), id + 1, &al))
		return INTERN_NONE;
	al = c->alloc;
	if (!grow(c, (void **)&c->id, sizeof(uint32_t), id + 1, &al))
		return INTERN_NONE;
	al = c->alloc;
	if (!grow(c, (void **)&c->best, sizeof(uint32_t), id + 1, &al))
		return INTERN_NONE;
	c->alloc = al;
	c->parent[id] = id;
	c->size[id] = 1;
	c->id[id] = 0;
	c->best[id] = UINT32_MAX;
	return id;
}

static uint32_t find(const struct cluster_set *c, uint32_t x)
{
	while (c->parent[x] != x) {
		c->parent[x] = c->parent[c->parent[x]];
		x = c->parent[x];
	}
	return x;
}

static void unite(struct cluster_set *c, uint32_t a, uint32_t b,
		  const uint8_t txid[32])
{
	uint32_t ra = find(c, a), rb = find(c, b), t;

	if (ra == rb)
		return;
	if (c->size[ra] < c->size[rb]) {
		t = ra;
		ra = rb;
		rb = t;
	}
	c->parent[rb] = ra;
	c->size[ra] += c->size[rb];
	if (!grow(c, (void **)&c->links, sizeof(*c->links), c->n_links + 1,
		  &c->links_alloc))
		return;
	c->links[c->n_links].a = a;
	c->links[c->n_links].b = b;
	memcpy(c->links[c->n_links].txid, txid, 32);
	c->n_links++;
}

static void on_utxo(struct cluster_set *c, const struct rec_tx *tx)
{
	uint32_t first = INTERN_NONE, id;

	for (uint32_t j = 0; j < tx->n_out && !c->rc; j++)
		if (tx->out[j].address)
			(void)add_addr(c, tx->out[j].address);
	if (tx->n_in < 2)
		return;
	if (cluster_is_coinjoin(tx)) {
		c->coinjoins++;
		return;
	}
	for (uint32_t i = 0; i < tx->n_in && !c->rc; i++) {
		if (!tx->in[i].address)
			continue;
		id = add_addr(c, tx->in[i].address);
		if (id == INTERN_NONE)
			return;
		if (first == INTERN_NONE)
			first = id;
		else
			unite(c, first, id, tx->txid);
	}
}

/* ---- deposit inference ---- */

static struct dep *dep_of(struct cluster_set *c, uint32_t addr,
			  const char *asset)
{
	char k[4 + 256];
	size_t len = strlen(asset ? asset : ""),
	       before = intern_count(&c->depk);
	uint32_t id;

	if (len > 255)
		len = 255;
	k[0] = (char)(addr >> 24);
	k[1] = (char)(addr >> 16);
	k[2] = (char)(addr >> 8);
	k[3] = (char)addr;
	memcpy(k + 4, asset ? asset : "", len);
	if (intern_add(&c->depk, k, 4 + len, &id, c->err)) {
		c->rc = TRC_ERR_NOMEM;
		return NULL;
	}
	if (intern_count(&c->depk) != before) {
		if (!grow(c, (void **)&c->deps, sizeof(*c->deps), id + 1,
			  &c->deps_alloc))
			return NULL;
		memset(&c->deps[id], 0, sizeof(c->deps[id]));
		c->deps[id].exchange = INTERN_NONE;
		c->deps[id].last_recv = INT64_MIN;
	}
	return &c->deps[id];
}

static uint32_t exchange_of(const struct cluster_set *c, const char *a)
{
	uint32_t t = intern_find(&c->tagk, a, strlen(a));

	return t != INTERN_NONE && c->tags[t].category == TAG_EXCHANGE
		       ? t
		       : INTERN_NONE;
}

/* A heuristic's sums saturate at 2^256 - 1 instead of failing: a hostile
 * token's amounts must not stop attribution of everything else. */
static void sat_add(trc_amount *acc, trc_amount v)
{
	if (amount_add(acc, *acc, v))
		memset(acc, 0xff, sizeof(*acc));
}

static void forward(struct cluster_set *c, struct dep *d, uint32_t x,
		    const struct rec_tx *tx, trc_amount v)
{
	if (d->last_recv == INT64_MIN ||
	    tx->time - d->last_recv > c->o.deposit_window)
		return;
	sat_add(&d->forwarded, v);
	if (d->exchange == INTERN_NONE || amount_cmp(v, d->best_fwd) > 0) {
		d->exchange = x;
		d->best_fwd = v;
	}
	if (d->n_ev < DEP_EVIDENCE &&
	    (!d->n_ev || memcmp(d->ev[d->n_ev - 1], tx->txid, 32)))
		memcpy(d->ev[d->n_ev++], tx->txid, 32);
}

static void on_legs(struct cluster_set *c, const struct rec_tx *tx)
{
	for (uint32_t k = 0; k < tx->n_legs && !c->rc; k++) {
		const struct rec_leg *g = &tx->legs[k];
		struct dep *d;
		uint32_t id, x;

		if (!g->to || !g->from ||
		    ((tx->flags & REC_TX_FAILED) && g->kind != LEG_FEE))
			continue;
		x = exchange_of(c, g->to);
		id = add_addr(c, g->from);
		d = id != INTERN_NONE ? dep_of(c, id, g->asset) : NULL;
		if (d && x != INTERN_NONE)
			forward(c, d, x, tx, g->value);
		id = add_addr(c, g->to);
		d = id != INTERN_NONE ? dep_of(c, id, g->asset) : NULL;
		if (!d)
			return;
		sat_add(&d->received, g->value);
		d->last_recv = tx->time;
	}
}

static int on_tx(const struct rec_tx *tx, void *ctx)
{
	struct cluster_set *c = ctx;

	if (tx->n_legs)
		on_legs(c, tx);
	else
		on_utxo(c, tx);
	return c->rc ? 1 : 0;
}

/* ---- tags ---- */

/* The order of tags.h: confidence, a service category, lower category. */
static bool better(const struct tag *a, const struct tag *b)
{
	bool sa = tag_category_is_service(a->category);
	bool sb = tag_category_is_service(b->category);

	if (a->confidence != b->confidence)
		return a->confidence > b->confidence;
	if (sa != sb)
		return sa;
	return a->category < b->category;
}

static bool copy_tag(struct tag *d, const struct tag *s)
{
	tag_init(d);
	d->chain = s->chain;
	d->category = s->category;
	d->confidence = s->confidence;
	d->inferred = s->inferred;
	d->address = strdup(s->address ? s->address : "");
	d->entity = strdup(s->entity ? s->entity : "");
	d->source = strdup(s->source ? s->source : "");
	return d->address && d->entity && d->source;
}

static int on_tag(const struct tag *t, void *ctx)
{
	struct cluster_set *c = ctx;
	size_t before = intern_count(&c->tagk);
	uint32_t id;

	if (!t->address || t->inferred)
		return 0;
	if (intern_add(&c->tagk, t->address, strlen(t->address), &id,
		       c->err)) {
		c->rc = TRC_ERR_NOMEM;
		return 1;
	}
	if (intern_count(&c->tagk) != before) {
		if (!grow(c, (void **)&c->tags, sizeof(*c->tags), id + 1,
			  &c->tags_alloc))
			return 1;
		tag_init(&c->tags[id]);
	} else if (!better(t, &c->tags[id])) {
		return 0;
	}
	tag_release(&c->tags[id]);
	if (!copy_tag(&c->tags[id], t)) {
		c->rc = trc_fail(c->err, TRC_ERR_NOMEM, "out of memory");
		return 1;
	}
	return 0;
}

/* forwarded * 100 >= received * share: the deposit rule, exact. */
static bool is_deposit(const struct cluster_set *c, const struct dep *d)
{
	trc_amount lhs, rhs;

	if (amount_is_zero(d->forwarded) || d->exchange == INTERN_NONE)
		return false;
	if (amount_mul(&lhs, d->forwarded, amount_from_u64(100)) ||
	    amount_mul(&rhs, d->received,
		       amount_from_u64(c->o.deposit_share_pct)))
		return false;
	return amount_cmp(lhs, rhs) >= 0;
}

/* Per address, the first asset (in order seen) that makes it a deposit. */
static void find_deposits(struct cluster_set *c)
{
	size_t n = intern_count(&c->addrs);

	c->depv = malloc((n + 1) * sizeof(*c->depv));
	if (!c->depv) {
		c->rc = trc_fail(c->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	for (size_t i = 0; i < n; i++)
		c->depv[i] = UINT32_MAX;
	for (size_t i = 0; i < intern_count(&c->depk); i++) {
		const uint8_t *k =
			(const uint8_t *)intern_key(&c->depk, (uint32_t)i,
						    NULL);
		uint32_t a = (uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 |
			     (uint32_t)k[2] << 8 | k[3];
		if (c->depv[a] == UINT32_MAX && is_deposit(c, &c->deps[i]))
			c->depv[a] = (uint32_t)i;
	}
}

/* Cluster ids in order of the first member seen; the best tag of each
 * multi-address cluster. */
static void finish(struct cluster_set *c)
{
	find_deposits(c);
	for (size_t i = 0; i < intern_count(&c->addrs); i++) {
		uint32_t r = find(c, (uint32_t)i);
		if (c->size[r] < 2)
			continue;
		if (!c->id[r])
			c->id[r] = ++c->n_ids;
		uint32_t t = intern_find(&c->tagk,
					 intern_key(&c->addrs, (uint32_t)i,
						    NULL),
					 strlen(intern_key(&c->addrs,
							   (uint32_t)i, NULL)));
		if (t == INTERN_NONE)
			continue;
		if (c->best[r] == UINT32_MAX ||
		    better(&c->tags[t], &c->tags[c->best[r]]))
			c->best[r] = t;
	}
}

enum trc_err cluster_build(struct store *s, uint8_t chain,
			   const struct cluster_opts *o,
			   struct cluster_set **out, struct trc_error *err)
{
	struct cluster_set *c = calloc(1, sizeof(*c));
	enum trc_err rc;

	*out = NULL;
	if (!c)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	c->o = *o;
	c->err = err;
	rc = tags_each(s, chain, on_tag, c, err);
	if (!rc)
		rc = c->rc;
	if (!rc)
		rc = chaindb_each_tx(s, chain, on_tx, c, err);
	if (!rc)
		rc = c->rc;
	if (!rc) {
		finish(c);
		rc = c->rc;
	}
	c->err = NULL;
	if (rc) {
		cluster_free(c);
		return rc;
	}
	*out = c;
	return TRC_OK;
}

void cluster_free(struct cluster_set *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < intern_count(&c->tagk); i++)
		tag_release(&c->tags[i]);
	intern_release(&c->addrs);
	intern_release(&c->tagk);
	intern_release(&c->depk);
	free(c->parent);
	free(c->size);
	free(c->id);
	free(c->best);
	free(c->links);
	free(c->adj_off);
	free(c->adj);
	free(c->tags);
	free(c->deps);
	free(c->depv);
	free(c);
}

uint64_t cluster_coinjoins(const struct cluster_set *c)
{
	return c->coinjoins;
}

uint32_t cluster_id(const struct cluster_set *c, const char *address)
{
	uint32_t i = intern_find(&c->addrs, address, strlen(address));

	return i == INTERN_NONE ? 0 : c->id[find(c, i)];
}

enum trc_err cluster_members(const struct cluster_set *c, const char *address,
			     const char ***members, size_t *n,
			     struct trc_error *err)
{
	uint32_t i = intern_find(&c->addrs, address, strlen(address)), r;
	size_t k = 0;
	const char **v;

	*members = NULL;
	*n = 0;
	r = i == INTERN_NONE ? INTERN_NONE : find(c, i);
	v = malloc((r == INTERN_NONE ? 1 : c->size[r]) * sizeof(*v));
	if (!v)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (r == INTERN_NONE) {
		v[k++] = address;
	} else {
		for (size_t j = 0; j < intern_count(&c->addrs); j++)
			if (find(c, (uint32_t)j) == r)
				v[k++] = intern_key(&c->addrs, (uint32_t)j,
						    NULL);
	}
	qsort(v, k, sizeof(*v), cmp_strp);
	*members = v;
	*n = k;
	return TRC_OK;
}

/* Adjacency lists of the spanning forest (CSR), once. The set is
 * logically const: this is a cache. */
static enum trc_err build_adj(struct cluster_set *c, struct trc_error *err)
{
	size_t n = intern_count(&c->addrs);
	uint32_t *fill;

	if (c->adj_off)
		return TRC_OK;
	c->adj_off = calloc(n + 1, sizeof(*c->adj_off));
	c->adj = malloc((2 * c->n_links + 1) * sizeof(*c->adj));
	fill = calloc(n + 1, sizeof(*fill));
	if (!c->adj_off || !c->adj || !fill) {
		free(fill);
		free(c->adj_off);
		free(c->adj);
		c->adj_off = c->adj = NULL;
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t l = 0; l < c->n_links; l++) {
		c->adj_off[c->links[l].a + 1]++;
		c->adj_off[c->links[l].b + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		c->adj_off[i + 1] += c->adj_off[i];
	for (size_t l = 0; l < c->n_links; l++) {
		uint32_t a = c->links[l].a, b = c->links[l].b;
		c->adj[c->adj_off[a] + fill[a]++] = (uint32_t)l;
		c->adj[c->adj_off[b] + fill[b]++] = (uint32_t)l;
	}
	free(fill);
	return TRC_OK;
}

/* Breadth-first over the forest from `from`. Out: via[x] = the link that
 * reached x (UINT32_MAX: not reached). */
static enum trc_err bfs(const struct cluster_set *c, uint32_t from,
			uint32_t *via, struct trc_error *err)
{
	size_t n = intern_count(&c->addrs), head = 0, tail = 0;
	uint32_t *q = malloc((n + 1) * sizeof(*q));

	if (!q)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		via[i] = UINT32_MAX;
	q[tail++] = from;
	via[from] = UINT32_MAX - 1;
	while (head < tail) {
		uint32_t x = q[head++];
		for (uint32_t k = c->adj_off[x]; k < c->adj_off[x + 1]; k++) {
			const struct link *l = &c->links[c->adj[k]];
			uint32_t y = l->a == x ? l->b : l->a;
			if (via[y] != UINT32_MAX)
				continue;
			via[y] = c->adj[k];
			q[tail++] = y;
		}
	}
	free(q);
	return TRC_OK;
}

static enum trc_err walk_back(const struct cluster_set *c,
			      const uint32_t *via, uint32_t from, uint32_t to,
			      struct cluster_link **steps, size_t *n,
			      struct trc_error *err)
{
	size_t k = 1;
	struct cluster_link *v;

	for (uint32_t x = to; x != from; k++) {
		const struct link *l = &c->links[via[x]];
		x = l->a == x ? l->b : l->a;
	}
	v = calloc(k, sizeof(*v));
	if (!v)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	*n = k;
	for (uint32_t x = to; k--;) {
		v[k].address = intern_key(&c->addrs, x, NULL);
		if (x == from)
			break;
		const struct link *l = &c->links[via[x]];
		memcpy(v[k].txid, l->txid, 32);
		x = l->a == x ? l->b : l->a;
	}
	*steps = v;
	return TRC_OK;
}

enum trc_err cluster_path(const struct cluster_set *cc, const char *from,
			  const char *to, struct cluster_link **steps,
			  size_t *n, struct trc_error *err)
{
	struct cluster_set *c = (struct cluster_set *)cc;
	uint32_t a = intern_find(&c->addrs, from, strlen(from));
	uint32_t b = intern_find(&c->addrs, to, strlen(to));
	uint32_t *via;
	enum trc_err rc;

	*steps = NULL;
	*n = 0;
	if (a == INTERN_NONE || b == INTERN_NONE || find(c, a) != find(c, b))
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"'%s' and '%s' are not in one cluster", from,
				to);
	rc = build_adj(c, err);
	if (rc)
		return rc;
	via = malloc((intern_count(&c->addrs) + 1) * sizeof(*via));
	if (!via)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = bfs(c, a, via, err);
	if (!rc)
		rc = walk_back(c, via, a, b, steps, n, err);
	free(via);
	return rc;
}

/* ---- inference ---- */

static enum trc_err evidence_str(char **out, uint8_t (*txids)[32], size_t n,
				 void (*fmt)(const uint8_t[32],
					     char[CLUSTER_TXID_STR]),
				 struct trc_error *err)
{
	char *s = malloc(n * CLUSTER_TXID_STR + 1), h[CLUSTER_TXID_STR];

	*out = s;
	if (!s)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	s[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (fmt)
			fmt(txids[i], h);
		else
			hex_encode(h, txids[i], 32);
		/* an entry: at most CLUSTER_TXID_STR - 1 bytes and a space */
		snprintf(s + strlen(s), CLUSTER_TXID_STR + 1, "%s%s",
			 i ? " " : "", h);
	}
	return TRC_OK;
}

static enum trc_err
infer_cluster(const struct cluster_set *c, uint32_t i,
	      void (*fmt)(const uint8_t[32], char[CLUSTER_TXID_STR]),
	      struct tag *t, bool *found, struct trc_error *err)
{
	const struct tag *m = &c->tags[c->best[find(c, i)]];
	struct cluster_link *steps = NULL;
	uint8_t (*ids)[32] = NULL;
	size_t n = 0;
	enum trc_err rc;

	rc = cluster_path(c, intern_key(&c->addrs, i, NULL), m->address,
			  &steps, &n, err);
	if (rc)
		return rc;
	ids = calloc(n ? n : 1, 32);
	if (!ids) {
		free(steps);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t k = 1; k < n; k++)
		memcpy(ids[k - 1], steps[k].txid, 32);
	free(steps);
	if (!copy_tag(t, m)) {
		free(ids);
		tag_release(t);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	free(t->address);
	free(t->source);
	t->address = strdup(intern_key(&c->addrs, i, NULL));
	t->source = strdup("cluster");
	t->inferred = true;
	rc = evidence_str(&t->evidence, ids, n ? n - 1 : 0, fmt, err);
	free(ids);
	if (!rc && (!t->address || !t->source))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (rc)
		tag_release(t);
	*found = !rc;
	return rc;
}

static const struct dep *deposit_of(const struct cluster_set *c,
				    uint32_t addr)
{
	return c->depv && c->depv[addr] != UINT32_MAX ? &c->deps[c->depv[addr]]
						       : NULL;
}

static enum trc_err
infer_deposit(const struct cluster_set *c, const struct dep *d,
	      const char *address,
	      void (*fmt)(const uint8_t[32], char[CLUSTER_TXID_STR]),
	      struct tag *t, bool *found, struct trc_error *err)
{
	const struct tag *x = &c->tags[d->exchange];
	enum trc_err rc;

	tag_init(t);
	t->chain = x->chain;
	t->category = TAG_DEPOSIT;
	t->confidence = x->confidence;
	t->inferred = true;
	t->address = strdup(address);
	t->entity = strdup(x->entity);
	t->source = strdup("deposit-inference");
	rc = evidence_str(&t->evidence, (uint8_t(*)[32])d->ev, d->n_ev, fmt,
			  err);
	if (!rc && (!t->address || !t->entity || !t->source))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (rc)
		tag_release(t);
	*found = !rc;
	return rc;
}

enum trc_err cluster_infer(const struct cluster_set *c, const char *address,
			   void (*txid_format)(const uint8_t txid[32],
					       char out[CLUSTER_TXID_STR]),
			   struct tag *t, bool *found, struct trc_error *err)
{
	uint32_t i = intern_find(&c->addrs, address, strlen(address));
	const struct dep *d;

	*found = false;
	tag_init(t);
	if (i == INTERN_NONE ||
	    intern_find(&c->tagk, address, strlen(address)) != INTERN_NONE)
		return TRC_OK;
	if (c->best[find(c, i)] != UINT32_MAX)
		return infer_cluster(c, i, txid_format, t, found, err);
	d = deposit_of(c, i);
	if (d)
		return infer_deposit(c, d, address, txid_format, t, found,
				     err);
	return TRC_OK;
}
