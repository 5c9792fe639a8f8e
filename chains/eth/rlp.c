#include "chains/eth/rlp.h"

#include <string.h>

/*
 * Decodes the header of the item at p[0..len) (offset base in the input).
 * Out: item, and *total = header + payload bytes.
 */
static enum trc_err item_at(struct rlp_item *item, const uint8_t *p, size_t len,
			    size_t base, struct trc_error *err)
{
	uint8_t b;
	size_t hdr = 1, plen = 0, nlen;

	memset(item, 0, sizeof(*item));
	if (len == 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"rlp: truncated at offset %zu: no item", base);
	b = p[0];
	if (b < 0x80) {
		hdr = 0;
		plen = 1;
	} else if (b <= 0xb7 || (b >= 0xc0 && b <= 0xf7)) {
		plen = b - (b >= 0xc0 ? 0xc0 : 0x80);
	} else {
		nlen = b - (b >= 0xf8 ? 0xf7 : 0xb7);
		if (len - 1 < nlen)
			return trc_fail(err, TRC_ERR_PARSE,
					"rlp: truncated length at offset %zu",
					base);
		if (p[1] == 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"rlp: non-canonical length with a "
					"leading zero at offset %zu",
					base);
		if (nlen > sizeof(size_t) || nlen > 4)
			return trc_fail(err, TRC_ERR_PARSE,
					"rlp: length of %zu bytes at offset "
					"%zu is too large",
					nlen, base);
		for (size_t i = 0; i < nlen; i++)
			plen = (plen << 8) | p[1 + i];
		if (plen < 56)
			return trc_fail(err, TRC_ERR_PARSE,
					"rlp: non-canonical long form for "
					"length %zu at offset %zu",
					plen, base);
		hdr = 1 + nlen;
	}
	if (len - hdr < plen)
		return trc_fail(err, TRC_ERR_PARSE,
				"rlp: item at offset %zu needs %zu bytes, %zu "
				"left",
				base, plen, len - hdr);
	if (b == 0x81 && p[1] < 0x80)
		return trc_fail(err, TRC_ERR_PARSE,
				"rlp: non-canonical single byte 0x%02x at "
				"offset %zu",
				p[1], base);
	item->list = b >= 0xc0;
	item->p = p + hdr;
	item->len = plen;
	item->off = base;
	item->enc = p;
	item->enc_len = hdr + plen;
	return TRC_OK;
}

enum trc_err rlp_decode(struct rlp_item *item, const uint8_t *p, size_t len,
			size_t base, struct trc_error *err)
{
	enum trc_err rc = item_at(item, p, len, base, err);

	if (rc)
		return rc;
	if (item->enc_len != len) {
		size_t extra = len - item->enc_len;

		memset(item, 0, sizeof(*item));
		return trc_fail(err, TRC_ERR_PARSE,
				"rlp: %zu trailing bytes at offset %zu", extra,
				base + len - extra);
	}
	return TRC_OK;
}

void rlp_iter_init(struct rlp_iter *it, const struct rlp_item *list)
{
	it->list = list;
	it->pos = 0;
}

enum trc_err rlp_iter_next(struct rlp_iter *it, struct rlp_item *item,
			   bool *done, struct trc_error *err)
{
	const struct rlp_item *l = it->list;
	size_t hdr = l->enc_len - l->len;
	enum trc_err rc;

	*done = it->pos >= l->len;
	if (*done) {
		memset(item, 0, sizeof(*item));
		return TRC_OK;
	}
	rc = item_at(item, l->p + it->pos, l->len - it->pos,
		     l->off + hdr + it->pos, err);
	if (rc)
		return rc;
	it->pos += item->enc_len;
	return TRC_OK;
}

enum trc_err rlp_list(const struct rlp_item *list, struct rlp_item *items,
		      size_t max, size_t *n, struct trc_error *err)
{
	struct rlp_iter it;
	struct rlp_item tmp;
	bool done = false;
	enum trc_err rc;

	*n = 0;
	if (!list->list)
		return trc_fail(err, TRC_ERR_PARSE,
				"rlp: expected a list at offset %zu",
				list->off);
	rlp_iter_init(&it, list);
	for (;;) {
		rc = rlp_iter_next(&it, &tmp, &done, err);
		if (rc || done)
			return rc;
		if (*n == max)
			return trc_fail(err, TRC_ERR_PARSE,
					"rlp: list at offset %zu has more "
					"than %zu items",
					list->off, max);
		items[(*n)++] = tmp;
	}
}

