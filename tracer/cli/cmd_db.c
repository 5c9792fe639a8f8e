/*
 * tracer db stats|check|upgrade - what the database holds, whether every
 * record in it decodes, and the conversion of an older schema.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "store/chaindb.h"
#include "store/dbcheck.h"
#include "store/keys.h"
#include "store/upgrade.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"

const char CMD_DB_USAGE[] =
	"tracer db stats|check|upgrade [--json] [--batch N]\n"
	"\n"
	"  stats   counts of records per table, bytes on disk, schema version\n"
	"  check   decode every record; print the count of bad ones and a\n"
	"          content digest (SHA-256) that is the same for any two\n"
	"          databases holding the same chain data, however and\n"
	"          whenever it was fetched (provenance is left out)\n"
	"  upgrade convert a schema version 1 or 2 database to version 3\n"
	"          in place, a batch at a time; killed, it continues where\n"
	"          it stopped when run again\n"
	"\n"
	"Options:\n"
	"  --json     print a JSON object instead of text\n"
	"  --batch N  upgrade: transactions (or addresses) per batch\n"
	"             (default 2000)\n"
	"\n"
	"A new database is created when --db names a directory without one.\n"
	"Exit status: 0 ok, 1 error (for check: any record fails), 2 usage.\n";

struct db_args {
	bool json;
	uint32_t batch; /* 0: the default */
};

static int parse(struct cli *cli, int argc, char **argv, struct db_args *a)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "batch", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	char *end;
	unsigned long v;

	a->json = cli->json;
	a->batch = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'j') {
			a->json = true;
		} else if (c == 'b') {
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || *end || !*optarg || *optarg == '-' || !v ||
			    v > 1000000)
				return cli_usage_error(
					cli->cmd,
					"--batch needs a number from 1 to "
					"1000000, not '%s'",
					optarg);
			a->batch = (uint32_t)v;
		} else {
			return cli_bad_option(cli->cmd, c, argv);
		}
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
			json_object_set_new(
				tables, table_name((uint8_t)t),
				json_integer((json_int_t)st.count[t]));
	json_object_set_new(root, "tables", tables);
	return jsonout_emit(stdout, root);
}

static int run_check(struct cli *cli, bool json)
{
	struct dbcheck_result res;
	struct trc_error err = TRC_ERROR_INIT;
	char digest[65];
	json_t *root;

	if (upgrade_require_current(cli->store, &err) ||
	    dbcheck_run(cli->store, &res, &err))
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

/*
 * After each batch. TRACER_TEST_KILL_AFTER_BATCHES=N kills the process
 * with SIGKILL after batch N, so that the tests can show that a killed
 * upgrade continues to the same result.
 */
static int on_batch(void *ctx, const struct upgrade_stats *st)
{
	const struct cli *cli = ctx;
	const char *kill_at = getenv("TRACER_TEST_KILL_AFTER_BATCHES");

	cli_verbose(
		cli,
		"upgrade: %llu transactions moved, %llu index "
		"entries deleted, %llu addresses packed, %llu "
		"history sends derived",
		(unsigned long long)st->txs, (unsigned long long)st->deleted,
		(unsigned long long)st->addrs, (unsigned long long)st->sends);
	if (kill_at && st->batches == strtoull(kill_at, NULL, 10))
		raise(SIGKILL);
	return 0;
}

static int run_upgrade(struct cli *cli, const struct db_args *a)
{
	struct upgrade_opts o = { a->batch, on_batch, cli };
	struct upgrade_stats st;
	struct trc_error err = TRC_ERROR_INIT;
	json_t *root;

	if (upgrade_run(cli->store, &o, &st, &err))
		return cli_fail(&err);
	if (!a->json) {
		if (st.was_current)
			printf("schema version %u already: nothing to do\n",
			       STORE_SCHEMA_VERSION);
		else
			printf("upgraded to schema version %u: %llu "
			       "transactions moved, %llu index entries "
			       "deleted, %llu addresses packed, %llu "
			       "history sends derived\n",
			       STORE_SCHEMA_VERSION, (unsigned long long)st.txs,
			       (unsigned long long)st.deleted,
			       (unsigned long long)st.addrs,
			       (unsigned long long)st.sends);
		return EXIT_OK;
	}
	root = json_object();
	json_object_set_new(root, "schema_version",
			    json_integer(STORE_SCHEMA_VERSION));
	json_object_set_new(root, "upgraded", json_boolean(!st.was_current));
	json_object_set_new(root, "txs", json_integer((json_int_t)st.txs));
	json_object_set_new(root, "deleted",
			    json_integer((json_int_t)st.deleted));
	json_object_set_new(root, "addresses_packed",
			    json_integer((json_int_t)st.addrs));
	json_object_set_new(root, "sends_derived",
			    json_integer((json_int_t)st.sends));
	return jsonout_emit(stdout, root) ? EXIT_ERROR : EXIT_OK;
}

int cmd_db(struct cli *cli, int argc, char **argv)
{
	struct db_args a;
	int rc;
	const char *sub;

	if (argc < 2)
		return cli_usage_error(
			cli->cmd, "db needs 'stats', 'check' or 'upgrade'");
	sub = argv[1];
	rc = parse(cli, argc - 1, argv + 1, &a);
	if (rc)
		return rc;
	if (optind < argc - 1)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind + 1]);
	if (!strcmp(sub, "stats"))
		return run_stats(cli, a.json);
	if (!strcmp(sub, "check"))
		return run_check(cli, a.json);
	if (!strcmp(sub, "upgrade"))
		return run_upgrade(cli, &a);
	return cli_usage_error(cli->cmd, "unknown db command '%s'", sub);
}
