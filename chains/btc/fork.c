#include "chains/btc/fork.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/base58.h"
#include "base/buf.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/auxpow.h"
#include "chains/btc/bech32.h"
#include "chains/btc/block.h"
#include "chains/btc/cashaddr.h"
#include "chains/btc/mweb.h"
#include "chains/btc/script.h"
#include "chains/btc/tx.h"
#include "chains/btc/varint.h"

/*
 * Litecoin Core 0.21 chainparams.cpp. main: base58 48 (L), 50 (M),
 * legacy 5 (3), secret 176, bech32 "ltc", pchMessageStart fb c0 b6 db,
 * powLimit 0x1e0fffff, BIP34Height 710000, SegwitHeight 1201536, MWEB
 * from 2265984; 4,000,000 weight. test (testnet4): base58 111, 58 (Q),
 * legacy 196, secret 239, bech32 "tltc", fd d2 c8 f1, BIP34Height 76,
 * SegwitHeight 6048, MWEB from 2215584. regtest: base58 111, 58, legacy
 * 196, bech32 "rltc", fa bf b5 da, powLimit 0x207fffff, BIP34Height 500,
 * SegwitHeight 0; MWEB by version bits, so taken as possible from
 * height 1.
 * Bitcoin Cash Node chainparams.cpp: base58 0 and 5 (main), 111 and 196
 * (test, regtest); CashAddr "bitcoincash", "bchtest", "bchreg"; netMagic
 * e3 e1 f3 e8, f4 e5 f3 f4, da b5 bf fa (diskMagic Bitcoin's f9 be b4 d9,
 * 0b 11 09 07, fa bf b5 da); powLimit 0x1d00ffff (0x207fffff regtest);
 * BIP34Height 227931, 21111, 100000000; 32,000,000-byte blocks (the 2018
 * default), no segwit. The canonical transaction order of the November
 * 2018 upgrade (doc/standards/2018-nov-upgrade.md) is in force once the
 * previous block's height is at least magneticAnomalyHeight (556766,
 * 1267996, 0: IsMagneticAnomalyEnabled(params, pindexPrev) of
 * consensus/activation.cpp), so from blocks 556767, 1267997 and 1.
 * Dogecoin Core 1.14 chainparams.cpp: base58 30 (D) and 22 (9/A), secret
 * 158 (main); 113 (n), 196, 241 (test); 111, 196, 239 (regtest);
 * pchMessageStart c0 c0 c0 c0, fc c1 b7 dc, fa bf b5 da; powLimit
 * 0x1e0fffff (0x207fffff regtest); BIP34Height 1034383, 708658,
 * 100000000; AuxPoW (auxpowConsensus.nHeightEffective) from 371337,
 * 158100, 20, chain id 0x62; 1,000,000-byte blocks, no segwit.
 * The genesis hashes are each chainparams.cpp's asserted
 * hashGenesisBlock (Bitcoin Cash keeps Bitcoin's main, testnet3 and
 * regtest genesis blocks).
 */
#define MAGIC(a, b, c, d)                                                      \
	{                                                                      \
		a, b, c, d                                                     \
	}
#define NET(name, p2pkh, p2sh, wif, hrp, m0, m1, limit, bip34, segwit, ca)     \
	{                                                                      \
		name, p2pkh, p2sh, wif, hrp, { m0, m1 }, limit, bip34, segwit, \
			ca                                                     \
	}
#define LTC(net, p2sh2, mweb, genesis)                                         \
	{                                                                      \
		"ltc", "Litecoin", "LTC", net, p2sh2, BTC_POW_SCRYPT, true,    \
			false, 0, 0, mweb, 0, 1000000, genesis                 \
	}
#define BCH(net, ctor, genesis)                                                \
	{                                                                      \
		"bch", "Bitcoin Cash", "BCH", net, 0, BTC_POW_SHA256D, false,  \
			false, 0, 0, 0, ctor, 32000000, genesis                \
	}
#define DOGE(net, auxpow, genesis)                                             \
	{                                                                      \
		"doge", "Dogecoin", "DOGE", net, 0, BTC_POW_SCRYPT, false,     \
			true, 0x62, auxpow, 0, 0, 1000000, genesis             \
	}
