#include "store/legs.h"

#include <stdlib.h>
#include <string.h>

#include "store/codec.h"
#include "store/keys.h"
#include "store/txindex.h"

/* chain, address id, asset, height, position, leg index, direction */
#define LEG_KEY_LEN (2 + 4 + 4 + 4 + 4 + 4 + 1)

enum trc_err legs_put(struct store_batch *batch, const struct legs_end *e,
		      struct trc_error *err)
{
	struct key k;
	struct buf v = BUF_INIT(64);
	enum trc_err rc;

	key_init_chain(&k, TABLE_LEG, e->chain);
	key_be32(&k, e->addr);
	key_be32(&k, e->asset);
	key_be32(&k, e->height);
	key_be32(&k, e->position);
	key_be32(&k, e->index);
	key_u8(&k, e->dir);
	if ((rc = buf_append_u8(&v, e->kind)) ||
	    (rc = codec_put_amount(&v, e->value)))
		rc = trc_fail(err, rc, "cannot encode a leg entry");
	else
		store_batch_put(batch, k.b, k.len, v.data, v.len);
	buf_release(&v);
	return rc;
}

static enum trc_err bad_leg(struct trc_error *err, const char *why)
{
	return trc_fail(err, TRC_ERR_CORRUPT, "leg entry: %s", why);
}

/*
 * Decodes one leg pair. Out: *l (asset left NULL), the asset reference in
 * *asset. Every field is checked: the sizes, the kind, the direction, the
 * height, the amount.
 */
static enum trc_err decode_leg(const uint8_t *key, size_t klen,
			       const uint8_t *val, size_t vlen,
			       struct chaindb_leg *l, uint32_t *asset,
			       struct trc_error *err)
{
	struct reader r;

	memset(l, 0, sizeof(*l));
	if (klen != LEG_KEY_LEN)
		return bad_leg(err, "bad key size");
	*asset = be32_get(key + 6);
	l->height = be32_get(key + 10);
	l->position = be32_get(key + 14);
	l->index = be32_get(key + 18);
	l->dir = key[22];
	if (l->dir != LEG_DIR_RECEIVED && l->dir != LEG_DIR_SENT)
		return bad_leg(err, "bad direction");
	if (l->height == REC_HEIGHT_UNKNOWN)
		return bad_leg(err, "unknown height");
	reader_init(&r, val, vlen, "leg entry");
	if (reader_u8(&r, &l->kind, NULL))
		return bad_leg(err, "empty value");
	if (l->kind < LEG_NATIVE || l->kind > LEG_KIND_MAX)
		return bad_leg(err, "unknown leg kind");
	if (codec_get_amount(&r, &l->value, NULL) || reader_left(&r))
		return bad_leg(err, "bad amount");
	return TRC_OK;
}

enum trc_err legs_check_pair(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t vlen,
			     struct trc_error *err)
{
	struct chaindb_leg l;
	uint32_t asset;

	return decode_leg(key, klen, val, vlen, &l, &asset, err);
}

/* The asset's string for a reference, kept while the next ones match. */
struct asset_cache {
	uint32_t ref;
	char *str;
};

static enum trc_err asset_str(struct store *s, uint8_t chain,
			      struct asset_cache *c, uint32_t ref,
			      struct trc_error *err)
{
	enum trc_err rc;

	if (ref == c->ref)
		return TRC_OK;
	free(c->str);
	c->ref = 0;
	rc = txindex_addr_str(s, chain, ref, &c->str, err);
	if (!rc)
		c->ref = ref;
	return rc;
}

enum trc_err chaindb_each_leg(struct store *s, uint8_t chain,
			      const char *address, chaindb_leg_fn fn, void *ctx,
			      struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	struct asset_cache cache = { 0, NULL };
	uint32_t id;
	uint64_t count;
	bool found;
	enum trc_err rc;

	if ((rc = txindex_find_addr(s, chain, address, &id, &count, &found,
				    err)) ||
	    !found)
		return rc;
	key_init_chain(&k, TABLE_LEG, chain);
	key_be32(&k, id);
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (store_iter_next(it, &key, &klen, &val, &vlen)) {
		struct chaindb_leg l;
		uint32_t asset;

		if ((rc = decode_leg(key, klen, val, vlen, &l, &asset, err)) ||
		    (rc = asset_str(s, chain, &cache, asset, err)))
			break;
		l.asset = cache.str;
		if (fn(&l, ctx))
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	free(cache.str);
	return rc;
}

enum trc_err chaindb_leg_seen(struct store *s, uint8_t chain,
			      const char *address, const char *asset,
			      bool *seen, struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	uint32_t id, aid = 0;
	uint64_t count;
	bool found;
	enum trc_err rc;

	*seen = false;
	if ((rc = txindex_find_addr(s, chain, address, &id, &count, &found,
				    err)) ||
	    !found)
		return rc;
	if (asset && ((rc = txindex_find_addr(s, chain, asset, &aid, &count,
					      &found, err)) ||
		      !found))
		return rc;
	key_init_chain(&k, TABLE_LEG, chain);
	key_be32(&k, id);
	key_be32(&k, asset ? aid + 1 : 0);
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	*seen = store_iter_next(it, &key, &klen, &val, &vlen);
	rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}
