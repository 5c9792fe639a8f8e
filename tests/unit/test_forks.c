/*
 * The Bitcoin forks (chains/btc/fork.h): the table, CashAddr with the
 * spec's vectors and its legacy translations, Litecoin and Dogecoin
 * addresses, the real mainnet genesis headers of each (tests/vectors/
 * forks, sources in its README) hashed to their known block hashes with
 * their proof of work (scrypt or sha256d) verified, and a tampered copy
 * of each rejected naming the work; Bitcoin Cash refusing witness data;
 * Bitcoin Cash's canonical transaction order and the topological rule;
 * Litecoin MWEB blocks (a real one, and pegs built by the spec).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base58.h"
#include "base/buf.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/auxpow.h"
#include "chains/btc/bech32.h"
#include "chains/btc/block.h"
#include "chains/btc/cashaddr.h"
#include "chains/btc/fork.h"
#include "chains/btc/mweb.h"
#include "chains/chain.h"
#include "store/record.h"
#include "tests/unit/harness.h"

#define VEC "tests/vectors/forks/"

static void t_table(void)
{
	const struct btc_fork *l = btc_fork_find("ltc");
	const struct btc_fork *b = btc_fork_find("bch");
	const struct btc_fork *d = btc_fork_find("doge");

	CHECK(l && b && d && !btc_fork_find("btc") && !btc_fork_find(NULL));
	CHECK(btc_fork_at(0) == l && btc_fork_at(3) == NULL);
	CHECK(l->pow == BTC_POW_SCRYPT && l->segwit && !l->auxpow);
	CHECK_STR(l->net.hrp, "ltc");
	CHECK(l->mweb_height == 2265984);
	CHECK(b->pow == BTC_POW_SHA256D && !b->segwit && !b->auxpow);
	CHECK(b->max_block_size == 32000000);
	CHECK_STR(b->net.cashaddr, "bitcoincash");
	CHECK(d->pow == BTC_POW_SCRYPT && !d->segwit && d->auxpow);
	CHECK(d->auxpow_chain_id == 0x62);
	CHECK_STR(d->symbol, "DOGE");
}

static void b58(char *out, size_t n, uint8_t version);

/* Each fork's networks (main, test, regtest) as chainparams.cpp has
 * them, and the chain table's entries built from them. */
static void t_networks(void)
{
	static const struct {
		const char *fork, *net, *hrp, *cashaddr;
		unsigned p2pkh, p2sh, limit, auxpow;
	} v[] = {
		{ "ltc", "main", "ltc", NULL, 0x30, 0x32, 0x1e0fffff, 0 },
		{ "ltc", "test", "tltc", NULL, 0x6f, 0x3a, 0x1e0fffff, 0 },
		{ "ltc", "regtest", "rltc", NULL, 0x6f, 0x3a, 0x207fffff, 0 },
		{ "bch", "main", NULL, "bitcoincash", 0, 5, 0x1d00ffff, 0 },
		{ "bch", "test", NULL, "bchtest", 0x6f, 0xc4, 0x1d00ffff, 0 },
		{ "bch", "regtest", NULL, "bchreg", 0x6f, 0xc4, 0x207fffff, 0 },
		{ "doge", "main", NULL, NULL, 0x1e, 0x16, 0x1e0fffff, 371337 },
		{ "doge", "test", NULL, NULL, 0x71, 0xc4, 0x1e0fffff, 158100 },
		{ "doge", "regtest", NULL, NULL, 0x6f, 0xc4, 0x207fffff, 20 },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const struct btc_fork *m = btc_fork_find(v[i].fork);
		const struct btc_fork *f = btc_fork_network(m, v[i].net);
		const struct chain_ops *c = chain_find(v[i].fork);

		CHECK(f != NULL && c != NULL);
		if (!f || !c)
			continue;
		CHECK_STR(f->net.name, v[i].net);
		CHECK(f->net.p2pkh == v[i].p2pkh && f->net.p2sh == v[i].p2sh);
		CHECK(f->net.pow_limit_bits == v[i].limit);
		CHECK(f->auxpow_height == v[i].auxpow);
		CHECK((f->net.hrp == NULL) == (v[i].hrp == NULL));
		if (v[i].hrp)
			CHECK_STR(f->net.hrp, v[i].hrp);
		CHECK((f->net.cashaddr == NULL) == (v[i].cashaddr == NULL));
		if (v[i].cashaddr)
			CHECK_STR(f->net.cashaddr, v[i].cashaddr);
		CHECK(c->network_valid(v[i].net));
		/* the chain's entry agrees with the fork table */
		CHECK_STR(c->title, f->title);
		CHECK_STR(c->asset, f->symbol);
		CHECK_INT(c->decimals, 8);
		CHECK_INT(c->id, chain_from_name(v[i].fork));
	}
	CHECK(btc_fork_network(btc_fork_find("ltc"), "testnet") ==
	      btc_fork_network(btc_fork_find("ltc"), "test"));
	CHECK(btc_fork_network(btc_fork_find("ltc"), "signet") == NULL);
	CHECK(!chain_find("doge")->network_valid("signet"));
	CHECK(btc_fork_network_at(btc_fork_find("bch"), 3) == NULL);
}

/* The chain table's address codecs: regtest and legacy forms, the
 * network an address belongs to, units. */
