/*
 * trace_opts.c - the trace options of the CLI: parsed into a struct
 * case_overrides, resolved with a case by case_trace_resolve.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "store/chaindb.h"
#include "tracer/case/case_opts.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/progress.h"
#include "tracer/cli/trace_opts.h"

void trace_cli_init(struct trace_cli *t)
{
	memset(t, 0, sizeof(*t));
	case_overrides_init(&t->ov);
	case_trace_init(&t->tr);
	case_init(&t->kase);
	case_cross_init(&t->cross);
}

void trace_cli_release(struct trace_cli *t)
{
	case_cross_release(&t->cross);
	case_overrides_release(&t->ov);
	case_trace_release(&t->tr);
	case_release(&t->kase);
	memset(t, 0, sizeof(*t));
}

/* The getopt_long table of the trace options, to name an option by its
 * value. */
static const struct option trace_options[] = { TRACE_CLI_OPTIONS };

int trace_cli_override(struct cli *cli, struct case_overrides *ov, int c,
		       const char *arg)
{
	struct trc_error err = TRC_ERROR_INIT;
	const struct case_opt *o = NULL;

	for (size_t i = 0; i < sizeof(trace_options) / sizeof(*trace_options);
	     i++)
		if (trace_options[i].val == c)
			o = case_opt_find(trace_options[i].name);
	if (!o)
		return -1;
	if (!case_opt_set(ov, o, arg, &err))
		return EXIT_OK;
	if (err.code == TRC_ERR_NOMEM)
		return cli_fail(&err);
	return cli_usage_error(cli->cmd, "--%s: %s", o->name, err.msg);
}

int trace_cli_option(struct cli *cli, struct trace_cli *t, int c,
		     const char *arg)
{
	if (c == TRACE_CLI_CASE) {
		t->case_path = arg;
		return EXIT_OK;
	}
	return trace_cli_override(cli, &t->ov, c, arg);
}

/*
 * After case_trace_resolve refused the seeds given: the diagnosis of the
 * first wrong one (addrarg.h). Returns EXIT_USAGE when one was printed,
 * else EXIT_OK.
 */
static int diagnose_seeds(const struct chain_ops *ops, const struct trc_case *k,
			  const struct case_overrides *ov, const char *stored)
{
	static const enum addrarg_from from_of[] = {
		[CASE_NET_GIVEN] = ADDRARG_GIVEN,
		[CASE_NET_CASE] = ADDRARG_CASE,
		[CASE_NET_DB] = ADDRARG_DATABASE,
		[CASE_NET_DEFAULT] = ADDRARG_DEFAULT,
	};
	struct addrarg a = { ops, NULL, ADDRARG_DEFAULT,
			     "use --seed-tx TXID:N" };
	enum case_net_source src;
	char msg[1024], out[256];

	a.network = case_trace_network(ops, k, ov, stored, &src);
	a.from = from_of[src];
	if (!ops->network_valid || !ops->network_valid(a.network))
		return EXIT_OK;
	for (size_t i = 0; i < ov->n_seed_addrs; i++)
		if (addrarg_explain(&a, ov->seed_addrs[i], msg, sizeof(msg)))
			return cli_usage_error(NULL, "--seed: %s", msg);
	for (size_t i = 0; i < ov->n_seed_outs; i++)
		if (addrarg_outpoint(&a, ov->seed_outs[i], out, sizeof(out)))
			return EXIT_USAGE;
	return EXIT_OK;
}

/* A bare --min is base units: echoed in coins ("--min 150000000 = 1.5
 * BTC"). */
static void echo_min(struct cli *cli, const struct chain_ops *ops,
		     const struct case_overrides *ov)
{
	char v[AMOUNT_STR_MAX];
	trc_amount a;
	bool unit;

	if (ov->has_min &&
	    !chain_amount_parse(ops, ov->min_text, &a, &unit, NULL) && !unit)
		cli_info(cli, "--min %s = %s %s", ov->min_text,
			 amount_format(v, sizeof(v), a, ops->decimals, true),
			 ops->asset);
}

