/*
 * upgrade.h - converts a schema version 1 database to version 2 in place
 * (tracer db upgrade).
 *
 * Every batch moves some transactions: it deletes their version-1 records
 * and adds them through chaindb_put_tx, atomically, so a run killed at any
 * moment leaves a database that the next run continues (in the same order,
 * so with the same numbers: the same content digest as one uninterrupted
 * run). Version-1 indexes are deleted at the end, then the database is
 * stamped version 2. Until then it stays version 1 and other commands
 * refuse it.
 */
#ifndef TRC_UPGRADE_H
#define TRC_UPGRADE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct upgrade_stats {
	uint64_t txs;	  /* transactions moved by this run */
	uint64_t deleted; /* version-1 index entries deleted */
	uint64_t batches; /* committed by this run */
	bool was_current; /* nothing to do: already version 2 */
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
 * TRC_ERR_VERSION for a version other than 1 or 2. Reopen s afterwards
 * to use it as version 2.
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