static void t_chain_ops(void)
{
	const struct chain_ops *l = chain_find("ltc"), *b = chain_find("bch");
	const struct chain_ops *d = chain_find("doge");
	struct trc_error e = TRC_ERROR_INIT;
	char a[128], out[CHAIN_ADDR_MAX];
	uint8_t prog[20];
	trc_amount v;
	char got[AMOUNT_STR_MAX];

	memset(prog, 0x11, sizeof(prog));
	CHECK_OK(segwit_addr_encode(a, sizeof(a), "rltc", 0, prog, 20, &e), &e);
	CHECK_STR(l->address_network(a), "regtest");
	CHECK(l->address_normalize("main", a, out, sizeof(out), &e) ==
	      TRC_ERR_PARSE);
	CHECK_OK(l->address_normalize("regtest", a, out, sizeof(out), &e), &e);
	b58(a, sizeof(a), 0x6f);
	CHECK_STR(l->address_network(a), "test");
	CHECK_STR(d->address_network(a), "regtest");
	CHECK_OK(b->address_normalize("regtest", a, out, sizeof(out), &e), &e);
	CHECK(!strncmp(out, "bchreg:q", 8));
	CHECK_STR(b->address_network(out), "regtest");
	CHECK_STR(b->address_network(
			  "bitcoincash:"
			  "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"),
		  "main");
	CHECK(b->address_normalize("nowhere", a, out, sizeof(out), &e) ==
	      TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "main, test, regtest") != NULL);
	CHECK_OK(
		d->address_normalize("main",
				     "nonstandard:"
				     "00112233445566778899AABBCCDDEEFF00112233",
				     out, sizeof(out), &e),
		&e);
	CHECK_STR(out, "nonstandard:00112233445566778899aabbccddeeff00112233");
	CHECK_OK(chain_amount_parse(l, "1.5ltc", &v, NULL, &e), &e);
	CHECK_STR(amount_format(got, sizeof(got), v, 0, false), "150000000");
	CHECK_OK(chain_amount_parse(d, "2 DOGE", &v, NULL, &e), &e);
	CHECK_STR(amount_format(got, sizeof(got), v, 0, false), "200000000");
	CHECK_OK(chain_amount_parse(d, "7koinu", &v, NULL, &e), &e);
	CHECK_STR(amount_format(got, sizeof(got), v, 0, false), "7");
	CHECK_OK(chain_amount_parse(b, "0.1bch", &v, NULL, &e), &e);
	CHECK_STR(amount_format(got, sizeof(got), v, 0, false), "10000000");
	CHECK(chain_amount_parse(l, "1btc", &v, NULL, &e) == TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "litoshi") != NULL);
}

static void t_cashaddr_spec(void)
{
	static const struct {
		const char *addr;
		unsigned type;
	} v[] = {
		{ "bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2", 0 },
		{ "bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t", 1 },
		{ "pref:pr6m7j9njldwwzlg9v7v53unlr4jkmx6ey65nvtks5", 1 },
		{ "prefix:0r6m7j9njldwwzlg9v7v53unlr4jkmx6ey3qnjwsrf", 15 },
	};
	uint8_t want[20], h[64];

	size_t wn;

	CHECK_OK(hex_decode(want, 20, &wn,
			    "f5bf48b397dae70be82b3cca4793f8eb2b6cdac9", 40,
			    NULL),
		 NULL);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct trc_error e = TRC_ERROR_INIT;
		char prefix[32], out[CASHADDR_MAX_LEN + 1];
		size_t n, plen = (size_t)(strchr(v[i].addr, ':') - v[i].addr);
		unsigned type;

		memcpy(prefix, v[i].addr, plen);
		prefix[plen] = '\0';
		CHECK_OK(cashaddr_decode(&type, h, sizeof(h), &n, prefix,
					 v[i].addr, &e),
			 &e);
		CHECK(n == 20 && !memcmp(h, want, 20) && type == v[i].type);
		CHECK_OK(cashaddr_encode(out, sizeof(out), prefix, type, want,
					 20, &e),
			 &e);
		CHECK_STR(out, v[i].addr);
		/* without its prefix, and upper case */
		for (size_t k = 0; out[k]; k++)
			out[k] = (char)(out[k] >= 'a' && out[k] <= 'z'
						? out[k] - 32
						: out[k]);
		CHECK_OK(cashaddr_decode(&type, h, sizeof(h), &n, prefix,
					 out + plen + 1, &e),
			 &e);
		CHECK_OK(cashaddr_decode(&type, h, sizeof(h), &n, prefix, out,
					 &e),
			 &e);
	}
}

static void t_cashaddr_bad(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t h[64];
	size_t n;
	unsigned type;
	const char *good =
		"bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2";
	char s[80];

	snprintf(s, sizeof(s), "%s", good);
	s[20] = s[20] == 'q' ? 'p' : 'q';
	CHECK(cashaddr_decode(&type, h, sizeof(h), &n, "bitcoincash", s, &e) ==
	      TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "checksum") != NULL);
	CHECK(cashaddr_decode(
		      &type, h, sizeof(h), &n, "bitcoincash",
		      "bitcoincash:Qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2",
		      &e) == TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "mixed case") != NULL);
	CHECK(cashaddr_decode(&type, h, sizeof(h), &n, "bchtest", good, &e) ==
	      TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "prefix") != NULL);
	CHECK(cashaddr_decode(
		      &type, h, sizeof(h), &n, "bitcoincash",
		      "bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekgb",
		      &e) == TRC_ERR_PARSE);
	CHECK(cashaddr_decode(
		      &type, h, sizeof(h), &n, "bitcoincash",
		      "bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg1",
		      &e) == TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "bad character") != NULL);
}

static void t_bch_addresses(void)
{
	/* the spec's "Examples of address translation" */
	static const struct {
		const char *legacy, *cash;
	} v[] = {
		{ "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu",
		  "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a" },
		{ "1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR",
		  "bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy" },
		{ "16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb",
		  "bitcoincash:qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r" },
		{ "3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC",
		  "bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq" },
		{ "3LDsS579y7sruadqu11beEJoTjdFiFCdX4",
		  "bitcoincash:pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e" },
		{ "31nwvkZwyPdgzjBJZXfDmSWsC4ZLKpYyUw",
		  "bitcoincash:pqq3728yw0y47sqn6l2na30mcw6zm78dzq5ucqzc37" },
	};
	const struct btc_fork *f = btc_fork_find("bch");

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct trc_error e = TRC_ERROR_INIT;
		uint8_t p[64], h[64];
		char out[128];
		size_t n, hn;
		unsigned type;

		CHECK_OK(base58check_decode(p, sizeof(p), &n, v[i].legacy, &e),
			 &e);
		CHECK_OK(cashaddr_decode(&type, h, sizeof(h), &hn,
					 "bitcoincash", v[i].cash, &e),
			 &e);
		CHECK(n == 21 && hn == 20 && !memcmp(p + 1, h, 20));
		CHECK(type == (p[0] == 0x05 ? 1u : 0u));
		/* legacy is taken and shown as CashAddr */
		CHECK_OK(btc_fork_address_normalize(f, v[i].legacy, out,
						    sizeof(out), &e),
			 &e);
		CHECK_STR(out, v[i].cash);
		CHECK_OK(btc_fork_address_normalize(f, v[i].cash + 12, out,
						    sizeof(out), &e),
			 &e);
		CHECK_STR(out, v[i].cash);
	}
	{
		struct trc_error e = TRC_ERROR_INIT;
		char out[128];

		/* a Litecoin address is not a Bitcoin Cash one */
		CHECK(btc_fork_address_normalize(
			      f,
			      "bchtest:"
			      "pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t",
			      out, sizeof(out), &e) == TRC_ERR_PARSE);
		CHECK(btc_fork_address_normalize(
			      f, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
			      out, sizeof(out), &e) == TRC_ERR_PARSE);
	}
}

