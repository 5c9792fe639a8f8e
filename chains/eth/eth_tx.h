/*
 * eth_tx.h - Ethereum transactions of every type: decoding from raw bytes
 * and from a node's JSON object, canonical encoding, hashes, and sender
 * recovery.
 *
 *   type 0 legacy: RLP [nonce, gasPrice, gas, to, value, data, v, r, s];
 *                  v = 27/28 (pre-EIP-155) or chainId*2 + 35/36 (EIP-155)
 *   0x01 EIP-2930: 0x01 || RLP [chainId, nonce, gasPrice, gas, to, value,
 *                  data, accessList, yParity, r, s]
 *   0x02 EIP-1559: 0x02 || RLP [chainId, nonce, maxPriorityFeePerGas,
 *                  maxFeePerGas, gas, to, value, data, accessList, y, r, s]
 *   0x03 EIP-4844: as 0x02 plus maxFeePerBlobGas, blobVersionedHashes
 *                  before the signature; `to` is required
 *   0x04 EIP-7702: as 0x02 plus authorizationList
 *                  [[chainId, address, nonce, yParity, r, s], ...]
 *
 * System transactions, without a signature (eth_tx_is_system; which chain
 * has which is chains/eth/evm.h's table):
 *   0x7e OP-stack deposit: 0x7e || RLP [sourceHash, from, to, mint,
 *        value, gas, isSystemTx, data]; `from` is a field, not recovered
 *   0x6a Arbitrum internal (ArbOS): 0x6a || RLP [chainId, data]; from
 *        and to are ArbOS, 0x00..0a4b05
 *   Arbitrum's L1-message types (Nitro's core/types/arb_types.go), each
 *   type || RLP [fields] with `from` a field:
 *   0x64 deposit [chainId, requestId, from, to, value]
 *   0x65 unsigned [chainId, from, nonce, gasFeeCap, gas, to, value, data]
 *   0x66 contract [chainId, requestId, from, gasFeeCap, gas, to, value,
 *        data]
 *   0x68 retry [chainId, nonce, from, gasFeeCap, gas, to, value, data,
 *        ticketId, refundTo, maxRefund, submissionFeeRefund]
 *   0x69 submit-retryable [chainId, requestId, from, l1BaseFee,
 *        depositValue, gasFeeCap, gas, retryTo, retryValue, beneficiary,
 *        maxSubmissionFee, feeRefundAddr, retryData]
 *   (to / retryTo empty for a creation; 0x69 keeps retryTo, retryValue,
 *   retryData in to, value, data). 0x78 (Arbitrum Classic's legacy
 *   transactions, whose hash is an override, not defined by RLP) is
 *   refused with TRC_ERR_UNSUPPORTED (docs/chains.md).
 *
 * The hash is keccak-256 of the canonical encoding; the signing hash is
 * keccak-256 of the same fields without the signature (legacy EIP-155 adds
 * chainId, 0, 0). Decoding is strict (chains/eth/rlp.h), so re-encoding a
 * decoded transaction gives back the input bytes exactly.
 *
 * Ownership: struct eth_tx owns its arrays. ETH_TX_INIT / eth_tx_init make
 * an empty one; eth_tx_release frees everything (always safe after init).
 * A decoder must be given an empty (init or released) struct; on failure
 * it leaves it released.
 */
#ifndef TRC_ETH_TX_H
#define TRC_ETH_TX_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/buf.h"
#include "base/err.h"

/* Caps for hostile input (far above what a valid block could hold). */
#define ETH_TX_MAX_BYTES (16u << 20)
#define ETH_TX_MAX_ACCESS 100000u /* addresses + storage keys */
#define ETH_TX_MAX_BLOBS 1024u
#define ETH_TX_MAX_AUTH 100000u

#define ETH_TX_DEPOSIT 0x7eu	  /* OP-stack deposit */
#define ETH_TX_ARB_INTERNAL 0x6au /* Arbitrum ArbOS internal */
#define ETH_TX_ARB_DEPOSIT 0x64u  /* Arbitrum: ETH deposited from L1 */
#define ETH_TX_ARB_UNSIGNED 0x65u /* ... an L1 user's call */
#define ETH_TX_ARB_CONTRACT 0x66u /* ... an L1 contract's call */
#define ETH_TX_ARB_RETRY 0x68u	  /* ... a retryable's redeem */
#define ETH_TX_ARB_SUBMIT 0x69u	  /* ... a retryable's submission */

/* Mainnet's Homestead block: from here on s must be low (EIP-2). */
#define ETH_HOMESTEAD_MAINNET 1150000u

struct eth_access {
	uint8_t addr[20];
	size_t n_keys;
	uint8_t (*keys)[32];
};

struct eth_auth {
	trc_amount chain_id; /* uint256 in EIP-7702; 0 = any chain */
	uint8_t addr[20];
	uint64_t nonce;
	uint64_t y_parity;
	uint8_t r[32], s[32];
	/* computed by eth_tx_verify: an invalid authorization (high s, bad
	 * y parity, nothing recovers) does not invalidate its transaction,
	 * the EVM skips it, so it is reported rather than failed. */
	bool authority_ok;
	uint8_t authority[20];
};

