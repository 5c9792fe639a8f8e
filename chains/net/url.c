#include "chains/net/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "base/buf.h"

#define SAFE_MAX 2048

static bool key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '+' || ch == '=' ||
	       ch == '_' || ch == '-' || ch == '%';
}

/* 16+ characters of hex, base58 or base64 (the rule of url.h). */
static bool key_like(const char *s, size_t n)
{
	if (n < 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!key_char(s[i]))
			return false;
	return true;
}

static size_t count_at(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '@';
	return n;
}

/* The scheme, "://" and "***" from the raw text (the scheme if a word). */
static void opaque(const char *url, char *out, size_t outsize)
{
	size_t n = strspn(url, "abcdefghijklmnopqrstuvwxyz"
			       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

	if (n && n < 16 && !strncmp(url + n, "://", 3))
		snprintf(out, outsize, "%.*s://***", (int)n, url);
	else
		snprintf(out, outsize, "***");
}

static enum trc_err put(struct buf *b, const char *s, size_t n)
{
	return buf_append(b, s, n);
}

/* The path, each key-like segment as ***, without a trailing '/'. */
static enum trc_err redact_path(struct buf *b, const char *path, bool *hid)
{
	enum trc_err rc = TRC_OK;

	while (!rc && path && *path == '/' && path[1]) {
		const char *seg = path + 1;
		size_t n = strcspn(seg, "/");

		rc = put(b, "/", 1);
		if (!rc && key_like(seg, n)) {
			rc = put(b, "***", 3);
			*hid = true;
		} else if (!rc) {
			rc = put(b, seg, n);
		}
		path = seg + n;
	}
	return rc;
}

/* name=*** for every parameter; a bare value is *** too. */
static enum trc_err redact_query(struct buf *b, const char *q, bool *hid)
{
	enum trc_err rc = put(b, "?", 1);

	while (!rc && *q) {
		size_t n = strcspn(q, "&");
		const char *eq = memchr(q, '=', n);

		if (eq)
			rc = put(b, q, (size_t)(eq - q) + 1);
		if (!rc)
			rc = put(b, "***", 3);
		q += n;
		if (!rc && *q == '&')
			rc = put(b, "&", 1);
		if (*q == '&')
			q++;
		*hid = true;
	}
	return rc;
}

static char *part(CURLU *u, CURLUPart what)
{
	char *s = NULL;

	if (curl_url_get(u, what, &s, 0) != CURLUE_OK)
		return NULL;
	return s;
}

/* scheme://[***@]host[:port] */
static enum trc_err put_authority(struct buf *b, const char *scheme, bool creds,
				  const char *host, const char *port)
{
	enum trc_err rc = buf_append_str(b, scheme);

	if (!rc)
		rc = put(b, "://", 3);
	if (!rc && creds)
		rc = put(b, "***@", 4);
	if (!rc)
		rc = buf_append_str(b, host);
	if (!rc && port)
		rc = put(b, ":", 1);
	if (!rc && port)
		rc = buf_append_str(b, port);
	return rc;
}

/* The redacted form of a parsed URL into b. */
static enum trc_err redact_parsed(CURLU *u, struct buf *b, bool *hid)
{
	char *scheme = part(u, CURLUPART_SCHEME);
	char *host = part(u, CURLUPART_HOST);
	char *port = part(u, CURLUPART_PORT);
	char *path = part(u, CURLUPART_PATH);
	char *query = part(u, CURLUPART_QUERY);
	char *user = part(u, CURLUPART_USER);
	char *pass = part(u, CURLUPART_PASSWORD);
	char *frag = part(u, CURLUPART_FRAGMENT);
	enum trc_err rc = TRC_OK;

	*hid = user || pass || frag;
	if (!scheme || !host)
		rc = TRC_ERR_INVALID;
	else
		rc = put_authority(b, scheme, user || pass, host, port);
	if (!rc)
		rc = redact_path(b, path, hid);
	if (!rc && query && *query)
		rc = redact_query(b, query, hid);
	if (!rc && frag)
		rc = put(b, "#***", 4);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	curl_free(user);
	curl_free(pass);
	curl_free(frag);
	return rc;
}

/*
 * Parses url into *u (a new handle). Returns the libcurl code, or
 * CURLUE_BAD_LOGIN (our reading) when an '@' sits outside the userinfo.
 */
static CURLUcode parse_raw(const char *url, unsigned flags, CURLU **u)
{
	CURLUcode cc;
	char *user, *pass;
	size_t want;

	*u = curl_url();
	if (!*u)
		return CURLUE_OUT_OF_MEMORY;
	cc = curl_url_set(*u, CURLUPART_URL, url, flags);
	if (cc)
		return cc;
	user = part(*u, CURLUPART_USER);
	pass = part(*u, CURLUPART_PASSWORD);
	want = user || pass ? 1 : 0;
	curl_free(user);
	curl_free(pass);
	return count_at(url) == want ? CURLUE_OK : CURLUE_BAD_LOGIN;
}

bool net_redact_url(const char *url, char *out, size_t outsize)
{
	struct buf b = BUF_INIT(SAFE_MAX);
	CURLU *u = NULL;
	bool hid = true;

	if (!outsize)
		return true;
	if (parse_raw(url, CURLU_NON_SUPPORT_SCHEME, &u) ||
	    redact_parsed(u, &b, &hid) || buf_append_u8(&b, 0))
		opaque(url, out, outsize);
	else
		snprintf(out, outsize, "%s", (const char *)b.data);
	curl_url_cleanup(u);
	buf_release(&b);
	return hid;
}

static void wipe_free(char *s)
{
	if (!s)
		return;
	/* volatile: keep the compiler from dropping the wipe */
	for (volatile char *p = s; *p; p++)
		*p = 0;
	free(s);
}

void net_url_release(struct net_url *u)
{
	free(u->base);
	free(u->query);
	wipe_free(u->user);
	wipe_free(u->password);
	free(u->safe);
	memset(u, 0, sizeof(*u));
}

static enum trc_err check_bytes(const char *url, const char *safe,
				struct trc_error *err)
{
	for (size_t i = 0; url[i]; i++)
		if ((unsigned char)url[i] <= 0x20 ||
		    (unsigned char)url[i] >= 0x7f)
			/* it would be stored as every block's provenance */
			return trc_fail(err, TRC_ERR_INVALID,
					"URL '%s' has the byte 0x%02x, which "
					"is not printable ASCII "
					"(percent-encode it)",
					safe, (unsigned char)url[i]);
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
		return trc_fail(err, TRC_ERR_INVALID,
				"URL '%s' must start with http:// or https://",
				safe);
	return TRC_OK;
}

static enum trc_err bad_url(const char *url, const char *safe, CURLUcode cc,
			    struct trc_error *err)
{
	const char *why = cc == CURLUE_BAD_LOGIN
				  ? "an '@' outside the user:password part"
				  : curl_url_strerror(cc);

	return trc_fail(
		err, TRC_ERR_INVALID, "invalid URL '%s': %s%s", safe, why,
		strchr(url, '@') ? "; percent-encode '/', '?', '#' and '@' in "
				   "a user or password (%2F %3F %23 %40)"
				 : "");
}

/* The URL without credentials, query and fragment, for requests. */
static enum trc_err take_parts(CURLU *cu, struct net_url *u)
{
	char *user = NULL, *pass = NULL, *q = part(cu, CURLUPART_QUERY);
	char *plain = NULL;
	size_t n;
	enum trc_err rc = TRC_OK;

	curl_url_get(cu, CURLUPART_USER, &user, CURLU_URLDECODE);
	curl_url_get(cu, CURLUPART_PASSWORD, &pass, CURLU_URLDECODE);
	curl_url_set(cu, CURLUPART_USER, NULL, 0);
	curl_url_set(cu, CURLUPART_PASSWORD, NULL, 0);
	curl_url_set(cu, CURLUPART_QUERY, NULL, 0);
	curl_url_set(cu, CURLUPART_FRAGMENT, NULL, 0);
	if (curl_url_get(cu, CURLUPART_URL, &plain, 0)) {
		rc = TRC_ERR_INVALID;
		goto cleanup;
	}
	/* a bare host gets a "/" from curl; drop it so that paths join */
	n = strlen(plain);
	if (n && plain[n - 1] == '/')
		plain[n - 1] = '\0';
	u->base = strdup(plain);
	u->query = q && *q ? strdup(q) : NULL;
	u->user = user ? strdup(user) : (pass ? strdup("") : NULL);
	u->password = pass ? strdup(pass) : NULL;
	if (!u->base || (q && *q && !u->query) ||
	    ((user || pass) && !u->user) || (pass && !u->password))
		rc = TRC_ERR_NOMEM;
cleanup:
	if (user)
		memset(user, 0, strlen(user));
	if (pass)
		memset(pass, 0, strlen(pass));
	curl_free(user);
	curl_free(pass);
	curl_free(q);
	curl_free(plain);
	return rc;
}

enum trc_err net_url_parse(struct net_url *u, const char *url,
			   struct trc_error *err)
{
	char safe[SAFE_MAX];
	CURLU *cu = NULL;
	CURLUcode cc;
	enum trc_err rc;

	memset(u, 0, sizeof(*u));
	u->hid = net_redact_url(url, safe, sizeof(safe));
	if ((rc = check_bytes(url, safe, err)))
		return rc;
	cc = parse_raw(url, 0, &cu);
	if (cc) {
		curl_url_cleanup(cu);
		return bad_url(url, safe, cc, err);
	}
	rc = take_parts(cu, u);
	curl_url_cleanup(cu);
	if (!rc && !(u->safe = strdup(safe)))
		rc = TRC_ERR_NOMEM;
	if (rc) {
		net_url_release(u);
		return rc == TRC_ERR_NOMEM
			       ? trc_fail(err, rc, "out of memory")
			       : trc_fail(err, rc, "invalid URL '%s'", safe);
	}
	return TRC_OK;
}

enum trc_err net_url_with_userinfo(const char *url, const char *user,
				   const char *password, char **out,
				   struct trc_error *err)
{
	char safe[SAFE_MAX];
	CURLU *cu = NULL;
	char *s = NULL;
	CURLUcode cc;
	enum trc_err rc = TRC_OK;

	*out = NULL;
	net_redact_url(url, safe, sizeof(safe));
	cc = parse_raw(url, 0, &cu);
	if (cc) {
		rc = bad_url(url, safe, cc, err);
	} else if (count_at(url)) {
		rc = trc_fail(err, TRC_ERR_INVALID,
			      "URL '%s' has credentials already: give them "
			      "once",
			      safe);
	} else if (curl_url_set(cu, CURLUPART_USER, user, CURLU_URLENCODE) ||
		   curl_url_set(cu, CURLUPART_PASSWORD, password,
				CURLU_URLENCODE) ||
		   curl_url_get(cu, CURLUPART_URL, &s, 0) ||
		   !(*out = strdup(s))) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	if (s)
		memset(s, 0, strlen(s));
	curl_free(s);
	curl_url_cleanup(cu);
	return rc;
}
