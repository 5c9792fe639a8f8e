#include "chains/net/net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#define URL_MAX 4096
#define TICK_MS 100 /* longest wait between two looks at opts.stop */

enum { REQ_WAITING = 0, REQ_RUNNING = 1, REQ_DONE = 2 };

struct net_client {
	struct net_opts o;
	struct net_url u; /* base, query, credentials, safe form */
	CURLM *multi;
	uint64_t next_start_ms; /* rate limit: earliest next request */
	uint64_t rng;
	int batch_ok; /* -1 unknown, 0 refused, 1 accepted */
	struct net_stats st;
	size_t budget;		/* net_client_budget: 0 none */
	size_t held;		/* body bytes received against it */
	struct curl_slist *key; /* opts.header, copied (GET requests) */
};

struct easy_ctx {
	struct net_client *c;
	struct net_req *req;
	bool toobig;
	bool overbudget; /* the client's budget ran out */
	size_t got;	 /* body bytes of this attempt */
	char errbuf[CURL_ERROR_SIZE];
};

void net_opts_default(struct net_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->connect_timeout_ms = 10000;
	o->stall_ms = 30000;
	o->min_speed = 100;
	o->timeout_ms = 120000;
	o->max_response = (size_t)256 << 20;
	o->retries = 5;
	o->backoff_ms = 500;
	o->backoff_max_ms = 60000;
	o->rate = 0;
	o->jobs = 4;
}

