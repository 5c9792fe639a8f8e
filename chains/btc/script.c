#include "chains/btc/script.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/base58.h"
#include "base/hash.h"
#include "base/hex.h"
#include "base/secp.h"
#include "chains/btc/bech32.h"
#include "chains/btc/cashaddr.h"
#include "store/record.h"

enum {
	OP_0 = 0x00,
	OP_1 = 0x51,
	OP_16 = 0x60,
	OP_RETURN = 0x6a,
	OP_DUP = 0x76,
	OP_EQUAL = 0x87,
	OP_EQUALVERIFY = 0x88,
	OP_HASH160 = 0xa9,
	OP_CHECKSIG = 0xac,
	OP_CHECKMULTISIG = 0xae,
};

static void pseudo_address(char *addr, size_t size, const char *prefix,
			   const uint8_t *script, size_t len)
{
	uint8_t h[32];
	char hex[41];

	hash_sha256(h, script, len);
	hex_encode(hex, h, 20);
	snprintf(addr, size, "%s%s", prefix, hex);
}

static void base58_address(char *addr, size_t size, uint8_t version,
			   const uint8_t hash[20])
{
	uint8_t payload[21];

	payload[0] = version;
	memcpy(payload + 1, hash, 20);
	/* 21 bytes always fit in BTC_ADDR_MAX characters */
	if (base58check_encode(addr, size, payload, sizeof(payload), NULL))
		addr[0] = '\0';
}

/* A P2PKH or P2SH hash as net shows it: CashAddr where the network has
 * a prefix for it (Bitcoin Cash), else base58check. */
static void hash_address(char *addr, size_t size, const struct btc_network *net,
			 bool p2sh, const uint8_t hash[20])
{
	if (!net->cashaddr) {
		base58_address(addr, size, p2sh ? net->p2sh : net->p2pkh, hash);
		return;
	}
	/* 20 bytes and a known prefix always fit BTC_ADDR_MAX */
	if (cashaddr_encode(addr, size, net->cashaddr,
			    p2sh ? CASHADDR_P2SH : CASHADDR_P2PKH, hash, 20,
			    NULL))
		addr[0] = '\0';
}

static bool is_key_push(const uint8_t *p, size_t left)
{
	return left >= 1 &&
	       ((p[0] == 33 && left >= 34) || (p[0] == 65 && left >= 66));
}

/* <m> <key>... <n> OP_CHECKMULTISIG with 1 <= m <= n <= 16 and keys of
 * 33 or 65 bytes with a plausible prefix (as Core's MatchMultisig). */
static bool is_multisig(const uint8_t *s, size_t len)
{
	size_t pos = 1;
	int m, n, keys = 0;

	if (len < 3 || s[len - 1] != OP_CHECKMULTISIG)
		return false;
	if (s[0] < OP_1 || s[0] > OP_16 || s[len - 2] < OP_1 ||
	    s[len - 2] > OP_16)
		return false;
	m = s[0] - OP_1 + 1;
	n = s[len - 2] - OP_1 + 1;
	while (pos < len - 2) {
		size_t k = s[pos];

		if (!is_key_push(s + pos, len - 2 - pos))
			return false;
		if ((k == 33 && s[pos + 1] != 2 && s[pos + 1] != 3) ||
		    (k == 65 && s[pos + 1] != 4))
			return false;
		pos += 1 + k;
		keys++;
	}
	return keys == n && m <= n;
}

/* OP_n <2..40 byte push>. Out: version, program. */
static bool is_witness(const uint8_t *s, size_t len, int *ver)
{
	if (len < 4 || len > 42)
		return false;
	if (s[0] != OP_0 && (s[0] < OP_1 || s[0] > OP_16))
		return false;
	if ((size_t)s[1] + 2 != len)
		return false;
	*ver = s[0] == OP_0 ? 0 : s[0] - OP_1 + 1;
	return true;
}

