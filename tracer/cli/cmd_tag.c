/*
 * tracer tag add|rm|list|show|export|import - the attribution tags the
 * trace stops at and the reports name (docs/tags.md).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strv.h"
#include "chains/chain.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"
#include "tracer/cli/addrarg.h"
#include "tracer/cli/commands.h"
#include "tracer/cli/jsonout.h"
#include "tracer/report/warnings.h"
#include "tracer/tags/tagexport.h"
#include "tracer/tags/tagimport.h"
#include "tracer/tags/tagnet.h"
#include "tracer/tags/tagrule.h"

const char CMD_TAG_USAGE[] =
	"tracer tag add|rm|list|show|export|import ...\n"
	"\n"
	"  add --chain C ADDR --entity NAME --category CAT [--source S]\n"
	"      [--confidence N] [--actor A]\n"
	"                  add a tag, or replace the one with the same\n"
	"                  address, source and entity (source: 'manual')\n"
	"  rm --chain C ADDR [--source S] [--entity NAME]\n"
	"                  remove the tags of ADDR (or only those given)\n"
	"  list [--chain C] [--category CAT] [--entity NAME] [--source S]\n"
	"                  every tag, one a line, in address order\n"
	"                  (--entity: any part of the name, any case)\n"
	"  show ADDR [--chain C]\n"
	"                  all tags of ADDR, best first; the first decides\n"
	"                  its category for tracing\n"
	"  export [--format csv|json] [--chain C] [-o FILE]\n"
	"                  every tag, in a form 'tag import' reads back\n"
	"  import FILE... [--format tagpack|csv|list|json] [--chain C]\n"
	"      [--entity NAME] [--category CAT] [--source S]\n"
	"      [--confidence N] [--actor A] [--allow-rejects]\n"
	"  import --builtin\n"
	"                  read tag lists; the format comes from the\n"
	"                  extension (.yaml/.yml TagPack, .csv, .json, else\n"
	"                  a list of addresses, one a line, which needs\n"
	"                  --chain, --entity and --category). Prints the\n"
	"                  counts imported, updated, unchanged, rejected and\n"
	"                  skipped, and one line FILE:LINE: reason for each\n"
	"                  rejected entry; exits 1 when any entry is rejected\n"
	"                  (the others are imported) unless --allow-rejects.\n"
	"                  --builtin imports the curated tags\n"
	"                  built into tracer (WannaCry, Lazarus Group).\n"
	"\n"
	"Options:\n"
	"  --chain C         btc or eth\n"
	"  --network N       the network addresses are written for\n"
	"                    (default: the one the database records for\n"
	"                    the chain, else main; an import's own network\n"
	"                    column wins)\n"
	"  --entity NAME     who the address belongs to: 'Binance'\n"
	"  --category CAT    exchange, deposit, mixer, bridge, service,\n"
	"                    hacker, ransomware, sanctioned, scam, defi, "
	"other,\n"
	"                    dex\n"
	"                    (GraphSense names such as mixing_service too)\n"
	"  --source S        where the attribution comes from (a URL)\n"
	"  --confidence N    0 to 100 or a GraphSense level name\n"
	"                    (authority_data = 60, ...); default 50\n"
	"  --actor A         the actor behind the entity, optional\n"
	"  --json            JSON output (list, show, import, add, rm)\n"
	"\n"
	"Addresses are checked and normalised with the chain's codec (bad\n"
	"checksums are rejected, Ethereum addresses stored EIP-55\n"
	"checksummed). Exit status: 0 ok, 1 error, 2 usage.\n";

enum {
	O_CHAIN = 1 << 0,
	O_NETWORK = 1 << 1,
	O_ENTITY = 1 << 2,
	O_CATEGORY = 1 << 3,
	O_SOURCE = 1 << 4,
	O_CONFIDENCE = 1 << 5,
	O_ACTOR = 1 << 6,
	O_FORMAT = 1 << 7,
	O_BUILTIN = 1 << 8,
	O_JSON = 1 << 9,
	O_OUTPUT = 1 << 10,
	O_ALLOW_REJECTS = 1 << 11,
};

struct tagargs {
	const char *chain, *network, *entity, *category, *source, *actor;
	const char *format, *output;
	int confidence; /* -1: not given */
	bool builtin, json, allow_rejects;
	unsigned given; /* O_* flags */
	int first_arg;	/* index of the first positional argument */
};

