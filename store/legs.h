/*
 * legs.h - the leg table (docs/storage.md, table `leg`), private to store/:
 * the writer of chaindb_put_tx adds entries and chaindb_check_pair checks
 * them through these; everyone else uses chaindb.h.
 */
#ifndef TRC_LEGS_H
#define TRC_LEGS_H

#include <stddef.h>
#include <stdint.h>

#include "store/chaindb.h"

/* One end of a leg, as the writer knows it (ids, not strings). */
struct legs_end {
	uint8_t chain;
	uint32_t addr;	/* address id */
	uint32_t asset; /* 0 native, else the token address's id + 1 */
	uint32_t height, position, index;
	uint8_t dir; /* enum chaindb_leg_dir */
	uint8_t kind;
	trc_amount value;
};

/* Adds one leg entry to batch. */
enum trc_err legs_put(struct store_batch *batch, const struct legs_end *e,
		      struct trc_error *err) TRC_WARN_UNUSED;
/* TRC_ERR_CORRUPT with the reason when a leg pair does not decode. */
enum trc_err legs_check_pair(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t vlen,
			     struct trc_error *err) TRC_WARN_UNUSED;

#endif
