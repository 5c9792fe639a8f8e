#include "store/tags.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "store/keys.h"

#define TAG_RECORD_VERSION 1
#define TAG_STR_MAX 255

static const char *const category_names[TAG_CATEGORY_COUNT] = {
	[TAG_EXCHANGE] = "exchange",
	[TAG_DEPOSIT] = "deposit",
	[TAG_MIXER] = "mixer",
	[TAG_BRIDGE] = "bridge",
	[TAG_SERVICE] = "service",
	[TAG_HACKER] = "hacker",
	[TAG_RANSOMWARE] = "ransomware",
	[TAG_SANCTIONED] = "sanctioned",
	[TAG_SCAM] = "scam",
	[TAG_DEFI] = "defi",
	[TAG_OTHER] = "other",
	[TAG_DEX] = "dex",
};

const char *tag_category_name(uint8_t category)
{
	return category < TAG_CATEGORY_COUNT ? category_names[category] : NULL;
}

enum tag_category tag_category_from_name(const char *name)
{
	for (int c = 1; name && c < TAG_CATEGORY_COUNT; c++)
		if (!strcmp(category_names[c], name))
			return (enum tag_category)c;
	return TAG_NONE;
}

bool tag_category_is_service(uint8_t category)
{
	return (category >= TAG_EXCHANGE && category <= TAG_SERVICE) ||
	       category == TAG_DEX;
}

void tag_init(struct tag *t)
{
	memset(t, 0, sizeof(*t));
}

void tag_release(struct tag *t)
{
	free(t->address);
	free(t->entity);
	free(t->source);
	free(t->actor);
	free(t->evidence);
	tag_init(t);
}

void tag_list_release(struct tag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		tag_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->alloc = 0;
}

static void tag_key(struct key *k, uint8_t chain, const char *address,
		    const char *source, const char *entity)
{
	key_init_chain(k, TABLE_TAG, chain);
	key_str(k, address);
	if (source)
		key_str(k, source);
	if (source && entity)
		key_str(k, entity);
}

static enum trc_err check_tag(const struct tag *t, struct trc_error *err)
{
	if (!t->address || !t->entity || !t->source)
		return trc_fail(err, TRC_ERR_INVALID,
				"a tag needs an address, an entity and a "
				"source");
	if (strlen(t->address) > TAG_STR_MAX ||
	    strlen(t->entity) > TAG_STR_MAX || strlen(t->source) > TAG_STR_MAX)
		return trc_fail(err, TRC_ERR_INVALID,
				"tag of '%.60s': address, entity and source "
				"must be at most %d bytes",
				t->address, TAG_STR_MAX);
	if (!utf8_valid_str(t->entity) || !utf8_valid_str(t->source) ||
	    !utf8_valid_str(t->actor) || !utf8_valid_str(t->evidence))
		return trc_fail(err, TRC_ERR_INVALID,
				"tag of '%.60s': entity, source, actor and "
				"evidence must be UTF-8 text",
				t->address);
	if (!tag_category_name(t->category))
		return trc_fail(err, TRC_ERR_INVALID,
				"tag of '%s': unknown category %u", t->address,
				t->category);
	if (t->confidence > 100)
		return trc_fail(err, TRC_ERR_INVALID,
				"tag of '%s': confidence %u is over 100",
				t->address, t->confidence);
	return TRC_OK;
}

enum trc_err tags_put(struct store_batch *batch, const struct tag *t,
		      struct trc_error *err)
{
	struct buf v = BUF_INIT(1 << 20);
	struct key k;
	enum trc_err rc = check_tag(t, err);

	if (rc)
		return rc;
	tag_key(&k, t->chain, t->address, t->source, t->entity);
	if ((rc = key_ok(&k, err)))
		return rc;
	if ((rc = buf_append_u8(&v, TAG_RECORD_VERSION)) ||
	    (rc = buf_append_u8(&v, t->category)) ||
	    (rc = buf_append_u8(&v, t->confidence)) ||
	    (rc = buf_append_u8(&v, t->inferred ? 1 : 0)) ||
	    (rc = buf_append_str16(&v, t->actor)) ||
	    (rc = buf_append_str16(&v, t->evidence))) {
		buf_release(&v);
		return trc_fail(err, rc, "cannot encode tag of '%s'",
				t->address);
	}
	store_batch_put(batch, k.b, k.len, v.data, v.len);
	buf_release(&v);
	return TRC_OK;
}

