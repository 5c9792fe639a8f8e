#include "base/strv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static enum trc_err push_n(char ***v, size_t *n, const char *s, size_t len,
			   struct trc_error *err)
{
	char **p = realloc(*v, (*n + 1) * sizeof(*p));
	char *copy;

	if (p)
		*v = p;
	if (!p || !(copy = malloc(len + 1)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(copy, s, len);
	copy[len] = '\0';
	p[(*n)++] = copy;
	return TRC_OK;
}

enum trc_err strv_push(char ***v, size_t *n, const char *s,
		       struct trc_error *err)
{
	return push_n(v, n, s, strlen(s), err);
}

enum trc_err strv_push_trimmed(char ***v, size_t *n, const char *s,
			       struct trc_error *err)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return push_n(v, n, s, len, err);
}

enum trc_err strv_split(char ***v, size_t *n, const char *list, char sep,
			struct trc_error *err)
{
	const char *p = list, *e;
	enum trc_err rc;

	for (;; p = e + 1) {
		e = strchr(p, sep);
		if (!e)
			e = p + strlen(p);
		if (e > p && (rc = push_n(v, n, p, (size_t)(e - p), err)))
			return rc;
		if (!*e)
			return TRC_OK;
	}
}

void strv_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}
