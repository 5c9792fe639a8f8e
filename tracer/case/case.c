/*
 * case.c - loading, validating and saving case files (docs/cases.md).
 *
 * Every field is checked on load and the error names it, because the case
 * file is written by hand and a typo must not silently change a trace.
 * Unknown fields are rejected for the same reason; keys starting with '_'
 * are free for comments.
 */
#include "tracer/case/case.h"
#include "tracer/case/case_int.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/afile.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/hex.h"
#include "base/num.h"
#include "base/strv.h"
#include "chains/chain.h"
#include "store/record.h"
#include "store/tags.h"
#include "tracer/render/json.h"

#define CASE_FILE_MAX (4u << 20)
#define CASE_SEEDS_MAX 100000
#define CASE_STR_MAX 4096

static const char *const policies[] = { "poison", "haircut", "fifo",
					"lifo",	  "tiho",    NULL };

enum trc_err case_field_fail(struct case_ld *ld, const char *field,
			     const char *fmt, const char *detail)
{
	char what[TRC_ERROR_MSG_MAX + 256];

	snprintf(what, sizeof(what), fmt, detail ? detail : "");
	return trc_fail(ld->err, TRC_ERR_PARSE, "case '%s': field '%s': %s",
			ld->path, field, what);
}

void case_init(struct trc_case *c)
{
	memset(c, 0, sizeof(*c));
	c->incident_time = c->since = c->until = CASE_TIME_NONE;
}

void case_release(struct trc_case *c)
{
	free(c->name);
	free(c->chain);
	free(c->network);
	strv_free(c->seeds, c->n_seeds);
	free(c->loss_source);
	free(c->policy);
	strv_free(c->stop_at, c->n_stop_at);
	free(c->notes);
	for (size_t i = 0; i < c->n_edge_notes; i++) {
		free(c->edge_notes[i].from);
		free(c->edge_notes[i].to);
		free(c->edge_notes[i].text);
	}
	free(c->edge_notes);
	for (size_t i = 0; i < c->n_node_notes; i++) {
		free(c->node_notes[i].node);
		free(c->node_notes[i].text);
	}
	free(c->node_notes);
	for (size_t i = 0; i < c->n_links; i++)
		xlink_release(&c->links[i]);
	free(c->links);
	case_init(c);
}

/* ---- time ---- */

static bool parse_epoch(const char *s, int64_t *t)
{
	int64_t v = 0;
	size_t n = strlen(s);

	if (!n || n > 12 || strspn(s, "0123456789") != n)
		return false;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	if (v > DATE_TIME_MAX)
		return false;
	*t = v;
	return true;
}

enum trc_err case_parse_time(const char *s, int64_t *t, struct trc_error *err)
{
	int64_t v = 0;

	*t = CASE_TIME_NONE;
	if (!s || !(parse_epoch(s, &v) || date_parse_iso(s, &v)))
		return trc_fail(err, TRC_ERR_PARSE,
				"bad time '%.40s' (want 2017-05-12T00:00:00Z, "
				"2017-05-12 or seconds since 1970, UTC, from "
				"1970 to 9999)",
				s ? s : "");
	*t = v;
	return TRC_OK;
}

/* ---- seeds ---- */

bool case_seed_is_outpoint(const char *seed)
{
	const char *colon = seed ? strrchr(seed, ':') : NULL;

	return colon && colon[1] &&
	       strspn(colon + 1, "0123456789") == strlen(colon + 1);
}

enum trc_err case_seed_parse(const char *chain, const char *network,
			     const char *seed, struct case_seed *out,
			     struct trc_error *err)
{
	const struct chain_ops *ops = chain_find(chain);
	const char *colon =
		case_seed_is_outpoint(seed) ? strrchr(seed, ':') : NULL;
	char hexid[67];
	size_t idlen = colon ? (size_t)(colon - seed) : 0;
	uint64_t n;

