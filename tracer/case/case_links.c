/*
 * case_links.c - the "links" of a case file (docs/crosschain.md, "Stated
 * links"): their shape on load and their JSON on save. Checking them
 * against the database is case_xlink.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "tracer/case/case_int.h"
#include "tracer/render/json.h"

/* "links[I].SIDE." + name */
static const char *fld(char *buf, size_t size, const char *where,
		       const char *name)
{
	snprintf(buf, size, "%s%s", where, name);
	return buf;
}

static enum trc_err load_txid(struct case_ld *ld, json_t *v, const char *where,
			      const struct chain_ops *ops, struct xlink_end *e)
{
	struct trc_error e2 = TRC_ERROR_INIT;
	char f[96];
	uint8_t txid[32];
	enum trc_err rc;

	fld(f, sizeof(f), where, "txid");
	if ((rc = case_get_string(ld, v, f, true, &e->txid)))
		return rc;
	if (ops->txid_parse(e->txid, txid, &e2))
		return case_field_fail(ld, f, "%s", e2.msg);
	return TRC_OK;
}

static enum trc_err load_chain(struct case_ld *ld, json_t *v, const char *where,
			       struct xlink_end *e,
			       const struct chain_ops **ops)
{
	char f[96], msg[256];
	enum trc_err rc;

	fld(f, sizeof(f), where, "chain");
	if ((rc = case_get_string(ld, v, f, true, &e->chain)))
		return rc;
	if (!(*ops = chain_find(e->chain))) {
		snprintf(msg, sizeof(msg), "unknown chain '%.40s' (%s)",
			 e->chain, chain_names());
		return case_field_fail(ld, f, "%s", msg);
	}
	return TRC_OK;
}

static enum trc_err load_end(struct case_ld *ld, json_t *v, const char *where,
			     struct xlink_end *e)
{
	static const char *const keys[] = { "chain",  "network", "txid", "n",
					    "amount", "asset",	 NULL };
	const struct chain_ops *ops = NULL;
	char f[96], w[64];
	unsigned n = 0;
	enum trc_err rc;

	if (!json_is_object(v))
		return case_field_fail(ld, where,
				       "must be an object {\"chain\", "
				       "\"txid\", \"n\", \"amount\"}%s",
				       NULL);
	snprintf(w, sizeof(w), "%.60s.", where);
	if ((rc = case_check_keys(ld, v, w, keys)) ||
	    (rc = load_chain(ld, json_object_get(v, "chain"), w, e, &ops)))
		return rc;
	if ((rc = case_get_string(ld, json_object_get(v, "network"),
				  fld(f, sizeof(f), w, "network"), false,
				  &e->network)))
		return rc;
	if (e->network && ops->network_valid && !ops->network_valid(e->network))
		return case_field_fail(ld, f, "unknown network '%.40s'",
				       e->network);
	if ((rc = load_txid(ld, json_object_get(v, "txid"), w, ops, e)))
		return rc;
	if (!json_object_get(v, "n"))
		return case_field_fail(ld, fld(f, sizeof(f), w, "n"),
				       "is missing%s", NULL);
	if ((rc = case_get_uint(ld, json_object_get(v, "n"),
				fld(f, sizeof(f), w, "n"), 0, 0xffffffffLL,
				&n)))
		return rc;
	e->n = n;
	if (!json_object_get(v, "amount"))
		return case_field_fail(ld, fld(f, sizeof(f), w, "amount"),
				       "is missing%s", NULL);
	if ((rc = case_get_amount(ld, json_object_get(v, "amount"),
				  fld(f, sizeof(f), w, "amount"), e->chain,
				  &e->amount)))
		return rc;
	return case_get_string(ld, json_object_get(v, "asset"),
			       fld(f, sizeof(f), w, "asset"), false, &e->asset);
}

static enum trc_err load_names(struct case_ld *ld, json_t *v, const char *where,
			       struct xlink *l)
{
	char f[80], *kind = NULL, *conf = NULL;
	enum xlink_kind k = XLINK_STATED;
	enum xlink_confidence c = XLINK_MEDIUM;
	enum trc_err rc;

	rc = case_get_string(ld, json_object_get(v, "kind"),
			     fld(f, sizeof(f), where, "kind"), false, &kind);
	if (!rc && kind && !xlink_kind_from_name(kind, &k))
		rc = case_field_fail(ld, f,
				     "unknown kind '%.40s' (thorchain, "
				     "dex-swap, stated)",
				     kind);
	if (!rc)
		rc = case_get_string(ld, json_object_get(v, "confidence"),
				     fld(f, sizeof(f), where, "confidence"),
				     false, &conf);
	if (!rc && conf && !xlink_confidence_from_name(conf, &c))
		rc = case_field_fail(ld, f,
				     "unknown confidence '%.40s' (high, "
				     "medium, low)",
				     conf);
	free(kind);
	free(conf);
	l->kind = (uint8_t)k;
	l->confidence = (uint8_t)c;
	if (!rc)
		rc = case_get_string(ld, json_object_get(v, "evidence"),
				     fld(f, sizeof(f), where, "evidence"),
				     false, &l->evidence);
	return rc;
}

