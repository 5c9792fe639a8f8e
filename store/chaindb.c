#include "store/chaindb.h"

#include <stdlib.h>
#include <string.h>

#include "store/keys.h"
#include "store/legs.h"
#include "store/tags.h"

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

static enum trc_err put_hist(struct store_batch *batch,
			     const struct rec_tx *tx, const char *addr,
			     uint8_t flags, struct trc_error *err)
{
	struct key k;
	uint8_t val[33];

	key_init_chain(&k, TABLE_ADDR_HIST, tx->chain);
	key_str(&k, addr);
	key_be32(&k, tx->height);
	key_be32(&k, tx->position);
	key_bytes(&k, tx->txid, 32);
	val[0] = flags;
	memcpy(val + 1, tx->txid, 32);
	return put_key(batch, &k, val, sizeof(val), err);
}

/* One end of a movement: an address and whether it sent or received. */
struct addr_end {
	const char *addr;
	uint8_t flag;
};

static int end_order(const void *a, const void *b)
{
	return strcmp(((const struct addr_end *)a)->addr,
		      ((const struct addr_end *)b)->addr);
}

static size_t add_end(struct addr_end *ends, size_t n, const char *addr,
		      uint8_t flag)
{
	if (addr) {
		ends[n].addr = addr;
		ends[n].flag = flag;
		n++;
	}
	return n;
}

/*
 * One history entry per address of the tx, its flags the union of what the
 * address did: the ends are sorted and merged (wide consolidations have
 * thousands of inputs, often from the same few addresses).
 */
static enum trc_err put_history(struct store_batch *batch,
				const struct rec_tx *tx, struct trc_error *err)
{
	size_t cap = (size_t)tx->n_in + tx->n_out + 2 * (size_t)tx->n_legs;
	struct addr_end *ends = malloc((cap ? cap : 1) * sizeof(*ends));
	size_t n = 0;
	enum trc_err rc = TRC_OK;

	if (!ends)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < tx->n_in; i++)
		n = add_end(ends, n, tx->in[i].address, HIST_SENT);
	for (uint32_t i = 0; i < tx->n_out; i++)
		n = add_end(ends, n, tx->out[i].address, HIST_RECEIVED);
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		n = add_end(ends, n, tx->legs[i].from, HIST_SENT);
		n = add_end(ends, n, tx->legs[i].to, HIST_RECEIVED);
	}
	qsort(ends, n, sizeof(*ends), end_order);
	for (size_t i = 0; i < n && !rc;) {
		uint8_t flags = 0;
		size_t j = i;

		for (; j < n && !strcmp(ends[j].addr, ends[i].addr); j++)
			flags |= ends[j].flag;
		rc = put_hist(batch, tx, ends[i].addr, flags, err);
		i = j;
	}
	free(ends);
	return rc;
}

static enum trc_err put_spent_by(struct store_batch *batch,
				 const struct rec_tx *tx,
				 struct trc_error *err)
{
	for (uint32_t i = 0; i < tx->n_in; i++) {
		struct key k;
		uint8_t val[36];
		enum trc_err rc;

		if (tx->in[i].flags & REC_IN_COINBASE)
			continue;
		key_init_chain(&k, TABLE_SPENT_BY, tx->chain);
		key_bytes(&k, tx->in[i].prev_txid, 32);
		key_be32(&k, tx->in[i].prev_vout);
		memcpy(val, tx->txid, 32);
		be32_put(val + 32, i);
		if ((rc = put_key(batch, &k, val, sizeof(val), err)))
			return rc;
	}
	return TRC_OK;
}

enum trc_err chaindb_put_tx(struct store_batch *batch, const struct rec_tx *tx,
			    struct trc_error *err)
{
	struct buf val = BUF_INIT(VALUE_MAX);
	struct key k;
	enum trc_err rc;

	if ((rc = rec_tx_encode(tx, &val, err)))
		goto cleanup;
	key_init_chain(&k, TABLE_TX, tx->chain);
	key_bytes(&k, tx->txid, 32);
	if ((rc = put_key(batch, &k, val.data, val.len, err)))
		goto cleanup;
	if (tx->height != REC_HEIGHT_UNKNOWN && !(tx->flags & REC_TX_PREVOUT)) {
		key_init_chain(&k, TABLE_TX_POS, tx->chain);
		key_be32(&k, tx->height);
		key_be32(&k, tx->position);
		if ((rc = put_key(batch, &k, tx->txid, 32, err)))
			goto cleanup;
		if ((rc = put_history(batch, tx, err)) ||
		    (rc = put_spent_by(batch, tx, err)))
			goto cleanup;
		rc = legs_put(batch, tx, err);
	}
cleanup:
	buf_release(&val);
	return rc;
}

enum trc_err chaindb_put_block(struct store_batch *batch,
			       const struct rec_block *b,
			       struct trc_error *err)
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
			    struct buf *val, bool *found,
			    struct trc_error *err)
{
	enum trc_err rc = key_ok(k, err);

