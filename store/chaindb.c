#include "store/chaindb.h"
#include "store/clusterdb.h"

#include <stdlib.h>
#include <string.h>

#include "store/codec.h"
#include "store/hist.h"
#include "store/keys.h"
#include "store/legs.h"
#include "store/memoref.h"
#include "store/tags.h"
#include "store/txindex.h"

#define VALUE_MAX (64u << 20) /* no single record is larger */

static enum trc_err put_key(struct store_batch *batch, const struct key *k,
			    const uint8_t *val, size_t vlen,
			    struct trc_error *err)
{
	enum trc_err rc = key_ok(k, err);

	if (!rc)
		store_batch_put(batch, k->b, k->len, val, vlen);
	return rc;
}

enum trc_err chaindb_put_block(struct store_batch *batch,
			       const struct rec_block *b, struct trc_error *err)
{
	struct buf val = BUF_INIT(VALUE_MAX);
	struct key k;
	uint8_t height[4];
	enum trc_err rc;

	if ((rc = rec_block_encode(b, &val, err)))
		goto cleanup;
	key_init_chain(&k, TABLE_BLOCK, b->chain);
	key_be32(&k, b->height);
	if ((rc = put_key(batch, &k, val.data, val.len, err)))
		goto cleanup;
	key_init_chain(&k, TABLE_BLOCK_HASH, b->chain);
	key_bytes(&k, b->hash, 32);
	be32_put(height, b->height);
	rc = put_key(batch, &k, height, 4, err);
cleanup:
	buf_release(&val);
	return rc;
}

enum trc_err chaindb_put_checkpoint(struct store_batch *batch, uint8_t chain,
				    uint32_t height, const uint8_t hash[32],
				    struct trc_error *err)
{
	struct key k;
	uint8_t val[36];

	key_init_chain(&k, TABLE_CHECKPOINT, chain);
	be32_put(val, height);
	memcpy(val + 4, hash, 32);
	return put_key(batch, &k, val, sizeof(val), err);
}

static void network_key(struct key *k, uint8_t chain)
{
	const char *name = chain_name(chain);

	key_init(k, TABLE_META);
	key_bytes(k, (const uint8_t *)KEY_META_NETWORK,
		  sizeof(KEY_META_NETWORK) - 1);
	key_bytes(k, (const uint8_t *)(name ? name : "?"),
		  strlen(name ? name : "?"));
}

enum trc_err chaindb_put_network(struct store_batch *batch, uint8_t chain,
				 const char *network, struct trc_error *err)
{
	struct key k;

	network_key(&k, chain);
	return put_key(batch, &k, (const uint8_t *)network, strlen(network),
		       err);
}

static enum trc_err get_key(struct store *s, const struct key *k,
			    struct buf *val, bool *found, struct trc_error *err)
{
	enum trc_err rc = key_ok(k, err);

	*found = false;
	if (rc)
		return rc;
	return store_get(s, k->b, k->len, val, found, err);
}

/* Decodes and inflates a raw v2 record; a stub is not found. */
static enum trc_err tx_from_rec(struct store *s, uint8_t chain,
				const struct buf *rec, struct rec_tx *tx,
				bool *found, struct trc_error *err)
{
	struct txrec t;
	enum trc_err rc = txrec_decode(&t, rec->data, rec->len, err);

	if (!rc && (t.flags & TXREC_STUB))
		*found = false;
	else if (!rc)
		rc = txindex_inflate(s, chain, &t, tx, err);
	txrec_release(&t);
	return rc;
}

enum trc_err chaindb_get_tx(struct store *s, uint8_t chain,
			    const uint8_t txid[32], struct rec_tx *tx,
			    bool *found, struct trc_error *err)
{
	struct buf rec = BUF_INIT(VALUE_MAX);
	uint64_t num;
	enum trc_err rc;

	rec_tx_init(tx);
	rc = txindex_find_tx(s, chain, txid, &num, &rec, found, err);
	if (!rc && *found)
		rc = tx_from_rec(s, chain, &rec, tx, found, err);
	buf_release(&rec);
	return rc;
}