	memset(out, 0, sizeof(*out));
	if (!ops)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"chain '%s' has no codec in this build", chain);
	if (!network)
		network = ops->default_network;
	if (!colon)
		return ops->address_normalize(network, seed, out->address,
					      sizeof(out->address), err);
	/* 64 hex digits, or 0x and 64 as Ethereum writes them */
	if (idlen != 64 && !(idlen == 66 && seed[0] == '0' && seed[1] == 'x'))
		return trc_fail(err, TRC_ERR_PARSE,
				"seed '%.80s': a txid has 64 hex digits", seed);
	memcpy(hexid, seed, idlen);
	hexid[idlen] = 0;
	if (num_parse_u64(colon + 1, 0, UINT32_MAX, &n, NULL))
		return trc_fail(err, TRC_ERR_PARSE,
				"seed '%.80s': bad output index after ':'",
				seed);
	out->is_outpoint = true;
	out->n = (uint32_t)n;
	return ops->txid_parse(hexid, out->txid, err);
}

/* Format check used when the chain's codec is not in this build. */
static bool seed_shape_ok(const char *s)
{
	const char *colon = strrchr(s, ':');
	size_t n = strlen(s);

	if (!colon)
		return n && n < CHAIN_ADDR_MAX &&
		       strspn(s, "0123456789abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n;
	return colon - s == 64 && strspn(s, "0123456789abcdefABCDEF") == 64 &&
	       colon[1] &&
	       strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
	       strlen(colon + 1) <= 10;
}

/* ---- loading ---- */

enum trc_err case_get_string(struct case_ld *ld, json_t *v, const char *field,
			     bool required, char **out)
{
	const char *s;

	*out = NULL;
	if (!v)
		return required ? case_field_fail(ld, field, "is missing%s",
						  NULL)
				: TRC_OK;
	if (!json_is_string(v))
		return case_field_fail(ld, field, "must be a string%s", NULL);
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v))
		return case_field_fail(ld, field, "contains a NUL byte%s",
				       NULL);
	if (strlen(s) > CASE_STR_MAX)
		return case_field_fail(ld, field, "is longer than 4096 bytes%s",
				       NULL);
	if (required && !*s)
		return case_field_fail(ld, field, "must not be empty%s", NULL);
	if (!(*out = strdup(s)))
		return trc_fail(ld->err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

static enum trc_err get_time(struct case_ld *ld, json_t *v, const char *field,
			     int64_t *out)
{
	char num[24];
	struct trc_error e2 = TRC_ERROR_INIT;

	*out = CASE_TIME_NONE;
	if (!v)
		return TRC_OK;
	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0 ||
		    json_integer_value(v) > DATE_TIME_MAX)
			return case_field_fail(
				ld, field,
				"must be seconds since 1970 up to "
				"year 9999%s",
				NULL);
		snprintf(num, sizeof(num), "%lld",
			 (long long)json_integer_value(v));
		return case_parse_time(num, out, ld->err);
	}
	if (!json_is_string(v))
		return case_field_fail(
			ld, field, "must be a time string or a number%s", NULL);
	if (case_parse_time(json_string_value(v), out, &e2))
		return case_field_fail(ld, field, "%s", e2.msg);
	return TRC_OK;
}

/* A non-negative integer up to max. */
enum trc_err case_get_uint(struct case_ld *ld, json_t *v, const char *field,
			   long long min, long long max, unsigned *out)
{
	char lim[64];

	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max) {
		snprintf(lim, sizeof(lim), "%lld to %lld", min, max);
		return case_field_fail(ld, field, "must be an integer from %s",
				       lim);
	}
	*out = (unsigned)json_integer_value(v);
	return TRC_OK;
}

/*
 * An amount: a string of base units or with a unit of chain ("40btc",
 * chains/chain.h), or a JSON integer of base units.
 */
