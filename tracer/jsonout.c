#include "tracer/jsonout.h"

#include "tracer/cli.h"

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

json_t *jsonout_amount(trc_amount a)
{
	char s[AMOUNT_STR_MAX];

	return json_string(amount_format(s, sizeof(s), a, 0, false));
}

json_t *jsonout_amount_fmt(trc_amount a, unsigned decimals)
{
	char s[AMOUNT_STR_MAX];

	return json_string(amount_format(s, sizeof(s), a, decimals, true));
}
