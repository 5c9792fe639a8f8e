/*
 * server.c - the HTTP side of `tracer serve` (serve.h): libmicrohttpd's
 * daemon, the session token, the Host and Origin guards, the limits and
 * the security headers; serve_api answers what passes them.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "base/hex.h"
#include "tracer/serve/serve.h"
#include "tracer/serve/serve_int.h"

#define TOKEN_BYTES 24
#define COOKIE "tracer_token"
/* script-src: the page's one script, by its hash (serve_page) */
#define CSP_FMT                                                                \
	"default-src 'none'; script-src '%s'; style-src 'self'; "              \
	"connect-src 'self'; img-src 'self' data:; base-uri 'none'; "          \
	"form-action 'none'; frame-ancestors 'none'"

struct serve {
	struct MHD_Daemon *d;
	struct serve_app app;
	struct serve_page page;
	char csp[320];
	char token[2 * TOKEN_BYTES + 1];
	char host[64];	   /* the Host a request must name: "ADDR:PORT" */
	char alt_host[64]; /* "localhost:PORT" on 127.0.0.1, else "" */
	char origin[80];   /* "http://" host */
	char alt_origin[80];
	char url[160];
	int public_addr;
};

/* One request's state across libmicrohttpd's calls. */
struct conn {
	char *body;
	size_t len;
	bool too_big;
};

static enum trc_err parse_listen(const char *s, struct sockaddr_in *sa,
				 struct trc_error *err)
{
	char addr[INET_ADDRSTRLEN];
	const char *colon = strrchr(s, ':');
	char *end;
	unsigned long port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - s) >= sizeof(addr))
		return trc_fail(err, TRC_ERR_INVALID,
				"--listen '%s': give "
				"ADDRESS:PORT (IPv4)",
				s);
	memcpy(addr, s, (size_t)(colon - s));
	addr[colon - s] = '\0';
	port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || port > 65535 ||
	    inet_pton(AF_INET, addr, &sa->sin_addr) != 1)
		return trc_fail(err, TRC_ERR_INVALID,
				"--listen '%s': give "
				"ADDRESS:PORT (IPv4, port 0 to 65535)",
				s);
	sa->sin_port = htons((uint16_t)port);
	return TRC_OK;
}

