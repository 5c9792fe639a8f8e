#include "chains/btc/cashaddr.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

uint64_t cashaddr_polymod(const uint8_t *v, size_t n)
{
	static const uint64_t gen[5] = { 0x98f2bc8e61, 0x79b76d99e2,
					 0xf33e5fb3c4, 0xae2eabe2a8,
					 0x1e4f43e470 };
	uint64_t c = 1;

	for (size_t i = 0; i < n; i++) {
		uint8_t c0 = (uint8_t)(c >> 35);

		c = ((c & 0x07ffffffffULL) << 5) ^ v[i];
		for (int k = 0; k < 5; k++)
			if (c0 & (1u << k))
				c ^= gen[k];
	}
	return c ^ 1;
}

static int size_code(size_t len)
{
	static const size_t sizes[8] = { 20, 24, 28, 32, 40, 48, 56, 64 };

	for (int i = 0; i < 8; i++)
		if (sizes[i] == len)
			return i;
	return -1;
}

/* Converts bits; with pad, the last group is zero-filled. Returns the
 * number of output values, or -1 on non-zero or overlong padding. */
static int convert(uint8_t *out, size_t cap, const uint8_t *in, size_t n,
		   int from, int to, int pad)
{
	uint32_t acc = 0, maxv = (1u << to) - 1;
	int bits = 0;
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << from) | in[i];
		bits += from;
		while (bits >= to) {
			bits -= to;
			if (o >= cap)
				return -1;
			out[o++] = (uint8_t)((acc >> bits) & maxv);
		}
	}
	if (pad) {
		if (bits) {
			if (o >= cap)
				return -1;
			out[o++] = (uint8_t)((acc << (to - bits)) & maxv);
		}
	} else if (bits >= from || ((acc << (to - bits)) & maxv)) {
		return -1;
	}
	return (int)o;
}

/* The prefix's 5-bit values and the 0 separator; returns their count. */
static size_t prefix_values(uint8_t *v, const char *prefix)
{
	size_t n = 0;

	for (; *prefix; prefix++)
		v[n++] = (uint8_t)(tolower((unsigned char)*prefix) & 0x1f);
	v[n++] = 0;
	return n;
}

static int prefix_valid(const char *p)
{
	size_t n = strlen(p);

	if (!n || n > CASHADDR_PREFIX_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)p[i]))
			return 0;
	return 1;
}

enum trc_err cashaddr_encode(char *out, size_t outsize, const char *prefix,
			     unsigned type, const uint8_t *hash, size_t len,
			     struct trc_error *err)
{
	uint8_t payload[1 + CASHADDR_HASH_MAX];
	uint8_t v[CASHADDR_PREFIX_MAX + 1 + 104 + 8];
	int sc = size_code(len), np;
	size_t n, pn, o;
	uint64_t mod;

	if (outsize)
		out[0] = '\0';
	if (sc < 0 || type > 15 || !prefix || !prefix_valid(prefix))
		return trc_fail(err, TRC_ERR_INVALID,
				"cashaddr: bad type %u, hash length %zu or "
				"prefix",
				type, len);
	payload[0] = (uint8_t)(type << 3 | (unsigned)sc);
	memcpy(payload + 1, hash, len);
	pn = prefix_values(v, prefix);
	np = convert(v + pn, sizeof(v) - pn - 8, payload, len + 1, 8, 5, 1);
	if (np < 0)
		return trc_fail(err, TRC_ERR_INVALID, "cashaddr: payload");
	n = pn + (size_t)np;
	memset(v + n, 0, 8);
	mod = cashaddr_polymod(v, n + 8);
	for (int i = 0; i < 8; i++)
		v[n + (size_t)i] = (uint8_t)((mod >> (5 * (7 - i))) & 0x1f);
	o = strlen(prefix);
	if (o + 1 + (size_t)np + 8 + 1 > outsize)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"cashaddr: buffer too small");
	for (size_t i = 0; i < o; i++)
		out[i] = (char)tolower((unsigned char)prefix[i]);
	out[o++] = ':';
	for (size_t i = pn; i < n + 8; i++)
		out[o++] = charset[v[i]];
	out[o] = '\0';
	return TRC_OK;
}

enum trc_err cashaddr_decode(unsigned *type, uint8_t *hash, size_t cap,
			     size_t *len, const char *default_prefix,
			     const char *s, struct trc_error *err)
{
	uint8_t v[CASHADDR_PREFIX_MAX + 1 + CASHADDR_MAX_LEN];
	uint8_t payload[1 + CASHADDR_HASH_MAX + 1];
	char prefix[CASHADDR_PREFIX_MAX + 1];
	const char *colon, *body;
	int lower = 0, upper = 0, np, sc;
	size_t pn, n = 0, blen;

	*type = 0;
	*len = 0;
	if (!s || !default_prefix)
		return trc_fail(err, TRC_ERR_PARSE, "cashaddr: no address");
	if (strlen(s) > CASHADDR_MAX_LEN)
		return trc_fail(err, TRC_ERR_PARSE,
				"cashaddr: '%.40s...' is too long", s);
	for (const char *p = s; *p; p++) {
		lower |= islower((unsigned char)*p) != 0;
		upper |= isupper((unsigned char)*p) != 0;
	}
	if (lower && upper)
		return trc_fail(err, TRC_ERR_PARSE, "cashaddr '%s': mixed case",
				s);
	colon = strchr(s, ':');
	if (colon) {
		size_t plen = (size_t)(colon - s);

		if (plen > CASHADDR_PREFIX_MAX)
			return trc_fail(err, TRC_ERR_PARSE,
					"cashaddr '%s': prefix too long", s);
		memcpy(prefix, s, plen);
		prefix[plen] = '\0';
		if (strcasecmp(prefix, default_prefix))
			return trc_fail(err, TRC_ERR_PARSE,
					"cashaddr '%s': prefix '%s' is not "
					"'%s'",
					s, prefix, default_prefix);
		body = colon + 1;
	} else {
		body = s;
	}
	if (!prefix_valid(default_prefix))
		return trc_fail(err, TRC_ERR_PARSE, "cashaddr: bad prefix");
	pn = prefix_values(v, default_prefix);
	blen = strlen(body);
	if (blen <= 8)
		return trc_fail(err, TRC_ERR_PARSE, "cashaddr '%s': too short",
				s);
	for (size_t i = 0; i < blen; i++) {
		const char *c =
			strchr(charset, tolower((unsigned char)body[i]));

		if (!c || !body[i])
			return trc_fail(err, TRC_ERR_PARSE,
					"cashaddr '%s': bad character '%c' "
					"at %zu",
					s, body[i], i);
		v[pn + n++] = (uint8_t)(c - charset);
	}
	if (cashaddr_polymod(v, pn + n) != 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"cashaddr '%s': checksum mismatch", s);
	np = convert(payload, sizeof(payload), v + pn, n - 8, 5, 8, 0);
	if (np < 1)
		return trc_fail(err, TRC_ERR_PARSE,
				"cashaddr '%s': bad padding", s);
	sc = size_code((size_t)np - 1);
	if (sc < 0 || (payload[0] & 0x80) || (payload[0] & 7) != sc)
		return trc_fail(err, TRC_ERR_PARSE,
				"cashaddr '%s': version byte 0x%02x does not "
				"match the %d-byte hash",
				s, payload[0], np - 1);
	if ((size_t)np - 1 > cap)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"cashaddr: buffer too small");
	*type = payload[0] >> 3;
	memcpy(hash, payload + 1, (size_t)np - 1);
	*len = (size_t)np - 1;
	return TRC_OK;
}
