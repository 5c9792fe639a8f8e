/*
 * tx.h - Bitcoin transactions: strict decoding of the legacy and segwit
 * (BIP144) serialisations, hashes and sizes, encoding, a small builder,
 * and conversion to the chain-neutral struct rec_tx.
 *
 * Ownership: a struct btc_tx owns its arrays. Scripts and witness items
 * are struct btc_bytes that either borrow from the bytes the tx was
 * decoded from (valid while those bytes live and are unchanged) or, for a
 * built tx, point into copies the tx owns. BTC_TX_INIT / btc_tx_init make
 * an empty tx; btc_tx_release frees everything and leaves it empty (always
 * safe after init). Outputs of a failed call are left empty.
 *
 * Hashes (txid, wtxid) are kept in internal byte order, as hashed; Bitcoin
 * displays them reversed (hex_encode_rev).
 */
#ifndef TRC_BTC_TX_H
#define TRC_BTC_TX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "chains/btc/net.h"
#include "store/record.h"

/* No transaction or block serialisation is larger (consensus limit). */
#define BTC_MAX_SERIALIZED 4000000
/* 21 million BTC in satoshi: no output may carry more. */
#define BTC_MAX_MONEY 2100000000000000ULL

struct btc_bytes {
	const uint8_t *p;
	size_t len;
};

struct btc_txin {
	uint8_t prev_txid[32]; /* internal order; zeros for a coinbase */
	uint32_t prev_vout;    /* 0xffffffff for a coinbase */
	struct btc_bytes script_sig;
	uint32_t sequence;
	uint32_t wit_first; /* index of its first item in tx->wit */
	uint32_t n_wit;	    /* number of witness items (0: none) */
};

struct btc_txout {
	uint64_t value; /* satoshi, at most BTC_MAX_MONEY */
	struct btc_bytes script;
};

struct btc_tx {
	uint32_t version; /* as on the wire; shown as int32 */
	uint32_t locktime;
	uint32_t n_in, n_out, n_wit;
	struct btc_txin *in;
	struct btc_txout *out;
	struct btc_bytes *wit; /* all witness items, input after input */
	bool segwit;	       /* serialised with marker and flag */
	/* computed by decoding or by btc_tx_finish */
	uint8_t txid[32];
	uint8_t wtxid[32];
	size_t size;	  /* bytes of the full serialisation */
	size_t base_size; /* bytes without witness data */
	size_t weight;	  /* base_size * 3 + size */
	size_t vsize;	  /* weight / 4 rounded up */
	/* private */
	uint32_t cap_in, cap_out, cap_wit, n_owned, cap_owned;
	uint8_t **owned;
};

#define BTC_TX_INIT                                                            \
	{                                                                      \
		0                                                              \
	}

void btc_tx_init(struct btc_tx *tx);
void btc_tx_release(struct btc_tx *tx);

/*
 * Decodes exactly len bytes as one transaction into tx (empty). Scripts
 * and witness items borrow from p. Returns TRC_ERR_PARSE naming the byte
 * offset and what was expected (truncation, a count larger than the bytes
 * left, a non-canonical length, a witness flag with no witness, trailing
 * bytes), TRC_ERR_TOOBIG past BTC_MAX_SERIALIZED.
 */
enum trc_err btc_tx_decode(struct btc_tx *tx, const uint8_t *p, size_t len,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes one transaction from r (positioned inside a block, say) and
 * leaves r after it; messages give offsets in r's input.
 */
enum trc_err btc_tx_read(struct btc_tx *tx, struct reader *r,
			 struct trc_error *err) TRC_WARN_UNUSED;

/* True for a coinbase: one input spending txid 0, index 0xffffffff. */
bool btc_tx_is_coinbase(const struct btc_tx *tx);
/* True when any input carries witness items. */
bool btc_tx_has_witness(const struct btc_tx *tx);
/* Input i's first witness item (n_wit of them), NULL when none. */
const struct btc_bytes *btc_tx_witness(const struct btc_tx *tx, uint32_t i);

/*
 * Appends the serialisation of tx to out: with witness data (BIP144
 * marker and flag) when `witness` is true and any input has witness
 * items, else the legacy form that txids hash.
 */
enum trc_err btc_tx_encode(const struct btc_tx *tx, struct buf *out,
			   bool witness, struct trc_error *err) TRC_WARN_UNUSED;

/* --- builder: tx owns copies of everything added --- */

/* Starts an empty tx (after init or release) with version and locktime. */
void btc_tx_begin(struct btc_tx *tx, uint32_t version, uint32_t locktime);
enum trc_err btc_tx_add_input(struct btc_tx *tx, const uint8_t prev_txid[32],
			      uint32_t prev_vout, const uint8_t *script_sig,
			      size_t len, uint32_t sequence,
			      struct trc_error *err) TRC_WARN_UNUSED;
/*
 * A coinbase input whose scriptSig is the BIP34 height push followed by
 * tag (len bytes, may be 0; at most 90).
 */
enum trc_err btc_tx_add_coinbase(struct btc_tx *tx, uint32_t height,
				 const uint8_t *tag, size_t len,
				 struct trc_error *err) TRC_WARN_UNUSED;
/* Appends a witness item to input i; inputs' items must be added in
 * input order (all of input 0's, then input 1's, ...). */
enum trc_err btc_tx_add_witness(struct btc_tx *tx, uint32_t i,
				const uint8_t *item, size_t len,
				struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err btc_tx_add_output(struct btc_tx *tx, uint64_t value,
			       const uint8_t *script, size_t len,
			       struct trc_error *err) TRC_WARN_UNUSED;
/* An output paying address (any valid encoding for net). */
enum trc_err btc_tx_add_output_address(struct btc_tx *tx,
				       const struct btc_network *net,
				       uint64_t value, const char *address,
				       struct trc_error *err) TRC_WARN_UNUSED;
/* Computes txid, wtxid and sizes of a built tx (segwit when any input
 * has witness items). */
enum trc_err btc_tx_finish(struct btc_tx *tx,
			   struct trc_error *err) TRC_WARN_UNUSED;

/* --- the chain-neutral record --- */

/*
 * Fills rec (empty) from tx: chain CHAIN_BTC, txid (internal order), the
 * given height, position and time; inputs with prev_txid / prev_vout and
 * REC_IN_COINBASE for a coinbase (address and value unresolved: the
 * crawler fills them from the spent outputs and sets REC_IN_RESOLVED);
 * outputs with class, address for net (NULL for op_return) and value;
 * REC_TX_COINBASE for a coinbase; fee left 0 for the crawler.
 */
enum trc_err btc_tx_to_rec(const struct btc_tx *tx,
			   const struct btc_network *net, uint32_t height,
			   uint32_t position, int64_t time, struct rec_tx *rec,
			   struct trc_error *err) TRC_WARN_UNUSED;

#endif
