/*
 * chaindb.h - the typed tables of the database over store.h: blocks,
 * transactions and their indexes, checkpoints, the network of each chain.
 *
 * Writers add to a caller's batch, so that a block, its transactions, their
 * indexes and the checkpoint are committed together (or not at all).
 * Readers fill caller-owned records (release them with rec_*_release).
 * Bitcoin txids and hashes are in internal byte order everywhere here.
 */
#ifndef TRC_CHAINDB_H
#define TRC_CHAINDB_H

#include <stdbool.h>
#include <stdint.h>

#include "store/record.h"
#include "store/store.h"

/* Address-history flags (a tx may both receive and send). */
enum chaindb_hist_flags {
	HIST_RECEIVED = 1,
	HIST_SENT = 2,
};

struct chaindb_hist {
	uint32_t height;
	uint32_t position;
	uint8_t flags;
	uint8_t txid[32];
};

/*
 * Adds the tx record and all its indexes to batch in one call: the tx
 * table; when its height is known and it is not a prevout-only record,
 * also its position, one history entry per address it touches (inputs,
 * outputs, leg ends; the address's count grows), a spent-by entry per
 * non-coinbase input and one leg entry per end of each leg (a reverted tx
 * indexes only its fee). Putting a tx again replaces it (counts do not
 * grow twice). The tx gets its number, and new addresses their ids, when
 * the batch is committed (store_batch_commit), in put order.
 */
enum trc_err chaindb_put_tx(struct store_batch *batch, const struct rec_tx *tx,
			    struct trc_error *err) TRC_WARN_UNUSED;