static const struct option tag_opts[] = {
	{ "chain", required_argument, NULL, 'c' },
	{ "network", required_argument, NULL, 'n' },
	{ "entity", required_argument, NULL, 'e' },
	{ "category", required_argument, NULL, 'k' },
	{ "source", required_argument, NULL, 's' },
	{ "confidence", required_argument, NULL, 'C' },
	{ "actor", required_argument, NULL, 'a' },
	{ "format", required_argument, NULL, 'f' },
	{ "builtin", no_argument, NULL, 'b' },
	{ "json", no_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "allow-rejects", no_argument, NULL, 'R' },
	{ NULL, 0, NULL, 0 },
};

static int set_opt(struct cli *cli, struct tagargs *a, int c)
{
	switch (c) {
	case 'c':
		a->chain = optarg;
		a->given |= O_CHAIN;
		break;
	case 'n':
		a->network = optarg;
		a->given |= O_NETWORK;
		break;
	case 'e':
		a->entity = optarg;
		a->given |= O_ENTITY;
		break;
	case 'k':
		a->category = optarg;
		a->given |= O_CATEGORY;
		break;
	case 's':
		a->source = optarg;
		a->given |= O_SOURCE;
		break;
	case 'a':
		a->actor = optarg;
		a->given |= O_ACTOR;
		break;
	case 'f':
		a->format = optarg;
		a->given |= O_FORMAT;
		break;
	case 'o':
		a->output = optarg;
		a->given |= O_OUTPUT;
		break;
	case 'b':
		a->builtin = true;
		a->given |= O_BUILTIN;
		break;
	case 'j':
		a->json = true;
		a->given |= O_JSON;
		break;
	case 'R':
		a->allow_rejects = true;
		a->given |= O_ALLOW_REJECTS;
		break;
	case 'C':
		a->confidence = tagimport_parse_confidence(optarg);
		a->given |= O_CONFIDENCE;
		if (a->confidence < 0)
			return cli_usage_error(
				cli->cmd,
				"bad --confidence '%s' (0 to "
				"100 or a GraphSense level name)",
				optarg);
		break;
	default:
		return -1;
	}
	return EXIT_OK;
}

/* Parses the options after the subcommand; allowed says which apply. */
static int parse(struct cli *cli, int argc, char **argv, unsigned allowed,
		 struct tagargs *a)
{
	int c, rc;

	memset(a, 0, sizeof(*a));
	a->confidence = -1;
	a->json = cli->json;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", tag_opts, NULL)) != -1) {
		rc = set_opt(cli, a, c);
		if (rc < 0)
			return cli_bad_option(cli->cmd, c, argv);
		if (rc)
			return rc;
	}
	for (const struct option *o = tag_opts; o->name; o++) {
		unsigned bit = 1u << (o - tag_opts);

		if ((a->given & bit) && !(allowed & bit))
			return cli_usage_error(
				cli->cmd,
				"option '--%s' does not apply to "
				"'tag %s'",
				o->name, argv[0]);
	}
	if (a->chain) {
		const struct chain_ops *ops;

		if ((rc = addrarg_chain(a->chain, &ops)))
			return rc;
		a->chain = ops->name;
	}
	if (a->category && tagimport_map_category(a->category) == TAG_NONE)
		return cli_usage_error(cli->cmd, "unknown category '%s'",
				       a->category);
	a->first_arg = optind;
	return EXIT_OK;
}

/* Exactly one positional argument, the address. */
static int one_address(struct cli *cli, int argc, char **argv,
		       const struct tagargs *a, const char **addr)
{
	if (a->first_arg >= argc)
		return cli_usage_error(cli->cmd, "tag %s needs an address",
				       argv[0]);
	if (a->first_arg + 1 < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[a->first_arg + 1]);
	*addr = argv[a->first_arg];
	return EXIT_OK;
}

/* The network to read an address of chain for: --network, else the
 * database's, else the chain's default (tagnet.h). NULL after printing an
 * error. */
static const char *network_for(struct tagnet *nets, uint8_t chain,
			       const char *given)
{
	struct trc_error err = TRC_ERROR_INIT;
	const char *net = given;

	if (!net && tagnet_default(nets, chain, &net, &err)) {
		cli_fail(&err);
		return NULL;
	}
	return net;
}

