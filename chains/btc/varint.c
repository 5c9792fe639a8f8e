#include "chains/btc/varint.h"

enum trc_err varint_read(struct reader *r, uint64_t *v, const char *what,
			 struct trc_error *err)
{
	size_t at = r->pos;
	uint8_t b;
	uint16_t v16;
	uint32_t v32;
	uint64_t min;
	enum trc_err rc;

	*v = 0;
	if ((rc = reader_u8(r, &b, err)))
		return trc_error_prefix(err, rc, "%s", what);
	if (b < 0xfd) {
		*v = b;
		return TRC_OK;
	}
	if (b == 0xfd) {
		rc = reader_le16(r, &v16, err);
		*v = v16;
		min = 0xfd;
	} else if (b == 0xfe) {
		rc = reader_le32(r, &v32, err);
		*v = v32;
		min = 0x10000;
	} else {
		rc = reader_le64(r, v, err);
		min = 0x100000000ULL;
	}
	if (rc)
		return trc_error_prefix(err, rc, "%s", what);
	if (*v < min) {
		*v = 0;
		return trc_fail(err, TRC_ERR_PARSE,
				"%s at offset %zu: non-canonical length "
				"encoding",
				what, at);
	}
	return TRC_OK;
}

enum trc_err varint_append(struct buf *out, uint64_t v)
{
	uint8_t b[9];
	size_t n;

	if (v < 0xfd) {
		b[0] = (uint8_t)v;
		n = 1;
	} else if (v <= 0xffff) {
		b[0] = 0xfd;
		b[1] = (uint8_t)v;
		b[2] = (uint8_t)(v >> 8);
		n = 3;
	} else if (v <= 0xffffffff) {
		b[0] = 0xfe;
		for (int i = 0; i < 4; i++)
			b[1 + i] = (uint8_t)(v >> (8 * i));
		n = 5;
	} else {
		b[0] = 0xff;
		for (int i = 0; i < 8; i++)
			b[1 + i] = (uint8_t)(v >> (8 * i));
		n = 9;
	}
	return buf_append(out, b, n);
}
