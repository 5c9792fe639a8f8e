#include "chains/net/net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#define URL_MAX 2048

enum { REQ_WAITING = 0, REQ_RUNNING = 1, REQ_DONE = 2 };

struct net_client {
	struct net_opts o;
	char *url;       /* with credentials: goes to curl only */
	char *safe_url;  /* without: for everything else */
	char *user;      /* NULL when the URL has none */
	char *password;
	CURLM *multi;
	uint64_t next_start_ms; /* rate limit: earliest next request */
	uint64_t rng;
	int batch_ok;           /* -1 unknown, 0 refused, 1 accepted */
	struct net_stats st;
};

struct easy_ctx {
	struct net_client *c;
	struct net_req *req;
	bool toobig;
	char errbuf[CURL_ERROR_SIZE];
};

void net_opts_default(struct net_opts *o)
{
	o->connect_timeout_ms = 10000;
	o->timeout_ms = 120000;
	o->max_response = (size_t)256 << 20;
	o->retries = 5;
	o->backoff_ms = 500;
	o->backoff_max_ms = 60000;
	o->rate = 0;
	o->jobs = 4;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* xorshift64: jitter only, never security. */
static uint64_t rng_next(struct net_client *c)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return c->rng;
}

void net_redact_url(const char *url, char *out, size_t outsize)
{
	const char *scheme = strstr(url, "://");
	const char *host = scheme ? scheme + 3 : url;
	const char *end = host + strcspn(host, "/?#");
	const char *at = NULL;

	for (const char *p = host; p < end; p++)
		if (*p == '@')
			at = p;
	if (!at) {
		snprintf(out, outsize, "%s", url);
		return;
	}
	snprintf(out, outsize, "%.*s%s", (int)(host - url), url, at + 1);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Splits the URL's credentials off with curl's own parser. */
static enum trc_err split_url(struct net_client *c, const char *url,
			      struct trc_error *err)
{
	CURLU *u = curl_url();
	char *user = NULL, *pass = NULL, *plain = NULL;
	enum trc_err rc = TRC_OK;

	if (!u)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0)) {
		rc = trc_fail(err, TRC_ERR_INVALID, "invalid URL '%s'",
			      c->safe_url);
		goto cleanup;
	}
	curl_url_get(u, CURLUPART_USER, &user, CURLU_URLDECODE);
	curl_url_get(u, CURLUPART_PASSWORD, &pass, CURLU_URLDECODE);
	curl_url_set(u, CURLUPART_USER, NULL, 0);
	curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
	if (curl_url_get(u, CURLUPART_URL, &plain, 0)) {
		rc = trc_fail(err, TRC_ERR_INVALID, "invalid URL '%s'",
			      c->safe_url);
		goto cleanup;
	}
	/* curl adds a "/" to a bare host; drop it so that paths join. */
	if (plain[0] && plain[strlen(plain) - 1] == '/')
		plain[strlen(plain) - 1] = '\0';
	free(c->url);
	c->url = strdup(plain);
	c->user = dup_or_null(user ? user : (pass ? "" : NULL));
	c->password = dup_or_null(pass);
	if (!c->url || (user && !c->user) || (pass && !c->password))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
cleanup:
	curl_free(user);
	curl_free(pass);
	curl_free(plain);
	curl_url_cleanup(u);
	return rc;
}

