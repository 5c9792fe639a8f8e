/*
 * trace_oracle.c - the full-scan trace (trace_oracle.h).
 */
#include "tests/unit/trace_oracle.h"

#include "graph/trace_int.h"
#include "store/chaindb.h"

static int each(const struct rec_tx *tx, void *ctx)
{
	return eng_apply(ctx, tx) != TRC_OK;
}

enum trc_err trace_oracle(struct store *s, const struct trace_opts *o,
			  struct trace_result **out, struct trc_error *err)
{
	struct eng e;
	enum trc_err rc = eng_begin(&e, s, o, err);

	e.scan = true;
	if (!rc)
		rc = chaindb_each_tx(s, o->chain, each, &e, err);
	if (!rc)
		rc = e.rc;
	return eng_end(&e, rc, out);
}
