/*
 * report_prov.h - provenance of a report: what a reader needs to reproduce
 * every number. The tracer version, the exact command line, the content
 * digest of the database (store/dbcheck.h), the sources and block ranges
 * of the stored blocks with their verification counts, the tag sources.
 *
 * Nothing here depends on when the data was fetched: block fetch times
 * are left out, so the same database content gives the same provenance.
 * The generation time is kept apart (`generated`) and printed on one line
 * of its own by every writer.
 *
 * Ownership: struct report_prov owns its strings and arrays;
 * report_prov_release frees them (safe after REPORT_PROV_INIT).
 */
#ifndef TRC_REPORT_PROV_H
#define TRC_REPORT_PROV_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/record.h"
#include "store/store.h"

struct report; /* tracer/report/report.h */

#define PROV_VERIFIED_BITS REC_VERIFIED_BITS /* enum rec_verified */

struct prov_source {
	uint8_t chain;
	char *source; /* URL without credentials or a file path */
	uint64_t blocks;
	uint32_t min_height, max_height;
};

struct prov_chain {
	uint8_t chain;
	char *network; /* NULL when none is recorded */
	uint64_t blocks, txs;
	uint32_t min_height, max_height;       /* meaningful when blocks > 0 */
	uint64_t verified[PROV_VERIFIED_BITS]; /* blocks with bit i set */
};

struct prov_tag_source {
	uint8_t chain;
	char *source;
	uint64_t tags;
};

struct report_prov {
	char *command;	  /* argv, shell-quoted, space-separated */
	char digest[65];  /* dbcheck_run digest, hex */
	uint64_t records; /* records in the database */
	size_t n_chains;
	struct prov_chain *chains; /* by chain id */
	size_t n_sources;
	struct prov_source *sources; /* by chain, source */
	size_t n_tag_sources;
	struct prov_tag_source *tag_sources; /* by chain, source */
	char generated[21];		     /* ISO 8601 UTC of `now` */
};

#define REPORT_PROV_INIT                                                       \
	{                                                                      \
		0                                                              \
	}

void report_prov_release(struct report_prov *p);

/*
 * Collects the provenance of the chains listed (ids, n of them, each once)
 * from store s. argv (argc entries) is the whole command line. now is the
 * generation time (seconds since 1970 UTC). Out: *p (empty before; left
 * empty on failure).
 */
enum trc_err report_prov_collect(struct report_prov *p, struct store *s,
				 const uint8_t *chains, size_t n, int argc,
				 char *const *argv, int64_t now,
				 struct trc_error *err) TRC_WARN_UNUSED;

/* "txids", "merkle root", "proof of work", "parent link", "signatures",
 * "header hash", "balance proofs" for bit 0..6. */
const char *report_prov_verified_name(unsigned bit);

/*
 * The provenance level of each exit of each case of r, from store s (the
 * one the cases were traced on): the weakest level (store/record.h,
 * rec_tx_level) of the tainted transfers into the exit's address or into
 * any address from which taint reaches it along the trace's edges, in
 * the exit's asset - the records its figure rests on (time is not
 * looked at, so a later transfer may weaken it: never the other way).
 * Out: each case's exit_level (n_exits entries, enum rec_level; replaced
 * when set) and level_outputs (tainted transfers per level).
 */
enum trc_err report_prov_levels(struct report *r, struct store *s,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