/* case_trace_resolve with the network the database records. */
static int resolve(struct cli *cli, struct case_trace *tr,
		   const struct trc_case *k, const struct case_overrides *ov)
{
	struct trc_error err = TRC_ERROR_INIT;
	const struct chain_ops *ops;
	char *stored = NULL;
	enum trc_err rc;
	int urc;

	if (!(ops = case_trace_chain(k, ov, &err)))
		return cli_usage_error(cli->cmd, "%s", err.msg);
	if (chaindb_get_network(cli->store, ops->id, &stored, &err))
		return cli_fail(&err);
	rc = case_trace_resolve(tr, k, ov, stored, &err);
	if (!rc)
		echo_min(cli, ops, ov);
	urc = rc && rc != TRC_ERR_NOMEM ? diagnose_seeds(ops, k, ov, stored)
					: EXIT_OK;
	free(stored);
	if (urc)
		return urc;
	if (rc == TRC_ERR_NOMEM)
		return cli_fail(&err);
	if (rc)
		return cli_usage_error(cli->cmd, "%s", err.msg);
	return EXIT_OK;
}

int trace_cli_finish(struct cli *cli, struct trace_cli *t)
{
	struct trc_error err = TRC_ERROR_INIT;

	int rc;

	if (t->case_path && case_load(&t->kase, t->case_path, &err))
		return cli_fail(&err);
	rc = resolve(cli, &t->tr, t->case_path ? &t->kase : NULL, &t->ov);
	if (!rc &&
	    case_cross_prepare(&t->cross, cli->store,
			       t->case_path ? &t->kase : NULL, t->case_path,
			       &t->tr.o, t->tr.chain, &err))
		return cli_fail(&err);
	return rc;
}

static void on_trace_progress(void *ctx, const struct trace_progress *tp)
{
	progress_trace(ctx, tp->txs_scanned, tp->queued, tp->addresses);
}

/* trace_run with a progress line on a terminal (tracer/cli/progress.h),
 * none when JSON is written (json, or cli_json_mode). */
static enum trc_err run_shown(struct cli *cli, struct trace_opts *o,
			      const char *what, bool json,
			      struct trace_result **r, struct trc_error *err)
{
	struct progress p;
	enum trc_err rc;

	progress_init(&p, cli);
	p.what = what;
	if (json || cli_json_mode())
		p.enabled = false;
	o->on_progress = p.enabled ? on_trace_progress : NULL;
	o->progress_ctx = &p;
	rc = trace_run(cli->store, o, r, err);
	o->on_progress = NULL;
	o->progress_ctx = NULL;
	progress_clear(&p);
	return rc;
}

int trace_cli_run(struct cli *cli, struct trace_cli *t, struct trace_result **r)
{
	struct trc_error err = TRC_ERROR_INIT;

	if (run_shown(cli, &t->tr.o, NULL, t->json, r, &err))
		return cli_fail(&err);
	if (case_cross_follow(&t->cross, cli->store, &t->tr.o, t->tr.chain, r,
			      &err))
		return cli_fail(&err);
	return EXIT_OK;
}

int trace_cli_case(struct cli *cli, const struct case_overrides *ov,
		   const char *path, const char *what, struct trc_case *kase,
		   const struct chain_ops **ops, struct trace_result **res,
		   struct case_cross *cross)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct case_trace tr;
	int rc;

	*ops = NULL;
	*res = NULL;
	if (case_load(kase, path, &err))
		return cli_fail(&err);
	case_trace_init(&tr);
	rc = resolve(cli, &tr, kase, ov);
	if (!rc && cross &&
	    case_cross_prepare(cross, cli->store, kase, path, &tr.o, tr.chain,
			       &err))
		rc = cli_fail(&err);
	if (!rc && run_shown(cli, &tr.o, what, false, res, &err))
		rc = cli_fail(&err);
	if (!rc && cross &&
	    case_cross_follow(cross, cli->store, &tr.o, tr.chain, res, &err))
		rc = cli_fail(&err);
	if (!rc)
		*ops = tr.chain;
	case_trace_release(&tr);
	if (rc && cross)
		case_cross_release(cross);
	if (rc) {
		trace_result_free(*res);
		*res = NULL;
		case_release(kase);
	}
	return rc;
}
