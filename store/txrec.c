#include "store/txrec.h"

#include <stdlib.h>
#include <string.h>

#include "store/codec.h"
#include "store/record.h"

#define MAX_ITEMS (1u << 24) /* far above any real transaction */

void txrec_init(struct txrec *t)
{
	memset(t, 0, sizeof(*t));
}

void txrec_release(struct txrec *t)
{
	free(t->in);
	free(t->out);
	free(t->legs);
	free(t->memo);
	txrec_init(t);
}

enum trc_err txrec_set_memo(struct txrec *t, const struct rec_tx *tx,
			    struct trc_error *err)
{
	free(t->memo);
	t->memo = NULL;
	t->flags &= (uint8_t)~TXREC_MEMO;
	if (!tx->memo)
		return TRC_OK;
	if (!(t->memo = strdup(tx->memo)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	t->flags |= TXREC_MEMO;
	t->memo_n = tx->memo_n;
	t->has_memo_ref = tx->has_memo_ref;
	memcpy(t->memo_ref, tx->memo_ref, 32);
	return TRC_OK;
}

enum trc_err txrec_alloc(struct txrec *t, uint32_t n_in, uint32_t n_out,
			 uint32_t n_legs, struct trc_error *err)
{
	t->in = calloc(n_in ? n_in : 1, sizeof(*t->in));
	t->out = calloc(n_out ? n_out : 1, sizeof(*t->out));
	t->legs = calloc(n_legs ? n_legs : 1, sizeof(*t->legs));
	if (!t->in || !t->out || !t->legs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	t->n_in = n_in;
	t->n_out = n_out;
	t->n_legs = n_legs;
	return TRC_OK;
}

static enum trc_err put_in(struct buf *b, const struct txrec_in *in)
{
	enum trc_err rc = buf_append_u8(b, in->flags);

	if (!rc && (in->flags & TXREC_IN_COINBASE))
		rc = buf_append(b, in->prev_txid, 32);
	else if (!rc)
		rc = codec_put_uv(b, in->prev);
	if (!rc)
		rc = codec_put_uv(b, in->vout);
	if (!rc && (in->flags & TXREC_IN_INLINE) &&
	    !(rc = codec_put_uv(b, in->addr)))
		rc = codec_put_amount(b, in->value);
	return rc;
}

/* The memo: length varint, the bytes; output/leg + 1 varint (0: none);
 * reference flag u8, then 32 bytes when 1. */
static enum trc_err put_memo(struct buf *b, const struct txrec *t)
{
	size_t n = t->memo ? strlen(t->memo) : 0;
	enum trc_err rc;

	if (!t->memo || !rec_memo_ok(t->memo, n))
		return TRC_ERR_INVALID;
	if ((rc = codec_put_uv(b, n)) || (rc = buf_append(b, t->memo, n)) ||
	    (rc = codec_put_uv(b, t->memo_n == REC_MEMO_NO_N
					  ? 0
					  : (uint64_t)t->memo_n + 1)) ||
	    (rc = buf_append_u8(b, t->has_memo_ref ? 1 : 0)))
		return rc;
	return t->has_memo_ref ? buf_append(b, t->memo_ref, 32) : TRC_OK;
}

static enum trc_err put_body(const struct txrec *t, struct buf *b)
{
	enum trc_err rc;

	uint64_t h1 = t->height == REC_HEIGHT_UNKNOWN ? 0 : t->height + 1ull;

	if ((rc = codec_put_uv(b, h1)) || (rc = codec_put_uv(b, t->position)) ||
	    (rc = codec_put_time(b, t->time)) ||
	    (rc = codec_put_amount(b, t->fee)) ||
	    (rc = codec_put_uv(b, t->n_in)) ||
	    (rc = codec_put_uv(b, t->n_out)) ||
	    (rc = codec_put_uv(b, t->n_legs)))
		return rc;
	for (uint32_t i = 0; i < t->n_in && !rc; i++)
		rc = put_in(b, &t->in[i]);
	for (uint32_t i = 0; i < t->n_out && !rc; i++) {
		const struct txrec_out *o = &t->out[i];

		if (!(rc = buf_append_u8(b, o->cls)) &&
		    !(rc = codec_put_uv(b, o->addr)))
			rc = codec_put_amount(b, o->value);
	}
	for (uint32_t i = 0; i < t->n_legs && !rc; i++) {
		const struct txrec_leg *l = &t->legs[i];

		if (!(rc = buf_append_u8(b, l->kind)) &&
		    !(rc = codec_put_uv(b, l->asset)) &&
		    !(rc = codec_put_uv(b, l->from)) &&
		    !(rc = codec_put_uv(b, l->to)))
			rc = codec_put_amount(b, l->value);
	}
	if (!rc && (t->flags & TXREC_MEMO))
		rc = put_memo(b, t);
	return rc;
}

enum trc_err txrec_encode(const struct txrec *t, struct buf *out,
			  struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = buf_append_u8(out, t->flags)) ||
	    (rc = buf_append(out, t->txid, 32)))
		goto fail;
	if (!(t->flags & TXREC_STUB) && (rc = put_body(t, out)))
		goto fail;
	return TRC_OK;
fail:
	return trc_fail(err, rc, "cannot encode transaction record: %s",
			trc_strerror(rc));
}

static enum trc_err get_in(struct reader *r, struct txrec_in *in,
			   struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = reader_u8(r, &in->flags, err)))
		return rc;
	if (in->flags &
	    ~(TXREC_IN_COINBASE | TXREC_IN_RESOLVED | TXREC_IN_INLINE))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"tx record: unknown input flags 0x%02x at "
				"offset %zu",
				in->flags, r->pos - 1);
	if (in->flags & TXREC_IN_COINBASE)
		rc = reader_copy(r, in->prev_txid, 32, err);
	else
		rc = codec_get_uv(r, &in->prev, err);
	if (!rc)
		rc = codec_get_u32(r, &in->vout, UINT32_MAX, err);
	if (!rc && (in->flags & TXREC_IN_INLINE) &&
	    !(rc = codec_get_u32(r, &in->addr, UINT32_MAX, err)))
		rc = codec_get_amount(r, &in->value, err);
	return rc;
}