/*
 * Reads in as an address of chain (a->chain, or ops) for --network, else
 * the database's network, else the default (addrarg.h diagnoses a wrong
 * one). Out: addr, *net. Returns an exit code (printed).
 */
static int read_address(struct tagnet *nets, const struct chain_ops *ops,
			const char *given, const char *in,
			char addr[CHAIN_ADDR_MAX], const char **net)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct addrarg aa = { ops, NULL, ADDRARG_DEFAULT, NULL };
	const char *db = NULL;

	if (!given && tagnet_db(nets, ops->id, &db, &err))
		return cli_fail(&err);
	aa.network = addrarg_network(ops, given, db, &aa.from);
	*net = aa.network;
	return addrarg_address(&aa, in, addr);
}

/* As tag import: a database that records no network for the chain takes
 * the non-default one an address was given for. */
static enum trc_err record_network(struct tagnet *nets, struct store_batch *b,
				   uint8_t chain, const char *net,
				   struct trc_error *err)
{
	const struct chain_ops *ops = chain_by_id(chain);
	const char *db;
	enum trc_err rc = tagnet_db(nets, chain, &db, err);

	if (rc || db || !ops || !strcmp(net, ops->default_network))
		return rc;
	return chaindb_put_network(b, chain, net, err);
}

/* tagexport_tag_json with the network the tag's address is valid for. */
static json_t *tag_json(struct tagnet *nets, const struct tag *t)
{
	const char *net = NULL;

	if (tagnet_of(nets, t, &net, NULL))
		net = NULL;
	return tagexport_tag_json(t, net);
}

static void print_tag_line(const struct tag *t)
{
	printf("%s %s %s %u %s (source: %s%s%s%s)\n", chain_name(t->chain),
	       t->address, tag_category_name(t->category), t->confidence,
	       t->entity, t->source, t->actor ? ", actor: " : "",
	       t->actor ? t->actor : "", t->inferred ? ", inferred" : "");
}

/* ---- add / rm ---- */

static int run_add(struct cli *cli, int argc, char **argv)
{
	struct tagargs a;
	struct trc_error err = TRC_ERROR_INIT;
	struct tag t = TAG_INIT;
	struct tag_list old = TAG_LIST_INIT;
	struct store_batch *b = NULL;
	char addr[CHAIN_ADDR_MAX];
	const char *in, *net;
	enum tagrule_change what;
	struct tagnet nets;
	int rc = parse(cli, argc, argv,
		       O_CHAIN | O_NETWORK | O_ENTITY | O_CATEGORY | O_SOURCE |
			       O_CONFIDENCE | O_ACTOR | O_JSON,
		       &a);

	if (rc || (rc = one_address(cli, argc, argv, &a, &in)))
		return rc;
	if (!a.chain || !a.entity || !a.category)
		return cli_usage_error(cli->cmd, "tag add needs --chain, "
						 "--entity and --category");
	tagnet_init(&nets, cli->store);
	if ((rc = read_address(&nets, chain_find(a.chain), a.network, in, addr,
			       &net))) {
		tagnet_release(&nets);
		return rc;
	}
	t.chain = (uint8_t)chain_from_name(a.chain);
	t.category = (uint8_t)tagimport_map_category(a.category);
	t.confidence =
		(uint8_t)(a.confidence >= 0 ? a.confidence
					    : TAGIMPORT_DEFAULT_CONFIDENCE);
	t.address = addr;
	t.entity = (char *)a.entity;
	t.source = (char *)(a.source ? a.source : "manual");
	t.actor = (char *)a.actor;
	if (tagrule_check(&t, &err)) {
		tagnet_release(&nets);
		return cli_usage_error(cli->cmd, "'%s': %s", addr, err.msg);
	}
	if (tags_get(cli->store, t.chain, addr, &old, &err)) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	/* the rule of tag import: the same tag again writes nothing */
	what = tagrule_compare(&old, &t);
	if (what != TAGRULE_UNCHANGED &&
	    (!(b = store_batch_new()) || tags_put(b, &t, &err) ||
	     record_network(&nets, b, t.chain, net, &err) ||
	     store_batch_commit(cli->store, b, &err))) {
		rc = b ? cli_fail(&err) : cli_error("out of memory");
		goto cleanup;
	}
	if (a.json) {
		json_t *o = json_object();

		json_object_set_new(o, "result",
				    json_string(tagrule_change_name(what)));
		json_object_set_new(o, "tag", tagexport_tag_json(&t, net));
		rc = jsonout_emit(stdout, o);
	} else {
		printf("%s: ", tagrule_change_name(what));
		print_tag_line(&t);
	}
cleanup:
	store_batch_free(b);
	tag_list_release(&old);
	tagnet_release(&nets);
	return rc;
}

