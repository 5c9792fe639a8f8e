#include "store/txindex.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "store/addrpack.h"
#include "store/codec.h"

void txindex_key_tx(struct key *k, uint8_t chain, uint64_t num)
{
	uint8_t b[5];

	codec_be40_put(b, num);
	key_init_chain(k, TABLE_TX, chain);
	key_bytes(k, b, 5);
}

void txindex_key_txid(struct key *k, uint8_t chain, const uint8_t txid[32])
{
	key_init_chain(k, TABLE_TXID, chain);
	key_bytes(k, txid, KEY_HASH_LEN);
}

void txindex_key_addr(struct key *k, uint8_t chain, const char *addr)
{
	uint8_t h[32];

	hash_sha256(h, addr, strlen(addr));
	key_init_chain(k, TABLE_ADDR, chain);
	key_bytes(k, h, KEY_HASH_LEN);
}

void txindex_key_addr_id(struct key *k, uint8_t chain, uint32_t id)
{
	key_init_chain(k, TABLE_ADDR_ID, chain);
	key_be32(k, id);
}

enum trc_err txindex_get_rec(struct store *s, uint8_t chain, uint64_t num,
			     struct buf *val, bool *found,
			     struct trc_error *err)
{
	struct key k;

	txindex_key_tx(&k, chain, num);
	return store_get(s, k.b, k.len, val, found, err);
}

enum trc_err txindex_match_tx(struct store *s, uint8_t chain,
			      const uint8_t txid[32], const uint8_t *list,
			      size_t len, uint64_t *num, struct buf *rec,
			      bool *found, struct trc_error *err)
{
	struct buf v = BUF_INIT(TXINDEX_VALUE_MAX);
	struct reader r;
	enum trc_err rc = TRC_OK;

	*found = false;
	*num = 0;
	reader_init(&r, list, len, "txid index entry");
	while (!rc && !*found && reader_left(&r)) {
		uint64_t n;
		uint8_t got[32];
		bool have = false;

		if ((rc = codec_get_uv(&r, &n, err)) ||
		    (rc = txindex_get_rec(s, chain, n, &v, &have, err)))
			break;
		if (!have) {
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "txid index names tx number %llu, "
				      "which has no record",
				      (unsigned long long)n);
			break;
		}
		if ((rc = txrec_peek(v.data, v.len, NULL, got, NULL, NULL,
				     err)))
			break;
		if (!memcmp(got, txid, 32)) {
			*found = true;
			*num = n;
			if (rec) {
				buf_reset(rec);
				if ((rc = buf_append(rec, v.data, v.len)))
					trc_fail(err, rc,
						 "tx record of %zu bytes does "
						 "not fit its buffer",
						 v.len);
			}
		}
	}
	buf_release(&v);
	return rc;
}

enum trc_err txindex_find_tx(struct store *s, uint8_t chain,
			     const uint8_t txid[32], uint64_t *num,
			     struct buf *rec, bool *found,
			     struct trc_error *err)
{
	struct buf list = BUF_INIT(1u << 20);
	struct key k;
	enum trc_err rc;

	*found = false;
	*num = 0;
	txindex_key_txid(&k, chain, txid);
	rc = store_get(s, k.b, k.len, &list, found, err);
	if (!rc && *found)
		rc = txindex_match_tx(s, chain, txid, list.data, list.len, num,
				      rec, found, err);
	buf_release(&list);
	return rc;
}

/* The count and the stored address bytes (borrowed from val). */
static enum trc_err addr_split(const uint8_t *val, size_t vlen, uint64_t *count,
			       const uint8_t **p, size_t *n,
			       struct trc_error *err)
{
	struct reader r;
	enum trc_err rc;

	reader_init(&r, val, vlen, "address record");
	if ((rc = codec_get_uv(&r, count, err)))
		return rc;
	*n = reader_left(&r);
	*p = val + r.pos;
	if (!*n || *n > ADDRPACK_MAX)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"address record has a bad address (%zu bytes)",
				*n);
	return TRC_OK;
}

enum trc_err txindex_addr_value(const uint8_t *val, size_t vlen,
				uint64_t *count, char addr[REC_ADDR_MAX + 1],
				size_t *len, bool *packed,
				struct trc_error *err)
{
	const uint8_t *p;
	size_t n;
	enum trc_err rc;

	addr[0] = '\0';
	*len = 0;
	if ((rc = addr_split(val, vlen, count, &p, &n, err)))
		return rc;
	if (packed)
		*packed = addrpack_is_packed(p, n);
	if (addrpack_is_packed(p, n))
		return addrunpack(p, n, addr, len, err);
	if (n > REC_ADDR_MAX || memchr(p, 0, n))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"address record has a bad address (%zu bytes)",
				n);
	memcpy(addr, p, n);
	addr[n] = '\0';
	*len = n;
	return TRC_OK;
}

enum trc_err txindex_addr_check(const uint8_t *val, size_t vlen,
				struct trc_error *err)
{
	char a[REC_ADDR_MAX + 1];
	uint8_t again[ADDRPACK_MAX];
	const uint8_t *p;
	uint64_t count;
	size_t n, len;
	enum trc_err rc;