static enum trc_err load_link(struct case_ld *ld, json_t *v, size_t i,
			      struct xlink *l)
{
	static const char *const keys[] = { "from",	"to",	      "kind",
					    "evidence", "confidence", NULL };
	char where[48], side[64];
	enum trc_err rc;

	snprintf(where, sizeof(where), "links[%zu]", i);
	if (!json_is_object(v))
		return case_field_fail(ld, where,
				       "must be an object {\"from\", \"to\", "
				       "...}%s",
				       NULL);
	snprintf(where + strlen(where), sizeof(where) - strlen(where), ".");
	if ((rc = case_check_keys(ld, v, where, keys)))
		return rc;
	snprintf(side, sizeof(side), "%sfrom", where);
	if (!json_object_get(v, "from"))
		return case_field_fail(ld, side, "is missing%s", NULL);
	if ((rc = load_end(ld, json_object_get(v, "from"), side, &l->from)))
		return rc;
	snprintf(side, sizeof(side), "%sto", where);
	if (!json_object_get(v, "to"))
		return case_field_fail(ld, side, "is missing%s", NULL);
	if ((rc = load_end(ld, json_object_get(v, "to"), side, &l->to)))
		return rc;
	return load_names(ld, v, where, l);
}

/* The same output as written: chain, txid (case-insensitive), n. */
static bool same_out(const struct xlink_end *a, const struct xlink_end *b)
{
	return !strcmp(a->chain, b->chain) && a->n == b->n &&
	       !strcasecmp(a->txid, b->txid);
}

static enum trc_err check_unique(struct case_ld *ld, const struct trc_case *c)
{
	char f[48], j[48];

	for (size_t i = 1; i < c->n_links; i++)
		for (size_t k = 0; k < i; k++)
			if (same_out(&c->links[i].from, &c->links[k].from)) {
				snprintf(f, sizeof(f), "links[%zu].from", i);
				snprintf(j, sizeof(j), "links[%zu]", k);
				return case_field_fail(
					ld, f,
					"the output is the source of %s "
					"already",
					j);
			}
	return TRC_OK;
}

enum trc_err case_links_load(struct case_ld *ld, json_t *arr,
			     struct trc_case *c)
{
	size_t n;
	enum trc_err rc = TRC_OK;

	if (!arr)
		return TRC_OK;
	if (!json_is_array(arr))
		return case_field_fail(ld, "links", "must be an array%s", NULL);
	if ((n = json_array_size(arr)) > CASE_LINKS_MAX)
		return case_field_fail(ld, "links",
				       "has more than 10000 links%s", NULL);
	if (n && !(c->links = calloc(n, sizeof(*c->links))))
		return trc_fail(ld->err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n && !rc; i++, c->n_links++) {
		struct xlink init = XLINK_INIT;
		c->links[i] = init;
		rc = load_link(ld, json_array_get(arr, i), i, &c->links[i]);
	}
	return rc ? rc : check_unique(ld, c);
}

static json_t *end_json(const struct xlink_end *e)
{
	char a[AMOUNT_STR_MAX];
	json_t *o = json_pack("{s:s}", "chain", e->chain);

	if (o && e->network)
		json_object_set_new(o, "network", json_string(e->network));
	if (o) {
		json_object_set_new(o, "txid", json_string(e->txid));
		json_object_set_new(o, "n", json_integer(e->n));
		json_object_set_new(
			o, "amount",
			json_string(amount_format(a, sizeof(a), e->amount, 0,
						  false)));
	}
	if (o && e->asset)
		json_object_set_new(o, "asset", json_string(e->asset));
	return o;
}

json_t *case_links_json(const struct trc_case *c)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < c->n_links; i++) {
		const struct xlink *l = &c->links[i];
		json_t *o = json_object();
		if (!o || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
		json_object_set_new(o, "from", end_json(&l->from));
		json_object_set_new(o, "to", end_json(&l->to));
		json_object_set_new(o, "kind",
				    json_string(xlink_kind_name(l->kind)));
		if (l->evidence)
			json_object_set_new(o, "evidence",
					    json_string(l->evidence));
		json_object_set_new(
			o, "confidence",
			json_string(xlink_confidence_name(l->confidence)));
	}
	return a;
}
