/*
 * cashaddr.h - Bitcoin Cash's CashAddr address format (spec:
 * github.com/bitcoincashorg/bitcoincash.org spec/cashaddr.md): a prefix
 * ("bitcoincash"), ':', and base32 (bech32's alphabet) of a version byte
 * (type << 3 | size code) and the hash, followed by a 40-bit BCH-code
 * checksum (the polymod) over the prefix's low 5 bits, a 0, the payload
 * and eight zeros. Types: 0 P2PKH, 1 P2SH; sizes 160..512 bits.
 */
#ifndef TRC_BTC_CASHADDR_H
#define TRC_BTC_CASHADDR_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define CASHADDR_MAX_LEN 112 /* prefix, ':', 512-bit payload, checksum */
#define CASHADDR_PREFIX_MAX 20
#define CASHADDR_HASH_MAX 64

enum cashaddr_type { CASHADDR_P2PKH = 0, CASHADDR_P2SH = 1 };

/* The 40-bit polymod of the 5-bit values v (n of them). */
uint64_t cashaddr_polymod(const uint8_t *v, size_t n);

/*
 * Encodes prefix:payload for hash (len one of 20, 24, 28, 32, 40, 48, 56,
 * 64) of type (0..15) into out, lowercase. TRC_ERR_INVALID for a bad
 * length, type or prefix, TRC_ERR_TOOBIG when out is too small.
 */
enum trc_err cashaddr_encode(char *out, size_t outsize, const char *prefix,
			     unsigned type, const uint8_t *hash, size_t len,
			     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes s, with or without its prefix (default_prefix is assumed when
 * s has none; a prefix in s must equal it, case-insensitively). Out: the
 * type, the hash (cap >= 64) and its length. TRC_ERR_PARSE naming what is
 * wrong: mixed case, a bad character, the checksum, padding, the size
 * code or the prefix.
 */
enum trc_err cashaddr_decode(unsigned *type, uint8_t *hash, size_t cap,
			     size_t *len, const char *default_prefix,
			     const char *s,
			     struct trc_error *err) TRC_WARN_UNUSED;

#endif
