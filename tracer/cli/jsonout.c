#include "tracer/cli/jsonout.h"

#include "tracer/cli/cli.h"

int jsonout_emit(FILE *f, json_t *root)
{
	int rc;

	root = rjson_finish(root);
	if (!root)
		return cli_error("out of memory building JSON output");
	rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc || fputc('\n', f) == EOF)
		return cli_error("cannot write JSON output");
	return EXIT_OK;
}