/* base58check of version ‖ 20 bytes of 0x11 */
static void b58(char *out, size_t n, uint8_t version)
{
	uint8_t p[21];

	p[0] = version;
	memset(p + 1, 0x11, 20);
	if (base58check_encode(out, n, p, 21, NULL))
		out[0] = '\0';
}

static void t_ltc_doge_addresses(void)
{
	const struct btc_fork *l = btc_fork_find("ltc");
	const struct btc_fork *d = btc_fork_find("doge");
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t prog[20];
	char a[128], out[128];

	b58(a, sizeof(a), 0x30);
	CHECK(a[0] == 'L');
	CHECK_OK(btc_fork_address_normalize(l, a, out, sizeof(out), &e), &e);
	b58(a, sizeof(a), 0x32);
	CHECK(a[0] == 'M');
	CHECK_OK(btc_fork_address_normalize(l, a, out, sizeof(out), &e), &e);
	b58(a, sizeof(a), 0x05);
	CHECK(a[0] == '3');
	CHECK_OK(btc_fork_address_normalize(l, a, out, sizeof(out), &e), &e);
	{
		char m[128];

		/* Litecoin's legacy 3... is stored as its M... form */
		b58(m, sizeof(m), 0x32);
		CHECK_STR(out, m);
	}
	CHECK(btc_fork_address_normalize(d, a, out, sizeof(out), &e) ==
	      TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "Dogecoin") != NULL);
	b58(a, sizeof(a), 0x00); /* a Bitcoin 1... address */
	CHECK(btc_fork_address_normalize(l, a, out, sizeof(out), &e) ==
	      TRC_ERR_PARSE);
	b58(a, sizeof(a), 0x1e);
	CHECK(a[0] == 'D');
	CHECK_OK(btc_fork_address_normalize(d, a, out, sizeof(out), &e), &e);
	CHECK(btc_fork_address_normalize(l, a, out, sizeof(out), &e) ==
	      TRC_ERR_PARSE);
	b58(a, sizeof(a), 0x16);
	CHECK(a[0] == '9' || a[0] == 'A');
	CHECK_OK(btc_fork_address_normalize(d, a, out, sizeof(out), &e), &e);

	memset(prog, 0x11, sizeof(prog));
	CHECK_OK(segwit_addr_encode(a, sizeof(a), "ltc", 0, prog, 20, &e), &e);
	CHECK(!strncmp(a, "ltc1q", 5));
	for (size_t k = 0; a[k]; k++)
		a[k] = (char)(a[k] >= 'a' && a[k] <= 'z' ? a[k] - 32 : a[k]);
	CHECK_OK(btc_fork_address_normalize(l, a, out, sizeof(out), &e), &e);
	CHECK(!strncmp(out, "ltc1q", 5));
	out[strlen(out) - 1] = out[strlen(out) - 1] == 'q' ? 'p' : 'q';
	CHECK(btc_fork_address_normalize(l, out, a, sizeof(a), &e) ==
	      TRC_ERR_PARSE);
	/* bech32m, witness version 1 */
	CHECK_OK(segwit_addr_encode(a, sizeof(a), "ltc", 1, prog, 20, &e), &e);
	CHECK_OK(btc_fork_address_normalize(l, a, out, sizeof(out), &e), &e);
	CHECK(btc_fork_address_normalize(d, a, out, sizeof(out), &e) ==
	      TRC_ERR_PARSE);
}

/* A whole block of one hex line (up to cap bytes). Out: *n. */
static int load_block(const char *name, uint8_t *out, size_t cap, size_t *n)
{
	static char line[8192];
	char path[256];
	FILE *fp;
	int ok;

	snprintf(path, sizeof(path), VEC "%s", name);
	fp = fopen(path, "r");
	if (!fp) {
		t_fail(__FILE__, __LINE__, "cannot open %s", path);
		return 0;
	}
	ok = fgets(line, sizeof(line), fp) != NULL;
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	ok = ok && strlen(line) % 2 == 0 && strlen(line) / 2 <= cap &&
	     !hex_decode(out, cap, n, line, strlen(line), NULL);
	if (!ok)
		t_fail(__FILE__, __LINE__, "%s: not hex of a block", path);
	return ok;
}

static int load_hex(const char *name, uint8_t *out, size_t n)
{
	size_t got = 0;

	if (!load_block(name, out, n, &got))
		return 0;
	if (got != n)
		t_fail(__FILE__, __LINE__, "%s: not %zu bytes of hex", name, n);
	return got == n;
}

static void t_genesis_pow(void)
{
	static const struct {
		const char *chain, *file, *hash, *pow;
	} v[] = {
		{ "ltc", "ltc_genesis_header.hex",
		  "12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04"
		  "bfe2",
		  "0000050c34a64b415b6b15b37f2216634b5b1669cb9a2e38d76f7213b067"
		  "1e00" },
		{ "doge", "doge_genesis_header.hex",
		  "1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c35"
		  "5691",
		  "0000026f3f7874ca0c251314eaed2d2fcf83d7da3acfaacf59417d485310"
		  "b448" },
		{ "bch", "bch_genesis_header.hex",
		  "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8c"
		  "e26f",
		  "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8c"
		  "e26f" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const struct btc_fork *f = btc_fork_find(v[i].chain);
		struct trc_error e = TRC_ERROR_INIT;
		uint8_t h[80], id[32], pow[32];
		char hex[65];

		if (!load_hex(v[i].file, h, sizeof(h)))
			continue;
		hash_sha256d(id, h, 80);
		hex_encode_rev(hex, id, 32);
		CHECK_STR(hex, v[i].hash);
		CHECK_OK(btc_fork_pow_hash(f, h, pow, &e), &e);
		hex_encode_rev(hex, pow, 32);
		CHECK_STR(hex, v[i].pow);
		CHECK_OK(btc_fork_check_pow(f, h, &e), &e);
		/* the nonce changed: the work no longer meets the target */
		h[76] ^= 0x01;
		CHECK(btc_fork_check_pow(f, h, &e) == TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, f->pow == BTC_POW_SCRYPT
					    ? "scrypt work"
					    : "sha256d work") != NULL);
		CHECK(strstr(e.msg, f->title) != NULL);
		h[76] ^= 0x01;
		/* bits easier than the fork's limit */
		h[75] = 0x20;
		CHECK(btc_fork_check_pow(f, h, &e) == TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "easier") != NULL);
	}
}

