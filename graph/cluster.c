/*
 * cluster.c - questions about the clustering kept in the database
 * (store/clusterdb.h): a cluster's id and members, the best tag among
 * its members, the chain of co-spending transactions linking two members
 * (breadth-first over their histories), and on account chains per (address,
 * asset) sums of what an address received and what it forwarded to tagged
 * exchanges soon after, read from that address's history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/intern.h"
#include "graph/cluster.h"
#include "store/chaindb.h"

#define DEP_EVIDENCE 8

struct dep {
	trc_amount received, forwarded;
	int64_t last_recv;
	uint32_t exchange;   /* tagged address (index into tags) */
	trc_amount best_fwd; /* the largest single forward to it */
	uint32_t n_ev;
	uint8_t ev[DEP_EVIDENCE][32];
};

struct cluster_set {
	struct store *s;
	uint8_t chain;
	struct cluster_opts o;
	uint64_t coinjoins;
	struct intern tagk; /* tagged address -> index into tags */
	struct tag *tags;   /* the best tag of each tagged address */
	size_t tags_alloc;
	struct intern ck; /* be32 cluster id -> index into cbest */
	uint32_t *cbest;  /* the best tag (index) of each tagged cluster */
	size_t cbest_alloc;
	struct intern names; /* strings handed out (borrowed by callers) */
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

/* A borrowed copy of s that lives as long as the set. */
static const char *name(struct cluster_set *c, const char *s,
			struct trc_error *err)
{
	uint32_t id;

