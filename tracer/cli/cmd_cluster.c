/*
 * tracer cluster - the multi-input cluster of an address: its members
 * (with their tags), the tag an untagged address inherits, and for any
 * member the chain of transactions that links it to the address.
 */
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "store/chaindb.h"
#include "store/clusterdb.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"
#include "tracer/cli/progress.h"
#include "tracer/render/cluster_json.h"
#include "tracer/tags/tagexport.h"

const char CMD_CLUSTER_USAGE[] =
	"tracer cluster --chain C ADDR [--path MEMBER] [--members N]\n"
	"               [--network N] [--json]\n"
	"tracer cluster --chain C --rebuild [--json]\n"
	"\n"
	"Prints the multi-input cluster of ADDR (common-input ownership,\n"
	"CoinJoin-shaped transactions left out): its members with their\n"
	"tags, and the tag ADDR inherits when it has none of its own\n"
	"(inferred, with evidence). The clustering is kept in the database\n"
	"as transactions are stored, so this reads only ADDR's cluster;\n"
	"--rebuild recomputes it from every stored transaction of the chain\n"
	"(after the heuristics change; it gives the same result as the\n"
	"incremental one). A rebuild that is stopped leaves the clustering\n"
	"refused until it is run again.\n"
	"\n"
	"Options:\n"
	"  --chain C        btc or eth\n"
	"  --rebuild        recompute the chain's clustering (no ADDR)\n"
	"  --members N      list the first N members, in the order first\n"
	"                   stored (default 100; 0: all)\n"
	"  --network N      network of the addresses (default: the one the\n"
	"                   database records, else main)\n"
	"  --path MEMBER    print the chain of linking transactions from\n"
	"                   ADDR to MEMBER (each step: the tx both spent in)\n"
	"  --json           print JSON\n"
	"\n"
	"Exit status: 0 ok, 1 error (MEMBER not in the cluster), 2 usage.\n";

struct args {
	const struct chain_ops *chain;
	const char *network;
	const char *given_net; /* --network, or NULL */
	char *stored_net; /* the database's network, owned; NULL when none */
	char addr[CHAIN_ADDR_MAX], member[CHAIN_ADDR_MAX];
	bool has_member, json, rebuild;
	uint64_t max_members;
};

static int normalise(const struct args *a, const char *in, char *out)
{
	struct addrarg aa = { a->chain, NULL, ADDRARG_DEFAULT, NULL };

	aa.network = addrarg_network(a->chain, a->given_net, a->stored_net,
				     &aa.from);
	return addrarg_address(&aa, in, out);
}

static int parse(struct cli *cli, int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "chain", required_argument, NULL, 'c' },
		{ "network", required_argument, NULL, 'n' },
		{ "path", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "rebuild", no_argument, NULL, 'r' },
		{ "members", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	const char *chain = NULL, *member = NULL;
	int c, rc;

	a->json = cli->json;
	a->max_members = 100;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			chain = optarg;
			break;
		case 'n':
			a->network = optarg;
			break;
		case 'p':
			member = optarg;
			break;
		case 'j':
			a->json = true;
			break;
		case 'r':
			a->rebuild = true;
			break;
		case 'm':
			if (cli_parse_uint(cli->cmd, "--members", optarg, 0,
					   SIZE_MAX, &a->max_members))
				return EXIT_USAGE;
			break;
		default:
			return cli_bad_option(cli->cmd, c, argv);
		}
	}
	if (!chain)
		return cli_usage_error(cli->cmd, "--chain is required");
	if ((rc = addrarg_chain(chain, &a->chain)))
		return rc;
	a->given_net = a->network;
	if (!a->network) {
		struct trc_error err = TRC_ERROR_INIT;

		if (chaindb_get_network(cli->store, a->chain->id,
					&a->stored_net, &err))
			return cli_fail(&err);
		a->network = a->stored_net ? a->stored_net
					   : a->chain->default_network;
	}
	if (a->rebuild && (optind != argc || member))
		return cli_usage_error(cli->cmd, "--rebuild takes no ADDR "
						 "and no --path");
	if (a->rebuild)
		return EXIT_OK;
	if (optind + 1 != argc)
		return cli_usage_error(cli->cmd, "give exactly one ADDR");
	rc = normalise(a, argv[optind], a->addr);
	if (!rc && member) {
		a->has_member = true;
		rc = normalise(a, member, a->member);
	}
	return rc;
}

