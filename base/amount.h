/*
 * amount.h - exact unsigned amounts in base units (satoshi, wei, token units).
 *
 * trc_amount is a 256-bit unsigned integer held by value. Bitcoin amounts
 * fit in 64 bits and ether in 128; ERC-20 tokens may use all 256. Every
 * operation is exact: an operation whose result does not fit returns
 * TRC_ERR_OVERFLOW and leaves *out zeroed. No floating point is used here
 * (fiat values are exact too: prices.h keeps cents as amounts).
 *
 * Outputs are zeroed before any check and written only on success.
 */
#ifndef TRC_AMOUNT_H
#define TRC_AMOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

typedef struct {
	uint64_t w[4]; /* little-endian limbs: w[0] is the least significant */
} trc_amount;

#define AMOUNT_ZERO ((trc_amount){ { 0, 0, 0, 0 } })

/* The longest decimal rendering: 78 digits, a point, a NUL, margin. */
#define AMOUNT_STR_MAX 96

trc_amount amount_from_u64(uint64_t v);
bool amount_is_zero(trc_amount a);
/* Returns -1, 0 or 1 as a <, =, > b. */
int amount_cmp(trc_amount a, trc_amount b);
trc_amount amount_min(trc_amount a, trc_amount b);
trc_amount amount_max(trc_amount a, trc_amount b);

/* Out: *out = a + b. Returns TRC_ERR_OVERFLOW past 2^256 - 1. */
enum trc_err amount_add(trc_amount *out, trc_amount a,
			trc_amount b) TRC_WARN_UNUSED;
/* Out: *out = a - b. Returns TRC_ERR_OVERFLOW when b > a. */
enum trc_err amount_sub(trc_amount *out, trc_amount a,
			trc_amount b) TRC_WARN_UNUSED;
/* Out: *out = a * b. Returns TRC_ERR_OVERFLOW past 2^256 - 1. */
enum trc_err amount_mul(trc_amount *out, trc_amount a,
			trc_amount b) TRC_WARN_UNUSED;

/*
 * Out: *quot = floor(a * b / c) and, when rem is not NULL, *rem = the
 * remainder (a * b) mod c. The product is formed in 512 bits, so it never
 * overflows; only a quotient past 2^256 - 1 does (TRC_ERR_OVERFLOW).
 * c = 0 returns TRC_ERR_INVALID.
 */
enum trc_err amount_mul_div(trc_amount *quot, trc_amount *rem, trc_amount a,
			    trc_amount b, trc_amount c) TRC_WARN_UNUSED;

/* Out: *out = a as uint64_t. Returns TRC_ERR_OVERFLOW if it does not fit. */
enum trc_err amount_to_u64(uint64_t *out, trc_amount a) TRC_WARN_UNUSED;

/*
 * Parses a decimal string "123", "1.5", "0.00000001" with at most `decimals`
 * fractional digits into base units (1.5 with 8 decimals = 150000000).
 * Rejects signs, spaces, exponents, empty parts ("1.", ".5"), more fractional
 * digits than decimals, and values past 2^256 - 1. err may be NULL.
 */
enum trc_err amount_parse(trc_amount *out, const char *s, unsigned decimals,
			  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Parses a hex quantity as Ethereum JSON-RPC sends it: "0x" then 1 to 64
 * hex digits ("0x0", "0x1bc16d674ec80000"). Leading zeros are accepted
 * (some nodes send them in data fields); an empty "0x" is rejected.
 */
enum trc_err amount_parse_hex(trc_amount *out, const char *s,
			      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Writes a into buf (size bytes, at least AMOUNT_STR_MAX is always enough)
 * with `decimals` fractional digits: 1 sat with 8 is "0.00000001", 150000000
 * with 8 is "1.50000000". With trim, trailing fractional zeros and then a
 * bare point are removed ("1.5", "2"). decimals = 0 gives the integer.
 * Returns buf.
 */
char *amount_format(char *buf, size_t size, trc_amount a, unsigned decimals,
		    bool trim);

/* Big-endian, 32 bytes. */
void amount_to_be32(uint8_t out[32], trc_amount a);
/*
 * Reads a big-endian integer of len bytes (len <= 32, or longer with only
 * zero bytes in front). Returns TRC_ERR_OVERFLOW when it does not fit.
 */
enum trc_err amount_from_be(trc_amount *out, const uint8_t *p,
			    size_t len) TRC_WARN_UNUSED;
/* Number of significant bytes (0 for zero); amount_to_be32 + 32 - that. */
size_t amount_byte_len(trc_amount a);

#endif
