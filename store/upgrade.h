/*
 * upgrade.h - converts a schema version 1 or 2 database to version 3 in
 * place (tracer db upgrade).
 *
 * From version 1, every batch moves some transactions: it deletes their
 * version-1 records and adds them through chaindb_put_tx, atomically, so a
 * run killed at any moment leaves a database that the next run continues
 * (in the same order, so with the same numbers: the same content digest as
 * one uninterrupted run); the version-1 indexes are deleted after. From
 * version 2 (and last from version 1), the batches pack the addresses of
 * the addr_id table (store/addrpack.h), then leave out of addr_hist the
 * sends its reader derives (store/hist.h). Then the database is stamped
 * version 3. Until then it keeps its version and other commands refuse
 * it.
 */
#ifndef TRC_UPGRADE_H
#define TRC_UPGRADE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct upgrade_stats {
	uint64_t txs;	  /* transactions moved by this run */
	uint64_t deleted; /* version-1 index entries deleted */
	uint64_t addrs;	  /* addresses packed (version 2 to 3) */
	uint64_t sends;	  /* history sends left to derive (2 to 3) */
	uint64_t batches; /* committed by this run */
	bool was_current; /* nothing to do: already the current version */
};

struct upgrade_opts {
	uint32_t batch; /* transactions per batch, 0: 2000 */
	/* after each committed batch (NULL allowed); non-zero stops with
	 * TRC_ERR_INTERRUPTED (the database stays consistent) */
	int (*on_batch)(void *ctx, const struct upgrade_stats *st);
	void *ctx;
};

/*
 * Upgrades s (opened with STORE_UPGRADE) to STORE_SCHEMA_VERSION. Out:
 * *st. TRC_ERR_CORRUPT when a version-1 record does not decode;
 * TRC_ERR_VERSION for a version other than 1, 2 or 3. Reopen s
 * afterwards to use it as version 3.
 */
enum trc_err upgrade_run(struct store *s, const struct upgrade_opts *o,
			 struct upgrade_stats *st,
			 struct trc_error *err) TRC_WARN_UNUSED;

/*
 * TRC_OK when s holds the current schema version, else TRC_ERR_VERSION
 * with the message store_open gives (for commands that opened it with
 * STORE_UPGRADE to show what it is).
 */
enum trc_err upgrade_require_current(struct store *s,
				     struct trc_error *err) TRC_WARN_UNUSED;

#endif