#define NO_MAGIC MAGIC(0, 0, 0, 0)

static const struct btc_fork ltc_nets[] = {
	LTC(NET("main", 0x30, 0x32, 0xb0, "ltc", MAGIC(0xfb, 0xc0, 0xb6, 0xdb),
		NO_MAGIC, 0x1e0fffff, 710000, 1201536, NULL),
	    0x05, 2265984,
	    "12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2"),
	LTC(NET("test", 0x6f, 0x3a, 0xef, "tltc", MAGIC(0xfd, 0xd2, 0xc8, 0xf1),
		NO_MAGIC, 0x1e0fffff, 76, 6048, NULL),
	    0xc4, 2215584,
	    "4966625a4b2851d9fdee139e56211a0d88575f59ed816ff5e6a63deb4e3e29a0"),
	LTC(NET("regtest", 0x6f, 0x3a, 0xef, "rltc",
		MAGIC(0xfa, 0xbf, 0xb5, 0xda), NO_MAGIC, 0x207fffff, 500, 0,
		NULL),
	    0xc4, 1,
	    "530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9"),
};

static const struct btc_fork bch_nets[] = {
	BCH(NET("main", 0x00, 0x05, 0x80, NULL, MAGIC(0xe3, 0xe1, 0xf3, 0xe8),
		MAGIC(0xf9, 0xbe, 0xb4, 0xd9), 0x1d00ffff, 227931, UINT32_MAX,
		"bitcoincash"),
	    556767,
	    "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"),
	BCH(NET("test", 0x6f, 0xc4, 0xef, NULL, MAGIC(0xf4, 0xe5, 0xf3, 0xf4),
		MAGIC(0x0b, 0x11, 0x09, 0x07), 0x1d00ffff, 21111, UINT32_MAX,
		"bchtest"),
	    1267997,
	    "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"),
	BCH(NET("regtest", 0x6f, 0xc4, 0xef, NULL,
		MAGIC(0xda, 0xb5, 0xbf, 0xfa), MAGIC(0xfa, 0xbf, 0xb5, 0xda),
		0x207fffff, 100000000, UINT32_MAX, "bchreg"),
	    1,
	    "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"),
};

static const struct btc_fork doge_nets[] = {
	DOGE(NET("main", 0x1e, 0x16, 0x9e, NULL, MAGIC(0xc0, 0xc0, 0xc0, 0xc0),
		 NO_MAGIC, 0x1e0fffff, 1034383, UINT32_MAX, NULL),
	     371337,
	     "1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c35569"
	     "1"),
	DOGE(NET("test", 0x71, 0xc4, 0xf1, NULL, MAGIC(0xfc, 0xc1, 0xb7, 0xdc),
		 NO_MAGIC, 0x1e0fffff, 708658, UINT32_MAX, NULL),
	     158100,
	     "bb0a78264637406b6360aad926284d544d7049f45189db5664f3c4d07350559"
	     "e"),
	DOGE(NET("regtest", 0x6f, 0xc4, 0xef, NULL,
		 MAGIC(0xfa, 0xbf, 0xb5, 0xda), NO_MAGIC, 0x207fffff, 100000000,
		 UINT32_MAX, NULL),
	     20,
	     "3d2160a3b5dc4a9d62e7e66a295f70313ac808440ef7400d6c0772171ce973a"
	     "5"),
};

#define N_NETS 3
static const struct btc_fork *const forks[] = { ltc_nets, bch_nets, doge_nets };

#define N_FORKS (sizeof(forks) / sizeof(forks[0]))

const struct btc_fork *btc_fork_find(const char *name)
{
	for (size_t i = 0; name && i < N_FORKS; i++)
		if (!strcmp(forks[i][0].name, name))
			return &forks[i][0];
	return NULL;
}

const struct btc_fork *btc_fork_at(size_t i)
{
	return i < N_FORKS ? &forks[i][0] : NULL;
}

const struct btc_fork *btc_fork_network_at(const struct btc_fork *f, size_t i)
{
	const struct btc_fork *m = f ? btc_fork_find(f->name) : NULL;

	return m && i < N_NETS ? &m[i] : NULL;
}