	if ((rc = addr_split(val, vlen, &count, &p, &n, err)))
		return rc;
	if (!addrpack_is_packed(p, n))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"address record holds text, not a packed "
				"address (schema version 2: run 'tracer db "
				"upgrade')");
	if ((rc = addrunpack(p, n, a, &len, err)))
		return rc;
	if (addrpack(again, a, len, err) != n || memcmp(again, p, n))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"address record '%s' is not packed in its "
				"canonical form",
				a);
	return TRC_OK;
}

/*
 * Whether address id n is addr (packed: plen bytes of packed, or 0 when
 * it cannot be packed, so that it is stored nowhere). Out: *count, *is.
 * missing: what to say when n has no record.
 */
static enum trc_err addr_is(struct store *s, uint8_t chain, uint32_t n,
			    const char *addr, size_t alen,
			    const uint8_t *packed, size_t plen,
			    const char *missing, uint64_t *count, bool *is,
			    struct trc_error *err)
{
	struct buf v = BUF_INIT(1024);
	const uint8_t *p;
	size_t n_got;
	struct key k;
	bool have = false;
	enum trc_err rc;

	*is = false;
	*count = 0;
	txindex_key_addr_id(&k, chain, n);
	if ((rc = store_get(s, k.b, k.len, &v, &have, err)))
		goto cleanup;
	if (!have) {
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "%s %u, which has no record", missing, n);
		goto cleanup;
	}
	if ((rc = addr_split(v.data, v.len, count, &p, &n_got, err)))
		goto cleanup;
	/* packed bytes are canonical; schema 2's text mid-upgrade */
	*is = addrpack_is_packed(p, n_got)
		      ? plen && n_got == plen && !memcmp(p, packed, n_got)
		      : n_got == alen && !memcmp(p, addr, n_got);
	if (!*is)
		*count = 0;
cleanup:
	buf_release(&v);
	return rc;
}

enum trc_err txindex_match_addr(struct store *s, uint8_t chain,
				const char *addr, const uint8_t *list,
				size_t len, uint32_t *id, uint64_t *count,
				bool *found, struct trc_error *err)
{
	size_t alen = strlen(addr), plen;
	uint8_t packed[ADDRPACK_MAX];
	struct reader r;
	enum trc_err rc = TRC_OK;

	*found = false;
	*id = 0;
	*count = 0;
	/* packed only now: most lookups of an ingest are of new addresses;
	 * one that cannot be stored is not there */
	if (!len || !(plen = addrpack(packed, addr, alen, NULL)))
		return TRC_OK;
	reader_init(&r, list, len, "address index entry");
	while (!rc && !*found && reader_left(&r)) {
		uint32_t n;

		if ((rc = codec_get_u32(&r, &n, UINT32_MAX, err)))
			break;
		rc = addr_is(s, chain, n, addr, alen, packed, plen,
			     "address index names id", count, found, err);
		if (!rc && *found)
			*id = n;
	}
	return rc;
}

enum trc_err txindex_addr_is(struct store *s, uint8_t chain, uint32_t id,
			     const char *addr, uint64_t *count, bool *is,
			     struct trc_error *err)
{
	size_t alen = strlen(addr);
	uint8_t packed[ADDRPACK_MAX];
	size_t plen = addrpack(packed, addr, alen, NULL);

	return addr_is(s, chain, id, addr, alen, packed, plen, "address id",
		       count, is, err);
}

enum trc_err txindex_find_addr(struct store *s, uint8_t chain, const char *addr,
			       uint32_t *id, uint64_t *count, bool *found,
			       struct trc_error *err)
{
	struct buf list = BUF_INIT(1u << 20);
	struct key k;
	enum trc_err rc;

	*found = false;
	*id = 0;
	*count = 0;
	txindex_key_addr(&k, chain, addr);
	rc = store_get(s, k.b, k.len, &list, found, err);
	if (!rc && *found)
		rc = txindex_match_addr(s, chain, addr, list.data, list.len, id,
					count, found, err);
	buf_release(&list);
	return rc;
}

enum trc_err txindex_addr_str(struct store *s, uint8_t chain, uint32_t ref,
			      char **str, struct trc_error *err)
{
	struct buf v = BUF_INIT(1024);
	struct key k;
	char a[REC_ADDR_MAX + 1];
	size_t len;
	uint64_t count;
	bool found = false;
	enum trc_err rc;

	*str = NULL;
	if (!ref)
		return TRC_OK;
	txindex_key_addr_id(&k, chain, ref - 1);
	rc = store_get(s, k.b, k.len, &v, &found, err);
	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "address id %u has no record", ref - 1);
	if (!rc)
		rc = txindex_addr_value(v.data, v.len, &count, a, &len, NULL,
					err);
	if (!rc && !(*str = strndup(a, len)))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	buf_release(&v);
	return rc;
}

