#include "chains/crawl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/src.h"
#include "chains/eth/src.h"
#include "store/chaindb.h"
#include "store/keys.h"
#include "store/tags.h"

#define MAX_BLOCK_TXS 1000000u /* far above any real block */

/* ---- crawl_block ---- */

void crawl_block_release(struct crawl_block *cb)
{
	for (uint32_t i = 0; i < cb->n_txs; i++)
		rec_tx_release(&cb->txs[i]);
	free(cb->txs);
	free(cb->fails);
	rec_block_release(&cb->block);
	memset(cb, 0, sizeof(*cb));
}

enum trc_err crawl_block_add_tx(struct crawl_block *cb, struct rec_tx **tx,
				struct trc_error *err)
{
	struct rec_tx *n;

	if (cb->n_txs >= MAX_BLOCK_TXS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"block %u has more than %u transactions",
				cb->block.height, MAX_BLOCK_TXS);
	n = realloc(cb->txs, (cb->n_txs + 1) * sizeof(*n));
	if (!n)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	cb->txs = n;
	*tx = &n[cb->n_txs++];
	rec_tx_init(*tx);
	return TRC_OK;
}

enum trc_err crawl_block_add_failure(struct crawl_block *cb, uint32_t height,
				     const uint8_t *txid, const char *reason,
				     struct trc_error *err)
{
	struct crawl_failure *n, *f;

	n = realloc(cb->fails, (cb->n_fails + 1) * sizeof(*n));
	if (!n)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	cb->fails = n;
	f = &n[cb->n_fails++];
	memset(f, 0, sizeof(*f));
	f->height = height;
	f->has_txid = txid != NULL;
	if (txid)
		memcpy(f->txid, txid, 32);
	snprintf(f->reason, sizeof(f->reason), "%s", reason);
	return TRC_OK;
}

void crawl_source_release(struct crawl_source *src)
{
	if (src->ops && src->ops->free)
		src->ops->free(src->ctx);
	src->ops = NULL;
	src->ctx = NULL;
}

/* ---- the sources ---- */

static const struct {
	const char *chain, *kind;
	source_open_fn open;
} sources[] = {
	{ "btc", "rpc", btc_src_rpc_open },
	{ "btc", "esplora", btc_src_esplora_open },
	{ "btc", "blocks", btc_src_blk_open },
	{ "eth", "rpc", eth_src_rpc_open },
	{ NULL, NULL, NULL },
};

enum trc_err crawl_source_open(const struct chain_ops *chain,
			       struct source_cfg *cfg, struct crawl_source *out,
			       struct trc_error *err)
{
	char kinds[128] = "";

	memset(out, 0, sizeof(*out));
	cfg->warning[0] = '\0';
	for (size_t i = 0; sources[i].chain; i++) {
		if (strcmp(sources[i].chain, chain->name))
			continue;
		if (!strcmp(sources[i].kind, cfg->kind))
			return sources[i].open(chain, cfg, out, err);
		snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds),
			 "%s--%s", kinds[0] ? ", " : "", sources[i].kind);
	}
	return trc_fail(err, TRC_ERR_UNSUPPORTED,
			"%s has no --%s source (it has: %s)", chain->name,
			cfg->kind, kinds[0] ? kinds : "none yet");
}

/* ---- a set of 32-byte ids (open addressing) ---- */

struct idset {
	uint8_t (*keys)[32];
	uint32_t *vals;
	size_t cap, n;
};

static void idset_release(struct idset *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

static size_t id_slot(const uint8_t id[32], size_t cap)
{
	/* ids are hashes already: their first bytes are spread enough */
	return (size_t)le32_get(id) & (cap - 1);
}

static bool id_empty(const uint8_t k[32])
{
	static const uint8_t zero[32];

	return !memcmp(k, zero, 32);
}

static enum trc_err idset_put(struct idset *s, const uint8_t id[32],
			      uint32_t val, struct trc_error *err);

static enum trc_err idset_grow(struct idset *s, struct trc_error *err)
{
	struct idset n = { 0 };

	n.cap = s->cap ? s->cap * 2 : 64;
	n.keys = calloc(n.cap, 32);
	n.vals = calloc(n.cap, sizeof(*n.vals));
	if (!n.keys || !n.vals) {
		idset_release(&n);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < s->cap; i++)
		if (!id_empty(s->keys[i]) &&
		    idset_put(&n, s->keys[i], s->vals[i], err)) {
			idset_release(&n);
			return TRC_ERR_NOMEM;
		}
	idset_release(s);
	*s = n;
	return TRC_OK;
}

/* The all-zero id cannot be stored (it marks empty slots); it never
 * occurs as a real hash and is then simply not remembered. */
static enum trc_err idset_put(struct idset *s, const uint8_t id[32],
			      uint32_t val, struct trc_error *err)
{
	size_t i;

	if (id_empty(id))
		return TRC_OK;
	if ((s->n + 1) * 2 > s->cap && idset_grow(s, err))
		return TRC_ERR_NOMEM;
	for (i = id_slot(id, s->cap); !id_empty(s->keys[i]);
	     i = (i + 1) & (s->cap - 1))
		if (!memcmp(s->keys[i], id, 32)) {
			s->vals[i] = val;
			return TRC_OK;
		}
	memcpy(s->keys[i], id, 32);
	s->vals[i] = val;
	s->n++;
	return TRC_OK;
}

static bool idset_get(const struct idset *s, const uint8_t id[32],
		      uint32_t *val)
{
	if (!s->cap)
		return false;
	for (size_t i = id_slot(id, s->cap); !id_empty(s->keys[i]);
	     i = (i + 1) & (s->cap - 1))
		if (!memcmp(s->keys[i], id, 32)) {
			if (val)
				*val = s->vals[i];
			return true;
		}
	return false;
}

/* ---- the leg index ---- */

static void leg_key(struct key *k, uint8_t chain, const char *addr,
		    const char *asset)
{
	key_init_chain(k, TABLE_LEG, chain);
	key_str(k, addr);
	key_str(k, asset ? asset : "");
}

static enum trc_err put_leg_end(struct store_batch *b, const struct rec_tx *tx,
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
static enum trc_err put_leg_index(struct store_batch *b,
				  const struct rec_tx *tx,
				  struct trc_error *err)
{
	enum trc_err rc;

	if (tx->height == REC_HEIGHT_UNKNOWN || (tx->flags & REC_TX_PREVOUT))
		return TRC_OK;
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];

		if ((tx->flags & REC_TX_FAILED) && l->kind != LEG_FEE)
			continue;
		if (l->from && (rc = put_leg_end(b, tx, i, l->from, 2, err)))
			return rc;
		if (l->to && (rc = put_leg_end(b, tx, i, l->to, 1, err)))
			return rc;
	}
	return TRC_OK;
}

