#include "chains/tron/tron_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/hex.h"

static enum trc_err missing(const char *key, struct trc_error *err)
{
	return trc_fail(err, TRC_ERR_PARSE, "missing field '%s'", key);
}

enum trc_err tjson_i64(const json_t *obj, const char *key, bool required,
		       int64_t *out, struct trc_error *err)
{
	const json_t *v = json_object_get(obj, key);

	*out = 0;
	if (!v)
		return required ? missing(key, err) : TRC_OK;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' is not a whole number >= 0", key);
	*out = (int64_t)json_integer_value(v);
	return TRC_OK;
}

static enum trc_err get_hex(const json_t *obj, const char *key, bool required,
			    const char **s, size_t *n, struct trc_error *err)
{
	const json_t *v = json_object_get(obj, key);

	*s = NULL;
	*n = 0;
	if (!v)
		return required ? missing(key, err) : TRC_OK;
	if (!json_is_string(v))
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' is not a string", key);
	*s = json_string_value(v);
	*n = json_string_length(v);
	if (*n > 2 * TJSON_HEX_MAX)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"field '%s' is longer than %zu bytes", key,
				TJSON_HEX_MAX);
	return TRC_OK;
}

enum trc_err tjson_fixed_value(const json_t *v, const char *what, uint8_t *out,
			       size_t len, struct trc_error *err)
{
	const char *s = json_string_value(v);
	size_t got;

	memset(out, 0, len);
	if (!s || json_string_length(v) != 2 * len || !hex_is_exact(s, len))
		return trc_fail(err, TRC_ERR_PARSE, "%s is not %zu hex digits",
				what, 2 * len);
	return hex_decode(out, len, &got, s, 2 * len, err);
}

enum trc_err tjson_fixed(const json_t *obj, const char *key, bool required,
			 uint8_t *out, size_t len, bool *present,
			 struct trc_error *err)
{
	const char *s;
	size_t n, got;
	enum trc_err rc;

	memset(out, 0, len);
	if (present)
		*present = false;
	if ((rc = get_hex(obj, key, required, &s, &n, err)) || !s)
		return rc;
	if (!n && !required)
		return TRC_OK; /* "": protobuf's empty default, as absent */
	if (n != 2 * len || !hex_is_exact(s, len))
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' is not %zu hex digits", key,
				2 * len);
	if ((rc = hex_decode(out, len, &got, s, n, err)))
		return rc;
	if (present)
		*present = true;
	return TRC_OK;
}

enum trc_err tjson_hex(const json_t *obj, const char *key, bool required,
		       uint8_t **out, size_t *len, struct trc_error *err)
{
	const char *s;
	size_t n;
	enum trc_err rc;

	*out = NULL;
	*len = 0;
	if ((rc = get_hex(obj, key, required, &s, &n, err)) || !s || !n)
		return rc;
	if (!(*out = malloc(n / 2 + 1)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if ((rc = hex_decode(*out, n / 2 + 1, len, s, n, err))) {
		free(*out);
		*out = NULL;
		*len = 0;
		return trc_fail(err, rc, "field '%s' is not hex", key);
	}
	return TRC_OK;
}

enum trc_err tjson_str(const json_t *obj, const char *key, bool required,
		       const char **out, struct trc_error *err)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v)
		return required ? missing(key, err) : TRC_OK;
	if (!json_is_string(v))
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' is not a string", key);
	*out = json_string_value(v);
	return TRC_OK;
}

enum trc_err tjson_only(const json_t *obj, const char *const *known,
			const char *what, struct trc_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)obj, key, v)
	{
		size_t i = 0;

		while (known[i] && strcmp(known[i], key))
			i++;
		if (!known[i])
			return trc_fail(err, TRC_ERR_PARSE,
					"%s has the field '%.40s', which "
					"tracer cannot hash",
					what, key);
	}
	return TRC_OK;
}
