/*
 * trace_oracle.h - the full-scan trace, kept in the tests only as the
 * oracle of the index-driven trace_run: the same engine handed every
 * transaction of the chain in chain order (chaindb_each_tx), keeping a
 * pool for every address, as the engine ran before it followed the
 * indexes.
 */
#ifndef TRC_TRACE_ORACLE_H
#define TRC_TRACE_ORACLE_H

#include "graph/trace.h"

/* As trace_run (same contract), by a scan of the whole chain. */
enum trc_err trace_oracle(struct store *s, const struct trace_opts *o,
			  struct trace_result **out,
			  struct trc_error *err) TRC_WARN_UNUSED;

#endif