static enum trc_err want_string(const struct rlp_item *it, const char *field,
				struct trc_error *err)
{
	if (it->list)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s at offset %zu: expected a byte string, "
				"found a list",
				field, it->off);
	return TRC_OK;
}

static enum trc_err want_int(const struct rlp_item *it, size_t max,
			     const char *field, struct trc_error *err)
{
	enum trc_err rc = want_string(it, field, err);

	if (rc)
		return rc;
	if (it->len > max)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s at offset %zu: integer of %zu bytes, at "
				"most %zu allowed",
				field, it->off, it->len, max);
	if (it->len > 0 && it->p[0] == 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s at offset %zu: integer with a leading "
				"zero byte",
				field, it->off);
	return TRC_OK;
}

enum trc_err rlp_get_u64(const struct rlp_item *it, uint64_t *v,
			 const char *field, struct trc_error *err)
{
	enum trc_err rc = want_int(it, 8, field, err);

	*v = 0;
	if (rc)
		return rc;
	for (size_t i = 0; i < it->len; i++)
		*v = (*v << 8) | it->p[i];
	return TRC_OK;
}

enum trc_err rlp_get_amount(const struct rlp_item *it, trc_amount *v,
			    const char *field, struct trc_error *err)
{
	enum trc_err rc = want_int(it, 32, field, err);

	*v = AMOUNT_ZERO;
	if (rc)
		return rc;
	return amount_from_be(v, it->p, it->len);
}

enum trc_err rlp_get_fixed(const struct rlp_item *it, uint8_t *out, size_t n,
			   const char *field, struct trc_error *err)
{
	enum trc_err rc = want_string(it, field, err);

	memset(out, 0, n);
	if (rc)
		return rc;
	if (it->len != n)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s at offset %zu: %zu bytes, expected %zu",
				field, it->off, it->len, n);
	memcpy(out, it->p, n);
	return TRC_OK;
}

enum trc_err rlp_get_bytes(const struct rlp_item *it, const uint8_t **p,
			   size_t *len, const char *field,
			   struct trc_error *err)
{
	enum trc_err rc = want_string(it, field, err);

	*p = rc ? NULL : it->p;
	*len = rc ? 0 : it->len;
	return rc;
}

enum trc_err rlp_put_header(struct buf *out, bool list, size_t len)
{
	uint8_t h[9];
	uint8_t base = list ? 0xc0 : 0x80;
	size_t n = 0;

	if (len < 56)
		return buf_append_u8(out, (uint8_t)(base + len));
	for (size_t v = len; v; v >>= 8)
		n++;
	h[0] = (uint8_t)(base + 55 + n);
	for (size_t i = 0; i < n; i++)
		h[n - i] = (uint8_t)(len >> (8 * i));
	return buf_append(out, h, n + 1);
}

enum trc_err rlp_put_bytes(struct buf *out, const uint8_t *p, size_t len)
{
	enum trc_err rc;

	if (len == 1 && p[0] < 0x80)
		return buf_append_u8(out, p[0]);
	rc = rlp_put_header(out, false, len);
	return rc ? rc : buf_append(out, p, len);
}

enum trc_err rlp_put_u64(struct buf *out, uint64_t v)
{
	uint8_t b[8];
	size_t skip = 0;

	be64_put(b, v);
	while (skip < 8 && b[skip] == 0)
		skip++;
	return rlp_put_bytes(out, b + skip, 8 - skip);
}

enum trc_err rlp_put_amount(struct buf *out, trc_amount v)
{
	uint8_t b[32];
	size_t n = amount_byte_len(v);

	amount_to_be32(b, v);
	return rlp_put_bytes(out, b + 32 - n, n);
}

enum trc_err rlp_put_list(struct buf *out, const uint8_t *payload, size_t len)
{
	enum trc_err rc = rlp_put_header(out, true, len);

	return rc ? rc : buf_append(out, payload, len);
}
