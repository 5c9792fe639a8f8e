/*
 * demo_gen.h - the sample incident of `tracer demo`: a small Bitcoin
 * regtest chain written as a Bitcoin Core blk file, deterministic to the
 * byte (fixed keys, amounts and times; no randomness, no clock).
 *
 * The chain starts at the real regtest genesis block and tells one story
 * (docs/demo.md): a victim exchange's hot wallet is drained into a hacker
 * address; the hacker splits the coins; one part goes down a peel chain
 * that drops deposits at two exchanges and leaves the rest unspent;
 * another part is merged with clean coins and sent to an exchange's hot
 * wallet; a third is split again and walked through a chain of fresh
 * addresses longer than the case's hop limit. Six empty blocks follow, so
 * that every incident block has six confirmations.
 *
 * Blocks meet the regtest target 0x207fffff (the nonce is ground, which
 * takes a few tries). Scripts are real P2PKH / P2WPKH of fixed 20-byte
 * key hashes, but inputs carry no signatures: tracer verifies txids,
 * merkle roots, proof of work and parent links, not scripts, and the
 * chain is a teaching sample, not one a node would accept.
 */
#ifndef TRC_DEMO_GEN_H
#define TRC_DEMO_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define DEMO_NETWORK "regtest"
#define DEMO_START_TIME 1709251200 /* 2024-03-01T00:00:00Z */
#define DEMO_BLOCK_SPACING 21600   /* six hours */

/* A wallet of the story: one fixed key hash, and its tag if any. */
struct demo_wallet {
	const char *name;     /* "hacker", "exchange_a_deposit_1", ... */
	bool segwit;	      /* P2WPKH, else P2PKH */
	const char *entity;   /* tag entity, NULL: untagged */
	const char *category; /* tag category name */
};

/* The wallets, ended by an entry whose name is NULL. */
extern const struct demo_wallet demo_wallets[];

/* Where a wallet first received coins in the generated chain. */
struct demo_outpoint {
	uint8_t txid[32]; /* internal byte order */
	uint32_t vout;
	uint32_t height;
};

struct demo_chain {
	uint32_t blocks; /* genesis included */
	uint32_t txs;
	struct demo_outpoint *first; /* per wallet, demo_wallets order */
	size_t n_wallets;
};

#define DEMO_CHAIN_INIT                                                        \
	{                                                                      \
		0, 0, NULL, 0                                                  \
	}

void demo_chain_release(struct demo_chain *c);

/*
 * Writes the chain to path as a blk file (regtest magic, length, block),
 * replacing it. Out: *c (the outpoints where each wallet first received).
 */
enum trc_err demo_gen_write(const char *path, struct demo_chain *c,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* Index of wallet name in demo_wallets, or -1. */
int demo_wallet_index(const char *name);

#endif
