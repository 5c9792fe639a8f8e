/*
 * clusterdb.c - the union-find of clusterdb.h over three tables: cl_root
 * (a member's root, absent for a root or an address alone), cl_size (a
 * root's member count, only for clusters of two or more) and cl_member
 * (every member under its root, the root too). A batch's changes are kept
 * in an overlay (struct clusterw) on top of what is committed, and written
 * with the batch.
 */
#include <stdlib.h>
#include <string.h>

#include "base/intern.h"
#include "store/chaindb.h"
#include "store/clusterdb.h"
#include "store/codec.h"
#include "store/keyfilter.h"
#include "store/keys.h"
#include "store/txindex.h"

/* ---- the CoinJoin shape ---- */

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

bool clusterdb_is_coinjoin(const struct rec_tx *tx)
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
	       amount_cmp(best, amount_from_u64(CLUSTERDB_DUST)) >= 0;
}

/* ---- keys ---- */

static void key_node(struct key *k, enum store_table t, uint8_t chain,
		     uint32_t id)
{
	key_init_chain(k, t, chain);
	key_be32(k, id);
}

static void key_member(struct key *k, uint8_t chain, uint32_t root,
		       uint32_t member)
{
	key_node(k, TABLE_CL_MEMBER, chain, root);
	key_be32(k, member);
}

static void key_meta(struct key *k, const char *name, uint8_t chain)
{
	key_init(k, TABLE_META);
	key_bytes(k, (const uint8_t *)name, strlen(name));
	key_u8(k, chain);
}

/* A stored number (one varint, at most max). Out: *v; *found. */
static enum trc_err get_num(struct store *s, const struct key *k, uint64_t max,
			    uint64_t *v, bool *found, struct trc_error *err)
{
	uint8_t buf[CODEC_UV_MAX];
	struct buf b = BUF_INIT(sizeof(buf));
	struct reader r;
	enum trc_err rc = store_get(s, k->b, k->len, &b, found, err);

	*v = 0;
	if (!rc && *found) {
		reader_init(&r, b.data, b.len, table_name(k->b[0]));
		if (codec_get_uv(&r, v, err) || reader_left(&r) || *v > max)
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "%s entry is not one number up to %llu",
				      table_name(k->b[0]),
				      (unsigned long long)max);
	}
	buf_release(&b);
	return rc;
}

static void put_num(struct store_batch *b, const struct key *k, uint64_t v)
{
	uint8_t buf[CODEC_UV_MAX];

	store_batch_put(b, k->b, k->len, buf, codec_uv_put(buf, v));
}

/* ---- the overlay of one batch ---- */

struct cnode {
	uint32_t root;
	bool dirty;
};

struct croot {
	uint64_t size;
	bool stored; /* a cl_size entry is committed: members are stored */
	bool dead;   /* joined to a smaller root in this batch */
	bool dirty;
	uint32_t *added; /* members to store under this root */
	size_t n_added, cap;
};

struct clusterw {
	struct intern nk; /* chain, be32 address id -> nodes */
	struct cnode *nodes;
	size_t nodes_cap;
	struct intern rk; /* chain, be32 root id -> roots */
	struct croot *roots;
	size_t roots_cap;
	uint64_t coinjoins[256];
	bool cj_loaded[256], cj_dirty[256];
	struct keyfilter *filter; /* borrowed; NULL: none */
};

struct clusterw *clusterw_new(struct keyfilter *filter)
{
	struct clusterw *w = calloc(1, sizeof(struct clusterw));

	if (w)
		w->filter = filter;
	return w;
}

/* get_num, unless the writer's filter rules the key out (not found). */
static enum trc_err get_num_w(const struct clusterw *w, struct store *s,
			      const struct key *k, uint64_t *v, bool *found,
			      struct trc_error *err)
{
	*v = 0;
	*found = false;
	if (!keyfilter_may(w->filter, k->b, k->len))
		return TRC_OK;
	return get_num(s, k, UINT32_MAX, v, found, err);
}

void clusterw_free(struct clusterw *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < intern_count(&w->rk); i++)
		free(w->roots[i].added);
	intern_release(&w->nk);
	intern_release(&w->rk);
	free(w->nodes);
	free(w->roots);
	free(w);
}

static enum trc_err grow(void **p, size_t *cap, size_t need, size_t size,
			 struct trc_error *err)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return TRC_OK;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	*p = q;
	*cap = n;
	return TRC_OK;
}

static void id_key(uint8_t k[5], uint8_t chain, uint32_t id)
{
	k[0] = chain;
	be32_put(k + 1, id);
}

