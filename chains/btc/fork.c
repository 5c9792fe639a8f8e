#include "chains/btc/fork.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <string.h>
#include <strings.h>

#include "base/base58.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/bech32.h"
#include "chains/btc/block.h"
#include "chains/btc/cashaddr.h"
#include "chains/btc/script.h"

/*
 * Litecoin Core 0.21 chainparams.cpp: base58 48 (L), 50 (M), legacy 5
 * (3), secret 176, bech32 "ltc", pchMessageStart fb c0 b6 db, powLimit
 * 0x1e0fffff, SegwitHeight 1201536, MWEB from 2265984; 4,000,000 weight.
 * Bitcoin Cash Node chainparams.cpp: base58 0 and 5, CashAddr
 * "bitcoincash", netMagic e3 e1 f3 e8 (diskMagic f9 be b4 d9, Bitcoin's),
 * powLimit 0x1d00ffff, 32,000,000-byte blocks (the 2018 default), no
 * segwit. Dogecoin Core 1.14 chainparams.cpp: base58 30 (D), 22 (9/A),
 * secret 158, pchMessageStart c0 c0 c0 c0, powLimit 0x1e0fffff, AuxPoW
 * from 371337 with chain id 0x62, 1,000,000-byte blocks, no segwit.
 */
static const struct btc_fork forks[] = {
	{ "ltc",
	  "Litecoin",
	  "LTC",
	  { "main",
	    0x30,
	    0x32,
	    0xb0,
	    "ltc",
	    { { 0xfb, 0xc0, 0xb6, 0xdb }, { 0 } },
	    0x1e0fffff,
	    710000,
	    1201536 },
	  0x05,
	  NULL,
	  BTC_POW_SCRYPT,
	  true,
	  false,
	  0,
	  0,
	  2265984,
	  1000000 },
	{ "bch",
	  "Bitcoin Cash",
	  "BCH",
	  { "main",
	    0x00,
	    0x05,
	    0x80,
	    NULL,
	    { { 0xe3, 0xe1, 0xf3, 0xe8 }, { 0xf9, 0xbe, 0xb4, 0xd9 } },
	    0x1d00ffff,
	    227931,
	    UINT32_MAX },
	  0,
	  "bitcoincash",
	  BTC_POW_SHA256D,
	  false,
	  false,
	  0,
	  0,
	  0,
	  32000000 },
	{ "doge",
	  "Dogecoin",
	  "DOGE",
	  { "main",
	    0x1e,
	    0x16,
	    0x9e,
	    NULL,
	    { { 0xc0, 0xc0, 0xc0, 0xc0 }, { 0 } },
	    0x1e0fffff,
	    1034383,
	    UINT32_MAX },
	  0,
	  NULL,
	  BTC_POW_SCRYPT,
	  false,
	  true,
	  0x62,
	  371337,
	  0,
	  1000000 },
};

#define N_FORKS (sizeof(forks) / sizeof(forks[0]))

const struct btc_fork *btc_fork_find(const char *name)
{
	for (size_t i = 0; name && i < N_FORKS; i++)
		if (!strcmp(forks[i].name, name))
			return &forks[i];
	return NULL;
}

const struct btc_fork *btc_fork_at(size_t i)
{
	return i < N_FORKS ? &forks[i] : NULL;
}

enum trc_err btc_fork_pow_hash(const struct btc_fork *f,
			       const uint8_t header[80], uint8_t out[32],
			       struct trc_error *err)
{
	if (f->pow == BTC_POW_SHA256D) {
		hash_sha256d(out, header, 80);
		return TRC_OK;
	}
	if (EVP_PBE_scrypt((const char *)header, 80, header, 80, 1024, 1, 1, 0,
			   out, 32) != 1)
		return trc_fail(err, TRC_ERR_INVALID,
				"libcrypto's scrypt failed");
	return TRC_OK;
}