static int load_any(const char *name, uint8_t *out, size_t cap, size_t *n)
{
	char path[256], line[4096];
	FILE *fp;
	int ok;

	snprintf(path, sizeof(path), VEC "%s", name);
	fp = fopen(path, "r");
	if (!fp) {
		t_fail(__FILE__, __LINE__, "cannot open %s", path);
		return 0;
	}
	ok = fgets(line, sizeof(line), fp) != NULL;
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	ok = ok && !hex_decode(out, cap, n, line, strlen(line), NULL);
	if (!ok)
		t_fail(__FILE__, __LINE__, "%s: not hex", path);
	return ok;
}

/* Verifies the AuxPoW header in p (n bytes); returns the error code and
 * leaves the message in e. */
static enum trc_err auxpow_check(const uint8_t *p, size_t n,
				 struct trc_error *e)
{
	struct btc_auxpow a;
	enum trc_err rc = btc_auxpow_parse(&a, p + 80, n - 80, e);

	if (!rc)
		rc = btc_auxpow_verify(btc_fork_find("doge"), &a, p, e);
	btc_auxpow_release(&a);
	return rc;
}

static void t_auxpow(void)
{
	static const struct {
		const char *file;
		uint32_t tree, chain_index;
	} v[] = {
		{ "doge_auxpow_700000.hex", 6, 56 },
		{ "doge_auxpow_800000.hex", 6, 40 },
		{ "doge_auxpow_3000000.hex", 4, 8 },
	};

	CHECK(btc_auxpow_expected_index(0, 0x62, 6) == 56);
	CHECK(btc_auxpow_expected_index(2677055472u, 0x62, 6) == 40);
	CHECK(btc_auxpow_expected_index(0, 0x62, 4) == 8);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct trc_error e = TRC_ERROR_INIT;
		struct btc_auxpow a;
		uint8_t p[1024];
		size_t n;

		if (!load_any(v[i].file, p, sizeof(p), &n))
			continue;
		CHECK_OK(btc_auxpow_parse(&a, p + 80, n - 80, &e), &e);
		CHECK(a.size == n - 80);
		CHECK(a.n_chain_branch == v[i].tree);
		CHECK(a.chain_index == v[i].chain_index);
		CHECK(btc_tx_is_coinbase(&a.coinbase));
		CHECK_OK(btc_auxpow_verify(btc_fork_find("doge"), &a, p, &e),
			 &e);
		/* the header alone has no scrypt work of its own */
		CHECK(btc_fork_check_pow(btc_fork_find("doge"), p, &e) ==
		      TRC_ERR_VERIFY);
		/* AuxPoW is Dogecoin's: Litecoin has none */
		CHECK(btc_auxpow_verify(btc_fork_find("ltc"), &a, p, &e) ==
		      TRC_ERR_VERIFY);
		btc_auxpow_release(&a);

		/* the parent coinbase's output value changed: its branch no
		 * longer leads to the parent's merkle root */
		{
			uint8_t q[1024];

			memcpy(q, p, n);
			q[80 + 4 + 1 + 36 + 10] ^= 0x01; /* in the scriptSig */
			CHECK(auxpow_check(q, n, &e) == TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, "coinbase merkle branch") != NULL);
			/* the parent header's nonce: its scrypt work fails */
			memcpy(q, p, n);
			q[n - 4] ^= 0x01;
			CHECK(auxpow_check(q, n, &e) == TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, "scrypt work") != NULL);
			/* the parent's merkle root: the branch leads elsewhere
			 */
			memcpy(q, p, n);
			q[n - 80 + 36] ^= 0x01;
			CHECK(auxpow_check(q, n, &e) == TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, "coinbase merkle branch") != NULL);
			/* the child header's time: the coinbase no longer
			 * commits to it */
			memcpy(q, p, n);
			q[68] ^= 0x01;
			CHECK(auxpow_check(q, n, &e) == TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, "chain merkle root") != NULL);
			/* the chain index */
			memcpy(q, p, n);
			q[n - 80 - 4] ^= 0x01;
			CHECK(auxpow_check(q, n, &e) == TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, "Dogecoin block") != NULL);
			/* truncated */
			CHECK(auxpow_check(p, n - 1, &e) == TRC_ERR_PARSE);
			CHECK(strstr(e.msg, "AuxPoW") != NULL);
		}
	}
}

/* f's verdict on raw at height: TRC_OK and the block's hash, or the
 * error with e's message. */
static enum trc_err fork_verify(const struct btc_fork *f, const uint8_t *raw,
				size_t len, uint32_t height, char hash[65],
				struct trc_error *e)
{
	struct btc_block b = BTC_BLOCK_INIT;
	struct buf bytes = BUF_INIT(1 << 20);
	enum trc_err rc =
		btc_fork_block_verify(f, raw, len, height, &b, &bytes, e);

	hash[0] = '\0';
	if (!rc)
		hex_encode_rev(hash, b.hdr.hash, 32);
	btc_block_release(&b);
	buf_release(&bytes);
	return rc;
}

/*
 * The genesis blocks of main and regtest of each fork (regtest: the
 * mainnet coinbase under CreateGenesisBlock(1296688602, nonce,
 * 0x207fffff, 1, ...) of chainparams.cpp, README) verified whole by
 * btc_fork_block_verify, hashing to the hashGenesisBlock chainparams.cpp
 * asserts; tampered copies refused naming the rule.
 */
