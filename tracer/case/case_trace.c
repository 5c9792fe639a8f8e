#include "tracer/case/case_trace.h"

#include <stdlib.h>
#include <string.h>

#include "base/strv.h"
#include "store/tags.h"

void case_overrides_init(struct case_overrides *ov)
{
	memset(ov, 0, sizeof(*ov));
	ov->since = ov->until = TRACE_TIME_NONE;
}

void case_overrides_release(struct case_overrides *ov)
{
	free(ov->chain);
	free(ov->network);
	free(ov->min_text);
	strv_free(ov->seed_addrs, ov->n_seed_addrs);
	strv_free(ov->seed_outs, ov->n_seed_outs);
	case_overrides_init(ov);
}

void case_trace_init(struct case_trace *t)
{
	memset(t, 0, sizeof(*t));
	trace_opts_init(&t->o);
}

void case_trace_release(struct case_trace *t)
{
	free(t->network);
	strv_free(t->addrs, t->n_addrs);
	free(t->outs);
	case_trace_init(t);
}

const struct chain_ops *case_trace_chain(const struct trc_case *k,
					 const struct case_overrides *ov,
					 struct trc_error *err)
{
	const char *name = ov->chain ? ov->chain : k ? k->chain : NULL;
	const struct chain_ops *ops;

	if (!name) {
		trc_fail(err, TRC_ERR_INVALID, "--chain is required");
		return NULL;
	}
	if (!(ops = chain_find(name)))
		trc_fail(err, TRC_ERR_INVALID, "unknown chain '%s' (%s)", name,
			 chain_names());
	return ops;
}

const char *case_trace_network(const struct chain_ops *chain,
			       const struct trc_case *k,
			       const struct case_overrides *ov,
			       const char *db_network,
			       enum case_net_source *from)
{
	enum case_net_source f = ov->network	   ? CASE_NET_GIVEN
				 : k && k->network ? CASE_NET_CASE
				 : db_network	   ? CASE_NET_DB
						   : CASE_NET_DEFAULT;

	if (from)
		*from = f;
	return f == CASE_NET_GIVEN  ? ov->network
	       : f == CASE_NET_CASE ? k->network
	       : f == CASE_NET_DB   ? db_network
				    : chain->default_network;
}

