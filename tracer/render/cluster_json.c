/*
 * cluster_json.c - the document of `tracer cluster --json`
 * (cluster_json.h).
 */
#include <stdlib.h>

#include "graph/cluster.h"
#include "store/tags.h"
#include "tracer/render/cluster_json.h"
#include "tracer/tags/tagexport.h"

struct cj {
	struct store *s;
	const struct cluster_set *c;
	const struct cluster_json_opts *o;
	struct trc_error *err;
	enum trc_err rc; /* the first failure */
};

/* A tag document (the one tag shape), or null. */
static json_t *tag_doc(struct cj *j, const struct tag *t, bool found)
{
	json_t *o = found ? tagexport_tag_json(t, j->o->network) : json_null();

	return o ? o : json_null();
}

static json_t *tag_json(struct cj *j, const char *addr)
{
	struct tag t = TAG_INIT;
	bool found = false;
	json_t *o;

	if (j->rc)
		return json_null();
	j->rc = tags_best(j->s, j->o->chain->id, addr, &t, &found, j->err);
	o = tag_doc(j, &t, !j->rc && found);
	if (found)
		tag_release(&t);
	return o;
}

static json_t *inferred_json(struct cj *j)
{
	struct tag t;
	bool found = false;
	json_t *o;

	if (j->rc)
		return json_null();
	j->rc = cluster_infer(j->c, j->o->address, j->o->chain->txid_format, &t,
			      &found, j->err);
	o = tag_doc(j, &t, !j->rc && found);
	if (!j->rc && found)
		tag_release(&t);
	return o;
}

static json_t *path_json(struct cj *j)
{
	struct cluster_link *steps = NULL;
	size_t n = 0;
	json_t *arr;
	char txid[CHAIN_TXID_STR_MAX];

	if ((j->rc = cluster_path(j->c, j->o->address, j->o->member, &steps, &n,
				  j->err)))
		return NULL;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "address",
				    json_string(steps[i].address));
		if (i) {
			j->o->chain->txid_format(steps[i].txid, txid);
			json_object_set_new(o, "txid", json_string(txid));
		}
		json_array_append_new(arr, o);
	}
	free(steps);
	return arr;
}

/* Sets root's "size" and "members". */
static void members_json(struct cj *j, json_t *root)
{
	const char **m = NULL;
	size_t n = 0;
	uint64_t total = 0;
	json_t *arr;

	if (j->rc ||
	    (j->rc = cluster_members(j->c, j->o->address, j->o->max_members, &m,
				     &n, &total, j->err)))
		return;
	arr = json_array();
	for (size_t i = 0; i < n && !j->rc; i++)
		json_array_append_new(arr,
				      json_pack("{s:s, s:o}", "address", m[i],
						"tag", tag_json(j, m[i])));
	free(m);
	json_object_set_new(root, "size", json_integer((json_int_t)total));
	json_object_set_new(root, "members", arr);
}

static json_t *build(struct cj *j)
{
	json_t *root = json_object();
	uint32_t id = 0;

	json_object_set_new(root, "chain", json_string(j->o->chain->name));
	json_object_set_new(root, "network", json_string(j->o->network));
	json_object_set_new(root, "address", json_string(j->o->address));
	j->rc = cluster_id(j->c, j->o->address, &id, j->err);
	json_object_set_new(root, "cluster", json_integer(id));
	json_object_set_new(root, "tag", tag_json(j, j->o->address));
	json_object_set_new(root, "inferred", inferred_json(j));
	members_json(j, root);
	json_object_set_new(root, "coinjoins_excluded",
			    json_integer((json_int_t)cluster_coinjoins(j->c)));
	if (j->o->member && !j->rc) {
		json_t *p = path_json(j);

		if (p)
			json_object_set_new(root, "path", p);
	}
	return root;
}

enum trc_err cluster_json(struct store *s, const struct cluster_json_opts *o,
			  json_t **out, struct trc_error *err)
{
	struct cluster_set *c = NULL;
	struct cluster_opts co;
	struct cj j = { s, NULL, o, err, TRC_OK };
	json_t *root;

	*out = NULL;
	cluster_opts_init(&co);
	if ((j.rc = cluster_open(s, o->chain->id, &co, &c, err)))
		return j.rc;
	j.c = c;
	root = build(&j);
	cluster_free(c);
	if (j.rc) {
		json_decref(root);
		return j.rc;
	}
	*out = root;
	return TRC_OK;
}