static enum trc_err get_out(struct reader *r, struct txrec_out *o,
			    struct trc_error *err)
{
	enum trc_err rc = reader_u8(r, &o->cls, err);

	if (!rc)
		rc = codec_get_u32(r, &o->addr, UINT32_MAX, err);
	if (!rc)
		rc = codec_get_amount(r, &o->value, err);
	return rc;
}

static enum trc_err get_leg(struct reader *r, struct txrec_leg *l,
			    struct trc_error *err)
{
	enum trc_err rc = reader_u8(r, &l->kind, err);

	if (!rc && (l->kind < LEG_NATIVE || l->kind > LEG_KIND_MAX))
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "tx record: unknown leg kind %u at offset %zu",
			      l->kind, r->pos - 1);
	if (!rc)
		rc = codec_get_u32(r, &l->asset, UINT32_MAX, err);
	if (!rc)
		rc = codec_get_u32(r, &l->from, UINT32_MAX, err);
	if (!rc)
		rc = codec_get_u32(r, &l->to, UINT32_MAX, err);
	if (!rc)
		rc = codec_get_amount(r, &l->value, err);
	return rc;
}

/* The head: flags, txid, and for a full record height and position. */
static enum trc_err get_head(struct reader *r, struct txrec *t,
			     struct trc_error *err)
{
	uint32_t h1;
	enum trc_err rc;

	if ((rc = reader_u8(r, &t->flags, err)) ||
	    (rc = reader_copy(r, t->txid, 32, err)))
		return rc;
	if ((t->flags & ~(REC_TX_FAILED | REC_TX_PREVOUT | REC_TX_COINBASE |
			  REC_TX_INCLUDED | REC_TX_PROVEN |
			  REC_TX_FEE_ASSERTED | TXREC_STUB | TXREC_MEMO)) ||
	    ((t->flags & TXREC_STUB) && (t->flags & TXREC_MEMO)))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"tx record: unknown flags 0x%02x", t->flags);
	if (t->flags & TXREC_STUB) {
		t->height = REC_HEIGHT_UNKNOWN;
		return TRC_OK;
	}
	if ((rc = codec_get_u32(r, &h1, UINT32_MAX, err)) ||
	    (rc = codec_get_u32(r, &t->position, UINT32_MAX, err)))
		return rc;
	t->height = h1 - 1; /* 0 (unknown) wraps to REC_HEIGHT_UNKNOWN */
	return TRC_OK;
}