/* The one network rule: given, else the case's, else the database's. */
static enum trc_err pick_network(struct case_trace *t, const struct trc_case *k,
				 const struct case_overrides *ov,
				 const char *db_network, struct trc_error *err)
{
	const char *net = case_trace_network(t->chain, k, ov, db_network, NULL);

	if (t->chain->network_valid && !t->chain->network_valid(net))
		return trc_fail(err, TRC_ERR_INVALID, "unknown %s network '%s'",
				t->chain->name, net);
	if (db_network && strcmp(db_network, net))
		return trc_fail(err, TRC_ERR_INVALID,
				"the database holds %s network '%s', not '%s'",
				t->chain->name, db_network, net);
	if (!(t->network = strdup(net)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

/* The case's limits first, then what the command line gives. */
static enum trc_err set_limits(struct trace_opts *o,
			       const struct chain_ops *chain,
			       const struct trc_case *k,
			       const struct case_overrides *ov,
			       struct trc_error *err)
{
	if (k && k->policy && !trace_policy_from_name(k->policy, &o->policy))
		return trc_fail(err, TRC_ERR_INVALID,
				"case: unknown policy '%s'", k->policy);
	if (k && k->has_hops)
		o->hops = k->hops;
	if (k && k->has_min)
		o->min = k->min;
	if (k && k->has_hub_txs)
		o->hub_txs = k->hub_txs;
	if (k && k->since != CASE_TIME_NONE)
		o->since = k->since;
	if (k && k->until != CASE_TIME_NONE)
		o->until = k->until;
	if (k && k->stop_at) {
		o->stop_mask = 0;
		for (size_t i = 0; i < k->n_stop_at; i++) {
			enum tag_category c =
				tag_category_from_name(k->stop_at[i]);

			if (!c)
				return trc_fail(err, TRC_ERR_INVALID,
						"case: unknown category '%s'",
						k->stop_at[i]);
			o->stop_mask |= 1u << c;
		}
	}
	if (ov->has_policy)
		o->policy = ov->policy;
	if (ov->has_hops)
		o->hops = ov->hops;
	if (ov->has_min &&
	    chain_amount_parse(chain, ov->min_text, &o->min, NULL, err))
		return trc_error_prefix(err, TRC_ERR_INVALID, "--min");
	if (ov->has_hub)
		o->hub_txs = ov->hub_txs;
	if (ov->has_since)
		o->since = ov->since;
	if (ov->has_until)
		o->until = ov->until;
	if (ov->has_stop)
		o->stop_mask = ov->stop_mask;
	if (ov->no_cluster)
		o->cluster = false;
	if (ov->has_window)
		o->deposit_window = ov->deposit_window;
	if (ov->has_share)
		o->deposit_share_pct = ov->deposit_share_pct;
	if (o->since != TRACE_TIME_NONE && o->until != TRACE_TIME_NONE &&
	    o->until < o->since)
		return trc_fail(err, TRC_ERR_INVALID,
				"--until is before --since: nothing could be "
				"traced");
	return TRC_OK;
}

static enum trc_err add_seed(struct case_trace *t, const char *seed,
			     bool outpoint, struct trc_error *err)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct case_seed s;
	enum trc_err rc;

	/* name the seed once: the codec's message often names it already */
	if ((rc = case_seed_parse(t->chain->name, t->network, seed, &s, &e)))
		return strstr(e.msg, seed)
			       ? trc_fail(err, rc, "%s", e.msg)
			       : trc_fail(err, rc, "seed '%.80s': %s", seed,
					  e.msg);
	if (s.is_outpoint != outpoint)
		return trc_fail(err, TRC_ERR_PARSE,
				outpoint ? "seed '%.80s': expected TXID:N"
					 : "seed '%.80s': expected an address",
				seed);
	if (!outpoint)
		return strv_push(&t->addrs, &t->n_addrs, s.address, err);
	memcpy(t->outs[t->n_outs].txid, s.txid, 32);
	t->outs[t->n_outs++].n = s.n;
	return TRC_OK;
}

static enum trc_err set_seeds(struct case_trace *t, const struct trc_case *k,
			      const struct case_overrides *ov,
			      struct trc_error *err)
{
	bool given = ov->n_seed_addrs || ov->n_seed_outs;
	size_t n = given ? ov->n_seed_outs + ov->n_seed_addrs
		   : k	 ? k->n_seeds
			 : 0;
	enum trc_err rc = TRC_OK;

	if (!n)
		return trc_fail(err, TRC_ERR_INVALID,
				"give at least one --seed or --seed-tx");
	if (!(t->outs = calloc(n, sizeof(*t->outs))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; given && !rc && i < ov->n_seed_addrs; i++)
		rc = add_seed(t, ov->seed_addrs[i], false, err);
	for (size_t i = 0; given && !rc && i < ov->n_seed_outs; i++)
		rc = add_seed(t, ov->seed_outs[i], true, err);
	for (size_t i = 0; !given && !rc && i < k->n_seeds; i++)
		rc = add_seed(t, k->seeds[i],
			      case_seed_is_outpoint(k->seeds[i]), err);
	return rc;
}

enum trc_err case_trace_resolve(struct case_trace *out,
				const struct trc_case *k,
				const struct case_overrides *ov,
				const char *db_network, struct trc_error *err)
{
	enum trc_err rc;

	if (!(out->chain = case_trace_chain(k, ov, err)))
		return TRC_ERR_INVALID;
	if ((rc = set_limits(&out->o, out->chain, k, ov, err)) ||
	    (rc = pick_network(out, k, ov, db_network, err)) ||
	    (rc = set_seeds(out, k, ov, err))) {
		case_trace_release(out);
		return rc;
	}
	out->o.chain = out->chain->id;
	out->o.network = out->network;
	out->o.native_asset = out->chain->asset;
	out->o.native_decimals = out->chain->decimals;
	out->o.txid_format = out->chain->txid_format;
	out->o.seed_addrs = (const char *const *)out->addrs;
	out->o.n_seed_addrs = out->n_addrs;
	out->o.seed_outs = out->outs;
	out->o.n_seed_outs = out->n_outs;
	return TRC_OK;
}