static void t_genesis_blocks(void)
{
	static const struct {
		const char *chain, *net, *file, *hash;
	} v[] = {
		{ "ltc", "main", "ltc_genesis_block.hex",
		  "12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04"
		  "bfe2" },
		{ "ltc", "regtest", "ltc_regtest_genesis_block.hex",
		  "530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c4"
		  "16f9" },
		{ "bch", "main", "bch_genesis_block.hex",
		  "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8c"
		  "e26f" },
		{ "bch", "regtest", "bch_regtest_genesis_block.hex",
		  "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e"
		  "2206" },
		{ "doge", "main", "doge_genesis_block.hex",
		  "1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c35"
		  "5691" },
		{ "doge", "regtest", "doge_regtest_genesis_block.hex",
		  "3d2160a3b5dc4a9d62e7e66a295f70313ac808440ef7400d6c0772171ce9"
		  "73a5" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const struct btc_fork *f =
			btc_fork_network(btc_fork_find(v[i].chain), v[i].net);
		const struct btc_fork *m = btc_fork_find(v[i].chain);
		struct trc_error e = TRC_ERROR_INIT;
		uint8_t raw[1024];
		size_t n;
		char hash[65];

		if (!load_block(v[i].file, raw, sizeof(raw), &n))
			continue;
		CHECK_OK(fork_verify(f, raw, n, 0, hash, &e), &e);
		CHECK_STR(hash, v[i].hash);
		if (strcmp(v[i].net, "main")) {
			/* not main's block 0; and (as if at height 1)
			 * regtest work is easier than mainnet allows */
			CHECK(fork_verify(m, raw, n, 0, hash, &e) ==
			      TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, "at height 0 is not the ") &&
			      strstr(e.msg, " main genesis block "));
			CHECK(fork_verify(m, raw, n, 1, hash, &e) ==
			      TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, "easier than its limit") != NULL);
		} else {
			raw[76] ^= 1; /* the nonce: at height 1, past the
					 genesis hash check */
			CHECK(fork_verify(f, raw, n, 1, hash, &e) ==
			      TRC_ERR_VERIFY);
			CHECK(strstr(e.msg, m->pow == BTC_POW_SCRYPT
						    ? "scrypt work"
						    : "sha256d work") != NULL);
			raw[76] ^= 1;
		}
		raw[n - 10] ^= 1; /* the coinbase's output script */
		CHECK(fork_verify(f, raw, n, 0, hash, &e) == TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "merkle root") != NULL);
		raw[n - 10] ^= 1;
		/* bytes after the transactions without a HogEx: trailing
		 * bytes on every fork */
		raw[n] = 0x01;
		e.code = TRC_OK;
		CHECK(fork_verify(f, raw, n + 1, 0, hash, &e) != TRC_OK);
	}
}

/* Dogecoin's AuxPoW heights: no proof before activation, the chain id
 * required from it. */
static void t_auxpow_heights(void)
{
	const struct btc_fork *d =
		btc_fork_network(btc_fork_find("doge"), "regtest");
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t raw[1024];
	size_t n;
	char hash[65];

	if (!load_block("doge_regtest_genesis_block.hex", raw, sizeof(raw), &n))
		return;
	CHECK(fork_verify(d, raw, n, 20, hash, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "has chain id 0x0, not 0x62 (required from "
			    "height 20)") != NULL);
	raw[1] |= 0x01; /* the AuxPoW bit, 0x100 */
	CHECK(fork_verify(d, raw, n, 5, hash, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "AuxPoW at height 5, before its activation at "
			    "20") != NULL);
}

static void t_witness(void)
{
	struct trc_error e = TRC_ERROR_INIT;

	CHECK(btc_fork_check_witness(btc_fork_find("bch"), true, &e) ==
	      TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "Bitcoin Cash has no segwit") != NULL);
	CHECK(btc_fork_check_witness(btc_fork_find("doge"), true, &e) ==
	      TRC_ERR_VERIFY);
	CHECK_OK(btc_fork_check_witness(btc_fork_find("bch"), false, &e), &e);
	CHECK_OK(btc_fork_check_witness(btc_fork_find("ltc"), true, &e), &e);
}

/* A transaction spending prev:0 (prev NULL: a made-up txid of byte
 * fill), paying value to OP_TRUE; *tx finished. */
static void spend(struct btc_tx *tx, const uint8_t *prev, uint8_t fill,
		  uint64_t value)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t id[32];
	const uint8_t op_true = 0x51;

	memset(id, fill, sizeof(id));
	btc_tx_begin(tx, 2, 0);
	CHECK_OK(btc_tx_add_input(tx, prev ? prev : id, 0, &op_true, 1,
				  0xffffffff, &e),
		 &e);
	CHECK_OK(btc_tx_add_output(tx, value, &op_true, 1, &e), &e);
	CHECK_OK(btc_tx_finish(tx, &e), &e);
}

/* A regtest block at height 5 of the given transactions (after a
 * coinbase), finished (txids, merkle root, work), encoded into out. */
static void build_block(struct btc_block *b, struct btc_tx *txs, size_t n,
			struct buf *out)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct btc_tx cb = BTC_TX_INIT;
	uint8_t prev[32] = { 0 };
	const uint8_t op_true = 0x51;

	btc_block_init(b);
	btc_tx_begin(&cb, 1, 0);
	CHECK_OK(btc_tx_add_coinbase(&cb, 5, (const uint8_t *)"ctor", 4, &e),
		 &e);
	CHECK_OK(btc_tx_add_output(&cb, 5000000000ULL, &op_true, 1, &e), &e);
	CHECK_OK(btc_tx_finish(&cb, &e), &e);
	CHECK_OK(btc_block_take_tx(b, &cb, &e), &e);
	for (size_t i = 0; i < n; i++)
		CHECK_OK(btc_block_take_tx(b, &txs[i], &e), &e);
	CHECK_OK(btc_block_finish(b, 0x20000000, prev, 1296700000, 0x207fffff,
				  &e),
		 &e);
	buf_reset(out);
	CHECK_OK(btc_block_encode(b, out, &e), &e);
}