struct leg_each_ctx {
	crawl_leg_fn fn;
	void *ctx;
};

static enum trc_err decode_leg_entry(const uint8_t *key, size_t klen,
				     const uint8_t *val, size_t vlen,
				     struct crawl_leg_entry *e, char *asset,
				     struct trc_error *err)
{
	size_t alen_pos = 3u + key[2];
	size_t alen;

	if (klen < alen_pos + 1)
		goto bad;
	alen = key[alen_pos];
	if (klen != alen_pos + 1 + alen + 13 || vlen < 3 || vlen != 3u + val[2])
		goto bad;
	memcpy(asset, key + alen_pos + 1, alen);
	asset[alen] = '\0';
	e->asset = alen ? asset : NULL;
	e->height = be32_get(key + alen_pos + 1 + alen);
	e->position = be32_get(key + alen_pos + 5 + alen);
	e->index = be32_get(key + alen_pos + 9 + alen);
	e->kind = val[0];
	e->dir = val[1];
	if (amount_from_be(&e->value, val + 3, val[2]))
		goto bad;
	return TRC_OK;
bad:
	return trc_fail(err, TRC_ERR_CORRUPT, "leg index entry has a bad size");
}

enum trc_err crawl_each_leg(struct store *s, uint8_t chain,
			    const char *address, crawl_leg_fn fn, void *ctx,
			    struct trc_error *err)
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
		struct crawl_leg_entry e;

		if ((rc = decode_leg_entry(key, klen, val, vlen, &e, asset,
					   err)))
			break;
		if (fn(&e, ctx))
			break;
	}
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

static enum trc_err leg_opened(struct store *s, uint8_t chain,
			       const char *addr, const char *asset,
			       bool *opened, struct trc_error *err)
{
	struct key k;
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	enum trc_err rc;

	leg_key(&k, chain, addr, asset);
	if (key_ok(&k, err))
		return TRC_ERR_INVALID;
	it = store_iter_prefix(s, k.b, k.len);
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	*opened = store_iter_next(it, &key, &klen, &val, &vlen);
	rc = store_iter_error(it, err);
	store_iter_free(it);
	return rc;
}

/* ---- the run ---- */

struct run {
	struct store *s;
	const struct chain_ops *chain;
	struct crawl_source *src;
	struct crawl_stats *st;
	struct store_batch *batch;
	struct rec_tx *prevouts; /* fetched for the current block */
	uint32_t n_prevouts;
	struct idset prevout_ids;
	bool put_network;
};

static void run_drop_prevouts(struct run *r)
{
	for (uint32_t i = 0; i < r->n_prevouts; i++)
		rec_tx_release(&r->prevouts[i]);
	free(r->prevouts);
	r->prevouts = NULL;
	r->n_prevouts = 0;
	idset_release(&r->prevout_ids);
}

static void fmt_txid(const struct run *r, const uint8_t txid[32],
		     char out[CHAIN_TXID_STR_MAX])
{
	r->chain->txid_format(txid, out);
}

static enum trc_err store_has_tx(struct run *r, const uint8_t txid[32],
				 bool *found, struct trc_error *err)
{
	struct key k;
	struct buf v = BUF_INIT(1u << 26);
	enum trc_err rc;

	key_init_chain(&k, TABLE_TX, r->chain->id);
	key_bytes(&k, txid, 32);
	rc = store_get(r->s, k.b, k.len, &v, found, err);
	buf_release(&v);
	return rc;
}

/* Takes a fetched previous tx (moved out of *tx) into the block's set. */
static enum trc_err keep_prevout(struct run *r, struct rec_tx *tx,
				 struct trc_error *err)
{
	enum trc_err rc;
	struct rec_tx *n;

