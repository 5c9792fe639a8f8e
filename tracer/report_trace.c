/*
 * Trace options recorded once, replayed per case through trace_opts.
 */
#include "tracer/report_trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_topts_release(struct report_topts *o)
{
	free(o->v);
	o->v = NULL;
	o->n = 0;
}

int report_topts_take(struct cli *cli, struct report_topts *o, int c,
		      const char *arg)
{
	struct trace_cli probe;
	struct report_topt *nv;
	int rc;

	trace_cli_init(&probe);
	rc = trace_cli_option(cli, &probe, c, arg);
	trace_cli_release(&probe);
	if (rc)
		return rc;
	nv = realloc(o->v, (o->n + 1) * sizeof(*nv));
	if (!nv)
		return cli_error("out of memory");
	o->v = nv;
	nv[o->n].c = c;
	nv[o->n].arg = arg;
	o->n++;
	return EXIT_OK;
}

/* Text forms of the case's values, alive while the trace options borrow
 * them. */
struct case_text {
	char hops[16], hub[16], min[AMOUNT_STR_MAX];
	char since[21], until[21];
	char stop[512];
};

/* "<64 hex digits>:<n>" is an output; anything else an address. */
static bool is_outpoint(const char *s)
{
	const char *c = strchr(s, ':');

	return c && c - s == 64;
}

static void join_stop(const struct trc_case *k, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < k->n_stop_at && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "," : "",
				      k->stop_at[i]);
}

/*
 * The case's values as the trace options `tracer trace` would take
 * (chain, network, seeds, policy, limits), given before the command
 * line's, which therefore override them.
 */
static int case_options(struct cli *cli, struct trace_cli *t,
			const struct trc_case *k, struct case_text *x)
{
	int rc = trace_cli_option(cli, t, 1000, k->chain);

	if (!rc && k->network)
		rc = trace_cli_option(cli, t, 1001, k->network);
	for (size_t i = 0; i < k->n_seeds && !rc; i++)
		rc = trace_cli_option(cli, t, is_outpoint(k->seeds[i]) ? 1003
								      : 1002,
				      k->seeds[i]);
	if (!rc && k->policy)
		rc = trace_cli_option(cli, t, 1005, k->policy);
	snprintf(x->hops, sizeof(x->hops), "%u", k->hops);
	if (!rc && k->has_hops)
		rc = trace_cli_option(cli, t, 1006, x->hops);
	amount_format(x->min, sizeof(x->min), k->min, 0, false);
	if (!rc && k->has_min)
		rc = trace_cli_option(cli, t, 1007, x->min);
	case_format_time(k->since, x->since);
	if (!rc && k->since != CASE_TIME_NONE)
		rc = trace_cli_option(cli, t, 1008, x->since);
	case_format_time(k->until, x->until);
	if (!rc && k->until != CASE_TIME_NONE)
		rc = trace_cli_option(cli, t, 1009, x->until);
	snprintf(x->hub, sizeof(x->hub), "%u", k->hub_txs);
	if (!rc && k->has_hub_txs)
		rc = trace_cli_option(cli, t, 1010, x->hub);
	join_stop(k, x->stop, sizeof(x->stop));
	if (!rc && k->n_stop_at)
		rc = trace_cli_option(cli, t, 1011, x->stop);
	return rc;
}

int report_trace_case(struct cli *cli, const struct report_topts *o,
		      const char *path, struct trc_case *kase,
		      const struct chain_ops **ops,
		      struct trace_result **res)
{
	struct trace_cli t;
	struct case_text x;
	struct trc_error err = TRC_ERROR_INIT;
	int rc;

	*ops = NULL;
	*res = NULL;
	if (case_load(kase, path, &err))
		return cli_fail(&err);
	trace_cli_init(&t);
	rc = case_options(cli, &t, kase, &x);
	for (size_t i = 0; i < o->n && !rc; i++)
		rc = trace_cli_option(cli, &t, o->v[i].c, o->v[i].arg);
	if (!rc)
		rc = trace_cli_finish(cli, &t);
	if (!rc)
		rc = trace_cli_run(cli, &t, res);
	if (!rc)
		*ops = t.chain;
	trace_cli_release(&t);
	if (rc)
		case_release(kase);
	return rc;
}
