#include "chains/btc/bech32.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static uint32_t polymod_step(uint32_t pre)
{
	uint8_t b = (uint8_t)(pre >> 25);

	return ((pre & 0x1ffffff) << 5) ^ (-((b >> 0) & 1) & 0x3b6a57b2UL) ^
	       (-((b >> 1) & 1) & 0x26508e6dUL) ^
	       (-((b >> 2) & 1) & 0x1ea119faUL) ^
	       (-((b >> 3) & 1) & 0x3d4233ddUL) ^
	       (-((b >> 4) & 1) & 0x2a1462b3UL);
}

static uint32_t variant_const(enum bech32_variant v)
{
	return v == BECH32M ? 0x2bc830a3UL : 1;
}

/* The checksum polymod over the expanded hrp and data (lowercase hrp). */
static uint32_t polymod(const char *hrp, const uint8_t *data, size_t len)
{
	uint32_t chk = 1;
	size_t n = strlen(hrp);

	for (size_t i = 0; i < n; i++)
		chk = polymod_step(chk) ^ ((uint8_t)hrp[i] >> 5);
	chk = polymod_step(chk);
	for (size_t i = 0; i < n; i++)
		chk = polymod_step(chk) ^ ((uint8_t)hrp[i] & 0x1f);
	for (size_t i = 0; i < len; i++)
		chk = polymod_step(chk) ^ data[i];
	return chk;
}

enum trc_err bech32_encode(char *out, size_t outsize, const char *hrp,
			   const uint8_t *data, size_t len,
			   enum bech32_variant v, struct trc_error *err)
{
	size_t hl = strlen(hrp), pos = 0;
	uint32_t chk;

	if (outsize)
		out[0] = '\0';
	if (hl < 1 || hl > BECH32_HRP_MAX ||
	    hl + 1 + len + 6 > BECH32_MAX_LEN || hl + 1 + len + 6 + 1 > outsize)
		return trc_fail(err, TRC_ERR_INVALID,
				"bech32 string would be too long");
	for (size_t i = 0; i < hl; i++)
		if (hrp[i] < 33 || hrp[i] > 126 ||
		    isupper((unsigned char)hrp[i]))
			return trc_fail(err, TRC_ERR_INVALID,
					"invalid bech32 prefix '%s'", hrp);
	chk = polymod(hrp, data, len);
	for (int i = 0; i < 6; i++)
		chk = polymod_step(chk);
	chk ^= variant_const(v);
	memcpy(out, hrp, hl);
	pos = hl;
	out[pos++] = '1';
	for (size_t i = 0; i < len; i++) {
		if (data[i] >> 5)
			return trc_fail(err, TRC_ERR_INVALID,
					"bech32 value out of range");
		out[pos++] = charset[data[i]];
	}
	for (int i = 0; i < 6; i++)
		out[pos++] = charset[(chk >> (5 * (5 - i))) & 0x1f];
	out[pos] = '\0';
	return TRC_OK;
}

/* Checks length, characters and case. Out: *sep, the separator's index. */
static enum trc_err check_chars(const char *s, size_t len, size_t *sep,
				struct trc_error *err)
{
	int lower = 0, upper = 0;

	if (len > BECH32_MAX_LEN)
		return trc_fail(err, TRC_ERR_PARSE,
				"bech32 string of %zu characters is longer "
				"than %d",
				len, BECH32_MAX_LEN);
	*sep = len;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 33 || c > 126)
			return trc_fail(err, TRC_ERR_PARSE,
					"invalid character 0x%02x at position "
					"%zu of bech32 string",
					c, i);
		lower |= islower(c) != 0;
		upper |= isupper(c) != 0;
		if (c == '1')
			*sep = i;
	}
	if (lower && upper)
		return trc_fail(err, TRC_ERR_PARSE,
				"bech32 string mixes upper and lower case");
	if (*sep == len)
		return trc_fail(err, TRC_ERR_PARSE,
				"bech32 string has no separator '1'");
	if (*sep == 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"bech32 string has an empty prefix");
	if (len - *sep - 1 < 6)
		return trc_fail(err, TRC_ERR_PARSE,
				"bech32 checksum too short (%zu characters)",
				len - *sep - 1);
	return TRC_OK;
}

enum trc_err bech32_decode(char *hrp, size_t hrp_size, uint8_t *data,
			   size_t cap, size_t *len,
			   enum bech32_variant *variant, const char *s,
			   struct trc_error *err)
{
	size_t n = strnlen(s, BECH32_MAX_LEN + 1), sep = 0, dl;
	uint32_t chk;
	enum trc_err rc;

