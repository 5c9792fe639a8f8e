/*
 * dbcheck.h - whole-database walks: per-table counts, and the check that
 * every record decodes with a digest of the content.
 */
#ifndef TRC_DBCHECK_H
#define TRC_DBCHECK_H

#include <stdint.h>

#include "store/store.h"

#define DBCHECK_TABLES 256

struct dbstats {
	uint32_t schema_version;
	uint64_t disk_bytes;
	uint64_t count[DBCHECK_TABLES]; /* by table byte */
};

enum trc_err dbcheck_stats(struct store *s, struct dbstats *out,
			   struct trc_error *err) TRC_WARN_UNUSED;

struct dbcheck_result {
	uint64_t records;
	uint64_t bad;
	char first_bad[TRC_ERROR_MSG_MAX]; /* reason for the first bad one */
	/*
	 * SHA-256 over every record in key order, as (be32 key length, key,
	 * be32 value length, value), with provenance normalised: block
	 * records with source and fetch time cleared. Two databases with the
	 * same chain data, tags and checkpoints have the same digest however
	 * they were filled.
	 */
	uint8_t digest[32];
};

enum trc_err dbcheck_run(struct store *s, struct dbcheck_result *out,
			 struct trc_error *err) TRC_WARN_UNUSED;

#endif