static int cmp_txid_le(const void *a, const void *b)
{
	const uint8_t *x = ((const struct btc_tx *)a)->txid;
	const uint8_t *y = ((const struct btc_tx *)b)->txid;

	for (int i = 31; i >= 0; i--)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/*
 * Bitcoin Cash's canonical transaction order (2018-nov-upgrade.md: the
 * non-coinbase transactions in ascending txid, read as 256-bit
 * little-endian numbers), from block 556767 on main and 1 on regtest.
 * Synthetic regtest blocks (the real ones below have too few
 * transactions after the upgrade): three transactions sorted by their
 * displayed txids pass; a copy with
 * two swapped is refused naming the block and the pair, and is fine on
 * main below the activation, where the topological rule holds instead.
 */
static void t_bch_ctor(void)
{
	const struct btc_fork *main = btc_fork_find("bch");
	const struct btc_fork *reg = btc_fork_network(main, "regtest");
	struct trc_error e = TRC_ERROR_INIT;
	struct btc_tx txs[3] = { BTC_TX_INIT, BTC_TX_INIT, BTC_TX_INIT };
	struct btc_block b;
	struct buf raw = BUF_INIT(1 << 20);
	char hash[65], a[65], c[65], want[400];

	CHECK(main->ctor_height == 556767);
	CHECK(btc_fork_network(main, "test")->ctor_height == 1267997);
	CHECK(reg->ctor_height == 1);
	CHECK(btc_fork_find("ltc")->ctor_height == 0);
	for (int i = 0; i < 3; i++)
		spend(&txs[i], NULL, (uint8_t)(0x11 * (i + 1)), 1000);
	qsort(txs, 3, sizeof(txs[0]), cmp_txid_le);
	build_block(&b, txs, 3, &raw);
	hex_encode_rev(a, b.tx[1].txid, 32);
	hex_encode_rev(c, b.tx[2].txid, 32);
	CHECK(strcmp(a, c) < 0); /* ascending as displayed */
	CHECK_OK(fork_verify(reg, raw.data, raw.len, 5, hash, &e), &e);
	CHECK_OK(btc_fork_check_order(main, &b, 556767, &e), &e);
	/* swapped: refused where the order is canonical */
	for (int i = 0; i < 3; i++)
		spend(&txs[i], NULL, (uint8_t)(0x11 * (i + 1)), 1000);
	qsort(txs, 3, sizeof(txs[0]), cmp_txid_le);
	struct btc_tx t = txs[1];
	txs[1] = txs[2];
	txs[2] = t;
	btc_block_release(&b);
	build_block(&b, txs, 3, &raw);
	CHECK(fork_verify(reg, raw.data, raw.len, 5, hash, &e) ==
	      TRC_ERR_VERIFY);
	hex_encode_rev(hash, b.hdr.hash, 32);
	hex_encode_rev(a, b.tx[2].txid, 32);
	hex_encode_rev(c, b.tx[3].txid, 32);
	snprintf(want, sizeof(want),
		 "Bitcoin Cash block %s at height 5: transactions not in "
		 "canonical (ascending txid) order: transaction 2 (%s) "
		 "before transaction 3 (%s)",
		 hash, a, c);
	CHECK_STR(e.msg, want);
	CHECK(btc_fork_check_order(main, &b, 556767, &e) == TRC_ERR_VERIFY);
	CHECK_OK(btc_fork_check_order(main, &b, 556766, &e), &e);
	btc_block_release(&b);
	buf_release(&raw);
}

/*
 * Real Bitcoin Cash testnet blocks (Bitcoin ABC's
 * src/test/data/blockfilters.json, README): 180,480 (testnet3 history
 * before the fork: a coinbase and four transactions in the old,
 * topological order) verified at its height, and its order refused
 * where the canonical order is in force, naming its first pair out of
 * order; 1,414,221 (after the upgrade) verified with the order in force.
 */
static void t_bch_ctor_real(void)
{
	const struct btc_fork *t =
		btc_fork_network(btc_fork_find("bch"), "test");
	struct trc_error e = TRC_ERROR_INIT;
	static uint8_t raw[4096];
	struct btc_block b = BTC_BLOCK_INIT;
	struct buf bytes = BUF_INIT(1 << 20);
	char hash[65];
	size_t n;

	if (!load_block("bch_test_180480_block.hex", raw, sizeof(raw), &n))
		return;
	CHECK_OK(btc_fork_block_verify(t, raw, n, 180480, &b, &bytes, &e), &e);
	hex_encode_rev(hash, b.hdr.hash, 32);
	CHECK_STR(hash, "00000000fd3ceb2404ff07a785c7fdcc76619edc8ed61bd25134"
			"eaa22084366a");
	CHECK(b.n_tx == 5);
	CHECK(btc_fork_check_order(t, &b, 1267997, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "transactions not in canonical (ascending txid) "
			    "order: transaction 2 (88b760ee751176d80b0808e7e729"
			    "16a63684688f9ed6374c2368f300c1f84dd0) before "
			    "transaction 3 (28934e7f3b8ae2b0a0d75463a5313aa3cc"
			    "ea5522e226eee58e4f46ff9f2b98db)") != NULL);
	CHECK_OK(btc_fork_check_order(t, &b, 1267996, &e), &e);
	btc_block_release(&b);
	if (!load_block("bch_test_1414221_block.hex", raw, sizeof(raw), &n))
		return;
	CHECK_OK(btc_fork_block_verify(t, raw, n, 1414221, &b, &bytes, &e), &e);
	hex_encode_rev(hash, b.hdr.hash, 32);
	CHECK_STR(hash, "0000000000000027b2b3b3381f114f674f481544ff2be37ae378"
			"8d7e078383b1");
	btc_block_release(&b);
	buf_release(&bytes);
}

/* The topological rule before the canonical order (and on the other
 * forks): a transaction spending a later one of its block is refused;
 * under the canonical order the same spend may come first. */
static void t_bch_ttor(void)
{
	const struct btc_fork *main = btc_fork_find("bch");
	struct trc_error e = TRC_ERROR_INIT;
	struct btc_tx txs[2] = { BTC_TX_INIT, BTC_TX_INIT };
	struct btc_block b;
	struct buf raw = BUF_INIT(1 << 20);
	uint8_t parent[32];

	spend(&txs[1], NULL, 0x42, 2000);
	memcpy(parent, txs[1].txid, 32);
	spend(&txs[0], parent, 0, 1000); /* spends txs[1], before it */
	bool child_first = cmp_txid_le(&txs[0], &txs[1]) < 0;
	build_block(&b, txs, 2, &raw);
	CHECK(btc_fork_check_order(main, &b, 556766, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "at height 556766: a transaction spends one "
			    "that is not before it: transaction 1") != NULL);
	CHECK(btc_fork_check_order(btc_fork_find("ltc"), &b, 3000000, &e) ==
	      TRC_ERR_VERIFY);
	CHECK(btc_fork_check_order(main, &b, 556767, &e) ==
	      (child_first ? TRC_OK : TRC_ERR_VERIFY));
	btc_block_release(&b);
	buf_release(&raw);
}

/*
 * Real Litecoin mainnet block 2,383,207 (84da0de2…, tests/vectors/forks
 * README): eight canonical transactions, the HogEx and an extension
 * block with no MWEB transactions. Its scrypt work, merkle root (over
 * the HogEx's txid 62d73bef…) and the HogEx's commitment to the
 * extension header (BLAKE3 a8eaca52…, the node's mweb.hash) verified;
 * copies with the header, the HogEx's MWEB byte or the extension block
 * changed refused naming the rule.
 */
static void t_ltc_mweb_real(void)
{
	const struct btc_fork *l = btc_fork_find("ltc");
	struct trc_error e = TRC_ERROR_INIT;
	static uint8_t raw[4096];
	struct btc_block b = BTC_BLOCK_INIT;
	struct buf bytes = BUF_INIT(1 << 20);
	char hash[65];
	size_t n, ext;

	if (!load_block("ltc_mweb_2383207_block.hex", raw, sizeof(raw), &n))
		return;
	CHECK(n == 2767);
	CHECK_OK(btc_fork_block_verify(l, raw, n, 2383207, &b, &bytes, &e), &e);
	CHECK(b.hogex && b.n_tx == 9);
	hex_encode_rev(hash, b.hdr.hash, 32);
	CHECK_STR(hash, "84da0de24f1f70074596f9a9da145a6b7961860519923b67545d"
			"095cf8262f9a");
	hex_encode_rev(hash, b.tx[8].txid, 32);
	CHECK_STR(hash, "62d73befab5f48db9841aea938e57c8054dfdc284d6a60fc7d33"
			"63662aa078e6");
	btc_block_release(&b);
	ext = n - 171; /* the extension block: marker, header, 3 counts */
	raw[ext + 1 + 4 + 64] ^= 1; /* its leafset root */
	CHECK(fork_verify(l, raw, n, 2383207, hash, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "the HogEx's output 0 does not commit to the "
			    "extension block's header") != NULL);
	raw[ext + 1 + 4 + 64] ^= 1;
	CHECK(fork_verify(l, raw, ext, 2383207, hash, &e) == TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "no extension block") != NULL);
	raw[ext - 5] = 1; /* the HogEx's MWEB byte: a body follows */
	CHECK(fork_verify(l, raw, n, 2383207, hash, &e) == TRC_ERR_UNSUPPORTED);
	CHECK(strstr(e.msg, "carries an MWEB transaction body") != NULL);
	raw[ext - 5] = 0;
	raw[n - 1] = 1; /* a kernel count of 1 with no kernel */
	CHECK(fork_verify(l, raw, n, 2383207, hash, &e) == TRC_ERR_PARSE);
	raw[n - 1] = 0;
	buf_release(&bytes);
}