enum trc_err net_client_new(struct net_client **out, const char *url,
			    const struct net_opts *opts, struct trc_error *err)
{
	enum trc_err rc;
	static int global_done;
	struct net_client *c;
	char safe[URL_MAX];

	*out = NULL;
	if (!global_done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		global_done = 1;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (opts)
		c->o = *opts;
	else
		net_opts_default(&c->o);
	if (!c->o.jobs)
		c->o.jobs = 1;
	net_redact_url(url, safe, sizeof(safe));
	c->safe_url = strdup(safe);
	c->multi = curl_multi_init();
	c->rng = (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid() ^
		 (uint64_t)(uintptr_t)c;
	if (!c->rng)
		c->rng = 88172645463325252ull;
	c->batch_ok = -1;
	if (!c->safe_url || !c->multi) {
		net_client_free(c);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; url[i]; i++)
		if ((unsigned char)url[i] <= 0x20 ||
		    (unsigned char)url[i] >= 0x7f) {
			/* it would be stored as every block's provenance */
			trc_fail(err, TRC_ERR_INVALID,
				 "URL '%s' has the byte 0x%02x, which is not "
				 "printable ASCII (percent-encode it)",
				 c->safe_url, (unsigned char)url[i]);
			net_client_free(c);
			return TRC_ERR_INVALID;
		}
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
		trc_fail(err, TRC_ERR_INVALID,
			 "URL '%s' must start with http:// or https://",
			 c->safe_url);
		net_client_free(c);
		return TRC_ERR_INVALID;
	}
	if ((rc = split_url(c, url, err))) {
		net_client_free(c);
		return rc;
	}
	free(c->safe_url);
	c->safe_url = strdup(c->url);
	if (!c->safe_url) {
		net_client_free(c);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	*out = c;
	return TRC_OK;
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

void net_client_free(struct net_client *c)
{
	if (!c)
		return;
	if (c->multi)
		curl_multi_cleanup(c->multi);
	free(c->url);
	free(c->safe_url);
	wipe_free(c->user);
	wipe_free(c->password);
	free(c);
}

const char *net_client_url(const struct net_client *c)
{
	return c->safe_url;
}

void net_client_stats(const struct net_client *c, struct net_stats *st)
{
	*st = c->st;
}

void net_req_init(struct net_req *req, const char *path, const char *body)
{
	memset(req, 0, sizeof(*req));
	req->path = path;
	req->body = body;
	buf_init(&req->resp, 0);
}

void net_req_release(struct net_req *req)
{
	buf_release(&req->resp);
}

static size_t on_write(char *p, size_t size, size_t nmemb, void *ud)
{
	struct easy_ctx *x = ud;
	size_t n = size * nmemb;

	if (buf_append(&x->req->resp, p, n)) {
		x->toobig = true;
		return 0; /* curl stops with CURLE_WRITE_ERROR */
	}
	x->c->st.bytes += n;
	return n;
}

static enum trc_err start_one(struct net_client *c, struct net_req *req,
			      struct curl_slist *hdrs)
{
	CURL *h = curl_easy_init();
	struct easy_ctx *x = calloc(1, sizeof(*x));
	char url[URL_MAX];

	if (!h || !x) {
		curl_easy_cleanup(h);
		free(x);
		return trc_fail(&req->err, TRC_ERR_NOMEM, "out of memory");
	}
	x->c = c;
	x->req = req;
	buf_reset(&req->resp);
	req->resp.max = c->o.max_response;
	snprintf(url, sizeof(url), "%s%s", c->url, req->path ? req->path : "");
	curl_easy_setopt(h, CURLOPT_URL, url);
	if (c->user)
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
	if (c->password)
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->o.connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->o.timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)c->o.max_response);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "tracer/" TRACER_VERSION);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	if (req->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	}
	req->handle = h;
	req->state = REQ_RUNNING;
	req->attempt++;
	c->st.requests++;
	curl_multi_add_handle(c->multi, h);
	return TRC_OK;
}

static bool is_json_body(const struct buf *b)
{
	json_t *j = json_loadb(buf_str(b), b->len, 0, NULL);
	bool ok = j != NULL;

	json_decref(j);
	return ok;
}