/* Constant-time comparison of a presented token with ours. */
static bool token_ok(const struct serve *s, const char *t)
{
	size_t n = strlen(s->token);
	unsigned char diff = 0;

	if (!t || strlen(t) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(t[i] ^ s->token[i]);
	return diff == 0;
}

static bool host_ok(const struct serve *s, const char *h)
{
	return h && (!strcmp(h, s->host) ||
		     (*s->alt_host && !strcmp(h, s->alt_host)));
}

static bool origin_ok(const struct serve *s, const char *o)
{
	return o && (!strcmp(o, s->origin) ||
		     (*s->alt_origin && !strcmp(o, s->alt_origin)));
}

static void add_headers(const struct serve *s, struct MHD_Response *r,
			const char *type)
{
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", s->csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_reply(const struct serve *s,
				  struct MHD_Connection *c,
				  struct serve_reply *rep)
{
	struct MHD_Response *r;
	enum MHD_Result ok;

	if (rep->body)
		r = MHD_create_response_from_buffer(rep->len, rep->body,
						    MHD_RESPMEM_MUST_FREE);
	else
		r = MHD_create_response_from_buffer(rep->len,
						    (void *)rep->static_body,
						    MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(rep->body);
		return MHD_NO;
	}
	add_headers(s, r, rep->type ? rep->type : "application/json");
	/* a download is never rendered in the page's origin */
	if (rep->attachment)
		MHD_add_response_header(r, "Content-Disposition",
					rep->attachment);
	ok = MHD_queue_response(c, rep->status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_error(const struct serve *s,
				  struct MHD_Connection *c, unsigned st,
				  const char *msg)
{
	struct serve_reply rep = { 0 };

	serve_reply_error(&rep, st, msg);
	return send_reply(s, c, &rep);
}

/* "/?token=T": the cookie, and a redirect that drops the token from the
 * address bar. */
static enum MHD_Result send_login(struct serve *s, struct MHD_Connection *c)
{
	char cookie[128];
	struct MHD_Response *r = MHD_create_response_from_buffer(
		0, NULL, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	snprintf(cookie, sizeof(cookie),
		 COOKIE "=%s; Path=/; HttpOnly; "
			"SameSite=Strict",
		 s->token);
	add_headers(s, r, "text/plain");
	MHD_add_response_header(r, "Set-Cookie", cookie);
	MHD_add_response_header(r, "Location", "/");
	ok = MHD_queue_response(c, MHD_HTTP_SEE_OTHER, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind,
				   const char *key, const char *value)
{
	struct serve_req *req = cls;

	(void)kind;
	if (req->n_args == SERVE_ARGS_MAX) {
		req->too_many_args = true;
		return MHD_NO;
	}
	req->args[req->n_args++] = (struct serve_arg){ key, value };
	return MHD_YES;
}

/* Reads the body into cn (at most SERVE_BODY_MAX). */
static void take_body(struct conn *cn, const char *data, size_t *size)
{
	if (!cn->too_big && cn->len + *size <= SERVE_BODY_MAX) {
		char *p = realloc(cn->body, cn->len + *size + 1);

		if (p) {
			memcpy(p + cn->len, data, *size);
			cn->len += *size;
			p[cn->len] = '\0';
			cn->body = p;
		} else {
			cn->too_big = true;
		}
	} else {
		cn->too_big = true;
	}
	*size = 0;
}

static enum MHD_Result answer(struct serve *s, struct MHD_Connection *c,
			      const char *url, const char *method,
			      struct conn *cn)
{
	struct serve_req req = { .method = method, .path = url };
	struct serve_reply rep = { 0 };
	const char *tok =
		MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
	const void *data;
	const char *type;

	if (!host_ok(s,
		     MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host")))
		return send_error(s, c, 403, "wrong Host header");
	if (!strcmp(url, "/") && token_ok(s, tok))
		return send_login(s, c);
	if (!token_ok(s, MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
						     COOKIE)) &&
	    !token_ok(s, tok))
		return send_error(s, c, 403,
				  "no valid session token: open the "
				  "URL tracer serve printed");
	if (strcmp(method, "GET") &&
	    !origin_ok(s, MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						      "Origin")))
		return send_error(s, c, 403, "cross-origin request refused");
	if (cn->too_big)
		return send_error(s, c, 413, "request body too large");
	if (strncmp(url, "/api/", 5)) {
		if (strcmp(method, "GET"))
			return send_error(s, c, 405, "method not allowed");
		if (!serve_asset(&s->page, url, &data, &rep.len, &type))
			return send_error(s, c, 404, "no such page");
		rep.status = 200;
		rep.static_body = data;
		rep.type = type;
		return send_reply(s, c, &rep);
	}
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &req);
	req.body = cn->body;
	req.body_len = cn->len;
	serve_api(&s->app, &req, &rep);
	return send_reply(s, c, &rep);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *data,
				  size_t *size, void **con_cls)
{
	struct serve *s = cls;
	struct conn *cn = *con_cls;
	const char *clen;

	(void)version;
	if (!cn) {
		if (!(cn = calloc(1, sizeof(*cn))))
			return MHD_NO;
		*con_cls = cn;
		clen = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						   "Content-Length");
		/* refused before a byte of the body is read */
		if (clen && strtoull(clen, NULL, 10) > SERVE_BODY_MAX)
			cn->too_big = true;
		return MHD_YES;
	}
	if (*size) {
		take_body(cn, data, size);
		return MHD_YES;
	}
	return answer(s, c, url, method, cn);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
		    enum MHD_RequestTerminationCode why)
{
	struct conn *cn = *con_cls;

	(void)cls;
	(void)c;
	(void)why;
	if (cn)
		free(cn->body);
	free(cn);
	*con_cls = NULL;
}

static enum trc_err make_token(struct serve *s, const char *given,
			       struct trc_error *err)
{
	uint8_t raw[TOKEN_BYTES];

	if (given) {
		if (strlen(given) < 16 || strlen(given) >= sizeof(s->token))
			return trc_fail(err, TRC_ERR_INVALID,
					"a token is 16 "
					"to %zu characters",
					sizeof(s->token) - 1);
		snprintf(s->token, sizeof(s->token), "%s", given);
		return TRC_OK;
	}
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return trc_fail(err, TRC_ERR_IO,
				"cannot read random bytes "
				"for the session token");
	hex_encode(s->token, raw, sizeof(raw));
	return TRC_OK;
}

static void set_names(struct serve *s, const struct sockaddr_in *sa,
		      uint16_t port)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &sa->sin_addr, a, sizeof(a));
	s->public_addr = (ntohl(sa->sin_addr.s_addr) >> 24) != 127;
	snprintf(s->host, sizeof(s->host), "%s:%u", a, port);
	snprintf(s->origin, sizeof(s->origin), "http://%s", s->host);
	if (!s->public_addr) {
		snprintf(s->alt_host, sizeof(s->alt_host), "localhost:%u",
			 port);
		snprintf(s->alt_origin, sizeof(s->alt_origin), "http://%s",
			 s->alt_host);
	}
	snprintf(s->url, sizeof(s->url), "http://%s/?token=%s", s->host,
		 s->token);
}

enum trc_err serve_start(struct serve **out, const struct serve_opts *o,
			 struct trc_error *err)
{
	struct serve *s = calloc(1, sizeof(*s));
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	enum trc_err rc;

	*out = NULL;
	if (!s)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (o->n_cases > SERVE_CASES_MAX)
		rc = trc_fail(err, TRC_ERR_INVALID, "at most %d cases",
			      SERVE_CASES_MAX);
	else
		rc = parse_listen(o->listen ? o->listen : "127.0.0.1:0", &sa,
				  err);
	if (!rc)
		rc = make_token(s, o->token, err);
	if (!rc)
		rc = serve_page_init(&s->page, err);
	if (!rc)
		snprintf(s->csp, sizeof(s->csp), CSP_FMT, s->page.script_hash);
	if (!rc)
		rc = serve_app_init(&s->app, o->store, o->db_path,
				    o->case_paths, o->n_cases, err);
	if (!rc) {
		s->d = MHD_start_daemon(
			MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL,
			NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
			(struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT,
			(unsigned)SERVE_CONN_MAX, MHD_OPTION_CONNECTION_TIMEOUT,
			(unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
			(size_t)(64 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
			on_done, s, MHD_OPTION_END);
		if (!s->d)
			rc = trc_fail(err, TRC_ERR_NET,
				      "cannot listen on "
				      "'%s'",
				      o->listen ? o->listen : "127.0.0.1:0");
	}
	if (!rc) {
		info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
		set_names(s, &sa, info ? info->port : ntohs(sa.sin_port));
		*out = s;
		return TRC_OK;
	}
	serve_stop(s);
	return rc;
}

const char *serve_url(const struct serve *s)
{
	return s->url;
}

int serve_is_public(const struct serve *s)
{
	return s->public_addr;
}

void serve_stop(struct serve *s)
{
	if (!s)
		return;
	if (s->d)
		MHD_stop_daemon(s->d);
	serve_app_release(&s->app);
	serve_page_release(&s->page);
	free(s);
}
