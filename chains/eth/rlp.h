/*
 * rlp.h - Ethereum's Recursive Length Prefix encoding, strict and bounded.
 *
 * Decoding accepts only the canonical encoding, so that one value has one
 * encoding and a hash recomputed from decoded fields is the hash of the
 * input: a single byte below 0x80 must stand for itself (not 0x81 0x05), a
 * length below 56 must use the short form, a long-form length has no
 * leading zero bytes, and integers (rlp_get_u64, rlp_get_amount) have no
 * leading zero bytes (zero is the empty string). Every length is checked
 * against the bytes that remain before it is used; nothing is copied: an
 * item points into the caller's input, which must outlive it.
 *
 * Encoding appends to a struct buf (whose cap bounds the output).
 */
#ifndef TRC_ETH_RLP_H
#define TRC_ETH_RLP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/buf.h"
#include "base/err.h"

/* One decoded item: a byte string or a list, and where it was found. */
struct rlp_item {
	bool list;	    /* a list: p/len is its payload (the items) */
	const uint8_t *p;   /* payload, borrowed from the input */
	size_t len;	    /* payload length */
	size_t off;	    /* offset of the item's first byte in the input */
	size_t enc_len;	    /* length of the whole item, header included */
	const uint8_t *enc; /* the whole item, header included */
};

/*
 * Decodes the one item that spans all of p/len exactly (trailing bytes
 * are an error). base is added to offsets in messages and in item->off,
 * so that errors inside nested data name the offset in the outer input.
 * Returns TRC_ERR_PARSE naming the offset and the rule broken.
 */
enum trc_err rlp_decode(struct rlp_item *item, const uint8_t *p, size_t len,
			size_t base, struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes the items of a list into items[0..max). Out: *n, their count.
 * Returns TRC_ERR_PARSE when list is not a list, an item is malformed, or
 * it has more than max items (an element-count cap for hostile input).
 */
enum trc_err rlp_list(const struct rlp_item *list, struct rlp_item *items,
		      size_t max, size_t *n,
		      struct trc_error *err) TRC_WARN_UNUSED;

/* Iterating a list of unknown length: init, then next until *done. */
struct rlp_iter {
	const struct rlp_item *list;
	size_t pos;
};
void rlp_iter_init(struct rlp_iter *it, const struct rlp_item *list);
enum trc_err rlp_iter_next(struct rlp_iter *it, struct rlp_item *item,
			   bool *done, struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Typed reads of a string item; field names the field in messages
 * ("nonce at offset 3 ..."). Each fails with TRC_ERR_PARSE on a list, a
 * wrong length, or (integers) a leading zero byte.
 */
enum trc_err rlp_get_u64(const struct rlp_item *it, uint64_t *v,
			 const char *field,
			 struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err rlp_get_amount(const struct rlp_item *it, trc_amount *v,
			    const char *field,
			    struct trc_error *err) TRC_WARN_UNUSED;
/* Exactly n bytes (addresses 20, hashes 32). */
enum trc_err rlp_get_fixed(const struct rlp_item *it, uint8_t *out, size_t n,
			   const char *field,
			   struct trc_error *err) TRC_WARN_UNUSED;
/* A byte string of any length: out borrows the payload. */
enum trc_err rlp_get_bytes(const struct rlp_item *it, const uint8_t **p,
			   size_t *len, const char *field,
			   struct trc_error *err) TRC_WARN_UNUSED;

/* Encoding: each appends one item to out (TRC_ERR_TOOBIG past its cap). */
enum trc_err rlp_put_bytes(struct buf *out, const uint8_t *p,
			   size_t len) TRC_WARN_UNUSED;
enum trc_err rlp_put_u64(struct buf *out, uint64_t v) TRC_WARN_UNUSED;
enum trc_err rlp_put_amount(struct buf *out, trc_amount v) TRC_WARN_UNUSED;
/* A list whose already-encoded items are payload/len. */
enum trc_err rlp_put_list(struct buf *out, const uint8_t *payload,
			  size_t len) TRC_WARN_UNUSED;
/* Only the header of a list or string of payload length len. */
enum trc_err rlp_put_header(struct buf *out, bool list,
			    size_t len) TRC_WARN_UNUSED;

#endif
