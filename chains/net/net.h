/*
 * net.h - HTTP and JSON-RPC 2.0 over libcurl and jansson: the only module
 * that includes curl.h (STYLE.md rule 2).
 *
 * A client talks to one base URL (chains/net/url.h takes it apart).
 * Requests run in parallel on the curl multi interface (at most opts.jobs
 * in flight), no faster than opts.rate per second. Every wait is bounded:
 * a connect timeout; a low-speed limit (an attempt that receives fewer
 * than min_speed bytes a second for stall_ms - no answer at all, headers
 * and then nothing, a trickle - is a timeout); and a total time per
 * request, its retries and back-off included (each attempt gets what is
 * left of it). Connection errors, truncated bodies, timeouts, HTTP 5xx
 * and 429 are retried with exponential back-off and jitter (429 and 503
 * honour Retry-After); each retry is reported through opts.on_retry. When
 * *opts.stop becomes non-zero (a signal handler sets it) the transfers in
 * flight are aborted within about 100 ms and every request not done fails
 * with TRC_ERR_INTERRUPTED.
 *
 * Credentials: user:password in the URL are handed to curl as basic
 * authentication; every string this module returns - net_client_url()
 * and every error message - shows the URL redacted by url.h's rule.
 * Nothing here prints.
 *
 * JSON values follow jansson's terms: "new" references belong to the
 * caller (json_decref), params passed to the calls are borrowed.
 */
#ifndef TRC_NET_H
#define TRC_NET_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"
#include "chains/net/url.h"

/* One retry, as opts.on_retry hears of it. Strings are borrowed. */
struct net_retry {
	const char *label;  /* what the request is for: "block 108", or
			       its method or path */
	const char *url;    /* redacted base URL */
	unsigned retry;	    /* 1 for the first retry */
	unsigned retries;   /* opts.retries */
	const char *reason; /* "timeout at 598 of 2492 bytes", "HTTP
			       status 503", ... */
	uint64_t wait_ms;   /* back-off before the retry starts */
	bool unreachable;   /* no connection was made: refused, or the
			       host name unknown */
};

struct net_opts {
	long connect_timeout_ms; /* default 10000 */
	long stall_ms;		 /* below min_speed this long: 30000 */
	long min_speed;		 /* bytes per second, default 100 */
	long timeout_ms;	 /* a whole request, retries and back-off
				    included: default 120000 */
	size_t max_response;	 /* bytes, default 256 MiB */
	unsigned retries;	 /* attempts after the first, default 5 */
	unsigned backoff_ms;	 /* first back-off, doubled each time: 500 */
	unsigned backoff_max_ms; /* cap of one wait (Retry-After too): 60000 */
	double rate;		 /* requests per second, 0 = unlimited */
	unsigned jobs;		 /* parallel requests, default 4 */
	/* non-zero: abort what is in flight (NULL: never) */
	const volatile sig_atomic_t *stop;
	/* one more request header, "Name: value" (an API key such as
	 * TronGrid's TRON-PRO-API-KEY); copied by net_client_new and never
	 * shown in a message. NULL: none */
	const char *header;
	/* told of every retry (NULL: nobody); must not call into c */
	void (*on_retry)(void *cb_ctx, const struct net_retry *r);
	void *cb_ctx;
};

/* Fills *o with the defaults above. */
void net_opts_default(struct net_opts *o);
/* *o = *from, or the defaults when from is NULL. */
void net_opts_copy(struct net_opts *o, const struct net_opts *from);

struct net_client;

/*
 * Out: *out, a new client for url (http or https; user:password allowed),
 * free with net_client_free. opts may be NULL for the defaults.
 * TRC_ERR_INVALID for a URL curl cannot parse (the message never shows
 * the password).
 */
enum trc_err net_client_new(struct net_client **out, const char *url,
			    const struct net_opts *opts,
			    struct trc_error *err) TRC_WARN_UNUSED;
void net_client_free(struct net_client *c);

/* The base URL without credentials; borrowed, valid while c lives. */
const char *net_client_url(const struct net_client *c);

