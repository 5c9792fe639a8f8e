/*
 * url.h - a source URL taken apart with libcurl's URL API (never by hand),
 * and the one redaction rule that every message, every stored provenance
 * and every report goes through.
 *
 * The rule (docs/crawling.md, "Secrets"): the userinfo (user and
 * password), the value of every query parameter, a fragment, and every
 * path segment that looks like a key - 16 or more characters, each of
 * them a hex, base58 or base64 character (A-Z a-z 0-9 + = _ - or a
 * %-escape) - become "***". A URL that libcurl cannot parse, or that holds
 * an '@' anywhere but after its userinfo (an unencoded '/', '?', '#' or
 * '@' in a password ends the host early), is shown as its scheme, "://"
 * and "***", nothing more: its secrets cannot be told from the rest.
 *
 * Nothing here prints.
 */
#ifndef TRC_NET_URL_H
#define TRC_NET_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* A parsed http(s) URL. NET_URL_INIT makes release always safe. */
struct net_url {
	char *base;	/* scheme://host[:port][/path]: no userinfo, query,
			   fragment or trailing '/'; for requests only */
	char *query;	/* the raw query without '?', NULL when none */
	char *user;	/* decoded; NULL when the URL has none */
	char *password; /* decoded; NULL when the URL has none */
	char *safe;	/* redacted (the rule above), for everything shown */
	bool hid;	/* safe hides something (credentials or a key) */
};

#define NET_URL_INIT                                                           \
	{                                                                      \
		NULL, NULL, NULL, NULL, NULL, false                            \
	}

/*
 * Out: *u (empty on entry) from url, http:// or https:// only.
 * TRC_ERR_INVALID naming the reason (and how to percent-encode a
 * password) but showing only the redacted URL; TRC_ERR_NOMEM.
 */
enum trc_err net_url_parse(struct net_url *u, const char *url,
			   struct trc_error *err) TRC_WARN_UNUSED;
/* Frees u, wiping the user and password first; u is empty again. */
void net_url_release(struct net_url *u);

/*
 * The rule above applied to url into out (outsize bytes, truncated if
 * needed, always NUL-terminated). Returns true when something was hidden.
 */
bool net_redact_url(const char *url, char *out, size_t outsize);

/*
 * Out: *out, a new string (free()): url with user and password (raw,
 * e.g. a Bitcoin Core .cookie's) percent-encoded into its userinfo.
 * TRC_ERR_INVALID when url cannot be parsed or already has credentials.
 */
enum trc_err net_url_with_userinfo(const char *url, const char *user,
				   const char *password, char **out,
				   struct trc_error *err) TRC_WARN_UNUSED;

#endif
