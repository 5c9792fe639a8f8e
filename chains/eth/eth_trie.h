/*
 * eth_trie.h - the root of a Merkle Patricia trie whose keys are rlp(i)
 * for i = 0 .. n-1: how a block commits to its transactions, receipts and
 * withdrawals (the value at key rlp(i) is the i-th item's encoding; a
 * typed transaction's is its type byte followed by its RLP payload).
 */
#ifndef TRC_ETH_TRIE_H
#define TRC_ETH_TRIE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* keccak-256 of rlp(""): the root of an empty trie. */
extern const uint8_t ETH_EMPTY_TRIE_ROOT[32];

/*
 * Out: root, the trie root of the n values (vals[i], lens[i]); borrowed.
 * Returns TRC_ERR_NOMEM, or TRC_ERR_TOOBIG past 16M items.
 */
enum trc_err eth_trie_root_list(uint8_t root[32], const uint8_t *const *vals,
				const size_t *lens, size_t n,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
