/*
 * evm.h - the EVM family's per-chain parameters: Ethereum and the EVM
 * chains stored as chains of their own (BNB Smart Chain, Polygon PoS,
 * Avalanche C-Chain, Arbitrum One, OP Mainnet, Base). One adapter
 * (chains/eth) serves them all; what differs is in this table: the stored
 * chain byte, the native asset, the networks and their chain ids, the
 * header layout, the transaction types that exist only there and the fee
 * rules (docs/chains.md).
 *
 * The table is static and read-only; nothing here allocates.
 */
#ifndef TRC_EVM_H
#define TRC_EVM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

/* How a chain's header is hashed. */
enum evm_header {
	/* go-ethereum's field list (bsc, bor, nitro and op-geth share it):
	 * 15 fields, then baseFeePerGas, withdrawalsRoot, blobGasUsed,
	 * excessBlobGas, parentBeaconBlockRoot, requestsHash as present */
	EVM_HEADER_GETH = 0,
	/* coreth (Avalanche C-Chain): the 15 fields, extDataHash, then
	 * baseFeePerGas, extDataGasUsed, blockGasCost, blobGasUsed,
	 * excessBlobGas, parentBeaconBlockRoot as present */
	EVM_HEADER_CORETH = 1,
};

/* What the fee legs hold beyond gasUsed * effectiveGasPrice. */
enum evm_fees {
	EVM_FEES_PLAIN = 0, /* Ethereum, BSC, Polygon, Avalanche, Arbitrum
			       (Arbitrum's gasUsedForL1 is inside gasUsed) */
	EVM_FEES_OP_L1 = 1, /* OP stack: plus the receipt's l1Fee (the L1
			       data fee), node-asserted */
};

/* Transaction types beyond Ethereum's 0..4 (chains/eth/eth_tx.h). */
#define EVM_TX_OP_DEPOSIT 0x01u /* 0x7e, the OP-stack deposit */
#define EVM_TX_ARBITRUM 0x02u	/* 0x64..0x6a and 0x78 */

struct evm_network {
	const char *name; /* "main", "testnet", "anvil" */
	uint64_t chain_id;
};

struct evm_chain {
	uint8_t chain;	   /* enum trc_chain (store/record.h) */
	const char *name;  /* the --chain value: "bsc" */
	const char *title; /* "BNB Smart Chain" */
	const char *asset; /* "BNB" */
	/* the networks, main first, ended by a NULL name */
	const struct evm_network *networks;
	enum evm_header header;
	enum evm_fees fees;
	unsigned tx_types; /* EVM_TX_* bits */
	/* s may be high in transactions before mainnet Homestead (only
	 * Ethereum had a Frontier) */
	bool frontier;
	/* OP stack: withdrawalsRoot is not a trie of withdrawals (there are
	 * none) but, since Isthmus, the L2ToL1MessagePasser's storage root:
	 * hashed in the header, not recomputed */
	bool withdrawals_root_is_state;
};

/* Ethereum's entry (never NULL). */
const struct evm_chain *evm_chain_eth(void);

/* The entry of a stored chain byte; NULL for a chain outside the family. */
const struct evm_chain *evm_chain_by_id(uint8_t chain);

/*
 * Maps a network name of chain c to its chain id: a name from c's list,
 * or "chainid:N" (N decimal, 1 .. 2^63-1) for any other network of the
 * same chain (a private test net). Out: *chain_id (may be NULL to only
 * validate). Returns TRC_ERR_PARSE naming the known networks.
 */
enum trc_err evm_network_chain_id(const struct evm_chain *c,
				  const char *network, uint64_t *chain_id,
				  struct trc_error *err) TRC_WARN_UNUSED;

/* The name of c's network with chain_id ("main", ...) or NULL. */
const char *evm_network_name(const struct evm_chain *c, uint64_t chain_id);

/* True when transaction type `type` exists on c. */
bool evm_tx_type_allowed(const struct evm_chain *c, uint8_t type);

#endif
