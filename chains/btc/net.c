#include "chains/btc/net.h"

#include <string.h>

/*
 * Prefixes and heights from Bitcoin Core's chainparams.cpp (BIP34Height,
 * SegwitHeight) and bcoin 1.0.2's lib/protocol/networks.js (regtest:
 * pubkeyhash 0x3c, scripthash 0x26, privkey 0x5a, bech32 "rb", magic
 * 0xdab5bffa as Core's regtest; bip34height 100000000; segwit by
 * version bits, active from 432 = three 144-block windows).
 */
static const struct btc_network networks[] = {
	{ "main",
	  0x00,
	  0x05,
	  0x80,
	  "bc",
	  { { 0xf9, 0xbe, 0xb4, 0xd9 }, { 0 } },
	  0x1d00ffff,
	  227931,
	  481824,
	  NULL },
	{ "test",
	  0x6f,
	  0xc4,
	  0xef,
	  "tb",
	  { { 0x0b, 0x11, 0x09, 0x07 }, { 0 } },
	  0x1d00ffff,
	  21111,
	  834624,
	  NULL },
	{ "testnet4",
	  0x6f,
	  0xc4,
	  0xef,
	  "tb",
	  { { 0x1c, 0x16, 0x3f, 0x28 }, { 0 } },
	  0x1d00ffff,
	  1,
	  1,
	  NULL },
	{ "signet",
	  0x6f,
	  0xc4,
	  0xef,
	  "tb",
	  { { 0x0a, 0x03, 0xcf, 0x40 }, { 0 } },
	  0x1e0377ae,
	  1,
	  1,
	  NULL },
	{ "regtest",
	  0x6f,
	  0xc4,
	  0xef,
	  "bcrt",
	  { { 0xfa, 0xbf, 0xb5, 0xda }, { 0 } },
	  0x207fffff,
	  1,
	  0,
	  NULL },
	{ "bcoin-regtest",
	  0x3c,
	  0x26,
	  0x5a,
	  "rb",
	  { { 0xfa, 0xbf, 0xb5, 0xda }, { 0 } },
	  0x207fffff,
	  100000000,
	  432,
	  NULL },
};

static const struct {
	const char *alias;
	const char *name;
} aliases[] = {
	{ "testnet", "test" },
	{ "testnet3", "test" },
};

#define N_NETWORKS (sizeof(networks) / sizeof(networks[0]))

const struct btc_network *btc_network_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(aliases[i].alias, name))
			name = aliases[i].name;
	for (size_t i = 0; i < N_NETWORKS; i++)
		if (!strcmp(networks[i].name, name))
			return &networks[i];
	return NULL;
}

const struct btc_network *btc_network_at(size_t i)
{
	return i < N_NETWORKS ? &networks[i] : NULL;
}

const struct btc_network *btc_network_by_magic(const uint8_t m[4])
{
	static const uint8_t zero[4];

	if (!memcmp(m, zero, 4))
		return NULL;
	/* Core's regtest and bcoin's share a magic: the first one wins. */
	for (size_t i = 0; i < N_NETWORKS; i++)
		for (int k = 0; k < 2; k++)
			if (!memcmp(networks[i].magic[k], m, 4))
				return &networks[i];
	return NULL;
}

const char *btc_network_names(void)
{
	return "main, test, testnet4, signet, regtest, bcoin-regtest";
}
