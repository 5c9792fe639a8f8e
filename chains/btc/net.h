/*
 * net.h - the Bitcoin networks tracer knows: address prefixes, block-file
 * magic and proof-of-work limit, in one table.
 *
 * Names: "main", "test" (testnet3), "testnet4" (the same address
 * prefixes as testnet3, but another chain with its own consensus
 * heights), "signet", "regtest" (Bitcoin Core) and "bcoin-regtest" (bcoin
 * 1.0.2's regtest, whose address prefixes differ from Core's). "testnet"
 * and "testnet3" are accepted as aliases of "test".
 *
 * Consensus rules apply from their activation heights, as in Bitcoin
 * Core's chainparams.cpp (bcoin's networks.js for bcoin-regtest): a block
 * below bip34_height need not start its coinbase with its height, and a
 * block below segwit_height may carry a witness commitment that nothing
 * checks but no witness data. BIP341 (taproot) is not listed: tracer
 * does not run scripts, so no rule of it is checked.
 * The returned tables are static and never freed.
 */
#ifndef TRC_BTC_NET_H
#define TRC_BTC_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct btc_network {
	const char *name;	 /* canonical name, "main" */
	uint8_t p2pkh;		 /* base58check version of P2PKH addresses */
	uint8_t p2sh;		 /* base58check version of P2SH addresses */
	uint8_t wif;		 /* version of private keys (not used here) */
	const char *hrp;	 /* bech32 human-readable part, "bc"; NULL
				    on a chain without segwit (fork.h) */
	uint8_t magic[2][4];	 /* block-file / wire magic bytes as on disk;
				    a second one or zeros (unused today) */
	uint32_t pow_limit_bits; /* the easiest target, compact form */
	uint32_t bip34_height;	 /* BIP34: coinbase starts with the height */
	uint32_t segwit_height;	 /* BIP141/143: witness data, commitment */
	const char *cashaddr;	 /* Bitcoin Cash: the CashAddr prefix its
				    P2PKH and P2SH outputs are shown in
				    ("bitcoincash"); NULL: base58 */
};

/* NULL for an unknown name; aliases resolve to their canonical entry. */
const struct btc_network *btc_network_find(const char *name);
/* The i-th network of the table (main first), NULL past the last. */
const struct btc_network *btc_network_at(size_t i);
/* The network whose magic is m (4 bytes), or NULL. */
const struct btc_network *btc_network_by_magic(const uint8_t m[4]);
/* "main, test, testnet4, signet, regtest, bcoin-regtest", for messages. */
const char *btc_network_names(void);

#endif