/* Bitcoin's VARINT (serialize.h WriteVarInt). */
static void put_varint(struct buf *out, uint64_t n)
{
	uint8_t tmp[10];
	int len = 0;
	struct trc_error e = TRC_ERROR_INIT;

	for (;;) {
		tmp[len] = (uint8_t)((n & 0x7f) | (len ? 0x80 : 0));
		if (n <= 0x7f)
			break;
		n = (n >> 7) - 1;
		len++;
	}
	for (; len >= 0; len--)
		CHECK_OK(buf_append_u8(out, tmp[len]), &e);
}

static void put_fill(struct buf *out, uint8_t byte, size_t n)
{
	struct trc_error e = TRC_ERROR_INIT;

	for (size_t i = 0; i < n; i++)
		CHECK_OK(buf_append_u8(out, byte), &e);
}

static const uint8_t pegout_spk[22] = { 0x00, 0x14, 1,	2,  3,	4,  5,	6,
					7,    8,    9,	10, 11, 12, 13, 14,
					15,   16,   17, 18, 19, 20 };

/*
 * A synthetic extension block by libmw's models (no real MWEB block
 * with pegs is in the repository): header at height 5, no inputs, one
 * standard output, a kernel pegging in 1 LTC (fee 1000) and one pegging
 * out 0.5 LTC to pegout_spk (fee 1000). Out: *ext (marker first), the
 * header's BLAKE3 hash, the peg-in kernel's id.
 */
static void synth_ext(struct buf *ext, uint8_t hash[32], uint8_t pegin_id[32])
{
	struct buf k = BUF_INIT(4096);
	struct trc_error e = TRC_ERROR_INIT;
	size_t hdr;

	CHECK_OK(buf_append_u8(ext, 1), &e);
	hdr = ext->len;
	put_varint(ext, 5);
	put_fill(ext, 0x21, 5 * 32);
	put_varint(ext, 1);
	put_varint(ext, 2);
	hash_blake3(hash, ext->data + hdr, ext->len - hdr);
	CHECK_OK(buf_append_u8(ext, 0), &e); /* inputs */
	CHECK_OK(buf_append_u8(ext, 1), &e); /* outputs */
	put_fill(ext, 0x08, 33 + 33 + 33);
	CHECK_OK(buf_append_u8(ext, 0x01), &e); /* standard fields */
	put_fill(ext, 0x09, 33 + 1 + 8 + 16 + 675 + 64);
	CHECK_OK(buf_append_u8(ext, 2), &e);   /* kernels */
	CHECK_OK(buf_append_u8(&k, 0x03), &e); /* fee, peg-in */
	put_varint(&k, 1000);
	put_varint(&k, 100000000);
	put_fill(&k, 0x0a, 33 + 64);
	hash_blake3(pegin_id, k.data, k.len);
	CHECK_OK(buf_append(ext, k.data, k.len), &e);
	CHECK_OK(buf_append_u8(ext, 0x05), &e); /* fee, peg-outs */
	put_varint(ext, 1000);
	CHECK_OK(buf_append_u8(ext, 1), &e);
	put_varint(ext, 50000000);
	CHECK_OK(buf_append_u8(ext, sizeof(pegout_spk)), &e);
	CHECK_OK(buf_append(ext, pegout_spk, sizeof(pegout_spk)), &e);
	put_fill(ext, 0x0b, 33 + 64);
	buf_release(&k);
}