const struct btc_fork *btc_fork_network(const struct btc_fork *f,
					const char *network)
{
	const struct btc_fork *n;

	if (network && !strcmp(network, "testnet"))
		network = "test";
	for (size_t i = 0; network && (n = btc_fork_network_at(f, i)); i++)
		if (!strcmp(n->net.name, network))
			return n;
	return NULL;
}

static void add_owner(char *out, size_t size, const char *title,
		      const char *net)
{
	size_t n = strlen(out);

	if (n < size)
		snprintf(out + n, size - n, "%s%s %s", n ? ", " : "", title,
			 net);
}

void btc_magic_owners(const uint8_t m[4], char *out, size_t size)
{
	static const uint8_t zero[4];
	const struct btc_network *n;

	if (!size)
		return;
	out[0] = '\0';
	if (!memcmp(m, zero, 4))
		return;
	for (size_t i = 0; (n = btc_network_at(i)); i++)
		if (!memcmp(n->magic[0], m, 4) || !memcmp(n->magic[1], m, 4))
			add_owner(out, size, "Bitcoin", n->name);
	for (size_t i = 0; i < N_FORKS; i++)
		for (size_t k = 0; k < N_NETS; k++) {
			n = &forks[i][k].net;
			if (!memcmp(n->magic[0], m, 4) ||
			    !memcmp(n->magic[1], m, 4))
				add_owner(out, size, forks[i][k].title,
					  n->name);
		}
}

const char *btc_fork_network_names(void)
{
	return "main, test, regtest";
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

static bool is_pseudo(const char *in)
{
	return !strncasecmp(in, "multisig:", 9) ||
	       !strncasecmp(in, "nonstandard:", 12);
}

static enum trc_err normalize_cashaddr(const struct btc_fork *f, const char *in,
				       char *out, size_t outsize,
				       struct trc_error *err)
{
	uint8_t h[CASHADDR_HASH_MAX];
	struct trc_error e = TRC_ERROR_INIT;
	unsigned type;
	size_t n;

	if (cashaddr_decode(&type, h, sizeof(h), &n, f->net.cashaddr, in, &e))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' is not a %s address: %s", in, f->title,
				e.msg);
	if (type > CASHADDR_P2SH || (n != 20 && n != 32))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s': CashAddr type %u with a "
				"%zu-byte hash is not a %s output",
				in, type, n, f->title);
	return cashaddr_encode(out, outsize, f->net.cashaddr, type, h, n, err);
}

/* A base58check payload (version, hash) in the form outputs are stored
 * in: CashAddr on Bitcoin Cash, the current P2SH version on Litecoin. */
static enum trc_err normalize_base58(const struct btc_fork *f, const char *in,
				     uint8_t p[21], char *out, size_t outsize,
				     struct trc_error *err)
{
	bool p2sh = p[0] == f->net.p2sh || (f->p2sh2 && p[0] == f->p2sh2);