/* Counters since the client was made (for summaries and tests). */
struct net_stats {
	uint64_t requests; /* attempts sent, retries included */
	uint64_t retries;
	uint64_t bytes;
};
void net_client_stats(const struct net_client *c, struct net_stats *st);

/*
 * A shared budget for answers a caller holds at once (an Ethereum range's
 * blocks, receipts and traces, all parsed before any is let go): from
 * this call on, the body bytes c's requests receive add up, and a request
 * whose answer would pass total fails with TRC_ERR_TOOBIG ("the answers
 * held at once would pass the budget of N bytes", its label and URL
 * first), not retried. The bytes of an attempt that is tried again are
 * given back. total 0 ends the budget. Each answer keeps its own cap
 * (opts.max_response, or its resp.max).
 */
void net_client_budget(struct net_client *c, size_t total);

/*
 * One HTTP request. path is appended to the base URL ("/tx/ab.../hex");
 * body NULL means GET, else POST with content type application/json.
 * After net_perform: rc and err say how it went, status is the last HTTP
 * status, resp holds the body, capped at resp.max when the caller set it
 * lower than opts.max_response (net_req_init leaves it 0: the client's).
 * rpc_error_body: a 4xx/5xx answer whose body is JSON is a result (JSON-RPC
 * nodes report their errors that way) rather than a retryable failure.
 * label (borrowed, may be NULL) says what the request is for ("block
 * 108"): retries and errors name it.
 */
struct net_req {
	const char *path;
	const char *body;
	bool rpc_error_body;
	const char *label;
	/* results */
	enum trc_err rc;
	struct trc_error err;
	long status;
	struct buf resp;
	/* private */
	unsigned attempt;
	uint64_t not_before_ms;
	uint64_t started_ms;
	void *handle;
	int state;
};

/* Prepares req (resp empty, cap from the client at perform time). */
void net_req_init(struct net_req *req, const char *path, const char *body);
void net_req_release(struct net_req *req);

/*
 * Runs the n requests, in parallel, until each succeeded or failed for
 * good. Returns TRC_OK when every one succeeded; otherwise the first
 * failure's code and message in err (each req has its own in req->err).
 */
enum trc_err net_perform(struct net_client *c, struct net_req *reqs, size_t n,
			 struct trc_error *err) TRC_WARN_UNUSED;

/* One GET. Out: out gets the body (appended). */
enum trc_err net_get(struct net_client *c, const char *path, struct buf *out,
		     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * JSON-RPC 2.0. Out: *result, a new reference to the "result" member (may
 * be JSON null). TRC_ERR_RPC with the node's code and message when it
 * answered with an error; TRC_ERR_PARSE when the answer is not JSON-RPC.
 */
enum trc_err net_rpc(struct net_client *c, const char *method, json_t *params,
		     json_t **result, struct trc_error *err) TRC_WARN_UNUSED;

struct net_call {
	const char *method;
	json_t *params; /* borrowed */
	/* results */
	json_t *result; /* new reference or NULL */
	enum trc_err rc;
	struct trc_error err;
	const char *label; /* in: as net_req's (NULL: the method) */
};

/*
 * Runs n calls: as one JSON-RPC batch when the node accepts batches
 * (learnt on first use), else as parallel single calls. Returns TRC_OK
 * when every call succeeded; else the first failure (each call has its
 * own rc/err; results of the others are still set).
 */
enum trc_err net_rpc_batch(struct net_client *c, struct net_call *calls,
			   size_t n, struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Runs n calls as single requests in parallel (never a batch): for answers
 * so large (blocks, traces) that one batch would pass the response cap.
 * Same results and return as net_rpc_batch.
 */
enum trc_err net_rpc_each(struct net_client *c, struct net_call *calls,
			  size_t n, struct trc_error *err) TRC_WARN_UNUSED;

/* Drops the results of n calls (json_decref). */
void net_calls_release(struct net_call *calls, size_t n);

/* Largest batch sent at once; bigger ones are split. */
#define NET_BATCH_MAX 100

#endif
