/*
 * codec.h - the value encodings of schema version 2, private to store/:
 * unsigned LEB128 varints (7 bits a byte, least significant first, the
 * high bit set on every byte but the last; canonical: no trailing zero
 * byte), amounts as varints of their 256 bits, times zigzag-encoded.
 */
#ifndef TRC_CODEC_H
#define TRC_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/buf.h"
#include "base/err.h"

/* The longest varint of a 64-bit number, and of an amount. */
#define CODEC_UV_MAX 10
#define CODEC_AMOUNT_MAX 37

/* Writes v at p (CODEC_UV_MAX bytes room). Returns the bytes written. */
size_t codec_uv_put(uint8_t *p, uint64_t v);
enum trc_err codec_put_uv(struct buf *b, uint64_t v) TRC_WARN_UNUSED;
enum trc_err codec_put_amount(struct buf *b, trc_amount a) TRC_WARN_UNUSED;
enum trc_err codec_put_time(struct buf *b, int64_t t) TRC_WARN_UNUSED;

/* Out: *v. TRC_ERR_CORRUPT naming r->what and the offset for a truncated,
 * over-long or non-canonical varint. */
enum trc_err codec_get_uv(struct reader *r, uint64_t *v,
			  struct trc_error *err) TRC_WARN_UNUSED;
/* As codec_get_uv, refusing a value over max. */
enum trc_err codec_get_u32(struct reader *r, uint32_t *v, uint32_t max,
			   struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err codec_get_amount(struct reader *r, trc_amount *a,
			      struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err codec_get_time(struct reader *r, int64_t *t,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* Big-endian 40-bit numbers in keys (transaction numbers). */
void codec_be40_put(uint8_t p[5], uint64_t v);
uint64_t codec_be40_get(const uint8_t p[5]);
#define CODEC_TXNUM_MAX ((1ull << 40) - 1)

#endif