	if (idset_get(&r->prevout_ids, tx->txid, NULL))
		return TRC_OK;
	n = realloc(r->prevouts, (r->n_prevouts + 1) * sizeof(*n));
	if (!n)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	r->prevouts = n;
	n[r->n_prevouts] = *tx;
	rec_tx_init(tx);
	n[r->n_prevouts].flags |= REC_TX_PREVOUT;
	n[r->n_prevouts].height = REC_HEIGHT_UNKNOWN;
	if ((rc = idset_put(&r->prevout_ids, n[r->n_prevouts].txid,
			    r->n_prevouts, err)))
		return rc;
	r->n_prevouts++;
	r->st->prevouts++;
	return TRC_OK;
}

/* Fetches a previous tx the store does not have; kept for the batch. */
static enum trc_err fetch_prevout(struct run *r, const uint8_t txid[32],
				  const struct rec_tx **out,
				  struct trc_error *err)
{
	enum trc_err rc;
	struct rec_tx *n;
	char hex[CHAIN_TXID_STR_MAX];
	uint32_t at;

	if (idset_get(&r->prevout_ids, txid, &at)) {
		*out = &r->prevouts[at];
		return TRC_OK;
	}
	if (!r->src->ops->fetch_tx) {
		fmt_txid(r, txid, hex);
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"previous transaction %s is not stored and "
				"this source cannot fetch it; crawl from "
				"an earlier height",
				hex);
	}
	n = realloc(r->prevouts, (r->n_prevouts + 1) * sizeof(*n));
	if (!n)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	r->prevouts = n;
	rec_tx_init(&n[r->n_prevouts]);
	if ((rc = r->src->ops->fetch_tx(r->src->ctx, txid, &n[r->n_prevouts],
					err))) {
		rec_tx_release(&n[r->n_prevouts]);
		return rc;
	}
	n[r->n_prevouts].flags |= REC_TX_PREVOUT;
	n[r->n_prevouts].height = REC_HEIGHT_UNKNOWN;
	if ((rc = idset_put(&r->prevout_ids, txid, r->n_prevouts, err)))
		return rc;
	*out = &n[r->n_prevouts++];
	r->st->prevouts++;
	return TRC_OK;
}

/*
 * Fetches, all at once, the previous transactions of the block that
 * neither the block nor the store has, so that resolving the inputs
 * afterwards finds them without one round trip each.
 */
static enum trc_err prefetch_prevouts(struct run *r,
				      const struct crawl_block *cb,
				      struct trc_error *err)
{
	struct idset inblock = { 0 }, want = { 0 };
	uint8_t (*ids)[32] = NULL;
	struct rec_tx *txs = NULL;
	uint32_t n = 0;
	enum trc_err rc = TRC_OK;

	if (!r->src->ops->fetch_txs)
		return TRC_OK;
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++)
		rc = idset_put(&inblock, cb->txs[i].txid, i, err);
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++)
		for (uint32_t k = 0; k < cb->txs[i].n_in && !rc; k++) {
			const struct rec_input *x = &cb->txs[i].in[k];
			bool found = false;
			uint8_t (*grown)[32];

			if (x->flags & (REC_IN_COINBASE | REC_IN_RESOLVED) ||
			    idset_get(&inblock, x->prev_txid, NULL) ||
			    idset_get(&want, x->prev_txid, NULL))
				continue;
			if ((rc = store_has_tx(r, x->prev_txid, &found, err)) ||
			    found)
				continue;
			grown = realloc(ids, (n + 1) * sizeof(*ids));
			if (!grown) {
				rc = trc_fail(err, TRC_ERR_NOMEM,
					      "out of memory");
				break;
			}
			ids = grown;
			memcpy(ids[n], x->prev_txid, 32);
			rc = idset_put(&want, x->prev_txid, n++, err);
		}
	if (!rc && n) {
		txs = calloc(n, sizeof(*txs));
		if (!txs)
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		else
			rc = r->src->ops->fetch_txs(r->src->ctx, n,
						    (const uint8_t(*)[32])ids,
						    txs, err);
	}
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = keep_prevout(r, &txs[i], err);
	for (uint32_t i = 0; txs && i < n; i++)
		rec_tx_release(&txs[i]);
	free(txs);
	free(ids);
	idset_release(&inblock);
	idset_release(&want);
	return rc;
}

/* Fills one input from the output it spends. */
static enum trc_err resolve_input(struct run *r, const struct idset *block,
				  const struct rec_tx *txs, struct rec_input *in,
				  struct trc_error *err)
{
	struct rec_tx stored = REC_TX_INIT;
	const struct rec_tx *prev = NULL;
	bool found = false;
	uint32_t at;
	char hex[CHAIN_TXID_STR_MAX];
	enum trc_err rc = TRC_OK;

	if (idset_get(block, in->prev_txid, &at)) {
		prev = &txs[at];
	} else {
		if ((rc = chaindb_get_tx(r->s, r->chain->id, in->prev_txid,
					 &stored, &found, err)))
			return rc;
		if (found)
			prev = &stored;
		else if ((rc = fetch_prevout(r, in->prev_txid, &prev, err)))
			return rc;
	}
	if (in->prev_vout >= prev->n_out) {
		fmt_txid(r, in->prev_txid, hex);
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "input spends output %u of %s, which has %u",
			      in->prev_vout, hex, prev->n_out);
		goto cleanup;
	}
	if ((rc = rec_set_str(&in->address, prev->out[in->prev_vout].address,
			      err)))
		goto cleanup;
	in->value = prev->out[in->prev_vout].value;
	in->flags |= REC_IN_RESOLVED;
