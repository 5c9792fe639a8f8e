#include "base/base58.h"

#include <string.h>

#include "base/hash.h"

static const char alphabet[] =
	"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* The digit of each ASCII character, -1 outside the alphabet. */
static const signed char digits[128] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, 0,	1,  2,	3,  4,	5,  6,	7,  8,	-1, -1, -1, -1, -1, -1,
	-1, 9,	10, 11, 12, 13, 14, 15, 16, -1, 17, 18, 19, 20, 21, -1,
	22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, -1, -1, -1, -1, -1,
	-1, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, -1, 44, 45, 46,
	47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, -1, -1, -1, -1, -1,
};

static int digit(char c)
{
	return (unsigned char)c < 128 ? digits[(unsigned char)c] : -1;
}

bool base58_is_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (digit(s[i]) < 0)
			return false;
	return true;
}

enum trc_err base58_encode(char *out, size_t outsize, const uint8_t *p,
			   size_t len, struct trc_error *err)
{
	uint8_t b58[BASE58_MAX_BYTES * 138 / 100 + 1];
	size_t zeros = 0, size, n = 0;

	if (outsize)
		out[0] = '\0';
	if (len > BASE58_MAX_BYTES)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"base58 input of %zu bytes is too long", len);
	while (zeros < len && p[zeros] == 0)
		zeros++;
	/* log(256) / log(58) < 1.38: the digits that len bytes need. */
	size = (len - zeros) * 138 / 100 + 1;
	memset(b58, 0, size);
	for (size_t i = zeros; i < len; i++) {
		unsigned carry = p[i];
		size_t j = 0;

		for (size_t k = size; k > 0 && (carry || j < n); k--, j++) {
			carry += 256u * b58[k - 1];
			b58[k - 1] = (uint8_t)(carry % 58);
			carry /= 58;
		}
		n = j;
	}
	size_t skip = size - n;
	while (skip < size && b58[skip] == 0)
		skip++;
	if (zeros + (size - skip) + 1 > outsize)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"base58 output buffer too small");
	memset(out, '1', zeros);
	for (size_t i = skip; i < size; i++)
		out[zeros++] = alphabet[b58[i]];
	out[zeros] = '\0';
	return TRC_OK;
}

enum trc_err base58_decode(uint8_t *out, size_t cap, size_t *outlen,
			   const char *s, struct trc_error *err)
{
	uint8_t b256[BASE58_MAX_CHARS];
	size_t len = strlen(s), ones = 0, size, n = 0, skip;

	*outlen = 0;
	if (len > BASE58_MAX_CHARS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"base58 string of %zu characters is too long",
				len);
	while (ones < len && s[ones] == '1')
		ones++;
	/* log(58) / log(256) < 0.733 */
	size = (len - ones) * 733 / 1000 + 1;
	memset(b256, 0, size);
	for (size_t i = ones; i < len; i++) {
		int d = digit(s[i]);
		unsigned carry;
		size_t j = 0;

		if (d < 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"invalid base58 character '%c' at "
					"position %zu",
					s[i], i);
		carry = (unsigned)d;
		for (size_t k = size; k > 0 && (carry || j < n); k--, j++) {
			carry += 58u * b256[k - 1];
			b256[k - 1] = (uint8_t)(carry & 0xff);
			carry >>= 8;
		}
		n = j;
	}
	skip = size - n;
	while (skip < size && b256[skip] == 0)
		skip++;
	if (ones + (size - skip) > cap)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"base58 string decodes to more than %zu bytes",
				cap);
	memset(out, 0, ones);
	memcpy(out + ones, b256 + skip, size - skip);
	*outlen = ones + (size - skip);
	return TRC_OK;
}

enum trc_err base58check_encode(char *out, size_t outsize, const uint8_t *p,
				size_t len, struct trc_error *err)
{
	uint8_t tmp[BASE58_MAX_BYTES];
	uint8_t sum[32];

	if (outsize)
		out[0] = '\0';
	if (len + 4 > sizeof(tmp))
		return trc_fail(err, TRC_ERR_TOOBIG,
				"base58check payload of %zu bytes is too long",
				len);
	memcpy(tmp, p, len);
	hash_sha256d(sum, p, len);
	memcpy(tmp + len, sum, 4);
	return base58_encode(out, outsize, tmp, len + 4, err);
}

enum trc_err base58check_decode(uint8_t *out, size_t cap, size_t *outlen,
				const char *s, struct trc_error *err)
{
	uint8_t tmp[BASE58_MAX_CHARS];
	uint8_t sum[32];
	size_t n;
	enum trc_err rc;

	*outlen = 0;
	rc = base58_decode(tmp, sizeof(tmp), &n, s, err);
	if (rc)
		return rc;
	if (n < 4)
		return trc_fail(err, TRC_ERR_PARSE,
				"base58check string too short for a checksum");
	hash_sha256d(sum, tmp, n - 4);
	if (memcmp(sum, tmp + n - 4, 4))
		return trc_fail(err, TRC_ERR_PARSE,
				"base58check checksum mismatch");
	if (n - 4 > cap)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"base58check payload longer than %zu bytes",
				cap);
	memcpy(out, tmp, n - 4);
	*outlen = n - 4;
	return TRC_OK;
}
