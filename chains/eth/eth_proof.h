/*
 * eth_proof.h - EIP-1186 account proofs (eth_getProof's accountProof):
 * the path of Merkle Patricia trie nodes from a state root to the account
 * at key keccak-256(address), checked node by node (each node's keccak is
 * the hash its parent names; a node under 32 bytes is embedded in its
 * parent), ending in the account's RLP [nonce, balance, storageRoot,
 * codeHash] or in a proof that no account is at that key.
 *
 * The state root must come from a verified block header (eth_block.h):
 * then a node cannot lie about a proven balance, nonce or code hash.
 */
#ifndef TRC_ETH_PROOF_H
#define TRC_ETH_PROOF_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

/* Caps for hostile proofs: nodes per proof, bytes per node. */
#define ETH_PROOF_MAX_NODES 64u
#define ETH_PROOF_MAX_NODE 1024u

/* keccak-256 of the empty string: the code hash of an account without
 * code. */
extern const uint8_t ETH_EMPTY_CODE_HASH[32];

struct eth_account {
	bool exists; /* false: proven absent (all below zero or
			empty) */
	uint64_t nonce;
	trc_amount balance; /* wei */
	uint8_t storage_root[32];
	uint8_t code_hash[32];
};

/*
 * Verifies the n proof nodes (nodes[i], lens[i], borrowed) for address
 * against root. Out: *acct (the proven account or its absence), zeroed
 * first. TRC_ERR_VERIFY when a node's hash is not the one its parent
 * names, nodes are left over, or the path ends without a verdict;
 * TRC_ERR_PARSE for a malformed node; TRC_ERR_TOOBIG past the caps.
 */
enum trc_err eth_proof_account(const uint8_t root[32],
			       const uint8_t address[20],
			       const uint8_t *const *nodes, const size_t *lens,
			       size_t n, struct eth_account *acct,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Checks an eth_getProof result (borrowed): its address is address, its
 * accountProof verifies against root, and the fields it claims (balance,
 * nonce, codeHash, storageHash) are the proven ones. Out: *acct.
 * Errors as eth_proof_account, naming the address and the field.
 */
enum trc_err eth_proof_check_json(const json_t *result, const uint8_t root[32],
				  const uint8_t address[20],
				  struct eth_account *acct,
				  struct trc_error *err) TRC_WARN_UNUSED;

#endif
