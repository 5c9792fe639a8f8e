/*
 * Address codecs of chains/btc: BIP173 / BIP350 vectors, base58 and
 * base58check vectors, script <-> address for every class on every
 * network, and chain_btc_ops.
 *
 * Sources: the bech32 strings and segwit addresses are BIP173's and
 * BIP350's test vectors; base58 strings are Bitcoin Core's
 * src/test/data/base58_encode_decode.json; the per-network addresses of
 * P2PK, P2PKH, P2SH, P2WPKH and P2WSH were produced by bcoin 1.0.2
 * (Address.fromScript().toString(network)); v1+ addresses on regtest
 * prefixes and pseudo-addresses by tests/vectors/btc_addr_ref.py.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base58.h"
#include "base/hex.h"
#include "chains/btc/bech32.h"
#include "chains/btc/net.h"
#include "chains/btc/script.h"
#include "chains/chain.h"
#include "store/record.h"
#include "tests/unit/harness.h"

static void t_bech32_valid(void)
{
	static const struct {
		const char *s;
		enum bech32_variant v;
	} cases[] = {
		{ "A12UEL5L", BECH32 },
		{ "a12uel5l", BECH32 },
		{ "an83characterlonghumanreadablepartthatcontainsthenumber1andt"
		  "heexcludedcharactersbio1tt5tgs",
		  BECH32 },
		{ "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", BECH32 },
		{ "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
		  "qqqqqqqqqqqqqqqqqqqqqqqqc8247j",
		  BECH32 },
		{ "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3"
		  "w",
		  BECH32 },
		{ "?1ezyfcl", BECH32 },
		{ "A1LQFN3A", BECH32M },
		{ "a1lqfn3a", BECH32M },
		{ "an83characterlonghumanreadablepartthatcontainsthetheexcluded"
		  "charactersbioandnumber11sg7hg6",
		  BECH32M },
		{ "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx", BECH32M },
		{ "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllll"
		  "llllllllllllllllllllllllludsr8",
		  BECH32M },
		{ "split1checkupstagehandshakeupstreamerranterredcaperredlc445"
		  "v",
		  BECH32M },
		{ "?1v759aa", BECH32M },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char hrp[BECH32_HRP_MAX + 1], again[BECH32_MAX_LEN + 1];
		uint8_t data[BECH32_MAX_LEN];
		size_t n;
		enum bech32_variant v;
		struct trc_error e = TRC_ERROR_INIT;

		CHECK_OK(bech32_decode(hrp, sizeof(hrp), data, sizeof(data), &n,
				       &v, cases[i].s, &e),
			 &e);
		CHECK_INT(v, cases[i].v);
		CHECK_OK(bech32_encode(again, sizeof(again), hrp, data, n, v,
				       &e),
			 &e);
		CHECK(strcasecmp(again, cases[i].s) == 0);
	}
}

static void t_bech32_invalid(void)
{
	static const char *const cases[] = {
		/* BIP173 */
		" 1nwldj5",
		"\x7f"
		"1axkwrx",
		"\x80"
		"1eym55h",
		"an84characterslonghumanreadablepartthatcontainsthenumber1andth"
		"eexcludedcharactersbio1569pvx",
		"pzry9x0s0muk",
		"1pzry9x0s0muk",
		"x1b4n0q5v",
		"li1dgmt3",
		"de1lg7wt\xff",
		"A1G7SGD8",
		"10a06t8",
		"1qzzfhee",
		/* BIP350 */
		" 1xj0phk",
		"\x7f"
		"1g6xzxy",
		"\x80"
		"1vctc34",
		"an84characterslonghumanreadablepartthatcontainsthetheexcludedc"
		"haractersbioandnumber11d6pts4",
		"qyrz8wqd2c9m",
		"1qyrz8wqd2c9m",
		"y1b0jsk6g",
		"lt1igcx5c0",
		"in1muywd",
		"mm1crxm3i",
		"au1s5cgom",
		"M1VUXWEZ",
		"16plkw9",
		"1p2gdwpf",
		/* mixed case */
		"a12UEL5L",
		"A12uEL5L",
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char hrp[BECH32_HRP_MAX + 1];
		uint8_t data[BECH32_MAX_LEN];
		size_t n;
		enum bech32_variant v;
		struct trc_error e = TRC_ERROR_INIT;

		CHECK_INT(bech32_decode(hrp, sizeof(hrp), data, sizeof(data),
					&n, &v, cases[i], &e),
			  TRC_ERR_PARSE);
		CHECK(e.msg[0] != '\0');
	}
}

