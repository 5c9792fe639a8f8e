/*
 * eth_flow.h - the value movements of Ethereum transactions and blocks as
 * chain-neutral records (store/record.h): what the crawler stores and the
 * graph engine follows.
 *
 * Every rec_tx: chain CHAIN_ETH, txid = the 32-byte transaction hash,
 * height = block number, position = index in the block, time = block
 * timestamp, fee = what the sender paid, REC_TX_FAILED when the receipt's
 * status is 0. Its legs (addresses and token contracts in EIP-55 form,
 * asset NULL = ETH, zero amounts left out):
 *   LEG_FEE       sender -> NULL: gasUsed * effectiveGasPrice, plus
 *                 blobGasUsed * blobGasPrice for blob transactions; also
 *                 for failed transactions
 *   LEG_NATIVE    sender -> to (or the created contract): the value, only
 *                 when the transaction succeeded
 *   LEG_INTERNAL  value moved by CALL, CREATE, CREATE2 and SELFDESTRUCT
 *                 frames below the top frame of a callTracer tree (or the
 *                 matching Parity traces); a frame with an error moves
 *                 nothing and neither do its descendants; DELEGATECALL,
 *                 STATICCALL and CALLCODE move nothing (CALLCODE's value
 *                 stays with the caller, as the EVM does)
 *   LEG_TOKEN     an ERC-20 Transfer log: topic0 = keccak of
 *                 Transfer(address,address,uint256), exactly 3 topics and
 *                 32 bytes of data (ERC-721, with a 4th topic, is not an
 *                 amount); asset = the log's contract; removed logs and
 *                 logs of failed transactions are ignored
 * A block's withdrawals (EIP-4895, gwei converted to wei) and, from Parity
 * traces, its block and uncle rewards go into one block-level rec_tx:
 * txid = keccak-256("tracer:eth:block-rewards" || block hash), position =
 * the block's transaction count, flag REC_TX_COINBASE, legs
 * LEG_WITHDRAWAL / LEG_REWARD from NULL.
 */
#ifndef TRC_ETH_FLOW_H
#define TRC_ETH_FLOW_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "chains/eth/eth_block.h"
#include "chains/eth/eth_tx.h"
#include "store/record.h"

struct evm_chain; /* chains/eth/evm.h */

/* Caps for hostile traces: call frames per transaction, nesting depth. */
#define ETH_FLOW_MAX_FRAMES 1000000u
#define ETH_FLOW_MAX_DEPTH 1100u

/* What a node sent for one block; every json_t is borrowed. */
struct eth_block_input {
	/* eth_getBlockByNumber(n, true) result (required) */
	const json_t *block;
	/* the receipts, in block order: eth_getBlockBlockReceipts, or the
	 * eth_getTransactionReceipt results collected in an array
	 * (required when the block has transactions) */
	const json_t *receipts;
	/* debug_traceBlockByNumber(n, {tracer: "callTracer"}) result: an
	 * array of {txHash?, result} in block order; NULL when the node has
	 * no debug API (then there are no internal transfers) */
	const json_t *call_traces;
	/* trace_block(n) result (Parity style); used when call_traces is
	 * NULL; also gives block and uncle rewards */
	const json_t *parity_traces;
	/* uncle headers (eth_getUncleByBlockHashAndIndex results) in order,
	 * or NULL: then sha3Uncles is not checked */
	const json_t *uncles;
	/* the chain id expected of every transaction that names one; 0
	 * accepts any */
	uint64_t chain_id;
	/* the chain of the family (chains/eth/evm.h): its header layout,
	 * transaction types, fee rules and the records' chain byte; NULL:
	 * Ethereum */
	const struct evm_chain *evm;
	const char *source; /* for provenance; copied; may be NULL */
	int64_t fetched_at; /* seconds since 1970 UTC */
};

/* A verified block and its records. */
struct eth_block_records {
	struct rec_block block;
	struct rec_tx *txs; /* n_txs records: the transactions in order,
			       then the block-level record if any */
	size_t n_txs;
	uint8_t state_root[32]; /* the verified header's, for proofs */
};

#define ETH_BLOCK_RECORDS_INIT                                                 \
	{                                                                      \
		REC_BLOCK_INIT, NULL, 0,                                       \
		{                                                              \
			0                                                      \
		}                                                              \
	}

void eth_block_records_release(struct eth_block_records *r);

/*
 * Verifies the block (header hash, transactions root, every transaction's
 * hash and sender, withdrawals root, receipts root and gas figures
 * (chains/eth/eth_receipt.h), uncles when given, chain ids), and
 * builds its records from the receipts and traces. out must be empty
 * (INIT or released); on failure it is left empty: nothing half-built.
 * Returns TRC_ERR_VERIFY for data that does not verify, TRC_ERR_PARSE for
 * malformed data, each naming the block number, the transaction hash and
 * the field.
 */
enum trc_err eth_block_records(const struct eth_block_input *in,
			       struct eth_block_records *out,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The record of one verified transaction (eth_tx_verify done) in block
 * `height` at `position`: its receipt (required), its callTracer top
 * frame (or NULL), or its Parity traces (an array holding at least this
 * transaction's entries, or NULL). base_fee is the block's (NULL before
 * London), used when the receipt has no effectiveGasPrice. out must be
 * empty; left empty on failure.
 */
enum trc_err eth_tx_record(const struct eth_tx *tx, const json_t *receipt,
			   const json_t *call_frame,
			   const json_t *parity_traces, uint32_t height,
			   uint32_t position, int64_t time,
			   const trc_amount *base_fee, struct rec_tx *out,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The same on chain c of the EVM family (chains/eth/evm.h; NULL:
 * Ethereum), without traces: c's fee rule applies (the OP stack adds the
 * receipt's l1Fee to the fee and sets REC_TX_FEE_ASSERTED).
 */
struct evm_chain;
enum trc_err evm_tx_record(const struct evm_chain *c, const struct eth_tx *tx,
			   const json_t *receipt, uint32_t height,
			   uint32_t position, int64_t time,
			   const trc_amount *base_fee, struct rec_tx *out,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Appends the internal transfers of a callTracer tree (the top frame of a
 * transaction) to tx as LEG_INTERNAL legs. Exposed for tests and for a
 * crawler that fetches traces per transaction.
 */
enum trc_err eth_flow_call_frames(struct rec_tx *tx, const json_t *top,
				  struct trc_error *err) TRC_WARN_UNUSED;

/* Appends the LEG_TOKEN legs of a receipt's logs (an array) to tx. */
enum trc_err eth_flow_token_logs(struct rec_tx *tx, const json_t *logs,
				 const uint8_t txhash[32],
				 struct trc_error *err) TRC_WARN_UNUSED;

#endif