/* The overlay entry of address x. Out: *at (index into w->nodes). */
static enum trc_err node_of(struct clusterw *w, struct store *s, uint8_t chain,
			    uint32_t x, uint32_t *at, struct trc_error *err)
{
	uint8_t kb[5];
	struct key k;
	uint64_t root = x;
	bool found = false;
	enum trc_err rc;

	id_key(kb, chain, x);
	if ((*at = intern_find(&w->nk, kb, 5)) != INTERN_NONE)
		return TRC_OK;
	key_node(&k, TABLE_CL_ROOT, chain, x);
	if ((rc = get_num_w(w, s, &k, &root, &found, err)))
		return rc;
	if (!found)
		root = x;
	if (intern_add(&w->nk, kb, 5, at, err) ||
	    grow((void **)&w->nodes, &w->nodes_cap, *at + 1, sizeof(*w->nodes),
		 err))
		return TRC_ERR_NOMEM;
	w->nodes[*at].root = (uint32_t)root;
	w->nodes[*at].dirty = false;
	return TRC_OK;
}

static enum trc_err add_member(struct croot *r, uint32_t x,
			       struct trc_error *err)
{
	if (grow((void **)&r->added, &r->cap, r->n_added + 1, sizeof(*r->added),
		 err))
		return TRC_ERR_NOMEM;
	r->added[r->n_added++] = x;
	return TRC_OK;
}

/* The overlay entry of root r. Out: *at (index into w->roots). */
static enum trc_err root_of(struct clusterw *w, struct store *s, uint8_t chain,
			    uint32_t r, uint32_t *at, struct trc_error *err)
{
	uint8_t kb[5];
	struct key k;
	struct croot c = { 1, false, false, false, NULL, 0, 0 };
	bool found = false;
	enum trc_err rc;

	id_key(kb, chain, r);
	if ((*at = intern_find(&w->rk, kb, 5)) != INTERN_NONE)
		return TRC_OK;
	key_node(&k, TABLE_CL_SIZE, chain, r);
	if ((rc = get_num_w(w, s, &k, &c.size, &found, err)))
		return rc;
	c.stored = found;
	if (!found) {
		c.size = 1;
		if ((rc = add_member(&c, r, err)))
			return rc;
	}
	if (intern_add(&w->rk, kb, 5, at, err) ||
	    grow((void **)&w->roots, &w->roots_cap, *at + 1, sizeof(*w->roots),
		 err)) {
		free(c.added);
		return TRC_ERR_NOMEM;
	}
	w->roots[*at] = c;
	return TRC_OK;
}

/* Member x now belongs to root m (entry mi). */
static enum trc_err move_to(struct clusterw *w, struct store *s, uint8_t chain,
			    uint32_t x, uint32_t mi, uint32_t m,
			    struct trc_error *err)
{
	uint32_t at;
	enum trc_err rc = node_of(w, s, chain, x, &at, err);

	if (rc)
		return rc;
	w->nodes[at].root = m;
	w->nodes[at].dirty = true;
	return add_member(&w->roots[mi], x, err);
}

/* Joins root r's cluster into root m's (m < r). */
static enum trc_err absorb(struct clusterw *w, struct store *s,
			   struct store_batch *b, uint8_t chain, uint32_t m,
			   uint32_t r, struct trc_error *err)
{
	uint32_t mi, ri;
	enum trc_err rc;

	if ((rc = root_of(w, s, chain, m, &mi, err)) ||
	    (rc = root_of(w, s, chain, r, &ri, err)))
		return rc;
	if (w->roots[ri].stored) {
		struct key k;
		struct store_iter *it;
		const uint8_t *key, *val;
		size_t klen, vlen;

		key_node(&k, TABLE_CL_MEMBER, chain, r);
		if (!(it = store_iter_prefix(s, k.b, k.len)))
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		while (!rc && store_iter_next(it, &key, &klen, &val, &vlen)) {
			if (klen != 10) {
				rc = trc_fail(err, TRC_ERR_CORRUPT,
					      "cl_member key of %zu bytes",
					      klen);
				break;
			}
			rc = move_to(w, s, chain, be32_get(key + 6), mi, m,
				     err);
			store_batch_delete(b, key, klen);
		}
		if (!rc)
			rc = store_iter_error(it, err);
		store_iter_free(it);
		if (rc)
			return rc;
		key_node(&k, TABLE_CL_SIZE, chain, r);
		store_batch_delete(b, k.b, k.len);
		w->roots[ri].stored = false;
	}
	for (size_t i = 0; i < w->roots[ri].n_added && !rc; i++)
		rc = move_to(w, s, chain, w->roots[ri].added[i], mi, m, err);
	if (rc)
		return rc;
	w->roots[mi].size += w->roots[ri].size;
	w->roots[mi].dirty = true;
	w->roots[ri].n_added = 0;
	w->roots[ri].size = 0;
	w->roots[ri].dead = true;
	return TRC_OK;
}

