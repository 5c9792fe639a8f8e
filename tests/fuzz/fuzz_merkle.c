/*
 * fuzz_merkle - Esplora merkle-proof verification on arbitrary proofs:
 * the input is a txid (32 bytes), a position (4 bytes, little-endian) and
 * then the branch as text, one hash per line. Whatever verifies against
 * the root recomputed from the branch must also verify by
 * btc_merkle_branch_root, and a proof never verifies against another root.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chains/btc/block.h"
#include "chains/btc/src.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_BRANCH 40 /* past the verifier's limit of 32 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[MAX_BRANCH * 80], *save = NULL;
	const char *hashes[MAX_BRANCH];
	uint8_t branch[MAX_BRANCH][32], root[32], other[32];
	size_t n = 0, len;
	uint32_t pos;
	struct trc_error e = TRC_ERROR_INIT;

	if (size < 36 || size - 36 >= sizeof(text))
		return 0;
	memcpy(&pos, data + 32, 4);
	len = size - 36;
	memcpy(text, data + 36, len);
	text[len] = '\0';
	for (char *t = strtok_r(text, "\n", &save); t && n < MAX_BRANCH;
	     t = strtok_r(NULL, "\n", &save))
		hashes[n++] = t;
	/* the root the branch claims, when every hash is one */
	for (size_t i = 0; i < n; i++)
		if (!btc_src_hash_parse(hashes[i], branch[i]))
			goto not_hashes;
	btc_merkle_branch_root(root, data, (const uint8_t(*)[32])branch, n,
			       pos);
	if (btc_merkle_proof_verify(data, hashes, n, pos, root, &e) !=
	    (n > 32 || (n < 32 && pos >> n) ? TRC_ERR_PARSE : TRC_OK))
		abort(); /* too long, or pos outside the branch: refused */
	memcpy(other, root, 32);
	other[0] ^= 1;
	if (!btc_merkle_proof_verify(data, hashes, n, pos, other, &e))
		abort();
	return 0;
not_hashes:
	if (!btc_merkle_proof_verify(data, hashes, n, pos, root, &e) ||
	    !e.msg[0])
		abort();
	return 0;
}
