/*
 * tracer db stats|check - what the database holds, and whether every
 * record in it decodes.
 */
#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "store/chaindb.h"
#include "store/dbcheck.h"
#include "store/keys.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"

const char CMD_DB_USAGE[] =
	"tracer db stats|check [--json]\n"
	"\n"
	"  stats   counts of records per table, bytes on disk, schema version\n"
	"  check   decode every record; print the count of bad ones and a\n"
	"          content digest (SHA-256) that is the same for any two\n"
	"          databases holding the same chain data, however and\n"
	"          whenever it was fetched (provenance is left out)\n"
	"\n"
	"Options:\n"
	"  --json  print a JSON object instead of text\n"
	"\n"
	"A new database is created when --db names a directory without one.\n"
	"Exit status: 0 ok, 1 error (for check: any record fails), 2 usage.\n";

static int parse(struct cli *cli, int argc, char **argv, bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*json = cli->json;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'j')
			*json = true;
		else
			return cli_bad_option(cli->cmd, c, argv);
	}
	return EXIT_OK;
}

static int run_stats(struct cli *cli, bool json)
{
	struct dbstats st;
	struct trc_error err = TRC_ERROR_INIT;
	json_t *root, *tables;

	if (dbcheck_stats(cli->store, &st, &err))
		return cli_fail(&err);
	if (!json) {
		printf("database        %s\n", store_path(cli->store));
		printf("schema version  %u\n", st.schema_version);
		printf("bytes on disk   %llu\n",
		       (unsigned long long)st.disk_bytes);
		for (int t = 0; t < DBCHECK_TABLES; t++)
			if (table_name((uint8_t)t))
				printf("%-15s %llu\n", table_name((uint8_t)t),
				       (unsigned long long)st.count[t]);
		return EXIT_OK;
	}
	root = json_object();
	tables = json_object();
	json_object_set_new(root, "path", json_string(store_path(cli->store)));
	json_object_set_new(root, "schema_version",
			    json_integer(st.schema_version));
	json_object_set_new(root, "disk_bytes",
			    json_integer((json_int_t)st.disk_bytes));
	for (int t = 0; t < DBCHECK_TABLES; t++)
		if (table_name((uint8_t)t))
			json_object_set_new(tables, table_name((uint8_t)t),
					    json_integer((json_int_t)
							 st.count[t]));
	json_object_set_new(root, "tables", tables);
	return jsonout_emit(stdout, root);
}

static int run_check(struct cli *cli, bool json)
{
	struct dbcheck_result res;
	struct trc_error err = TRC_ERROR_INIT;
	char digest[65];
	json_t *root;

	if (dbcheck_run(cli->store, &res, &err))
		return cli_fail(&err);
	hex_encode(digest, res.digest, 32);
	if (!json) {
		printf("records  %llu\n", (unsigned long long)res.records);
		printf("bad      %llu\n", (unsigned long long)res.bad);
		printf("digest   %s\n", digest);
		if (res.bad)
			cli_error("%llu records do not decode; first: %s",
				  (unsigned long long)res.bad, res.first_bad);
		return res.bad ? EXIT_ERROR : EXIT_OK;
	}
	root = json_object();
	json_object_set_new(root, "records",
			    json_integer((json_int_t)res.records));
	json_object_set_new(root, "bad", json_integer((json_int_t)res.bad));
	json_object_set_new(root, "first_bad",
			    res.bad ? json_string(res.first_bad) : json_null());
	json_object_set_new(root, "digest", json_string(digest));
	if (jsonout_emit(stdout, root))
		return EXIT_ERROR;
	return res.bad ? EXIT_ERROR : EXIT_OK;
}

int cmd_db(struct cli *cli, int argc, char **argv)
{
	bool json;
	int rc;
	const char *sub;

	if (argc < 2)
		return cli_usage_error(cli->cmd, "db needs 'stats' or 'check'");
	sub = argv[1];
	rc = parse(cli, argc - 1, argv + 1, &json);
	if (rc)
		return rc;
	if (optind < argc - 1)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind + 1]);
	if (!strcmp(sub, "stats"))
		return run_stats(cli, json);
	if (!strcmp(sub, "check"))
		return run_check(cli, json);
	return cli_usage_error(cli->cmd, "unknown db command '%s'", sub);
}