	if (intern_add(&c->names, s, strlen(s), &id, err))
		return NULL;
	return intern_key(&c->names, id, NULL);
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
	if (intern_add(&c->tagk, t->address, strlen(t->address), &id, c->err)) {
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

static uint32_t tagged_cluster(const struct cluster_set *c, uint32_t id)
{
	uint8_t k[4];
	uint32_t i;

	be32_put(k, id);
	i = intern_find(&c->ck, k, 4);
	return i == INTERN_NONE ? UINT32_MAX : c->cbest[i];
}

/* The best tag of each cluster that has a tagged member. */
static enum trc_err tag_clusters(struct cluster_set *c)
{
	for (size_t t = 0; t < intern_count(&c->tagk); t++) {
		uint64_t id, size;
		uint8_t k[4];
		uint32_t i;
		size_t before = intern_count(&c->ck);
		enum trc_err rc = clusterdb_find(
			c->s, c->chain, c->tags[t].address, &id, &size, c->err);

		if (rc)
			return rc;
		if (!id)
			continue;
		be32_put(k, (uint32_t)id);
		if (intern_add(&c->ck, k, 4, &i, c->err))
			return TRC_ERR_NOMEM;
		if (intern_count(&c->ck) != before) {
			if (!grow(c, (void **)&c->cbest, sizeof(*c->cbest),
				  i + 1, &c->cbest_alloc))
				return c->rc;
			c->cbest[i] = (uint32_t)t;
		} else if (better(&c->tags[t], &c->tags[c->cbest[i]])) {
			c->cbest[i] = (uint32_t)t;
		}
	}
	return TRC_OK;
}

enum trc_err cluster_open(struct store *s, uint8_t chain,
			  const struct cluster_opts *o,
			  struct cluster_set **out, struct trc_error *err)
{
	struct cluster_set *c = calloc(1, sizeof(*c));
	enum trc_err rc;

	*out = NULL;
	if (!c)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	c->s = s;
	c->chain = chain;
	c->o = *o;
	c->err = err;
	rc = clusterdb_ready(s, chain, err);
	if (!rc)
		rc = clusterdb_coinjoins(s, chain, &c->coinjoins, err);
	if (!rc)
		rc = tags_each(s, chain, on_tag, c, err);
	if (!rc)
		rc = c->rc;
	if (!rc)
		rc = tag_clusters(c);
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
	intern_release(&c->tagk);
	intern_release(&c->ck);
	intern_release(&c->names);
	free(c->tags);
	free(c->cbest);
	free(c);
}

uint64_t cluster_coinjoins(const struct cluster_set *c)
{
	return c->coinjoins;
}

enum trc_err cluster_id(const struct cluster_set *c, const char *address,
			uint32_t *id, struct trc_error *err)
{
	uint64_t v, size;
	enum trc_err rc =
		clusterdb_find(c->s, c->chain, address, &v, &size, err);

	*id = rc ? 0 : (uint32_t)v;
	return rc;
}

/* ---- members ---- */

struct members {
	struct cluster_set *c;
	const char **v;
	size_t n, alloc, max;
	struct trc_error *err;
};

static int on_member(const char *address, void *ctx)
{
	struct members *m = ctx;
	const char *s;

	if (!grow(m->c, (void **)&m->v, sizeof(*m->v), m->n + 1, &m->alloc))
		return 1;
	if (!(s = name(m->c, address, m->err))) {
		m->c->rc = TRC_ERR_NOMEM;
		return 1;
	}
	m->v[m->n++] = s;
	return m->max && m->n >= m->max;
}

enum trc_err cluster_members(const struct cluster_set *cc, const char *address,
			     size_t max, const char ***members, size_t *n,
			     uint64_t *total, struct trc_error *err)
{
	struct cluster_set *c = (struct cluster_set *)cc;
	struct members m = { c, NULL, 0, 0, max, err };
	uint64_t id;
	enum trc_err rc;

	*members = NULL;
	*n = 0;
	c->rc = TRC_OK;
	c->err = err;
	rc = clusterdb_find(c->s, c->chain, address, &id, total, err);
	if (!rc && !id)
		on_member(address, &m);
	else if (!rc)
		rc = clusterdb_each_member(c->s, c->chain, id, on_member, &m,
					   err);
	if (!rc)
		rc = c->rc;
	c->err = NULL;
	if (rc) {
		free(m.v);
		return rc;
	}
	*members = m.v;
	*n = m.n;
	return TRC_OK;
}

/* ---- paths: breadth-first over the co-spending transactions ---- */

struct bfs {
	struct cluster_set *c;
	struct intern seen; /* address -> index into via */
	struct step {
		uint32_t from; /* the step before, UINT32_MAX for the start */
		uint8_t txid[32];
	} * via;
	size_t via_alloc;
	uint8_t (*spent)[32]; /* txids an address spent in, per expansion */
	size_t n_spent, spent_alloc;
	struct trc_error *err;
};

static int on_sent(const struct chaindb_hist *h, void *ctx)
{
	struct bfs *B = ctx;

	if (!(h->flags & HIST_SENT))
		return 0;
	if (!grow(B->c, (void **)&B->spent, sizeof(*B->spent), B->n_spent + 1,
		  &B->spent_alloc))
		return 1;
	memcpy(B->spent[B->n_spent++], h->txid, 32);
	return 0;
}

/* Adds address (reached from `from` through txid) once. Out: *found when
 * it is `to`. */
static enum trc_err visit(struct bfs *B, const char *address, uint32_t from,
			  const uint8_t txid[32], const char *to, bool *found)
{
	size_t before = intern_count(&B->seen);
	uint32_t id;

	if (intern_add(&B->seen, address, strlen(address), &id, B->err))
		return TRC_ERR_NOMEM;
	if (intern_count(&B->seen) == before)
		return TRC_OK;
	if (!grow(B->c, (void **)&B->via, sizeof(*B->via), id + 1,
		  &B->via_alloc))
		return B->c->rc;
	B->via[id].from = from;
	memcpy(B->via[id].txid, txid, 32);
	*found = !strcmp(address, to);
	return TRC_OK;
}

/* The neighbours of seen address x: the other inputs of each clustering
 * transaction x spent in, in chain order. */
static enum trc_err expand(struct bfs *B, uint32_t x, const char *to,
			   bool *found)
{
	struct cluster_set *c = B->c;
	enum trc_err rc;

	B->n_spent = 0;
	rc = chaindb_each_hist(c->s, c->chain, intern_key(&B->seen, x, NULL),
			       on_sent, B, B->err);
	if (!rc)
		rc = c->rc;
	for (size_t i = 0; i < B->n_spent && !rc && !*found; i++) {
		struct rec_tx tx = REC_TX_INIT;
		bool have = false;

		rc = chaindb_get_tx(c->s, c->chain, B->spent[i], &tx, &have,
				    B->err);
		if (!rc && have && !tx.n_legs && tx.n_in >= 2 &&
		    !clusterdb_is_coinjoin(&tx))
			for (uint32_t j = 0; j < tx.n_in && !rc && !*found; j++)
				if (tx.in[j].address)
					rc = visit(B, tx.in[j].address, x,
						   tx.txid, to, found);
		rec_tx_release(&tx);
	}
	return rc;
}

static enum trc_err walk_back(struct bfs *B, uint32_t end,
			      struct cluster_link **steps, size_t *n)
{
	size_t k = 1;
	struct cluster_link *v;

	for (uint32_t x = end; B->via[x].from != UINT32_MAX; k++)
		x = B->via[x].from;
	v = calloc(k, sizeof(*v));
	if (!v)
		return trc_fail(B->err, TRC_ERR_NOMEM, "out of memory");
	*n = k;
	for (uint32_t x = end; k--; x = B->via[x].from) {
		v[k].address =
			name(B->c, intern_key(&B->seen, x, NULL), B->err);
		if (!v[k].address) {
			free(v);
			*n = 0;
			return TRC_ERR_NOMEM;
		}
		if (B->via[x].from == UINT32_MAX)
			break;
		memcpy(v[k].txid, B->via[x].txid, 32);
	}
	*steps = v;
	return TRC_OK;
}

enum trc_err cluster_path(const struct cluster_set *cc, const char *from,
			  const char *to, struct cluster_link **steps,
			  size_t *n, struct trc_error *err)
{
	static const uint8_t none[32];
	struct cluster_set *c = (struct cluster_set *)cc;
	struct bfs B;
	uint32_t a, b;
	bool found;
	enum trc_err rc;

	*steps = NULL;
	*n = 0;
	if ((rc = cluster_id(c, from, &a, err)) ||
	    (rc = cluster_id(c, to, &b, err)))
		return rc;
	if (!a || a != b)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"'%s' and '%s' are not in one cluster", from,
				to);
	memset(&B, 0, sizeof(B));
	B.c = c;
	B.err = err;
	c->rc = TRC_OK;
	c->err = err;
	found = !strcmp(from, to);
	rc = visit(&B, from, UINT32_MAX, none, to, &found);
	found = !strcmp(from, to);
	for (uint32_t x = 0; !rc && !found && x < intern_count(&B.seen); x++)
		rc = expand(&B, x, to, &found);
	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "'%s' and '%s' share cluster %u but no "
			      "transaction links them: run 'tracer cluster "
			      "--rebuild'",
			      from, to, a);
	if (!rc)
		rc = walk_back(&B, intern_find(&B.seen, to, strlen(to)), steps,
			       n);
	c->err = NULL;
	intern_release(&B.seen);
	free(B.via);
	free(B.spent);
	return rc;
}

/* ---- deposit inference ---- */

/* A heuristic's sums saturate at 2^256 - 1 instead of failing: a hostile
 * token's amounts must not stop attribution of everything else. */
static void sat_add(trc_amount *acc, trc_amount v)
{
	if (amount_add(acc, *acc, v))
		memset(acc, 0xff, sizeof(*acc));
}

static uint32_t exchange_of(const struct cluster_set *c, const char *a)
{
	uint32_t t = intern_find(&c->tagk, a, strlen(a));

	return t != INTERN_NONE && c->tags[t].category == TAG_EXCHANGE
		       ? t
		       : INTERN_NONE;
}

/* One address's sums per asset, in the order its assets were first seen. */
struct deps {
	struct cluster_set *c;
	const char *address;
	struct intern assets;
	struct dep *d;
	size_t alloc;
	uint8_t (*txids)[32]; /* its history, chain order */
	size_t n_txids, txids_alloc;
	bool has_legs;
};

static struct dep *dep_of(struct deps *D, const char *asset)
{
	size_t before = intern_count(&D->assets);
	uint32_t id;
	const char *a = asset ? asset : "";