static enum trc_err get_kstr(struct reader *r, char **out,
			     struct trc_error *err)
{
	uint8_t n;
	const uint8_t *p;
	enum trc_err rc;

	if ((rc = reader_u8(r, &n, err)) || (rc = reader_bytes(r, &p, n, err)))
		return rc;
	if (memchr(p, 0, n))
		return trc_fail(err, TRC_ERR_CORRUPT, "NUL in a tag key");
	if (!(*out = strndup((const char *)p, n)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

static enum trc_err decode_pair(struct tag *t, const uint8_t *key, size_t klen,
				const uint8_t *val, size_t vlen,
				struct trc_error *err)
{
	struct reader kr, vr;
	uint8_t version, table, inferred;
	enum trc_err rc;

	tag_init(t);
	reader_init(&kr, key, klen, "tag key");
	reader_init(&vr, val, vlen, "tag record");
	if ((rc = reader_u8(&kr, &table, err)) ||
	    (rc = reader_u8(&kr, &t->chain, err)) ||
	    (rc = get_kstr(&kr, &t->address, err)) ||
	    (rc = get_kstr(&kr, &t->source, err)) ||
	    (rc = get_kstr(&kr, &t->entity, err)))
		goto fail;
	if ((rc = reader_u8(&vr, &version, err)) ||
	    (rc = reader_u8(&vr, &t->category, err)) ||
	    (rc = reader_u8(&vr, &t->confidence, err)) ||
	    (rc = reader_u8(&vr, &inferred, err)) ||
	    (rc = reader_str16(&vr, &t->actor, 0xfffe, err)) ||
	    (rc = reader_str16(&vr, &t->evidence, 0xfffe, err)))
		goto fail;
	t->inferred = inferred != 0;
	if (version != TAG_RECORD_VERSION || reader_left(&kr) ||
	    reader_left(&vr) || !tag_category_name(t->category) ||
	    t->confidence > 100) {
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "tag record of '%s' is malformed", t->address);
		goto fail;
	}
	return TRC_OK;
fail:
	tag_release(t);
	if (rc != TRC_ERR_NOMEM && err)
		err->code = TRC_ERR_CORRUPT;
	return rc == TRC_ERR_NOMEM ? rc : TRC_ERR_CORRUPT;
}

enum trc_err tags_check_pair(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t vlen,
			     struct trc_error *err)
{
	struct tag t;
	enum trc_err rc = decode_pair(&t, key, klen, val, vlen, err);

	tag_release(&t);
	return rc;
}

/* Iterates tags under a key prefix. */
static enum trc_err each_prefix(struct store *s, const struct key *prefix,
				tags_fn fn, void *ctx, struct trc_error *err)
{
	struct store_iter *it;
	const uint8_t *k, *v;
	size_t klen, vlen;
	enum trc_err rc = key_ok(prefix, err);

	if (rc)
		return rc;
	it = store_iter_prefix(s, prefix->b, prefix->len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (store_iter_next(it, &k, &klen, &v, &vlen)) {
		struct tag t;
		int stop;

		if ((rc = decode_pair(&t, k, klen, v, vlen, err)))
			break;
		stop = fn(&t, ctx);
		tag_release(&t);
		if (stop)
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

enum trc_err tags_each(struct store *s, uint8_t chain, tags_fn fn, void *ctx,
		       struct trc_error *err)
{
	struct key k;

	if (chain)
		key_init_chain(&k, TABLE_TAG, chain);
	else
		key_init(&k, TABLE_TAG);
	return each_prefix(s, &k, fn, ctx, err);
}

static int dup_str(char **dst, const char *src)
{
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -1;
}

static int tag_copy(struct tag *dst, const struct tag *src)
{
	*dst = *src;
	dst->address = dst->entity = dst->source = NULL;
	dst->actor = dst->evidence = NULL;
	if (dup_str(&dst->address, src->address) ||
	    dup_str(&dst->entity, src->entity) ||
	    dup_str(&dst->source, src->source) ||
	    dup_str(&dst->actor, src->actor) ||
	    dup_str(&dst->evidence, src->evidence)) {
		tag_release(dst);
		return -1;
	}
	return 0;
}

struct collect {
	struct tag_list *list;
	int failed;
};

static int collect_one(const struct tag *t, void *ctx)
{
	struct collect *c = ctx;
	struct tag_list *l = c->list;

	if (l->n == l->alloc) {
		size_t want = l->alloc ? l->alloc * 2 : 4;
		struct tag *p = realloc(l->items, want * sizeof(*p));

		if (!p) {
			c->failed = 1;
			return 1;
		}
		l->items = p;
		l->alloc = want;
	}
	if (tag_copy(&l->items[l->n], t)) {
		c->failed = 1;
		return 1;
	}
	l->n++;
	return 0;
}

enum tag_rank tag_rank_cmp(const struct tag *x, const struct tag *y, int *cmp)
{
	int sx = tag_category_is_service(x->category);
	int sy = tag_category_is_service(y->category);
	int c;

	if (x->confidence != y->confidence) {
		*cmp = x->confidence > y->confidence ? -1 : 1;
		return TAG_RANK_CONFIDENCE;
	}
	if (sx != sy) {
		*cmp = sx ? -1 : 1;
		return TAG_RANK_SERVICE;
	}
	if (x->category != y->category) {
		*cmp = x->category < y->category ? -1 : 1;
		return TAG_RANK_CATEGORY;
	}
	if ((c = strcmp(x->source, y->source))) {
		*cmp = c;
		return TAG_RANK_SOURCE;
	}
	*cmp = strcmp(x->entity, y->entity);
	return *cmp ? TAG_RANK_ENTITY : TAG_RANK_SAME;
}

static int tag_order(const void *a, const void *b)
{
	int c;

	(void)tag_rank_cmp(a, b, &c);
	return c;
}

enum trc_err tags_get(struct store *s, uint8_t chain, const char *address,
		      struct tag_list *out, struct trc_error *err)
{
	struct key k;
	struct collect c = { out, 0 };
	enum trc_err rc;

	tag_key(&k, chain, address, NULL, NULL);
	rc = each_prefix(s, &k, collect_one, &c, err);
	if (!rc && c.failed)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (rc) {
		tag_list_release(out);
		return rc;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), tag_order);
	return TRC_OK;
}

enum trc_err tags_best(struct store *s, uint8_t chain, const char *address,
		       struct tag *best, bool *found, struct trc_error *err)
{
	struct tag_list l = TAG_LIST_INIT;
	enum trc_err rc;

	tag_init(best);
	*found = false;
	rc = tags_get(s, chain, address, &l, err);
	if (!rc && l.n) {
		*best = l.items[0];
		tag_init(&l.items[0]);
		*found = true;
	}
	tag_list_release(&l);
	return rc;
}

enum trc_err tags_remove(struct store_batch *batch, const struct tag *t,
			 struct trc_error *err)
{
	struct key k;
	enum trc_err rc;

	if (!t->address || !t->source || !t->entity)
		return trc_fail(err, TRC_ERR_INVALID,
				"a tag needs an address, an entity and a "
				"source");
	tag_key(&k, t->chain, t->address, t->source, t->entity);
	if ((rc = key_ok(&k, err)))
		return rc;
	store_batch_delete(batch, k.b, k.len);
	return TRC_OK;
}

struct del_ctx {
	struct store_batch *batch;
	const char *source;
	int failed;
};

static int delete_one(const struct tag *t, void *ctx)
{
	struct del_ctx *d = ctx;
	struct key k;

	if (d->source && strcmp(d->source, t->source))
		return 0;
	tag_key(&k, t->chain, t->address, t->source, t->entity);
	if (k.overflow) {
		d->failed = 1;
		return 1;
	}
	store_batch_delete(d->batch, k.b, k.len);
	return 0;
}

enum trc_err tags_delete(struct store *s, struct store_batch *batch,
			 uint8_t chain, const char *address, const char *source,
			 struct trc_error *err)
{
	struct key k;
	struct del_ctx d = { batch, source, 0 };
	enum trc_err rc;

	tag_key(&k, chain, address, NULL, NULL);
	rc = each_prefix(s, &k, delete_one, &d, err);
	if (!rc && d.failed)
		rc = trc_fail(err, TRC_ERR_INVALID, "tag key too long");
	return rc;
}
