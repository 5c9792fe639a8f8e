/*
 * eth_receipt.h - transaction receipts as a block commits to them: the
 * consensus encoding of a node's JSON receipt and the receipts root.
 *
 * Receipt encoding: RLP [status or post-state root, cumulativeGasUsed,
 * logsBloom, logs], logs = [[address, [topics...], data], ...]; a typed
 * transaction's receipt is its type byte followed by that RLP. The root
 * is the trie of rlp(index) -> encoding (chains/eth/eth_trie.h). Checking
 * it against the header's receiptsRoot is what makes a receipt's status
 * and logs (token transfers) trustworthy.
 */
#ifndef TRC_ETH_RECEIPT_H
#define TRC_ETH_RECEIPT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/* Caps for hostile receipts. */
#define ETH_RECEIPT_MAX_LOGS 100000u
#define ETH_RECEIPT_MAX_TOPICS 4u

/*
 * Appends the consensus encoding of receipt r (borrowed) of a transaction
 * of the given type. Out: *cumulative, its cumulativeGasUsed. Returns
 * TRC_ERR_PARSE naming the field (and the log index).
 */
enum trc_err eth_receipt_encode(const json_t *r, uint8_t type, struct buf *out,
				uint64_t *cumulative,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Out: root, the receipts root of the n receipts (a JSON array, borrowed)
 * whose transactions have types[0..n). Also checks that every receipt's
 * gasUsed is its cumulativeGasUsed less the one before (gasUsed itself is
 * not committed to). Returns TRC_ERR_PARSE naming the receipt and field,
 * TRC_ERR_VERIFY for a gasUsed that does not add up.
 */
enum trc_err eth_receipts_root(const json_t *receipts, const uint8_t *types,
			       size_t n, uint8_t root[32],
			       struct trc_error *err) TRC_WARN_UNUSED;

#endif
