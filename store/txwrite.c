/*
 * txwrite.c - chaindb_put_tx under schema version 2. Numbering needs the
 * database (the next number, whether a txid or an address has one), which
 * a batch does not have: the transactions are kept with the batch and
 * numbered when it is committed (store.h, batch extensions), so that the
 * numbers, the counters and the records land in the same atomic write.
 * What a commit learnt (address ids and counts, transaction numbers and
 * outputs) stays with the batch in a bounded write cache (txcache.h) for
 * the next commits of the same batch, as long as no other batch wrote to
 * the store and every write landed (store_tune sizes it; none before).
 */
#include <stdlib.h>
#include <string.h>

#include "base/intern.h"
#include "store/addrpack.h"
#include "store/chaindb.h"
#include "store/clusterdb.h"
#include "store/codec.h"
#include "store/keyfilter.h"
#include "store/legs.h"
#include "store/memoref.h"
#include "store/txcache.h"
#include "store/txindex.h"

/* ---- the transactions kept with a batch ---- */

struct pending {
	struct buf *recs; /* record.h encodings, in put order */
	size_t n, cap;
	struct txcache *cache; /* NULL: none */
	/* the keys the store may hold (keyfilter.h), made with the cache;
	 * dropped for good when another batch wrote (filter_off) */
	struct keyfilter *filter;
	bool filter_off;
	const struct store *s; /* the store it learnt from ... */
	uint64_t seen;	       /* ... and its store_commits then */
};

static void pending_clear(void *ext)
{
	struct pending *p = ext;

	for (size_t i = 0; i < p->n; i++)
		buf_release(&p->recs[i]);
	p->n = 0;
}

static void pending_free(void *ext)
{
	struct pending *p = ext;

	if (!p)
		return;
	pending_clear(p);
	txcache_free(p->cache);
	keyfilter_free(p->filter);
	free(p->recs);
	free(p);
}

/* A write landed (the cache holds what it wrote) or did not (forget). */
static void pending_written(void *ext, struct store *s, bool ok)
{
	struct pending *p = ext;

	if (!p->cache)
		return;
	if (!ok)
		txcache_clear(p->cache);
	p->s = s;
	p->seen = store_commits(s);
}

static size_t pending_count(const void *ext)
{
	return ((const struct pending *)ext)->n;
}

static enum trc_err prepare(void *ext, struct store *s, struct store_batch *b,
			    struct trc_error *err);

static const struct store_batch_ext_ops pending_ops = {
	prepare, pending_count, pending_clear, pending_free, pending_written,
};

enum trc_err chaindb_put_tx(struct store_batch *batch, const struct rec_tx *tx,
			    struct trc_error *err)
{
	struct pending *p = store_batch_ext(batch, &pending_ops);
	enum trc_err rc;

	if (!p) {
		if (!(p = calloc(1, sizeof(*p))))
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		store_batch_set_ext(batch, &pending_ops, p);
	}
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct buf *n = realloc(p->recs, cap * sizeof(*n));

		if (!n)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		p->recs = n;
		p->cap = cap;
	}
	buf_init(&p->recs[p->n], TXINDEX_VALUE_MAX);
	rc = rec_tx_encode(tx, &p->recs[p->n], err);
	if (rc) {
		buf_release(&p->recs[p->n]);
		return rc;
	}
	p->n++;
	return TRC_OK;
}

/* ---- numbering at commit ---- */

struct txent {
	bool num_cached; /* from the write cache */
	uint64_t num;
	bool has_record;     /* a full record is stored or in this batch */
	bool indexed;	     /* ... and it has its indexes */
	int64_t batch;	     /* index in prep.txs, or -1 */
	struct txrec *store; /* its stored record, decoded on demand */
};

struct aent {
	uint32_t id;
	uint64_t count;
	bool dirty;
};

struct hent {
	struct buf list;
	size_t stored; /* list[0..stored) is the store's value */
	bool dirty;
};

struct counter {
	bool loaded, dirty;
	uint64_t next_tx;
	uint32_t next_addr;
};

struct prep {
	struct store *s;
	struct store_batch *b;
	struct counter ctr[256];
	struct intern txk; /* chain, txid */
	struct txent *tx;
	struct intern ak; /* chain, address */
	struct aent *ad;
	struct intern hk; /* a TABLE_TXID / TABLE_ADDR key */
	struct hent *hl;
	struct rec_tx *txs;
	size_t n_txs;
	struct clusterw *cw;	  /* the clustering's overlay, on first use */
	struct txcache *cache;	  /* NULL: none */
	struct keyfilter *filter; /* NULL: none */
};

