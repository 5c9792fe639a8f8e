/*
 * tagimport_json.c - the JSON reader: tracer's own export format,
 *   {"format": "tracer-tags", "version": 1, "tags": [ {...}, ... ]}
 * or a bare array of the same tag objects. jansson reports no line per
 * array element, so a rejected entry is named by its index: tags[3].
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "tracer/tags/tagimport_readers.h"

#define JSON_TAG_FIELDS 11

static const char *const fields[JSON_TAG_FIELDS] = {
	"chain", "address",  "entity",	 "category", "source",	"confidence",
	"actor", "inferred", "evidence", "abuse",    "network",
};

/* Reads the fields of one tag object into v (strings borrowed from o, or
 * from num for a numeric confidence). Returns false after rejecting. */
static bool read_fields(struct tagimport_run *run, json_t *o, const char *where,
			const char *v[JSON_TAG_FIELDS], char num[8])
{
	const char *key;
	json_t *x;

	json_object_foreach(o, key, x)
	{
		int i;

		for (i = 0; i < JSON_TAG_FIELDS; i++)
			if (!strcmp(key, fields[i]))
				break;
		if (i == JSON_TAG_FIELDS) {
			tagimport_reject(run, 0, where, "unknown field '%.40s'",
					 key);
			return false;
		}
		if (json_is_null(x))
			continue;
		if (i == 5 && json_is_integer(x)) {
			json_int_t c = json_integer_value(x);

			if (c < 0 || c > 100) {
				tagimport_reject(
					run, 0, where,
					"bad confidence %lld (0 to 100 "
					"or a GraphSense level name)",
					(long long)c);
				return false;
			}
			snprintf(num, 8, "%d", (int)c);
			v[i] = num;
		} else if (i == 7 && json_is_boolean(x)) {
			v[i] = json_is_true(x) ? "true" : "false";
		} else if (json_is_string(x) && strlen(json_string_value(x)) ==
							json_string_length(x)) {
			v[i] = json_string_value(x);
		} else {
			tagimport_reject(run, 0, where,
					 "field '%s' has the wrong type", key);
			return false;
		}
	}
	return true;
}

static enum trc_err one_tag(struct tagimport_run *run, json_t *o, size_t i)
{
	const char *v[JSON_TAG_FIELDS] = { NULL };
	char where[32], num[8];
	struct tagraw raw;

	snprintf(where, sizeof(where), "tags[%zu]", i);
	if (!json_is_object(o)) {
		tagimport_reject(run, 0, where, "not an object");
		return TRC_OK;
	}
	if (!read_fields(run, o, where, v, num))
		return TRC_OK;
	memset(&raw, 0, sizeof(raw));
	raw.where = where;
	raw.chain = v[0];
	raw.address = v[1];
	raw.entity = v[2];
	raw.category = v[3];
	raw.source = v[4];
	raw.confidence = v[5];
	raw.actor = v[6];
	raw.inferred = v[7];
	raw.evidence = v[8];
	raw.abuse = v[9];
	raw.network = v[10];
	return tagimport_emit(run, &raw);
}

/* Out: *out, the array of tags in root (borrowed), NULL on failure. */
static enum trc_err tags_array(struct tagimport_run *run, json_t *root,
			       json_t **out, struct trc_error *err)
{
	json_t *fmt, *ver, *tags;

	*out = NULL;
	if (json_is_array(root)) {
		*out = root;
		return TRC_OK;
	}
	if (!json_is_object(root))
		return trc_fail(err, TRC_ERR_PARSE,
				"%s: want an object with \"tags\" "
				"or an array of tags",
				tagimport_name(run));
	fmt = json_object_get(root, "format");
	ver = json_object_get(root, "version");
	tags = json_object_get(root, "tags");
	if ((fmt && (!json_is_string(fmt) ||
		     strcmp(json_string_value(fmt), "tracer-tags"))) ||
	    (ver && (!json_is_integer(ver) || json_integer_value(ver) != 1)))
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"%s: not a tracer-tags document of version 1",
				tagimport_name(run));
	if (!json_is_array(tags))
		return trc_fail(err, TRC_ERR_PARSE,
				"%s: field 'tags' must be an array",
				tagimport_name(run));
	*out = tags;
	return TRC_OK;
}

enum trc_err tagimport_read_json(struct tagimport_run *run, const char *data,
				 size_t len, struct trc_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	json_t *tags;
	enum trc_err rc = TRC_OK;

	if (!root)
		return trc_fail(err, TRC_ERR_PARSE, "%s:%d:%d: %s",
				tagimport_name(run), je.line, je.column,
				je.text);
	rc = tags_array(run, root, &tags, err);
	for (size_t i = 0; !rc && tags && i < json_array_size(tags); i++)
		rc = one_tag(run, json_array_get(tags, i), i);
	json_decref(root);
	return rc;
}