void net_opts_copy(struct net_opts *o, const struct net_opts *from)
{
	if (from)
		*o = *from;
	else
		net_opts_default(o);
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

static bool stopped(const struct net_client *c)
{
	return c->o.stop && *c->o.stop;
}

enum trc_err net_client_new(struct net_client **out, const char *url,
			    const struct net_opts *opts, struct trc_error *err)
{
	static int global_done;
	struct net_client *c;
	enum trc_err rc;

	*out = NULL;
	if (!global_done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		global_done = 1;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	net_opts_copy(&c->o, opts);
	if (!c->o.jobs)
		c->o.jobs = 1;
	c->rng = (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid() ^
		 (uint64_t)(uintptr_t)c;
	if (!c->rng)
		c->rng = 88172645463325252ull;
	c->batch_ok = -1;
	if ((rc = net_url_parse(&c->u, url, err))) {
		free(c);
		return rc;
	}
	c->multi = curl_multi_init();
	if (c->multi && c->o.header &&
	    !(c->key = curl_slist_append(NULL, c->o.header))) {
		curl_multi_cleanup(c->multi);
		c->multi = NULL;
	}
	c->o.header = NULL; /* the caller's string: only c->key is kept */
	if (!c->multi) {
		net_client_free(c);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	*out = c;
	return TRC_OK;
}

/* Frees a header list that may hold a key, overwriting it first. */
static void slist_wipe(struct curl_slist *l)
{
	for (struct curl_slist *k = l; k; k = k->next)
		explicit_bzero(k->data, strlen(k->data));
	curl_slist_free_all(l);
}

void net_client_free(struct net_client *c)
{
	if (!c)
		return;
	if (c->multi)
		curl_multi_cleanup(c->multi);
	slist_wipe(c->key);
	net_url_release(&c->u);
	free(c);
}

const char *net_client_url(const struct net_client *c)
{
	return c->u.safe;
}

void net_client_stats(const struct net_client *c, struct net_stats *st)
{
	*st = c->st;
}

void net_client_budget(struct net_client *c, size_t total)
{
	c->budget = total;
	c->held = 0;
}

/* A discarded attempt's bytes go back to the budget. */
static void give_back(struct net_client *c, size_t n)
{
	c->held -= n < c->held ? n : c->held;
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

	if (x->c->budget && n > x->c->budget - x->c->held) {
		x->overbudget = true;
		return 0;
	}
	if (buf_append(&x->req->resp, p, n)) {
		x->toobig = true;
		return 0; /* curl stops with CURLE_WRITE_ERROR */
	}
	x->got += n;
	x->c->st.bytes += n;
	if (x->c->budget)
		x->c->held += n;
	return n;
}

/* Called by curl about once a second or more: a signal aborts. */
static int on_xfer(void *ud, curl_off_t dlt, curl_off_t dln, curl_off_t ult,
		   curl_off_t uln)
{
	struct easy_ctx *x = ud;

	(void)dlt;
	(void)dln;
	(void)ult;
	(void)uln;
	return stopped(x->c) ? 1 : 0;
}

/* The request's URL as shown: redacted base, path, redacted query. */
static const char *shown(const struct net_client *c, const char *path,
			 char *out, size_t size)
{
	const char *q = strchr(c->u.safe, '?');
	int n = q ? (int)(q - c->u.safe) : (int)strlen(c->u.safe);

	snprintf(out, size, "%.*s%s%s", n, c->u.safe, path ? path : "",
		 q ? q : "");
	return out;
}

/* base + path + the base's query: the URL of one request. */
static enum trc_err request_url(const struct net_client *c,
				const struct net_req *req, char *out,
				size_t size, struct trc_error *err)
{
	const char *path = req->path ? req->path : "";
	const char *q = c->u.query;
	int n = snprintf(out, size, "%s%s%s%s", c->u.base, path,
			 q ? (strchr(path, '?') ? "&" : "?") : "", q ? q : "");
	char show[URL_MAX];

	if (n < 0 || (size_t)n >= size)
		return trc_fail(err, TRC_ERR_INVALID,
				"%s: the URL is longer than %zu bytes",
				shown(c, path, show, sizeof(show)), size - 1);
	return TRC_OK;
}

/* Time left of the request's budget (opts.timeout_ms), at least 1 ms. */
static long time_left(const struct net_client *c, const struct net_req *req)
{
	uint64_t used = now_ms() - req->started_ms;

	if (c->o.timeout_ms <= 0)
		return 0; /* no limit */
	return used >= (uint64_t)c->o.timeout_ms ? 1
						 : c->o.timeout_ms - (long)used;
}

static void set_limits(CURL *h, const struct net_client *c,
		       const struct net_req *req)
{
	long stall_s = (c->o.stall_ms + 999) / 1000;

	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->o.connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, time_left(c, req));
	if (c->o.stall_ms > 0 && c->o.min_speed > 0) {
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, c->o.min_speed);
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, stall_s);
	}
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)req->resp.max);
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
	if (request_url(c, req, url, sizeof(url), &req->err)) {
		curl_easy_cleanup(h);
		free(x);
		return req->err.code;
	}
	x->c = c;
	x->req = req;
	give_back(c, req->resp.len);
	buf_reset(&req->resp);
	/* the caller's cap when it is lower than the client's */
	if (!req->resp.max || req->resp.max > c->o.max_response)
		req->resp.max = c->o.max_response;
	if (!req->attempt)
		req->started_ms = now_ms();
	curl_easy_setopt(h, CURLOPT_URL, url);
	if (c->u.user)
		curl_easy_setopt(h, CURLOPT_USERNAME, c->u.user);
	if (c->u.password)
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->u.password);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_xfer);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	set_limits(h, c, req);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "tracer/" TRACER_VERSION);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	if (req->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	} else if (c->key) {
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->key);
	}
	explicit_bzero(url, sizeof(url)); /* it may hold a key */
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

/* " at 598 of 2492 bytes", " at 598 bytes" (length unknown). */
static void where_in_body(CURL *h, const struct easy_ctx *x, char *out,
			  size_t size)
{
	curl_off_t len = -1;

	curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &len);
	if (len >= 0)
		snprintf(out, size, " at %zu of %lld bytes", x->got,
			 (long long)len);
	else
		snprintf(out, size, " at %zu bytes", x->got);
}