static void prep_release(struct prep *P)
{
	for (size_t i = 0; i < intern_count(&P->txk); i++)
		if (P->tx[i].store) {
			txrec_release(P->tx[i].store);
			free(P->tx[i].store);
		}
	for (size_t i = 0; i < intern_count(&P->hk); i++)
		buf_release(&P->hl[i].list);
	for (size_t i = 0; i < P->n_txs; i++)
		rec_tx_release(&P->txs[i]);
	intern_release(&P->txk);
	intern_release(&P->ak);
	intern_release(&P->hk);
	clusterw_free(P->cw);
	free(P->tx);
	free(P->ad);
	free(P->hl);
	free(P->txs);
}

/* Grows *arr (elements of size) so that index id fits. */
static enum trc_err fit(void **arr, size_t id, size_t size,
			struct trc_error *err)
{
	size_t n = 64;
	void *a;

	while (n <= id)
		n *= 2;
	if (id && (id & (id - 1)) && *arr)
		return TRC_OK; /* not a power of two: already room */
	a = realloc(*arr, n * size);
	if (!a)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	*arr = a;
	return TRC_OK;
}

static void meta_next_key(struct key *k, uint8_t chain)
{
	key_init(k, TABLE_META);
	key_bytes(k, (const uint8_t *)KEY_META_NEXT, sizeof(KEY_META_NEXT) - 1);
	key_u8(k, chain);
}

static enum trc_err counter(struct prep *P, uint8_t chain, struct counter **out,
			    struct trc_error *err)
{
	struct counter *c = &P->ctr[chain];
	struct buf v = BUF_INIT(64);
	struct key k;
	struct reader r;
	bool found = false;
	enum trc_err rc = TRC_OK;

	*out = c;
	if (c->loaded)
		return TRC_OK;
	meta_next_key(&k, chain);
	rc = store_get(P->s, k.b, k.len, &v, &found, err);
	reader_init(&r, v.data, v.len, "counter record");
	if (!rc && found && !(rc = codec_get_uv(&r, &c->next_tx, err)))
		rc = codec_get_u32(&r, &c->next_addr, UINT32_MAX, err);
	c->loaded = !rc;
	buf_release(&v);
	return rc;
}

/* The pending list of a hashed index key, loaded from the store. */
static enum trc_err hash_list(struct prep *P, const struct key *k,
			      struct hent **out, struct trc_error *err)
{
	uint32_t id = intern_find(&P->hk, k->b, k->len);
	bool found = false;
	enum trc_err rc;

	if (id != INTERN_NONE) {
		*out = &P->hl[id];
		return TRC_OK;
	}
	if (intern_add(&P->hk, k->b, k->len, &id, err) ||
	    fit((void **)&P->hl, id, sizeof(*P->hl), err))
		return TRC_ERR_NOMEM;
	*out = &P->hl[id];
	buf_init(&(*out)->list, 1u << 20);
	(*out)->dirty = false;
	rc = keyfilter_may(P->filter, k->b, k->len)
		     ? store_get(P->s, k->b, k->len, &(*out)->list, &found, err)
		     : TRC_OK;
	(*out)->stored = (*out)->list.len;
	return rc;
}

static enum trc_err list_append(struct prep *P, const struct key *k, uint64_t v,
				struct trc_error *err)
{
	struct hent *h = NULL;
	enum trc_err rc = hash_list(P, k, &h, err);

	if (rc)
		return rc;
	if ((rc = codec_put_uv(&h->list, v)))
		return trc_fail(err, rc, "index entry too long");
	h->dirty = true;
	return TRC_OK;
}

/*
 * txindex_find_tx through the batch's copy of the index value (k, the
 * txid's key): the one read of the key serves the lookup and, when the
 * txid is new, the append (most lookups of an ingest are of new txids).
 * Only the stored part is searched: numbers given in this batch have no
 * stored record yet (and their txids are found in P->txk first).
 */
static enum trc_err find_tx(struct prep *P, const struct key *k, uint8_t chain,
			    const uint8_t txid[32], uint64_t *num,
			    struct buf *rec, bool *found, struct trc_error *err)
{
	struct hent *h = NULL;
	enum trc_err rc = hash_list(P, k, &h, err);

	*found = false;
	*num = 0;
	if (rc || !h->stored)
		return rc;
	return txindex_match_tx(P->s, chain, txid, h->list.data, h->stored, num,
				rec, found, err);
}

/* The same for an address (k, its addr key): its id and count into *a. */
static enum trc_err find_addr(struct prep *P, const struct key *k,
			      uint8_t chain, const char *addr, struct aent *a,
			      bool *found, struct trc_error *err)
{
	struct hent *h = NULL;
	enum trc_err rc = hash_list(P, k, &h, err);

	*found = false;
	if (rc || !h->stored)
		return rc;
	return txindex_match_addr(P->s, chain, addr, h->list.data, h->stored,
				  &a->id, &a->count, found, err);
}