	if (f->net.cashaddr)
		return cashaddr_encode(out, outsize, f->net.cashaddr,
				       p2sh ? CASHADDR_P2SH : CASHADDR_P2PKH,
				       p + 1, 20, err);
	if (p[0] == f->net.p2sh || p[0] == f->net.p2pkh)
		return copy_out(out, outsize, in, false, err);
	p[0] = f->net.p2sh;
	return base58check_encode(out, outsize, p, 21, err);
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
	if (is_pseudo(in))
		return btc_address_normalize(&f->net, in, out, outsize, err);
	if (f->net.cashaddr && looks_cashaddr(in))
		return normalize_cashaddr(f, in, out, outsize, err);
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
	return normalize_base58(f, in, p, out, outsize, err);
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

static uint32_t le32_at(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* a and b as 256-bit little-endian numbers (a txid as displayed) */
static int cmp_le(const uint8_t a[32], const uint8_t b[32])
{
	for (int i = 31; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static enum trc_err order_fail(const struct btc_fork *f,
			       const struct btc_block *b, uint32_t height,
			       uint32_t i, uint32_t j, const char *rule,
			       struct trc_error *err)
{
	char hex[65], a[65], c[65];

	hex_encode_rev(hex, b->hdr.hash, 32);
	hex_encode_rev(a, b->tx[i].txid, 32);
	hex_encode_rev(c, b->tx[j].txid, 32);
	return trc_fail(err, TRC_ERR_VERIFY,
			"%s block %s at height %u: %s: transaction %u (%s) "
			"before transaction %u (%s)",
			f->title, hex, height, rule, i, a, j, c);
}

/* Bitcoin Cash's canonical order: ascending txids after the coinbase. */
static enum trc_err check_ctor(const struct btc_fork *f,
			       const struct btc_block *b, uint32_t height,
			       struct trc_error *err)
{
	for (uint32_t i = 2; i < b->n_tx; i++)
		if (cmp_le(b->tx[i - 1].txid, b->tx[i].txid) >= 0)
			return order_fail(f, b, height, i - 1, i,
					  "transactions not in canonical "
					  "(ascending txid) order",
					  err);
	return TRC_OK;
}

struct txpos {
	const uint8_t *txid;
	uint32_t i;
};

static int cmp_txpos(const void *a, const void *b)
{
	return memcmp(((const struct txpos *)a)->txid,
		      ((const struct txpos *)b)->txid, 32);
}

/* The topological rule: no input spends a transaction at or after its
 * own position in the block. */
static enum trc_err check_ttor(const struct btc_fork *f,
			       const struct btc_block *b, uint32_t height,
			       struct trc_error *err)
{
	struct txpos *ix;
	enum trc_err rc = TRC_OK;

	if (b->n_tx < 2)
		return TRC_OK;
	if (!(ix = calloc(b->n_tx, sizeof(*ix))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < b->n_tx; i++)
		ix[i] = (struct txpos){ b->tx[i].txid, i };
	qsort(ix, b->n_tx, sizeof(*ix), cmp_txpos);
	for (uint32_t i = 1; !rc && i < b->n_tx; i++)
		for (uint32_t k = 0; !rc && k < b->tx[i].n_in; k++) {
			struct txpos key = { b->tx[i].in[k].prev_txid, 0 };
			const struct txpos *m = bsearch(&key, ix, b->n_tx,
							sizeof(*ix), cmp_txpos);

			if (m && m->i >= i)
				rc = order_fail(f, b, height, i, m->i,
						"a transaction spends one "
						"that is not before it",
						err);
		}
	free(ix);
	return rc;
}

enum trc_err btc_fork_check_order(const struct btc_fork *f,
				  const struct btc_block *b, uint32_t height,
				  struct trc_error *err)
{
	if (f->ctor_height && height >= f->ctor_height)
		return check_ctor(f, b, height, err);
	return check_ttor(f, b, height, err);
}

/* The AuxPoW proof after the header, checked; out: the block without it
 * in *bytes. */
static enum trc_err strip_auxpow(const struct btc_fork *f, const uint8_t *raw,
				 size_t len, uint32_t height, const char *hex,
				 struct buf *bytes, struct trc_error *err)
{
	struct btc_auxpow a;
	enum trc_err rc;

	if (height < f->auxpow_height)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW at height %u, before its "
				"activation at %u",
				f->title, hex, height, f->auxpow_height);
	if ((rc = btc_auxpow_parse(&a, raw + BTC_HEADER_SIZE,
				   len - BTC_HEADER_SIZE, err)))
		return trc_error_prefix(err, rc, "%s block %s", f->title, hex);
	rc = btc_auxpow_verify(f, &a, raw, err);
	if (!rc && ((rc = buf_append(bytes, raw, BTC_HEADER_SIZE)) ||
		    (rc = buf_append(bytes, raw + BTC_HEADER_SIZE + a.size,
				     len - BTC_HEADER_SIZE - a.size))))
		trc_fail(err, rc, "%s block %s: %s", f->title, hex,
			 trc_strerror(rc));
	btc_auxpow_release(&a);
	return rc;
}

/* The header's version and work: the chain id from the AuxPoW height,
 * then the AuxPoW proof or the header's own work. Out: *blk, *blen, the
 * block without its proof. */
static enum trc_err check_work(const struct btc_fork *f, const uint8_t *raw,
			       size_t len, uint32_t height, const char *hex,
			       struct buf *bytes, const uint8_t **blk,
			       size_t *blen, struct trc_error *err)
{
	uint32_t version = le32_at(raw);
	enum trc_err rc;

	*blk = raw;
	*blen = len;
	if (f->auxpow && height >= f->auxpow_height &&
	    (version >> 16) != f->auxpow_chain_id)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: version 0x%08x has chain id "
				"0x%x, not 0x%x (required from height %u)",
				f->title, hex, version, version >> 16,
				f->auxpow_chain_id, f->auxpow_height);
	if (!f->auxpow || !(version & BTC_AUXPOW_VERSION_BIT))
		return btc_fork_check_pow(f, raw, err);
	if ((rc = strip_auxpow(f, raw, len, height, hex, bytes, err)))
		return rc;
	*blk = bytes->data;
	*blen = bytes->len;
	return TRC_OK;
}

/* Litecoin's MWEB part: the HogEx and the extension block, split off
 * (*blk, *blen: the canonical block, in *bytes) and read into *m. */
static enum trc_err split_mweb(const struct btc_fork *f, uint32_t height,
			       const char *hex, struct btc_mweb *m,
			       struct buf *bytes, const uint8_t **blk,
			       size_t *blen, struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = btc_mweb_split(*blk, *blen, m, bytes, err)))
		return trc_error_prefix(err, rc, "%s block %s", f->title, hex);
	if (!m->present)
		return TRC_OK;
	if (height < f->mweb_height)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: MWEB data at height %u, before "
				"its activation at %u",
				f->title, hex, height, f->mweb_height);
	*blk = bytes->data;
	*blen = bytes->len;
	return TRC_OK;
}