enum trc_err chaindb_get_output(struct store *s, uint8_t chain,
				const uint8_t txid[32], uint32_t vout,
				uint32_t *n_out, char **address,
				trc_amount *value, bool *found,
				struct trc_error *err)
{
	struct buf rec = BUF_INIT(VALUE_MAX);
	struct txrec t = TXREC_INIT;
	uint64_t num;
	enum trc_err rc;

	*n_out = 0;
	*address = NULL;
	*value = AMOUNT_ZERO;
	rc = txindex_find_tx(s, chain, txid, &num, &rec, found, err);
	if (!rc && *found)
		rc = txrec_decode(&t, rec.data, rec.len, err);
	if (!rc && *found && (t.flags & TXREC_STUB))
		*found = false;
	if (!rc && *found) {
		*n_out = t.n_out;
		if (vout < t.n_out) {
			*value = t.out[vout].value;
			rc = txindex_addr_str(s, chain, t.out[vout].addr,
					      address, err);
		}
	}
	txrec_release(&t);
	buf_release(&rec);
	return rc;
}

enum trc_err chaindb_has_tx(struct store *s, uint8_t chain,
			    const uint8_t txid[32], bool *found,
			    struct trc_error *err)
{
	struct buf rec = BUF_INIT(VALUE_MAX);
	uint64_t num;
	uint8_t flags = 0;
	enum trc_err rc;

	rc = txindex_find_tx(s, chain, txid, &num, &rec, found, err);
	if (!rc && *found &&
	    !(rc = txrec_peek(rec.data, rec.len, &flags, NULL, NULL, NULL,
			      err)))
		*found = !(flags & TXREC_STUB);
	buf_release(&rec);
	return rc;
}

enum trc_err chaindb_addr_count(struct store *s, uint8_t chain,
				const char *address, uint64_t *count,
				struct trc_error *err)
{
	uint32_t id;
	bool found;

	return txindex_find_addr(s, chain, address, &id, count, &found, err);
}

enum trc_err chaindb_get_block(struct store *s, uint8_t chain, uint32_t height,
			       struct rec_block *b, bool *found,
			       struct trc_error *err)
{
	struct buf val = BUF_INIT(VALUE_MAX);
	struct key k;
	enum trc_err rc;

	rec_block_init(b);
	key_init_chain(&k, TABLE_BLOCK, chain);
	key_be32(&k, height);
	rc = get_key(s, &k, &val, found, err);
	if (!rc && *found)
		rc = rec_block_decode(b, val.data, val.len, err);
	buf_release(&val);
	return rc;
}

/* Reads a fixed-size value; a stored value of another size is corrupt. */
static enum trc_err get_fixed(struct store *s, const struct key *k,
			      uint8_t *out, size_t size, bool *found,
			      struct trc_error *err)
{
	struct buf val = BUF_INIT(1024);
	enum trc_err rc = get_key(s, k, &val, found, err);

	if (!rc && *found) {
		if (val.len != size)
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "%s record of %zu bytes, expected %zu",
				      table_name(k->b[0]), val.len, size);
		else
			memcpy(out, val.data, size);
	}
	buf_release(&val);
	return rc;
}

enum trc_err chaindb_get_block_height(struct store *s, uint8_t chain,
				      const uint8_t hash[32], uint32_t *height,
				      bool *found, struct trc_error *err)
{
	struct key k;
	uint8_t v[4] = { 0 };
	enum trc_err rc;

	key_init_chain(&k, TABLE_BLOCK_HASH, chain);
	key_bytes(&k, hash, 32);
	rc = get_fixed(s, &k, v, 4, found, err);
	*height = be32_get(v);
	return rc;
}

enum trc_err chaindb_get_checkpoint(struct store *s, uint8_t chain,
				    uint32_t *height, uint8_t hash[32],
				    bool *found, struct trc_error *err)
{
	struct key k;
	uint8_t v[36] = { 0 };
	enum trc_err rc;

	key_init_chain(&k, TABLE_CHECKPOINT, chain);
	rc = get_fixed(s, &k, v, 36, found, err);
	*height = be32_get(v);
	memcpy(hash, v + 4, 32);
	return rc;
}

