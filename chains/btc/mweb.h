/*
 * mweb.h - Litecoin's MWEB (LIP-0002, LIP-0003) as far as tracer reads
 * it: a block ending in the HogEx (the integrating transaction, flag
 * 0x08 with no MWEB body) followed by the extension block, whose
 * structure (header, inputs, outputs, kernels: Litecoin Core's libmw
 * models) is parsed to skip it exactly and to read the pegs. Nothing of
 * MWEB's confidential side (commitments, range proofs, signatures) is
 * verified; what binds it to the canonical block is (btc_mweb_verify).
 *
 * Sources: Litecoin Core src/primitives/transaction.h (the MWEB flag),
 * src/mweb/mweb_models.h (the optional extension block),
 * src/libmw/include/mw/models (block/Header.h, tx/TxBody.h, Input.h,
 * Output.h, Kernel.h, PegOutCoin.h, crypto/RangeProof.h: 675 bytes),
 * mw/crypto/Hasher.h (BLAKE3 of the serialisation).
 */
#ifndef TRC_BTC_MWEB_H
#define TRC_BTC_MWEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "chains/btc/tx.h"

struct btc_block;

struct btc_mweb_pegin {
	uint8_t kernel_id[32]; /* BLAKE3 of the kernel */
	uint64_t value;
};

struct btc_mweb_pegout {
	uint64_t value;
	struct btc_bytes script; /* borrowed from the block's bytes */
};

/* What a block's MWEB part says. BTC_MWEB_INIT; btc_mweb_release is
 * always safe after it. */
struct btc_mweb {
	bool present;	  /* the block ends with a HogEx */
	uint8_t hash[32]; /* BLAKE3 of the extension block's header */
	uint32_t height;  /* the header's height */
	uint64_t n_inputs, n_outputs, n_kernels;
	uint32_t n_pegins, n_pegouts;
	struct btc_mweb_pegin *pegins;	 /* peg-in kernels, in order */
	struct btc_mweb_pegout *pegouts; /* kernels' peg-outs, in order */
	size_t ext_size;		 /* bytes of the extension block */
};

#define BTC_MWEB_INIT                                                          \
	{                                                                      \
		0                                                              \
	}

void btc_mweb_release(struct btc_mweb *m);

/*
 * Reads raw (a whole block of len bytes, header first). When a
 * transaction carries the MWEB flag it must be the last, not the
 * coinbase, and without an MWEB body (the HogEx); the extension block
 * must then follow and end the bytes. Out: *m (empty on entry; present
 * false for a block without MWEB, when out is left untouched), and in
 * out (empty) the canonical block: the HogEx without its MWEB flag and
 * byte (its txid is unchanged: txids never hash them) and no extension
 * block; the pegouts borrow from raw. TRC_ERR_PARSE naming the offset
 * and field, TRC_ERR_UNSUPPORTED for an MWEB body inside a transaction.
 */
enum trc_err btc_mweb_split(const uint8_t *raw, size_t len, struct btc_mweb *m,
			    struct buf *out,
			    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The bindings between a present *m and the decoded canonical block b
 * (btc_mweb_split's out) at height: the extension header's height is
 * height; the HogEx's output 0 is OP_8 <the header's BLAKE3 hash> (so
 * the merkle root commits to the extension header); its other outputs
 * are the kernels' peg-outs, in order, value and script; the block's
 * peg-in outputs (OP_9 <kernel id>) match the peg-in kernels one to one,
 * id and value, and the HogEx spends each of them, and nothing else of
 * the block. TRC_ERR_VERIFY naming title's block and the rule.
 */
enum trc_err btc_mweb_verify(const struct btc_mweb *m,
			     const struct btc_block *b, uint32_t height,
			     const char *title,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* True for a peg-in output script: OP_9 <32 bytes>. */
bool btc_mweb_is_pegin(const uint8_t *script, size_t len);

#endif
