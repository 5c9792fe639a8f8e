/*
 * params.c - the trace options of an API request (serve_int.h): the
 * query parameters named as `tracer trace`'s options (dashes become
 * underscores), set by the command line's own mapping
 * (tracer/case/case_opts.h): the same validation, the same messages.
 */
#include <stdlib.h>
#include <string.h>

#include "tracer/case/case_opts.h"
#include "tracer/serve/serve_int.h"

const char *serve_arg(const struct serve_req *req, const char *name)
{
	for (size_t i = 0; i < req->n_args; i++)
		if (!strcmp(req->args[i].name, name))
			return req->args[i].value;
	return NULL;
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
		const struct case_opt *o;
		enum trc_err rc;

		if (listed(also, name))
			continue;
		/* the API spells options with '_' only ("seed_tx") */
		if (strchr(name, '-') || !(o = case_opt_find(name)))
			return trc_fail(err, TRC_ERR_INVALID,
					"unknown parameter '%s'", name);
		if ((rc = case_opt_set(ov, o, v, err)))
			return rc == TRC_ERR_NOMEM
				       ? rc
				       : trc_error_prefix(err, rc,
							  "parameter '%s'",
							  name);
	}
	return TRC_OK;
}