struct eth_tx {
	uint8_t type;	   /* 0 .. 4, ETH_TX_DEPOSIT, ETH_TX_ARB_* */
	bool eip155;	   /* legacy: v carries a chain id */
	uint64_t chain_id; /* 0 for a pre-EIP-155 legacy transaction */
	uint64_t nonce;
	uint64_t gas;
	trc_amount gas_price;		 /* types 0 and 1 */
	trc_amount max_priority_fee;	 /* types 2, 3, 4 */
	trc_amount max_fee;		 /* types 2, 3, 4 */
	trc_amount max_fee_per_blob_gas; /* type 3 */
	bool has_to;			 /* false: contract creation */
	uint8_t to[20];
	trc_amount value;
	uint8_t *data;
	size_t data_len;
	struct eth_access *access;
	size_t n_access;
	uint8_t (*blob_hashes)[32];
	size_t n_blob_hashes;
	struct eth_auth *auth;
	size_t n_auth;
	trc_amount v; /* legacy: v as signed; typed: the y parity */
	uint8_t r[32], s[32];
	/* system transactions: the sender is a field (0x7e) or ArbOS */
	uint8_t sys_from[20];
	uint8_t source_hash[32]; /* 0x7e: what on L1 made the deposit */
	trc_amount mint;	 /* 0x7e: wei minted to from on L2 */
	bool is_system_tx;	 /* 0x7e: isSystemTx (pre-Regolith) */
	/* Arbitrum 0x64 .. 0x69 (sys_from is `from`) */
	uint8_t request_id[32];	 /* requestId; 0x68: ticketId */
	trc_amount gas_fee_cap;	 /* gasFeeCap (JSON maxFeePerGas) */
	uint8_t refund_to[20];	 /* 0x68 refundTo, 0x69 feeRefundAddr */
	uint8_t beneficiary[20]; /* 0x69 */
	trc_amount max_refund, submission_fee_refund;		   /* 0x68 */
	trc_amount l1_base_fee, deposit_value, max_submission_fee; /* 0x69 */

	/* What a JSON object claimed (eth_tx_from_json). */
	bool has_block_number; /* blockNumber: mined, not pending */
	uint64_t block_number;
	bool has_claimed_hash, has_claimed_from;
	uint8_t claimed_hash[32], claimed_from[20];

	/* Computed by eth_tx_verify. */
	uint8_t hash[32];
	uint8_t sighash[32];
	uint8_t from[20];
	bool hash_ok; /* hash equals the claimed hash (true if none) */
	bool from_ok; /* from equals the claimed from (true if none) */
};

#define ETH_TX_INIT                                                            \
	{                                                                      \
		0                                                              \
	}

void eth_tx_init(struct eth_tx *tx);
void eth_tx_release(struct eth_tx *tx);

/*
 * Decodes a raw transaction as eth_getRawTransactionByHash returns it and
 * as a block's transactions trie holds it. Returns TRC_ERR_PARSE naming
 * the field and byte offset, TRC_ERR_UNSUPPORTED for an unknown type,
 * TRC_ERR_TOOBIG past the caps.
 */
enum trc_err eth_tx_decode(struct eth_tx *tx, const uint8_t *p, size_t len,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Reads a node's JSON transaction object (borrowed): the fields that the
 * encoding needs, plus `hash` and `from` as claims to check. Legacy
 * transactions without `chainId` (as some providers send them) take it
 * from v. Returns TRC_ERR_PARSE naming the field.
 */
enum trc_err eth_tx_from_json(struct eth_tx *tx, const json_t *obj,
			      struct trc_error *err) TRC_WARN_UNUSED;

/* Appends the canonical encoding (typed: type byte || RLP) to out. */
enum trc_err eth_tx_encode(const struct eth_tx *tx, struct buf *out,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Computes hash and signing hash, recovers the sender and every
 * authority, and compares with what the JSON object claimed (hash_ok,
 * from_ok). high_s_ok allows s in the upper half: only for transactions
 * in blocks before Homestead. Returns TRC_ERR_VERIFY for a signature that
 * is invalid (bad v / y parity, high s, r or s out of range, no key
 * recovers); a hash or from that differs from the claim is not an error
 * here, it is reported in hash_ok / from_ok for the caller to judge.
 */
enum trc_err eth_tx_verify(struct eth_tx *tx, bool high_s_ok,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Whether s may be high: a legacy pre-EIP-155 transaction that the JSON
 * object places in a mainnet block before Homestead (chain_id 1 or 0 =
 * unknown, taken as mainnet).
 */
bool eth_tx_frontier(const struct eth_tx *tx, uint64_t chain_id);

/* True for a transaction without a signature (0x7e, 0x6a, Arbitrum's
 * 0x64 .. 0x69): a system transaction whose hash is verified and whose
 * sender is a field. */
bool eth_tx_is_system(const struct eth_tx *tx);

/* "legacy", "eip2930", "eip1559", "eip4844", "eip7702", "deposit",
 * "arbitrum-internal". */
const char *eth_tx_type_name(uint8_t type);

#endif
