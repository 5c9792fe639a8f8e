#include "base/amount.h"

#include <string.h>

#include "base/hex.h"

__extension__ typedef unsigned __int128 u128;

trc_amount amount_from_u64(uint64_t v)
{
	trc_amount a = AMOUNT_ZERO;

	a.w[0] = v;
	return a;
}

bool amount_is_zero(trc_amount a)
{
	return !(a.w[0] | a.w[1] | a.w[2] | a.w[3]);
}

int amount_cmp(trc_amount a, trc_amount b)
{
	for (int i = 3; i >= 0; i--) {
		if (a.w[i] != b.w[i])
			return a.w[i] < b.w[i] ? -1 : 1;
	}
	return 0;
}

trc_amount amount_min(trc_amount a, trc_amount b)
{
	return amount_cmp(a, b) <= 0 ? a : b;
}

trc_amount amount_max(trc_amount a, trc_amount b)
{
	return amount_cmp(a, b) >= 0 ? a : b;
}

enum trc_err amount_add(trc_amount *out, trc_amount a, trc_amount b)
{
	trc_amount r;
	uint64_t carry = 0;

	*out = AMOUNT_ZERO;
	for (int i = 0; i < 4; i++) {
		u128 s = (u128)a.w[i] + b.w[i] + carry;
		r.w[i] = (uint64_t)s;
		carry = (uint64_t)(s >> 64);
	}
	if (carry)
		return TRC_ERR_OVERFLOW;
	*out = r;
	return TRC_OK;
}

enum trc_err amount_sub(trc_amount *out, trc_amount a, trc_amount b)
{
	trc_amount r;
	uint64_t borrow = 0;

	*out = AMOUNT_ZERO;
	if (amount_cmp(a, b) < 0)
		return TRC_ERR_OVERFLOW;
	for (int i = 0; i < 4; i++) {
		u128 d = (u128)a.w[i] - b.w[i] - borrow;
		r.w[i] = (uint64_t)d;
		borrow = (uint64_t)(d >> 64) ? 1 : 0;
	}
	*out = r;
	return TRC_OK;
}

/* Full 256x256 -> 512-bit product, limbs little-endian. */
static void mul_wide(uint64_t p[8], trc_amount a, trc_amount b)
{
	memset(p, 0, 8 * sizeof(p[0]));
	for (int i = 0; i < 4; i++) {
		uint64_t carry = 0;

		for (int j = 0; j < 4; j++) {
			u128 t = (u128)a.w[i] * b.w[j] + p[i + j] + carry;
			p[i + j] = (uint64_t)t;
			carry = (uint64_t)(t >> 64);
		}
		p[i + 4] = carry;
	}
}

enum trc_err amount_mul(trc_amount *out, trc_amount a, trc_amount b)
{
	uint64_t p[8];

	*out = AMOUNT_ZERO;
	mul_wide(p, a, b);
	if (p[4] | p[5] | p[6] | p[7])
		return TRC_ERR_OVERFLOW;
	memcpy(out->w, p, sizeof(out->w));
	return TRC_OK;
}

static int top_bit(const uint64_t *x, int limbs)
{
	for (int i = limbs - 1; i >= 0; i--) {
		if (x[i])
			return i * 64 + 63 - __builtin_clzll(x[i]);
	}
	return -1;
}

/* Shift-subtract division of a 512-bit numerator by a 256-bit divisor. */
static enum trc_err div_wide(trc_amount *quot, trc_amount *rem,
			     const uint64_t num[8], trc_amount c)
{
	uint64_t q[8] = { 0 };
	uint64_t r[5] = { 0 }; /* one spare limb for the shift */
	int top = top_bit(num, 8);

	for (int bit = top; bit >= 0; bit--) {
		/* r = (r << 1) | bit */
		for (int i = 4; i > 0; i--)
			r[i] = (r[i] << 1) | (r[i - 1] >> 63);
		r[0] = (r[0] << 1) | ((num[bit / 64] >> (bit % 64)) & 1);
		trc_amount low = { { r[0], r[1], r[2], r[3] } };
		if (r[4] || amount_cmp(low, c) >= 0) {
			uint64_t borrow = 0;

			for (int i = 0; i < 4; i++) {
				u128 d = (u128)r[i] - c.w[i] - borrow;
				r[i] = (uint64_t)d;
				borrow = (uint64_t)(d >> 64) ? 1 : 0;
			}
			r[4] -= borrow;
			q[bit / 64] |= (uint64_t)1 << (bit % 64);
		}
	}
	if (q[4] | q[5] | q[6] | q[7])
		return TRC_ERR_OVERFLOW;
	memcpy(quot->w, q, sizeof(quot->w));
	if (rem)
		memcpy(rem->w, r, sizeof(rem->w));
	return TRC_OK;
}

enum trc_err amount_mul_div(trc_amount *quot, trc_amount *rem, trc_amount a,
			    trc_amount b, trc_amount c)
{
	uint64_t p[8];

	*quot = AMOUNT_ZERO;
	if (rem)
		*rem = AMOUNT_ZERO;
	if (amount_is_zero(c))
		return TRC_ERR_INVALID;
	/* Fast path: everything within 64 bits (every Bitcoin amount). */
	if (!(a.w[1] | a.w[2] | a.w[3] | b.w[1] | b.w[2] | b.w[3] | c.w[1] |
	      c.w[2] | c.w[3])) {
		u128 prod = (u128)a.w[0] * b.w[0];
		u128 q = prod / c.w[0];

		quot->w[0] = (uint64_t)q;
		quot->w[1] = (uint64_t)(q >> 64);
		if (rem)
			rem->w[0] = (uint64_t)(prod % c.w[0]);
		return TRC_OK;
	}
	mul_wide(p, a, b);
	return div_wide(quot, rem, p, c);
}