static enum trc_err get_count(struct reader *r, uint32_t *n,
			      struct trc_error *err)
{
	enum trc_err rc = codec_get_u32(r, n, MAX_ITEMS, err);

	if (!rc && *n > reader_left(r))
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "tx record: count %u exceeds the bytes left", *n);
	return rc;
}

static enum trc_err get_memo(struct reader *r, struct txrec *t,
			     struct trc_error *err)
{
	uint32_t n, n1;
	const uint8_t *p;
	uint8_t has_ref;
	enum trc_err rc;

	if ((rc = codec_get_u32(r, &n, REC_MEMO_MAX, err)) ||
	    (rc = reader_bytes(r, &p, n, err)))
		return rc;
	if (!rec_memo_ok((const char *)p, n))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"tx record: memo not printable ASCII at "
				"offset %zu",
				r->pos - n);
	if (!(t->memo = malloc(n + 1)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(t->memo, p, n);
	t->memo[n] = '\0';
	if ((rc = codec_get_u32(r, &n1, UINT32_MAX, err)) ||
	    (rc = reader_u8(r, &has_ref, err)))
		return rc;
	if (has_ref > 1)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"tx record: memo reference flag %u", has_ref);
	t->memo_n = n1 ? n1 - 1 : REC_MEMO_NO_N;
	t->has_memo_ref = has_ref;
	return has_ref ? reader_copy(r, t->memo_ref, 32, err) : TRC_OK;
}

static enum trc_err get_body(struct reader *r, struct txrec *t,
			     struct trc_error *err)
{
	uint32_t n_in, n_out, n_legs;
	enum trc_err rc;

	if ((rc = codec_get_time(r, &t->time, err)) ||
	    (rc = codec_get_amount(r, &t->fee, err)) ||
	    (rc = get_count(r, &n_in, err)) ||
	    (rc = get_count(r, &n_out, err)) ||
	    (rc = get_count(r, &n_legs, err)) ||
	    (rc = txrec_alloc(t, n_in, n_out, n_legs, err)))
		return rc;
	for (uint32_t i = 0; i < n_in && !rc; i++)
		rc = get_in(r, &t->in[i], err);
	for (uint32_t i = 0; i < n_out && !rc; i++)
		rc = get_out(r, &t->out[i], err);
	for (uint32_t i = 0; i < n_legs && !rc; i++)
		rc = get_leg(r, &t->legs[i], err);
	if (!rc && (t->flags & TXREC_MEMO))
		rc = get_memo(r, t, err);
	return rc;
}

enum trc_err txrec_decode(struct txrec *t, const uint8_t *p, size_t len,
			  struct trc_error *err)
{
	struct reader r;
	enum trc_err rc;

	txrec_init(t);
	reader_init(&r, p, len, "tx record");
	rc = get_head(&r, t, err);
	if (!rc && !(t->flags & TXREC_STUB))
		rc = get_body(&r, t, err);
	if (!rc && reader_left(&r))
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "%zu trailing bytes after the tx record",
			      reader_left(&r));
	if (rc) {
		txrec_release(t);
		rc = rc == TRC_ERR_NOMEM ? rc : TRC_ERR_CORRUPT;
		if (err)
			err->code = rc;
	}
	return rc;
}

enum trc_err txrec_peek(const uint8_t *p, size_t len, uint8_t *flags,
			uint8_t txid[32], uint32_t *height, uint32_t *position,
			struct trc_error *err)
{
	struct txrec t = TXREC_INIT;
	struct reader r;
	enum trc_err rc;

	reader_init(&r, p, len, "tx record");
	rc = get_head(&r, &t, err);
	if (rc)
		return err ? (err->code = TRC_ERR_CORRUPT) : TRC_ERR_CORRUPT;
	if (flags)
		*flags = t.flags;
	if (txid)
		memcpy(txid, t.txid, 32);
	if (height)
		*height = t.height;
	if (position)
		*position = t.position;
	return TRC_OK;
}
