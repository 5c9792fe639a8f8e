#include "tracer/cli/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static enum trc_err config_path(char *out, size_t size)
{
	const char *p = getenv("TRACER_CONFIG");
	const char *home = getenv("HOME");

	if (p && *p)
		snprintf(out, size, "%s", p);
	else if (home && *home)
		snprintf(out, size, "%s/.config/tracer/config", home);
	else
		return TRC_ERR_NOTFOUND;
	return TRC_OK;
}

/* Looks for "<chain>.<kind> = value" in f. */
static enum trc_err scan(FILE *f, const char *path, const char *want,
			 char **url, struct trc_error *err)
{
	char line[4096];
	unsigned n = 0;

	while (fgets(line, sizeof(line), f)) {
		char *s, *eq;

		n++;
		if (!strchr(line, '\n') && !feof(f))
			return trc_fail(err, TRC_ERR_PARSE,
					"%s line %u is too long", path, n);
		s = trim(line);
		if (!*s || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (!eq)
			return trc_fail(err, TRC_ERR_PARSE,
					"%s line %u: expected 'key = value'",
					path, n);
		*eq = '\0';
		if (strcmp(trim(s), want))
			continue;
		*url = strdup(trim(eq + 1));
		return *url ? TRC_OK
			    : trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	return TRC_OK;
}

static enum trc_err from_file(const char *want, char **url,
			      struct trc_error *err)
{
	char path[1024];
	struct stat st;
	FILE *f;
	enum trc_err rc;

	if (config_path(path, sizeof(path)))
		return TRC_OK;
	f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? TRC_OK
				       : trc_fail(err, TRC_ERR_IO,
						  "cannot read '%s': %s", path,
						  strerror(errno));
	if (fstat(fileno(f), &st) || (st.st_mode & 077)) {
		fclose(f);
		return trc_fail(err, TRC_ERR_INVALID,
				"'%s' holds credentials and must not be "
				"readable by others (chmod 600 '%s')",
				path, path);
	}
	rc = scan(f, path, want, url, err);
	fclose(f);
	return rc;
}

enum trc_err config_value(const char *key, char **value, struct trc_error *err)
{
	*value = NULL;
	return from_file(key, value, err);
}

/* The first line of f into line (size bytes), without its newline. */
static enum trc_err cookie_line(FILE *f, const char *path, char *line,
				size_t size, struct trc_error *err)
{
	size_t n;

	if (!fgets(line, (int)size, f))
		return trc_fail(err, TRC_ERR_PARSE, "'%s' is empty", path);
	n = strlen(line);
	if (n && line[n - 1] != '\n' && !feof(f))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' is not a cookie file (its line is too "
				"long)",
				path);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return TRC_OK;
}

enum trc_err config_cookie(const char *path, char **user, char **password,
			   struct trc_error *err)
{
	char line[1024];
	char *colon;
	FILE *f = fopen(path, "r");
	enum trc_err rc;

	*user = *password = NULL;
	if (!f)
		return trc_fail(err,
				errno == ENOENT ? TRC_ERR_NOTFOUND : TRC_ERR_IO,
				"cannot read the cookie file '%s': %s", path,
				strerror(errno));
	rc = cookie_line(f, path, line, sizeof(line), err);
	fclose(f);
	colon = rc ? NULL : strchr(line, ':');
	if (!rc && (!colon || colon == line || !colon[1]))
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "'%s' is not a cookie file (expected "
			      "'user:password')",
			      path);
	if (!rc) {
		*colon = '\0';
		*user = strdup(line);
		*password = strdup(colon + 1);
		if (!*user || !*password) {
			free(*user);
			free(*password);
			*user = *password = NULL;
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		}
	}
	explicit_bzero(line, sizeof(line));
	return rc;
}

enum trc_err config_source_url(const char *chain, const char *kind, char **url,
			       struct trc_error *err)
{
	char env[64], key[64];
	const char *v;

	*url = NULL;
	snprintf(env, sizeof(env), "TRACER_%s_RPC", chain);
	for (char *p = env; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	v = getenv(env);
	if (!strcmp(kind, "rpc") && v && *v) {
		*url = strdup(v);
		return *url ? TRC_OK
			    : trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	snprintf(key, sizeof(key), "%s.%s", chain, kind);
	return from_file(key, url, err);
}