enum trc_err amount_to_u64(uint64_t *out, trc_amount a)
{
	*out = 0;
	if (a.w[1] | a.w[2] | a.w[3])
		return TRC_ERR_OVERFLOW;
	*out = a.w[0];
	return TRC_OK;
}

/* *a = *a * 10 + digit; false on overflow. */
static bool mul10_add(trc_amount *a, unsigned digit)
{
	trc_amount t;

	if (amount_mul(&t, *a, amount_from_u64(10)) != TRC_OK)
		return false;
	if (amount_add(a, t, amount_from_u64(digit)) != TRC_OK)
		return false;
	return true;
}

enum trc_err amount_parse(trc_amount *out, const char *s, unsigned decimals,
			  struct trc_error *err)
{
	trc_amount v = AMOUNT_ZERO;
	const char *p = s;
	unsigned frac = 0;
	bool point = false;
	size_t int_digits = 0;

	*out = AMOUNT_ZERO;
	if (!s || !*s)
		return trc_fail(err, TRC_ERR_PARSE, "empty amount");
	for (; *p; p++) {
		if (*p == '.' && !point) {
			point = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			return trc_fail(err, TRC_ERR_PARSE,
					"invalid amount '%s': unexpected '%c'",
					s, *p);
		if (point && ++frac > decimals)
			return trc_fail(err, TRC_ERR_PARSE,
					"invalid amount '%s': more than %u "
					"decimals",
					s, decimals);
		if (!point)
			int_digits++;
		if (!mul10_add(&v, (unsigned)(*p - '0')))
			goto overflow;
	}
	if (!int_digits || (point && !frac))
		return trc_fail(err, TRC_ERR_PARSE,
				"invalid amount '%s': expected digits on both "
				"sides of the point",
				s);
	for (; frac < decimals; frac++) {
		if (!mul10_add(&v, 0))
			goto overflow;
	}
	*out = v;
	return TRC_OK;
overflow:
	return trc_fail(err, TRC_ERR_OVERFLOW,
			"amount '%s' exceeds 2^256-1 base units", s);
}

enum trc_err amount_parse_hex(trc_amount *out, const char *s,
			      struct trc_error *err)
{
	trc_amount v = AMOUNT_ZERO;
	size_t n;

	*out = AMOUNT_ZERO;
	if (!s || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return trc_fail(err, TRC_ERR_PARSE,
				"invalid quantity '%.80s': expected 0x prefix",
				s ? s : "(null)");
	s += 2;
	n = strlen(s);
	while (n > 64 && *s == '0') {
		s++;
		n--;
	}
	if (n == 0 || n > 64)
		return trc_fail(err, n ? TRC_ERR_OVERFLOW : TRC_ERR_PARSE,
				"invalid quantity '0x%.80s': %s", s,
				n ? "exceeds 256 bits" : "no digits");
	for (size_t i = 0; i < n; i++) {
		int d = hex_value(s[i]);

		if (d < 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"invalid quantity '0x%.80s': bad hex "
					"digit '%c'",
					s, s[i]);
		size_t bit = (n - 1 - i) * 4;
		v.w[bit / 64] |= (uint64_t)d << (bit % 64);
	}
	*out = v;
	return TRC_OK;
}

/* Divides a by 10 in place and returns the remainder. */
static unsigned div10(trc_amount *a)
{
	u128 r = 0;

	for (int i = 3; i >= 0; i--) {
		u128 cur = (r << 64) | a->w[i];
		a->w[i] = (uint64_t)(cur / 10);
		r = cur % 10;
	}
	return (unsigned)r;
}

char *amount_format(char *buf, size_t size, trc_amount a, unsigned decimals,
		    bool trim)
{
	char digits[AMOUNT_STR_MAX];
	char tmp[AMOUNT_STR_MAX * 2];
	size_t n = 0, pos = 0;

	if (!size)
		return buf;
	if (decimals > 77)
		decimals = 77;
	do {
		digits[n++] = (char)('0' + div10(&a));
	} while (!amount_is_zero(a));
	while (n <= decimals)
		digits[n++] = '0';
	/* digits are reversed: digits[0] is the least significant */
	for (size_t i = n; i > decimals; i--)
		tmp[pos++] = digits[i - 1];
	if (decimals) {
		size_t end;

		tmp[pos++] = '.';
		for (size_t i = decimals; i > 0; i--)
			tmp[pos++] = digits[i - 1];
		end = pos;
		if (trim) {
			while (tmp[end - 1] == '0')
				end--;
			if (tmp[end - 1] == '.')
				end--;
		}
		pos = end;
	}
	tmp[pos] = '\0';
	if (pos >= size)
		pos = size - 1;
	memcpy(buf, tmp, pos);
	buf[pos] = '\0';
	return buf;
}

void amount_to_be32(uint8_t out[32], trc_amount a)
{
	for (int i = 0; i < 32; i++)
		out[31 - i] = (uint8_t)(a.w[i / 8] >> (8 * (i % 8)));
}

enum trc_err amount_from_be(trc_amount *out, const uint8_t *p, size_t len)
{
	trc_amount v = AMOUNT_ZERO;

	*out = AMOUNT_ZERO;
	while (len > 32 && *p == 0) {
		p++;
		len--;
	}
	if (len > 32)
		return TRC_ERR_OVERFLOW;
	for (size_t i = 0; i < len; i++) {
		size_t bit = (len - 1 - i) * 8;
		v.w[bit / 64] |= (uint64_t)p[i] << (bit % 64);
	}
	*out = v;
	return TRC_OK;
}

size_t amount_byte_len(trc_amount a)
{
	int top = top_bit(a.w, 4);

	return top < 0 ? 0 : (size_t)top / 8 + 1;
}
