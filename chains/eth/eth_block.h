/*
 * eth_block.h - an Ethereum block from a node's JSON
 * (eth_getBlockByNumber(n, true), or an uncle header from
 * eth_getUncleByBlockHashAndIndex): the header hash recomputed from the
 * header fields, every transaction decoded and verified, the transactions
 * root and the withdrawals root recomputed.
 *
 * Header shapes, decided by the fields present (each one needs all
 * before it): Frontier..Berlin (15 fields), London + baseFeePerGas,
 * Shanghai + withdrawalsRoot, Cancun + blobGasUsed, excessBlobGas,
 * parentBeaconBlockRoot, Prague + requestsHash. The EVM chains of the
 * family (chains/eth/evm.h) hash go-ethereum's list too, except Avalanche
 * (coreth): the 15 fields, extDataHash, then baseFeePerGas,
 * extDataGasUsed, blockGasCost, blobGasUsed, excessBlobGas,
 * parentBeaconBlockRoot; its blockExtraData must hash (keccak of its RLP)
 * to extDataHash. The *_evm functions take the chain (NULL: Ethereum),
 * which also decides the transaction types a block may hold.
 *
 * Ownership: struct eth_block owns its arrays; ETH_BLOCK_INIT or
 * eth_block_init, then eth_block_release (always safe).
 */
#ifndef TRC_ETH_BLOCK_H
#define TRC_ETH_BLOCK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/buf.h"
#include "base/err.h"
#include "chains/eth/eth_tx.h"

struct evm_chain; /* chains/eth/evm.h */

#define ETH_BLOCK_MAX_TXS 100000u
#define ETH_BLOCK_MAX_WITHDRAWALS 100000u
#define ETH_BLOCK_MAX_UNCLES 16u

struct eth_withdrawal {
	uint64_t index;
	uint64_t validator;
	uint8_t addr[20];
	uint64_t amount_gwei;
};

struct eth_block {
	const struct evm_chain *evm; /* the chain's rules: static, never NULL
					after eth_block_from_json_evm */
	uint64_t number;
	uint64_t timestamp;
	uint8_t parent[32];
	uint8_t miner[20];
	const char *shape; /* "frontier", "london", "shanghai", "cancun",
			      "prague": static */
	bool has_base_fee;
	trc_amount base_fee;

	/* claimed by the node */
	bool has_claimed_hash;
	uint8_t claimed_hash[32];
	uint8_t tx_root[32];
	uint8_t state_root[32]; /* bound by the header hash */
	uint8_t receipts_root[32];
	uint8_t uncles_hash[32];
	bool has_withdrawals_root;
	uint8_t withdrawals_root[32];
	bool has_ext_data;	/* Avalanche: extDataHash */
	bool has_ext_data_body; /* ... and blockExtraData was sent */
	uint8_t ext_data_hash[32];
	uint8_t ext_data_hash_calc[32];
	bool ext_data_ok; /* the body hashes to extDataHash (or none sent) */

	/* computed */
	uint8_t hash[32];
	uint8_t tx_root_calc[32];
	uint8_t withdrawals_root_calc[32];
	bool header_hash_ok;	  /* hash equals the claimed hash */
	bool tx_root_checked;	  /* full transactions (or none) were sent */
	bool tx_root_ok;	  /* only meaningful when tx_root_checked */
	bool withdrawals_root_ok; /* only when withdrawals were sent */
	bool uncles_ok;		  /* set by eth_block_check_uncles */

	bool has_txs;  /* the object had a 'transactions' list */
	bool txs_full; /* transactions were objects, not hashes */
	size_t n_txs;  /* with txs_full: decoded in txs[] */
	struct eth_tx *txs;
	bool has_withdrawals;
	size_t n_withdrawals;
	struct eth_withdrawal *withdrawals;
	size_t n_uncles;
	uint8_t (*uncles)[32];
};

#define ETH_BLOCK_INIT                                                         \
	{                                                                      \
		0                                                              \
	}

void eth_block_init(struct eth_block *b);
void eth_block_release(struct eth_block *b);

/*
 * Reads a block (or header) object: header fields, its transactions
 * (full objects, or only hashes), withdrawals and uncle hashes. obj is
 * borrowed. Returns TRC_ERR_PARSE naming the block number and the field
 * (for a transaction, its index and hash too).
 */
enum trc_err eth_block_from_json(struct eth_block *b, const json_t *obj,
				 struct trc_error *err) TRC_WARN_UNUSED;
/* The same with chain c's header layout and rules (NULL: Ethereum). */
enum trc_err eth_block_from_json_evm(struct eth_block *b, const json_t *obj,
				     const struct evm_chain *c,
				     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Computes the header hash, verifies every transaction (hash, sender:
 * eth_tx_verify; s may be high only before mainnet Homestead), and
 * recomputes the transactions and withdrawals roots, setting the *_ok
 * flags. Returns TRC_ERR_VERIFY only for a transaction whose signature is
 * invalid; a hash or root that differs is reported in the flags for the
 * caller (eth_block_require_ok turns them into an error).
 */
enum trc_err eth_block_verify(struct eth_block *b,
			      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * TRC_ERR_VERIFY naming the block, and the transaction and field where
 * one is at fault, unless every check that could be made passed: header
 * hash, transactions root (full blocks), withdrawals root, and every
 * transaction's hash and from (and Avalanche's extDataHash).
 */
enum trc_err eth_block_require_ok(const struct eth_block *b,
				  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Checks uncle headers (a JSON array of header objects, in the order of
 * the block's `uncles`): each hashes to its entry, and keccak(RLP(list of
 * their headers)) equals sha3Uncles. Sets b->uncles_ok. Returns
 * TRC_ERR_PARSE for a malformed header or a count that differs.
 */
enum trc_err eth_block_check_uncles(struct eth_block *b, const json_t *uncles,
				    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The header's RLP encoding from a block or header object. Out: rlp
 * (appended), hash = keccak-256 of it, *shape. Returns TRC_ERR_PARSE
 * naming the field.
 */
enum trc_err eth_header_encode(const json_t *obj, struct buf *rlp,
			       uint8_t hash[32], const char **shape,
			       struct trc_error *err) TRC_WARN_UNUSED;
/* The same with chain c's header layout (NULL: Ethereum). */
enum trc_err eth_header_encode_evm(const json_t *obj, const struct evm_chain *c,
				   struct buf *rlp, uint8_t hash[32],
				   const char **shape,
				   struct trc_error *err) TRC_WARN_UNUSED;

#endif