cleanup:
	rec_tx_release(&stored);
	return rc;
}

/* Resolves the inputs of tx, then its fee = inputs - outputs. */
static enum trc_err resolve_tx(struct run *r, const struct idset *block,
			       const struct rec_tx *txs, struct rec_tx *tx,
			       struct trc_error *err)
{
	enum trc_err rc;
	trc_amount in = AMOUNT_ZERO, out = AMOUNT_ZERO;
	bool coinbase = false;

	for (uint32_t i = 0; i < tx->n_in; i++) {
		struct rec_input *x = &tx->in[i];

		if (x->flags & REC_IN_COINBASE) {
			coinbase = true;
			continue;
		}
		if (!(x->flags & REC_IN_RESOLVED) &&
		    (rc = resolve_input(r, block, txs, x, err)))
			return rc;
		if (amount_add(&in, in, x->value))
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"input total overflows");
	}
	if (!tx->n_in || coinbase)
		return TRC_OK;
	for (uint32_t i = 0; i < tx->n_out; i++)
		if (amount_add(&out, out, tx->out[i].value))
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"output total overflows");
	if (amount_sub(&tx->fee, in, out))
		return trc_fail(err, TRC_ERR_VERIFY,
				"outputs spend more than the inputs hold");
	return TRC_OK;
}

static void report_failure(const struct crawl_opts *o, struct run *r,
			   const struct crawl_failure *f)
{
	r->st->failures++;
	if (o->on_failure)
		o->on_failure(o->cb_ctx, f);
}

/*
 * Resolves every tx of the block. A tx that cannot be resolved for a
 * verification reason is a failure (skipped with --skip-invalid); any other
 * error stops.
 */
static enum trc_err resolve_block(struct run *r, const struct crawl_opts *o,
				  struct crawl_block *cb, bool *skip,
				  struct trc_error *err)
{
	struct idset ids = { 0 };
	enum trc_err rc = prefetch_prevouts(r, cb, err);

	if (rc)
		return trc_error_prefix(err, rc, "block %u", cb->block.height);
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++) {
		struct trc_error e = TRC_ERROR_INIT;
		struct crawl_failure f;
		char hex[CHAIN_TXID_STR_MAX];

		skip[i] = false;
		rc = resolve_tx(r, &ids, cb->txs, &cb->txs[i], &e);
		if (!rc) {
			rc = idset_put(&ids, cb->txs[i].txid, i, err);
			continue;
		}
		if (rc != TRC_ERR_VERIFY) {
			fmt_txid(r, cb->txs[i].txid, hex);
			*err = e;
			trc_error_prefix(err, rc, "block %u tx %s",
					 cb->block.height, hex);
			break;
		}
		memset(&f, 0, sizeof(f));
		f.height = cb->block.height;
		f.has_txid = true;
		memcpy(f.txid, cb->txs[i].txid, 32);
		snprintf(f.reason, sizeof(f.reason), "%s", e.msg);
		report_failure(o, r, &f);
		fmt_txid(r, cb->txs[i].txid, hex);
		if (!o->skip_invalid) {
			rc = trc_fail(err, TRC_ERR_VERIFY,
				      "block %u tx %s: %s", cb->block.height,
				      hex, e.msg);
			break;
		}
		skip[i] = true;
		rc = TRC_OK;
	}
	idset_release(&ids);
	return rc;
}

/* ---- opening balances ---- */

struct pairs {
	const char **addr;
	const char **asset;
	uint32_t n, cap;
};

static bool pairs_has(const struct pairs *p, const char *addr,
		      const char *asset)
{
	for (uint32_t i = 0; i < p->n; i++)
		if (!strcmp(p->addr[i], addr) &&
		    ((!asset && !p->asset[i]) ||
		     (asset && p->asset[i] && !strcmp(asset, p->asset[i]))))
			return true;
	return false;
}

static enum trc_err pairs_add(struct pairs *p, const char *addr,
			      const char *asset, struct trc_error *err)
{
	if (pairs_has(p, addr, asset))
		return TRC_OK;
	if (p->n == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 16;
		const char **a = realloc(p->addr, cap * sizeof(*a));
		const char **b;

		if (!a)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		p->addr = a;
		b = realloc(p->asset, cap * sizeof(*b));
		if (!b)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		p->asset = b;
		p->cap = cap;
	}
	p->addr[p->n] = addr;
	p->asset[p->n++] = asset;
	return TRC_OK;
}

static void pairs_release(struct pairs *p)
{
	free(p->addr);
	free(p->asset);
	memset(p, 0, sizeof(*p));
}

/* The (address, asset) pairs of the block seen for the first time. */
static enum trc_err new_pairs(struct run *r, const struct crawl_block *cb,
			      const bool *skip, struct pairs *p,
			      struct trc_error *err)
{
	enum trc_err rc;