static enum trc_err count_coinjoin(struct clusterw *w, struct store *s,
				   uint8_t chain, struct trc_error *err)
{
	if (!w->cj_loaded[chain]) {
		struct key k;
		bool found = false;
		enum trc_err rc;

		key_meta(&k, KEY_META_COINJOINS, chain);
		rc = get_num(s, &k, UINT64_MAX, &w->coinjoins[chain], &found,
			     err);
		if (rc)
			return rc;
		w->cj_loaded[chain] = true;
	}
	w->coinjoins[chain]++;
	w->cj_dirty[chain] = true;
	return TRC_OK;
}

enum trc_err clusterw_tx(struct clusterw *w, struct store *s,
			 struct store_batch *b, const struct rec_tx *tx,
			 const uint32_t *ids, struct trc_error *err)
{
	uint32_t *roots, m = UINT32_MAX;
	size_t n = 0;
	enum trc_err rc = TRC_OK;

	if (tx->n_legs || tx->n_in < 2)
		return TRC_OK;
	if (clusterdb_is_coinjoin(tx))
		return count_coinjoin(w, s, tx->chain, err);
	if (!(roots = malloc(tx->n_in * sizeof(*roots))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < tx->n_in && !rc; i++) {
		uint32_t at;

		if (ids[i] == UINT32_MAX)
			continue;
		if ((rc = node_of(w, s, tx->chain, ids[i], &at, err)))
			break;
		roots[n++] = w->nodes[at].root;
		if (w->nodes[at].root < m)
			m = w->nodes[at].root;
	}
	/* the roots change as they are joined: look each up again */
	for (size_t i = 0; i < n && !rc; i++) {
		uint32_t ri;

		if ((rc = root_of(w, s, tx->chain, roots[i], &ri, err)))
			break;
		if (roots[i] != m && !w->roots[ri].dead)
			rc = absorb(w, s, b, tx->chain, m, roots[i], err);
	}
	free(roots);
	return rc;
}

enum trc_err clusterw_finish(struct clusterw *w, struct store_batch *b,
			     struct trc_error *err)
{
	struct key k;

	(void)err;
	for (size_t i = 0; i < intern_count(&w->rk); i++) {
		const struct croot *r = &w->roots[i];
		const uint8_t *kb =
			(const uint8_t *)intern_key(&w->rk, (uint32_t)i, NULL);
		uint32_t id = be32_get(kb + 1);

		if (r->dead || !r->dirty || r->size < 2)
			continue;
		key_node(&k, TABLE_CL_SIZE, kb[0], id);
		put_num(b, &k, r->size);
		keyfilter_add(w->filter, k.b, k.len);
		for (size_t j = 0; j < r->n_added; j++) {
			key_member(&k, kb[0], id, r->added[j]);
			store_batch_put(b, k.b, k.len, NULL, 0);
		}
	}
	for (size_t i = 0; i < intern_count(&w->nk); i++) {
		const uint8_t *kb =
			(const uint8_t *)intern_key(&w->nk, (uint32_t)i, NULL);
		uint32_t id = be32_get(kb + 1);

		if (!w->nodes[i].dirty || w->nodes[i].root == id)
			continue;
		key_node(&k, TABLE_CL_ROOT, kb[0], id);
		put_num(b, &k, w->nodes[i].root);
		keyfilter_add(w->filter, k.b, k.len);
	}
	for (int c = 0; c < 256; c++) {
		if (!w->cj_dirty[c])
			continue;
		key_meta(&k, KEY_META_COINJOINS, (uint8_t)c);
		put_num(b, &k, w->coinjoins[c]);
	}
	return TRC_OK;
}

/* ---- readers ---- */

enum trc_err clusterdb_ready(struct store *s, uint8_t chain,
			     struct trc_error *err)
{
	struct buf v = BUF_INIT(16);
	struct key k;
	bool found = false;
	enum trc_err rc;

	key_meta(&k, KEY_META_CL_REBUILD, chain);
	rc = store_get(s, k.b, k.len, &v, &found, err);
	buf_release(&v);
	if (!rc && found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "the clustering of %s is incomplete: a "
			      "'tracer cluster --rebuild' was interrupted; "
			      "run it again",
			      chain_name(chain) ? chain_name(chain) : "?");
	return rc;
}

enum trc_err clusterdb_find(struct store *s, uint8_t chain, const char *address,
			    uint64_t *id, uint64_t *size, struct trc_error *err)
{
	uint64_t root, count;
	uint32_t x;
	struct key k;
	bool found = false;
	enum trc_err rc;

	*id = 0;
	*size = 1;
	rc = txindex_find_addr(s, chain, address, &x, &count, &found, err);
	if (rc || !found)
		return rc;
	key_node(&k, TABLE_CL_ROOT, chain, x);
	if ((rc = get_num(s, &k, UINT32_MAX, &root, &found, err)))
		return rc;
	if (!found)
		root = x;
	key_node(&k, TABLE_CL_SIZE, chain, (uint32_t)root);
	if ((rc = get_num(s, &k, UINT32_MAX, &count, &found, err)))
		return rc;
	if (found) {
		*id = root + 1;
		*size = count;
	} else if (root != x) {
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "address id %u links to root %llu, which has "
			      "no cl_size entry",
			      x, (unsigned long long)root);
	}
	return rc;
}