static enum trc_err put_stub(struct prep *P, uint8_t chain, uint64_t num,
			     const uint8_t txid[32], struct trc_error *err)
{
	struct txrec t = TXREC_INIT;
	struct buf v = BUF_INIT(64);
	struct key k;
	enum trc_err rc;

	t.flags = TXREC_STUB;
	memcpy(t.txid, txid, 32);
	rc = txrec_encode(&t, &v, err);
	txindex_key_tx(&k, chain, num);
	if (!rc)
		store_batch_put(P->b, k.b, k.len, v.data, v.len);
	buf_release(&v);
	return rc;
}

/* Takes a stored record's head into e. */
static enum trc_err known_tx(struct txent *e, const struct buf *rec,
			     struct trc_error *err)
{
	uint8_t flags;
	uint32_t height;
	enum trc_err rc = txrec_peek(rec->data, rec->len, &flags, NULL, &height,
				     NULL, err);

	e->has_record = !rc && !(flags & TXREC_STUB);
	e->indexed = e->has_record && !(flags & REC_TX_PREVOUT) &&
		     height != REC_HEIGHT_UNKNOWN;
	return rc;
}

/* The entry of key (chain, txid) from the write cache. Out: *found. */
static enum trc_err cached_tx(struct prep *P, const uint8_t key[33],
			      struct txent *e, bool *found,
			      struct trc_error *err)
{
	struct txcache_tx c;
	struct txcache_out *outs = NULL;
	enum trc_err rc;

	if (!(*found = txcache_tx(P->cache, key, 33, &c, &outs)))
		return TRC_OK;
	e->num_cached = true;
	e->num = c.num;
	e->has_record = c.has_record;
	e->indexed = c.indexed;
	if (c.outs_known && (e->store = calloc(1, sizeof(*e->store)))) {
		rc = txrec_alloc(e->store, 0, c.n_out, 0, err);
		for (uint32_t i = 0; !rc && i < c.n_out; i++) {
			e->store->out[i].addr = outs[i].addr;
			e->store->out[i].value = outs[i].value;
		}
		if (rc) {
			free(outs);
			txrec_release(e->store);
			free(e->store);
			e->store = NULL;
			return rc;
		}
	}
	free(outs);
	return TRC_OK;
}

/*
 * The entry of (chain, txid): in this batch, in the store, or a new
 * number (with a stub record when stub is set: a reference).
 */
static enum trc_err tx_entry(struct prep *P, uint8_t chain,
			     const uint8_t txid[32], bool stub,
			     struct txent **out, struct trc_error *err)
{
	uint8_t kb[33];
	struct buf rec = BUF_INIT(TXINDEX_VALUE_MAX);
	struct txent e = { false, 0, false, false, -1, NULL };
	struct counter *c;
	struct key k;
	uint32_t id;
	bool found = false;
	enum trc_err rc;

	kb[0] = chain;
	memcpy(kb + 1, txid, 32);
	if ((id = intern_find(&P->txk, kb, 33)) != INTERN_NONE) {
		*out = &P->tx[id];
		return TRC_OK;
	}
	if (P->cache && (rc = cached_tx(P, kb, &e, &found, err)))
		return rc;
	txindex_key_txid(&k, chain, txid);
	if (!found)
		rc = find_tx(P, &k, chain, txid, &e.num, &rec, &found, err);
	if (!rc && found && !e.num_cached)
		rc = known_tx(&e, &rec, err);
	buf_release(&rec);
	if (!rc && !found && !(rc = counter(P, chain, &c, err))) {
		if (c->next_tx > CODEC_TXNUM_MAX)
			return trc_fail(err, TRC_ERR_TOOBIG,
					"more than 2^40 transactions");
		e.num = c->next_tx++;
		c->dirty = true;
		rc = list_append(P, &k, e.num, err);
		if (!rc && stub)
			rc = put_stub(P, chain, e.num, txid, err);
	}
	if (rc)
		return rc;
	if (intern_add(&P->txk, kb, 33, &id, err) ||
	    fit((void **)&P->tx, id, sizeof(*P->tx), err))
		return TRC_ERR_NOMEM;
	P->tx[id] = e;
	*out = &P->tx[id];
	return TRC_OK;
}

/* No id known beforehand (addr_entry's hint). */
#define NO_HINT UINT32_MAX

/*
 * The entry of address (an id given when new). hint: an id it may have
 * (the output an input spends says so), tried before the address index.
 */
static enum trc_err addr_entry(struct prep *P, uint8_t chain, const char *addr,
			       uint32_t hint, struct aent **out,
			       struct trc_error *err)
{
	size_t len = strlen(addr);
	char kb[1 + REC_ADDR_MAX];
	struct aent a = { 0, 0, false };
	struct counter *c;
	struct key k;
	uint32_t id;
	bool found = false;
	enum trc_err rc;