static bool retryable_curl(CURLcode cc)
{
	switch (cc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static uint64_t backoff(struct net_client *c, unsigned attempt,
			long retry_after_s)
{
	uint64_t ms = c->o.backoff_ms;

	for (unsigned i = 1; i < attempt && ms < c->o.backoff_max_ms; i++)
		ms *= 2;
	if (ms > c->o.backoff_max_ms)
		ms = c->o.backoff_max_ms;
	/* jitter: between half and all of the step */
	ms = ms / 2 + (ms ? rng_next(c) % (ms / 2 + 1) : 0);
	if (retry_after_s > 0) {
		uint64_t ra = (uint64_t)retry_after_s * 1000u;

		ms = ra > c->o.backoff_max_ms ? c->o.backoff_max_ms : ra;
	}
	return ms;
}

/* Decides what a finished attempt means: done, failed or again. */
static void finish_one(struct net_client *c, struct net_req *req,
		       CURLcode cc)
{
	CURL *h = req->handle;
	struct easy_ctx *x = NULL;
	curl_off_t ra = 0;
	bool again = false;
	const char *path = req->path ? req->path : "";

	curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&x);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &req->status);
	curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &ra);
	req->rc = TRC_OK;
	if (x->toobig || cc == CURLE_FILESIZE_EXCEEDED) {
		trc_fail(&req->err, TRC_ERR_TOOBIG,
			 "response from %s%s is larger than %zu bytes",
			 c->safe_url, path, c->o.max_response);
	} else if (cc != CURLE_OK) {
		again = retryable_curl(cc);
		trc_fail(&req->err, TRC_ERR_NET, "%s%s: %s", c->safe_url,
			 path, x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc));
	} else if (req->status >= 200 && req->status < 300) {
		trc_error_clear(&req->err);
	} else if (req->rpc_error_body && req->status != 429 &&
		   req->status != 503 && is_json_body(&req->resp)) {
		trc_error_clear(&req->err);
	} else {
		again = req->status == 429 || req->status >= 500;
		trc_fail(&req->err, TRC_ERR_HTTP, "%s%s: HTTP status %ld",
			 c->safe_url, path, req->status);
	}
	req->rc = req->err.code;
	curl_multi_remove_handle(c->multi, h);
	curl_easy_cleanup(h);
	free(x);
	req->handle = NULL;
	if (again && req->attempt <= c->o.retries) {
		c->st.retries++;
		req->state = REQ_WAITING;
		req->not_before_ms = now_ms() + backoff(c, req->attempt,
							 (long)ra);
		return;
	}
	if (req->rc && req->attempt > 1)
		trc_error_prefix(&req->err, req->rc, "after %u attempts",
				 req->attempt);
	req->state = REQ_DONE;
}

/* Starts what may start now; returns ms until something else may. */
static long start_ready(struct net_client *c, struct net_req *reqs, size_t n,
			size_t *running, struct curl_slist *hdrs)
{
	uint64_t now = now_ms();
	long wait = 1000;

	for (size_t i = 0; i < n && *running < c->o.jobs; i++) {
		struct net_req *r = &reqs[i];

		if (r->state != REQ_WAITING)
			continue;
		if (r->not_before_ms > now) {
			if ((long)(r->not_before_ms - now) < wait)
				wait = (long)(r->not_before_ms - now);
			continue;
		}
		if (c->o.rate > 0 && c->next_start_ms > now) {
			if ((long)(c->next_start_ms - now) < wait)
				wait = (long)(c->next_start_ms - now);
			break;
		}
		if (start_one(c, r, hdrs)) {
			r->rc = r->err.code;
			r->state = REQ_DONE;
			continue;
		}
		(*running)++;
		if (c->o.rate > 0)
			c->next_start_ms = now + (uint64_t)(1000.0 / c->o.rate);
	}
	return wait;
}

static void reap(struct net_client *c, size_t *running)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(c->multi, &left))) {
		struct easy_ctx *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
				  (char **)&x);
		finish_one(c, x->req, m->data.result);
		(*running)--;
	}
}

static bool all_done(const struct net_req *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (reqs[i].state != REQ_DONE)
			return false;
	return true;
}

enum trc_err net_perform(struct net_client *c, struct net_req *reqs, size_t n,
			 struct trc_error *err)
{
	struct curl_slist *hdrs;
	size_t running = 0;
	int still;

	hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	if (!hdrs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		reqs[i].state = REQ_WAITING;
		reqs[i].attempt = 0;
		reqs[i].not_before_ms = 0;
	}
	while (!all_done(reqs, n)) {
		long wait = start_ready(c, reqs, n, &running, hdrs);

		if (running == 0) {
			if (wait > 0)
				usleep((useconds_t)wait * 1000u);
			continue;
		}
		curl_multi_perform(c->multi, &still);
		reap(c, &running);
		if (running)
			curl_multi_poll(c->multi, NULL, 0,
					(int)(wait < 100 ? wait : 100), NULL);
	}
	curl_slist_free_all(hdrs);
	for (size_t i = 0; i < n; i++)
		if (reqs[i].rc) {
			if (err) {
				err->code = reqs[i].rc;
				memcpy(err->msg, reqs[i].err.msg,
				       sizeof(err->msg));
			}
			return reqs[i].rc;
		}
	return TRC_OK;
}

