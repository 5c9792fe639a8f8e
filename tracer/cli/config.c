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

enum trc_err config_source_url(const char *chain, const char *kind,
			       char **url, struct trc_error *err)
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