/*
 * A regtest block with pegs, built by the spec (LIP-0002/0003 and
 * libmw's serialisation): a transaction paying 1 LTC to OP_9 <kernel
 * id>, the HogEx spending it (and a made-up previous HogEx output),
 * paying OP_8 <extension header hash> and the 0.5 LTC peg-out. Out:
 * the whole block in *raw; its canonical form decoded in *b.
 */
static void synth_mweb_block(struct buf *raw)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct btc_tx txs[2] = { BTC_TX_INIT, BTC_TX_INIT };
	struct btc_block b;
	struct buf ext = BUF_INIT(1 << 16), blk = BUF_INIT(1 << 20);
	uint8_t hash[32], id[32], hog[34] = { 0x58, 0x20 };
	uint8_t pegin[34] = { 0x59, 0x20 }, prev[32];
	const uint8_t op_true = 0x51;
	size_t cut;

	synth_ext(&ext, hash, id);
	memcpy(hog + 2, hash, 32);
	memcpy(pegin + 2, id, 32);
	memset(prev, 0x33, sizeof(prev));
	btc_tx_begin(&txs[0], 2, 0);
	CHECK_OK(
		btc_tx_add_input(&txs[0], prev, 0, &op_true, 1, 0xffffffff, &e),
		&e);
	CHECK_OK(btc_tx_add_output(&txs[0], 100000000, pegin, 34, &e), &e);
	CHECK_OK(btc_tx_finish(&txs[0], &e), &e);
	memset(prev, 0x44, sizeof(prev));
	btc_tx_begin(&txs[1], 2, 0);
	CHECK_OK(btc_tx_add_input(&txs[1], prev, 0, NULL, 0, 0xffffffff, &e),
		 &e);
	CHECK_OK(btc_tx_add_input(&txs[1], txs[0].txid, 0, NULL, 0, 0xffffffff,
				  &e),
		 &e);
	CHECK_OK(btc_tx_add_output(&txs[1], 700000000, hog, 34, &e), &e);
	CHECK_OK(btc_tx_add_output(&txs[1], 50000000, pegout_spk,
				   sizeof(pegout_spk), &e),
		 &e);
	CHECK_OK(btc_tx_finish(&txs[1], &e), &e);
	build_block(&b, txs, 2, &blk);
	/* the HogEx, last, with its MWEB flag and byte, then the
	 * extension block */
	cut = blk.len - b.tx[2].size;
	CHECK_OK(buf_append(raw, blk.data, cut + 4), &e);
	CHECK_OK(buf_append(raw, "\x00\x08", 2), &e);
	CHECK_OK(buf_append(raw, blk.data + cut + 4, b.tx[2].size - 8), &e);
	CHECK_OK(buf_append_u8(raw, 0), &e);
	CHECK_OK(buf_append(raw, blk.data + blk.len - 4, 4), &e);
	CHECK_OK(buf_append(raw, ext.data, ext.len), &e);
	btc_block_release(&b);
	buf_release(&blk);
	buf_release(&ext);
}

/* The synthetic pegs: accepted, and each binding refused when broken
 * (the extension block is outside the merkle root, so only these
 * checks catch it). */
static void t_ltc_mweb_pegs(void)
{
	const struct btc_fork *reg =
		btc_fork_network(btc_fork_find("ltc"), "regtest");
	struct trc_error e = TRC_ERROR_INIT;
	struct buf raw = BUF_INIT(1 << 20);
	struct btc_block b = BTC_BLOCK_INIT;
	struct buf bytes = BUF_INIT(1 << 20);
	struct btc_mweb m = BTC_MWEB_INIT;
	char hash[65];
	uint8_t *p;
	size_t n;

	synth_mweb_block(&raw);
	p = raw.data;
	n = raw.len;
	CHECK_OK(btc_mweb_split(p, n, &m, &bytes, &e), &e);
	CHECK(m.present && m.height == 5 && m.n_outputs == 1 &&
	      m.n_kernels == 2 && m.n_pegins == 1 && m.n_pegouts == 1);
	CHECK(m.pegins[0].value == 100000000 && m.pegouts[0].value == 50000000);
	btc_mweb_release(&m);
	buf_release(&bytes);
	CHECK_OK(btc_fork_block_verify(reg, p, n, 5, &b, &bytes, &e), &e);
	CHECK(b.hogex && b.n_tx == 3);
	btc_block_release(&b);
	buf_release(&bytes);
	/* the peg-out's amount in its kernel: the last byte of its
	 * VARINT, before the script's length, script, excess and
	 * signature */
	size_t at = n - 97 - sizeof(pegout_spk) - 1 - 4;
	p[at] ^= 1;
	CHECK(fork_verify(reg, p, n, 5, hash, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "the HogEx's output 1 is not the kernels' "
			    "peg-out 0") != NULL);
	p[at] ^= 1;
	/* the peg-in kernel's amount: its id no longer matches */
	at = n - (97 + sizeof(pegout_spk) + 1 + 4 + 1 + 2 + 1) - 97 - 1;
	p[at] ^= 1;
	CHECK(fork_verify(reg, p, n, 5, hash, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "has no peg-in kernel of its id and value") !=
	      NULL);
	p[at] ^= 1;
	CHECK_OK(fork_verify(reg, p, n, 5, hash, &e), &e);
	/* the header's height */
	CHECK(fork_verify(reg, p, n, 6, hash, &e) == TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "at height 6: the extension block's header says "
			    "height 5") != NULL);
	buf_release(&raw);
}

TEST_MAIN({ "table", t_table }, { "networks", t_networks },
	  { "chain_ops", t_chain_ops }, { "cashaddr_spec", t_cashaddr_spec },
	  { "cashaddr_bad", t_cashaddr_bad },
	  { "bch_addresses", t_bch_addresses },
	  { "ltc_doge_addresses", t_ltc_doge_addresses },
	  { "genesis_pow", t_genesis_pow }, { "auxpow", t_auxpow },
	  { "genesis_blocks", t_genesis_blocks },
	  { "auxpow_heights", t_auxpow_heights }, { "witness", t_witness },
	  { "bch_ctor", t_bch_ctor }, { "bch_ctor_real", t_bch_ctor_real },
	  { "bch_ttor", t_bch_ttor }, { "ltc_mweb_real", t_ltc_mweb_real },
	  { "ltc_mweb_pegs", t_ltc_mweb_pegs })
