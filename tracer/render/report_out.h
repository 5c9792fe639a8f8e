/*
 * report_out.h - where a report or export goes: stdout, or a file that is
 * replaced atomically (written to a temporary file in the same directory,
 * then renamed), so that a failed run never leaves half a report.
 */
#ifndef TRC_REPORT_OUT_H
#define TRC_REPORT_OUT_H

#include <stdio.h>

#include "base/err.h"

struct report_out {
	FILE *f;       /* write here */
	char *tmp;     /* the temporary file, NULL for stdout */
	char *path;    /* the final name, NULL for stdout */
};

#define REPORT_OUT_INIT { NULL, NULL, NULL }

/* path NULL or "-": stdout. */
enum trc_err report_out_open(struct report_out *o, const char *path,
			     struct trc_error *err) TRC_WARN_UNUSED;
/* Flushes, checks for write errors, and renames into place. */
enum trc_err report_out_commit(struct report_out *o, struct trc_error *err)
	TRC_WARN_UNUSED;
/* Removes the temporary file (if any) and releases o; safe after
 * commit or INIT. */
void report_out_abort(struct report_out *o);

#endif