static bool rm_matches(const struct tag *t, const struct tagargs *a)
{
	return (!a->source || !strcmp(t->source, a->source)) &&
	       (!a->entity || !strcmp(t->entity, a->entity));
}

static int run_rm(struct cli *cli, int argc, char **argv)
{
	struct tagargs a;
	struct trc_error err = TRC_ERROR_INIT;
	struct tag_list l = TAG_LIST_INIT;
	struct store_batch *b = NULL;
	char addr[CHAIN_ADDR_MAX], network[32] = "";
	const char *in;
	size_t n = 0;
	int rc = parse(cli, argc, argv,
		       O_CHAIN | O_NETWORK | O_SOURCE | O_ENTITY | O_JSON, &a);

	if (rc || (rc = one_address(cli, argc, argv, &a, &in)))
		return rc;
	if (!a.chain)
		return cli_usage_error(cli->cmd, "tag rm needs --chain");
	{
		struct tagnet nets;
		const char *net;

		tagnet_init(&nets, cli->store);
		rc = read_address(&nets, chain_find(a.chain), a.network, in,
				  addr, &net);
		if (!rc && net)
			snprintf(network, sizeof(network), "%s", net);
		tagnet_release(&nets);
		if (rc)
			return rc;
	}
	if (tags_get(cli->store, (uint8_t)chain_from_name(a.chain), addr, &l,
		     &err))
		return cli_fail(&err);
	if (!(b = store_batch_new())) {
		rc = cli_error("out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < l.n && !rc; i++)
		if (rm_matches(&l.items[i], &a) && ++n &&
		    tags_remove(b, &l.items[i], &err))
			rc = cli_fail(&err);
	if (!rc && !n)
		rc = cli_error("no tags of '%s' match", addr);
	if (!rc && store_batch_commit(cli->store, b, &err))
		rc = cli_fail(&err);
	if (!rc && a.json) {
		json_t *o = json_object();

		json_object_set_new(o, "chain", json_string(a.chain));
		json_object_set_new(o, "network", json_string(network));
		json_object_set_new(o, "address", json_string(addr));
		json_object_set_new(o, "removed", json_integer((json_int_t)n));
		rc = jsonout_emit(stdout, o);
	} else if (!rc) {
		printf("removed %zu tag%s of %s\n", n, n == 1 ? "" : "s", addr);
	}
cleanup:
	store_batch_free(b);
	tag_list_release(&l);
	return rc;
}

/* ---- list / show ---- */

struct list_ctx {
	const struct tagargs *a;
	uint8_t category;
	json_t *arr; /* NULL: text */
	size_t n;
	int failed;
	struct tagnet nets;
};

static int list_one(const struct tag *t, void *ctx)
{
	struct list_ctx *l = ctx;

	if ((l->category && t->category != l->category) ||
	    (l->a->entity && !strcasestr(t->entity, l->a->entity)) ||
	    (l->a->source && strcmp(t->source, l->a->source)))
		return 0;
	l->n++;
	if (!l->arr) {
		print_tag_line(t);
		return ferror(stdout) != 0;
	}
	if (json_array_append_new(l->arr, tag_json(&l->nets, t))) {
		l->failed = 1;
		return 1;
	}
	return 0;
}

/* Lists into l (its nets initialised). */
static int list_run(struct cli *cli, const struct tagargs *a,
		    struct list_ctx *l)
{
	struct trc_error err = TRC_ERROR_INIT;

	if (a->category)
		l->category = (uint8_t)tagimport_map_category(a->category);
	if (a->json && !(l->arr = json_array()))
		return cli_error("out of memory");
	if (tags_each(cli->store,
		      a->chain ? (uint8_t)chain_from_name(a->chain) : 0,
		      list_one, l, &err)) {
		json_decref(l->arr);
		return cli_fail(&err);
	}
	if (l->failed) {
		json_decref(l->arr);
		return cli_error("out of memory");
	}
	if (a->json) {
		json_t *o = json_object();

		json_object_set_new(o, "count", json_integer((json_int_t)l->n));
		json_object_set_new(o, "tags", l->arr);
		return jsonout_emit(stdout, o);
	}
	cli_info(cli, "%zu tag%s", l->n, l->n == 1 ? "" : "s");
	return EXIT_OK;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct tagargs a;
	struct list_ctx l = { .a = &a };
	int rc = parse(cli, argc, argv,
		       O_CHAIN | O_CATEGORY | O_ENTITY | O_SOURCE | O_JSON, &a);

	if (rc)
		return rc;
	if (a.first_arg < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[a.first_arg]);
	tagnet_init(&l.nets, cli->store);
	rc = list_run(cli, &a, &l);
	tagnet_release(&l.nets);
	return rc;
}

/* The JSON object of the tags l of addr on one chain; conflict: the
 * description of their conflict or "" (tracer/report/warnings.h). */
static json_t *show_json(const struct chain_ops *ops, const char *addr,
			 const char *net, const struct tag_list *l,
			 const char *conflict)
{
	json_t *o = json_object(), *tags = json_array();

	for (size_t i = 0; tags && i < l->n; i++)
		json_array_append_new(tags,
				      tagexport_tag_json(&l->items[i], net));
	json_object_set_new(o, "chain", json_string(ops->name));
	json_object_set_new(o, "network", json_string(net));
	json_object_set_new(o, "address", json_string(addr));
	json_object_set_new(
		o, "category",
		json_string(tag_category_name(l->items[0].category)));
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "conflict",
			    *conflict ? json_string(conflict) : json_null());
	return o;
}

/* Shows the tags of addr on one chain: as text, or appended to arr with
 * the conflict's warning appended to (*warn, *n_warn). Out: *shown when
 * it has any. */
static int show_chain(struct cli *cli, const struct chain_ops *ops,
		      const char *addr, const char *net, json_t *arr,
		      char ***warn, size_t *n_warn, bool *shown)
{
	struct tag_list l = TAG_LIST_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	char conflict[WARNINGS_CONFLICT_MAX];
	int rc = EXIT_OK;

	if (tags_get(cli->store, ops->id, addr, &l, &err))
		return cli_fail(&err);
	*shown = l.n > 0;
	warnings_tag_conflict(&l, conflict, sizeof(conflict));
	if (!arr && l.n) {
		printf("%s %s: %s (decided by %s, confidence %u)\n", ops->name,
		       addr, tag_category_name(l.items[0].category),
		       l.items[0].entity, l.items[0].confidence);
		for (size_t i = 0; i < l.n; i++) {
			printf("  %s ", i ? " " : "*");
			print_tag_line(&l.items[i]);
			if (l.items[i].evidence)
				printf("      evidence: %s\n",
				       l.items[i].evidence);
		}
		if (*conflict)
			printf("  ! conflicting tags: %s\n", conflict);
	} else if (arr && l.n) {
		if (json_array_append_new(
			    arr, show_json(ops, addr, net, &l, conflict)) ||
		    warnings_tags(ops->name, &l, warn, n_warn, &err))
			rc = cli_error("out of memory");
	}
	tag_list_release(&l);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct tagargs a;
	const char *in;
	json_t *arr = NULL;
	char **warn = NULL;
	size_t n_warn = 0;
	bool any = false, valid = false;
	struct tagnet nets;
	int rc = parse(cli, argc, argv, O_CHAIN | O_NETWORK | O_JSON, &a);

	if (rc || (rc = one_address(cli, argc, argv, &a, &in)))
		return rc;
	tagnet_init(&nets, cli->store);
	if (a.json && !(arr = json_array()))
		return cli_error("out of memory");
	/* without --chain, every chain whose codec takes the address */
	for (unsigned id = 1; id < 256 && !rc; id++) {
		const struct chain_ops *ops = chain_by_id((uint8_t)id);
		char addr[CHAIN_ADDR_MAX], trimmed[CHAIN_ADDR_MAX];
		const char *net;
		bool shown = false;

		if (!ops || (a.chain && strcmp(a.chain, ops->name)))
			continue;
		if (!(net = network_for(&nets, ops->id, a.network))) {
			rc = EXIT_ERROR;
			break;
		}
		if (a.chain) {
			if ((rc = read_address(&nets, ops, a.network, in, addr,
					       &net)))
				break;
		} else if (tagimport_normalize(
				   ops->name, net,
				   addrarg_trim(in, trimmed, sizeof(trimmed)),
				   addr, sizeof(addr), NULL)) {
			continue;
		}
		valid = true;
		rc = show_chain(cli, ops, addr, net, arr, &warn, &n_warn,
				&shown);
		any |= shown;
	}
	/* no chain takes it: the diagnosis of the chain it belongs to */
	if (!rc && !valid) {
		const struct chain_ops *ops = addrarg_chain_of(in);
		char addr[CHAIN_ADDR_MAX];
		const char *net;

		rc = ops ? read_address(&nets, ops, a.network, in, addr, &net)
			 : addrarg_no_chain(in, NULL);
	}
	tagnet_release(&nets);
	if (rc) {
		json_decref(arr);
		strv_free(warn, n_warn);
		return rc;
	}
	if (arr) { /* an object, as tag list's (docs/json.md) */
		rc = jsonout_emit(stdout,
				  json_pack("{s:I, s:o, s:o}", "count",
					    (json_int_t)json_array_size(arr),
					    "addresses", arr, "warnings",
					    rjson_strings(warn, n_warn)));
		strv_free(warn, n_warn);
		return rc;
	}
	if (!any)
		printf("%s: no tags\n", in);
	return EXIT_OK;
}

/* ---- export ---- */

static int run_export(struct cli *cli, int argc, char **argv)
{
	struct tagargs a;
	struct trc_error err = TRC_ERROR_INIT;
	FILE *f = stdout;
	uint8_t chain;
	enum trc_err e;
	int rc = parse(cli, argc, argv, O_CHAIN | O_FORMAT | O_OUTPUT, &a);

	if (rc)
		return rc;
	if (a.first_arg < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[a.first_arg]);
	if (a.format && strcmp(a.format, "csv") && strcmp(a.format, "json"))
		return cli_usage_error(cli->cmd,
				       "unknown export format '%s' "
				       "(csv or json)",
				       a.format);
	chain = a.chain ? (uint8_t)chain_from_name(a.chain) : 0;
	if (a.output && !(f = fopen(a.output, "w")))
		return cli_error("cannot create '%s'", a.output);
	if (a.format && !strcmp(a.format, "json"))
		e = tagexport_json(cli->store, chain, f, &err);
	else
		e = tagexport_csv(cli->store, chain, f, &err);
	if (f != stdout && fclose(f) && !e)
		e = trc_fail(&err, TRC_ERR_IO, "cannot write '%s'", a.output);
	return e ? cli_fail(&err) : EXIT_OK;
}

/* ---- import ---- */

struct import_ctx {
	json_t *rejections; /* NULL: print each at once */
};

static void on_reject(void *ctx, const char *name, unsigned line,
		      const char *reason)
{
	struct import_ctx *ic = ctx;
	json_t *o;

	if (!ic->rejections) {
		if (line)
			printf("%s:%u: rejected: %s\n", name, line, reason);
		else
			printf("%s: rejected: %s\n", name, reason);
		return;
	}
	o = json_object();
	json_object_set_new(o, "line", line ? json_integer(line) : json_null());
	json_object_set_new(o, "reason", json_string(reason));
	json_array_append_new(ic->rejections, o);
}

static json_t *counts_json(const char *name, const struct tagimport_counts *c,
			   json_t *rej)
{
	json_t *o = json_object(), *sk = json_object();

	json_object_set_new(o, "file", json_string(name));
	json_object_set_new(o, "imported",
			    json_integer((json_int_t)c->imported));
	json_object_set_new(o, "updated", json_integer((json_int_t)c->updated));
	json_object_set_new(o, "unchanged",
			    json_integer((json_int_t)c->unchanged));
	json_object_set_new(o, "rejected",
			    json_integer((json_int_t)c->rejected));
	json_object_set_new(o, "skipped", json_integer((json_int_t)c->skipped));
	for (size_t i = 0; i < c->n_skip; i++)
		json_object_set_new(sk, c->skip[i].reason,
				    json_integer((json_int_t)c->skip[i].n));
	json_object_set_new(o, "skipped_by_reason", sk);
	json_object_set_new(o, "rejections", rej);
	return o;
}

static void print_counts(const char *name, const struct tagimport_counts *c)
{
	printf("%s: imported %zu, updated %zu, unchanged %zu, rejected %zu, "
	       "skipped %zu",
	       name, c->imported, c->updated, c->unchanged, c->rejected,
	       c->skipped);
	for (size_t i = 0; i < c->n_skip; i++)
		printf("%s%s: %zu", i ? ", " : " (", c->skip[i].reason,
		       c->skip[i].n);
	printf("%s\n", c->n_skip ? ")" : "");
}

/* Imports one input (a file, or the builtin tags when path is NULL). */
static int import_one(struct cli *cli, const char *path,
		      const struct tagimport_opts *o, bool allow_rejects,
		      json_t *results)
{
	struct tagimport_counts c;
	struct trc_error err = TRC_ERROR_INIT;
	struct import_ctx ic = { results ? json_array() : NULL };
	const char *name = path ? path : "builtin-tags.csv";
	enum trc_err e;

	if (path) {
		e = tagimport_file(cli->store, path, o, &c, on_reject, &ic,
				   &err);
	} else {
		size_t len;
		const char *data = tagimport_builtin_csv(&len);
		struct tagimport_opts bo = TAGIMPORT_OPTS_INIT;

		bo.format = TAGIMPORT_CSV;
		e = tagimport_buffer(cli->store, name, data, len, &bo, &c,
				     on_reject, &ic, &err);
	}
	if (e) {
		json_decref(ic.rejections);
		return cli_fail(&err);
	}
	if (results)
		json_array_append_new(results,
				      counts_json(name, &c, ic.rejections));
	else
		print_counts(name, &c);
	/* the good entries are imported; a rejected one is still an error
	 * unless the investigator accepts a partial import */
	if (c.rejected && !allow_rejects)
		return cli_error("%s: %zu entr%s rejected (the others were "
				 "imported; --allow-rejects accepts that)",
				 name, c.rejected,
				 c.rejected == 1 ? "y" : "ies");
	return EXIT_OK;
}

static int run_import(struct cli *cli, int argc, char **argv)
{
	struct tagargs a;
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	json_t *results = NULL;
	int rc = parse(cli, argc, argv,
		       O_CHAIN | O_NETWORK | O_ENTITY | O_CATEGORY | O_SOURCE |
			       O_CONFIDENCE | O_ACTOR | O_FORMAT | O_BUILTIN |
			       O_JSON | O_ALLOW_REJECTS,
		       &a),
	    worst = EXIT_OK;

	if (rc)
		return rc;
	if (a.builtin && (a.given & ~(O_BUILTIN | O_JSON | O_ALLOW_REJECTS)))
		return cli_usage_error(cli->cmd, "--builtin takes no other "
						 "options");
	if (!a.builtin && a.first_arg >= argc)
		return cli_usage_error(cli->cmd, "tag import needs a FILE or "
						 "--builtin");
	if (a.format && !(o.format = tagimport_format_from_name(a.format)))
		return cli_usage_error(cli->cmd,
				       "unknown format '%s' (tagpack, "
				       "csv, list, json)",
				       a.format);
	o.chain = a.chain;
	o.network = a.network;
	o.entity = a.entity;
	o.category = a.category;
	o.source = a.source;
	o.actor = a.actor;
	o.confidence = a.confidence;
	if (a.json && !(results = json_array()))
		return cli_error("out of memory");
	if (a.builtin)
		worst = import_one(cli, NULL, &o, a.allow_rejects, results);
	for (int i = a.first_arg; i < argc; i++) {
		rc = import_one(cli, argv[i], &o, a.allow_rejects, results);
		if (rc)
			worst = rc;
	}
	/* an error before any file was read leaves stdout empty */
	if (results && worst && !json_array_size(results))
		json_decref(results);
	else if (results &&
		 (rc = jsonout_emit(stdout,
				    json_pack("{s:o}", "files", results))))
		worst = rc;
	return worst;
}

int cmd_tag(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct cli *, int, char **);
	} subs[] = {
		{ "add", run_add },	  { "rm", run_rm },
		{ "list", run_list },	  { "show", run_show },
		{ "export", run_export }, { "import", run_import },
	};

	if (argc < 2)
		return cli_usage_error(cli->cmd,
				       "tag needs a subcommand (add, "
				       "rm, list, show, export, import)");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, argc - 1, argv + 1);
	return cli_usage_error(cli->cmd, "unknown tag command '%s'", argv[1]);
}