	if (!len || len > REC_ADDR_MAX)
		return trc_fail(err, TRC_ERR_INVALID,
				"address of %zu bytes (1 to %d)", len,
				REC_ADDR_MAX);
	kb[0] = (char)chain;
	memcpy(kb + 1, addr, len);
	if ((id = intern_find(&P->ak, kb, len + 1)) != INTERN_NONE) {
		*out = &P->ad[id];
		return TRC_OK;
	}
	if (P->cache)
		found = txcache_addr(P->cache, kb, len + 1, &a.id, &a.count);
	if (!found && hint != NO_HINT) {
		if ((rc = txindex_addr_is(P->s, chain, hint, addr, &a.count,
					  &found, err)))
			return rc;
		if (found)
			a.id = hint;
	}
	txindex_key_addr(&k, chain, addr);
	rc = found ? TRC_OK : find_addr(P, &k, chain, addr, &a, &found, err);
	if (!rc && !found && !(rc = counter(P, chain, &c, err))) {
		if (c->next_addr == UINT32_MAX)
			return trc_fail(err, TRC_ERR_TOOBIG,
					"more than 2^32 addresses");
		a.id = c->next_addr++;
		a.dirty = true;
		c->dirty = true;
		rc = list_append(P, &k, a.id, err);
	}
	if (rc)
		return rc;
	if (intern_add(&P->ak, kb, len + 1, &id, err) ||
	    fit((void **)&P->ad, id, sizeof(*P->ad), err))
		return TRC_ERR_NOMEM;
	P->ad[id] = a;
	*out = &P->ad[id];
	return TRC_OK;
}

static enum trc_err addr_ref_hint(struct prep *P, uint8_t chain,
				  const char *addr, uint32_t hint,
				  uint32_t *ref, struct trc_error *err)
{
	struct aent *a;
	enum trc_err rc;

	*ref = 0;
	if (!addr)
		return TRC_OK;
	if ((rc = addr_entry(P, chain, addr, hint, &a, err)))
		return rc;
	*ref = a->id + 1;
	return TRC_OK;
}

static enum trc_err addr_ref(struct prep *P, uint8_t chain, const char *addr,
			     uint32_t *ref, struct trc_error *err)
{
	return addr_ref_hint(P, chain, addr, NO_HINT, ref, err);
}

/* prev->store: the stored record of prev (which has one, not in this
 * batch), read on first use. */
static enum trc_err prev_outputs(struct prep *P, uint8_t chain,
				 struct txent *prev, struct trc_error *err)
{
	struct buf v = BUF_INIT(TXINDEX_VALUE_MAX);
	bool found = false;
	enum trc_err rc;

	if (prev->store)
		return TRC_OK;
	if (!(prev->store = calloc(1, sizeof(*prev->store))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = txindex_get_rec(P->s, chain, prev->num, &v, &found, err);
	if (!rc && !found)
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "tx number %llu lost its record",
			      (unsigned long long)prev->num);
	if (!rc)
		rc = txrec_decode(prev->store, v.data, v.len, err);
	buf_release(&v);
	return rc;
}

/*
 * What the output in spends tells before its address is looked up: the
 * write cache notes the spend, and *hint is the id the output pays
 * (NO_HINT: none known), so that an address the cache lost is found by
 * one read of its record, not through the address index.
 */
static enum trc_err spent_output(struct prep *P, uint8_t chain,
				 struct txent *prev, const struct rec_input *in,
				 uint32_t *hint, struct trc_error *err)
{
	uint8_t kb[33];
	enum trc_err rc;

	*hint = NO_HINT;
	if (P->cache) {
		kb[0] = chain;
		memcpy(kb + 1, in->prev_txid, 32);
		txcache_spent(P->cache, kb, 33, in->prev_vout);
	}
	if (!(in->flags & REC_IN_RESOLVED) || !in->address ||
	    !prev->has_record || prev->batch >= 0)
		return TRC_OK;
	if ((rc = prev_outputs(P, chain, prev, err)))
		return rc;
	if (in->prev_vout < prev->store->n_out &&
	    prev->store->out[in->prev_vout].addr)
		*hint = prev->store->out[in->prev_vout].addr - 1;
	return TRC_OK;
}

/* Whether the input's address and value are those of the output it
 * spends, so that they need not be kept with it. */
static enum trc_err spends_as_said(struct prep *P, uint8_t chain,
				   struct txent *prev,
				   const struct rec_input *in, uint32_t ref,
				   bool *same, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	*same = false;
	if (!prev->has_record)
		return TRC_OK;
	if (prev->batch >= 0) {
		const struct rec_tx *p = &P->txs[prev->batch];
		const struct rec_output *o;

		if (in->prev_vout >= p->n_out)
			return TRC_OK;
		o = &p->out[in->prev_vout];
		*same = o->address && !strcmp(o->address, in->address) &&
			!amount_cmp(o->value, in->value);
		return TRC_OK;
	}
	if ((rc = prev_outputs(P, chain, prev, err)))
		return rc;
	*same = in->prev_vout < prev->store->n_out &&
		prev->store->out[in->prev_vout].addr == ref &&
		!amount_cmp(prev->store->out[in->prev_vout].value, in->value);
	return TRC_OK;
}

static enum trc_err deflate_in(struct prep *P, const struct rec_tx *tx,
			       const struct rec_input *in, struct txrec_in *out,
			       struct trc_error *err)
{
	struct txent *prev = NULL;
	uint32_t ref = 0, hint = NO_HINT;
	bool same = false;
	enum trc_err rc;