/* Adds the block record and its hash index. */
enum trc_err chaindb_put_block(struct store_batch *batch,
			       const struct rec_block *b,
			       struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err chaindb_put_checkpoint(struct store_batch *batch, uint8_t chain,
				    uint32_t height, const uint8_t hash[32],
				    struct trc_error *err) TRC_WARN_UNUSED;
/* Records which network (e.g. "main", "regtest") the chain's data is. */
enum trc_err chaindb_put_network(struct store_batch *batch, uint8_t chain,
				 const char *network,
				 struct trc_error *err) TRC_WARN_UNUSED;

/* Out: *tx (filled when *found). */
enum trc_err chaindb_get_tx(struct store *s, uint8_t chain,
			    const uint8_t txid[32], struct rec_tx *tx,
			    bool *found, struct trc_error *err) TRC_WARN_UNUSED;
/*
 * One output of txid as chaindb_get_tx would give it, reading only what
 * that output needs (the record and its address, not what the record's
 * inputs spent): *n_out, the transaction's output count; when vout <
 * *n_out, *address (a new copy, free(); NULL for none) and *value.
 * *found as chaindb_get_tx's: a stub is not found.
 */
enum trc_err chaindb_get_output(struct store *s, uint8_t chain,
				const uint8_t txid[32], uint32_t vout,
				uint32_t *n_out, char **address,
				trc_amount *value, bool *found,
				struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err chaindb_get_block(struct store *s, uint8_t chain, uint32_t height,
			       struct rec_block *b, bool *found,
			       struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err chaindb_get_block_height(struct store *s, uint8_t chain,
				      const uint8_t hash[32], uint32_t *height,
				      bool *found,
				      struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err chaindb_get_checkpoint(struct store *s, uint8_t chain,
				    uint32_t *height, uint8_t hash[32],
				    bool *found,
				    struct trc_error *err) TRC_WARN_UNUSED;
/* Out: *network, a new string (free()) or NULL when none is recorded. */
enum trc_err chaindb_get_network(struct store *s, uint8_t chain, char **network,
				 struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err chaindb_get_spent_by(struct store *s, uint8_t chain,
				  const uint8_t txid[32], uint32_t vout,
				  uint8_t spender[32], uint32_t *vin,
				  bool *found,
				  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Calls fn for every history entry of address, in chain order. fn returns
 * 0 to go on, non-zero to stop (then that value is not an error).
 */
typedef int (*chaindb_hist_fn)(const struct chaindb_hist *h, void *ctx);
enum trc_err chaindb_each_hist(struct store *s, uint8_t chain,
			       const char *address, chaindb_hist_fn fn,
			       void *ctx,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Calls fn for every transaction of the chain with a known position, in
 * chain order (height, position). The record is borrowed for the call.
 */
typedef int (*chaindb_tx_fn)(const struct rec_tx *tx, void *ctx);
enum trc_err chaindb_each_tx(struct store *s, uint8_t chain, chaindb_tx_fn fn,
			     void *ctx, struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Out: *count, the number of transactions with a known place that touch
 * address (its history entries), kept at ingest so that hub detection
 * needs no counting; 0 for an address the database does not know.
 */
enum trc_err chaindb_addr_count(struct store *s, uint8_t chain,
				const char *address, uint64_t *count,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Calls fn for every transaction record of chain, prevout-only ones too,
 * in the order of their numbers (the order they were first stored or
 * referred to). The record is borrowed for the call.
 */
enum trc_err chaindb_each_record(struct store *s, uint8_t chain,
				 chaindb_tx_fn fn, void *ctx,
				 struct trc_error *err) TRC_WARN_UNUSED;

/* Out: *found, whether the tx record txid is stored (not decoded). */
enum trc_err chaindb_has_tx(struct store *s, uint8_t chain,
			    const uint8_t txid[32], bool *found,
			    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Calls fn for every stored block of chain, in height order. The record is
 * borrowed for the call; fn returns non-zero to stop.
 */
typedef int (*chaindb_block_fn)(const struct rec_block *b, void *ctx);
enum trc_err chaindb_each_block(struct store *s, uint8_t chain,
				chaindb_block_fn fn, void *ctx,
				struct trc_error *err) TRC_WARN_UNUSED;
/* Out: *n, the number of tx records of chain (prevout-only ones too). */
enum trc_err chaindb_count_txs(struct store *s, uint8_t chain, uint64_t *n,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The leg index: one entry per end of a leg of an account-shaped tx, by
 * address, asset, height, position, leg index (written by chaindb_put_tx).
 */
enum chaindb_leg_dir {
	LEG_DIR_RECEIVED = 1,
	LEG_DIR_SENT = 2,
};

struct chaindb_leg {
	uint32_t height, position, index;
	uint8_t kind;	   /* enum rec_leg_kind */
	uint8_t dir;	   /* enum chaindb_leg_dir */
	const char *asset; /* NULL native; borrowed for the call */
	trc_amount value;
};

/* Calls fn for address's legs, every asset, in (asset, chain) order; fn
 * returns non-zero to stop. */
typedef int (*chaindb_leg_fn)(const struct chaindb_leg *l, void *ctx);
enum trc_err chaindb_each_leg(struct store *s, uint8_t chain,
			      const char *address, chaindb_leg_fn fn, void *ctx,
			      struct trc_error *err) TRC_WARN_UNUSED;
/* Out: *seen, whether address has any leg in asset (NULL: native). */
enum trc_err chaindb_leg_seen(struct store *s, uint8_t chain,
			      const char *address, const char *asset,
			      bool *seen,
			      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Calls fn for every stored transaction of chain whose memo names ref
 * (rec_tx.memo_ref: 32 bytes in the memo's order), in the order of
 * their numbers; fn returns non-zero to stop. The record is borrowed for
 * the call. An entry whose transaction is gone is skipped.
 */
enum trc_err chaindb_each_memo_ref(struct store *s, uint8_t chain,
				   const uint8_t ref[32], chaindb_tx_fn fn,
				   void *ctx,
				   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Checks that one stored key/value pair decodes as its table says
 * (db check). Returns TRC_ERR_CORRUPT with the reason otherwise.
 */
enum trc_err chaindb_check_pair(const uint8_t *key, size_t klen,
				const uint8_t *val, size_t vlen,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
