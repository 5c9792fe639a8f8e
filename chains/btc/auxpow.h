/*
 * auxpow.h - Dogecoin's merged-mining proof (AuxPoW), as Dogecoin Core's
 * auxpow.{h,cpp} serialise and check it. A header whose version has bit
 * 0x100 is followed by: the parent chain's coinbase transaction, a block
 * hash (unused), the coinbase's merkle branch (count, hashes, index) up to
 * the parent header's merkle root, the chain merkle branch (count,
 * hashes, index) from this block's hash to the root committed in the
 * parent coinbase, and the parent's 80-byte header.
 *
 * btc_auxpow_verify checks, naming the field that fails: the coinbase
 * index is 0 (a generate), the parent is not of this chain's id, the
 * chain branch is at most 30 long, the coinbase branch leads to the
 * parent's merkle root, the parent coinbase's scriptSig carries the chain
 * merkle root (after one 0xfabe6d6d prefix, or within its first 20 bytes
 * without one) followed by the tree size (1 << branch length) and a nonce
 * whose expected slot is the chain index, and the parent header's scrypt
 * hash meets this block's target.
 */
#ifndef TRC_BTC_AUXPOW_H
#define TRC_BTC_AUXPOW_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "chains/btc/fork.h"
#include "chains/btc/tx.h"

#define BTC_AUXPOW_VERSION_BIT 0x100
#define BTC_AUXPOW_BRANCH_MAX 30

struct btc_auxpow {
	struct btc_tx coinbase; /* the parent's coinbase (borrows) */
	uint8_t cb_branch[BTC_AUXPOW_BRANCH_MAX][32];
	uint32_t n_cb_branch, cb_index;
	uint8_t chain_branch[BTC_AUXPOW_BRANCH_MAX][32];
	uint32_t n_chain_branch, chain_index;
	uint8_t parent[80]; /* the parent block's header */
	size_t size;	    /* bytes of the proof (after the 80-byte header) */
};

/*
 * Parses the proof at p (len bytes available: the header's 80 bytes come
 * first, so p points after them); out: a->size bytes used. The coinbase
 * borrows from p. TRC_ERR_PARSE naming the field and offset.
 * Release with btc_auxpow_release.
 */
enum trc_err btc_auxpow_parse(struct btc_auxpow *a, const uint8_t *p,
			      size_t len,
			      struct trc_error *err) TRC_WARN_UNUSED;
void btc_auxpow_release(struct btc_auxpow *a);

/* Dogecoin Core's getExpectedIndex: the slot of chain_id in a tree of
 * 2^h leaves for the merge-mining nonce. */
uint32_t btc_auxpow_expected_index(uint32_t nonce, uint32_t chain_id,
				   unsigned h);

/*
 * Checks the proof a for the 80-byte header (whose hash it must commit
 * to, and whose bits the parent's work must meet). TRC_ERR_VERIFY naming
 * the block and the field.
 */
enum trc_err btc_auxpow_verify(const struct btc_fork *f,
			       const struct btc_auxpow *a,
			       const uint8_t header[80],
			       struct trc_error *err) TRC_WARN_UNUSED;

#endif
