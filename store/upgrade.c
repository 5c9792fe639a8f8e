#include "store/upgrade.h"

#include <stdlib.h>
#include <string.h>

#include "store/addrpack.h"
#include "store/chaindb.h"
#include "store/codec.h"
#include "store/hist.h"
#include "store/keys.h"
#include "store/txindex.h"

#define DEFAULT_BATCH 2000u
#define V1_KEY_MAX 600

/* One version-1 key, copied out of an iterator. */
struct v1_key {
	uint8_t b[V1_KEY_MAX];
	size_t len;
	uint8_t txid[32]; /* of a tx_pos entry */
};

enum trc_err upgrade_require_current(struct store *s, struct trc_error *err)
{
	uint32_t v = store_schema_version(s);

	if (v == STORE_SCHEMA_VERSION)
		return TRC_OK;
	if (v >= 1 && v < STORE_SCHEMA_VERSION)
		return trc_fail(err, TRC_ERR_VERSION,
				"database '%s' has schema version %u; this "
				"tracer reads version %u: run 'tracer db "
				"upgrade' to convert it in place",
				store_path(s), v, STORE_SCHEMA_VERSION);
	return trc_fail(err, TRC_ERR_VERSION,
			"database '%s' has schema version %u; this tracer "
			"reads version %u",
			store_path(s), v, STORE_SCHEMA_VERSION);
}

/* Up to max keys of table (all chains). Out: keys[0..*n-1]. */
static enum trc_err take_keys(struct store *s, uint8_t table,
			      struct v1_key *keys, uint32_t max, uint32_t *n,
			      struct trc_error *err)
{
	struct store_iter *it = store_iter_prefix(s, &table, 1);
	const uint8_t *k, *v;
	size_t klen, vlen;
	enum trc_err rc = TRC_OK;

	*n = 0;
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (*n < max && store_iter_next(it, &k, &klen, &v, &vlen)) {
		struct v1_key *x = &keys[*n];

		if (klen > V1_KEY_MAX || klen < 2 ||
		    (table == TABLE_V1_TX_POS && vlen != 32)) {
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "version-1 %s entry has a bad size",
				      table == TABLE_V1_TX_POS ? "tx_pos"
							       : "table");
			break;
		}
		memcpy(x->b, k, klen);
		x->len = klen;
		if (table == TABLE_V1_TX_POS)
			memcpy(x->txid, v, 32);
		else if (table == TABLE_V1_TX && klen == 34)
			memcpy(x->txid, k + 2, 32);
		(*n)++;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

/* Adds the version-1 tx (chain, txid) to b as version 2, deleting it. */
static enum trc_err move_tx(struct store *s, struct store_batch *b,
			    uint8_t chain, const uint8_t txid[32],
			    struct trc_error *err)
{
	struct key k;
	struct buf v = BUF_INIT(64u << 20);
	struct rec_tx tx;
	bool found = false;
	enum trc_err rc;

	key_init_chain(&k, TABLE_V1_TX, chain);
	key_bytes(&k, txid, 32);
	rc = store_get(s, k.b, k.len, &v, &found, err);
	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "version-1 tx position entry names a missing "
			      "tx");
	if (!rc && !(rc = rec_tx_decode(&tx, v.data, v.len, err))) {
		if (tx.chain != chain || memcmp(tx.txid, txid, 32))
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "version-1 tx key does not match its "
				      "record");
		if (!rc)
			rc = chaindb_put_tx(b, &tx, err);
		rec_tx_release(&tx);
	}
	if (!rc)
		store_batch_delete(b, k.b, k.len);
	buf_release(&v);
	return rc;
}

static enum trc_err commit(struct store *s, struct store_batch *b,
			   const struct upgrade_opts *o,
			   struct upgrade_stats *st, struct trc_error *err)
{
	enum trc_err rc = store_batch_commit(s, b, err);