static void t_segwit_addr(void)
{
	static const struct {
		const char *addr, *hrp, *script;
	} ok[] = {
		{ "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc",
		  "0014751e76e8199196d454941c45d1b3a323f1433bd6" },
		{ "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5"
		  "k7",
		  "tb",
		  "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c63296"
		  "04903262" },
		{ "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvar"
		  "y0c5xw7kt5nd6y",
		  "bc",
		  "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d4"
		  "54941c45d1b3a323f1433bd6" },
		{ "BC1SW50QGDZ25J", "bc", "6002751e" },
		{ "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "bc",
		  "5210751e76e8199196d454941c45d1b3a323" },
		{ "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6"
		  "hy",
		  "tb",
		  "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab"
		  "93e86433" },
		{ "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn"
		  "0c",
		  "tb",
		  "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab"
		  "93e86433" },
		{ "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5j"
		  "j0",
		  "bc",
		  "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b"
		  "16f81798" },
	};
	static const char *const bad[] = {
		"tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyu"
		"t",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7h"
		"d",
		"tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7r"
		"f",
		"BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WEL"
		"L",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
		"tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc4"
		"7",
		"bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow"
		"4",
		"BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8"
		"R",
		"bc1pw5dgrnzv",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0m"
		"uaewav253zgeav",
		"BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
		"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zag"
		"q",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzc"
		"rf",
		"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4"
		"j",
		"bc1gmk9yu",
		/* BIP173's list (v0 rules, padding, length) */
		"tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
		"BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
		"bc1rw5uspcuh",
		"bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0"
		"c5xw7kw5rljs90",
		"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sI5k"
		"7",
		"tb1pw508d6qejxtdg4y5r3zarqfsj6c3",
		"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtpt"
		"v",
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		uint8_t prog[SEGWIT_PROGRAM_MAX], spk[42];
		char hex[100], again[BECH32_MAX_LEN + 1];
		size_t n;
		int ver;
		struct trc_error e = TRC_ERROR_INIT;

		CHECK_OK(segwit_addr_decode(&ver, prog, &n, ok[i].hrp,
					    ok[i].addr, &e),
			 &e);
		spk[0] = ver ? (uint8_t)(0x50 + ver) : 0;
		spk[1] = (uint8_t)n;
		memcpy(spk + 2, prog, n);
		CHECK_STR(hex_encode(hex, spk, n + 2), ok[i].script);
		CHECK_OK(segwit_addr_encode(again, sizeof(again), ok[i].hrp,
					    ver, prog, n, &e),
			 &e);
		CHECK(strcasecmp(again, ok[i].addr) == 0);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t prog[SEGWIT_PROGRAM_MAX];
		size_t n;
		int ver;

		CHECK(segwit_addr_decode(&ver, prog, &n, "bc", bad[i], NULL));
		CHECK(segwit_addr_decode(&ver, prog, &n, "tb", bad[i], NULL));
	}
}

