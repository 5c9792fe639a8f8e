#include "base/utf8.h"

#include <string.h>

/* Length of the sequence that starts with byte c, 0 if none may. */
static size_t seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* The second byte's range depends on the first (overlongs, surrogates,
 * the U+10FFFF ceiling). */
static bool second_ok(unsigned char c0, unsigned char c1)
{
	unsigned char lo = 0x80, hi = 0xbf;

	if (c0 == 0xe0)
		lo = 0xa0;
	else if (c0 == 0xed)
		hi = 0x9f;
	else if (c0 == 0xf0)
		lo = 0x90;
	else if (c0 == 0xf4)
		hi = 0x8f;
	return c1 >= lo && c1 <= hi;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = seq_len(p[i]);

		if (!n || n > len - i)
			return false;
		if (n > 1 && !second_ok(p[i], p[i + 1]))
			return false;
		for (size_t k = 2; k < n; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

bool utf8_valid_str(const char *s)
{
	return !s || utf8_valid(s, strlen(s));
}

bool utf8_is_label(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s)
		return true;
	if (!utf8_valid_str(s))
		return false;
	for (; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return false;
	return true;
}