static uint8_t classify_witness(const uint8_t *s, size_t len, int ver,
				const struct btc_network *net, char *addr,
				size_t size)
{
	size_t plen = len - 2;
	uint8_t cls;

	if (ver == 0 && plen == 20)
		cls = OUT_P2WPKH;
	else if (ver == 0 && plen == 32)
		cls = OUT_P2WSH;
	else if (ver == 0)
		return 0; /* v0 of another length cannot be spent */
	else if (ver == 1 && plen == 32)
		cls = OUT_P2TR;
	else
		cls = OUT_WITNESS_UNKNOWN;
	if (!net->hrp) /* a chain without segwit (net.h) */
		return 0;
	if (segwit_addr_encode(addr, size, net->hrp, ver, s + 2, plen, NULL))
		return 0;
	return cls;
}

uint8_t btc_script_classify(const uint8_t *s, size_t len,
			    const struct btc_network *net, char *addr,
			    size_t size)
{
	uint8_t h[20];
	int ver;

	addr[0] = '\0';
	if (len == 25 && s[0] == OP_DUP && s[1] == OP_HASH160 && s[2] == 20 &&
	    s[23] == OP_EQUALVERIFY && s[24] == OP_CHECKSIG) {
		hash_address(addr, size, net, false, s + 3);
		return OUT_P2PKH;
	}
	if (len == 23 && s[0] == OP_HASH160 && s[1] == 20 &&
	    s[22] == OP_EQUAL) {
		hash_address(addr, size, net, true, s + 2);
		return OUT_P2SH;
	}
	if ((len == 35 || len == 67) && s[0] == len - 2 &&
	    s[len - 1] == OP_CHECKSIG && secp_pubkey_valid(s + 1, len - 2)) {
		hash_hash160(h, s + 1, len - 2);
		hash_address(addr, size, net, false, h);
		return OUT_P2PK;
	}
	if (is_witness(s, len, &ver)) {
		uint8_t cls = classify_witness(s, len, ver, net, addr, size);

		if (cls)
			return cls;
	}
	if (len >= 1 && s[0] == OP_RETURN)
		return OUT_OP_RETURN;
	if (is_multisig(s, len)) {
		pseudo_address(addr, size, "multisig:", s, len);
		return OUT_MULTISIG;
	}
	pseudo_address(addr, size, "nonstandard:", s, len);
	return OUT_NONSTANDARD;
}

static bool has_pseudo_prefix(const char *a, size_t *plen)
{
	static const char *const prefixes[] = { "multisig:", "nonstandard:" };

	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(prefixes[i]);

		if (!strncasecmp(a, prefixes[i], n)) {
			*plen = n;
			return true;
		}
	}
	return false;
}

static enum trc_err append(struct buf *b, const uint8_t *p, size_t len,
			   struct trc_error *err)
{
	enum trc_err rc = buf_append(b, p, len);

	return rc ? trc_fail(err, rc, "cannot build output script: %s",
			     trc_strerror(rc))
		  : TRC_OK;
}

static enum trc_err base58_to_script(const struct btc_network *net,
				     const uint8_t *p, size_t n,
				     const char *address, struct buf *script,
				     struct trc_error *err)
{
	uint8_t s[25];

	if (n != 21)
		return trc_fail(err, TRC_ERR_PARSE,
				"address '%s' holds %zu bytes, expected 21",
				address, n);
	if (p[0] == net->p2pkh) {
		s[0] = OP_DUP;
		s[1] = OP_HASH160;
		s[2] = 20;
		memcpy(s + 3, p + 1, 20);
		s[23] = OP_EQUALVERIFY;
		s[24] = OP_CHECKSIG;
		return append(script, s, 25, err);
	}
	if (p[0] == net->p2sh) {
		s[0] = OP_HASH160;
		s[1] = 20;
		memcpy(s + 2, p + 1, 20);
		s[22] = OP_EQUAL;
		return append(script, s, 23, err);
	}
	return trc_fail(err, TRC_ERR_PARSE,
			"address '%s' has version byte 0x%02x, not one of "
			"network %s (0x%02x, 0x%02x)",
			address, p[0], net->name, net->p2pkh, net->p2sh);
}

