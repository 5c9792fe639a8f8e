/*
 * tracer cluster - the multi-input cluster of an address: its members
 * (with their tags), the tag an untagged address inherits, and for any
 * member the chain of transactions that links it to the address.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "graph/cluster.h"
#include "store/chaindb.h"
#include "store/tags.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"

const char CMD_CLUSTER_USAGE[] =
	"tracer cluster --chain C ADDR [--path MEMBER] [--network N] "
	"[--json]\n"
	"\n"
	"Clusters every transaction of the chain in the database by common-\n"
	"input ownership (CoinJoin-shaped transactions left out) and prints\n"
	"the cluster of ADDR: its members with their tags, and the tag ADDR\n"
	"inherits when it has none of its own (inferred, with evidence).\n"
	"\n"
	"Options:\n"
	"  --chain C        btc or eth\n"
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
	bool has_member, json;
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
		{ NULL, 0, NULL, 0 },
	};
	const char *chain = NULL, *member = NULL;
	int c, rc;

	a->json = cli->json;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'c': chain = optarg; break;
		case 'n': a->network = optarg; break;
		case 'p': member = optarg; break;
		case 'j': a->json = true; break;
		default: return cli_bad_option(cli->cmd, c, argv);
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
	if (optind + 1 != argc)
		return cli_usage_error(cli->cmd, "give exactly one ADDR");
	rc = normalise(a, argv[optind], a->addr);
	if (!rc && member) {
		a->has_member = true;
		rc = normalise(a, member, a->member);
	}
	return rc;
}

static json_t *tag_json(struct cli *cli, const struct args *a,
			const char *addr, bool *failed)
{
	struct tag t = TAG_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	bool found = false;
	json_t *o;

	if (tags_best(cli->store, a->chain->id, addr, &t, &found, &err)) {
		cli_fail(&err);
		*failed = true;
		return json_null();
	}
	if (!found)
		return json_null();
	o = json_pack(
	    "{s:s, s:s, s:i}", "entity", t.entity ? t.entity : "", "category",
	    tag_category_name(t.category) ? tag_category_name(t.category)
					  : "other",
	    "confidence", (int)t.confidence);
	tag_release(&t);
	return o;
}

static json_t *inferred_json(const struct cluster_set *c,
			     const struct args *a, bool *failed)
{
	struct tag t;
	struct trc_error err = TRC_ERROR_INIT;
	bool found = false;
	json_t *o;

	if (cluster_infer(c, a->addr, a->chain->txid_format, &t, &found,
			  &err)) {
		cli_fail(&err);
		*failed = true;
		return json_null();
	}
	if (!found)
		return json_null();
	o = json_pack("{s:s, s:s, s:s, s:s}", "entity", t.entity,
		      "category", tag_category_name(t.category), "source",
		      t.source, "evidence", t.evidence ? t.evidence : "");
	tag_release(&t);
	return o;
}

static json_t *path_json(const struct cluster_set *c, const struct args *a,
			 bool *failed)
{
	struct cluster_link *steps = NULL;
	struct trc_error err = TRC_ERROR_INIT;
	size_t n = 0;
	json_t *arr;
	char txid[CHAIN_TXID_STR_MAX];

	if (cluster_path(c, a->addr, a->member, &steps, &n, &err)) {
		cli_fail(&err);
		*failed = true;
		return NULL;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "address",
				    json_string(steps[i].address));
		if (i) {
			a->chain->txid_format(steps[i].txid, txid);
			json_object_set_new(o, "txid", json_string(txid));
		}
		json_array_append_new(arr, o);
	}
	free(steps);
	return arr;
}

static json_t *members_json(struct cli *cli, const struct cluster_set *c,
			    const struct args *a, bool *failed)
{
	const char **m = NULL;
	size_t n = 0;
	struct trc_error err = TRC_ERROR_INIT;
	json_t *arr;

	if (cluster_members(c, a->addr, &m, &n, &err)) {
		cli_fail(&err);
		*failed = true;
		return NULL;
	}
	arr = json_array();
	for (size_t i = 0; i < n && !*failed; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o}", "address",
						     m[i], "tag",
						     tag_json(cli, a, m[i],
							      failed)));
	free(m);
	return arr;
}

static json_t *build(struct cli *cli, const struct cluster_set *c,
		     const struct args *a, bool *failed)
{
	json_t *root = json_object();

	json_object_set_new(root, "chain", json_string(a->chain->name));
	json_object_set_new(root, "address", json_string(a->addr));
	json_object_set_new(root, "cluster",
			    json_integer(cluster_id(c, a->addr)));
	json_object_set_new(root, "tag", tag_json(cli, a, a->addr, failed));
	json_object_set_new(root, "inferred", inferred_json(c, a, failed));
	json_object_set_new(root, "members", members_json(cli, c, a, failed));
	json_object_set_new(root, "coinjoins_excluded",
			    json_integer((json_int_t)cluster_coinjoins(c)));
	if (a->has_member && !*failed) {
		json_t *p = path_json(c, a, failed);
		if (p)
			json_object_set_new(root, "path", p);
	}
	return root;
}

static void print_text(json_t *root)
{
	json_t *m = json_object_get(root, "members"), *v, *inf, *p;
	size_t i;

	printf("address  %s\ncluster  %lld (%zu member%s; %lld CoinJoin-shaped "
	       "txs left out)\n",
	       json_string_value(json_object_get(root, "address")),
	       (long long)json_integer_value(json_object_get(root, "cluster")),
	       json_array_size(m), json_array_size(m) == 1 ? "" : "s",
	       (long long)json_integer_value(
		       json_object_get(root, "coinjoins_excluded")));
	inf = json_object_get(root, "inferred");
	if (json_is_object(inf))
		printf("inferred %s (%s) from %s, evidence: %s\n",
		       json_string_value(json_object_get(inf, "entity")),
		       json_string_value(json_object_get(inf, "category")),
		       json_string_value(json_object_get(inf, "source")),
		       json_string_value(json_object_get(inf, "evidence")));
	printf("\nmembers:\n");
	json_array_foreach(m, i, v) {
		json_t *t = json_object_get(v, "tag");
		printf("  %-64s %s%s%s\n",
		       json_string_value(json_object_get(v, "address")),
		       json_is_object(t) ? json_string_value(json_object_get(
						   t, "entity"))
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
	json_array_foreach(p, i, v) {
		json_t *tx = json_object_get(v, "txid");
		if (tx)
			printf("  -- both spent in %s\n",
			       json_string_value(tx));
		printf("  %s\n",
		       json_string_value(json_object_get(v, "address")));
	}
}

int cmd_cluster(struct cli *cli, int argc, char **argv)
{
	struct args a;
	struct cluster_set *c = NULL;
	struct cluster_opts co;
	struct trc_error err = TRC_ERROR_INIT;
	json_t *root = NULL;
	bool failed = false;
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse(cli, argc, argv, &a);
	if (rc) {
		free(a.stored_net);
		return rc;
	}
	cluster_opts_init(&co);
	if (cluster_build(cli->store, a.chain->id, &co, &c, &err)) {
		free(a.stored_net);
		return cli_fail(&err);
	}
	root = build(cli, c, &a, &failed);
	cluster_free(c);
	free(a.stored_net);
	if (failed) {
		json_decref(root);
		return EXIT_ERROR;
	}
	if (a.json)
		return cli_finish(jsonout_emit(stdout, root));
	print_text(root);
	json_decref(root);
	return cli_finish(EXIT_OK);
}