	store_batch_clear(b);
	if (rc)
		return rc;
	st->batches++;
	if (o->on_batch && o->on_batch(o->ctx, st))
		return trc_fail(err, TRC_ERR_INTERRUPTED,
				"upgrade interrupted after %llu batches; run "
				"it again to continue",
				(unsigned long long)st->batches);
	return TRC_OK;
}

/*
 * Moves the transactions named by table (tx_pos first: chain order; then
 * what is left of tx: prevout-only records), a batch at a time.
 */
static enum trc_err move_all(struct store *s, struct store_batch *b,
			     uint8_t table, struct v1_key *keys, uint32_t max,
			     const struct upgrade_opts *o,
			     struct upgrade_stats *st, struct trc_error *err)
{
	uint32_t n;
	enum trc_err rc;

	for (;;) {
		if ((rc = take_keys(s, table, keys, max, &n, err)) || !n)
			return rc;
		for (uint32_t i = 0; i < n && !rc; i++) {
			if (table == TABLE_V1_TX && keys[i].len != 34)
				return trc_fail(err, TRC_ERR_CORRUPT,
						"version-1 tx key of %zu "
						"bytes",
						keys[i].len);
			rc = move_tx(s, b, keys[i].b[1], keys[i].txid, err);
			if (table == TABLE_V1_TX_POS)
				store_batch_delete(b, keys[i].b, keys[i].len);
			st->txs++;
		}
		if (rc || (rc = commit(s, b, o, st, err)))
			return rc;
	}
}

/* Deletes every key of a version-1 index table. */
static enum trc_err drop_table(struct store *s, struct store_batch *b,
			       uint8_t table, struct v1_key *keys, uint32_t max,
			       const struct upgrade_opts *o,
			       struct upgrade_stats *st, struct trc_error *err)
{
	uint32_t n;
	enum trc_err rc;

	for (;;) {
		if ((rc = take_keys(s, table, keys, max, &n, err)) || !n)
			return rc;
		for (uint32_t i = 0; i < n; i++)
			store_batch_delete(b, keys[i].b, keys[i].len);
		st->deleted += n;
		if ((rc = commit(s, b, o, st, err)))
			return rc;
	}
}

/* Packs one addr_id value still held as text (key, val). Out: *changed. */
static enum trc_err pack_addr(struct store *s, struct store_batch *b,
			      const uint8_t *k, size_t klen, const uint8_t *v,
			      size_t vlen, bool *changed, struct trc_error *err)
{
	char a[REC_ADDR_MAX + 1];
	uint8_t nv[CODEC_UV_MAX + ADDRPACK_MAX];
	uint64_t count;
	size_t len, m, p;
	bool packed;
	enum trc_err rc;

	(void)s;
	*changed = false;
	if ((rc = txindex_addr_value(v, vlen, &count, a, &len, &packed, err)) ||
	    packed)
		return rc;
	m = codec_uv_put(nv, count);
	if (!(p = addrpack(nv + m, a, len, err)))
		return TRC_ERR_CORRUPT;
	store_batch_put(b, k, klen, nv, m + p);
	*changed = true;
	return TRC_OK;
}

/* The send flag of one version-2 history entry (key, val), cleared when
 * the rule of store/hist.h derives it. Out: *changed. */
static enum trc_err derive_send(struct store *s, struct store_batch *b,
				const uint8_t *k, size_t klen, const uint8_t *v,
				size_t vlen, bool *changed,
				struct trc_error *err)
{
	struct buf rec = BUF_INIT(TXINDEX_VALUE_MAX);
	struct txrec t = TXREC_INIT;
	struct reader r;
	uint64_t num;
	uint8_t flags;
	bool found = false, needed = true;
	enum trc_err rc;

