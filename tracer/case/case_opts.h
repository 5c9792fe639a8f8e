/*
 * case_opts.h - the trace options by name: the one mapping from an
 * option of `tracer trace` (the command line's --hops 3, the API's
 * hops=3) to struct case_overrides, with its validation and its
 * messages, shared by tracer/cli and tracer/serve.
 *
 * Names are spelled as the command line's options without "--"
 * ("seed-tx", "hub-txs"); the API's parameters use "_" for "-", which
 * case_opt_find accepts as well. A message never names the option: the
 * caller prefixes it ("--hops: ...", "parameter 'hops': ...").
 */
#ifndef TRC_CASE_OPTS_H
#define TRC_CASE_OPTS_H

#include <stdbool.h>

#include "base/err.h"
#include "tracer/case/case_trace.h"

struct case_opt {
	const char *name; /* "hops", "seed-tx", ... */
	bool flag;	  /* takes no value (no-cluster) */
};

/* Every trace option, in the order of `tracer trace --help`, then a
 * { NULL } entry. */
extern const struct case_opt case_opts[];

/* The option named name ("seed-tx" or "seed_tx"), or NULL. */
const struct case_opt *case_opt_find(const char *name);

/*
 * Sets option o to value v (ignored for a flag) in ov: chains by name
 * without regard to case (kept as the chain table spells it), seeds
 * without surrounding white space, numbers within the case file's
 * limits, times as case files write them, categories and policies by
 * name. Returns TRC_ERR_INVALID with the reason, TRC_ERR_NOMEM.
 */
enum trc_err case_opt_set(struct case_overrides *ov, const struct case_opt *o,
			  const char *v, struct trc_error *err) TRC_WARN_UNUSED;

#endif
