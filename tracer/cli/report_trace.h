/*
 * report_trace.h - runs the trace of each case for `tracer report` and
 * `tracer export` through the options of `tracer trace` (trace_opts.h):
 * the trace options given on the command line are recorded once and
 * replayed for every --case, so that each case is traced exactly as
 * `tracer trace --case FILE [options]` traces it (options override the
 * case; seeds given on the command line replace the case's).
 */
#ifndef TRC_REPORT_TRACE_H
#define TRC_REPORT_TRACE_H

#include <stddef.h>

#include "chains/chain.h"
#include "graph/trace.h"
#include "tracer/case/case.h"
#include "tracer/cli/cli.h"
#include "tracer/cli/trace_opts.h"

struct report_topt {
	int c;
	const char *arg; /* borrowed from argv */
};

struct report_topts {
	struct report_topt *v; /* owned */
	size_t n;
};

#define REPORT_TOPTS_INIT { NULL, 0 }

void report_topts_release(struct report_topts *o);

/*
 * Takes getopt_long's (c, arg) when it is a trace option (checking its
 * value now). Returns -1 when c is not a trace option, else EXIT_OK or
 * EXIT_USAGE (printed).
 */
int report_topts_take(struct cli *cli, struct report_topts *o, int c,
		      const char *arg);

/*
 * Loads the case at path (its descriptive fields into *kase, which must
 * be empty: name, notes, reported loss) and traces it with the recorded
 * options. Out: *ops, *res
 * (new; trace_result_free). Returns an exit code; errors are printed.
 */
int report_trace_case(struct cli *cli, const struct report_topts *o,
		      const char *path, struct trc_case *kase,
		      const struct chain_ops **ops,
		      struct trace_result **res);

#endif