enum trc_err net_get(struct net_client *c, const char *path, struct buf *out,
		     struct trc_error *err)
{
	struct net_req r;
	enum trc_err rc;

	net_req_init(&r, path, NULL);
	rc = net_perform(c, &r, 1, err);
	if (!rc && buf_append(out, r.resp.data, r.resp.len))
		rc = trc_fail(err, TRC_ERR_TOOBIG,
			      "response from %s%s is larger than %zu bytes",
			      c->safe_url, path, out->max);
	net_req_release(&r);
	return rc;
}

/* ---- JSON-RPC ---- */

static char *rpc_body(const char *method, json_t *params, size_t id)
{
	json_t *o = json_pack("{s:s, s:I, s:s, s:o}", "jsonrpc", "2.0", "id",
			      (json_int_t)id, "method", method, "params",
			      params ? json_incref(params) : json_array());
	char *s;

	if (!o)
		return NULL;
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

/* Takes one response object apart into call. */
static void rpc_take(struct net_client *c, struct net_call *call,
		     json_t *resp)
{
	json_t *e = json_object_get(resp, "error");
	json_t *r = json_object_get(resp, "result");

	if (e && !json_is_null(e)) {
		json_t *msg = json_object_get(e, "message");

		call->rc = trc_fail(&call->err, TRC_ERR_RPC,
				    "%s: %s: error %lld: %s", c->safe_url,
				    call->method,
				    (long long)json_integer_value(
					    json_object_get(e, "code")),
				    json_is_string(msg) ?
					    json_string_value(msg) :
					    "(no message)");
		return;
	}
	if (!json_is_object(resp) || !r) {
		call->rc = trc_fail(&call->err, TRC_ERR_PARSE,
				    "%s: %s: answer is not JSON-RPC",
				    c->safe_url, call->method);
		return;
	}
	call->result = json_incref(r);
	call->rc = TRC_OK;
	trc_error_clear(&call->err);
}

static void rpc_take_body(struct net_client *c, struct net_call *call,
			  const struct net_req *req)
{
	json_error_t je;
	json_t *j;

	if (req->rc) {
		call->rc = req->rc;
		call->err = req->err;
		return;
	}
	if (!req->resp.len) {
		call->rc = trc_fail(&call->err, TRC_ERR_PARSE,
				    "%s: %s: empty answer (HTTP %ld)",
				    c->safe_url, call->method, req->status);
		return;
	}
	j = json_loadb(buf_str(&req->resp), req->resp.len, 0, &je);
	if (!j) {
		call->rc = trc_fail(&call->err, TRC_ERR_PARSE,
				    "%s: %s: invalid JSON at byte %d: %s",
				    c->safe_url, call->method, je.position,
				    je.text);
		return;
	}
	rpc_take(c, call, j);
	json_decref(j);
}

static enum trc_err first_failure(struct net_call *calls, size_t n,
				  struct trc_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (calls[i].rc) {
			if (err) {
				err->code = calls[i].rc;
				memcpy(err->msg, calls[i].err.msg,
				       sizeof(err->msg));
			}
			return calls[i].rc;
		}
	return TRC_OK;
}

static enum trc_err rpc_singles(struct net_client *c, struct net_call *calls,
				size_t n, struct trc_error *err)
{
	struct net_req *reqs = calloc(n ? n : 1, sizeof(*reqs));
	char **bodies = calloc(n ? n : 1, sizeof(*bodies));
	enum trc_err rc = TRC_OK;

	if (!reqs || !bodies) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		bodies[i] = rpc_body(calls[i].method, calls[i].params, i);
		if (!bodies[i]) {
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
			goto cleanup;
		}
		net_req_init(&reqs[i], "", bodies[i]);
		reqs[i].rpc_error_body = true;
	}
	if (net_perform(c, reqs, n, NULL)) {
		/* each request keeps its own failure: taken below */
	}
	for (size_t i = 0; i < n; i++)
		rpc_take_body(c, &calls[i], &reqs[i]);
	rc = first_failure(calls, n, err);
cleanup:
	for (size_t i = 0; reqs && bodies && i < n; i++) {
		net_req_release(&reqs[i]);
		free(bodies[i]);
	}
	free(reqs);
	free(bodies);
	return rc;
}