	*len = 0;
	*variant = BECH32_NONE;
	if (hrp_size)
		hrp[0] = '\0';
	rc = check_chars(s, n, &sep, err);
	if (rc)
		return rc;
	dl = n - sep - 1;
	if (sep + 1 > hrp_size || dl > cap)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"bech32 buffers too small");
	for (size_t i = 0; i < sep; i++)
		hrp[i] = (char)tolower((unsigned char)s[i]);
	hrp[sep] = '\0';
	for (size_t i = 0; i < dl; i++) {
		char c = (char)tolower((unsigned char)s[sep + 1 + i]);
		const char *p = strchr(charset, c);

		if (!p)
			return trc_fail(err, TRC_ERR_PARSE,
					"invalid bech32 character '%c' at "
					"position %zu",
					s[sep + 1 + i], sep + 1 + i);
		data[i] = (uint8_t)(p - charset);
	}
	chk = polymod(hrp, data, dl);
	if (chk == variant_const(BECH32))
		*variant = BECH32;
	else if (chk == variant_const(BECH32M))
		*variant = BECH32M;
	else
		return trc_fail(err, TRC_ERR_PARSE, "bech32 checksum mismatch");
	*len = dl - 6;
	return TRC_OK;
}

/* Regroups bits; pad adds zero bits at the end, else excess must be zero
 * and shorter than `from`. Returns false on a violation or overflow. */
static bool convert_bits(uint8_t *out, size_t cap, size_t *outlen,
			 const uint8_t *in, size_t len, int from, int to,
			 bool pad)
{
	uint32_t acc = 0, maxv = (1u << to) - 1;
	int bits = 0;

	*outlen = 0;
	for (size_t i = 0; i < len; i++) {
		acc = ((acc << from) | in[i]) & 0xffffff;
		bits += from;
		while (bits >= to) {
			bits -= to;
			if (*outlen >= cap)
				return false;
			out[(*outlen)++] = (uint8_t)((acc >> bits) & maxv);
		}
	}
	if (pad) {
		if (bits) {
			if (*outlen >= cap)
				return false;
			out[(*outlen)++] =
				(uint8_t)((acc << (to - bits)) & maxv);
		}
	} else if (bits >= from || ((acc << (to - bits)) & maxv)) {
		return false;
	}
	return true;
}

enum trc_err segwit_addr_encode(char *out, size_t outsize, const char *hrp,
				int ver, const uint8_t *prog, size_t len,
				struct trc_error *err)
{
	uint8_t data[1 + 65];
	size_t n;

	if (outsize)
		out[0] = '\0';
	if (ver < 0 || ver > 16 || len < 2 || len > SEGWIT_PROGRAM_MAX ||
	    (ver == 0 && len != 20 && len != 32))
		return trc_fail(err, TRC_ERR_INVALID,
				"no segwit address for version %d with a "
				"%zu-byte program",
				ver, len);
	data[0] = (uint8_t)ver;
	if (!convert_bits(data + 1, sizeof(data) - 1, &n, prog, len, 8, 5,
			  true))
		return trc_fail(err, TRC_ERR_INVALID,
				"segwit program too long");
	return bech32_encode(out, outsize, hrp, data, n + 1,
			     ver ? BECH32M : BECH32, err);
}

enum trc_err segwit_addr_decode(int *ver, uint8_t *prog, size_t *len,
				const char *hrp, const char *s,
				struct trc_error *err)
{
	char got[BECH32_HRP_MAX + 1];
	uint8_t data[BECH32_MAX_LEN];
	size_t n;
	enum bech32_variant v;
	enum trc_err rc;

	*ver = -1;
	*len = 0;
	rc = bech32_decode(got, sizeof(got), data, sizeof(data), &n, &v, s,
			   err);
	if (rc)
		return rc;
	if (strcmp(got, hrp))
		return trc_fail(err, TRC_ERR_PARSE,
				"address prefix '%s' is not this network's "
				"'%s'",
				got, hrp);
	if (n < 1 || data[0] > 16)
		return trc_fail(err, TRC_ERR_PARSE,
				"invalid witness version in address");
	if ((data[0] == 0) != (v == BECH32))
		return trc_fail(err, TRC_ERR_PARSE,
				"witness version %d address must use %s",
				data[0], data[0] ? "bech32m" : "bech32");
	if (!convert_bits(prog, SEGWIT_PROGRAM_MAX, len, data + 1, n - 1, 5, 8,
			  false))
		return trc_fail(err, TRC_ERR_PARSE,
				"invalid witness program padding or length");
	if (*len < 2 || *len > SEGWIT_PROGRAM_MAX ||
	    (data[0] == 0 && *len != 20 && *len != 32)) {
		size_t bad = *len;

		*len = 0;
		return trc_fail(err, TRC_ERR_PARSE,
				"invalid witness program length %zu for "
				"version %d",
				bad, data[0]);
	}
	*ver = data[0];
	return TRC_OK;
}
