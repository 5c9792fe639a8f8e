#include "store/hist.h"

#include <stdlib.h>
#include <string.h>

#include "store/codec.h"
#include "store/keys.h"
#include "store/txindex.h"

/* A derived send waiting for its place: the spender's. */
struct pend {
	uint32_t height, position;
	uint64_t num;
};

struct walk {
	struct store *s;
	uint8_t chain;
	uint32_t id;
	const char *address;
	chaindb_hist_fn fn;
	void *ctx;
	bool stopped;
	struct pend *heap; /* a min-heap by (height, position) */
	size_t n, cap;
	struct trc_error *err;
};

static int pend_cmp(const struct pend *a, uint32_t height, uint32_t position)
{
	if (a->height != height)
		return a->height < height ? -1 : 1;
	if (a->position != position)
		return a->position < position ? -1 : 1;
	return 0;
}

static bool pend_less(const struct pend *a, const struct pend *b)
{
	return pend_cmp(a, b->height, b->position) < 0;
}

static enum trc_err heap_push(struct walk *w, struct pend p)
{
	size_t i;

	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		struct pend *h = realloc(w->heap, cap * sizeof(*h));

		if (!h)
			return trc_fail(w->err, TRC_ERR_NOMEM, "out of memory");
		w->heap = h;
		w->cap = cap;
	}
	for (i = w->n++; i > 0 && pend_less(&p, &w->heap[(i - 1) / 2]);
	     i = (i - 1) / 2)
		w->heap[i] = w->heap[(i - 1) / 2];
	w->heap[i] = p;
	return TRC_OK;
}

static struct pend heap_pop(struct walk *w)
{
	struct pend top = w->heap[0], last = w->heap[--w->n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= w->n)
			break;
		if (c + 1 < w->n && pend_less(&w->heap[c + 1], &w->heap[c]))
			c++;
		if (!pend_less(&w->heap[c], &last))
			break;
		w->heap[i] = w->heap[c];
		i = c;
	}
	if (w->n)
		w->heap[i] = last;
	return top;
}

static enum trc_err bad(struct walk *w, const char *what)
{
	return trc_fail(w->err, TRC_ERR_CORRUPT, "address history of '%s': %s",
			w->address, what);
}

/* Queues the spender of each output of num (record t) that pays the
 * address. */
static enum trc_err push_spenders(struct walk *w, uint64_t num,
				  const struct txrec *t)
{
	struct buf v = BUF_INIT(64), rec = BUF_INIT(TXINDEX_VALUE_MAX);
	enum trc_err rc = TRC_OK;

	for (uint32_t o = 0; o < t->n_out && !rc; o++) {
		uint8_t b[5], vb[CODEC_UV_MAX];
		struct pend p;
		struct reader r;
		struct key k;
		bool found = false;

		if (t->out[o].addr != w->id + 1)
			continue;
		codec_be40_put(b, num);
		key_init_chain(&k, TABLE_SPENT_BY, w->chain);
		key_bytes(&k, b, 5);
		key_bytes(&k, vb, codec_uv_put(vb, o));
		if ((rc = store_get(w->s, k.b, k.len, &v, &found, w->err)) ||
		    !found)
			continue;
		reader_init(&r, v.data, v.len, "spent_by entry");
		if ((rc = codec_get_uv(&r, &p.num, w->err)) ||
		    (rc = txindex_get_rec(w->s, w->chain, p.num, &rec, &found,
					  w->err)))
			break;
		if (!found) {
			rc = bad(w, "a spender without a record");
			break;
		}
		if ((rc = txrec_peek(rec.data, rec.len, NULL, NULL, &p.height,
				     &p.position, w->err)) ||
		    (rc = heap_push(w, p)))
			break;
	}
	buf_release(&v);
	buf_release(&rec);
	return rc;
}

static enum trc_err emit(struct walk *w, uint32_t height, uint32_t position,
			 uint8_t flags, uint64_t num, const uint8_t *txid)
{
	struct chaindb_hist h;
	enum trc_err rc = TRC_OK;

	h.height = height;
	h.position = position;
	h.flags = flags;
	if (txid)
		memcpy(h.txid, txid, 32);
	else if ((rc = txindex_txid(w->s, w->chain, num, h.txid, w->err)))
		return rc;
	if (w->fn(&h, w->ctx))
		w->stopped = true;
	return rc;
}

/*
 * Emits the derived sends before (height, position) (all when last), one
 * entry per spender. Out: *at, HIST_SENT when one is at (height,
 * position) itself (the stored entry there takes it).
 */