	for (uint32_t i = 0; i < cb->n_txs; i++) {
		const struct rec_tx *tx = &cb->txs[i];

		for (uint32_t j = 0; !skip[i] && j < tx->n_legs; j++) {
			const struct rec_leg *l = &tx->legs[j];
			const char *ends[2] = { l->from, l->to };

			for (int e = 0; e < 2; e++) {
				bool opened = false;

				if (!ends[e] || pairs_has(p, ends[e], l->asset))
					continue;
				if ((rc =
					 leg_opened(r->s, r->chain->id, ends[e],
						    l->asset, &opened, err)))
					return rc;
				if (!opened &&
				    (rc = pairs_add(p, ends[e], l->asset, err)))
					return rc;
			}
		}
	}
	return TRC_OK;
}

/* The opening id: a hash no transaction can have (domain-separated). */
static void opening_id(uint8_t chain, uint32_t height, uint8_t out[32])
{
	uint8_t msg[32];
	size_t n = 0;

	memcpy(msg, "tracer-opening-balances", 23);
	n = 23;
	msg[n++] = chain;
	be32_put(msg + n, height);
	n += 4;
	hash_sha256(out, msg, n);
}

/*
 * Opening balances of the addresses first seen in block H: their balance
 * at the end of H-1, as one record placed after everything of H-1
 * (height H-1, position 0xffffffff), so that chain order has it first.
 */
static enum trc_err put_openings(struct run *r, const struct crawl_block *cb,
				 const bool *skip, struct trc_error *err)
{
	struct pairs p = { 0 };
	trc_amount *bals = NULL;
	struct rec_tx tx = REC_TX_INIT;
	uint32_t h = cb->block.height;
	enum trc_err rc;

	if (!r->src->ops->balances_at || h == 0)
		return TRC_OK;
	if ((rc = new_pairs(r, cb, skip, &p, err)) || !p.n)
		goto cleanup;
	bals = calloc(p.n, sizeof(*bals));
	if (!bals) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	if ((rc = r->src->ops->balances_at(r->src->ctx, p.n, p.addr, p.asset,
					   h - 1, bals, err)))
		goto cleanup;
	tx.chain = r->chain->id;
	tx.height = h - 1;
	tx.position = UINT32_MAX;
	tx.time = cb->block.time;
	tx.flags = REC_TX_COINBASE;
	opening_id(tx.chain, h, tx.txid);
	for (uint32_t i = 0; i < p.n && !rc; i++)
		if (!amount_is_zero(bals[i]))
			rc = rec_tx_add_leg(&tx, LEG_OPENING, p.asset[i], NULL,
					    p.addr[i], bals[i], err);
	if (!rc && tx.n_legs) {
		r->st->openings += tx.n_legs;
		r->st->legs += tx.n_legs;
		rc = chaindb_put_tx(r->batch, &tx, err);
		if (!rc)
			rc = put_leg_index(r->batch, &tx, err);
	}
cleanup:
	rec_tx_release(&tx);
	free(bals);
	pairs_release(&p);
	return rc;
}

/* ---- blocks ---- */

static enum trc_err check_link(struct run *r, struct rec_block *b,
			       uint32_t confirmations, struct trc_error *err)
{
	struct rec_block parent = REC_BLOCK_INIT;
	bool found = false;
	char want[CHAIN_TXID_STR_MAX], got[CHAIN_TXID_STR_MAX];
	enum trc_err rc;

	if (b->height == 0)
		return TRC_OK;
	if ((rc = chaindb_get_block(r->s, r->chain->id, b->height - 1,
				    &parent, &found, err)))
		return rc;
	if (found && memcmp(parent.hash, b->prev, 32)) {
		fmt_txid(r, parent.hash, want);
		fmt_txid(r, b->prev, got);
		rc = trc_fail(err, TRC_ERR_REORG,
			      "block %u does not link to the stored block %u: "
			      "its parent is %s, the database has %s (a "
			      "reorganisation deeper than %u confirmations?)",
			      b->height, b->height - 1, got, want,
			      confirmations);
	} else if (found) {
		b->verified |= REC_VERIFIED_LINK;
	}
	rec_block_release(&parent);
	return rc;
}

static enum trc_err put_block(struct run *r, const struct crawl_opts *o,
			      struct crawl_block *cb, struct trc_error *err)
{
	bool *skip = calloc(cb->n_txs ? cb->n_txs : 1, sizeof(*skip));
	enum trc_err rc;

	if (!skip)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	store_batch_clear(r->batch);
	run_drop_prevouts(r);
	if ((rc = check_link(r, &cb->block, o->confirmations, err)) ||
	    (rc = resolve_block(r, o, cb, skip, err)) ||
	    (rc = put_openings(r, cb, skip, err)))
		goto cleanup;
	for (uint32_t i = 0; i < r->n_prevouts && !rc; i++)
		rc = chaindb_put_tx(r->batch, &r->prevouts[i], err);
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++) {
		if (skip[i])
			continue;
		rc = chaindb_put_tx(r->batch, &cb->txs[i], err);
		if (!rc)
			rc = put_leg_index(r->batch, &cb->txs[i], err);
		r->st->txs++;
		r->st->legs += cb->txs[i].n_legs;
	}
	if (!rc && r->put_network)
		rc = chaindb_put_network(r->batch, r->chain->id,
					 r->src->ops->network(r->src->ctx),
					 err);
	if (!rc)
		rc = chaindb_put_block(r->batch, &cb->block, err);
	if (!rc)
		rc = chaindb_put_checkpoint(r->batch, r->chain->id,
					    cb->block.height, cb->block.hash,
					    err);
	if (!rc)
		rc = store_batch_commit(r->s, r->batch, err);
	if (!rc) {
		r->put_network = false;
		r->st->blocks++;
		r->st->written++;
		r->st->height = cb->block.height;
	}
