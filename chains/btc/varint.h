/*
 * varint.h - Bitcoin's CompactSize integers (1, 3, 5 or 9 bytes).
 */
#ifndef TRC_BTC_VARINT_H
#define TRC_BTC_VARINT_H

#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/*
 * Reads one CompactSize from r. Non-canonical encodings (a value that a
 * shorter form holds) are rejected as Bitcoin Core does, naming what and
 * the offset.
 */
enum trc_err varint_read(struct reader *r, uint64_t *v, const char *what,
			 struct trc_error *err) TRC_WARN_UNUSED;
/* Appends the canonical encoding of v. */
enum trc_err varint_append(struct buf *out, uint64_t v) TRC_WARN_UNUSED;

#endif
