/*
 * scratch_file.h - for harnesses of readers that take a path: the fuzz input
 * written to a scratch file (mode 0600) in a directory of this process,
 * removed at exit.
 */
#ifndef TRC_SCRATCH_FILE_H
#define TRC_SCRATCH_FILE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Writes size bytes of data to the scratch file name (a plain file name)
 * and returns its path (static buffer, valid until the next call). Aborts
 * when it cannot write: a harness that reads nothing tests nothing.
 */
const char *scratch_write(const char *name, const uint8_t *data, size_t size);

/* The scratch directory itself (created on first use). */
const char *scratch_dir(void);

#endif