	out->flags = in->flags & (REC_IN_COINBASE | REC_IN_RESOLVED);
	out->vout = in->prev_vout;
	if (!(in->flags & REC_IN_COINBASE) &&
	    ((rc = tx_entry(P, tx->chain, in->prev_txid, true, &prev, err)) ||
	     (rc = spent_output(P, tx->chain, prev, in, &hint, err))))
		return rc;
	if ((rc = addr_ref_hint(P, tx->chain, in->address, hint, &ref, err)))
		return rc;
	if (in->flags & REC_IN_COINBASE) {
		memcpy(out->prev_txid, in->prev_txid, 32);
	} else {
		out->prev = prev->num;
		if ((in->flags & REC_IN_RESOLVED) && in->address &&
		    (rc = spends_as_said(P, tx->chain, prev, in, ref, &same,
					 err)))
			return rc;
	}
	if (!same && (in->address || !amount_is_zero(in->value))) {
		out->flags |= TXREC_IN_INLINE;
		out->addr = ref;
		out->value = in->value;
	}
	return TRC_OK;
}

static enum trc_err deflate(struct prep *P, const struct rec_tx *tx,
			    struct txrec *t, struct trc_error *err)
{
	enum trc_err rc = txrec_alloc(t, tx->n_in, tx->n_out, tx->n_legs, err);

	t->flags = tx->flags;
	memcpy(t->txid, tx->txid, 32);
	t->height = tx->height;
	t->position = tx->position;
	t->time = tx->time;
	t->fee = tx->fee;
	if (!rc)
		rc = txrec_set_memo(t, tx, err);
	for (uint32_t i = 0; i < tx->n_in && !rc; i++)
		rc = deflate_in(P, tx, &tx->in[i], &t->in[i], err);
	for (uint32_t i = 0; i < tx->n_out && !rc; i++) {
		t->out[i].cls = tx->out[i].cls;
		t->out[i].value = tx->out[i].value;
		rc = addr_ref(P, tx->chain, tx->out[i].address, &t->out[i].addr,
			      err);
	}
	for (uint32_t i = 0; i < tx->n_legs && !rc; i++) {
		const struct rec_leg *l = &tx->legs[i];

		t->legs[i].kind = l->kind;
		t->legs[i].value = l->value;
		if (!(rc = addr_ref(P, tx->chain, l->asset, &t->legs[i].asset,
				    err)) &&
		    !(rc = addr_ref(P, tx->chain, l->from, &t->legs[i].from,
				    err)))
			rc = addr_ref(P, tx->chain, l->to, &t->legs[i].to, err);
	}
	return rc;
}

/* ---- the indexes of a transaction with a known place ---- */

struct end {
	uint32_t ref;
	uint8_t flag; /* HIST_RECEIVED, HIST_SENT or SENT_DERIVED */
	const char *addr;
};

/* A send that chaindb_each_hist derives (store/hist.h): counted, not
 * stored. */
#define SENT_DERIVED 0x80

static int end_order(const void *a, const void *b)
{
	uint32_t x = ((const struct end *)a)->ref;
	uint32_t y = ((const struct end *)b)->ref;

	return x < y ? -1 : x > y;
}

static size_t add_end(struct end *ends, size_t n, uint32_t ref,
		      const char *addr, uint8_t flag)
{
	if (ref) {
		ends[n].ref = ref;
		ends[n].flag = flag;
		ends[n].addr = addr;
		n++;
	}
	return n;
}

/* The entry of id in tx with the stored flags; none (deleted when the tx
 * was indexed before) when every flag is derived. */
static void put_hist_entry(struct prep *P, const struct rec_tx *tx,
			   uint64_t num, uint32_t id, uint8_t flags, bool again)
{
	struct key k;
	uint8_t v[1 + CODEC_UV_MAX];

	key_init_chain(&k, TABLE_HIST, tx->chain);
	key_be32(&k, id);
	key_be32(&k, tx->height);
	key_be32(&k, tx->position);
	v[0] = flags & (HIST_RECEIVED | HIST_SENT);
	if (v[0])
		store_batch_put(P->b, k.b, k.len, v,
				1 + codec_uv_put(v + 1, num));
	else if (again)
		store_batch_delete(P->b, k.b, k.len);
}

/*
 * The history rule (store/hist.h): a send is derived, not stored, when
 * the input refers to the output it spends (not inline) and that output's
 * transaction is indexed, so that its received entry and spent_by lead to
 * this transaction.
 */
static enum trc_err sent_flag(struct prep *P, const struct rec_tx *tx,
			      const struct txrec_in *in, uint32_t i,
			      uint8_t *flag, struct trc_error *err)
{
	struct txent *prev;
	enum trc_err rc;

	*flag = HIST_SENT;
	if (in->flags & (TXREC_IN_INLINE | TXREC_IN_COINBASE))
		return TRC_OK;
	if ((rc = tx_entry(P, tx->chain, tx->in[i].prev_txid, true, &prev,
			   err)))
		return rc;
	if (prev->indexed)
		*flag = SENT_DERIVED;
	return TRC_OK;
}

/* The ends of tx: every address it touches and how. Out: *n. */
static enum trc_err collect_ends(struct prep *P, const struct rec_tx *tx,
				 const struct txrec *t, struct end **out,
				 size_t *n, struct trc_error *err)
{
	size_t cap = (size_t)t->n_in + t->n_out + 2 * (size_t)t->n_legs;
	struct end *ends = malloc((cap ? cap : 1) * sizeof(*ends));
	enum trc_err rc = TRC_OK;

	*n = 0;
	*out = ends;
	if (!ends)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < tx->n_in && !rc; i++) {
		uint32_t ref = 0;
		uint8_t flag = HIST_SENT;

		rc = addr_ref(P, tx->chain, tx->in[i].address, &ref, err);
		if (!rc && ref)
			rc = sent_flag(P, tx, &t->in[i], i, &flag, err);
		*n = add_end(ends, *n, ref, tx->in[i].address, flag);
	}
	for (uint32_t i = 0; i < t->n_out; i++)
		*n = add_end(ends, *n, t->out[i].addr, tx->out[i].address,
			     HIST_RECEIVED);
	for (uint32_t i = 0; i < t->n_legs; i++) {
		*n = add_end(ends, *n, t->legs[i].from, tx->legs[i].from,
			     HIST_SENT);
		*n = add_end(ends, *n, t->legs[i].to, tx->legs[i].to,
			     HIST_RECEIVED);
	}
	qsort(ends, *n, sizeof(*ends), end_order);
	return rc;
}

