#include "tracer/cli/dbpath.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum trc_err join(char **out, const char *a, const char *b,
			 struct trc_error *err)
{
	size_t n = strlen(a) + strlen(b) + 1;

	*out = malloc(n);
	if (!*out)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	snprintf(*out, n, "%s%s", a, b);
	return TRC_OK;
}

enum trc_err dbpath_default(char **path, struct trc_error *err)
{
	const char *v;

	*path = NULL;
	if ((v = getenv("TRACER_DB")) && *v)
		return join(path, v, "", err);
	if ((v = getenv("XDG_DATA_HOME")) && *v)
		return join(path, v, "/tracer/db", err);
	if ((v = getenv("HOME")) && *v)
		return join(path, v, "/.local/share/tracer/db", err);
	return trc_fail(err, TRC_ERR_INVALID,
			"no database directory: give --db DIR or set "
			"TRACER_DB");
}