enum trc_err chaindb_get_network(struct store *s, uint8_t chain, char **network,
				 struct trc_error *err)
{
	struct buf val = BUF_INIT(256);
	struct key k;
	bool found;
	enum trc_err rc;

	*network = NULL;
	network_key(&k, chain);
	rc = get_key(s, &k, &val, &found, err);
	if (!rc && found && !(*network = strdup(buf_str(&val))))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	buf_release(&val);
	return rc;
}

enum trc_err chaindb_get_spent_by(struct store *s, uint8_t chain,
				  const uint8_t txid[32], uint32_t vout,
				  uint8_t spender[32], uint32_t *vin,
				  bool *found, struct trc_error *err)
{
	struct buf v = BUF_INIT(64);
	struct key k;
	struct reader r;
	uint8_t b[5], vb[CODEC_UV_MAX];
	uint64_t num, by;
	enum trc_err rc;

	memset(spender, 0, 32);
	*vin = 0;
	rc = txindex_find_tx(s, chain, txid, &num, NULL, found, err);
	if (rc || !*found)
		return rc;
	codec_be40_put(b, num);
	key_init_chain(&k, TABLE_SPENT_BY, chain);
	key_bytes(&k, b, 5);
	key_bytes(&k, vb, codec_uv_put(vb, vout));
	rc = get_key(s, &k, &v, found, err);
	reader_init(&r, v.data, v.len, "spent_by entry");
	if (!rc && *found && !(rc = codec_get_uv(&r, &by, err)) &&
	    !(rc = codec_get_u32(&r, vin, UINT32_MAX, err)))
		rc = txindex_txid(s, chain, by, spender, err);
	buf_release(&v);
	return rc;
}

enum trc_err chaindb_each_hist(struct store *s, uint8_t chain,
			       const char *address, chaindb_hist_fn fn,
			       void *ctx, struct trc_error *err)
{
	uint64_t count;
	uint32_t id;
	bool found;
	enum trc_err rc;

	if ((rc = txindex_find_addr(s, chain, address, &id, &count, &found,
				    err)) ||
	    !found)
		return rc;
	return hist_each(s, chain, id, address, fn, ctx, err);
}

/* The record of the tx number in val (a tx_pos value). */
static enum trc_err pos_tx(struct store *s, uint8_t chain, const uint8_t *val,
			   size_t vlen, struct rec_tx *tx,
			   struct trc_error *err)
{
	struct buf rec = BUF_INIT(VALUE_MAX);
	struct reader r;
	uint64_t num;
	bool found = false;
	enum trc_err rc;

	rec_tx_init(tx);
	reader_init(&r, val, vlen, "tx position entry");
	rc = codec_get_uv(&r, &num, err);
	if (!rc)
		rc = txindex_get_rec(s, chain, num, &rec, &found, err);
	if (!rc && found)
		rc = tx_from_rec(s, chain, &rec, tx, &found, err);
	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "tx position entry names a missing tx");
	buf_release(&rec);
	return rc;
}