cleanup:
	free(skip);
	return rc;
}

static enum trc_err check_network(struct run *r, struct trc_error *err)
{
	const char *want = r->src->ops->network(r->src->ctx);
	char *have = NULL;
	enum trc_err rc;

	if ((rc = chaindb_get_network(r->s, r->chain->id, &have, err)))
		return rc;
	if (!have)
		r->put_network = true;
	else if (strcmp(have, want))
		rc = trc_fail(err, TRC_ERR_INVALID,
			      "the database holds %s network '%s' and the "
			      "source serves '%s'; use another --db",
			      r->chain->name, have, want);
	free(have);
	return rc;
}

/* Works out [first, last] from the checkpoint, the options and the tip. */
static enum trc_err plan_range(struct run *r, const struct crawl_opts *o,
			       uint8_t parent[32], bool *have_parent,
			       struct trc_error *err)
{
	uint32_t tip, cp = 0, last;
	bool found = false;
	enum trc_err rc;

	if ((rc = chaindb_get_checkpoint(r->s, r->chain->id, &cp, parent,
					 &found, err)))
		return rc;
	if ((rc = r->src->ops->tip(r->src->ctx, &tip, err)))
		return rc;
	*have_parent = found;
	r->st->first = o->from;
	if (found) {
		if (o->from_given && o->from > cp + 1)
			return trc_fail(err, TRC_ERR_INVALID,
					"the database holds %s blocks up to "
					"%u; a crawl from %u would leave a "
					"gap (use --from %u or another --db)",
					r->chain->name, cp, o->from, cp + 1);
		r->st->first = cp + 1;
	}
	last = tip >= o->confirmations ? tip - o->confirmations : 0;
	if (tip < o->confirmations) {
		r->st->up_to_date = true;
		r->st->last = 0;
		return TRC_OK;
	}
	if (o->to != CRAWL_TO_TIP && o->to < last)
		last = o->to;
	r->st->last = last;
	r->st->up_to_date = r->st->first > last;
	r->st->height = found ? cp : 0;
	return TRC_OK;
}

static enum trc_err crawl_chunk(struct run *r, const struct crawl_opts *o,
				uint32_t h, uint32_t n, uint8_t parent[32],
				bool *have_parent, struct trc_error *err)
{
	struct crawl_block *cbs = calloc(n, sizeof(*cbs));
	enum trc_err rc;

	if (!cbs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = r->src->ops->fetch_blocks(r->src->ctx, h, n,
				       *have_parent ? parent : NULL, cbs, err);
	for (uint32_t i = 0; !rc && i < n; i++) {
		if (cbs[i].block.height != h + i) {
			rc = trc_fail(err, TRC_ERR_INVALID,
				      "source returned block %u for %u",
				      cbs[i].block.height, h + i);
			break;
		}
		for (uint32_t f = 0; f < cbs[i].n_fails; f++)
			report_failure(o, r, &cbs[i].fails[f]);
		if (cbs[i].n_fails && !o->skip_invalid) {
			rc = trc_fail(err, TRC_ERR_VERIFY, "block %u: %s",
				      h + i, cbs[i].fails[0].reason);
			break;
		}
		if ((rc = put_block(r, o, &cbs[i], err)))
			break;
		memcpy(parent, cbs[i].block.hash, 32);
		*have_parent = true;
		if (o->on_progress)
			o->on_progress(o->cb_ctx, r->st);
		if (o->stop && *o->stop) {
			rc = trc_fail(err, TRC_ERR_INTERRUPTED,
				      "interrupted after block %u", h + i);
			break;
		}
	}
	for (uint32_t i = 0; i < n; i++)
		crawl_block_release(&cbs[i]);
	free(cbs);
	return rc;
}

enum trc_err crawl_range(struct store *s, const struct chain_ops *chain,
			 struct crawl_source *src,
			 const struct crawl_opts *opts, struct crawl_stats *st,
			 struct trc_error *err)
{
	struct run r = { 0 };
	uint8_t parent[32];
	bool have_parent = false;
	uint32_t chunk = opts->chunk ? opts->chunk : 8;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	r.s = s;
	r.chain = chain;
	r.src = src;
	r.st = st;
	if (!src->ops->tip || !src->ops->fetch_blocks)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"this source cannot do a range ingest");
	r.batch = store_batch_new();
	if (!r.batch)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if ((rc = check_network(&r, err)) ||
	    (rc = plan_range(&r, opts, parent, &have_parent, err)))
		goto cleanup;
	for (uint32_t h = st->first; !st->up_to_date && h <= st->last;) {
		uint32_t n = st->last - h + 1 < chunk ? st->last - h + 1 :
							  chunk;

		if ((rc = crawl_chunk(&r, opts, h, n, parent, &have_parent,
				      err)))
			break;
		if (st->last - h < n)
			break; /* h + n would wrap at UINT32_MAX */
		h += n;
	}
cleanup:
	run_drop_prevouts(&r);
	store_batch_free(r.batch);
	return rc;
}