static void print_text(json_t *root)
{
	json_t *m = json_object_get(root, "members"), *v, *inf, *p;
	size_t i;

	long long size = json_integer_value(json_object_get(root, "size"));

	printf("address  %s\ncluster  %lld (%lld member%s; %lld "
	       "CoinJoin-shaped txs left out)\n",
	       json_string_value(json_object_get(root, "address")),
	       (long long)json_integer_value(json_object_get(root, "cluster")),
	       size, size == 1 ? "" : "s",
	       (long long)json_integer_value(
		       json_object_get(root, "coinjoins_excluded")));
	inf = json_object_get(root, "inferred");
	if (json_is_object(inf))
		printf("inferred %s (%s) from %s, evidence: %s\n",
		       json_string_value(json_object_get(inf, "entity")),
		       json_string_value(json_object_get(inf, "category")),
		       json_string_value(json_object_get(inf, "source")),
		       json_string_value(json_object_get(inf, "evidence")));
	if ((long long)json_array_size(m) < size)
		printf("\nmembers (the first %zu of %lld, in the order first "
		       "stored; --members 0 lists all):\n",
		       json_array_size(m), size);
	else
		printf("\nmembers:\n");
	json_array_foreach(m, i, v)
	{
		json_t *t = json_object_get(v, "tag");
		printf("  %-64s %s%s%s\n",
		       json_string_value(json_object_get(v, "address")),
		       json_is_object(t)
			       ? json_string_value(json_object_get(t, "entity"))
			       : "",
		       json_is_object(t) ? " " : "",
		       json_is_object(t) ? json_string_value(json_object_get(
						   t, "category"))
					 : "");
	}
	p = json_object_get(root, "path");
	if (!p)
		return;
	printf("\npath:\n");
	json_array_foreach(p, i, v)
	{
		json_t *tx = json_object_get(v, "txid");
		if (tx)
			printf("  -- both spent in %s\n",
			       json_string_value(tx));
		printf("  %s\n",
		       json_string_value(json_object_get(v, "address")));
	}
}

/*
 * After each batch of a rebuild. TRACER_TEST_KILL_AFTER_BATCHES=N kills
 * the process with SIGKILL after batch N, so that the tests can show what
 * a stopped rebuild leaves.
 */
struct rebuild_ui {
	const struct cli *cli;
	struct progress prog;
};

static int on_rebuild_batch(void *ctx, const struct clusterdb_rebuild_stats *st)
{
	static unsigned long long batches;
	struct rebuild_ui *u = ctx;
	const struct cli *cli = u->cli;
	char line[80], n[32];
	const char *kill_at = getenv("TRACER_TEST_KILL_AFTER_BATCHES");

	snprintf(line, sizeof(line), "cluster --rebuild: %s tx%s read",
		 progress_count(n, sizeof(n), st->txs),
		 st->txs == 1 ? "" : "s");
	progress_text(&u->prog, line);
	if (!u->prog.enabled)
		cli_verbose(cli,
			    "cluster rebuild: %llu transactions read, %llu "
			    "old entries removed",
			    (unsigned long long)st->txs,
			    (unsigned long long)st->deleted);
	if (kill_at && ++batches == strtoull(kill_at, NULL, 10))
		raise(SIGKILL);
	return 0;
}

static int run_rebuild(struct cli *cli, const struct args *a)
{
	struct clusterdb_rebuild_stats st;
	struct trc_error err = TRC_ERROR_INIT;
	struct rebuild_ui u = { .cli = cli };
	json_t *root;
	enum trc_err rc;

	/* the command table opens the database to read (store.h: no bloom
	 * filters then); a rebuild writes, so it opens it again to write */
	store_close(cli->store);
	cli->store = NULL;
	if (store_open(&cli->store, cli->db_path, 0, &err))
		return cli_fail(&err);
	progress_init(&u.prog, cli);
	if (a->json || cli_json_mode())
		u.prog.enabled = false;
	rc = clusterdb_rebuild(cli->store, a->chain->id, on_rebuild_batch, &u,
			       &st, &err);
	progress_clear(&u.prog);
	if (rc)
		return cli_fail(&err);
	if (!a->json) {
		printf("rebuilt the clustering of %s: %llu transaction%s read, "
		       "%llu cluster%s of two or more addresses\n",
		       a->chain->name, (unsigned long long)st.txs,
		       st.txs == 1 ? "" : "s", (unsigned long long)st.clusters,
		       st.clusters == 1 ? "" : "s");
		return EXIT_OK;
	}
	root = json_pack("{s:s, s:I, s:I, s:I}", "chain", a->chain->name, "txs",
			 (json_int_t)st.txs, "clusters",
			 (json_int_t)st.clusters, "deleted",
			 (json_int_t)st.deleted);
	return jsonout_emit(stdout, root) ? EXIT_ERROR : EXIT_OK;
}

int cmd_cluster(struct cli *cli, int argc, char **argv)
{
	struct args a;
	struct cluster_json_opts co;
	struct trc_error err = TRC_ERROR_INIT;
	json_t *root = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse(cli, argc, argv, &a);
	if (!rc && a.rebuild)
		rc = run_rebuild(cli, &a);
	else if (!rc) {
		co = (struct cluster_json_opts){ a.chain, a.network, a.addr,
						 a.has_member ? a.member : NULL,
						 (size_t)a.max_members };
		if (cluster_json(cli->store, &co, &root, &err))
			rc = cli_fail(&err);
	}
	free(a.stored_net);
	if (rc || a.rebuild)
		return rc;
	if (a.json)
		return cli_finish(jsonout_emit(stdout, root));
	print_text(root);
	json_decref(root);
	return cli_finish(EXIT_OK);
}
