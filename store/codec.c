#include "store/codec.h"

size_t codec_uv_put(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

enum trc_err codec_put_uv(struct buf *b, uint64_t v)
{
	uint8_t t[CODEC_UV_MAX];

	return buf_append(b, t, codec_uv_put(t, v));
}

/* 7 bits at a time from the least significant limb up. */
enum trc_err codec_put_amount(struct buf *b, trc_amount a)
{
	uint8_t t[CODEC_AMOUNT_MAX];
	size_t n = 0;

	for (;;) {
		uint8_t low = (uint8_t)(a.w[0] & 0x7f);

		for (int i = 0; i < 4; i++)
			a.w[i] = (a.w[i] >> 7) | (i < 3 ? a.w[i + 1] << 57 : 0);
		if (amount_is_zero(a)) {
			t[n++] = low;
			break;
		}
		t[n++] = low | 0x80;
	}
	return buf_append(b, t, n);
}

enum trc_err codec_put_time(struct buf *b, int64_t t)
{
	uint64_t z = ((uint64_t)t << 1) ^ (uint64_t)(t >> 63);

	return codec_put_uv(b, z);
}

static enum trc_err bad_varint(struct reader *r, size_t at, const char *why,
			       struct trc_error *err)
{
	return trc_fail(err, TRC_ERR_CORRUPT, "%s: %s at offset %zu",
			r->what ? r->what : "record", why, at);
}

/* Reads up to max_bytes of varint into limbs of 64 bits (n_limbs). */
static enum trc_err get_varint(struct reader *r, uint64_t *limbs, int n_limbs,
			       size_t max_bytes, struct trc_error *err)
{
	size_t at = r->pos;

	for (int i = 0; i < n_limbs; i++)
		limbs[i] = 0;
	for (size_t k = 0;; k++) {
		uint8_t c;
		unsigned shift = (unsigned)(7 * k);

		if (k >= max_bytes)
			return bad_varint(r, at, "varint too long", err);
		if (reader_u8(r, &c, err))
			return bad_varint(r, at, "truncated varint", err);
		if ((unsigned)(shift / 64) < (unsigned)n_limbs) {
			uint64_t v = (uint64_t)(c & 0x7f);

			limbs[shift / 64] |= v << (shift % 64);
			if (shift % 64 > 57 &&
			    shift / 64 + 1 < (unsigned)n_limbs)
				limbs[shift / 64 + 1] |= v >> (64 - shift % 64);
			else if (shift % 64 > 57 && (v >> (64 - shift % 64)))
				return bad_varint(r, at, "varint overflows",
						  err);
		} else if (c & 0x7f) {
			return bad_varint(r, at, "varint overflows", err);
		}
		if (!(c & 0x80)) {
			if (k && !c)
				return bad_varint(r, at, "non-canonical varint",
						  err);
			return TRC_OK;
		}
	}
}

enum trc_err codec_get_uv(struct reader *r, uint64_t *v, struct trc_error *err)
{
	return get_varint(r, v, 1, CODEC_UV_MAX, err);
}

enum trc_err codec_get_u32(struct reader *r, uint32_t *v, uint32_t max,
			   struct trc_error *err)
{
	uint64_t x;
	size_t at = r->pos;
	enum trc_err rc = codec_get_uv(r, &x, err);

	*v = 0;
	if (rc)
		return rc;
	if (x > max)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"%s: number %llu over %u at offset %zu",
				r->what ? r->what : "record",
				(unsigned long long)x, max, at);
	*v = (uint32_t)x;
	return TRC_OK;
}

enum trc_err codec_get_amount(struct reader *r, trc_amount *a,
			      struct trc_error *err)
{
	*a = AMOUNT_ZERO;
	return get_varint(r, a->w, 4, CODEC_AMOUNT_MAX, err);
}

enum trc_err codec_get_time(struct reader *r, int64_t *t, struct trc_error *err)
{
	uint64_t z;
	enum trc_err rc = codec_get_uv(r, &z, err);

	*t = rc ? 0 : (int64_t)((z >> 1) ^ (0 - (z & 1)));
	return rc;
}

void codec_be40_put(uint8_t p[5], uint64_t v)
{
	for (int i = 4; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

uint64_t codec_be40_get(const uint8_t p[5])
{
	uint64_t v = 0;

	for (int i = 0; i < 5; i++)
		v = v << 8 | p[i];
	return v;
}