/* ---- follow mode ---- */

struct addr_list {
	char **a;
	uint32_t n, cap;
};

static void addr_list_release(struct addr_list *l)
{
	for (uint32_t i = 0; i < l->n; i++)
		free(l->a[i]);
	free(l->a);
	memset(l, 0, sizeof(*l));
}

struct follow {
	struct run r;
	const struct follow_opts *o;
	struct idset seen_addr; /* sha256 of the address */
	struct idset seen_tx;
	struct addr_list next;
};

/* Queues address for the next hop unless it was queued before. */
static enum trc_err queue_addr(struct follow *f, const char *addr,
			       struct trc_error *err)
{
	enum trc_err rc;
	uint8_t id[32];
	char **n;

	if (!addr)
		return TRC_OK;
	hash_sha256(id, addr, strlen(addr));
	if (idset_get(&f->seen_addr, id, NULL))
		return TRC_OK;
	if ((rc = idset_put(&f->seen_addr, id, 0, err)))
		return rc;
	if (f->next.n == f->next.cap) {
		uint32_t cap = f->next.cap ? f->next.cap * 2 : 16;

		n = realloc(f->next.a, cap * sizeof(*n));
		if (!n)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		f->next.a = n;
		f->next.cap = cap;
	}
	f->next.a[f->next.n] = strdup(addr);
	if (!f->next.a[f->next.n])
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	f->next.n++;
	return TRC_OK;
}

static bool follow_full(const struct follow *f)
{
	return f->r.st->txs >= f->o->max_txs || (f->o->stop && *f->o->stop);
}

/*
 * Fetches one proven tx (once), resolves and stores it. Out: the tx in
 * *tx (caller releases); *fresh false when it was seen before.
 */
static enum trc_err follow_tx(struct follow *f, const uint8_t txid[32],
			      struct rec_tx *tx, bool *fresh,
			      struct trc_error *err)
{
	struct idset none = { 0 };
	enum trc_err rc;

	*fresh = !idset_get(&f->seen_tx, txid, NULL);
	if (!*fresh) {
		/* seen from another address: its record is stored */
		bool found = false;

		rc = chaindb_get_tx(f->r.s, f->r.chain->id, txid, tx, &found,
				    err);
		return rc;
	}
	if ((rc = idset_put(&f->seen_tx, txid, 0, err)))
		return rc;
	store_batch_clear(f->r.batch);
	run_drop_prevouts(&f->r);
	if ((rc = f->r.src->ops->fetch_tx_proven(f->r.src->ctx, txid, tx,
						 err)) ||
	    (rc = resolve_tx(&f->r, &none, NULL, tx, err)))
		return rc;
	for (uint32_t i = 0; i < f->r.n_prevouts && !rc; i++)
		rc = chaindb_put_tx(f->r.batch, &f->r.prevouts[i], err);
	if (!rc)
		rc = chaindb_put_tx(f->r.batch, tx, err);
	if (!rc)
		rc = put_leg_index(f->r.batch, tx, err);
	if (!rc && f->r.put_network)
		rc = chaindb_put_network(f->r.batch, f->r.chain->id,
					 f->r.src->ops->network(f->r.src->ctx),
					 err);
	if (!rc)
		rc = store_batch_commit(f->r.s, f->r.batch, err);
	if (!rc) {
		f->r.put_network = false;
		f->r.st->txs++;
		f->r.st->legs += tx->n_legs;
		f->r.st->written++;
		if (f->o->on_progress)
			f->o->on_progress(f->o->cb_ctx, f->r.st);
	}
	return rc;
}

static bool spends_from(const struct rec_tx *tx, const char *addr);

/*
 * Where value went from addr in tx, the next hop: every output of a tx
 * that spends from addr (UTXO shape), and the receiver of every leg addr
 * sends (account shape; a reverted tx moved nothing). addr NULL: all of
 * them (the spender of a seed output).
 */
static enum trc_err queue_next(struct follow *f, const struct rec_tx *tx,
			       const char *addr, struct trc_error *err)
{
	bool spends = !addr || spends_from(tx, addr);
	enum trc_err rc = TRC_OK;

	for (uint32_t k = 0; !rc && spends && k < tx->n_out; k++)
		rc = queue_addr(f, tx->out[k].address, err);
	for (uint32_t k = 0; !rc && !(tx->flags & REC_TX_FAILED) &&
			     k < tx->n_legs;
	     k++)
		if (!addr || (tx->legs[k].from &&
			      !strcmp(tx->legs[k].from, addr)))
			rc = queue_addr(f, tx->legs[k].to, err);
	return rc;
}

static bool spends_from(const struct rec_tx *tx, const char *addr)
{
	for (uint32_t i = 0; i < tx->n_in; i++)
		if (tx->in[i].address && !strcmp(tx->in[i].address, addr))
			return true;
	return false;
}

/* Why an address is not expanded, or NULL when it may be. */
static enum trc_err stop_reason(struct follow *f, const char *addr,
				char *why, size_t size, bool *stop,
				struct trc_error *err)
{
	enum trc_err rc;
	struct tag t = TAG_INIT;
	bool found = false;

