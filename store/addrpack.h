/*
 * addrpack.h - the packed form of an address string in schema version 3,
 * private to store/. An address is stored once, in its `addr_id` record;
 * packing it by the shape of its text (not by its chain: store/ knows no
 * chain's rules) takes a third to a half off those bytes:
 *
 *   form 1 raw        the string's bytes (what no other form fits)
 *   form 2 base58check the payload without its 4-byte checksum
 *                     (Bitcoin's P2PKH/P2SH, Tron's T... addresses)
 *   form 3 base58     the decoded bytes (base58 without a valid checksum)
 *   form 4 base32     a prefix ending at the last character outside the
 *                     bech32 alphabet (`bc1`, `bitcoincash:`), then the
 *                     rest, 5 bits a character, zero-padded (bech32,
 *                     bech32m, CashAddr; the checksum characters kept)
 *   form 5 hex        `0x` and lowercase hex digits, as bytes (Ethereum)
 *
 * A form byte is below 0x20, so a schema-2 value (printable text) is told
 * from a packed one by its first byte. Packing is deterministic (the first
 * form in the order hex, base58check, base58, base32, raw that reproduces
 * the string exactly), so equal strings have equal packed bytes.
 */
#ifndef TRC_ADDRPACK_H
#define TRC_ADDRPACK_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/record.h"

enum addrpack_form {
	ADDRPACK_RAW = 1,
	ADDRPACK_B58CHECK = 2,
	ADDRPACK_B58 = 3,
	ADDRPACK_B32 = 4,
	ADDRPACK_HEX = 5,
};

/* The longest packed address: the raw form of the longest string. */
#define ADDRPACK_MAX (1 + REC_ADDR_MAX)

/*
 * Packs s (len bytes, 1..REC_ADDR_MAX, no NUL) into out. Returns the
 * packed length (never 0). TRC_ERR_INVALID (returned through *err, 0
 * returned) for an empty string, a NUL or one over REC_ADDR_MAX.
 */
size_t addrpack(uint8_t out[ADDRPACK_MAX], const char *s, size_t len,
		struct trc_error *err);

/*
 * Unpacks p (n bytes, a form byte first) into out (REC_ADDR_MAX + 1
 * bytes: NUL-terminated), *len its length. TRC_ERR_CORRUPT naming the form
 * for an unknown form, a truncated or over-long value, nonzero padding or
 * a string that would not pack back to the same bytes.
 */
enum trc_err addrunpack(const uint8_t *p, size_t n, char out[REC_ADDR_MAX + 1],
			size_t *len, struct trc_error *err) TRC_WARN_UNUSED;

/* Whether a stored address value (after the count) is packed (schema 3)
 * rather than schema 2's text. */
static inline int addrpack_is_packed(const uint8_t *p, size_t n)
{
	return n && p[0] < 0x20;
}

#endif
