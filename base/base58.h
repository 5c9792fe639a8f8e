/*
 * base58.h - base58 and base58check (version byte + payload + 4-byte
 * double-SHA-256 checksum): Bitcoin's and its forks' legacy addresses,
 * Tron's 0x41-prefixed addresses.
 */
#ifndef TRC_BASE58_H
#define TRC_BASE58_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* The longest input either direction accepts: longer is TRC_ERR_TOOBIG. */
#define BASE58_MAX_BYTES 128
#define BASE58_MAX_CHARS 176

/*
 * Encodes len bytes (len <= BASE58_MAX_BYTES) into out (outsize bytes, NUL
 * included). Returns TRC_ERR_TOOBIG when out or the input is too long.
 */
enum trc_err base58_encode(char *out, size_t outsize, const uint8_t *p,
			   size_t len, struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes the base58 string s into out (capacity cap). Out: *outlen.
 * Returns TRC_ERR_PARSE naming the first character outside the alphabet
 * and its position, TRC_ERR_TOOBIG past the caps.
 */
enum trc_err base58_decode(uint8_t *out, size_t cap, size_t *outlen,
			   const char *s,
			   struct trc_error *err) TRC_WARN_UNUSED;

/* Whether the len bytes at s are all characters of the alphabet. */
bool base58_is_text(const char *s, size_t len);

/* Appends the checksum to p (len bytes) and encodes the whole. */
enum trc_err base58check_encode(char *out, size_t outsize, const uint8_t *p,
				size_t len,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes s and checks its checksum. Out: the payload without the checksum
 * (version byte first) in out, its length in *outlen. TRC_ERR_PARSE for a
 * bad character, a string shorter than 4 bytes, or a checksum mismatch.
 */
enum trc_err base58check_decode(uint8_t *out, size_t cap, size_t *outlen,
				const char *s,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
