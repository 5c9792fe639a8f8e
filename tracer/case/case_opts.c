/*
 * case_opts.c - the trace options by name (case_opts.h).
 */
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "base/strv.h"
#include "store/tags.h"
#include "tracer/case/case_opts.h"

#define DEPOSIT_WINDOW_MAX 100000000 /* seconds */

const struct case_opt case_opts[] = {
	{ "chain", false },
	{ "network", false },
	{ "seed", false },
	{ "seed-tx", false },
	{ "policy", false },
	{ "hops", false },
	{ "min", false },
	{ "since", false },
	{ "until", false },
	{ "hub-txs", false },
	{ "stop-at", false },
	{ "no-cluster", true },
	{ "deposit-window", false },
	{ "deposit-share", false },
	{ NULL, false },
};

/* a and b equal, '_' in b standing for '-' */
static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !(*a == '-' && *b == '_'))
			return false;
	return !*a && !*b;
}

const struct case_opt *case_opt_find(const char *name)
{
	for (const struct case_opt *o = case_opts; name && o->name; o++)
		if (same_name(o->name, name))
			return o;
	return NULL;
}

static enum trc_err set_str(char **dst, const char *s, struct trc_error *err)
{
	free(*dst);
	*dst = strdup(s);
	return *dst ? TRC_OK : trc_fail(err, TRC_ERR_NOMEM, "out of memory");
}

static enum trc_err set_uint(const char *v, uint64_t min, uint64_t max,
			     unsigned *out, bool *has, struct trc_error *err)
{
	uint64_t n;

	if (num_parse_u64(v, min, max, &n, err))
		return TRC_ERR_INVALID;
	*out = (unsigned)n;
	*has = true;
	return TRC_OK;
}

static enum trc_err set_time(const char *v, int64_t *t, bool *has,
			     struct trc_error *err)
{
	if (case_parse_time(v, t, err))
		return TRC_ERR_INVALID;
	*has = true;
	return TRC_OK;
}

static enum trc_err set_chain(const char *v, struct case_overrides *ov,
			      struct trc_error *err)
{
	const struct chain_ops *c = chain_lookup(v);

	if (!c)
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown chain '%s' (known: %s)", v,
				chain_names());
	return set_str(&ov->chain, c->name, err);
}

static enum trc_err set_policy(const char *v, struct case_overrides *ov,
			       struct trc_error *err)
{
	if (!trace_policy_from_name(v, &ov->policy))
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown policy '%s' (poison, haircut, fifo, "
				"lifo, tiho)",
				v);
	ov->has_policy = true;
	return TRC_OK;
}

static enum trc_err set_stop(const char *v, struct case_overrides *ov,
			     struct trc_error *err)
{
	char **cats = NULL;
	size_t n = 0;
	uint32_t mask = 0;
	enum trc_err rc = TRC_OK;

	if (strcmp(v, "none") && (rc = strv_split(&cats, &n, v, ',', err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		enum tag_category c = tag_category_from_name(cats[i]);

		if (!c)
			rc = trc_fail(err, TRC_ERR_INVALID,
				      "unknown category '%s'", cats[i]);
		mask |= 1u << c;
	}
	strv_free(cats, n);
	if (!rc) {
		ov->has_stop = true;
		ov->stop_mask = mask;
	}
	return rc;
}

static enum trc_err set_window(const char *v, struct case_overrides *ov,
			       struct trc_error *err)
{
	unsigned w = 0;
	enum trc_err rc =
		set_uint(v, 0, DEPOSIT_WINDOW_MAX, &w, &ov->has_window, err);

	ov->deposit_window = w;
	return rc;
}

enum trc_err case_opt_set(struct case_overrides *ov, const struct case_opt *o,
			  const char *v, struct trc_error *err)
{
	const char *n = o->name;

	v = v ? v : "";
	if (!strcmp(n, "chain"))
		return set_chain(v, ov, err);
	if (!strcmp(n, "network"))
		return set_str(&ov->network, v, err);
	if (!strcmp(n, "seed"))
		return strv_push_trimmed(&ov->seed_addrs, &ov->n_seed_addrs, v,
					 err);
	if (!strcmp(n, "seed-tx"))
		return strv_push_trimmed(&ov->seed_outs, &ov->n_seed_outs, v,
					 err);
	if (!strcmp(n, "policy"))
		return set_policy(v, ov, err);
	if (!strcmp(n, "hops"))
		return set_uint(v, 1, CASE_HOPS_MAX, &ov->hops, &ov->has_hops,
				err);
	if (!strcmp(n, "min")) { /* read by case_trace in the chain's units */
		ov->has_min = true;
		return set_str(&ov->min_text, v, err);
	}
	if (!strcmp(n, "since"))
		return set_time(v, &ov->since, &ov->has_since, err);
	if (!strcmp(n, "until"))
		return set_time(v, &ov->until, &ov->has_until, err);
	if (!strcmp(n, "hub-txs"))
		return set_uint(v, 0, CASE_HUB_MAX, &ov->hub_txs, &ov->has_hub,
				err);
	if (!strcmp(n, "stop-at"))
		return set_stop(v, ov, err);
	if (!strcmp(n, "no-cluster")) {
		ov->no_cluster = true;
		return TRC_OK;
	}
	if (!strcmp(n, "deposit-window"))
		return set_window(v, ov, err);
	if (!strcmp(n, "deposit-share"))
		return set_uint(v, 0, 100, &ov->deposit_share_pct,
				&ov->has_share, err);
	return trc_fail(err, TRC_ERR_INVALID, "no trace option '%s'", n);
}
