/*
 * Trace options recorded once, replayed per case through trace_opts.
 */
#include "tracer/cli/report_trace.h"

#include <stdlib.h>

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

int report_trace_case(struct cli *cli, const struct report_topts *o,
		      const char *path, struct trc_case *kase,
		      const struct chain_ops **ops,
		      struct trace_result **res)
{
	struct trace_cli t;
	struct trc_error err = TRC_ERROR_INIT;
	int rc = EXIT_OK;

	*ops = NULL;
	*res = NULL;
	if (case_load(kase, path, &err))
		return cli_fail(&err);
	trace_cli_init(&t);
	/* trace_cli_finish loads the case itself, under the options */
	rc = trace_cli_option(cli, &t, TRACE_CLI_CASE, path);
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
