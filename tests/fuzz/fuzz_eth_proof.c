/*
 * libFuzzer harness: EIP-1186 account proofs (chains/eth/eth_proof.h).
 * Input: a 20-byte address, then nodes, each a 2-byte big-endian length
 * and its bytes. The root is the keccak of the first node, so that the
 * walk gets past it; a proof that verifies must give an account whose
 * fields are within their types (checked by re-verifying: same result).
 */
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "chains/eth/eth_proof.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nodes[ETH_PROOF_MAX_NODES + 1];
	size_t lens[ETH_PROOF_MAX_NODES + 1], n = 0, at = 20;
	uint8_t root[32];
	struct eth_account a, b;
	enum trc_err r1, r2;

	if (size < 20)
		return 0;
	while (at + 2 <= size && n <= ETH_PROOF_MAX_NODES) {
		size_t len = (size_t)data[at] << 8 | data[at + 1];

		at += 2;
		if (len > size - at)
			break;
		nodes[n] = data + at;
		lens[n++] = len;
		at += len;
	}
	if (n)
		hash_keccak256(root, nodes[0], lens[0]);
	else
		memset(root, 0, 32);
	r1 = eth_proof_account(root, data, nodes, lens, n, &a, NULL);
	r2 = eth_proof_account(root, data, nodes, lens, n, &b, NULL);
	if (r1 != r2 || (r1 == TRC_OK && memcmp(&a, &b, sizeof(a))))
		abort(); /* the verdict must not depend on anything else */
	return 0;
}