enum trc_err chaindb_each_tx(struct store *s, uint8_t chain, chaindb_tx_fn fn,
			     void *ctx, struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc = TRC_OK;

	key_init_chain(&k, TABLE_TX_POS, chain);
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && store_iter_next(it, &key, &klen, &val, &vlen)) {
		struct rec_tx tx;
		int stop;

		if ((rc = pos_tx(s, chain, val, vlen, &tx, err)))
			break;
		stop = fn(&tx, ctx);
		rec_tx_release(&tx);
		if (stop)
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

enum trc_err chaindb_each_record(struct store *s, uint8_t chain,
				 chaindb_tx_fn fn, void *ctx,
				 struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc = TRC_OK;

	key_init_chain(&k, TABLE_TX, chain);
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && store_iter_next(it, &key, &klen, &val, &vlen)) {
		struct txrec t;
		struct rec_tx tx;
		int stop;

		if ((rc = txrec_decode(&t, val, vlen, err)))
			break;
		if (t.flags & TXREC_STUB) {
			txrec_release(&t);
			continue;
		}
		rc = txindex_inflate(s, chain, &t, &tx, err);
		txrec_release(&t);
		if (rc)
			break;
		stop = fn(&tx, ctx);
		rec_tx_release(&tx);
		if (stop)
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

enum trc_err chaindb_each_memo_ref(struct store *s, uint8_t chain,
				   const uint8_t ref[32], chaindb_tx_fn fn,
				   void *ctx, struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc = TRC_OK;

	memoref_key(&k, chain, ref);
	if (!(it = store_iter_prefix(s, k.b, k.len)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && store_iter_next(it, &key, &klen, &val, &vlen)) {
		struct buf rec = BUF_INIT(VALUE_MAX);
		struct rec_tx tx = REC_TX_INIT;
		bool found = false;
		int stop = 0;

		if (klen != MEMOREF_KEY_LEN)
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "memo_ref key of %zu bytes", klen);
		if (!rc)
			rc = txindex_get_rec(s, chain, memoref_num(key), &rec,
					     &found, err);
		if (!rc && found)
			rc = tx_from_rec(s, chain, &rec, &tx, &found, err);
		if (!rc && found)
			stop = fn(&tx, ctx);
		rec_tx_release(&tx);
		buf_release(&rec);
		if (stop)
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

static enum trc_err expect_sizes(const char *table, size_t klen, size_t kwant,
				 size_t vlen, size_t vwant,
				 struct trc_error *err)
{
	if (klen != kwant || vlen != vwant)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"%s entry: key %zu bytes (expected %zu), value "
				"%zu bytes (expected %zu)",
				table, klen, kwant, vlen, vwant);
	return TRC_OK;
}

/* Every byte of r is a varint (at least one, at most max of them). */
static enum trc_err check_varints(struct reader *r, size_t min,
				  struct trc_error *err)
{
	size_t n = 0;

	for (; reader_left(r); n++) {
		uint64_t v;
		enum trc_err rc = codec_get_uv(r, &v, err);

		if (rc)
			return rc;
	}
	if (n < min)
		return trc_fail(err, TRC_ERR_CORRUPT, "%s: empty value",
				r->what);
	return TRC_OK;
}

static enum trc_err check_tx(size_t klen, const uint8_t *val, size_t vlen,
			     struct trc_error *err)
{
	struct txrec t;
	enum trc_err rc;

	if (klen != 7)
		return trc_fail(err, TRC_ERR_CORRUPT, "tx key of %zu bytes",
				klen);
	if ((rc = txrec_decode(&t, val, vlen, err)))
		return rc;
	for (uint32_t i = 0; i < t.n_in && !rc; i++)
		if (!(t.in[i].flags & TXREC_IN_COINBASE) &&
		    t.in[i].prev > CODEC_TXNUM_MAX)
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "tx record: input refers to tx number "
				      "past 2^40");
	txrec_release(&t);
	return rc;
}

static enum trc_err check_hist(size_t klen, const uint8_t *val, size_t vlen,
			       struct trc_error *err)
{
	struct reader r;

	reader_init(&r, val, vlen, "addr_hist entry");
	if (klen != 14 || vlen < 2 || !val[0] ||
	    (val[0] & ~(HIST_RECEIVED | HIST_SENT)))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"addr_hist entry has a bad size or flags");
	r.pos = 1;
	return check_varints(&r, 1, err);
}

static enum trc_err check_spent_by(const uint8_t *key, size_t klen,
				   const uint8_t *val, size_t vlen,
				   struct trc_error *err)
{
	struct reader r;
	uint64_t v;
	enum trc_err rc;

	reader_init(&r, key, klen, "spent_by key");
	r.pos = 7;
	if (klen < 8 || (rc = codec_get_uv(&r, &v, err)) || reader_left(&r))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"spent_by entry has a bad key");
	reader_init(&r, val, vlen, "spent_by entry");
	if ((rc = codec_get_uv(&r, &v, err)) ||
	    (rc = codec_get_uv(&r, &v, err)))
		return rc;
	return reader_left(&r) ? trc_fail(err, TRC_ERR_CORRUPT,
					  "spent_by entry has trailing bytes")
			       : TRC_OK;
}

/* The numbered tables (schema version 2). */
static enum trc_err check_v2(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t vlen,
			     struct trc_error *err)
{
	struct reader r;
	uint64_t count;

