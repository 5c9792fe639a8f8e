/*
 * afile.h - output files that are replaced atomically: written to a
 * temporary file in the same directory, synced, then renamed over the
 * final name, so that a failed or killed run never leaves half a file (a
 * report, an export, a case file). "-" is stdout.
 *
 * Ownership: struct afile owns its strings and the FILE of a file;
 * afile_abort releases everything and is safe after AFILE_INIT or commit.
 */
#ifndef TRC_AFILE_H
#define TRC_AFILE_H

#include <stdio.h>

#include "base/err.h"

struct afile {
	FILE *f;    /* write here */
	char *tmp;  /* the temporary file, NULL for stdout */
	char *path; /* the final name, NULL for stdout */
};

#define AFILE_INIT                                                             \
	{                                                                      \
		NULL, NULL, NULL                                               \
	}

/* path NULL or "-": stdout. Out: *o (zeroed first). */
enum trc_err afile_open(struct afile *o, const char *path,
			struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Flushes, checks for write errors, syncs, gives the file the mode of a
 * new file (0666 less the umask) and renames it into place; o is
 * released. On failure the temporary file is removed and path is as it
 * was.
 */
enum trc_err afile_commit(struct afile *o,
			  struct trc_error *err) TRC_WARN_UNUSED;
/* Removes the temporary file (if any) and releases o. */
void afile_abort(struct afile *o);

/* afile_open(path), then len bytes of data, then afile_commit. */
enum trc_err afile_write(const char *path, const void *data, size_t len,
			 struct trc_error *err) TRC_WARN_UNUSED;

#endif