static void t_base58(void)
{
	static const struct {
		const char *hex, *b58;
	} cases[] = {
		{ "", "" },
		{ "61", "2g" },
		{ "626262", "a3gV" },
		{ "636363", "aPEr" },
		{ "73696d706c792061206c6f6e6720737472696e67",
		  "2cFupjhnEsSn59qHXstmK2ffpLv2" },
		{ "00eb15231dfceb60925886b67d065299925915aeb172c06647",
		  "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L" },
		{ "516b6fcd0f", "ABnLTmg" },
		{ "bf4f89001e670274dd", "3SEo3LWLoPntC" },
		{ "572e4794", "3EFU7m" },
		{ "ecac89cad93923c02321", "EJDM8drfXA6uyA" },
		{ "10c8511e", "Rt5zm" },
		{ "00000000000000000000", "1111111111" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t raw[64], back[64];
		size_t n, m;
		char s[128], hex[130];
		struct trc_error e = TRC_ERROR_INIT;

		CHECK_OK(hex_decode(raw, sizeof(raw), &n, cases[i].hex,
				    strlen(cases[i].hex), &e),
			 &e);
		CHECK_OK(base58_encode(s, sizeof(s), raw, n, &e), &e);
		CHECK_STR(s, cases[i].b58);
		CHECK_OK(
			base58_decode(back, sizeof(back), &m, cases[i].b58, &e),
			&e);
		CHECK_STR(hex_encode(hex, back, m), cases[i].hex);
	}
}

static void t_base58check(void)
{
	static const struct {
		const char *addr, *payload;
	} ok[] = {
		{ "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i",
		  "0065a16059864a2fdbc7c99a4723a8395bc6f188eb" },
		{ "3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou",
		  "0574f209f6ea907e2ea48f74fae05782ae8a665257" },
		{ "mo9ncXisMeAoXwqcV5EWuyncbmCcQN4rVs",
		  "6f53c0307d6851aa0ce7825ba883c6bd9ad242b486" },
		{ "2N2JD6wb56AfK4tfmM6PwdVmoYk2dCKf4Br",
		  "c46349a418fc4578d10a372b54b45c280cc8c4382f" },
	};
	static const char *const bad[] = {
		"1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62j", /* checksum */
		"1ANNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i",
		"1A Na15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i", /* space */
		"1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62I", /* I not in alphabet */
		"1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62!",
		"1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62iz",
		"1Q1pE5vPGEEMqRcVRMbtBK842Y6Pzo6nJ9",
		"",
		"1",
		"i55j",
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		uint8_t p[64];
		size_t n;
		char hex[130], s[64];
		struct trc_error e = TRC_ERROR_INIT;

		CHECK_OK(base58check_decode(p, sizeof(p), &n, ok[i].addr, &e),
			 &e);
		CHECK_STR(hex_encode(hex, p, n), ok[i].payload);
		CHECK_OK(base58check_encode(s, sizeof(s), p, n, &e), &e);
		CHECK_STR(s, ok[i].addr);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t p[64];
		size_t n;
		struct trc_error e = TRC_ERROR_INIT;

		CHECK(base58check_decode(p, sizeof(p), &n, bad[i], &e) !=
		      TRC_OK);
		CHECK(e.msg[0] != '\0');
	}
}

#define G_UNCOMP                                                               \
	"0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f8179848" \
	"3ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"
#define G_COMP                                                                 \
	"0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"

struct script_case {
	const char *net, *script;
	uint8_t cls;
	const char *addr;
};

static const struct script_case script_cases[] = {
	/* main (bcoin 1.0.2 / BIP350) */
	{ "main", "76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88ac",
	  OUT_P2PKH, "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i" },
	{ "main", "a91474f209f6ea907e2ea48f74fae05782ae8a66525787", OUT_P2SH,
	  "3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou" },
	{ "main", "0014751e76e8199196d454941c45d1b3a323f1433bd6", OUT_P2WPKH,
	  "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4" },
	{ "main",
	  "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c632960490326"
	  "2",
	  OUT_P2WSH,
	  "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3" },
	{ "main", "41" G_UNCOMP "ac", OUT_P2PK,
	  "1EHNa6Q4Jz2uvNExL497mE43ikXhwF6kZm" },
	{ "main", "21" G_COMP "ac", OUT_P2PK,
	  "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH" },
	{ "main",
	  "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f8179"
	  "8",
	  OUT_P2TR,
	  "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0" },
	{ "main", "6002751e", OUT_WITNESS_UNKNOWN, "bc1sw50qgdz25j" },
	{ "main", "5210751e76e8199196d454941c45d1b3a323", OUT_WITNESS_UNKNOWN,
	  "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs" },
	/* test (testnet3/4 and signet share these) */
	{ "test", "76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88ac",
	  OUT_P2PKH, "mpnKs4AYDYbpFnjLYs15wUEYFTd13EyCvs" },
	{ "test", "a91474f209f6ea907e2ea48f74fae05782ae8a66525787", OUT_P2SH,
	  "2N3uaKhJ3QjgxGCdnVjR2x2yFVctPu1tHSY" },
	{ "test", "0014751e76e8199196d454941c45d1b3a323f1433bd6", OUT_P2WPKH,
	  "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx" },
	{ "test",
	  "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c632960490326"
	  "2",
	  OUT_P2WSH,
	  "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7" },
	{ "test", "41" G_UNCOMP "ac", OUT_P2PK,
	  "mtoKs9V381UAhUia3d7Vb9GNak8Qvmcsme" },
	{ "test", "21" G_COMP "ac", OUT_P2PK,
	  "mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r" },
	{ "test",
	  "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f8179"
	  "8",
	  OUT_P2TR,
	  "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47zagq" },
	{ "test", "6002751e", OUT_WITNESS_UNKNOWN, "tb1sw50qadvs0e" },
	{ "signet", "76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88ac",
	  OUT_P2PKH, "mpnKs4AYDYbpFnjLYs15wUEYFTd13EyCvs" },
	{ "signet", "a91474f209f6ea907e2ea48f74fae05782ae8a66525787", OUT_P2SH,
	  "2N3uaKhJ3QjgxGCdnVjR2x2yFVctPu1tHSY" },
	{ "signet", "0014751e76e8199196d454941c45d1b3a323f1433bd6", OUT_P2WPKH,
	  "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx" },
	{ "signet",
	  "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c632960490326"
	  "2",
	  OUT_P2WSH,
	  "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7" },
	{ "signet", "21" G_COMP "ac", OUT_P2PK,
	  "mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r" },
	{ "signet",
	  "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f8179"
	  "8",
	  OUT_P2TR,
	  "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47zagq" },
	{ "signet", "6002751e", OUT_WITNESS_UNKNOWN, "tb1sw50qadvs0e" },
	/* Core's regtest: base58 as testnet, bech32 prefix bcrt */
	{ "regtest", "76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88ac",
	  OUT_P2PKH, "mpnKs4AYDYbpFnjLYs15wUEYFTd13EyCvs" },
	{ "regtest", "a91474f209f6ea907e2ea48f74fae05782ae8a66525787", OUT_P2SH,
	  "2N3uaKhJ3QjgxGCdnVjR2x2yFVctPu1tHSY" },
	{ "regtest", "0014751e76e8199196d454941c45d1b3a323f1433bd6", OUT_P2WPKH,
	  "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080" },
	{ "regtest",
	  "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c632960490326"
	  "2",
	  OUT_P2WSH,
	  "bcrt1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qzf4jry" },
	{ "regtest", "21" G_COMP "ac", OUT_P2PK,
	  "mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r" },
	{ "regtest",
	  "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f8179"
	  "8",
	  OUT_P2TR,
	  "bcrt1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqc8gma6" },
	{ "regtest", "6002751e", OUT_WITNESS_UNKNOWN, "bcrt1sw50qt2uwha" },
	/* bcoin 1.0.2's regtest */
	{ "bcoin-regtest", "76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88ac",
	  OUT_P2PKH, "RJYZeWxr1Ly8YgcvJU1qD5MR9jUtk14HkN" },
	{ "bcoin-regtest", "a91474f209f6ea907e2ea48f74fae05782ae8a66525787",
	  OUT_P2SH, "GUWGkYCXEEUX3ic6dSngLDxx3vBMaazoU7" },
	{ "bcoin-regtest", "0014751e76e8199196d454941c45d1b3a323f1433bd6",
	  OUT_P2WPKH, "rb1qw508d6qejxtdg4y5r3zarvary0c5xw7k38f4sn" },
	{ "bcoin-regtest",
	  "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c632960490326"
	  "2",
	  OUT_P2WSH,
	  "rb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qffcjef" },
	{ "bcoin-regtest", "41" G_UNCOMP "ac", OUT_P2PK,
	  "RNZZecHLuoqUzNc9oE8ErkPFV1zJdvDBAH" },
	{ "bcoin-regtest", "21" G_COMP "ac", OUT_P2PK,
	  "RKxTdfmtxtfLDKZBgx6SvNkBtNu9jRYnLh" },
	{ "bcoin-regtest",
	  "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f8179"
	  "8",
	  OUT_P2TR,
	  "rb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqn89m8h" },
	{ "bcoin-regtest", "6002751e", OUT_WITNESS_UNKNOWN, "rb1sw50qsa5zdv" },
};

/* Scripts whose address does not depend on the network. */
static const struct script_case any_net_cases[] = {
	{ NULL, "6a0b68656c6c6f20776f726c64", OUT_OP_RETURN, "" },
	{ NULL, "6a", OUT_OP_RETURN, "" },
	{ NULL, "", OUT_NONSTANDARD,
	  "nonstandard:e3b0c44298fc1c149afbf4c8996fb92427ae41e4" },
	{ NULL, "51", OUT_NONSTANDARD,
	  "nonstandard:4ae81572f06e1b88fd5ced7a1a000945432e83e1" },
	{ NULL, "5121" G_COMP "51ae", OUT_MULTISIG,
	  "multisig:28205333db922f66e8a941b4a32d66de5cea03d9" },
	/* a P2PK-shaped script with a key not on the curve */
	{ NULL,
	  "21020000000000000000000000000000000000000000000000000000000000000005"
	  "ac",
	  OUT_NONSTANDARD, NULL },
	/* v0 program of a length that is neither 20 nor 32 */
	{ NULL, "0015751e76e8199196d454941c45d1b3a323f1433bd600",
	  OUT_NONSTANDARD, NULL },
	/* m > n multisig, truncated P2PKH */
	{ NULL, "5221" G_COMP "51ae", OUT_NONSTANDARD, NULL },
	{ NULL, "76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88",
	  OUT_NONSTANDARD, NULL },
};

static void check_case(const struct script_case *c, const char *netname)
{
	const struct btc_network *net = btc_network_find(netname);
	uint8_t s[256];
	size_t n;
	char addr[BTC_ADDR_MAX], hex[600];
	struct buf back = BUF_INIT(256);
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t cls;

	CHECK(net != NULL);
	if (!net)
		return;
	CHECK_OK(hex_decode(s, sizeof(s), &n, c->script, strlen(c->script), &e),
		 &e);
	cls = btc_script_classify(s, n, net, addr, sizeof(addr));
	if (cls != c->cls)
		t_fail(__FILE__, __LINE__, "%s %s: class %s, expected %s",
		       netname, c->script, rec_out_class_name(cls),
		       rec_out_class_name(c->cls));
	if (c->addr)
		CHECK_STR(addr, c->addr);
	else
		CHECK(strncmp(addr, "nonstandard:", 12) == 0);
	if (cls == OUT_P2PK || cls == OUT_OP_RETURN || cls == OUT_MULTISIG ||
	    cls == OUT_NONSTANDARD) {
		if (cls != OUT_OP_RETURN && cls != OUT_P2PK)
			CHECK_INT(btc_address_to_script(net, addr, &back, NULL),
				  TRC_ERR_UNSUPPORTED);
		buf_release(&back);
		return;
	}
	CHECK_OK(btc_address_to_script(net, addr, &back, &e), &e);
	CHECK_STR(hex_encode(hex, back.data, back.len), c->script);
	buf_release(&back);
}

static void t_script_classes(void)
{
	static const char *const nets[] = { "main", "test", "signet", "regtest",
					    "bcoin-regtest" };

	for (size_t i = 0; i < sizeof(script_cases) / sizeof(script_cases[0]);
	     i++)
		check_case(&script_cases[i], script_cases[i].net);
	for (size_t k = 0; k < 5; k++)
		for (size_t i = 0;
		     i < sizeof(any_net_cases) / sizeof(any_net_cases[0]); i++)
			check_case(&any_net_cases[i], nets[k]);
}

static void t_wrong_network(void)
{
	const struct btc_network *main_ = btc_network_find("main");
	const struct btc_network *rb = btc_network_find("bcoin-regtest");
	const struct btc_network *rt = btc_network_find("regtest");
	struct buf s = BUF_INIT(64);
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_INT(btc_address_to_script(
			  main_, "mpnKs4AYDYbpFnjLYs15wUEYFTd13EyCvs", &s, &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "version byte 0x6f") != NULL);
	CHECK_INT(btc_address_to_script(
			  main_, "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx",
			  &s, &e),
		  TRC_ERR_PARSE);
	CHECK_INT(btc_address_to_script(
			  rb, "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
			  &s, &e),
		  TRC_ERR_PARSE);
	CHECK_INT(btc_address_to_script(
			  rt, "rb1qw508d6qejxtdg4y5r3zarvary0c5xw7k38f4sn", &s,
			  &e),
		  TRC_ERR_PARSE);
	CHECK_INT(btc_address_to_script(
			  rt, "RJYZeWxr1Ly8YgcvJU1qD5MR9jUtk14HkN", &s, &e),
		  TRC_ERR_PARSE);
	CHECK_INT(s.len, 0);
	CHECK(btc_network_find("testnet3") == btc_network_find("test"));
	CHECK(btc_network_find("testnet4") != btc_network_find("test"));
	CHECK_STR(btc_network_find("testnet4")->name, "testnet4");
	CHECK(btc_network_find("mainnet") == NULL);
	buf_release(&s);
}

static void t_chain_ops(void)
{
	const struct chain_ops *ops = chain_find("btc");
	char out[CHAIN_ADDR_MAX], txs[CHAIN_TXID_STR_MAX];
	uint8_t txid[32];
	struct trc_error e = TRC_ERROR_INIT;
	static const char *const gen = "4a5e1e4baab89f3a32518a88c31bc87f618f766"
				       "73e2cc77ab2127b7afdeda33b";

	CHECK(ops != NULL);
	if (!ops)
		return;
	CHECK(chain_by_id(CHAIN_BTC) == ops);
	CHECK_STR(ops->asset, "BTC");
	CHECK_INT(ops->decimals, 8);
	CHECK_STR(ops->default_network, "main");
	CHECK_INT(ops->default_confirmations, 6);
	CHECK(ops->network_valid("bcoin-regtest"));
	CHECK(ops->network_valid("signet"));
	CHECK(!ops->network_valid("mainnet"));
	CHECK_OK(ops->address_normalize(
			 "main", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
			 out, sizeof(out), &e),
		 &e);
	CHECK_STR(out, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
	CHECK_OK(ops->address_normalize("bcoin-regtest",
					"RJYZeWxr1Ly8YgcvJU1qD5MR9jUtk14HkN",
					out, sizeof(out), &e),
		 &e);
	CHECK_STR(out, "RJYZeWxr1Ly8YgcvJU1qD5MR9jUtk14HkN");
	CHECK_OK(ops->address_normalize(
			 "main",
			 "NONSTANDARD:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4",
			 out, sizeof(out), &e),
		 &e);
	CHECK_STR(out, "nonstandard:e3b0c44298fc1c149afbf4c8996fb92427ae41e4");
	CHECK_INT(ops->address_normalize("main", "nonstandard:e3b0", out,
					 sizeof(out), &e),
		  TRC_ERR_PARSE);
	CHECK_INT(ops->address_normalize("main",
					 "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62j",
					 out, sizeof(out), &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "checksum") != NULL);
	CHECK_INT(ops->address_normalize("nonet",
					 "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i",
					 out, sizeof(out), &e),
		  TRC_ERR_INVALID);
	/* the genesis coinbase: displayed reversed */
	CHECK_OK(ops->txid_parse(gen, txid, &e), &e);
	CHECK_INT(txid[0], 0x3b);
	CHECK_INT(txid[31], 0x4a);
	ops->txid_format(txid, txs);
	CHECK_STR(txs, gen);
	CHECK_INT(ops->txid_parse("4a5e", txid, &e), TRC_ERR_PARSE);
	CHECK_INT(ops->txid_parse(NULL, txid, &e), TRC_ERR_PARSE);
}

TEST_MAIN({ "bech32_valid", t_bech32_valid },
	  { "bech32_invalid", t_bech32_invalid },
	  { "segwit_addr", t_segwit_addr }, { "base58", t_base58 },
	  { "base58check", t_base58check },
	  { "script_classes", t_script_classes },
	  { "wrong_network", t_wrong_network }, { "chain_ops", t_chain_ops })