enum trc_err net_rpc(struct net_client *c, const char *method,
		     json_t *params, json_t **result, struct trc_error *err)
{
	struct net_call call = { method, params, NULL, TRC_OK, TRC_ERROR_INIT };
	enum trc_err rc = rpc_singles(c, &call, 1, err);

	*result = call.result;
	return rc;
}

/*
 * One batch request. Out: *refused when the node did not answer with an
 * array of responses (it does not do batches): the caller falls back.
 */
static enum trc_err rpc_batch_once(struct net_client *c,
				   struct net_call *calls, size_t n,
				   bool *refused, struct trc_error *err)
{
	json_t *arr = json_array(), *resp = NULL;
	struct net_req req;
	char *body = NULL;
	enum trc_err rc;

	*refused = false;
	net_req_init(&req, "", NULL);
	for (size_t i = 0; arr && i < n; i++) {
		json_t *o = json_pack("{s:s, s:I, s:s, s:o}", "jsonrpc", "2.0",
				      "id", (json_int_t)i, "method",
				      calls[i].method, "params",
				      calls[i].params ?
					      json_incref(calls[i].params) :
					      json_array());

		if (!o || json_array_append_new(arr, o)) {
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
			goto cleanup;
		}
	}
	body = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
	if (!body) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	req.body = body;
	req.rpc_error_body = true;
	rc = net_perform(c, &req, 1, err);
	if (rc == TRC_ERR_HTTP && req.status >= 400 && req.status < 500 &&
	    req.status != 429) {
		/* a node without batches may refuse the array outright */
		*refused = true;
		rc = TRC_OK;
		goto cleanup;
	}
	if (rc) {
		/* the request's own message: err may be NULL */
		for (size_t i = 0; i < n; i++) {
			calls[i].rc = rc;
			calls[i].err = req.err;
		}
		goto cleanup;
	}
	resp = json_loadb(buf_str(&req.resp), req.resp.len, 0, NULL);
	if (!json_is_array(resp) || json_array_size(resp) != n) {
		*refused = true;
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(resp, i);
		json_t *id = json_object_get(o, "id");
		json_int_t k = json_integer_value(id);

		/* responses may come in any order: match them by id */
		if (!json_is_integer(id) || k < 0 || (size_t)k >= n ||
		    calls[k].result || calls[k].rc) {
			*refused = true;
			goto cleanup;
		}
		rpc_take(c, &calls[k], o);
	}
	rc = first_failure(calls, n, err);
cleanup:
	if (*refused)
		net_calls_release(calls, n);
	json_decref(resp);
	json_decref(arr);
	free(body);
	net_req_release(&req);
	return rc;
}

enum trc_err net_rpc_batch(struct net_client *c, struct net_call *calls,
			   size_t n, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < n; i++) {
		calls[i].result = NULL;
		calls[i].rc = TRC_OK;
		trc_error_clear(&calls[i].err);
	}
	if (n <= 1 || c->batch_ok == 0)
		return rpc_singles(c, calls, n, err);
	for (size_t i = 0; i < n; i += NET_BATCH_MAX) {
		size_t k = n - i < NET_BATCH_MAX ? n - i : NET_BATCH_MAX;
		bool refused = false;
		enum trc_err r;

		r = rpc_batch_once(c, calls + i, k, &refused, err);
		if (refused) {
			/* earlier batches' answers go: all run again */
			c->batch_ok = 0;
			net_calls_release(calls, n);
			return rpc_singles(c, calls, n, err);
		}
		c->batch_ok = 1;
		if (r && !rc)
			rc = r;
	}
	return rc ? first_failure(calls, n, err) : TRC_OK;
}

enum trc_err net_rpc_each(struct net_client *c, struct net_call *calls,
			  size_t n, struct trc_error *err)
{
	for (size_t i = 0; i < n; i++) {
		calls[i].result = NULL;
		calls[i].rc = TRC_OK;
		trc_error_clear(&calls[i].err);
	}
	return rpc_singles(c, calls, n, err);
}

void net_calls_release(struct net_call *calls, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_decref(calls[i].result);
		calls[i].result = NULL;
		calls[i].rc = TRC_OK;
	}
}