	*stop = false;
	if ((rc = tags_best(f->r.s, f->r.chain->id, addr, &t, &found, err)))
		return rc;
	if (found && tag_category_is_service(t.category)) {
		snprintf(why, size, "tagged %s: %s",
			 tag_category_name(t.category),
			 t.entity ? t.entity : "");
		*stop = true;
	}
	tag_release(&t);
	return TRC_OK;
}

static enum trc_err expand_addr(struct follow *f, const char *addr,
				bool last_hop, struct trc_error *err)
{
	uint8_t *ids = NULL;
	uint32_t n = 0;
	bool more = false, stop = false;
	char why[160];
	enum trc_err rc;

	if ((rc = stop_reason(f, addr, why, sizeof(why), &stop, err)))
		return rc;
	if (!stop) {
		if ((rc = f->r.src->ops->address_txids(f->r.src->ctx, addr,
						       f->o->hub_txs, &ids, &n,
						       &more, err)))
			return rc;
		if (more) {
			snprintf(why, sizeof(why),
				 "unlabelled hub: more than %u transactions",
				 f->o->hub_txs);
			stop = true;
		}
	}
	if (stop) {
		if (f->o->on_stop_at)
			f->o->on_stop_at(f->o->cb_ctx, addr, why);
		free(ids);
		return TRC_OK;
	}
	/* oldest first: the history comes newest first */
	for (uint32_t i = n; i-- > 0 && !rc && !follow_full(f);) {
		struct rec_tx tx = REC_TX_INIT;
		bool fresh;

		rc = follow_tx(f, ids + 32 * (size_t)i, &tx, &fresh, err);
		(void)fresh; /* a tx met before still shows addr's moves */
		if (!rc && !last_hop)
			rc = queue_next(f, &tx, addr, err);
		rec_tx_release(&tx);
	}
	free(ids);
	return rc;
}

/* The tx spending a seed output; its outputs join the first hop. */
static enum trc_err seed_spender(struct follow *f, const uint8_t txid[32],
				 uint32_t vout, struct trc_error *err)
{
	struct rec_tx tx = REC_TX_INIT;
	uint8_t spender[32];
	bool spent = false, fresh = false;
	enum trc_err rc;

	rc = f->r.src->ops->outspend(f->r.src->ctx, txid, vout, spender,
				     &spent, err);
	if (!rc && spent)
		rc = follow_tx(f, spender, &tx, &fresh, err);
	if (!rc && fresh)
		rc = queue_next(f, &tx, NULL, err);
	rec_tx_release(&tx);
	return rc;
}

/* TXID:N seeds: the output's address starts the walk, its spender too. */
static enum trc_err seed_outputs(struct follow *f, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < f->o->n_seed_outs && !rc; i++) {
		struct rec_tx tx = REC_TX_INIT;
		bool fresh;

		rc = follow_tx(f, f->o->seed_outs[i], &tx, &fresh, err);
		if (!rc && f->o->seed_vouts[i] >= tx.n_out)
			rc = trc_fail(err, TRC_ERR_INVALID,
				      "seed output %u does not exist (the "
				      "transaction has %u)",
				      f->o->seed_vouts[i], tx.n_out);
		if (!rc)
			rc = queue_addr(f, tx.out[f->o->seed_vouts[i]].address,
					err);
		rec_tx_release(&tx);
		if (!rc && f->r.src->ops->outspend)
			rc = seed_spender(f, f->o->seed_outs[i],
					  f->o->seed_vouts[i], err);
	}
	return rc;
}

static enum trc_err follow_run(struct follow *f, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < f->o->n_seed_addrs && !rc; i++)
		rc = queue_addr(f, f->o->seed_addrs[i], err);
	if (!rc)
		rc = seed_outputs(f, err);
	for (uint32_t hop = 0; !rc && hop <= f->o->hops && f->next.n; hop++) {
		struct addr_list cur = f->next;

		memset(&f->next, 0, sizeof(f->next));
		for (uint32_t i = 0; i < cur.n && !rc && !follow_full(f); i++)
			rc = expand_addr(f, cur.a[i], hop == f->o->hops, err);
		addr_list_release(&cur);
	}
	if (!rc && f->o->stop && *f->o->stop)
		rc = trc_fail(err, TRC_ERR_INTERRUPTED, "interrupted");
	return rc;
}

enum trc_err crawl_follow(struct store *s, const struct chain_ops *chain,
			  struct crawl_source *src,
			  const struct follow_opts *opts,
			  struct crawl_stats *st, struct trc_error *err)
{
	struct follow f;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	memset(&f, 0, sizeof(f));
	if (!src->ops->address_txids || !src->ops->fetch_tx_proven)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"this source cannot follow addresses; do a "
				"range ingest (--from H --to H) instead");
	f.o = opts;
	f.r.s = s;
	f.r.chain = chain;
	f.r.src = src;
	f.r.st = st;
	f.r.batch = store_batch_new();
	if (!f.r.batch)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = check_network(&f.r, err);
	if (!rc)
		rc = follow_run(&f, err);
	run_drop_prevouts(&f.r);
	store_batch_free(f.r.batch);
	idset_release(&f.seen_addr);
	idset_release(&f.seen_tx);
	addr_list_release(&f.next);
	return rc;
}