/* What went wrong with one attempt, in a few words, no URL. */
static void curl_reason(CURL *h, const struct easy_ctx *x, CURLcode cc,
			long status, char *out, size_t size)
{
	char at[64];

	where_in_body(h, x, at, sizeof(at));
	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT:
		/* curl's own words tell a connect timeout (a reused
		 * connection has no connect time to look at) */
		if (strstr(x->errbuf, "onnection timed out") ||
		    strstr(x->errbuf, "esolving timed out"))
			snprintf(out, size, "timeout: no connection");
		else if (!status)
			snprintf(out, size, "timeout with no answer");
		else
			snprintf(out, size, "timeout%s", at);
		return;
	case CURLE_PARTIAL_FILE:
		snprintf(out, size, "truncated body%s", at);
		return;
	case CURLE_GOT_NOTHING:
		snprintf(out, size, "empty reply");
		return;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		/* names the host and port only */
		snprintf(out, size, "%s",
			 x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc));
		return;
	default:
		snprintf(out, size, "%s", curl_easy_strerror(cc));
	}
}

/* What the request is for, as messages name it: "block 5: " or "". */
static void label_prefix(const struct net_req *req, char *out, size_t size)
{
	if (req->label && *req->label)
		snprintf(out, size, "%s: ", req->label);
	else
		out[0] = '\0';
}

/*
 * Classifies a finished attempt. Out: reason (empty when it succeeded),
 * *again when it may be retried. Returns the attempt's code.
 */
static enum trc_err judge(struct net_client *c, struct net_req *req, CURL *h,
			  const struct easy_ctx *x, CURLcode cc, char *reason,
			  size_t size, bool *again)
{
	*again = false;
	reason[0] = '\0';
	if (cc == CURLE_ABORTED_BY_CALLBACK && stopped(c)) {
		snprintf(reason, size, "interrupted");
		return TRC_ERR_INTERRUPTED;
	}
	if (x->overbudget) {
		snprintf(reason, size,
			 "the answers held at once would pass "
			 "the budget of %zu bytes",
			 c->budget);
		return TRC_ERR_TOOBIG;
	}
	if (x->toobig || cc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(reason, size, "the answer is larger than %zu bytes",
			 req->resp.max);
		return TRC_ERR_TOOBIG;
	}
	if (cc != CURLE_OK) {
		*again = retryable_curl(cc);
		curl_reason(h, x, cc, req->status, reason, size);
		return TRC_ERR_NET;
	}
	if (req->status >= 200 && req->status < 300)
		return TRC_OK;
	if (req->rpc_error_body && req->status != 429 && req->status != 503 &&
	    is_json_body(&req->resp))
		return TRC_OK;
	*again = req->status == 429 || req->status >= 500;
	snprintf(reason, size, "HTTP status %ld", req->status);
	return TRC_ERR_HTTP;
}

static void tell_retry(struct net_client *c, const struct net_req *req,
		       const char *reason, uint64_t wait, CURLcode cc)
{
	struct net_retry ev;

	if (!c->o.on_retry)
		return;
	ev.label = req->label && *req->label
			   ? req->label
			   : (req->path && *req->path ? req->path : "request");
	ev.url = c->u.safe;
	ev.retry = req->attempt;
	ev.retries = c->o.retries;
	ev.reason = reason;
	ev.wait_ms = wait;
	ev.unreachable =
		cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST;
	c->o.on_retry(c->o.cb_ctx, &ev);
}

/* The request's final error: label, URL, reason, how long it tried. */
static void give_up(struct net_client *c, struct net_req *req, enum trc_err rc,
		    const char *reason, bool out_of_time)
{
	char pre[160], url[URL_MAX];
	double secs = (double)(now_ms() - req->started_ms) / 1000.0;

	label_prefix(req, pre, sizeof(pre));
	shown(c, req->path, url, sizeof(url));
	if (req->attempt > 1 || out_of_time)
		trc_fail(&req->err, rc,
			 "%s%s: %s (gave up after %u "
			 "attempts in %.1f s%s)",
			 pre, url, reason, req->attempt, secs,
			 out_of_time ? ": its time (--max-time) is up" : "");
	else
		trc_fail(&req->err, rc, "%s%s: %s", pre, url, reason);
}

