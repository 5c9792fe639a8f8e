/*
 * case_int.h - private to tracer/case/case*.c: the loading state of a case
 * file and the field readers case.c and case_links.c share, so that every
 * field of a case is read and named by one set of rules.
 */
#ifndef TRC_CASE_INT_H
#define TRC_CASE_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "base/amount.h"
#include "base/err.h"
#include "tracer/case/case.h"

/* Loading state: the file's name for messages and the error. */
struct case_ld {
	const char *path;
	struct trc_error *err;
};

/* TRC_ERR_PARSE "case 'PATH': field 'FIELD': " + fmt (with detail). */
enum trc_err case_field_fail(struct case_ld *ld, const char *field,
			     const char *fmt, const char *detail);
/* Out: *out, a new copy of string v, or NULL when v is absent and not
 * required; at most 4096 bytes. */
enum trc_err case_get_string(struct case_ld *ld, json_t *v, const char *field,
			     bool required, char **out);
enum trc_err case_get_uint(struct case_ld *ld, json_t *v, const char *field,
			   long long min, long long max, unsigned *out);
/* An amount: base units, or with a unit of chain ("1.5btc"). */
enum trc_err case_get_amount(struct case_ld *ld, json_t *v, const char *field,
			     const char *chain, trc_amount *out);
/* Rejects keys of obj not in allowed ('_' keys are comments). */
enum trc_err case_check_keys(struct case_ld *ld, json_t *obj, const char *where,
			     const char *const *allowed);

/* case_links.c: "links" of the root (absent: none) into c. */
enum trc_err case_links_load(struct case_ld *ld, json_t *arr,
			     struct trc_case *c);
/* The links of c as the case file writes them (a new array; NULL when
 * out of memory). */
json_t *case_links_json(const struct trc_case *c);

#endif