/* True when s looks like bech32 for this network: "<hrp>1..." any case. */
static bool looks_bech32(const struct btc_network *net, const char *s)
{
	size_t n = net->hrp ? strlen(net->hrp) : 0;

	return n && !strncasecmp(s, net->hrp, n) && s[n] == '1';
}

static enum trc_err bech32_to_script(const struct btc_network *net,
				     const char *a, struct buf *script,
				     struct trc_error *err)
{
	uint8_t p[SEGWIT_PROGRAM_MAX], s[2 + SEGWIT_PROGRAM_MAX];
	size_t n;
	int ver;
	enum trc_err rc = segwit_addr_decode(&ver, p, &n, net->hrp, a, err);

	if (rc)
		return trc_error_prefix(err, rc, "address '%s'", a);
	s[0] = ver ? (uint8_t)(OP_1 + ver - 1) : OP_0;
	s[1] = (uint8_t)n;
	memcpy(s + 2, p, n);
	return append(script, s, n + 2, err);
}

/* Out: *bech32 tells which encoding matched. */
static enum trc_err decode_to_script(const struct btc_network *net,
				     const char *a, struct buf *script,
				     bool *bech32, struct trc_error *err)
{
	uint8_t p[BASE58_MAX_CHARS];
	size_t n, plen;
	struct trc_error e58 = TRC_ERROR_INIT;

	*bech32 = false;
	if (has_pseudo_prefix(a, &plen))
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"'%s' names a script by its hash; it has no "
				"output script",
				a);
	if (looks_bech32(net, a)) {
		/* a base58 string may begin like the prefix: try it too */
		if (!base58check_decode(p, sizeof(p), &n, a, NULL) && n == 21)
			return base58_to_script(net, p, n, a, script, err);
		*bech32 = true;
		return bech32_to_script(net, a, script, err);
	}
	if (base58check_decode(p, sizeof(p), &n, a, &e58))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' is not an address of network %s: %s", a,
				net->name, e58.msg);
	return base58_to_script(net, p, n, a, script, err);
}

enum trc_err btc_address_to_script(const struct btc_network *net,
				   const char *address, struct buf *script,
				   struct trc_error *err)
{
	bool bech32;

	if (!net || !address)
		return trc_fail(err, TRC_ERR_INVALID, "no network or address");
	if (strlen(address) > BTC_ADDR_MAX)
		return trc_fail(err, TRC_ERR_PARSE,
				"address of %zu characters is too long",
				strlen(address));
	return decode_to_script(net, address, script, &bech32, err);
}

static enum trc_err normalize_pseudo(const char *a, size_t plen, char *out,
				     size_t outsize, struct trc_error *err)
{
	size_t n = strlen(a);

	if (n != plen + 40 || !hex_is_exact(a + plen, 20))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' is not a script pseudo-address (prefix "
				"and 40 hex digits)",
				a);
	if (n + 1 > outsize)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"address buffer too small");
	for (size_t i = 0; i <= n; i++)
		out[i] = (char)tolower((unsigned char)a[i]);
	return TRC_OK;
}

enum trc_err btc_address_normalize(const struct btc_network *net,
				   const char *address, char *out,
				   size_t outsize, struct trc_error *err)
{
	struct buf script = BUF_INIT(64);
	size_t plen, n;
	bool bech32;
	enum trc_err rc;

	if (outsize)
		out[0] = '\0';
	if (address && has_pseudo_prefix(address, &plen))
		return normalize_pseudo(address, plen, out, outsize, err);
	if (!net || !address)
		return trc_fail(err, TRC_ERR_INVALID, "no network or address");
	rc = decode_to_script(net, address, &script, &bech32, err);
	buf_release(&script);
	if (rc)
		return rc;
	n = strlen(address);
	if (n + 1 > outsize)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"address buffer too small");
	/* base58 has no case to fold; bech32 is valid in one case only */
	for (size_t i = 0; i <= n; i++)
		out[i] = bech32 ? (char)tolower((unsigned char)address[i])
				: address[i];
	return TRC_OK;
}