/* Decides what a finished attempt means: done, failed or again. */
static void finish_one(struct net_client *c, struct net_req *req, CURLcode cc)
{
	CURL *h = req->handle;
	struct easy_ctx *x = NULL;
	curl_off_t ra = 0;
	bool again, late = false;
	char reason[CURL_ERROR_SIZE + 64];
	uint64_t wait = 0;

	curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&x);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &req->status);
	curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &ra);
	req->rc = judge(c, req, h, x, cc, reason, sizeof(reason), &again);
	curl_multi_remove_handle(c->multi, h);
	curl_easy_cleanup(h);
	free(x);
	req->handle = NULL;
	if (!req->rc) {
		trc_error_clear(&req->err);
		req->state = REQ_DONE;
		return;
	}
	if (again) {
		wait = backoff(c, req->attempt, (long)ra);
		late = c->o.timeout_ms > 0 &&
		       now_ms() + wait >=
			       req->started_ms + (uint64_t)c->o.timeout_ms;
	}
	if (again && stopped(c)) {
		/* it would have been tried again: the signal is why not */
		req->rc = TRC_ERR_INTERRUPTED;
		give_up(c, req, req->rc, "interrupted", false);
		req->state = REQ_DONE;
		return;
	}
	if (again && !late && req->attempt <= c->o.retries) {
		c->st.retries++;
		tell_retry(c, req, reason, wait, cc);
		req->state = REQ_WAITING;
		req->not_before_ms = now_ms() + wait;
		return;
	}
	give_up(c, req, req->rc, reason,
		again && late && req->attempt <= c->o.retries);
	req->state = REQ_DONE;
}

/* Starts what may start now; returns ms until something else may. */
static long start_ready(struct net_client *c, struct net_req *reqs, size_t n,
			size_t *running, struct curl_slist *hdrs)
{
	uint64_t now = now_ms();
	long wait = TICK_MS;

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

/* A signal: every request not done fails now, transfers dropped. */
static void abort_all(struct net_client *c, struct net_req *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct net_req *r = &reqs[i];

		if (r->state == REQ_DONE)
			continue;
		if (r->handle) {
			struct easy_ctx *x = NULL;

			curl_easy_getinfo(r->handle, CURLINFO_PRIVATE,
					  (char **)&x);
			curl_multi_remove_handle(c->multi, r->handle);
			curl_easy_cleanup(r->handle);
			free(x);
			r->handle = NULL;
		}
		if (!r->attempt)
			r->started_ms = now_ms();
		r->rc = TRC_ERR_INTERRUPTED;
		give_up(c, r, r->rc, "interrupted", false);
		r->state = REQ_DONE;
	}
}

static bool all_done(const struct net_req *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (reqs[i].state != REQ_DONE)
			return false;
	return true;
}

/* The first failure among reqs into err. */
static enum trc_err first_req_failure(const struct net_req *reqs, size_t n,
				      struct trc_error *err)
{
	/* an interrupt wins: it is why the others stopped */
	for (size_t i = 0; i < n; i++)
		if (reqs[i].rc == TRC_ERR_INTERRUPTED) {
			if (err)
				*err = reqs[i].err;
			return reqs[i].rc;
		}
	for (size_t i = 0; i < n; i++)
		if (reqs[i].rc) {
			if (err)
				*err = reqs[i].err;
			return reqs[i].rc;
		}
	return TRC_OK;
}

enum trc_err net_perform(struct net_client *c, struct net_req *reqs, size_t n,
			 struct trc_error *err)
{
	struct curl_slist *hdrs;
	size_t running = 0;
	int still;

	hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	if (hdrs && c->key) {
		struct curl_slist *more = curl_slist_append(hdrs, c->key->data);

		if (!more)
			curl_slist_free_all(hdrs); /* the key was not added */
		hdrs = more;
	}
	if (!hdrs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		reqs[i].state = REQ_WAITING;
		reqs[i].attempt = 0;
		reqs[i].not_before_ms = 0;
		reqs[i].rc = TRC_OK;
	}
	while (!all_done(reqs, n)) {
		long wait;

		if (stopped(c)) {
			abort_all(c, reqs, n);
			break;
		}
		wait = start_ready(c, reqs, n, &running, hdrs);
		if (running == 0) {
			if (wait > 0)
				usleep((useconds_t)wait * 1000u);
			continue;
		}
		curl_multi_perform(c->multi, &still);
		reap(c, &running);
		if (running)
			curl_multi_poll(c->multi, NULL, 0, (int)wait, NULL);
	}
	slist_wipe(hdrs);
	return first_req_failure(reqs, n, err);
}

