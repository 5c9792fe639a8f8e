/*
 * progress.h - the single updating progress line of long commands.
 *
 * Drawn on stderr only when stderr is a terminal and -q was not given;
 * otherwise every call is a no-op, so that logs and pipes stay clean. At
 * most about four redraws a second.
 */
#ifndef TRC_PROGRESS_H
#define TRC_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "tracer/cli/cli.h"

struct progress {
	bool enabled;
	double start; /* monotonic seconds */
	double last_draw;
	int drawn; /* width of the line on screen */
};

void progress_init(struct progress *p, const struct cli *cli);
/* "blocks 120/500  3400 tx  850 tx/s  ETA 0:07" */
void progress_blocks(struct progress *p, uint64_t done, uint64_t total,
		     uint64_t txs);
/* "follow: 120 tx, hop 2" style free text. */
void progress_text(struct progress *p, const char *text);
/* Clears the line (before other output or at the end). */
void progress_clear(struct progress *p);
/* Seconds since progress_init. */
double progress_elapsed(const struct progress *p);

#endif