/*
 * One history entry per address, its flags the union of what it did
 * (sorted and merged: wide consolidations repeat the same addresses); the
 * address's count grows unless the tx was indexed before.
 */
static enum trc_err put_history(struct prep *P, const struct rec_tx *tx,
				const struct txrec *t, uint64_t num, bool again,
				struct trc_error *err)
{
	struct end *ends;
	size_t n;
	enum trc_err rc = collect_ends(P, tx, t, &ends, &n, err);

	for (size_t i = 0; i < n && !rc;) {
		uint8_t flags = 0;
		size_t j = i;
		struct aent *a;

		for (; j < n && ends[j].ref == ends[i].ref; j++)
			flags |= ends[j].flag;
		put_hist_entry(P, tx, num, ends[i].ref - 1, flags, again);
		if (!again && !(rc = addr_entry(P, tx->chain, ends[i].addr,
						NO_HINT, &a, err))) {
			a->count++;
			a->dirty = true;
		}
		i = j;
	}
	free(ends);
	return rc;
}

static void put_spent_by(struct prep *P, const struct rec_tx *tx,
			 const struct txrec *t, uint64_t num)
{
	for (uint32_t i = 0; i < t->n_in; i++) {
		struct key k;
		uint8_t b[5], v[2 * CODEC_UV_MAX], vb[CODEC_UV_MAX];
		size_t n;

		if (t->in[i].flags & TXREC_IN_COINBASE)
			continue;
		codec_be40_put(b, t->in[i].prev);
		key_init_chain(&k, TABLE_SPENT_BY, tx->chain);
		key_bytes(&k, b, 5);
		key_bytes(&k, vb, codec_uv_put(vb, t->in[i].vout));
		n = codec_uv_put(v, num);
		n += codec_uv_put(v + n, i);
		store_batch_put(P->b, k.b, k.len, v, n);
	}
}

/* A failed transaction moves no value: only its fee is indexed. */
static enum trc_err put_legs(struct prep *P, const struct rec_tx *tx,
			     const struct txrec *t, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < t->n_legs && !rc; i++) {
		const struct txrec_leg *l = &t->legs[i];
		struct legs_end e = { tx->chain,    0, l->asset, tx->height,
				      tx->position, i, 0,	 l->kind,
				      l->value };

		if ((tx->flags & REC_TX_FAILED) && l->kind != LEG_FEE)
			continue;
		if (l->from) {
			e.addr = l->from - 1;
			e.dir = LEG_DIR_SENT;
			rc = legs_put(P->b, &e, err);
		}
		if (!rc && l->to) {
			e.addr = l->to - 1;
			e.dir = LEG_DIR_RECEIVED;
			rc = legs_put(P->b, &e, err);
		}
	}
	return rc;
}

