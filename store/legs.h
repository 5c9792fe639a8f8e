/*
 * legs.h - the leg table (docs/storage.md, table `leg`), private to store/:
 * chaindb_put_tx writes it and chaindb_check_pair checks it through these;
 * everyone else uses chaindb.h.
 */
#ifndef TRC_LEGS_H
#define TRC_LEGS_H

#include <stddef.h>
#include <stdint.h>

#include "store/chaindb.h"

/* Adds the leg entries of tx (known height, not prevout-only) to batch. */
enum trc_err legs_put(struct store_batch *batch, const struct rec_tx *tx,
		      struct trc_error *err) TRC_WARN_UNUSED;
/* TRC_ERR_CORRUPT with the reason when a leg pair does not decode. */
enum trc_err legs_check_pair(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t vlen,
			     struct trc_error *err) TRC_WARN_UNUSED;

#endif
