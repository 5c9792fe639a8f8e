#include "store/legs.h"

#include <string.h>

#include "store/keys.h"

/* The key prefix of address's legs in asset (NULL: native). */
static void leg_key(struct key *k, uint8_t chain, const char *addr,
		    const char *asset)
{
	key_init_chain(k, TABLE_LEG, chain);
	key_str(k, addr);
	key_str(k, asset ? asset : "");
}

static enum trc_err put_end(struct store_batch *b, const struct rec_tx *tx,
			    uint32_t i, const char *addr, uint8_t dir,
			    struct trc_error *err)
{
	const struct rec_leg *l = &tx->legs[i];
	struct key k;
	uint8_t val[2 + 1 + 32], be[32];
	size_t n = amount_byte_len(l->value);

	leg_key(&k, tx->chain, addr, l->asset);
	key_be32(&k, tx->height);
	key_be32(&k, tx->position);
	key_be32(&k, i);
	key_u8(&k, dir);
	if (key_ok(&k, err))
		return TRC_ERR_INVALID;
	amount_to_be32(be, l->value);
	val[0] = l->kind;
	val[1] = dir;
	val[2] = (uint8_t)n;
	memcpy(val + 3, be + 32 - n, n);
	store_batch_put(b, k.b, k.len, val, 3 + n);
	return TRC_OK;
}

/* A failed transaction moves no value: only its fee is indexed. */
enum trc_err legs_put(struct store_batch *batch, const struct rec_tx *tx,
		      struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < tx->n_legs && !rc; i++) {
		const struct rec_leg *l = &tx->legs[i];

		if ((tx->flags & REC_TX_FAILED) && l->kind != LEG_FEE)
			continue;
		if (l->from)
			rc = put_end(batch, tx, i, l->from, LEG_DIR_SENT, err);
		if (!rc && l->to)
			rc = put_end(batch, tx, i, l->to, LEG_DIR_RECEIVED,
				     err);
	}
	return rc;
}

static enum trc_err bad_leg(struct trc_error *err, const char *why)
{
	return trc_fail(err, TRC_ERR_CORRUPT, "leg entry: %s", why);
}

/*
 * Decodes one leg pair. Out: *l, its asset copied into asset (256 bytes).
 * Every field is checked: the sizes, the kind, the direction (the same in
 * key and value), the amount.
 */
static enum trc_err decode_leg(const uint8_t *key, size_t klen,
			       const uint8_t *val, size_t vlen,
			       struct chaindb_leg *l, char *asset,
			       struct trc_error *err)
{
	size_t apos, alen, at;

	if (klen < 4 || klen < 4u + key[2])
		return bad_leg(err, "key too short");
	apos = 3u + key[2];
	alen = key[apos];
	at = apos + 1 + alen;
	if (klen != at + 13 || vlen < 3 || vlen != 3u + val[2])
		return bad_leg(err, "bad size");
	if (!key[2])
		return bad_leg(err, "empty address");
	memcpy(asset, key + apos + 1, alen);
	asset[alen] = '\0';
	l->asset = alen ? asset : NULL;
	l->height = be32_get(key + at);
	l->position = be32_get(key + at + 4);
	l->index = be32_get(key + at + 8);
	l->kind = val[0];
	l->dir = val[1];
	if (l->kind < LEG_NATIVE || l->kind > LEG_OPENING)
		return bad_leg(err, "unknown leg kind");
	if ((l->dir != LEG_DIR_RECEIVED && l->dir != LEG_DIR_SENT) ||
	    key[at + 12] != l->dir)
		return bad_leg(err, "bad direction");
	if (l->height == REC_HEIGHT_UNKNOWN)
		return bad_leg(err, "unknown height");
	if (amount_from_be(&l->value, val + 3, val[2]))
		return bad_leg(err, "bad amount");
	return TRC_OK;
}

enum trc_err legs_check_pair(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t vlen,
			     struct trc_error *err)
{
	struct chaindb_leg l;
	char asset[256];

	return decode_leg(key, klen, val, vlen, &l, asset, err);
}

enum trc_err chaindb_each_leg(struct store *s, uint8_t chain,
			      const char *address, chaindb_leg_fn fn,
			      void *ctx, struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	char asset[256];
	enum trc_err rc = TRC_OK;

	key_init_chain(&k, TABLE_LEG, chain);
	key_str(&k, address);
	if (key_ok(&k, err))
		return TRC_ERR_INVALID;
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (store_iter_next(it, &key, &klen, &val, &vlen)) {
		struct chaindb_leg l;

		if ((rc = decode_leg(key, klen, val, vlen, &l, asset, err)))
			break;
		if (fn(&l, ctx))
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
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
	enum trc_err rc;

	*seen = false;
	leg_key(&k, chain, address, asset);
	if (key_ok(&k, err))
		return TRC_ERR_INVALID;
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	*seen = store_iter_next(it, &key, &klen, &val, &vlen);
	rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}
