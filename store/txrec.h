/*
 * txrec.h - the compact transaction record of schema version 2, private to
 * store/ (docs/storage.md, table `tx`): numbers instead of txids and
 * address strings. An address reference is 0 for none, else its id + 1.
 *
 * Ownership: txrec_init / TXREC_INIT make an empty record; txrec_release
 * frees its arrays (always safe after init).
 */
#ifndef TRC_TXREC_H
#define TRC_TXREC_H

#include <stdbool.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/buf.h"
#include "base/err.h"

/* A record that only reserves a number for a txid something refers to. */
#define TXREC_STUB 0x80
/* The record ends with a memo (struct rec_tx's memo fields). */
#define TXREC_MEMO 0x40

enum txrec_in_flags {
	TXREC_IN_COINBASE = 1, /* REC_IN_COINBASE: prev txid kept as is */
	TXREC_IN_RESOLVED = 2, /* REC_IN_RESOLVED */
	TXREC_IN_INLINE = 4,   /* address and value kept here, not looked
				* up in the output it spends */
};

struct txrec_in {
	uint8_t flags;
	uint64_t prev;	       /* tx number of the spent output */
	uint8_t prev_txid[32]; /* coinbase only */
	uint32_t vout;
	uint32_t addr;	  /* inline only */
	trc_amount value; /* inline only */
};

struct txrec_out {
	uint8_t cls;
	uint32_t addr;
	trc_amount value;
};

struct txrec_leg {
	uint8_t kind;
	uint32_t asset, from, to;
	trc_amount value;
};

struct txrec {
	uint8_t flags; /* enum rec_tx_flags, or TXREC_STUB */
	uint8_t txid[32];
	uint32_t height, position;
	int64_t time;
	trc_amount fee;
	uint32_t n_in, n_out, n_legs;
	struct txrec_in *in;
	struct txrec_out *out;
	struct txrec_leg *legs;
	/* with TXREC_MEMO: the memo (owned), output/leg, reference */
	char *memo;
	uint32_t memo_n;
	bool has_memo_ref;
	uint8_t memo_ref[32];
};

#define TXREC_INIT                                                             \
	{                                                                      \
		0                                                              \
	}

void txrec_init(struct txrec *t);
void txrec_release(struct txrec *t);
/* Copies the memo fields of tx (store/record.h) into t and sets or
 * clears TXREC_MEMO. TRC_ERR_NOMEM. */
struct rec_tx;
enum trc_err txrec_set_memo(struct txrec *t, const struct rec_tx *tx,
			    struct trc_error *err) TRC_WARN_UNUSED;
/* Sizes the arrays for n_in, n_out, n_legs (zeroed). TRC_ERR_NOMEM. */
enum trc_err txrec_alloc(struct txrec *t, uint32_t n_in, uint32_t n_out,
			 uint32_t n_legs,
			 struct trc_error *err) TRC_WARN_UNUSED;

enum trc_err txrec_encode(const struct txrec *t, struct buf *out,
			  struct trc_error *err) TRC_WARN_UNUSED;
/* Decodes into *t (empty on entry; left empty on failure). */
enum trc_err txrec_decode(struct txrec *t, const uint8_t *p, size_t len,
			  struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Reads only the head of a record. Out: flags, txid, height, position
 * (each may be NULL).
 */
enum trc_err txrec_peek(const uint8_t *p, size_t len, uint8_t *flags,
			uint8_t txid[32], uint32_t *height, uint32_t *position,
			struct trc_error *err) TRC_WARN_UNUSED;

#endif
