#include "chains/eth/eth_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "chains/eth/eth_addr.h"

/* Out: *s, the member's string, or NULL when absent or null. */
static enum trc_err member(const json_t *obj, const char *key, bool required,
			   const char **s, bool *present, struct trc_error *err)
{
	json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;

	*s = NULL;
	if (present)
		*present = false;
	if (!v || json_is_null(v)) {
		if (required)
			return trc_fail(err, TRC_ERR_PARSE,
					"missing field '%s'", key);
		return TRC_OK;
	}
	if (!json_is_string(v))
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' is not a string", key);
	*s = json_string_value(v);
	if (present)
		*present = true;
	return TRC_OK;
}

enum trc_err ejson_amount(const json_t *obj, const char *key, bool required,
			  trc_amount *v, bool *present, struct trc_error *err)
{
	const char *s;
	enum trc_err rc = member(obj, key, required, &s, present, err);

	*v = AMOUNT_ZERO;
	if (rc || !s)
		return rc;
	rc = amount_parse_hex(v, s, err);
	if (rc)
		return trc_error_prefix(err, rc, "field '%s'", key);
	return TRC_OK;
}

enum trc_err ejson_u64(const json_t *obj, const char *key, bool required,
		       uint64_t *v, bool *present, struct trc_error *err)
{
	trc_amount a;
	enum trc_err rc = ejson_amount(obj, key, required, &a, present, err);

	*v = 0;
	if (rc)
		return rc;
	if (amount_to_u64(v, a))
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' does not fit in 64 bits", key);
	return TRC_OK;
}

enum trc_err ejson_word(const json_t *obj, const char *key, bool required,
			uint8_t out[32], bool *present, struct trc_error *err)
{
	trc_amount a;
	enum trc_err rc = ejson_amount(obj, key, required, &a, present, err);

	amount_to_be32(out, a);
	return rc;
}

static enum trc_err fixed_str(const char *s, const char *what, uint8_t *out,
			      size_t n, struct trc_error *err)
{
	size_t got;

	memset(out, 0, n);
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') ||
	    !hex_is_exact(s + 2, n))
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' is not 0x and %zu hex digits: "
				"'%.80s'",
				what, 2 * n, s);
	return hex_decode(out, n, &got, s + 2, 2 * n, err);
}

enum trc_err ejson_fixed(const json_t *obj, const char *key, bool required,
			 uint8_t *out, size_t n, bool *present,
			 struct trc_error *err)
{
	const char *s;
	enum trc_err rc = member(obj, key, required, &s, present, err);

	memset(out, 0, n);
	if (rc || !s)
		return rc;
	return fixed_str(s, key, out, n, err);
}

enum trc_err ejson_fixed_value(const json_t *v, const char *what, uint8_t *out,
			       size_t n, struct trc_error *err)
{
	memset(out, 0, n);
	if (!json_is_string(v))
		return trc_fail(err, TRC_ERR_PARSE, "%s is not a string", what);
	return fixed_str(json_string_value(v), what, out, n, err);
}

enum trc_err ejson_addr(const json_t *obj, const char *key, bool required,
			uint8_t out[20], bool *present, struct trc_error *err)
{
	const char *s;
	enum trc_err rc = member(obj, key, required, &s, present, err);

	memset(out, 0, 20);
	if (rc || !s)
		return rc;
	rc = eth_addr_parse(out, s, err);
	if (rc)
		return trc_error_prefix(err, rc, "field '%s'", key);
	return TRC_OK;
}

enum trc_err ejson_data(const json_t *obj, const char *key, bool required,
			uint8_t **out, size_t *len, bool *present,
			struct trc_error *err)
{
	const char *s;
	size_t hl, n;
	enum trc_err rc = member(obj, key, required, &s, present, err);

	*out = NULL;
	*len = 0;
	if (rc || !s)
		return rc;
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return trc_fail(err, TRC_ERR_PARSE,
				"field '%s' does not start with 0x", key);
	hl = strlen(s + 2);
	if (hl / 2 > EJSON_DATA_MAX)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"field '%s' is larger than %u bytes", key,
				EJSON_DATA_MAX);
	if (hl == 0)
		return TRC_OK;
	*out = malloc(hl / 2 + 1);
	if (!*out)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = hex_decode(*out, hl / 2 + 1, &n, s + 2, hl, err);
	if (rc) {
		free(*out);
		*out = NULL;
		return trc_error_prefix(err, rc, "field '%s'", key);
	}
	*len = n;
	return TRC_OK;
}