/* a and target as 256-bit numbers: a little-endian, target big-endian */
static int cmp_le_be(const uint8_t a[32], const uint8_t target[32])
{
	for (int i = 0; i < 32; i++) {
		uint8_t x = a[31 - i], y = target[i];

		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

enum trc_err btc_fork_check_pow(const struct btc_fork *f,
				const uint8_t header[80], struct trc_error *err)
{
	uint8_t id[32], pow[32], t[32], limit[32];
	char hex[65];
	uint32_t bits = (uint32_t)header[72] | (uint32_t)header[73] << 8 |
			(uint32_t)header[74] << 16 | (uint32_t)header[75] << 24;
	struct trc_error e = TRC_ERROR_INIT;
	enum trc_err rc;

	hash_sha256d(id, header, 80);
	hex_encode_rev(hex, id, 32);
	if (btc_bits_target(bits, t, &e))
		return trc_fail(err, TRC_ERR_VERIFY, "%s block %s: %s",
				f->title, hex, e.msg);
	if (!btc_bits_target(f->net.pow_limit_bits, limit, NULL) &&
	    memcmp(t, limit, 32) > 0)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: bits 0x%08x are easier than "
				"its limit 0x%08x",
				f->title, hex, bits, f->net.pow_limit_bits);
	if ((rc = btc_fork_pow_hash(f, header, pow, err)))
		return rc;
	if (cmp_le_be(pow, t) > 0)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: %s work does not meet its "
				"target (bits 0x%08x)",
				f->title, hex,
				f->pow == BTC_POW_SCRYPT ? "scrypt" : "sha256d",
				bits);
	return TRC_OK;
}

static enum trc_err copy_out(char *out, size_t outsize, const char *s,
			     bool lower, struct trc_error *err)
{
	size_t n = strlen(s);

	if (n + 1 > outsize)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"address buffer too small");
	for (size_t i = 0; i <= n; i++)
		out[i] = lower ? (char)tolower((unsigned char)s[i]) : s[i];
	return TRC_OK;
}

/* prefix:payload, or a payload alone: q... or p... of 42 characters or
 * more (a 160-bit hash; base58 addresses are at most 35) */
static bool looks_cashaddr(const char *in)
{
	return strchr(in, ':') || (strlen(in) >= 42 && strchr("qpQP", in[0]));
}

enum trc_err btc_fork_address_normalize(const struct btc_fork *f,
					const char *in, char *out,
					size_t outsize, struct trc_error *err)
{
	uint8_t p[BASE58_MAX_CHARS], prog[SEGWIT_PROGRAM_MAX];
	struct trc_error e = TRC_ERROR_INIT;
	size_t n, plen;
	int ver;

	if (outsize)
		out[0] = '\0';
	if (!f || !in)
		return trc_fail(err, TRC_ERR_INVALID, "no chain or address");
	if (strlen(in) > BTC_ADDR_MAX)
		return trc_fail(err, TRC_ERR_PARSE,
				"address of %zu characters is too long",
				strlen(in));
	if (f->cashaddr && looks_cashaddr(in)) {
		uint8_t h[CASHADDR_HASH_MAX];
		unsigned type;

		if (cashaddr_decode(&type, h, sizeof(h), &n, f->cashaddr, in,
				    &e))
			return trc_fail(err, TRC_ERR_PARSE,
					"'%s' is not a %s address: %s", in,
					f->title, e.msg);
		if (type > CASHADDR_P2SH || (n != 20 && n != 32))
			return trc_fail(err, TRC_ERR_PARSE,
					"'%s': CashAddr type %u with a "
					"%zu-byte hash is not a %s output",
					in, type, n, f->title);
		return cashaddr_encode(out, outsize, f->cashaddr, type, h, n,
				       err);
	}
	if (f->net.hrp && strlen(in) > strlen(f->net.hrp) &&
	    !strncasecmp(in, f->net.hrp, strlen(f->net.hrp)) &&
	    in[strlen(f->net.hrp)] == '1') {
		if (segwit_addr_decode(&ver, prog, &plen, f->net.hrp, in, &e))
			return trc_fail(err, TRC_ERR_PARSE,
					"'%s' is not a %s address: %s", in,
					f->title, e.msg);
		return copy_out(out, outsize, in, true, err);
	}
	if (base58check_decode(p, sizeof(p), &n, in, &e))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' is not a %s address: %s", in, f->title,
				e.msg);
	if (n != 21 || (p[0] != f->net.p2pkh && p[0] != f->net.p2sh &&
			(!f->p2sh2 || p[0] != f->p2sh2)))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' is not a %s address: base58 version "
				"0x%02x (%zu bytes)",
				in, f->title, n ? p[0] : 0, n);
	return copy_out(out, outsize, in, false, err);
}

enum trc_err btc_fork_check_witness(const struct btc_fork *f, bool has_witness,
				    struct trc_error *err)
{
	if (has_witness && !f->segwit)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s has no segwit: a transaction with a "
				"witness flag is not valid on it",
				f->title);
	return TRC_OK;
}
