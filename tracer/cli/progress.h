/*
 * progress.h - the single updating progress line of long commands.
 *
 * Drawn on stderr only when stderr is a terminal and -q was not given
 * (the progress of a trace, a rebuild or a report also not when JSON is
 * written); otherwise every call is a no-op, so that logs and pipes stay
 * clean. At most about four redraws a second. Every message of
 * tracer/cli/cli.h clears the line first (progress_clear_screen), so that
 * none is written over it.
 */
#ifndef TRC_PROGRESS_H
#define TRC_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tracer/cli/cli.h"

struct progress {
	bool enabled;
	double start; /* monotonic seconds */
	double last_draw;
	const char *what; /* the trace's label; NULL: "trace" */
};

void progress_init(struct progress *p, const struct cli *cli);
/* "blocks 120/500  3400 tx  850 tx/s  ETA 0:07" */
void progress_blocks(struct progress *p, uint64_t done, uint64_t total,
		     uint64_t txs);
/* "follow: 120 tx, hop 2" style free text. */
void progress_text(struct progress *p, const char *text);
/* A step of a command ("report: provenance, totals and flow graphs"): drawn at
 * once, as it says what the wait is for. */
void progress_step(struct progress *p, const char *text);
/* The line of a running trace (graph/trace.h's on_progress), labelled
 * p->what: "trace: 1 234 txs visited, queue 56, 78 addresses". */
void progress_trace(struct progress *p, uint64_t txs, uint64_t queued,
		    uint64_t addresses);
/* "1 234 567": digits grouped by three for people. Out: out (27 bytes
 * hold any uint64_t). Returns out. */
char *progress_count(char *out, size_t size, uint64_t v);
/* Clears the line (before other output or at the end). */
void progress_clear(struct progress *p);
/* Clears whatever progress line is on the terminal (cli.h's messages). */
void progress_clear_screen(void);
/* Seconds since progress_init. */
double progress_elapsed(const struct progress *p);

#endif
