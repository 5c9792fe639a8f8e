#include "tracer/render/explorer.h"

#include <string.h>

#include "tracer/render/report_esc.h"

static const char *const placeholder[EXPLORER_KINDS] = { "{txid}",
							 "{address}" };

static bool bad_char(unsigned char c)
{
	return c <= ' ' || c >= 0x7f || strchr("\"'<>\\`", c);
}

/* The part after "scheme://": where the host ends. */
static const char *after_scheme(const char *t)
{
	if (!strncmp(t, "https://", 8))
		return t + 8;
	if (!strncmp(t, "http://", 7))
		return t + 7;
	return NULL;
}

static enum trc_err find_kind(const char *t, const char *path,
			      enum explorer_kind *kind, struct trc_error *err)
{
	const char *open = strchr(t, '{');
	size_t n = 0;

	for (const char *p = t; *p; p++)
		n += *p == '{' || *p == '}';
	for (int k = 0; k < EXPLORER_KINDS; k++) {
		size_t len = strlen(placeholder[k]);

		if (!open || strncmp(open, placeholder[k], len) || n != 2)
			continue;
		if (open < path)
			return trc_fail(err, TRC_ERR_INVALID,
					"explorer template '%s': the "
					"placeholder must follow the host",
					t);
		*kind = (enum explorer_kind)k;
		return TRC_OK;
	}
	return trc_fail(err, TRC_ERR_INVALID,
			"explorer template '%s' must hold exactly one "
			"placeholder, {txid} or {address}, and no other "
			"brace",
			t);
}

enum trc_err explorer_check(const char *tmpl, enum explorer_kind *kind,
			    struct trc_error *err)
{
	const char *host = after_scheme(tmpl), *path;

	*kind = EXPLORER_TXID;
	if (strlen(tmpl) > EXPLORER_MAX)
		return trc_fail(err, TRC_ERR_INVALID,
				"explorer template longer than %d bytes",
				EXPLORER_MAX);
	if (!host)
		return trc_fail(err, TRC_ERR_INVALID,
				"explorer template '%s' must start with "
				"https:// or http://",
				tmpl);
	for (const char *p = tmpl; *p; p++)
		if (bad_char((unsigned char)*p))
			return trc_fail(err, TRC_ERR_INVALID,
					"explorer template '%s': character "
					"%zu may not appear in a URL "
					"template",
					tmpl, (size_t)(p - tmpl) + 1);
	path = host + strcspn(host, "/?#");
	if (path == host || *host == '{')
		return trc_fail(err, TRC_ERR_INVALID,
				"explorer template '%s' has no host", tmpl);
	return find_kind(tmpl, path, kind, err);
}

static void put_encoded(FILE *f, const char *v)
{
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			fputc(c, f);
		else
			fprintf(f, "%%%02X", c);
	}
}

void explorer_write_url(FILE *f, const char *tmpl, const char *value)
{
	const char *open = strchr(tmpl, '{'), *close;
	char head[EXPLORER_MAX + 1];
	size_t n;

	if (!open || !(close = strchr(open, '}')))
		return;
	n = (size_t)(open - tmpl);
	if (n > EXPLORER_MAX)
		return;
	memcpy(head, tmpl, n);
	head[n] = '\0';
	esc_html(f, head);
	put_encoded(f, value);
	esc_html(f, close + 1);
}
