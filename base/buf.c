#include "base/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

static enum trc_err grow(struct buf *b, size_t need)
{
	size_t want;
	uint8_t *p;

	if (need + 1 <= b->alloc)
		return TRC_OK;
	want = b->alloc ? b->alloc : 64;
	while (want < need + 1)
		want = want > SIZE_MAX / 2 ? need + 1 : want * 2;
	p = realloc(b->data, want);
	if (!p)
		return TRC_ERR_NOMEM;
	b->data = p;
	b->alloc = want;
	return TRC_OK;
}

enum trc_err buf_append(struct buf *b, const void *p, size_t len)
{
	enum trc_err rc;

	if (len > b->max || b->len > b->max - len)
		return TRC_ERR_TOOBIG;
	rc = grow(b, b->len + len);
	if (rc)
		return rc;
	if (len)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = 0;
	return TRC_OK;
}

enum trc_err buf_append_u8(struct buf *b, uint8_t v)
{
	return buf_append(b, &v, 1);
}

enum trc_err buf_append_be32(struct buf *b, uint32_t v)
{
	uint8_t t[4];

	be32_put(t, v);
	return buf_append(b, t, 4);
}

enum trc_err buf_append_be64(struct buf *b, uint64_t v)
{
	uint8_t t[8];

	be64_put(t, v);
	return buf_append(b, t, 8);
}

enum trc_err buf_append_str(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

enum trc_err buf_append_str16(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	uint8_t len[2];
	enum trc_err rc;

	if (n > 0xfffe)
		return TRC_ERR_INVALID;
	len[0] = s ? (uint8_t)(n >> 8) : 0xff;
	len[1] = s ? (uint8_t)n : 0xff;
	if ((rc = buf_append(b, len, 2)))
		return rc;
	return s ? buf_append(b, s, n) : TRC_OK;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? (const char *)b->data : "";
}

uint8_t *buf_detach(struct buf *b, size_t *len)
{
	uint8_t *p = b->data;

	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	return p;
}

enum trc_err buf_read_file(struct buf *b, const char *path,
			   struct trc_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	uint8_t chunk[65536];
	size_t n;
	enum trc_err rc = TRC_OK;

	if (!f)
		return trc_fail(err, TRC_ERR_IO, "cannot open '%s': %s", path,
				strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		rc = buf_append(b, chunk, n);
		if (rc == TRC_ERR_TOOBIG) {
			trc_fail(err, rc, "'%s' is larger than %zu bytes", path,
				 b->max);
			break;
		}
		if (rc) {
			trc_fail(err, rc, "out of memory reading '%s'", path);
			break;
		}
	}
	if (!rc && ferror(f))
		rc = trc_fail(err, TRC_ERR_IO, "cannot read '%s'", path);
	if (f != stdin)
		fclose(f);
	return rc;
}

void reader_init(struct reader *r, const uint8_t *p, size_t len,
		 const char *what)
{
	r->p = p;
	r->len = len;
	r->pos = 0;
	r->what = what ? what : "input";
}

size_t reader_left(const struct reader *r)
{
	return r->len - r->pos;
}

static enum trc_err need(struct reader *r, size_t n, struct trc_error *err)
{
	if (reader_left(r) < n)
		return trc_fail(err, TRC_ERR_PARSE,
				"truncated %s at offset %zu: need %zu bytes, "
				"%zu left",
				r->what, r->pos, n, reader_left(r));
	return TRC_OK;
}

enum trc_err reader_bytes(struct reader *r, const uint8_t **p, size_t len,
			  struct trc_error *err)
{
	enum trc_err rc = need(r, len, err);

	*p = NULL;
	if (rc)
		return rc;
	*p = r->p + r->pos;
	r->pos += len;
	return TRC_OK;
}

enum trc_err reader_copy(struct reader *r, void *out, size_t len,
			 struct trc_error *err)
{
	const uint8_t *p;
	enum trc_err rc = reader_bytes(r, &p, len, err);

	if (rc)
		return rc;
	memcpy(out, p, len);
	return TRC_OK;
}

enum trc_err reader_u8(struct reader *r, uint8_t *v, struct trc_error *err)
{
	const uint8_t *p;
	enum trc_err rc = reader_bytes(r, &p, 1, err);

	*v = rc ? 0 : p[0];
	return rc;
}

static enum trc_err read_le(struct reader *r, uint64_t *v, size_t n,
			    struct trc_error *err)
{
	const uint8_t *p;
	enum trc_err rc = reader_bytes(r, &p, n, err);

	*v = 0;
	if (rc)
		return rc;
	for (size_t i = n; i > 0; i--)
		*v = (*v << 8) | p[i - 1];
	return TRC_OK;
}

static enum trc_err read_be(struct reader *r, uint64_t *v, size_t n,
			    struct trc_error *err)
{
	const uint8_t *p;
	enum trc_err rc = reader_bytes(r, &p, n, err);

	*v = 0;
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		*v = (*v << 8) | p[i];
	return TRC_OK;
}

enum trc_err reader_le16(struct reader *r, uint16_t *v, struct trc_error *err)
{
	uint64_t t;
	enum trc_err rc = read_le(r, &t, 2, err);

	*v = (uint16_t)t;
	return rc;
}

enum trc_err reader_le32(struct reader *r, uint32_t *v, struct trc_error *err)
{
	uint64_t t;
	enum trc_err rc = read_le(r, &t, 4, err);

	*v = (uint32_t)t;
	return rc;
}

enum trc_err reader_le64(struct reader *r, uint64_t *v, struct trc_error *err)
{
	return read_le(r, v, 8, err);
}

static enum trc_err reader_be16(struct reader *r, uint16_t *v,
				struct trc_error *err)
{
	uint64_t t;
	enum trc_err rc = read_be(r, &t, 2, err);

	*v = (uint16_t)t;
	return rc;
}

enum trc_err reader_be32(struct reader *r, uint32_t *v, struct trc_error *err)
{
	uint64_t t;
	enum trc_err rc = read_be(r, &t, 4, err);

	*v = (uint32_t)t;
	return rc;
}

enum trc_err reader_be64(struct reader *r, uint64_t *v, struct trc_error *err)
{
	return read_be(r, v, 8, err);
}

enum trc_err reader_str16(struct reader *r, char **out, size_t max,
			  struct trc_error *err)
{
	uint16_t n = 0;
	const uint8_t *p;
	enum trc_err rc;

	*out = NULL;
	if ((rc = reader_be16(r, &n, err)))
		return rc;
	if (n == 0xffff)
		return TRC_OK;
	if (n > max)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"string of %u bytes at offset %zu in %s", n,
				r->pos - 2, r->what);
	if ((rc = reader_bytes(r, &p, n, err)))
		return rc;
	if (memchr(p, 0, n))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"NUL inside a string at offset %zu in %s",
				r->pos - n, r->what);
	if (!(*out = malloc((size_t)n + 1)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(*out, p, n);
	(*out)[n] = '\0';
	return TRC_OK;
}

void be32_put(uint8_t *p, uint32_t v)
{
	for (int i = 3; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

void be64_put(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

uint32_t be32_get(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

uint32_t le32_get(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

void le32_put(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++, v >>= 8)
		p[i] = (uint8_t)v;
}