enum trc_err net_get(struct net_client *c, const char *path, struct buf *out,
		     struct trc_error *err)
{
	struct net_req r;
	char url[URL_MAX];
	enum trc_err rc;

	net_req_init(&r, path, NULL);
	if (out->max)
		r.resp.max = out->max > out->len ? out->max - out->len : 1;
	rc = net_perform(c, &r, 1, err);
	if (!rc && buf_append(out, r.resp.data, r.resp.len))
		rc = trc_fail(err, TRC_ERR_TOOBIG,
			      "%s: the answer is larger than %zu bytes",
			      shown(c, path, url, sizeof(url)), out->max);
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

/* A call's own failure names what it was for ("block 5: ..."). */
static void name_call(struct net_call *call)
{
	if (call->rc && call->label && *call->label)
		trc_error_prefix(&call->err, call->rc, "%s", call->label);
}

/* Takes one response object apart into call. */
static void rpc_take(struct net_client *c, struct net_call *call, json_t *resp)
{
	json_t *e = json_object_get(resp, "error");
	json_t *r = json_object_get(resp, "result");

	if (e && !json_is_null(e)) {
		json_t *msg = json_object_get(e, "message");

		call->rc = trc_fail(&call->err, TRC_ERR_RPC,
				    "%s: %s: error %lld: %s", c->u.safe,
				    call->method,
				    (long long)json_integer_value(
					    json_object_get(e, "code")),
				    json_is_string(msg) ? json_string_value(msg)
							: "(no message)");
		name_call(call);
		return;
	}
	if (!json_is_object(resp) || !r) {
		call->rc = trc_fail(&call->err, TRC_ERR_PARSE,
				    "%s: %s: answer is not JSON-RPC", c->u.safe,
				    call->method);
		name_call(call);
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
				    c->u.safe, call->method, req->status);
		name_call(call);
		return;
	}
	j = json_loadb(buf_str(&req->resp), req->resp.len, 0, &je);
	if (!j) {
		call->rc =
			trc_fail(&call->err, TRC_ERR_PARSE,
				 "%s: %s: invalid JSON at byte %d: %s",
				 c->u.safe, call->method, je.position, je.text);
		name_call(call);
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
		reqs[i].label =
			calls[i].label ? calls[i].label : calls[i].method;
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

enum trc_err net_rpc(struct net_client *c, const char *method, json_t *params,
		     json_t **result, struct trc_error *err)
{
	struct net_call call = { method, params,	 NULL,
				 TRC_OK, TRC_ERROR_INIT, NULL };
	enum trc_err rc = rpc_singles(c, &call, 1, err);

	*result = call.result;
	return rc;
}

/*
 * One batch request. Out: *refused when the node did not answer with an
 * array of responses (it does not do batches): the caller falls back.
 */
static enum trc_err rpc_batch_once(struct net_client *c, struct net_call *calls,
				   size_t n, bool *refused,
				   struct trc_error *err)
{
	json_t *arr = json_array(), *resp = NULL;
	struct net_req req;
	char *body = NULL, label[128];
	enum trc_err rc;

	*refused = false;
	net_req_init(&req, "", NULL);
	for (size_t i = 0; arr && i < n; i++) {
		json_t *o = json_pack(
			"{s:s, s:I, s:s, s:o}", "jsonrpc", "2.0", "id",
			(json_int_t)i, "method", calls[i].method, "params",
			calls[i].params ? json_incref(calls[i].params)
					: json_array());

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
	snprintf(label, sizeof(label), "%s (a batch of %zu calls)",
		 calls[0].label ? calls[0].label : calls[0].method, n);
	req.label = label;
	rc = net_perform(c, &req, 1, err);
	if (rc == TRC_ERR_HTTP && req.status >= 400 && req.status < 500 &&
	    req.status != 429) {
		/* a node without batches may refuse the array outright */
		*refused = true;
		rc = TRC_OK;
		goto cleanup;
	}
	if (rc) {
		for (size_t i = 0; i < n; i++) {
			/* the request's own message: err may be NULL */
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