	*found = false;
	if (rc)
		return rc;
	return store_get(s, k->b, k->len, val, found, err);
}

enum trc_err chaindb_get_tx(struct store *s, uint8_t chain,
			    const uint8_t txid[32], struct rec_tx *tx,
			    bool *found, struct trc_error *err)
{
	struct buf val = BUF_INIT(VALUE_MAX);
	struct key k;
	enum trc_err rc;

	rec_tx_init(tx);
	key_init_chain(&k, TABLE_TX, chain);
	key_bytes(&k, txid, 32);
	rc = get_key(s, &k, &val, found, err);
	if (!rc && *found)
		rc = rec_tx_decode(tx, val.data, val.len, err);
	buf_release(&val);
	return rc;
}

enum trc_err chaindb_has_tx(struct store *s, uint8_t chain,
			    const uint8_t txid[32], bool *found,
			    struct trc_error *err)
{
	struct buf val = BUF_INIT(VALUE_MAX);
	struct key k;
	enum trc_err rc;

	key_init_chain(&k, TABLE_TX, chain);
	key_bytes(&k, txid, 32);
	rc = get_key(s, &k, &val, found, err);
	buf_release(&val);
	return rc;
}

enum trc_err chaindb_get_block(struct store *s, uint8_t chain,
			       uint32_t height, struct rec_block *b,
			       bool *found, struct trc_error *err)
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

enum trc_err chaindb_get_network(struct store *s, uint8_t chain,
				 char **network, struct trc_error *err)
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
	struct key k;
	uint8_t v[36] = { 0 };
	enum trc_err rc;

	key_init_chain(&k, TABLE_SPENT_BY, chain);
	key_bytes(&k, txid, 32);
	key_be32(&k, vout);
	rc = get_fixed(s, &k, v, 36, found, err);
	memcpy(spender, v, 32);
	*vin = be32_get(v + 32);
	return rc;
}

enum trc_err chaindb_each_hist(struct store *s, uint8_t chain,
			       const char *address, chaindb_hist_fn fn,
			       void *ctx, struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc;

	key_init_chain(&k, TABLE_ADDR_HIST, chain);
	key_str(&k, address);
	if ((rc = key_ok(&k, err)))
		return rc;
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (store_iter_next(it, &key, &klen, &val, &vlen)) {
		struct chaindb_hist h;

		if (klen != k.len + 8 + 32 || vlen != 33) {
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "address history entry of '%s' has a "
				      "bad size", address);
			break;
		}
		h.height = be32_get(key + k.len);
		h.position = be32_get(key + k.len + 4);
		h.flags = val[0];
		memcpy(h.txid, val + 1, 32);
		if (fn(&h, ctx))
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
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
		bool found;

		if (vlen != 32) {
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "tx position entry of %zu bytes", vlen);
			break;
		}
		rc = chaindb_get_tx(s, chain, val, &tx, &found, err);
		if (!rc && !found)
			rc = trc_fail(err, TRC_ERR_CORRUPT,
				      "tx position entry names a missing tx");
		if (!rc && fn(&tx, ctx)) {
			rec_tx_release(&tx);
			break;
		}
		rec_tx_release(&tx);
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
				"%zu bytes (expected %zu)", table, klen, kwant,
				vlen, vwant);
	return TRC_OK;
}

enum trc_err chaindb_check_pair(const uint8_t *key, size_t klen,
				const uint8_t *val, size_t vlen,
				struct trc_error *err)
{
	struct rec_tx tx;
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
	case TABLE_TX:
		if ((rc = rec_tx_decode(&tx, val, vlen, err)))
			return rc;
		rc = (klen != 34 || memcmp(key + 2, tx.txid, 32))
			     ? trc_fail(err, TRC_ERR_CORRUPT,
					"tx key does not match its record")
			     : TRC_OK;
		rec_tx_release(&tx);
		return rc;
	case TABLE_TX_POS:
		return expect_sizes("tx_pos", klen, 10, vlen, 32, err);
	case TABLE_ADDR_HIST:
		if (klen < 3 || klen != 3u + key[2] + 8 + 32 || vlen != 33)
			return trc_fail(err, TRC_ERR_CORRUPT,
					"addr_hist entry has a bad size");
		return TRC_OK;
	case TABLE_SPENT_BY:
		return expect_sizes("spent_by", klen, 38, vlen, 36, err);
	case TABLE_CHECKPOINT:
		return expect_sizes("checkpoint", klen, 2, vlen, 36, err);
	case TABLE_TAG:
		return tags_check_pair(key, klen, val, vlen, err);
	case TABLE_LEG:
		return legs_check_pair(key, klen, val, vlen, err);
	}
	return trc_fail(err, TRC_ERR_CORRUPT, "unknown table 0x%02x", key[0]);
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
		(*n)++;
	rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}
