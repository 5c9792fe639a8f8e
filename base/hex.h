/*
 * hex.h - hexadecimal encoding and strict decoding.
 */
#ifndef TRC_HEX_H
#define TRC_HEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/*
 * Writes 2*len lowercase hex digits and a NUL to out (which must hold
 * 2*len+1 bytes). Returns out.
 */
char *hex_encode(char *out, const uint8_t *p, size_t len);

/*
 * As hex_encode, bytes in reverse order: how Bitcoin displays txids and
 * block hashes (the hash's bytes are little-endian on the wire).
 */
char *hex_encode_rev(char *out, const uint8_t *p, size_t len);

/*
 * Decodes exactly `hexlen` hex digits (either case, no prefix, no spaces)
 * into out (capacity cap). Out: *outlen = hexlen / 2.
 * Returns TRC_ERR_PARSE for an odd length or a non-hex character (the
 * message gives its offset), TRC_ERR_TOOBIG when cap is too small.
 */
enum trc_err hex_decode(uint8_t *out, size_t cap, size_t *outlen,
			const char *hex, size_t hexlen,
			struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes exactly len*2 hex digits into out, reversing the byte order
 * (a displayed txid into its wire form). "0x" is not accepted.
 */
enum trc_err hex_decode_rev(uint8_t *out, size_t len, const char *hex,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* True when s is exactly len*2 hex digits. */
bool hex_is_exact(const char *s, size_t len);

/* Value of one hex digit, or -1. */
int hex_value(char c);

#endif