	switch (key[0]) {
	case TABLE_TXID:
	case TABLE_ADDR:
		if (klen != 2 + KEY_HASH_LEN)
			return trc_fail(err, TRC_ERR_CORRUPT,
					"%s key of %zu bytes",
					table_name(key[0]), klen);
		reader_init(&r, val, vlen, table_name(key[0]));
		return check_varints(&r, 1, err);
	case TABLE_TX:
		return check_tx(klen, val, vlen, err);
	case TABLE_TX_POS:
		if (klen != 10)
			return trc_fail(err, TRC_ERR_CORRUPT,
					"tx_pos key of %zu bytes", klen);
		reader_init(&r, val, vlen, "tx_pos entry");
		if (!vlen || codec_get_uv(&r, &count, err) || reader_left(&r))
			return trc_fail(err, TRC_ERR_CORRUPT,
					"tx_pos entry is not one number");
		return TRC_OK;
	case TABLE_ADDR_ID:
		if (klen != 6)
			return trc_fail(err, TRC_ERR_CORRUPT,
					"addr_id key of %zu bytes", klen);
		return txindex_addr_check(val, vlen, err);
	case TABLE_HIST:
		return check_hist(klen, val, vlen, err);
	case TABLE_SPENT_BY:
		return check_spent_by(key, klen, val, vlen, err);
	case TABLE_LEG:
		return legs_check_pair(key, klen, val, vlen, err);
	case TABLE_CL_ROOT:
	case TABLE_CL_SIZE:
	case TABLE_CL_MEMBER:
		return clusterdb_check_pair(key, klen, val, vlen, err);
	case TABLE_MEMO_REF:
		return memoref_check_pair(key, klen, val, vlen, err);
	}
	return trc_fail(err, TRC_ERR_CORRUPT, "unknown table 0x%02x", key[0]);
}

enum trc_err chaindb_check_pair(const uint8_t *key, size_t klen,
				const uint8_t *val, size_t vlen,
				struct trc_error *err)
{
	struct rec_block b;
	enum trc_err rc;

	if (klen < 1)
		return trc_fail(err, TRC_ERR_CORRUPT, "empty key");
	if (key[0] != TABLE_META && (klen < 2 || !chain_name(key[1])))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"%s entry with unknown chain id",
				table_name(key[0]) ? table_name(key[0]) : "?");
	switch (key[0]) {
	case TABLE_META:
		return TRC_OK;
	case TABLE_BLOCK:
		if ((rc = rec_block_decode(&b, val, vlen, err)))
			return rc;
		rc = (klen != 6 || be32_get(key + 2) != b.height)
			     ? trc_fail(err, TRC_ERR_CORRUPT,
					"block key does not match its record")
			     : TRC_OK;
		rec_block_release(&b);
		return rc;
	case TABLE_BLOCK_HASH:
		return expect_sizes("block_hash", klen, 34, vlen, 4, err);
	case TABLE_CHECKPOINT:
		return expect_sizes("checkpoint", klen, 2, vlen, 36, err);
	case TABLE_TAG:
		return tags_check_pair(key, klen, val, vlen, err);
	}
	return check_v2(key, klen, val, vlen, err);
}

enum trc_err chaindb_each_block(struct store *s, uint8_t chain,
				chaindb_block_fn fn, void *ctx,
				struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc = TRC_OK;

	key_init_chain(&k, TABLE_BLOCK, chain);
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && store_iter_next(it, &key, &klen, &val, &vlen)) {
		struct rec_block b = REC_BLOCK_INIT;
		int stop;

		if ((rc = rec_block_decode(&b, val, vlen, err)))
			break;
		stop = fn(&b, ctx);
		rec_block_release(&b);
		if (stop)
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

enum trc_err chaindb_count_txs(struct store *s, uint8_t chain, uint64_t *n,
			       struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc;

	*n = 0;
	key_init_chain(&k, TABLE_TX, chain);
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (store_iter_next(it, &key, &klen, &val, &vlen))
		if (vlen && !(val[0] & TXREC_STUB))
			(*n)++;
	rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}
