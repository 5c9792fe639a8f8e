/*
 * case_derive.c - the list of links found, and the table of derivers
 * (case_derive.h).
 */
#include "tracer/case/case_derive.h"
#include "tracer/case/case_thor.h"

#include "tracer/case/case_dex.h"

#include <stdlib.h>
#include <string.h>

enum trc_err case_derived_push(struct case_derived *d, struct xlink *l,
			       struct trc_error *err)
{
	if (d->n == d->cap) {
		size_t nc = d->cap ? 2 * d->cap : 4;
		struct xlink *g = realloc(d->v, nc * sizeof(*g));
		if (!g) {
			xlink_release(l);
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		}
		d->v = g;
		d->cap = nc;
	}
	d->v[d->n++] = *l;
	memset(l, 0, sizeof(*l));
	xlink_release(l);
	return TRC_OK;
}

void case_derived_release(struct case_derived *d)
{
	for (size_t i = 0; i < d->n; i++)
		xlink_release(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

const case_deriver case_derivers[] = { case_thor_derive, case_dex_derive,
				       NULL };
