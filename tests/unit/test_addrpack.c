/*
 * test_addrpack.c - the packed address forms of schema version 3
 * (store/addrpack.h): every form on real addresses of each chain (the
 * vectors of BIP 173/350, the CashAddr spec, EIP-55, Tron's USDT
 * contract and the P2PKH address of private key 1), the shortest-form rule, a
 * property test on random strings, and corrupt values refused by name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/addrpack.h"
#include "tests/unit/harness.h"

static size_t pack(uint8_t *out, const char *s)
{
	struct trc_error e = TRC_ERROR_INIT;
	size_t n = addrpack(out, s, strlen(s), &e);

	if (!n)
		t_fail(__FILE__, __LINE__, "pack %s: %s", s, e.msg);
	return n;
}

/* Packs s, checks the form and the length, unpacks it back. */
static void round_trip(const char *s, int form, size_t want)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t p[ADDRPACK_MAX];
	char back[REC_ADDR_MAX + 1];
	size_t n = pack(p, s), len;

	if (!n)
		return;
	if (p[0] != form || (want && n != want))
		t_fail(__FILE__, __LINE__,
		       "%s: form %u, %zu bytes (want %d, %zu)", s, p[0], n,
		       form, want);
	CHECK(addrpack_is_packed(p, n));
	if (addrunpack(p, n, back, &len, &e))
		t_fail(__FILE__, __LINE__, "unpack %s: %s", s, e.msg);
	else {
		CHECK_STR(back, s);
		CHECK_INT(len, strlen(s));
	}
}

static void t_real_addresses(void)
{
	/* Bitcoin: P2PKH of private key 1, P2SH, BIP 173 P2WPKH/P2WSH,
	 * BIP 350 P2TR, regtest bech32. */
	round_trip("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH", ADDRPACK_B58CHECK, 22);
	round_trip("3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou", ADDRPACK_B58CHECK, 22);
	round_trip("2N2JD6wb56AfK4tfmM6PwdVmoYk2dCKf4Br", ADDRPACK_B58CHECK,
		   22);
	round_trip("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", ADDRPACK_B32,
		   3 + 3 + 25);
	round_trip("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccf"
		   "mv3",
		   ADDRPACK_B32, 0);
	round_trip("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5"
		   "jj0",
		   ADDRPACK_B32, 3 + 3 + 37);
	round_trip("bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq", ADDRPACK_B32,
		   3 + 5 + 25);
	/* Bitcoin Cash (CashAddr spec), Ethereum (lowercase; EIP-55 mixed
	 * case stays raw), Tron's USDT contract. */
	round_trip("bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq",
		   ADDRPACK_B32, 0);
	round_trip("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", ADDRPACK_HEX,
		   21);
	round_trip("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", ADDRPACK_RAW,
		   43);
	round_trip("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", ADDRPACK_B58CHECK, 22);
}

static void t_other_forms(void)
{
	/* A base58 string whose checksum fails: plain base58. */
	round_trip("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMJ", ADDRPACK_B58, 26);
	/* Leading '1's are leading zero bytes, kept. */
	round_trip("111111", ADDRPACK_RAW, 7);
	round_trip("11ZZZZZZZZZZZZZZZZZZZZZZ", ADDRPACK_B58, 0);
	/* Uppercase bech32 is not packed as base32 (lowercase alphabet). */
	round_trip("BC1QW508D6QEJXTDG4C3UPKZUPZFHTC5AWM2R9XG", ADDRPACK_RAW, 0);
	round_trip("x", ADDRPACK_RAW, 2);
	round_trip("0x", ADDRPACK_RAW, 3);
	round_trip("0xAB", ADDRPACK_RAW, 5);
	round_trip("0xab", ADDRPACK_HEX, 2);
	round_trip("a:", ADDRPACK_RAW, 3);
	round_trip("nonstandard script", ADDRPACK_RAW, 0);
}

/* Every string of printable characters survives, whatever form it gets;
 * equal strings pack equal. */
