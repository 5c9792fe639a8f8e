/*
 * buf.h - a growable byte buffer with a hard size cap, and a bounded reader.
 *
 * struct buf owns its data. BUF_INIT(max) makes an empty buffer that may
 * grow to max bytes; buf_release() is always safe after BUF_INIT. The data
 * is kept NUL-terminated (one byte past len) so text can be used directly.
 *
 * struct reader walks untrusted bytes: every read checks the bytes that
 * remain first and fails with TRC_ERR_PARSE naming the offset.
 */
#ifndef TRC_BUF_H
#define TRC_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct buf {
	uint8_t *data; /* NULL until the first append */
	size_t len;
	size_t alloc;
	size_t max; /* the cap: appends past it fail with TRC_ERR_TOOBIG */
};

#define BUF_INIT(max_)                                                         \
	{                                                                      \
		NULL, 0, 0, (max_)                                             \
	}

void buf_init(struct buf *b, size_t max);
/* Frees the data; the buffer is empty again and may be reused. */
void buf_release(struct buf *b);
/* Keeps the allocation, sets len to 0. */
void buf_reset(struct buf *b);
/* Appends len bytes. TRC_ERR_TOOBIG past max, TRC_ERR_NOMEM. */
enum trc_err buf_append(struct buf *b, const void *p,
			size_t len) TRC_WARN_UNUSED;
enum trc_err buf_append_u8(struct buf *b, uint8_t v) TRC_WARN_UNUSED;
enum trc_err buf_append_be32(struct buf *b, uint32_t v) TRC_WARN_UNUSED;
enum trc_err buf_append_be64(struct buf *b, uint64_t v) TRC_WARN_UNUSED;
enum trc_err buf_append_str(struct buf *b, const char *s) TRC_WARN_UNUSED;
/*
 * Appends a nullable string as a big-endian u16 length and its bytes;
 * NULL is the length 0xffff. Strings over 0xfffe bytes are TRC_ERR_INVALID.
 */
enum trc_err buf_append_str16(struct buf *b, const char *s) TRC_WARN_UNUSED;
/* Returns the data as a NUL-terminated string ("" when empty); borrowed. */
const char *buf_str(const struct buf *b);
/* Transfers the data to the caller (free with free()); b becomes empty. */
uint8_t *buf_detach(struct buf *b, size_t *len);

/* Reads a whole file (or stdin for "-") into b, up to b->max bytes. */
enum trc_err buf_read_file(struct buf *b, const char *path,
			   struct trc_error *err) TRC_WARN_UNUSED;

struct reader {
	const uint8_t *p;
	size_t len;
	size_t pos;
	const char *what; /* names the input in messages, e.g. "transaction" */
};

void reader_init(struct reader *r, const uint8_t *p, size_t len,
		 const char *what);
size_t reader_left(const struct reader *r);
/* Out: *v. Fail with TRC_ERR_PARSE "truncated <what> at offset N". */
enum trc_err reader_u8(struct reader *r, uint8_t *v,
		       struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err reader_le16(struct reader *r, uint16_t *v,
			 struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err reader_le32(struct reader *r, uint32_t *v,
			 struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err reader_le64(struct reader *r, uint64_t *v,
			 struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err reader_be32(struct reader *r, uint32_t *v,
			 struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err reader_be64(struct reader *r, uint64_t *v,
			 struct trc_error *err) TRC_WARN_UNUSED;
/* Out: *p points at the next len bytes (borrowed from the input). */
enum trc_err reader_bytes(struct reader *r, const uint8_t **p, size_t len,
			  struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err reader_copy(struct reader *r, void *out, size_t len,
			 struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Reads what buf_append_str16 wrote. Out: *out, new (free()) or NULL for
 * the NULL string. A length over max or a NUL inside is TRC_ERR_CORRUPT.
 */
enum trc_err reader_str16(struct reader *r, char **out, size_t max,
			  struct trc_error *err) TRC_WARN_UNUSED;

/* Big-endian helpers for keys. */
void be32_put(uint8_t *p, uint32_t v);
void be64_put(uint8_t *p, uint64_t v);
uint32_t be32_get(const uint8_t *p);
uint32_t le32_get(const uint8_t *p);
void le32_put(uint8_t *p, uint32_t v);

#endif
