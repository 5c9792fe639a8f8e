/*
 * tagimport_readers.h - the inside of tagimport: what a format reader
 * (tagimport_tagpack.c, tagimport_csv.c, tagimport_json.c) hands to the
 * common code. Not for use outside tracer/tagimport*.c.
 *
 * A reader walks its input and calls tagimport_emit() once per entry with
 * the entry's fields as written (borrowed for the call; NULL when absent)
 * and tagimport_reject() for an entry it cannot read. It returns an error
 * only when the input as a whole cannot be read (tagimport then writes
 * nothing).
 */
#ifndef TRC_TAGIMPORT_READERS_H
#define TRC_TAGIMPORT_READERS_H

#include "tracer/tags/tagimport.h"

struct tagimport_run;

struct tagraw {
	unsigned line;	      /* 1-based; 0 when the input has none */
	const char *where;    /* "tags[3]" when line is 0, else NULL */
	const char *chain;    /* a tracer chain name: "btc" */
	const char *currency; /* a TagPack symbol: "BTC", "ETH", "TRX" */
	const char *address;
	const char *entity;
	const char *category;
	const char *abuse;
	const char *source;
	const char *confidence; /* number or level name */
	const char *actor;
	const char *inferred; /* "true"/"false"/"1"/"0"; NULL: false */
	const char *evidence;
	const char *network; /* the address's network: "regtest" */
};

/* Accepts, rejects or skips one entry. Returns an error only for a
 * fatal condition (out of memory, too many entries). */
enum trc_err tagimport_emit(struct tagimport_run *run,
			    const struct tagraw *r) TRC_WARN_UNUSED;
/* Reports an entry that cannot be read (counted as rejected). */
void tagimport_reject(struct tagimport_run *run, unsigned line,
		      const char *where, const char *fmt, ...) TRC_PRINTF(4, 5);
/* The name of the input, for fatal messages. */
const char *tagimport_name(const struct tagimport_run *run);

enum trc_err tagimport_read_tagpack(struct tagimport_run *run, const char *data,
				    size_t len,
				    struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err tagimport_read_csv(struct tagimport_run *run, const char *data,
				size_t len,
				struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err tagimport_read_list(struct tagimport_run *run, const char *data,
				 size_t len,
				 struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err tagimport_read_json(struct tagimport_run *run, const char *data,
				 size_t len,
				 struct trc_error *err) TRC_WARN_UNUSED;

#endif
