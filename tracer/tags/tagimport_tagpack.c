/*
 * tagimport_tagpack.c - the GraphSense TagPack reader (YAML, via libyaml).
 *
 * A TagPack is a mapping: header fields, then "tags", a sequence of
 * mappings. Every header field that a tag can carry (label, currency,
 * network, category, abuse, source, confidence, actor) is a default for
 * each tag that leaves it out. Other keys (title, creator, lastmod,
 * is_cluster_definer, context, ...) are ignored. libyaml's node marks give
 * each tag its line.
 */
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "tracer/tags/tagimport_readers.h"

enum tp_field {
	TP_LABEL,
	TP_ADDRESS,
	TP_CURRENCY,
	TP_NETWORK,
	TP_CATEGORY,
	TP_ABUSE,
	TP_SOURCE,
	TP_CONFIDENCE,
	TP_ACTOR,
	TP_COUNT
};

static const char *const tp_names[TP_COUNT] = {
	"label", "address", "currency",	  "network", "category",
	"abuse", "source",  "confidence", "actor",
};

static int tp_field(const char *key)
{
	for (int i = 0; i < TP_COUNT; i++)
		if (!strcmp(key, tp_names[i]))
			return i;
	return -1;
}

/* The scalar text of node, or NULL when node is not a scalar or holds a
 * NUL byte. */
static const char *scalar(yaml_node_t *node)
{
	if (!node || node->type != YAML_SCALAR_NODE)
		return NULL;
	if (strlen((const char *)node->data.scalar.value) !=
	    node->data.scalar.length)
		return NULL;
	return (const char *)node->data.scalar.value;
}

static unsigned node_line(const yaml_node_t *node)
{
	return (unsigned)node->start_mark.line + 1;
}

/*
 * Reads the known fields of mapping map into v (borrowed from doc). An
 * empty scalar ("~", "" or null) counts as absent. Returns false with
 * *bad naming the offending key when a known field is not a scalar.
 */
static bool read_mapping(yaml_document_t *doc, yaml_node_t *map,
			 const char *v[TP_COUNT], const char **bad)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		const char *key = scalar(yaml_document_get_node(doc, p->key));
		yaml_node_t *val = yaml_document_get_node(doc, p->value);
		const char *s;
		int f = key ? tp_field(key) : -1;

		if (f < 0)
			continue;
		s = scalar(val);
		if (!s) {
			*bad = key;
			return false;
		}
		if (*s && strcmp(s, "~") && strcmp(s, "null"))
			v[f] = s;
	}
	return true;
}

static enum trc_err one_tag(struct tagimport_run *run, yaml_document_t *doc,
			    yaml_node_t *node, const char *const *header)
{
	const char *v[TP_COUNT] = { NULL }, *bad = NULL;
	struct tagraw raw;

	if (node->type != YAML_MAPPING_NODE) {
		tagimport_reject(run, node_line(node), NULL,
				 "a tag must be a mapping");
		return TRC_OK;
	}
	if (!read_mapping(doc, node, v, &bad)) {
		tagimport_reject(run, node_line(node), NULL,
				 "field '%.40s' must be a single value without "
				 "NUL bytes",
				 bad);
		return TRC_OK;
	}
	for (int i = 0; i < TP_COUNT; i++)
		if (!v[i])
			v[i] = header[i];
	memset(&raw, 0, sizeof(raw));
	raw.line = node_line(node);
	/* newer TagPacks name the chain "network" and the asset "currency" */
	raw.currency = v[TP_NETWORK] ? v[TP_NETWORK] : v[TP_CURRENCY];
	raw.address = v[TP_ADDRESS];
	raw.entity = v[TP_LABEL];
	raw.category = v[TP_CATEGORY];
	raw.abuse = v[TP_ABUSE];
	raw.source = v[TP_SOURCE];
	raw.confidence = v[TP_CONFIDENCE];
	raw.actor = v[TP_ACTOR];
	if (!raw.currency) {
		tagimport_reject(run, raw.line, NULL,
				 "no currency or network for '%.80s'",
				 raw.address ? raw.address : "");
		return TRC_OK;
	}
	return tagimport_emit(run, &raw);
}

static enum trc_err read_doc(struct tagimport_run *run, yaml_document_t *doc,
			     struct trc_error *err)
{
	yaml_node_t *root = yaml_document_get_root_node(doc), *tags = NULL;
	const char *header[TP_COUNT] = { NULL }, *bad = NULL;
	enum trc_err rc = TRC_OK;

	if (!root || root->type != YAML_MAPPING_NODE)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s:%u: a TagPack must be a mapping with "
				"'tags'",
				tagimport_name(run),
				root ? node_line(root) : 1);
	if (!read_mapping(doc, root, header, &bad))
		return trc_fail(err, TRC_ERR_PARSE,
				"%s: header field '%.40s' must be a single "
				"value",
				tagimport_name(run), bad);
	header[TP_ADDRESS] = NULL; /* an address is never a default */
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		const char *key = scalar(yaml_document_get_node(doc, p->key));

		if (key && !strcmp(key, "tags"))
			tags = yaml_document_get_node(doc, p->value);
	}
	if (!tags || tags->type != YAML_SEQUENCE_NODE)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s: a TagPack needs 'tags', a list of tags",
				tagimport_name(run));
	for (yaml_node_item_t *it = tags->data.sequence.items.start;
	     it < tags->data.sequence.items.top && !rc; it++) {
		yaml_node_t *n = yaml_document_get_node(doc, *it);

		if (n)
			rc = one_tag(run, doc, n, header);
	}
	return rc;
}

enum trc_err tagimport_read_tagpack(struct tagimport_run *run, const char *data,
				    size_t len, struct trc_error *err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	enum trc_err rc;

	if (!yaml_parser_initialize(&parser))
		return TRC_ERR_NOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &doc)) {
		char ctx[160] = "";

		/* the error is often seen only at the end of the file; the
		 * context mark says where the broken construct began */
		if (parser.context)
			snprintf(ctx, sizeof(ctx),
				 " %s (which began at line "
				 "%zu)",
				 parser.context, parser.context_mark.line + 1);
		rc = trc_fail(err, TRC_ERR_PARSE, "%s:%zu:%zu: %s%s",
			      tagimport_name(run), parser.problem_mark.line + 1,
			      parser.problem_mark.column + 1,
			      parser.problem ? parser.problem : "bad YAML",
			      ctx);
		yaml_parser_delete(&parser);
		return rc;
	}
	rc = read_doc(run, &doc, err);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}