enum trc_err case_get_amount(struct case_ld *ld, json_t *v, const char *field,
			     const char *chain, trc_amount *out)
{
	struct trc_error e2 = TRC_ERROR_INIT;
	const struct chain_ops *ops = chain_find(chain);
	char num[24];
	const char *s;

	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		snprintf(num, sizeof(num), "%lld",
			 (long long)json_integer_value(v));
		s = num;
	} else if (json_is_string(v)) {
		s = json_string_value(v);
	} else {
		return case_field_fail(
			ld, field,
			"must be a string of base units (\"150000000"
			"\") or with a unit (\"1.5btc\")%s",
			"");
	}
	if (ops ? chain_amount_parse(ops, s, out, NULL, &e2)
		: amount_parse(out, s, 0, &e2))
		return case_field_fail(ld, field, "bad amount: %s", e2.msg);
	return TRC_OK;
}

/* Rejects keys of obj not in allowed (keys starting with '_' excepted). */
enum trc_err case_check_keys(struct case_ld *ld, json_t *obj, const char *where,
			     const char *const *allowed)
{
	const char *key;
	json_t *v;
	char field[160];

	json_object_foreach(obj, key, v)
	{
		bool ok = key[0] == '_';

		for (size_t i = 0; !ok && allowed[i]; i++)
			ok = !strcmp(key, allowed[i]);
		if (!ok) {
			snprintf(field, sizeof(field), "%s%.100s", where, key);
			return case_field_fail(
				ld, field,
				"unknown field (see docs/cases.md)%s", NULL);
		}
	}
	return TRC_OK;
}

static enum trc_err load_chain(struct case_ld *ld, json_t *root,
			       struct trc_case *c)
{
	const struct chain_ops *ops;
	enum trc_err rc;

	if ((rc = case_get_string(ld, json_object_get(root, "chain"), "chain",
				  true, &c->chain)))
		return rc;
	if (chain_from_name(c->chain) == CHAIN_NONE)
		return case_field_fail(ld, "chain",
				       "unknown chain '%s' (known: btc, "
				       "eth)",
				       c->chain);
	if ((rc = case_get_string(ld, json_object_get(root, "network"),
				  "network", false, &c->network)))
		return rc;
	ops = chain_find(c->chain);
	if (c->network && (!*c->network || (ops && ops->network_valid &&
					    !ops->network_valid(c->network))))
		return case_field_fail(ld, "network", "unknown network '%s'",
				       c->network);
	return TRC_OK;
}

static enum trc_err check_seed(struct case_ld *ld, const struct trc_case *c,
			       const char *seed, const char *field,
			       char canon[CHAIN_ADDR_MAX + 16])
{
	struct case_seed cs;
	struct trc_error e2 = TRC_ERROR_INIT;
	const struct chain_ops *ops = chain_find(c->chain);

	if (!ops || !ops->address_normalize || !ops->txid_parse) {
		if (!seed_shape_ok(seed))
			return case_field_fail(
				ld, field, "not an address or txid:n: '%.80s'",
				seed);
		snprintf(canon, CHAIN_ADDR_MAX + 16, "%s", seed);
		return TRC_OK;
	}
	if (case_seed_parse(c->chain, c->network, seed, &cs, &e2))
		return case_field_fail(ld, field, "%s", e2.msg);
	if (cs.is_outpoint) {
		char hexid[65];

		hex_encode(hexid, cs.txid, 32);
		snprintf(canon, CHAIN_ADDR_MAX + 16, "%s:%u", hexid, cs.n);
	} else {
		snprintf(canon, CHAIN_ADDR_MAX + 16, "%s", cs.address);
	}
	return TRC_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A seed listed twice would be counted twice in the seed total. */
static enum trc_err check_dup_seeds(struct case_ld *ld, char **canon, size_t n)
{
	qsort(canon, n, sizeof(*canon), cmp_str);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(canon[i - 1], canon[i]))
			return case_field_fail(ld, "seeds",
					       "'%.100s' is listed twice",
					       canon[i]);
	return TRC_OK;
}

static enum trc_err load_seeds(struct case_ld *ld, json_t *root,
			       struct trc_case *c)
{
	json_t *arr = json_object_get(root, "seeds");
	char field[32], **canon = NULL;
	size_t n, i;
	enum trc_err rc = TRC_OK;

