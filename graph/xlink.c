/*
 * xlink.c - the names of link kinds and confidence levels, and the one
 * conversion rule of docs/crosschain.md.
 */
#include "graph/xlink.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const kinds[XLINK_KIND_COUNT] = { "thorchain", "dex-swap",
						     "stated" };
static const char *const levels[XLINK_CONFIDENCE_COUNT] = { "high", "medium",
							    "low" };

const char *xlink_kind_name(enum xlink_kind k)
{
	return (unsigned)k < XLINK_KIND_COUNT ? kinds[k] : NULL;
}

bool xlink_kind_from_name(const char *name, enum xlink_kind *k)
{
	for (unsigned i = 0; name && i < XLINK_KIND_COUNT; i++)
		if (!strcasecmp(name, kinds[i])) {
			*k = (enum xlink_kind)i;
			return true;
		}
	return false;
}

const char *xlink_confidence_name(enum xlink_confidence c)
{
	return (unsigned)c < XLINK_CONFIDENCE_COUNT ? levels[c] : NULL;
}

bool xlink_confidence_from_name(const char *name, enum xlink_confidence *c)
{
	for (unsigned i = 0; name && i < XLINK_CONFIDENCE_COUNT; i++)
		if (!strcasecmp(name, levels[i])) {
			*c = (enum xlink_confidence)i;
			return true;
		}
	return false;
}

static void end_release(struct xlink_end *e)
{
	free(e->chain);
	free(e->network);
	free(e->txid);
	free(e->asset);
}

void xlink_release(struct xlink *l)
{
	end_release(&l->from);
	end_release(&l->to);
	free(l->evidence);
	memset(l, 0, sizeof(*l));
	l->kind = XLINK_STATED;
	l->confidence = XLINK_MEDIUM;
}

enum trc_err xlink_convert(const struct xlink *l, trc_amount taint,
			   trc_amount *out, trc_amount *rem,
			   struct trc_error *err)
{
	*out = AMOUNT_ZERO;
	if (rem)
		*rem = AMOUNT_ZERO;
	if (amount_is_zero(l->from.amount))
		return trc_fail(err, TRC_ERR_INVALID,
				"the source side has no value");
	if (amount_cmp(taint, l->from.amount) > 0)
		return trc_fail(err, TRC_ERR_INVALID,
				"the taint is above the source side's value");
	if (amount_mul_div(out, rem, taint, l->to.amount, l->from.amount))
		return trc_fail(err, TRC_ERR_INVALID,
				"the conversion does not fit 256 bits");
	return TRC_OK;
}
