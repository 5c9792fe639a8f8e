#include "tracer/cli/jsonout.h"

#include "tracer/cli/cli.h"

int jsonout_emit(FILE *f, json_t *root)
{
	int rc;

	if (!root)
		return cli_error("out of memory building JSON output");
	rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc || fputc('\n', f) == EOF)
		return cli_error("cannot write JSON output");
	return EXIT_OK;
}

json_t *jsonout_strings(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(v[i]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}