	*changed = false;
	reader_init(&r, v, vlen, "addr_hist entry");
	if (klen != 14 || reader_u8(&r, &flags, err) ||
	    codec_get_uv(&r, &num, err))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"addr_hist entry has a bad size");
	if (!(flags & HIST_SENT))
		return TRC_OK;
	rc = txindex_get_rec(s, k[1], num, &rec, &found, err);
	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "addr_hist entry names tx number %llu, which "
			      "has no record",
			      (unsigned long long)num);
	if (!rc)
		rc = txrec_decode(&t, rec.data, rec.len, err);
	if (!rc)
		rc = hist_sent_needed(s, k[1], be32_get(k + 2), &t, &needed,
				      err);
	if (!rc && !needed) {
		uint8_t nv[1 + CODEC_UV_MAX];

		nv[0] = flags & (uint8_t)~HIST_SENT;
		if (nv[0])
			store_batch_put(b, k, klen, nv,
					1 + codec_uv_put(nv + 1, num));
		else
			store_batch_delete(b, k, klen);
		*changed = true;
	}
	txrec_release(&t);
	buf_release(&rec);
	return rc;
}

typedef enum trc_err (*rewrite_fn)(struct store *s, struct store_batch *b,
				   const uint8_t *k, size_t klen,
				   const uint8_t *v, size_t vlen, bool *changed,
				   struct trc_error *err);

/*
 * Schema 2 to 3: fn on every record of table (addr_id: pack the address;
 * addr_hist: leave out the sends that store/hist.h derives), max changes
 * to a batch, under one iterator (a snapshot of the table). A rerun after
 * a kill finds nothing to change in what was done. Out: *changes grows.
 */
static enum trc_err rewrite_table(struct store *s, struct store_batch *b,
				  uint8_t table, rewrite_fn fn, uint32_t max,
				  const struct upgrade_opts *o,
				  struct upgrade_stats *st, uint64_t *changes,
				  struct trc_error *err)
{
	struct store_iter *it = store_iter_prefix(s, &table, 1);
	const uint8_t *k, *v;
	size_t klen, vlen;
	uint32_t n = 0;
	enum trc_err rc = TRC_OK;

	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && store_iter_next(it, &k, &klen, &v, &vlen)) {
		bool changed = false;

		if ((rc = fn(s, b, k, klen, v, vlen, &changed, err)) ||
		    !changed)
			continue;
		(*changes)++;
		if (++n == max) {
			n = 0;
			rc = commit(s, b, o, st, err);
		}
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	if (!rc && n)
		rc = commit(s, b, o, st, err);
	return rc;
}

enum trc_err upgrade_run(struct store *s, const struct upgrade_opts *o,
			 struct upgrade_stats *st, struct trc_error *err)
{
	static const uint8_t indexes[] = {
		TABLE_V1_ADDR_HIST, TABLE_V1_SPENT_BY, TABLE_V1_LEG,
		0x0a, /* the follow table, reserved and never written */
	};
	uint32_t max = o->batch ? o->batch : DEFAULT_BATCH;
	uint32_t version = store_schema_version(s);
	struct store_batch *b;
	struct v1_key *keys;
	enum trc_err rc = TRC_OK;

	memset(st, 0, sizeof(*st));
	if (version == STORE_SCHEMA_VERSION) {
		st->was_current = true;
		return TRC_OK;
	}
	if (version != 1 && version != 2)
		return upgrade_require_current(s, err);
	b = store_batch_new();
	keys = calloc(max, sizeof(*keys));
	if (!b || !keys) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	if (version == 1 &&
	    ((rc = move_all(s, b, TABLE_V1_TX_POS, keys, max, o, st, err)) ||
	     (rc = move_all(s, b, TABLE_V1_TX, keys, max, o, st, err))))
		goto cleanup;
	for (size_t i = 0; version == 1 && i < sizeof(indexes) && !rc; i++)
		rc = drop_table(s, b, indexes[i], keys, max, o, st, err);
	if (!rc)
		rc = rewrite_table(s, b, TABLE_ADDR_ID, pack_addr, max, o, st,
				   &st->addrs, err);
	if (!rc)
		rc = rewrite_table(s, b, TABLE_HIST, derive_send, max, o, st,
				   &st->sends, err);
	if (!rc) {
		store_batch_put_version(b, STORE_SCHEMA_VERSION);
		rc = store_batch_commit(s, b, err);
	}
cleanup:
	free(keys);
	store_batch_free(b);
	return rc;
}