static void t_random_strings(void)
{
	static const char pool[] =
		"0x123456789abcdefABCDEFGHJKLMNPQRSTUVWXYZqpzry9x8gf2tvdw0s3jn"
		"54khce6mua7l:1 ";
	uint64_t z = 0x9e3779b97f4a7c15ull;
	int bad = 0;

	for (int i = 0; i < 20000 && bad < 5; i++) {
		char s[REC_ADDR_MAX + 1], back[REC_ADDR_MAX + 1];
		uint8_t p[ADDRPACK_MAX], q[ADDRPACK_MAX];
		size_t len, n, m, blen;
		struct trc_error e = TRC_ERROR_INIT;

		z = z * 6364136223846793005ull + 1442695040888963407ull;
		len = 1 + (z >> 33) % (i % 10 ? 70 : REC_ADDR_MAX);
		for (size_t k = 0; k < len; k++) {
			z = z * 6364136223846793005ull + 1442695040888963407ull;
			s[k] = pool[(z >> 33) % (sizeof(pool) - 1)];
		}
		if (i % 3 == 0 && len > 2) {
			s[0] = '0';
			s[1] = 'x';
		}
		s[len] = '\0';
		n = addrpack(p, s, len, &e);
		m = addrpack(q, s, len, &e);
		if (!n || n != m || memcmp(p, q, n) || n > len + 1 ||
		    addrunpack(p, n, back, &blen, &e) || blen != len ||
		    memcmp(back, s, len)) {
			t_fail(__FILE__, __LINE__, "'%s' (form %u): %s", s,
			       p[0], e.msg);
			bad++;
		}
	}
}

static void t_refused(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t p[ADDRPACK_MAX];
	char out[REC_ADDR_MAX + 1], big[REC_ADDR_MAX + 2];
	size_t len, n;

	CHECK(!addrpack(p, "", 0, &e));
	CHECK(e.code == TRC_ERR_INVALID);
	memset(big, 'a', sizeof(big));
	CHECK(!addrpack(p, big, sizeof(big), &e));
	CHECK(!addrpack(p, "a\0b", 3, &e));

	CHECK(addrunpack((const uint8_t *)"", 0, out, &len, &e) ==
	      TRC_ERR_CORRUPT);
	CHECK(addrunpack((const uint8_t *)"\x09zz", 3, out, &len, &e) ==
	      TRC_ERR_CORRUPT);
	CHECK(strstr(e.msg, "unknown form 9") != NULL);
	CHECK(addrunpack((const uint8_t *)"\x01", 1, out, &len, &e) ==
	      TRC_ERR_CORRUPT);
	CHECK(addrunpack((const uint8_t *)"\x05", 1, out, &len, &e) ==
	      TRC_ERR_CORRUPT);
	/* the longest base58check payload (fuzz_record found base58's
	 * encoder writing past its digits for it): unpacks, packs back */
	{
		uint8_t most[1 + 124], again[ADDRPACK_MAX];

		most[0] = ADDRPACK_B58CHECK;
		memset(most + 1, 0xff, 124);
		CHECK_OK(addrunpack(most, sizeof(most), out, &len, &e), &e);
		CHECK(addrpack(again, out, len, &e) == sizeof(most));
		CHECK(!memcmp(again, most, sizeof(most)));
		most[0] = ADDRPACK_B58;
		CHECK_OK(addrunpack(most, sizeof(most), out, &len, &e), &e);
	}
	/* base32: truncated, a prefix ending in an alphabet character,
	 * nonzero padding bits. */
	n = pack(p, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
	CHECK(addrunpack(p, n - 1, out, &len, &e) == TRC_ERR_CORRUPT);
	CHECK(strstr(e.msg, "base32") != NULL);
	p[4] = 'q';
	CHECK(addrunpack(p, n, out, &len, &e) == TRC_ERR_CORRUPT);
	CHECK(strstr(e.msg, "separator") != NULL);
	p[4] = '1';
	p[n - 1] |= 1;
	CHECK(addrunpack(p, n, out, &len, &e) == TRC_ERR_CORRUPT);
	CHECK(strstr(e.msg, "padding") != NULL);
}

TEST_MAIN({ "real addresses of each chain", t_real_addresses },
	  { "other forms", t_other_forms },
	  { "random strings round-trip", t_random_strings },
	  { "refused", t_refused })