	if (intern_add(&D->assets, a, strlen(a), &id, D->c->err)) {
		D->c->rc = TRC_ERR_NOMEM;
		return NULL;
	}
	if (intern_count(&D->assets) != before) {
		if (!grow(D->c, (void **)&D->d, sizeof(*D->d), id + 1,
			  &D->alloc))
			return NULL;
		memset(&D->d[id], 0, sizeof(D->d[id]));
		D->d[id].exchange = INTERN_NONE;
		D->d[id].last_recv = INT64_MIN;
	}
	return &D->d[id];
}

static void forward(const struct cluster_set *c, struct dep *d, uint32_t x,
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

/* The legs of tx that touch D's address, in leg order. */
static void on_legs(struct deps *D, const struct rec_tx *tx)
{
	struct cluster_set *c = D->c;

	for (uint32_t k = 0; k < tx->n_legs && !c->rc; k++) {
		const struct rec_leg *g = &tx->legs[k];
		struct dep *d;
		uint32_t x;

		if (!g->to || !g->from ||
		    ((tx->flags & REC_TX_FAILED) && g->kind != LEG_FEE))
			continue;
		if (!strcmp(g->from, D->address)) {
			x = exchange_of(c, g->to);
			d = dep_of(D, g->asset);
			if (d && x != INTERN_NONE)
				forward(c, d, x, tx, g->value);
		}
		if (!strcmp(g->to, D->address) && (d = dep_of(D, g->asset))) {
			sat_add(&d->received, g->value);
			d->last_recv = tx->time;
		}
	}
}

static int on_any_leg(const struct chaindb_leg *l, void *ctx)
{
	(void)l;
	((struct deps *)ctx)->has_legs = true;
	return 1;
}

static int on_hist(const struct chaindb_hist *h, void *ctx)
{
	struct deps *D = ctx;

	if (!grow(D->c, (void **)&D->txids, sizeof(*D->txids), D->n_txids + 1,
		  &D->txids_alloc))
		return 1;
	memcpy(D->txids[D->n_txids++], h->txid, 32);
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

/* Out: *d, the first asset's sums (in order seen) that make D's address
 * a deposit; NULL when none does. */
static enum trc_err find_deposit(struct deps *D, const struct dep **d)
{
	struct cluster_set *c = D->c;
	enum trc_err rc;

	*d = NULL;
	rc = chaindb_each_leg(c->s, c->chain, D->address, on_any_leg, D,
			      c->err);
	if (rc || !D->has_legs)
		return rc;
	rc = chaindb_each_hist(c->s, c->chain, D->address, on_hist, D, c->err);
	if (!rc)
		rc = c->rc;
	for (size_t i = 0; i < D->n_txids && !rc; i++) {
		struct rec_tx tx = REC_TX_INIT;
		bool have = false;

		rc = chaindb_get_tx(c->s, c->chain, D->txids[i], &tx, &have,
				    c->err);
		if (!rc && have)
			on_legs(D, &tx);
		rec_tx_release(&tx);
		if (!rc)
			rc = c->rc;
	}
	for (size_t i = 0; i < intern_count(&D->assets) && !rc && !*d; i++)
		if (is_deposit(c, &D->d[i]))
			*d = &D->d[i];
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
infer_cluster(const struct cluster_set *c, const char *address,
	      const struct tag *m,
	      void (*fmt)(const uint8_t[32], char[CLUSTER_TXID_STR]),
	      struct tag *t, bool *found, struct trc_error *err)
{
	struct cluster_link *steps = NULL;
	uint8_t(*ids)[32] = NULL;
	size_t n = 0;
	enum trc_err rc;

	rc = cluster_path(c, address, m->address, &steps, &n, err);
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
	t->address = strdup(address);
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

enum trc_err cluster_infer(const struct cluster_set *cc, const char *address,
			   void (*txid_format)(const uint8_t txid[32],
					       char out[CLUSTER_TXID_STR]),
			   struct tag *t, bool *found, struct trc_error *err)
{
	struct cluster_set *c = (struct cluster_set *)cc;
	struct deps D;
	const struct dep *d = NULL;
	uint32_t id, best;
	enum trc_err rc;

	*found = false;
	tag_init(t);
	if (intern_find(&c->tagk, address, strlen(address)) != INTERN_NONE)
		return TRC_OK;
	if ((rc = cluster_id(c, address, &id, err)))
		return rc;
	if (id && (best = tagged_cluster(c, id)) != UINT32_MAX)
		return infer_cluster(c, address, &c->tags[best], txid_format, t,
				     found, err);
	memset(&D, 0, sizeof(D));
	D.c = c;
	D.address = address;
	c->rc = TRC_OK;
	c->err = err;
	rc = find_deposit(&D, &d);
	c->err = NULL;
	if (!rc && d)
		rc = infer_deposit(c, d, address, txid_format, t, found, err);
	intern_release(&D.assets);
	free(D.d);
	free(D.txids);
	return rc;
}
