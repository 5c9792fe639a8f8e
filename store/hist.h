/*
 * hist.h - an address's history (the addr_hist table, schema version 3),
 * private to store/: one entry per transaction that touches the address,
 * in chain order, flagged received and/or sent.
 *
 * The rule: a send is not stored when it can be derived — when the input
 * refers to the output it spends (not inline) and that output's
 * transaction is indexed, so that the address's received entry of that
 * transaction and the spent_by entry of the output lead to the spender.
 * The writer (store/txwrite.c) leaves those out; hist_each puts them back
 * in order, so readers see every entry as before. A Bitcoin address that
 * receives once and spends once keeps one stored entry instead of two.
 * Sends of inline inputs (the spent output not stored, or stored only as
 * a prevout) and of legs (account chains) stay stored.
 */
#ifndef TRC_HIST_H
#define TRC_HIST_H

#include <stdbool.h>
#include <stdint.h>

#include "store/chaindb.h"
#include "store/store.h"
#include "store/txrec.h"

/*
 * Calls fn for every history entry of address id (its text in address,
 * for messages), stored and derived, in chain order; fn returns non-zero
 * to stop. TRC_ERR_CORRUPT naming the address for a bad entry.
 */
enum trc_err hist_each(struct store *s, uint8_t chain, uint32_t id,
		       const char *address, chaindb_hist_fn fn, void *ctx,
		       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Whether the stored send of address id in tx t is needed (true) or
 * derivable (false) by the rule above, reading the records t's inputs
 * spend (db upgrade, for a version-2 database's entries).
 */
enum trc_err hist_sent_needed(struct store *s, uint8_t chain, uint32_t id,
			      const struct txrec *t, bool *needed,
			      struct trc_error *err) TRC_WARN_UNUSED;

#endif
