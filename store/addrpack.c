#include "store/addrpack.h"

#include <string.h>

#include "base/base58.h"

static const char b32_alphabet[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/* The value of each ASCII character in it, -1 outside. */
static const signed char b32_values[128] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	15, -1, 10, 17, 21, 20, 26, 30, 7,  5,	-1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, 29, -1, 24, 13, 25, 9,  8,	23, -1, 18, 22, 31, 27, 19, -1,
	1,  0,	3,  16, 11, 28, 12, 14, 6,  4,	2,  -1, -1, -1, -1, -1,
};

static int b32_value(char c)
{
	return (unsigned char)c < 128 ? b32_values[(unsigned char)c] : -1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "0x" and an even number (>= 2) of lowercase hex digits. */
static size_t pack_hex(uint8_t *out, const char *s, size_t len)
{
	if (len < 4 || len % 2 || s[0] != '0' || s[1] != 'x')
		return 0;
	out[0] = ADDRPACK_HEX;
	for (size_t i = 2; i < len; i += 2) {
		int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);

		if (hi < 0 || lo < 0)
			return 0;
		out[1 + (i - 2) / 2] = (uint8_t)(hi << 4 | lo);
	}
	return 1 + (len - 2) / 2;
}

/* base58check (the payload without the checksum), else base58. Decoding
 * and encoding base58 are inverses on valid strings (leading '1's are the
 * leading zero bytes), so either form gives the string back. */
static size_t pack_b58(uint8_t *out, const char *s, size_t len)
{
	char z[BASE58_MAX_CHARS + 1];
	size_t n;

	if (len > BASE58_MAX_CHARS || !base58_is_text(s, len))
		return 0;
	memcpy(z, s, len);
	z[len] = '\0';
	if (!base58check_decode(out + 1, ADDRPACK_MAX - 1, &n, z, NULL)) {
		out[0] = ADDRPACK_B58CHECK;
		return 1 + n;
	}
	if (!base58_decode(out + 1, ADDRPACK_MAX - 1, &n, z, NULL)) {
		out[0] = ADDRPACK_B58;
		return 1 + n;
	}
	return 0;
}

/* A prefix ending at the last character outside the bech32 alphabet, then
 * at least one character of it, 5 bits each. */
static size_t pack_b32(uint8_t *out, const char *s, size_t len)
{
	size_t i = len, m, o;
	unsigned acc = 0, bits = 0;

	while (i > 0 && b32_value(s[i - 1]) >= 0)
		i--;
	m = len - i;
	if (i == 0 || m == 0 || 3 + i + (5 * m + 7) / 8 > ADDRPACK_MAX)
		return 0;
	out[0] = ADDRPACK_B32;
	out[1] = (uint8_t)i;
	memcpy(out + 2, s, i);
	out[2 + i] = (uint8_t)m;
	o = 3 + i;
	for (size_t k = i; k < len; k++) {
		acc = acc << 5 | (unsigned)b32_value(s[k]);
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (bits)
		out[o++] = (uint8_t)(acc << (8 - bits));
	return o;
}

size_t addrpack(uint8_t out[ADDRPACK_MAX], const char *s, size_t len,
		struct trc_error *err)
{
	uint8_t cand[ADDRPACK_MAX];
	size_t best, n;

	if (!len || len > REC_ADDR_MAX || memchr(s, 0, len)) {
		trc_fail(err, TRC_ERR_INVALID,
			 "address of %zu bytes cannot be stored (1 to %d, no "
			 "NUL)",
			 len, REC_ADDR_MAX);
		return 0;
	}
	out[0] = ADDRPACK_RAW;
	memcpy(out + 1, s, len);
	best = 1 + len;
	/* The shortest form wins; among equals, the first tried. */
	if ((n = pack_hex(cand, s, len)) && n < best)
		memcpy(out, cand, best = n);
	if ((n = pack_b58(cand, s, len)) && n < best)
		memcpy(out, cand, best = n);
	if ((n = pack_b32(cand, s, len)) && n < best)
		memcpy(out, cand, best = n);
	return best;
}

static enum trc_err bad(struct trc_error *err, const char *form,
			const char *why)
{
	return trc_fail(err, TRC_ERR_CORRUPT, "packed address (%s form): %s",
			form, why);
}

static enum trc_err unpack_b32(const uint8_t *p, size_t n, char *out,
			       size_t *len, struct trc_error *err)
{
	size_t i, m, o, need;
	unsigned acc = 0, bits = 0;

	if (n < 2 || !(i = p[1]) || n < 3 + i || !(m = p[2 + i]))
		return bad(err, "base32", "truncated");
	need = 3 + i + (5 * m + 7) / 8;
	if (n != need)
		return bad(err, "base32", "wrong length");
	if (i + m > REC_ADDR_MAX)
		return bad(err, "base32", "too long");
	memcpy(out, p + 2, i);
	if (memchr(out, 0, i) || b32_value(out[i - 1]) >= 0)
		return bad(err, "base32", "prefix does not end at a separator");
	o = i;
	for (size_t k = 3 + i; k < n; k++) {
		acc = acc << 8 | p[k];
		bits += 8;
		while (bits >= 5 && o < i + m) {
			bits -= 5;
			out[o++] = b32_alphabet[(acc >> bits) & 31];
		}
		acc &= (1u << bits) - 1;
	}
	if (acc)
		return bad(err, "base32", "nonzero padding");
	out[o] = '\0';
	*len = o;
	return TRC_OK;
}

enum trc_err addrunpack(const uint8_t *p, size_t n, char out[REC_ADDR_MAX + 1],
			size_t *len, struct trc_error *err)
{
	static const char hex[] = "0123456789abcdef";

	out[0] = '\0';
	*len = 0;
	if (!n)
		return bad(err, "none", "empty");
	switch (p[0]) {
	case ADDRPACK_RAW:
		if (n < 2 || n - 1 > REC_ADDR_MAX || memchr(p + 1, 0, n - 1))
			return bad(err, "raw", "empty, too long or with a NUL");
		memcpy(out, p + 1, n - 1);
		out[n - 1] = '\0';
		*len = n - 1;
		return TRC_OK;
	case ADDRPACK_HEX:
		if (n < 2 || 2 + 2 * (n - 1) > REC_ADDR_MAX)
			return bad(err, "hex", "empty or too long");
		out[0] = '0';
		out[1] = 'x';
		for (size_t i = 1; i < n; i++) {
			out[2 * i] = hex[p[i] >> 4];
			out[2 * i + 1] = hex[p[i] & 15];
		}
		*len = 2 * n;
		out[*len] = '\0';
		return TRC_OK;
	case ADDRPACK_B58CHECK:
	case ADDRPACK_B58: {
		int check = p[0] == ADDRPACK_B58CHECK;
		enum trc_err rc =
			n < 2	? TRC_ERR_CORRUPT
			: check ? base58check_encode(out, REC_ADDR_MAX + 1,
						     p + 1, n - 1, NULL)
				: base58_encode(out, REC_ADDR_MAX + 1, p + 1,
						n - 1, NULL);

		if (rc)
			return bad(err, check ? "base58check" : "base58",
				   "empty or too long");
		*len = strlen(out);
		return TRC_OK;
	}
	case ADDRPACK_B32:
		return unpack_b32(p, n, out, len, err);
	}
	return trc_fail(err, TRC_ERR_CORRUPT,
			"packed address of unknown form %u", p[0]);
}