enum trc_err clusterdb_each_member(struct store *s, uint8_t chain, uint64_t id,
				   clusterdb_member_fn fn, void *ctx,
				   struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc = TRC_OK;

	if (!id || id - 1 > UINT32_MAX)
		return trc_fail(err, TRC_ERR_INVALID, "no cluster %llu",
				(unsigned long long)id);
	key_node(&k, TABLE_CL_MEMBER, chain, (uint32_t)(id - 1));
	if (!(it = store_iter_prefix(s, k.b, k.len)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && store_iter_next(it, &key, &klen, &val, &vlen)) {
		char *a = NULL;

		if (klen != 10) {
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "cl_member key of %zu bytes", klen);
			break;
		}
		rc = txindex_addr_str(s, chain, be32_get(key + 6) + 1, &a, err);
		if (!rc && fn(a, ctx)) {
			free(a);
			break;
		}
		free(a);
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

enum trc_err clusterdb_coinjoins(struct store *s, uint8_t chain, uint64_t *n,
				 struct trc_error *err)
{
	struct key k;
	bool found = false;

	key_meta(&k, KEY_META_COINJOINS, chain);
	return get_num(s, &k, UINT64_MAX, n, &found, err);
}

/* ---- rebuild ---- */

#define REBUILD_BATCH 2000 /* transactions, or deletions */

struct rebuild {
	struct store *s;
	uint8_t chain;
	struct store_batch *b;
	struct clusterw *w;
	size_t in_batch;
	struct clusterdb_rebuild_stats *st;
	clusterdb_progress_fn progress;
	void *ctx;
	enum trc_err rc;
	struct trc_error *err;
};

static enum trc_err commit(struct rebuild *R)
{
	enum trc_err rc = TRC_OK;

	if (R->w) {
		rc = clusterw_finish(R->w, R->b, R->err);
		clusterw_free(R->w);
		R->w = NULL;
	}
	if (!rc)
		rc = store_batch_commit(R->s, R->b, R->err);
	store_batch_clear(R->b);
	R->in_batch = 0;
	if (!rc && R->progress && R->progress(R->ctx, R->st))
		rc = trc_fail(R->err, TRC_ERR_INTERRUPTED,
			      "the clustering rebuild was interrupted; "
			      "run it again");
	return rc;
}

static enum trc_err wipe(struct rebuild *R, enum store_table t)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc = TRC_OK;

	key_init_chain(&k, t, R->chain);
	if (!(it = store_iter_prefix(R->s, k.b, k.len)))
		return trc_fail(R->err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && store_iter_next(it, &key, &klen, &val, &vlen)) {
		store_batch_delete(R->b, key, klen);
		R->st->deleted++;
		if (++R->in_batch >= REBUILD_BATCH)
			rc = commit(R);
	}
	if (!rc)
		rc = store_iter_error(it, R->err);
	store_iter_free(it);
	return rc;
}

static int rebuild_tx(const struct rec_tx *tx, void *ctx)
{
	struct rebuild *R = ctx;
	uint32_t *ids;

	R->st->txs++;
	if (tx->n_legs || tx->n_in < 2)
		return 0;
	if (!R->w && !(R->w = clusterw_new(NULL))) {
		R->rc = trc_fail(R->err, TRC_ERR_NOMEM, "out of memory");
		return 1;
	}
	if (!(ids = malloc(tx->n_in * sizeof(*ids)))) {
		R->rc = trc_fail(R->err, TRC_ERR_NOMEM, "out of memory");
		return 1;
	}
	for (uint32_t i = 0; i < tx->n_in && !R->rc; i++) {
		uint64_t count;
		bool found = false;

		ids[i] = UINT32_MAX;
		if (tx->in[i].address &&
		    !(R->rc = txindex_find_addr(R->s, R->chain,
						tx->in[i].address, &ids[i],
						&count, &found, R->err)) &&
		    !found)
			R->rc = trc_fail(R->err, TRC_ERR_CORRUPT,
					 "input address '%s' has no id",
					 tx->in[i].address);
	}
	if (!R->rc)
		R->rc = clusterw_tx(R->w, R->s, R->b, tx, ids, R->err);
	free(ids);
	if (!R->rc && ++R->in_batch >= REBUILD_BATCH)
		R->rc = commit(R);
	return R->rc ? 1 : 0;
}

static enum trc_err count_clusters(struct store *s, uint8_t chain, uint64_t *n,
				   struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc;

	*n = 0;
	key_init_chain(&k, TABLE_CL_SIZE, chain);
	if (!(it = store_iter_prefix(s, k.b, k.len)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (store_iter_next(it, &key, &klen, &val, &vlen))
		(*n)++;
	rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

enum trc_err clusterdb_rebuild(struct store *s, uint8_t chain,
			       clusterdb_progress_fn progress, void *ctx,
			       struct clusterdb_rebuild_stats *st,
			       struct trc_error *err)
{
	struct rebuild R = { s,	     chain, store_batch_new(), NULL,
			     0,	     st,    progress,	       ctx,
			     TRC_OK, err };
	struct key k;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	if (!R.b)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	key_meta(&k, KEY_META_CL_REBUILD, chain);
	store_batch_put(R.b, k.b, k.len, NULL, 0);
	rc = commit(&R);
	if (!rc)
		rc = wipe(&R, TABLE_CL_ROOT);
	if (!rc)
		rc = wipe(&R, TABLE_CL_SIZE);
	if (!rc)
		rc = wipe(&R, TABLE_CL_MEMBER);
	if (!rc) {
		key_meta(&k, KEY_META_COINJOINS, chain);
		store_batch_delete(R.b, k.b, k.len);
		rc = commit(&R);
	}
	if (!rc) {
		rc = chaindb_each_tx(s, chain, rebuild_tx, &R, err);
		if (!rc)
			rc = R.rc;
	}
	if (!rc) {
		key_meta(&k, KEY_META_CL_REBUILD, chain);
		store_batch_delete(R.b, k.b, k.len);
		rc = commit(&R);
	}
	clusterw_free(R.w);
	store_batch_free(R.b);
	if (!rc)
		rc = count_clusters(s, chain, &st->clusters, err);
	return rc;
}

/* ---- db check ---- */

static enum trc_err check_one_num(const char *what, const uint8_t *val,
				  size_t vlen, uint64_t min,
				  struct trc_error *err)
{
	struct reader r;
	uint64_t v;

	reader_init(&r, val, vlen, what);
	if (!vlen || codec_get_uv(&r, &v, err) || reader_left(&r) ||
	    v > UINT32_MAX || v < min)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"%s entry is not one number from %llu to "
				"2^32 - 1",
				what, (unsigned long long)min);
	return TRC_OK;
}

enum trc_err clusterdb_check_pair(const uint8_t *key, size_t klen,
				  const uint8_t *val, size_t vlen,
				  struct trc_error *err)
{
	const char *t = table_name(key[0]);
	size_t want = key[0] == TABLE_CL_MEMBER ? 10 : 6;

	if (klen != want)
		return trc_fail(err, TRC_ERR_CORRUPT, "%s key of %zu bytes",
				t ? t : "?", klen);
	switch (key[0]) {
	case TABLE_CL_ROOT:
		return check_one_num("cl_root", val, vlen, 0, err);
	case TABLE_CL_SIZE:
		return check_one_num("cl_size", val, vlen, 2, err);
	case TABLE_CL_MEMBER:
		if (vlen)
			return trc_fail(err, TRC_ERR_CORRUPT,
					"cl_member entry with a value");
		return TRC_OK;
	}
	return trc_fail(err, TRC_ERR_CORRUPT, "not a clustering table");
}