	if (!arr)
		return case_field_fail(ld, "seeds", "is missing%s", NULL);
	if (!json_is_array(arr) || !(n = json_array_size(arr)))
		return case_field_fail(ld, "seeds",
				       "must be a non-empty array of addresses "
				       "or txid:n strings%s",
				       NULL);
	if (n > CASE_SEEDS_MAX)
		return case_field_fail(ld, "seeds",
				       "has more than 100000 seeds%s", NULL);
	c->seeds = calloc(n, sizeof(*c->seeds));
	canon = calloc(n, sizeof(*canon));
	if (!c->seeds || !canon) {
		rc = trc_fail(ld->err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (i = 0; i < n && !rc; i++) {
		snprintf(field, sizeof(field), "seeds[%zu]", i);
		rc = case_get_string(ld, json_array_get(arr, i), field, true,
				     &c->seeds[i]);
		c->n_seeds = i + 1;
		if (!rc && !(canon[i] = malloc(CHAIN_ADDR_MAX + 16)))
			rc = trc_fail(ld->err, TRC_ERR_NOMEM, "out of memory");
		if (!rc)
			rc = check_seed(ld, c, c->seeds[i], field, canon[i]);
	}
	if (!rc)
		rc = check_dup_seeds(ld, canon, n);
cleanup:
	strv_free(canon, n);
	return rc;
}

static enum trc_err load_loss(struct case_ld *ld, json_t *root,
			      struct trc_case *c)
{
	static const char *const keys[] = { "amount", "source", NULL };
	json_t *o = json_object_get(root, "reported_loss");
	enum trc_err rc;

	if (!o)
		return TRC_OK;
	if (!json_is_object(o))
		return case_field_fail(ld, "reported_loss",
				       "must be an object {\"amount\", "
				       "\"source\"}%s",
				       NULL);
	if ((rc = case_check_keys(ld, o, "reported_loss.", keys)))
		return rc;
	if (!json_object_get(o, "amount"))
		return case_field_fail(ld, "reported_loss.amount",
				       "is missing%s", NULL);
	if ((rc = case_get_amount(ld, json_object_get(o, "amount"),
				  "reported_loss.amount", c->chain,
				  &c->loss_amount)) ||
	    (rc = case_get_string(ld, json_object_get(o, "source"),
				  "reported_loss.source", false,
				  &c->loss_source)))
		return rc;
	c->has_loss = true;
	return TRC_OK;
}

static enum trc_err load_stop_at(struct case_ld *ld, json_t *arr,
				 struct trc_case *c)
{
	char field[40];
	size_t n;
	enum trc_err rc = TRC_OK;

	if (!json_is_array(arr) || (n = json_array_size(arr)) > 64)
		return case_field_fail(ld, "limits.stop_at",
				       "must be an array of tag categories%s",
				       NULL);
	/* [] is a list too: no category stops the trace (--stop-at none),
	 * which is not the defaults that an absent stop_at means */
	if (!(c->stop_at = calloc(n ? n : 1, sizeof(*c->stop_at))))
		return trc_fail(ld->err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n && !rc; i++) {
		snprintf(field, sizeof(field), "limits.stop_at[%zu]", i);
		rc = case_get_string(ld, json_array_get(arr, i), field, true,
				     &c->stop_at[i]);
		c->n_stop_at = i + 1;
		if (!rc && tag_category_from_name(c->stop_at[i]) == TAG_NONE)
			rc = case_field_fail(ld, field,
					     "unknown category '%.40s' (see "
					     "docs/tags.md)",
					     c->stop_at[i]);
	}
	return rc;
}

static enum trc_err load_limits(struct case_ld *ld, json_t *root,
				struct trc_case *c)
{
	static const char *const keys[] = { "hops",  "min",	"since",
					    "until", "hub_txs", "stop_at",
					    NULL };
	json_t *o = json_object_get(root, "limits"), *v;
	enum trc_err rc;

	if (!o)
		return TRC_OK;
	if (!json_is_object(o))
		return case_field_fail(ld, "limits", "must be an object%s",
				       NULL);
	if ((rc = case_check_keys(ld, o, "limits.", keys)))
		return rc;
	if ((v = json_object_get(o, "hops"))) {
		if ((rc = case_get_uint(ld, v, "limits.hops", 1, CASE_HOPS_MAX,
					&c->hops)))
			return rc;
		c->has_hops = true;
	}
	if ((v = json_object_get(o, "min"))) {
		if ((rc = case_get_amount(ld, v, "limits.min", c->chain,
					  &c->min)))
			return rc;
		c->has_min = true;
	}
	if ((v = json_object_get(o, "hub_txs"))) {
		if ((rc = case_get_uint(ld, v, "limits.hub_txs", 0,
					CASE_HUB_MAX, &c->hub_txs)))
			return rc;
		c->has_hub_txs = true;
	}
	if ((rc = get_time(ld, json_object_get(o, "since"), "limits.since",
			   &c->since)) ||
	    (rc = get_time(ld, json_object_get(o, "until"), "limits.until",
			   &c->until)))
		return rc;
	if (c->since != CASE_TIME_NONE && c->until != CASE_TIME_NONE &&
	    c->since > c->until)
		return case_field_fail(ld, "limits.until",
				       "is before limits.since%s", NULL);
	if ((v = json_object_get(o, "stop_at")))
		return load_stop_at(ld, v, c);
	return TRC_OK;
}

static enum trc_err load_policy(struct case_ld *ld, json_t *root,
				struct trc_case *c)
{
	enum trc_err rc = case_get_string(ld, json_object_get(root, "policy"),
					  "policy", false, &c->policy);

	if (rc || !c->policy)
		return rc;
	for (size_t i = 0; policies[i]; i++)
		if (!strcmp(c->policy, policies[i]))
			return TRC_OK;
	return case_field_fail(ld, "policy",
			       "unknown policy '%.40s' (poison, haircut, fifo, "
			       "lifo, tiho)",
			       c->policy);
}

/* The string v[key] of a note, required: field "WHEREkey". */
static enum trc_err note_field(struct case_ld *ld, json_t *v, const char *where,
			       const char *key, char **out)
{
	char field[64];

	snprintf(field, sizeof(field), "%s%s", where, key);
	return case_get_string(ld, json_object_get(v, key), field, true, out);
}

/* The array arr of a note field (name), of at most CASE_NOTES_MAX
 * objects: *n its size (0 when absent). */
static enum trc_err note_array(struct case_ld *ld, json_t *arr,
			       const char *name, size_t *n)
{
	*n = 0;
	if (!arr)
		return TRC_OK;
	if (!json_is_array(arr))
		return case_field_fail(ld, name, "must be an array%s", NULL);
	if ((*n = json_array_size(arr)) > CASE_NOTES_MAX)
		return case_field_fail(ld, name, "has more than 10000 notes%s",
				       NULL);
	return TRC_OK;
}

/* Checks that v, entry i of the note field name, is an object of the
 * keys (shape names them for the error); where becomes "name[i]." */
static enum trc_err note_object(struct case_ld *ld, json_t *v, const char *name,
				size_t i, const char *const *keys,
				const char *shape, char *where, size_t size)
{
	snprintf(where, size, "%s[%zu]", name, i);
	if (!json_is_object(v))
		return case_field_fail(ld, where, "must be an object %s",
				       shape);
	snprintf(where + strlen(where), size - strlen(where), ".");
	return case_check_keys(ld, v, where, keys);
}

/* One entry of edge_notes: {"from", "to", "text"}, each required. */
static enum trc_err load_edge_note(struct case_ld *ld, json_t *v, size_t i,
				   struct case_edge_note *e)
{
	static const char *const keys[] = { "from", "to", "text", NULL };
	char where[48];
	enum trc_err rc;

	if ((rc = note_object(ld, v, "edge_notes", i, keys,
			      "{\"from\", \"to\", \"text\"}", where,
			      sizeof(where))) ||
	    (rc = note_field(ld, v, where, "from", &e->from)) ||
	    (rc = note_field(ld, v, where, "to", &e->to)))
		return rc;
	return note_field(ld, v, where, "text", &e->text);
}

/* One entry of node_notes: {"node", "text"}, each required. */
static enum trc_err load_node_note(struct case_ld *ld, json_t *v, size_t i,
				   struct case_node_note *e)
{
	static const char *const keys[] = { "node", "text", NULL };
	char where[48];
	enum trc_err rc;

	if ((rc = note_object(ld, v, "node_notes", i, keys,
			      "{\"node\", \"text\"}", where, sizeof(where))) ||
	    (rc = note_field(ld, v, where, "node", &e->node)))
		return rc;
	return note_field(ld, v, where, "text", &e->text);
}

static enum trc_err load_notes(struct case_ld *ld, json_t *root,
			       struct trc_case *c)
{
	json_t *en = json_object_get(root, "edge_notes"),
	       *nn = json_object_get(root, "node_notes");
	size_t n, m;
	enum trc_err rc;

	if ((rc = note_array(ld, en, "edge_notes", &n)) ||
	    (rc = note_array(ld, nn, "node_notes", &m)))
		return rc;
	if ((n && !(c->edge_notes = calloc(n, sizeof(*c->edge_notes)))) ||
	    (m && !(c->node_notes = calloc(m, sizeof(*c->node_notes)))))
		return trc_fail(ld->err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n && !rc; i++, c->n_edge_notes++)
		rc = load_edge_note(ld, json_array_get(en, i), i,
				    &c->edge_notes[i]);
	for (size_t i = 0; i < m && !rc; i++, c->n_node_notes++)
		rc = load_node_note(ld, json_array_get(nn, i), i,
				    &c->node_notes[i]);
	return rc;
}

static enum trc_err load_root(struct case_ld *ld, json_t *root,
			      struct trc_case *c)
{
	static const char *const keys[] = {
		"name",		 "chain",  "network", "seeds", "incident_time",
		"reported_loss", "policy", "limits",  "notes", "edge_notes",
		"node_notes",	 "links",  NULL
	};
	enum trc_err rc;

	if (!json_is_object(root))
		return trc_fail(ld->err, TRC_ERR_PARSE,
				"case '%s': the document must be a JSON "
				"object",
				ld->path);
	if ((rc = case_check_keys(ld, root, "", keys)) ||
	    (rc = case_get_string(ld, json_object_get(root, "name"), "name",
				  true, &c->name)) ||
	    (rc = load_chain(ld, root, c)) || (rc = load_seeds(ld, root, c)) ||
	    (rc = get_time(ld, json_object_get(root, "incident_time"),
			   "incident_time", &c->incident_time)) ||
	    (rc = load_loss(ld, root, c)) || (rc = load_policy(ld, root, c)) ||
	    (rc = load_limits(ld, root, c)) ||
	    (rc = case_get_string(ld, json_object_get(root, "notes"), "notes",
				  false, &c->notes)))
		return rc;
	if ((rc = load_notes(ld, root, c)))
		return rc;
	return case_links_load(ld, json_object_get(root, "links"), c);
}

enum trc_err case_load(struct trc_case *c, const char *path,
		       struct trc_error *err)
{
	struct buf b = BUF_INIT(CASE_FILE_MAX);
	struct case_ld ld = { path, err };
	json_error_t je;
	json_t *root = NULL;
	enum trc_err rc;

	case_release(c);
	if ((rc = buf_read_file(&b, path, err))) {
		trc_error_prefix(err, rc, "case");
		goto cleanup;
	}
	root = json_loadb((const char *)buf_str(&b), b.len,
			  JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "case '%s': line %d, column %d: %s", path,
			      je.line, je.column, je.text);
		goto cleanup;
	}
	rc = load_root(&ld, root, c);
cleanup:
	json_decref(root);
	buf_release(&b);
	if (rc)
		case_release(c);
	return rc;
}

/* ---- saving ---- */

static int set_str(json_t *o, const char *key, const char *s)
{
	return s ? json_object_set_new(o, key, json_string(s)) : 0;
}

static int set_time(json_t *o, const char *key, int64_t t)
{
	char s[DATE_ISO_SIZE];

	if (t == CASE_TIME_NONE)
		return 0;
	date_format_iso(t, s);
	return json_object_set_new(o, key, json_string(s));
}

static int set_amount(json_t *o, const char *key, trc_amount a)
{
	char s[AMOUNT_STR_MAX];

	return json_object_set_new(
		o, key, json_string(amount_format(s, sizeof(s), a, 0, false)));
}

static json_t *limits_json(const struct trc_case *c)
{
	json_t *o = json_object();
	int bad = !o;

	if (!bad && c->has_hops)
		bad |= json_object_set_new(o, "hops", json_integer(c->hops));
	if (!bad && c->has_min)
		bad |= set_amount(o, "min", c->min);
	if (!bad)
		bad |= set_time(o, "since", c->since) |
		       set_time(o, "until", c->until);
	if (!bad && c->has_hub_txs)
		bad |= json_object_set_new(o, "hub_txs",
					   json_integer(c->hub_txs));
	if (!bad && c->stop_at)
		bad |= json_object_set_new(
			o, "stop_at", rjson_strings(c->stop_at, c->n_stop_at));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *case_edge_notes_json(const struct trc_case *c)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < c->n_edge_notes; i++) {
		const struct case_edge_note *e = &c->edge_notes[i];

		if (json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "from",
						       e->from, "to", e->to,
						       "text", e->text))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *case_node_notes_json(const struct trc_case *c)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < c->n_node_notes; i++) {
		const struct case_node_note *e = &c->node_notes[i];

		if (json_array_append_new(a, json_pack("{s:s,s:s}", "node",
						       e->node, "text",
						       e->text))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* New JSON document of c (NULL when out of memory). */
static json_t *case_json(const struct trc_case *c)
{
	json_t *o = json_object(), *loss, *lim;
	int bad = !o;

	if (bad)
		return NULL;
	bad |= set_str(o, "name", c->name) | set_str(o, "chain", c->chain) |
	       set_str(o, "network", c->network);
	bad |= json_object_set_new(o, "seeds",
				   rjson_strings(c->seeds, c->n_seeds));
	bad |= set_time(o, "incident_time", c->incident_time);
	if (c->has_loss) {
		loss = json_object();
		bad |= !loss || set_amount(loss, "amount", c->loss_amount) ||
		       set_str(loss, "source", c->loss_source);
		bad |= json_object_set_new(o, "reported_loss", loss);
	}
	bad |= set_str(o, "policy", c->policy);
	lim = limits_json(c);
	if (lim && json_object_size(lim))
		bad |= json_object_set_new(o, "limits", lim);
	else
		bad |= !lim || (json_decref(lim), 0);
	bad |= set_str(o, "notes", c->notes);
	if (!bad && c->n_edge_notes)
		bad |= json_object_set_new(o, "edge_notes",
					   case_edge_notes_json(c));
	if (!bad && c->n_node_notes)
		bad |= json_object_set_new(o, "node_notes",
					   case_node_notes_json(c));
	if (!bad && c->n_links)
		bad |= json_object_set_new(o, "links", case_links_json(c));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Validates c as case_load validates a file (name is used in messages). */
static enum trc_err case_check(const struct trc_case *c, const char *name,
			       struct trc_error *err)
{
	struct trc_case copy = CASE_INIT;
	struct case_ld ld = { name, err };
	json_t *doc = case_json(c);
	enum trc_err rc;

	if (!doc)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = load_root(&ld, doc, &copy);
	json_decref(doc);
	case_release(&copy);
	return rc;
}

enum trc_err case_save(const struct trc_case *c, const char *path,
		       struct trc_error *err)
{
	json_t *doc;
	char *text = NULL;
	enum trc_err rc;

	if (!c->name || !c->chain || !c->n_seeds)
		return trc_fail(err, TRC_ERR_INVALID,
				"case '%s': a case needs a name, a chain and "
				"at least one seed",
				path);
	if ((rc = case_check(c, path, err)))
		return rc;
	doc = case_json(c);
	if (doc)
		text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (!text)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	{
		size_t n = strlen(text);
		char *nl = realloc(text, n + 2);

		if (!nl) {
			free(text);
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		}
		text = nl;
		memcpy(text + n, "\n", 2);
	}
	rc = afile_write(path, text, strlen(text), err);
	free(text);
	return rc;
}

/* Checks a note's n parts: each 1 to 4096 bytes ("a WHAT note's
 * NAME must be ..."), and that one more note fits after have. */
static enum trc_err note_check(const char *const *part, const char *const *name,
			       int n, size_t have, const char *what,
			       struct trc_error *err)
{
	for (int i = 0; i < n; i++)
		if (!part[i] || !*part[i] || strlen(part[i]) > CASE_STR_MAX)
			return trc_fail(err, TRC_ERR_INVALID,
					"%s note's %s must be 1 to 4096 bytes",
					what, name[i]);
	if (have >= CASE_NOTES_MAX)
		return trc_fail(err, TRC_ERR_INVALID,
				"the case has 10000 %s notes already", what);
	return TRC_OK;
}

enum trc_err case_add_edge_note(struct trc_case *c, const char *from,
				const char *to, const char *text,
				struct trc_error *err)
{
	const char *part[3] = { from, to, text };
	static const char *const name[3] = { "from", "to", "text" };
	struct case_edge_note e = { NULL, NULL, NULL }, *grown;
	enum trc_err rc =
		note_check(part, name, 3, c->n_edge_notes, "an edge", err);

	if (rc)
		return rc;
	grown = realloc(c->edge_notes,
			(c->n_edge_notes + 1) * sizeof(*c->edge_notes));
	if (grown)
		c->edge_notes = grown;
	e.from = strdup(from);
	e.to = strdup(to);
	e.text = strdup(text);
	if (!grown || !e.from || !e.to || !e.text) {
		free(e.from);
		free(e.to);
		free(e.text);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	c->edge_notes[c->n_edge_notes++] = e;
	return TRC_OK;
}

enum trc_err case_add_link(struct trc_case *c, struct xlink *l,
			   struct trc_error *err)
{
	struct xlink *grown;
	struct xlink init = XLINK_INIT;
	enum trc_err rc;

	if (c->n_links >= CASE_LINKS_MAX)
		return trc_fail(err, TRC_ERR_INVALID,
				"the case has 10000 links already");
	grown = realloc(c->links, (c->n_links + 1) * sizeof(*c->links));
	if (!grown)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	c->links = grown;
	c->links[c->n_links++] = *l;
	rc = case_check(c, "case", err);
	if (rc) {
		c->n_links--;
		return rc == TRC_ERR_NOMEM ? rc : TRC_ERR_INVALID;
	}
	*l = init;
	return TRC_OK;
}

enum trc_err case_add_node_note(struct trc_case *c, const char *node,
				const char *text, struct trc_error *err)
{
	const char *part[2] = { node, text };
	static const char *const name[2] = { "node", "text" };
	struct case_node_note e = { NULL, NULL }, *grown;
	enum trc_err rc =
		note_check(part, name, 2, c->n_node_notes, "a node", err);

	if (rc)
		return rc;
	grown = realloc(c->node_notes,
			(c->n_node_notes + 1) * sizeof(*c->node_notes));
	if (grown)
		c->node_notes = grown;
	e.node = strdup(node);
	e.text = strdup(text);
	if (!grown || !e.node || !e.text) {
		free(e.node);
		free(e.text);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	c->node_notes[c->n_node_notes++] = e;
	return TRC_OK;
}