/* The decoded block's rules at height, then MWEB's bindings. */
static enum trc_err check_rules(const struct btc_fork *f, struct btc_block *b,
				uint32_t height, const struct btc_mweb *m,
				struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = btc_fork_check_witness(f, b->n_segwit > 0, err)) ||
	    (rc = btc_block_verify_rules_at(b, &f->net, height, err)) ||
	    (rc = btc_fork_check_order(f, b, height, err)) ||
	    (rc = btc_mweb_verify(m, b, height, f->title, err)))
		return rc;
	b->hogex = m->present;
	return TRC_OK;
}

size_t btc_fork_block_cap(const struct btc_fork *f)
{
	if (!f)
		return BTC_MAX_SERIALIZED;
	/* bytes <= weight: a segwit chain's limit is on weight */
	return f->segwit ? 4 * (size_t)f->max_block_size : f->max_block_size;
}

enum trc_err btc_fork_block_verify(const struct btc_fork *f, const uint8_t *raw,
				   size_t len, uint32_t height,
				   struct btc_block *b, struct buf *bytes,
				   struct trc_error *err)
{
	struct btc_mweb m = BTC_MWEB_INIT;
	const uint8_t *blk;
	size_t blen, cap;
	uint8_t id[32];
	char hex[65];
	enum trc_err rc;

	if (len < BTC_HEADER_SIZE)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s block at height %u: %zu bytes, shorter "
				"than a header",
				f->title, height, len);
	hash_sha256d(id, raw, BTC_HEADER_SIZE);
	hex_encode_rev(hex, id, 32);
	if (height == 0 && strcmp(hex, f->genesis))
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s at height 0 is not the %s %s "
				"genesis block %s",
				f->title, hex, f->title, f->net.name,
				f->genesis);
	if ((rc = check_work(f, raw, len, height, hex, bytes, &blk, &blen,
			     err)))
		return rc;
	if (f->mweb_height &&
	    (rc = split_mweb(f, height, hex, &m, bytes, &blk, &blen, err)))
		return rc;
	cap = btc_fork_block_cap(f);
	if (blen > cap)
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "%s block %s: %zu bytes, larger than its "
			      "%zu-byte limit",
			      f->title, hex, blen, cap);
	else if (!(rc = btc_block_decode_max(b, blk, blen, cap, err))) {
		if (f->segwit && b->weight > cap)
			rc = trc_fail(err, TRC_ERR_VERIFY,
				      "%s block %s: weight %zu, above its "
				      "limit of %zu",
				      f->title, hex, b->weight, cap);
		else
			rc = check_rules(f, b, height, &m, err);
	}
	btc_mweb_release(&m);
	return rc;
}