static enum trc_err put_indexes(struct prep *P, const struct rec_tx *tx,
				const struct txrec *t, uint64_t num, bool again,
				struct trc_error *err)
{
	struct key k;
	uint8_t v[CODEC_UV_MAX];
	enum trc_err rc;

	key_init_chain(&k, TABLE_TX_POS, tx->chain);
	key_be32(&k, tx->height);
	key_be32(&k, tx->position);
	store_batch_put(P->b, k.b, k.len, v, codec_uv_put(v, num));
	if ((rc = put_history(P, tx, t, num, again, err)))
		return rc;
	put_spent_by(P, tx, t, num);
	if (tx->memo && tx->has_memo_ref)
		memoref_put(P->b, tx->chain, tx->memo_ref, num);
	return put_legs(P, tx, t, err);
}

/* A transaction indexed for the first time joins its inputs' clusters
 * (store/clusterdb.h has the rule). */
static enum trc_err put_cluster(struct prep *P, const struct rec_tx *tx,
				struct trc_error *err)
{
	uint32_t *ids;
	enum trc_err rc = TRC_OK;

	if (tx->n_legs || tx->n_in < 2)
		return TRC_OK;
	if (!P->cw && !(P->cw = clusterw_new(P->filter)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (!(ids = malloc(tx->n_in * sizeof(*ids))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < tx->n_in && !rc; i++) {
		struct aent *a;

		ids[i] = UINT32_MAX;
		if (tx->in[i].address &&
		    !(rc = addr_entry(P, tx->chain, tx->in[i].address, NO_HINT,
				      &a, err)))
			ids[i] = a->id;
	}
	if (!rc)
		rc = clusterw_tx(P->cw, P->s, P->b, tx, ids, err);
	free(ids);
	return rc;
}

/* ---- the write cache ---- */

/* Puts what e says of (chain, txid), with the outputs of t (NULL: not
 * known), into the write cache. */
static enum trc_err cache_tx(struct prep *P, uint8_t chain,
			     const uint8_t txid[32], const struct txent *e,
			     const struct txrec *t, struct trc_error *err)
{
	struct txcache_tx c = { e->num, e->has_record, e->indexed, false, 0 };
	struct txcache_out *outs = NULL;
	uint8_t kb[33];
	enum trc_err rc;

	kb[0] = chain;
	memcpy(kb + 1, txid, 32);
	if (t && e->has_record) {
		c.outs_known = true;
		c.n_out = t->n_out;
		if (t->n_out && !(outs = malloc(t->n_out * sizeof(*outs))))
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		for (uint32_t i = 0; i < t->n_out; i++) {
			outs[i].addr = t->out[i].addr;
			outs[i].value = t->out[i].value;
		}
	}
	rc = txcache_put_tx(P->cache, kb, 33, &c, outs, err);
	free(outs);
	return rc;
}

/* The addresses and the transactions of the store this batch touched,
 * into the write cache (those of the batch went in as they were put). */
static enum trc_err cache_touched(struct prep *P, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < intern_count(&P->ak) && !rc; i++) {
		size_t klen;
		const char *k = intern_key(&P->ak, (uint32_t)i, &klen);

		rc = txcache_put_addr(P->cache, k, klen, P->ad[i].id,
				      P->ad[i].count, err);
	}
	for (size_t i = 0; i < intern_count(&P->txk) && !rc; i++) {
		size_t klen;
		const uint8_t *k = (const uint8_t *)intern_key(
			&P->txk, (uint32_t)i, &klen);

		if (P->tx[i].batch < 0)
			rc = cache_tx(P, k[0], k + 1, &P->tx[i], P->tx[i].store,
				      err);
	}
	return rc;
}

/*
 * The write cache for this commit: made, kept, or forgotten; and the key
 * filter, which takes KEYFILTER_SHARE of its bytes, made with it and
 * dropped for the batch's life once another batch wrote (loaded again
 * at every such commit, it would cost a scan of the indexes each time).
 */
#define KEYFILTER_SHARE 8

static struct txcache *write_cache(struct pending *p, struct store *s)
{
	size_t bytes = store_write_cache(s);

	if (!bytes) {
		txcache_free(p->cache);
		keyfilter_free(p->filter);
		p->filter = NULL;
		return p->cache = NULL;
	}
	if (!p->cache) {
		p->cache = txcache_new(bytes - bytes / KEYFILTER_SHARE);
		if (!p->filter_off)
			p->filter = keyfilter_new(bytes / KEYFILTER_SHARE);
	} else if (p->s != s || p->seen != store_commits(s)) {
		txcache_clear(p->cache); /* another batch wrote since */
		keyfilter_free(p->filter);
		p->filter = NULL;
		p->filter_off = true;
	}
	return p->cache;
}

/* ---- one transaction, then the whole batch ---- */

static enum trc_err put_one(struct prep *P, size_t at, struct trc_error *err)
{
	const struct rec_tx *tx = &P->txs[at];
	struct txrec t = TXREC_INIT;
	struct buf v = BUF_INIT(TXINDEX_VALUE_MAX);
	struct txent *e;
	struct key k;
	uint64_t num;
	bool again;
	enum trc_err rc;

	if (P->filter && (rc = keyfilter_load(P->filter, P->s, tx->chain, err)))
		return rc;
	if ((rc = tx_entry(P, tx->chain, tx->txid, false, &e, err)))
		return rc;
	num = e->num;
	again = e->indexed;
	if (!(rc = deflate(P, tx, &t, err)))
		rc = txrec_encode(&t, &v, err);
	if (!rc) {
		txindex_key_tx(&k, tx->chain, num);
		store_batch_put(P->b, k.b, k.len, v.data, v.len);
		/* tx_entry again: deflate may have grown the table */
		rc = tx_entry(P, tx->chain, tx->txid, false, &e, err);
	}
	if (!rc) {
		e->has_record = true;
		e->batch = (int64_t)at;
		if (e->store) {
			txrec_release(e->store);
			free(e->store);
			e->store = NULL;
		}
	}
	if (!rc && tx->height != REC_HEIGHT_UNKNOWN &&
	    !(tx->flags & REC_TX_PREVOUT)) {
		rc = put_indexes(P, tx, &t, num, again, err);
		if (!rc && !again)
			rc = put_cluster(P, tx, err);
		e->indexed = true;
	}
	if (!rc && P->cache)
		rc = cache_tx(P, tx->chain, tx->txid, e, &t, err);
	txrec_release(&t);
	buf_release(&v);
	return rc;
}

static enum trc_err finish(struct prep *P, struct trc_error *err)
{
	for (size_t i = 0; i < intern_count(&P->hk); i++) {
		size_t klen;
		const char *k = intern_key(&P->hk, (uint32_t)i, &klen);

		if (!P->hl[i].dirty)
			continue;
		store_batch_put(P->b, (const uint8_t *)k, klen,
				P->hl[i].list.data, P->hl[i].list.len);
		keyfilter_add(P->filter, (const uint8_t *)k, klen);
	}
	for (size_t i = 0; i < intern_count(&P->ak); i++) {
		size_t klen;
		const char *k = intern_key(&P->ak, (uint32_t)i, &klen);
		uint8_t v[CODEC_UV_MAX + ADDRPACK_MAX];
		size_t n, m;
		struct key key;

		if (!P->ad[i].dirty)
			continue;
		n = codec_uv_put(v, P->ad[i].count);
		/* addr_entry admitted it: 1..REC_ADDR_MAX bytes, no NUL */
		if (!(m = addrpack(v + n, k + 1, klen - 1, err)))
			return TRC_ERR_INVALID;
		txindex_key_addr_id(&key, (uint8_t)k[0], P->ad[i].id);
		store_batch_put(P->b, key.b, key.len, v, n + m);
	}
	for (int c = 0; c < 256; c++) {
		uint8_t v[2 * CODEC_UV_MAX];
		size_t n;
		struct key key;

		if (!P->ctr[c].dirty)
			continue;
		n = codec_uv_put(v, P->ctr[c].next_tx);
		n += codec_uv_put(v + n, P->ctr[c].next_addr);
		meta_next_key(&key, (uint8_t)c);
		store_batch_put(P->b, key.b, key.len, v, n);
	}
	return P->cw ? clusterw_finish(P->cw, P->b, err) : TRC_OK;
}

static enum trc_err prepare(void *ext, struct store *s, struct store_batch *b,
			    struct trc_error *err)
{
	struct pending *p = ext;
	struct prep P;
	enum trc_err rc = TRC_OK;

	memset(&P, 0, sizeof(P));
	P.s = s;
	P.b = b;
	if (!p->n)
		return TRC_OK;
	P.cache = write_cache(p, s);
	P.filter = P.cache ? p->filter : NULL;
	P.txs = calloc(p->n, sizeof(*P.txs));
	if (!P.txs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < p->n && !rc; i++) {
		rc = rec_tx_decode(&P.txs[i], p->recs[i].data, p->recs[i].len,
				   err);
		if (!rc) {
			P.n_txs = i + 1;
			rc = put_one(&P, i, err);
		}
	}
	if (!rc && P.cache)
		rc = cache_touched(&P, err);
	if (!rc)
		rc = finish(&P, err);
	if (rc && P.cache)
		txcache_clear(P.cache);
	prep_release(&P);
	return rc;
}