static enum trc_err drain(struct walk *w, bool last, uint32_t height,
			  uint32_t position, uint8_t *at)
{
	enum trc_err rc = TRC_OK;

	*at = 0;
	while (!rc && w->n && !w->stopped) {
		int c = last ? -1 : pend_cmp(&w->heap[0], height, position);
		struct pend p;

		if (c > 0)
			break;
		p = heap_pop(w);
		while (w->n && !pend_cmp(&w->heap[0], p.height, p.position))
			(void)heap_pop(w);
		if (c == 0)
			*at = HIST_SENT;
		else
			rc = emit(w, p.height, p.position, HIST_SENT, p.num,
				  NULL);
	}
	return rc;
}

/* One stored entry: its place in the key, flags and number in the value. */
static enum trc_err stored(struct walk *w, const uint8_t *key, size_t klen,
			   size_t plen, const uint8_t *val, size_t vlen)
{
	struct txrec t = TXREC_INIT;
	struct buf rec = BUF_INIT(TXINDEX_VALUE_MAX);
	struct reader r;
	uint32_t height, position;
	uint64_t num;
	uint8_t flags, at;
	bool found = false;
	enum trc_err rc;

	reader_init(&r, val, vlen, "address history entry");
	if (klen != plen + 8 || vlen < 2 || reader_u8(&r, &flags, NULL) ||
	    codec_get_uv(&r, &num, NULL) || reader_left(&r))
		return bad(w, "an entry of a bad size");
	height = be32_get(key + plen);
	position = be32_get(key + plen + 4);
	if ((rc = drain(w, false, height, position, &at)) || w->stopped)
		return rc;
	flags |= at;
	if (!(flags & HIST_RECEIVED))
		return emit(w, height, position, flags, num, NULL);
	rc = txindex_get_rec(w->s, w->chain, num, &rec, &found, w->err);
	if (!rc && !found)
		rc = bad(w, "an entry without a record");
	if (!rc)
		rc = txrec_decode(&t, rec.data, rec.len, w->err);
	if (!rc)
		rc = push_spenders(w, num, &t);
	if (!rc)
		rc = emit(w, height, position, flags, num, t.txid);
	txrec_release(&t);
	buf_release(&rec);
	return rc;
}

enum trc_err hist_each(struct store *s, uint8_t chain, uint32_t id,
		       const char *address, chaindb_hist_fn fn, void *ctx,
		       struct trc_error *err)
{
	struct walk w = {
		s, chain, id, address, fn, ctx, false, NULL, 0, 0, err
	};
	struct store_iter *it;
	const uint8_t *key, *val;
	size_t klen, vlen;
	struct key k;
	uint8_t at;
	enum trc_err rc = TRC_OK;

	key_init_chain(&k, TABLE_HIST, chain);
	key_be32(&k, id);
	if (!(it = store_iter_prefix(s, k.b, k.len)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (!rc && !w.stopped &&
	       store_iter_next(it, &key, &klen, &val, &vlen))
		rc = stored(&w, key, klen, k.len, val, vlen);
	if (!rc)
		rc = store_iter_error(it, err);
	store_iter_free(it);
	if (!rc)
		rc = drain(&w, true, 0, 0, &at);
	free(w.heap);
	return rc;
}

/*
 * For a referring input (not inline): whether it spends an output of id
 * (*spends), and whether the transaction holding that output is indexed.
 */
static enum trc_err spent_output(struct store *s, uint8_t chain, uint32_t id,
				 const struct txrec_in *in, bool *spends,
				 bool *indexed, struct trc_error *err)
{
	struct buf rec = BUF_INIT(TXINDEX_VALUE_MAX);
	struct txrec p = TXREC_INIT;
	bool found = false;
	enum trc_err rc;

	*spends = *indexed = false;
	rc = txindex_get_rec(s, chain, in->prev, &rec, &found, err);
	if (!rc && found)
		rc = txrec_decode(&p, rec.data, rec.len, err);
	if (!rc && found && !(p.flags & TXREC_STUB)) {
		*spends = in->vout < p.n_out && p.out[in->vout].addr == id + 1;
		*indexed = !(p.flags & REC_TX_PREVOUT) &&
			   p.height != REC_HEIGHT_UNKNOWN;
	}
	txrec_release(&p);
	buf_release(&rec);
	return rc;
}

enum trc_err hist_sent_needed(struct store *s, uint8_t chain, uint32_t id,
			      const struct txrec *t, bool *needed,
			      struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	*needed = false;
	for (uint32_t i = 0; i < t->n_legs && !*needed; i++)
		*needed = t->legs[i].from == id + 1;
	for (uint32_t i = 0; i < t->n_in && !*needed && !rc; i++) {
		const struct txrec_in *in = &t->in[i];
		bool spends = false, indexed = false;

		if (in->flags & TXREC_IN_COINBASE)
			continue;
		if (in->flags & TXREC_IN_INLINE) {
			*needed = in->addr == id + 1;
			continue;
		}
		rc = spent_output(s, chain, id, in, &spends, &indexed, err);
		*needed = !rc && spends && !indexed;
	}
	return rc;
}