static enum trc_err get_txrec(struct store *s, uint8_t chain, uint64_t num,
			      struct txrec *t, struct trc_error *err)
{
	struct buf v = BUF_INIT(TXINDEX_VALUE_MAX);
	bool found = false;
	enum trc_err rc = txindex_get_rec(s, chain, num, &v, &found, err);

	txrec_init(t);
	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "tx number %llu has no record",
			      (unsigned long long)num);
	if (!rc)
		rc = txrec_decode(t, v.data, v.len, err);
	buf_release(&v);
	return rc;
}

enum trc_err txindex_txid(struct store *s, uint8_t chain, uint64_t num,
			  uint8_t txid[32], struct trc_error *err)
{
	struct buf v = BUF_INIT(TXINDEX_VALUE_MAX);
	bool found = false;
	enum trc_err rc = txindex_get_rec(s, chain, num, &v, &found, err);

	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "tx number %llu has no record",
			      (unsigned long long)num);
	if (!rc)
		rc = txrec_peek(v.data, v.len, NULL, txid, NULL, NULL, err);
	buf_release(&v);
	return rc;
}

/* The spent output's address reference and value. */
static enum trc_err spent_output(struct store *s, uint8_t chain,
				 const struct txrec_in *in, uint32_t *addr,
				 trc_amount *value, struct trc_error *err)
{
	struct txrec prev;
	enum trc_err rc = get_txrec(s, chain, in->prev, &prev, err);

	if (!rc && in->vout >= prev.n_out)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "an input spends output %u of tx number %llu, "
			      "which has %u",
			      in->vout, (unsigned long long)in->prev,
			      prev.n_out);
	if (!rc) {
		*addr = prev.out[in->vout].addr;
		*value = prev.out[in->vout].value;
	}
	txrec_release(&prev);
	return rc;
}

static enum trc_err inflate_in(struct store *s, uint8_t chain,
			       const struct txrec_in *in, struct rec_tx *out,
			       struct trc_error *err)
{
	uint8_t prev_txid[32];
	uint32_t addr = in->addr;
	trc_amount value = in->value;
	char *str = NULL;
	uint8_t flags = in->flags & (REC_IN_COINBASE | REC_IN_RESOLVED);
	enum trc_err rc = TRC_OK;

	if (in->flags & TXREC_IN_COINBASE)
		memcpy(prev_txid, in->prev_txid, 32);
	else
		rc = txindex_txid(s, chain, in->prev, prev_txid, err);
	if (!(in->flags & TXREC_IN_INLINE)) {
		addr = 0;
		value = AMOUNT_ZERO;
		if (!rc && (in->flags & TXREC_IN_RESOLVED) &&
		    !(in->flags & TXREC_IN_COINBASE))
			rc = spent_output(s, chain, in, &addr, &value, err);
	}
	if (!rc)
		rc = txindex_addr_str(s, chain, addr, &str, err);
	if (!rc)
		rc = rec_tx_add_input(out, prev_txid, in->vout, flags, str,
				      value, err);
	free(str);
	return rc;
}

static enum trc_err inflate_leg(struct store *s, uint8_t chain,
				const struct txrec_leg *l, struct rec_tx *out,
				struct trc_error *err)
{
	char *asset = NULL, *from = NULL, *to = NULL;
	enum trc_err rc;

	if (!(rc = txindex_addr_str(s, chain, l->asset, &asset, err)) &&
	    !(rc = txindex_addr_str(s, chain, l->from, &from, err)) &&
	    !(rc = txindex_addr_str(s, chain, l->to, &to, err)))
		rc = rec_tx_add_leg(out, l->kind, asset, from, to, l->value,
				    err);
	free(asset);
	free(from);
	free(to);
	return rc;
}

enum trc_err txindex_inflate(struct store *s, uint8_t chain,
			     const struct txrec *t, struct rec_tx *out,
			     struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	rec_tx_init(out);
	out->chain = chain;
	out->flags = t->flags & (uint8_t)~TXREC_MEMO;
	memcpy(out->txid, t->txid, 32);
	out->height = t->height;
	out->position = t->position;
	out->time = t->time;
	out->fee = t->fee;
	for (uint32_t i = 0; i < t->n_in && !rc; i++)
		rc = inflate_in(s, chain, &t->in[i], out, err);
	for (uint32_t i = 0; i < t->n_out && !rc; i++) {
		char *str = NULL;

		rc = txindex_addr_str(s, chain, t->out[i].addr, &str, err);
		if (!rc)
			rc = rec_tx_add_output(out, t->out[i].cls, str,
					       t->out[i].value, err);
		free(str);
	}
	for (uint32_t i = 0; i < t->n_legs && !rc; i++)
		rc = inflate_leg(s, chain, &t->legs[i], out, err);
	if (!rc && (t->flags & TXREC_MEMO))
		rc = rec_tx_set_memo(out, t->memo, t->memo_n,
				     t->has_memo_ref ? t->memo_ref : NULL, err);
	if (rc)
		rec_tx_release(out);
	return rc;
}
