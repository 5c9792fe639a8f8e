/*
 * base64.h - standard base64 encoding (RFC 4648 section 4, with padding).
 * Only the encoder: the CSP hash of the HTML report's script is the one
 * use (a Content-Security-Policy 'sha256-...' source is base64).
 */
#ifndef TRC_BASE64_H
#define TRC_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* The characters base64_encode writes for len bytes, without the NUL. */
#define BASE64_LEN(len) (((len) + 2) / 3 * 4)

/* Writes BASE64_LEN(len) characters and a NUL to out (which must hold
 * BASE64_LEN(len) + 1 bytes). Returns out. */
char *base64_encode(char *out, const uint8_t *p, size_t len);

#endif
