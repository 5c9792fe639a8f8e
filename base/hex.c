#include "base/hex.h"

#include <string.h>

static const char digits[] = "0123456789abcdef";

char *hex_encode(char *out, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * len] = '\0';
	return out;
}

char *hex_encode_rev(char *out, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[p[len - 1 - i] >> 4];
		out[2 * i + 1] = digits[p[len - 1 - i] & 15];
	}
	out[2 * len] = '\0';
	return out;
}

int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum trc_err hex_decode(uint8_t *out, size_t cap, size_t *outlen,
			const char *hex, size_t hexlen, struct trc_error *err)
{
	*outlen = 0;
	if (hexlen % 2)
		return trc_fail(err, TRC_ERR_PARSE,
				"odd number of hex digits (%zu)", hexlen);
	if (hexlen / 2 > cap)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"hex string of %zu bytes exceeds the limit of "
				"%zu bytes",
				hexlen / 2, cap);
	for (size_t i = 0; i < hexlen; i += 2) {
		int hi = hex_value(hex[i]);
		int lo = hex_value(hex[i + 1]);

		if (hi < 0 || lo < 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"invalid hex digit at offset %zu",
					hi < 0 ? i : i + 1);
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	*outlen = hexlen / 2;
	return TRC_OK;
}

enum trc_err hex_decode_rev(uint8_t *out, size_t len, const char *hex,
			    struct trc_error *err)
{
	size_t n;
	enum trc_err rc;

	if (!hex || strlen(hex) != 2 * len)
		return trc_fail(err, TRC_ERR_PARSE,
				"expected %zu hex digits, got '%.80s'", 2 * len,
				hex ? hex : "(null)");
	rc = hex_decode(out, len, &n, hex, 2 * len, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < len / 2; i++) {
		uint8_t t = out[i];

		out[i] = out[len - 1 - i];
		out[len - 1 - i] = t;
	}
	return TRC_OK;
}

bool hex_is_exact(const char *s, size_t len)
{
	if (!s || strlen(s) != 2 * len)
		return false;
	for (size_t i = 0; i < 2 * len; i++) {
		if (hex_value(s[i]) < 0)
			return false;
	}
	return true;
}
