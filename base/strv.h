/*
 * strv.h - vectors of strings as a pointer and a count (char **v,
 * size_t n), the one helper for them.
 *
 * Ownership: the vector owns its array and every string in it; strv_free
 * releases both. An empty vector is (NULL, 0).
 */
#ifndef TRC_STRV_H
#define TRC_STRV_H

#include <stddef.h>

#include "base/err.h"

/*
 * Appends a copy of s to (*v, *n). On failure (TRC_ERR_NOMEM) the vector
 * is unchanged and still valid. err may be NULL.
 */
enum trc_err strv_push(char ***v, size_t *n, const char *s,
		       struct trc_error *err) TRC_WARN_UNUSED;

/* strv_push of s without its leading and trailing white space (an
 * address pasted with a newline is the address). */
enum trc_err strv_push_trimmed(char ***v, size_t *n, const char *s,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Appends a copy of every item of list separated by sep ("a,b,c");
 * empty items are skipped. On failure the items appended so far stay.
 */
enum trc_err strv_split(char ***v, size_t *n, const char *list, char sep,
			struct trc_error *err) TRC_WARN_UNUSED;

/* Frees the n strings of v and v; v NULL is allowed. */
void strv_free(char **v, size_t n);

#endif
