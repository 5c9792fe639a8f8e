/*
 * params.c - the trace options of an API request (serve_int.h): the
 * query parameters named as `tracer trace`'s options (dashes become
 * underscores), parsed by the same parsers and bounded by the same
 * limits as the command line's (base/num.h, base/amount.h, the case
 * file's time rule and tracer/case's limits).
 */
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "base/strv.h"
#include "store/tags.h"
#include "tracer/serve/serve_int.h"

const char *serve_arg(const struct serve_req *req, const char *name)
{
	for (size_t i = 0; i < req->n_args; i++)
		if (!strcmp(req->args[i].name, name))
			return req->args[i].value;
	return NULL;
}

static enum trc_err set_str(char **dst, const char *s, struct trc_error *err)
{
	free(*dst);
	*dst = strdup(s);
	return *dst ? TRC_OK : trc_fail(err, TRC_ERR_NOMEM, "out of memory");
}

static enum trc_err uint_arg(const char *name, const char *v, uint64_t min,
			     uint64_t max, unsigned *out, struct trc_error *err)
{
	uint64_t n;

	if (num_parse_u64(v, min, max, &n, err))
		return trc_error_prefix(err, TRC_ERR_INVALID, "parameter '%s'",
					name);
	*out = (unsigned)n;
	return TRC_OK;
}

static enum trc_err time_arg(const char *name, const char *v, int64_t *t,
			     bool *has, struct trc_error *err)
{
	if (case_parse_time(v, t, err))
		return trc_error_prefix(err, TRC_ERR_INVALID, "parameter '%s'",
					name);
	*has = true;
	return TRC_OK;
}

static enum trc_err stop_arg(const char *v, struct case_overrides *ov,
			     struct trc_error *err)
{
	char **cats = NULL;
	size_t n = 0;
	enum trc_err rc = TRC_OK;

	ov->has_stop = true;
	ov->stop_mask = 0;
	if (!strcmp(v, "none"))
		return TRC_OK;
	if (strv_split(&cats, &n, v, ',', err))
		return TRC_ERR_NOMEM;
	for (size_t i = 0; i < n && !rc; i++) {
		enum tag_category c = tag_category_from_name(cats[i]);

		if (!c)
			rc = trc_fail(err, TRC_ERR_INVALID,
				      "parameter "
				      "'stop_at': unknown category '%s'",
				      cats[i]);
		ov->stop_mask |= 1u << c;
	}
	strv_free(cats, n);
	return rc;
}

static enum trc_err policy_arg(const char *v, struct case_overrides *ov,
			       struct trc_error *err)
{
	ov->has_policy = true;
	if (!trace_policy_from_name(v, &ov->policy))
		return trc_fail(err, TRC_ERR_INVALID,
				"parameter 'policy': "
				"unknown policy '%s' (poison, haircut, fifo, "
				"lifo, tiho)",
				v);
	return TRC_OK;
}

/* As --min: base units or an amount with a unit ("1.5btc"), read by
 * case_trace with the chain's units. */
static enum trc_err min_arg(const char *v, struct case_overrides *ov,
			    struct trc_error *err)
{
	ov->has_min = true;
	return set_str(&ov->min_text, v, err);
}

/* One trace option; TRC_ERR_NOTFOUND when name is none of them. */
static enum trc_err one(const char *name, const char *v,
			struct case_overrides *ov, struct trc_error *err)
{
	unsigned w = 0;
	enum trc_err rc;

	if (!strcmp(name, "chain"))
		return set_str(&ov->chain, v, err);
	if (!strcmp(name, "network"))
		return set_str(&ov->network, v, err);
	if (!strcmp(name, "seed"))
		return strv_push(&ov->seed_addrs, &ov->n_seed_addrs, v, err);
	if (!strcmp(name, "seed_tx"))
		return strv_push(&ov->seed_outs, &ov->n_seed_outs, v, err);
	if (!strcmp(name, "policy"))
		return policy_arg(v, ov, err);
	if (!strcmp(name, "hops")) {
		ov->has_hops = true;
		return uint_arg(name, v, 1, CASE_HOPS_MAX, &ov->hops, err);
	}
	if (!strcmp(name, "min"))
		return min_arg(v, ov, err);
	if (!strcmp(name, "since"))
		return time_arg(name, v, &ov->since, &ov->has_since, err);
	if (!strcmp(name, "until"))
		return time_arg(name, v, &ov->until, &ov->has_until, err);
	if (!strcmp(name, "hub_txs")) {
		ov->has_hub = true;
		return uint_arg(name, v, 0, CASE_HUB_MAX, &ov->hub_txs, err);
	}
	if (!strcmp(name, "stop_at"))
		return stop_arg(v, ov, err);
	if (!strcmp(name, "no_cluster")) {
		ov->no_cluster = true;
		return TRC_OK;
	}
	if (!strcmp(name, "deposit_window")) {
		ov->has_window = true;
		rc = uint_arg(name, v, 0, 100000000, &w, err);
		ov->deposit_window = w;
		return rc;
	}
	if (!strcmp(name, "deposit_share")) {
		ov->has_share = true;
		return uint_arg(name, v, 0, 100, &ov->deposit_share_pct, err);
	}
	return TRC_ERR_NOTFOUND;
}

static bool listed(const char *const *also, const char *name)
{
	for (; also && *also; also++)
		if (!strcmp(*also, name))
			return true;
	return false;
}

enum trc_err serve_params(const struct serve_req *req, const char *const *also,
			  struct case_overrides *ov, struct trc_error *err)
{
	if (req->too_many_args)
		return trc_fail(err, TRC_ERR_INVALID,
				"more than %d "
				"parameters",
				SERVE_ARGS_MAX);
	for (size_t i = 0; i < req->n_args; i++) {
		const char *name = req->args[i].name;
		const char *v = req->args[i].value ? req->args[i].value : "";
		enum trc_err rc;

		if (listed(also, name))
			continue;
		rc = one(name, v, ov, err);
		if (rc == TRC_ERR_NOTFOUND)
			return trc_fail(err, TRC_ERR_INVALID,
					"unknown parameter '%s'", name);
		if (rc)
			return rc;
	}
	return TRC_OK;
}
