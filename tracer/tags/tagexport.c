/*
 * tagexport.c - CSV and JSON export of the tag store.
 */
#include "tracer/tags/tagexport.h"

#include <stdlib.h>
#include <string.h>

#include "store/record.h"
#include "tracer/tags/tagnet.h"

json_t *tagexport_tag_json(const struct tag *t, const char *network)
{
	json_t *o = json_object();
	int bad = !o;

	if (bad)
		return NULL;
	bad |= json_object_set_new(o, "chain",
				   json_string(chain_name(t->chain)));
	bad |= json_object_set_new(
		o, "network", network ? json_string(network) : json_null());
	bad |= json_object_set_new(o, "address", json_string(t->address));
	bad |= json_object_set_new(o, "entity", json_string(t->entity));
	bad |= json_object_set_new(o, "category",
				   json_string(tag_category_name(t->category)));
	bad |= json_object_set_new(o, "source", json_string(t->source));
	bad |= json_object_set_new(o, "confidence",
				   json_integer(t->confidence));
	bad |= json_object_set_new(
		o, "actor", t->actor ? json_string(t->actor) : json_null());
	bad |= json_object_set_new(o, "inferred", json_boolean(t->inferred));
	bad |= json_object_set_new(o, "evidence",
				   t->evidence ? json_string(t->evidence)
					       : json_null());
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* One CSV field, quoted when it holds a separator, a quote, a line break,
 * or starts with '#' (which the reader takes for a comment line). */
static void csv_field(FILE *f, const char *s, bool last)
{
	if (s && (strpbrk(s, ",\"\r\n") || s[0] == '#')) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else if (s) {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

struct export_ctx {
	FILE *f;
	struct tagnet nets;
	struct trc_error *err;
	enum trc_err rc;
	size_t n;
	int failed;
};

static const char *net_of(struct export_ctx *c, const struct tag *t)
{
	const char *net = NULL;

	if (!c->rc)
		c->rc = tagnet_of(&c->nets, t, &net, c->err);
	return net;
}

static int csv_one(const struct tag *t, void *ctx)
{
	struct export_ctx *c = ctx;
	FILE *f = c->f;
	const char *net = net_of(c, t);
	char conf[8];

	snprintf(conf, sizeof(conf), "%u", t->confidence);
	csv_field(f, chain_name(t->chain), false);
	csv_field(f, t->address, false);
	csv_field(f, t->entity, false);
	csv_field(f, tag_category_name(t->category), false);
	csv_field(f, t->source, false);
	csv_field(f, conf, false);
	csv_field(f, t->actor, false);
	csv_field(f, t->inferred ? "true" : "false", false);
	csv_field(f, t->evidence, false);
	csv_field(f, net, true);
	return c->rc || ferror(f) != 0;
}

static enum trc_err check_written(FILE *f, enum trc_err rc,
				  struct trc_error *err)
{
	if (!rc && (fflush(f) || ferror(f)))
		return trc_fail(err, TRC_ERR_IO, "cannot write the export");
	return rc;
}

enum trc_err tagexport_csv(struct store *s, uint8_t chain, FILE *f,
			   struct trc_error *err)
{
	struct export_ctx c = { .f = f, .err = err };
	enum trc_err rc;

	tagnet_init(&c.nets, s);
	fputs("chain,address,entity,category,source,confidence,actor,"
	      "inferred,evidence,network\n",
	      f);
	rc = tags_each(s, chain, csv_one, &c, err);
	tagnet_release(&c.nets);
	return check_written(f, c.rc ? c.rc : rc, err);
}

/* Writes one element of "tags"; the document is streamed so that a large
 * store does not have to fit in memory as JSON. */
static int json_one(const struct tag *t, void *ctx)
{
	struct export_ctx *c = ctx;
	const char *net = net_of(c, t);
	json_t *o = c->rc ? NULL : tagexport_tag_json(t, net);
	char *text = o ? json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT |
					       JSON_ENSURE_ASCII)
		       : NULL;

	json_decref(o);
	if (!text) {
		c->failed = 1;
		return 1;
	}
	fprintf(c->f, "%s\n    %s", c->n++ ? "," : "", text);
	free(text);
	return ferror(c->f) != 0;
}

enum trc_err tagexport_json(struct store *s, uint8_t chain, FILE *f,
			    struct trc_error *err)
{
	struct export_ctx c = { .f = f, .err = err };
	enum trc_err rc;

	tagnet_init(&c.nets, s);
	fputs("{\n  \"format\": \"tracer-tags\",\n  \"version\": 1,\n"
	      "  \"tags\": [",
	      f);
	rc = tags_each(s, chain, json_one, &c, err);
	tagnet_release(&c.nets);
	if (!rc && c.rc)
		rc = c.rc;
	if (!rc && c.failed)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	fputs(c.n ? "\n  ]\n}\n" : "]\n}\n", f);
	return check_written(f, rc, err);
}
