/*
 * test_net_http - the transport against a local server that misbehaves on
 * purpose (tests/unit/net_server.py): retries, Retry-After, truncated,
 * slow and huge bodies, basic auth from the URL without the password ever
 * showing, JSON-RPC single calls, batches and the fallback.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chains/net/net.h"
#include "tests/unit/harness.h"
#include "tests/unit/pyserver.h"

/* The server of this program (tests/unit/net_server.py). */
static const char *server(void)
{
	return t_pyserver("net_server.py");
}

/* Short waits for tests: a request may take max_ms in all. */
static void test_opts(struct net_opts *o, unsigned retries, long max_ms)
{
	net_opts_default(o);
	o->retries = retries;
	o->backoff_ms = 50;
	o->backoff_max_ms = 2000;
	o->timeout_ms = max_ms;
	o->connect_timeout_ms = 1000;
	o->max_response = 1 << 20;
}

static struct net_client *client_with(const char *url, const struct net_opts *o)
{
	struct net_client *c = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(net_client_new(&c, url, o, &e), &e);
	return c;
}

static struct net_client *client(const char *url, unsigned retries)
{
	struct net_opts o;

	test_opts(&o, retries, 1500);
	return client_with(url, &o);
}

#define NEED_SERVER()                                                          \
	do {                                                                   \
		if (!*server()) {                                              \
			t_fail(__FILE__, __LINE__,                             \
			       "the test server "                              \
			       "(python3 net_server.py) did not start");       \
			return;                                                \
		}                                                              \
	} while (0)

static enum trc_err get(struct net_client *c, const char *path, struct buf *out,
			struct trc_error *e)
{
	buf_reset(out);
	return net_get(c, path, out, e);
}

static void t_plain_and_errors(void)
{
	struct net_client *c;
	struct buf b = BUF_INIT(1 << 22);
	struct trc_error e = TRC_ERROR_INIT;

	NEED_SERVER();
	c = client(server(), 2);
	CHECK_OK(get(c, "/ok", &b, &e), &e);
	CHECK_STR(buf_str(&b), "hello");
	CHECK_INT(get(c, "/404", &b, &e), TRC_ERR_HTTP);
	CHECK(strstr(e.msg, "404") != NULL);
	CHECK(strstr(e.msg, "/404") != NULL);
	CHECK_INT(get(c, "/500always", &b, &e), TRC_ERR_HTTP);
	CHECK(strstr(e.msg, "after 3 attempts") != NULL);
	CHECK_INT(get(c, "/huge", &b, &e), TRC_ERR_TOOBIG);
	CHECK(strstr(e.msg, "/huge") != NULL);
	CHECK_INT(get(c, "/truncated-always", &b, &e), TRC_ERR_NET);
	net_client_free(c);
	buf_release(&b);
}

static void t_retries(void)
{
	struct net_client *c;
	struct buf b = BUF_INIT(1 << 22);
	struct trc_error e = TRC_ERROR_INIT;
	struct net_stats st;

	NEED_SERVER();
	c = client(server(), 3);
	CHECK_OK(get(c, "/429once/a", &b, &e), &e);
	CHECK_STR(buf_str(&b), "after429");
	CHECK_OK(get(c, "/500twice/b", &b, &e), &e);
	CHECK_STR(buf_str(&b), "after500");
	CHECK_OK(get(c, "/truncated-once/c", &b, &e), &e);
	CHECK_INT(b.len, 100);
	net_client_stats(c, &st);
	CHECK_INT(st.retries, 4);
	CHECK_OK(get(c, "/seen/b", &b, &e), &e);
	CHECK_STR(buf_str(&b), "3");
	net_client_free(c);
	buf_release(&b);
}

static void t_slow_body_times_out(void)
{
	struct net_client *c;
	struct buf b = BUF_INIT(1 << 22);
	struct trc_error e = TRC_ERROR_INIT;

	NEED_SERVER();
	c = client(server(), 0);
	CHECK_INT(get(c, "/slow", &b, &e), TRC_ERR_NET);
	CHECK(strstr(e.msg, "/slow") != NULL);
	net_client_free(c);
	buf_release(&b);
}

static void t_parallel(void)
{
	struct net_client *c;
	struct net_req r[12];
	struct trc_error e = TRC_ERROR_INIT;
	char paths[12][32];

	NEED_SERVER();
	c = client(server(), 3);
	for (int i = 0; i < 12; i++) {
		snprintf(paths[i], sizeof(paths[i]), "/500twice/p%d", i);
		net_req_init(&r[i], i % 3 ? paths[i] : "/ok", NULL);
	}
	CHECK_OK(net_perform(c, r, 12, &e), &e);
	for (int i = 0; i < 12; i++) {
		CHECK_STR(buf_str(&r[i].resp), i % 3 ? "after500" : "hello");
		net_req_release(&r[i]);
	}
	net_client_free(c);
}

static void t_credentials_never_shown(void)
{
	char url[256], red[256];
	struct net_client *c;
	struct buf b = BUF_INIT(1 << 22);
	struct trc_error e = TRC_ERROR_INIT;

	net_redact_url("http://alice:s3cret@host:8332/x?y=1", red, sizeof(red));
	CHECK_STR(red, "http://***@host:8332/x?y=***");
	NEED_SERVER();
	snprintf(url, sizeof(url), "http://alice:s3cret@%s",
		 server() + strlen("http://"));
	c = client(url, 0);
	CHECK(strstr(net_client_url(c), "s3cret") == NULL);
	CHECK(strstr(net_client_url(c), "alice") == NULL);
	CHECK_OK(get(c, "/auth", &b, &e), &e);
	CHECK_STR(buf_str(&b), "authed");
	CHECK_INT(get(c, "/404", &b, &e), TRC_ERR_HTTP);
	CHECK(strstr(e.msg, "s3cret") == NULL);
	net_client_free(c);
	/* a refused connection: the message names the URL, not the secret */
	c = client("http://bob:hunter2@127.0.0.1:1", 1);
	CHECK_INT(get(c, "/x", &b, &e), TRC_ERR_NET);
	CHECK(strstr(e.msg, "127.0.0.1:1") != NULL);
	CHECK(strstr(e.msg, "hunter2") == NULL);
	CHECK(strstr(e.msg, "bob") == NULL);
	net_client_free(c);
	CHECK_INT(net_client_new(&c, "ftp://u:hunter2@h/", NULL, &e),
		  TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "hunter2") == NULL);
	buf_release(&b);
}

/* The redaction rule of chains/net/url.h, case by case. */
static void t_redaction_rule(void)
{
	static const struct {
		const char *url, *shown;
		bool hid;
	} cases[] = {
		{ "http://h:8332/wallet/w1", "http://h:8332/wallet/w1", false },
		{ "http://h:8332", "http://h:8332", false },
		{ "http://u:p%2F%23%3F%40w@h:1/", "http://***@h:1", true },
		{ "http://only-user@h/", "http://***@h", true },
		{ "https://infura.example/v3/0123456789abcdef0123456789abcdef",
		  "https://infura.example/v3/***", true },
		{ "https://eth.example/v2/Zx9_kQ-4mN7pL2sR8tV1wY3", /* base64 */
		  "https://eth.example/v2/***", true },
		{ "https://h/api?apikey=K3y&chain=1&bare",
		  "https://h/api?apikey=***&chain=***&***", true },
		{ "http://h/x#frag", "http://h/x#***", true },
		{ "ftp://u:hunter2@h/", "ftp://***@h", true },
		/* an unencoded '/', '#', '?' or '@' in a password: nothing of
		 * the URL can be told apart, so nothing is shown */
		{ "http://u:12/34@h", "http://***", true },
		{ "http://u:pa/ss@h:1/", "http://***", true },
		{ "http://u:p#ss@h:1/", "http://***", true },
		{ "http://u:p?ss@h:1/", "http://***", true },
		{ "http://u:p@ss@h:1/", "http://***", true },
		{ "https://h/a@b", "https://***", true },
		{ "not a url at all", "***", true },
	};
	char red[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool hid = net_redact_url(cases[i].url, red, sizeof(red));

		CHECK_STR(red, cases[i].shown);
		CHECK_INT(hid, cases[i].hid);
	}
}

/*
 * Passwords with '/', '#', '?' and '@': percent-encoded they work and are
 * never shown; unencoded they are refused without a piece of them shown.
 */
static void t_password_specials(void)
{
	static const char *const bad[] = {
		"http://al:pa/ss-w0rd@127.0.0.1:1/",
		"http://al:pa#ss-w0rd@127.0.0.1:1/",
		"http://al:pa?ss-w0rd@127.0.0.1:1/",
		"http://al:pa@ss-w0rd@127.0.0.1:1/",
		"http://al:12/34-w0rd@127.0.0.1:1/",
	};
	char url[256];
	struct net_client *c = NULL;
	struct buf b = BUF_INIT(1 << 20);
	struct trc_error e = TRC_ERROR_INIT;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(net_client_new(&c, bad[i], NULL, &e),
			  TRC_ERR_INVALID);
		CHECK(c == NULL);
		CHECK(strstr(e.msg, "ss-w0rd") == NULL);
		CHECK(strstr(e.msg, "34-w0rd") == NULL);
		CHECK(strstr(e.msg, "percent-encode") != NULL);
	}
	NEED_SERVER();
	snprintf(url, sizeof(url), "http://al%%40ice:p%%2Fa%%23s%%3Fs%%40w@%s",
		 server() + strlen("http://"));
	c = client(url, 0);
	CHECK(strstr(net_client_url(c), "ice") == NULL);
	CHECK_OK(get(c, "/auth2", &b, &e), &e);
	CHECK_STR(buf_str(&b), "authed");
	CHECK_INT(get(c, "/404", &b, &e), TRC_ERR_HTTP);
	CHECK(strstr(e.msg, "p%2Fa") == NULL);
	CHECK(strstr(e.msg, "p/a#s") == NULL);
	net_client_free(c);
	buf_release(&b);
}

/* A key in the path or the query is sent, and shown as *** only. */
static void t_api_keys(void)
{
	char url[256];
	struct net_client *c;
	struct buf b = BUF_INIT(1 << 20);
	struct trc_error e = TRC_ERROR_INIT;

	NEED_SERVER();
	snprintf(url, sizeof(url),
		 "%s/echo/v3/0123456789abcdef0123456789abcdef?apikey=S3CR3T",
		 server());
	c = client(url, 0);
	CHECK(strstr(net_client_url(c), "0123456789abcdef") == NULL);
	CHECK(strstr(net_client_url(c), "S3CR3T") == NULL);
	CHECK(strstr(net_client_url(c), "/echo/v3/***?apikey=***") != NULL);
	CHECK_OK(get(c, "/tx/ab", &b, &e), &e);
	CHECK_STR(buf_str(&b), "/echo/v3/0123456789abcdef0123456789abcdef"
			       "/tx/ab?apikey=S3CR3T");
	net_client_free(c);
	/* a failure names the path asked, not the key */
	snprintf(url, sizeof(url),
		 "%s/v3/0123456789abcdef0123456789abcdef?apikey=S3CR3T",
		 server());
	c = client(url, 0);
	CHECK_INT(get(c, "/x", &b, &e), TRC_ERR_HTTP);
	CHECK(strstr(e.msg, "/v3/***/x?apikey=***") != NULL);
	CHECK(strstr(e.msg, "S3CR3T") == NULL);
	CHECK(strstr(e.msg, "0123456789abcdef") == NULL);
	net_client_free(c);
	buf_release(&b);
}

/* A caller's cap lower than the client's holds (Esplora's were lost). */
static void t_request_cap(void)
{
	struct net_client *c;
	struct net_req r;
	struct buf b = BUF_INIT(1000);
	struct trc_error e = TRC_ERROR_INIT;

	NEED_SERVER();
	c = client(server(), 0);
	net_req_init(&r, "/huge", NULL);
	r.resp.max = 4096;
	CHECK_INT(net_perform(c, &r, 1, &e), TRC_ERR_TOOBIG);
	CHECK(strstr(e.msg, "larger than 4096 bytes") != NULL);
	net_req_release(&r);
	CHECK_INT(net_get(c, "/huge", &b, &e), TRC_ERR_TOOBIG);
	CHECK(strstr(e.msg, "larger than 1000 bytes") != NULL);
	net_client_free(c);
	buf_release(&b);
}

/* A shared budget: answers add up until it ends; a retried attempt's
 * bytes are given back. */
static void t_budget(void)
{
	struct net_client *c;
	struct net_req r[2];
	struct buf b = BUF_INIT(1 << 20);
	struct trc_error e = TRC_ERROR_INIT;

	NEED_SERVER();
	c = client(server(), 2);
	net_client_budget(c, 8);
	net_req_init(&r[0], "/ok", NULL);
	net_req_init(&r[1], "/ok", NULL);
	r[0].label = "block 5";
	r[1].label = "block 6";
	/* 5 + 5 bytes: one of them passes it, and is not retried */
	CHECK_INT(net_perform(c, r, 2, &e), TRC_ERR_TOOBIG);
	CHECK(strstr(e.msg, "would pass the budget of 8 bytes") != NULL);
	CHECK(!strncmp(e.msg, "block 5: ", 9) ||
	      !strncmp(e.msg, "block 6: ", 9));
	CHECK(!strstr(e.msg, "attempts"));
	net_req_release(&r[0]);
	net_req_release(&r[1]);
	/* 10 bytes of a truncated first attempt, then 100: 100 fit 105 */
	net_client_budget(c, 105);
	CHECK_OK(get(c, "/truncated-once/budget", &b, &e), &e);
	CHECK_INT(b.len, 100);
	/* ended: both fit again */
	net_client_budget(c, 0);
	net_req_init(&r[0], "/ok", NULL);
	net_req_init(&r[1], "/ok", NULL);
	CHECK_OK(net_perform(c, r, 2, &e), &e);
	net_req_release(&r[0]);
	net_req_release(&r[1]);
	net_client_free(c);
	buf_release(&b);
}

struct retries_seen {
	unsigned n;
	char label[64], reason[128];
};

static void count_retry(void *ctx, const struct net_retry *r)
{
	struct retries_seen *s = ctx;

	s->n++;
	snprintf(s->label, sizeof(s->label), "%s", r->label);
	snprintf(s->reason, sizeof(s->reason), "%s", r->reason);
}

static struct net_client *stall_client(unsigned retries, long max_ms,
				       long stall_ms, struct retries_seen *seen,
				       const volatile sig_atomic_t *stop)
{
	struct net_opts o;

	test_opts(&o, retries, max_ms);
	o.stall_ms = stall_ms;
	o.min_speed = 100;
	o.on_retry = count_retry;
	o.cb_ctx = seen;
	o.stop = stop;
	return client_with(server(), &o);
}

/*
 * Every way of saying nothing ends as a timeout within the low-speed
 * bound, is retried (reported through on_retry, naming the label and
 * where the body stopped), and fails naming the label, URL and reason.
 */
static void t_stalls(void)
{
	static const struct {
		const char *path, *reason;
	} cases[] = {
		{ "/silent", "timeout with no answer" },
		{ "/headers-stall", "timeout at 0 of 2492 bytes" },
		{ "/stall", "timeout at 598 of 2492 bytes" },
		{ "/trickle", "timeout at " },
	};

	NEED_SERVER();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct retries_seen seen = { 0 };
		struct net_client *c =
			stall_client(1, 60000, 1000, &seen, NULL);
		struct net_req r;
		struct trc_error e = TRC_ERROR_INIT;

		net_req_init(&r, cases[i].path, NULL);
		r.label = "block 108";
		alarm(30); /* a hang guard, not a measure */
		CHECK_INT(net_perform(c, &r, 1, &e), TRC_ERR_NET);
		alarm(0);
		CHECK_INT(seen.n, 1);
		CHECK_STR(seen.label, "block 108");
		CHECK(strstr(seen.reason, cases[i].reason) == seen.reason);
		CHECK(strncmp(e.msg, "block 108: http://127.0.0.1:", 28) == 0);
		CHECK(strstr(e.msg, cases[i].path) != NULL);
		CHECK(strstr(e.msg, cases[i].reason) != NULL);
		CHECK(strstr(e.msg, "gave up after 2 attempts") != NULL);
		net_req_release(&r);
		net_client_free(c);
	}
}

/* The whole request's time (--max-time) cuts the retries short. */
static void t_max_time(void)
{
	struct retries_seen seen = { 0 };
	struct net_client *c;
	struct buf b = BUF_INIT(1 << 20);
	struct trc_error e = TRC_ERROR_INIT;
	struct net_stats st;

	NEED_SERVER();
	c = stall_client(50, 2500, 1000, &seen, NULL);
	alarm(30);
	CHECK_INT(get(c, "/silent", &b, &e), TRC_ERR_NET);
	alarm(0);
	net_client_stats(c, &st);
	CHECK(st.requests < 50);
	CHECK(strstr(e.msg, "its time (--max-time) is up") != NULL);
	net_client_free(c);
	buf_release(&b);
}

static volatile sig_atomic_t stop_flag;

static void on_alarm(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* A stop flag set by a signal aborts what is in flight and waiting. */
static void t_interrupt(void)
{
	struct retries_seen seen = { 0 };
	struct net_client *c;
	struct net_req r[3];
	struct trc_error e = TRC_ERROR_INIT;
	struct net_opts o;

	NEED_SERVER();
	/*
	 * A stall bound and a back-off well past the signal: nothing times
	 * out or runs out of attempts first, however loaded the machine
	 * (with the default test back-off of 50 ms, /500always spent its
	 * attempts within the second before the signal under load).
	 */
	test_opts(&o, 5, 600000);
	o.stall_ms = 10000;
	o.min_speed = 100;
	o.backoff_ms = 20000;
	o.backoff_max_ms = 20000;
	o.on_retry = count_retry;
	o.cb_ctx = &seen;
	o.stop = &stop_flag;
	c = client_with(server(), &o);
	net_req_init(&r[0], "/silent", NULL);
	net_req_init(&r[1], "/trickle", NULL);
	net_req_init(&r[2], "/500always", NULL);
	r[0].label = "block 7";
	stop_flag = 0;
	signal(SIGALRM, on_alarm);
	alarm(1);
	CHECK_INT(net_perform(c, r, 3, &e), TRC_ERR_INTERRUPTED);
	signal(SIGALRM, SIG_DFL);
	CHECK(strncmp(e.msg, "block 7: ", 9) == 0);
	CHECK(strstr(e.msg, "interrupted") != NULL);
	CHECK_INT(r[1].rc, TRC_ERR_INTERRUPTED);
	CHECK_INT(r[2].rc, TRC_ERR_INTERRUPTED);
	for (int i = 0; i < 3; i++)
		net_req_release(&r[i]);
	/* a new perform with the flag still set does not start at all */
	net_req_init(&r[0], "/ok", NULL);
	CHECK_INT(net_perform(c, r, 1, &e), TRC_ERR_INTERRUPTED);
	net_req_release(&r[0]);
	net_client_free(c);
}

static void rpc_at(const char *path, bool batch_expected)
{
	char url[160];
	struct net_client *c;
	struct trc_error e = TRC_ERROR_INIT;
	struct net_call calls[3] = {
		{ .method = "getblockcount" },
		{ .method = "fail" },
		{ .method = "getblockhash" },
	};
	json_t *params = json_pack("[i]", 7), *res = NULL;

	snprintf(url, sizeof(url), "%s%s", server(), path);
	c = client(url, 0);
	calls[2].params = params;
	CHECK_OK(net_rpc(c, "echo", params, &res, &e), &e);
	CHECK_STR(json_string_value(json_object_get(res, "method")), "echo");
	json_decref(res);
	CHECK_INT(net_rpc(c, "fail", NULL, &res, &e), TRC_ERR_RPC);
	CHECK(res == NULL);
	CHECK(strstr(e.msg, "no such thing") != NULL);
	CHECK_INT(net_rpc_batch(c, calls, 3, &e), TRC_ERR_RPC);
	CHECK_OK(calls[0].rc, &calls[0].err);
	CHECK_STR(json_string_value(json_object_get(calls[0].result, "method")),
		  "getblockcount");
	CHECK_INT(calls[1].rc, TRC_ERR_RPC);
	CHECK_INT(json_integer_value(json_array_get(
			  json_object_get(calls[2].result, "params"), 0)),
		  7);
	net_calls_release(calls, 3);
	/* the same calls one request each */
	CHECK_INT(net_rpc_each(c, calls, 3, &e), TRC_ERR_RPC);
	CHECK_STR(json_string_value(json_object_get(calls[2].result, "method")),
		  "getblockhash");
	CHECK_INT(calls[1].rc, TRC_ERR_RPC);
	net_calls_release(calls, 3);
	(void)batch_expected;
	json_decref(params);
	net_client_free(c);
}

static void t_rpc(void)
{
	NEED_SERVER();
	rpc_at("/rpc", true);
	rpc_at("/rpc-nobatch", false);
	rpc_at("/rpc-core", false);
}

/* An empty answer says so (jansson alone said "wrong arguments"). */
static void t_rpc_empty(void)
{
	char url[160];
	struct net_client *c;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *res = NULL;

	NEED_SERVER();
	snprintf(url, sizeof(url), "%s/rpc-empty", server());
	c = client(url, 0);
	CHECK_INT(net_rpc(c, "getblockcount", NULL, &res, &e), TRC_ERR_PARSE);
	CHECK(res == NULL);
	CHECK(strstr(e.msg, "getblockcount: empty answer (HTTP 200)") != NULL);
	net_client_free(c);
}

/*
 * A node that takes the first batch of a long run and refuses the next:
 * the calls go again one by one, and the answers of the first batch are
 * dropped, not leaked (LeakSanitizer watches).
 */
static void t_rpc_batch_refused_later(void)
{
	char url[160];
	struct net_client *c;
	struct trc_error e = TRC_ERROR_INIT;
	struct net_call calls[NET_BATCH_MAX + 20];
	size_t n = sizeof(calls) / sizeof(calls[0]);

	NEED_SERVER();
	snprintf(url, sizeof(url), "%s/rpc-batch-once/a", server());
	c = client(url, 0);
	memset(calls, 0, sizeof(calls));
	for (size_t i = 0; i < n; i++)
		calls[i].method = i % 2 ? "odd" : "even";
	CHECK_OK(net_rpc_batch(c, calls, n, &e), &e);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(json_string_value(
				  json_object_get(calls[i].result, "method")),
			  i % 2 ? "odd" : "even");
	net_calls_release(calls, n);
	net_client_free(c);
}

/*
 * A batch the node fails with HTTP 500 (no retries left) and a caller
 * without an error buffer (eth address history does that): every call
 * gets the request's failure; this crashed on the NULL buffer (found by
 * fuzz_jsonrpc).
 */
static void t_rpc_batch_500_no_err(void)
{
	char url[160];
	struct net_client *c;
	struct net_call calls[2] = { { .method = "a" }, { .method = "b" } };

	NEED_SERVER();
	snprintf(url, sizeof(url), "%s/rpc-500", server());
	c = client(url, 0);
	CHECK_INT(net_rpc_batch(c, calls, 2, NULL), TRC_ERR_HTTP);
	for (size_t i = 0; i < 2; i++) {
		CHECK_INT(calls[i].rc, TRC_ERR_HTTP);
		CHECK(calls[i].result == NULL);
		CHECK(strstr(calls[i].err.msg, "500") != NULL);
	}
	net_calls_release(calls, 2);
	net_client_free(c);
}

TEST_MAIN({ "plain requests and errors", t_plain_and_errors },
	  { "retries on 429, 5xx, truncated body", t_retries },
	  { "slow body times out", t_slow_body_times_out },
	  { "parallel requests", t_parallel },
	  { "credentials never shown", t_credentials_never_shown },
	  { "redaction rule", t_redaction_rule },
	  { "passwords with / # ? @", t_password_specials },
	  { "api keys in path and query", t_api_keys },
	  { "a request's own response cap", t_request_cap },
	  { "a shared budget", t_budget },
	  { "silent, stalled, trickling servers time out", t_stalls },
	  { "--max-time bounds the retries", t_max_time },
	  { "a signal aborts the transfers", t_interrupt },
	  { "json-rpc single, batch, fallback", t_rpc },
	  { "json-rpc empty answer", t_rpc_empty },
	  { "json-rpc batch refused after the first",
	    t_rpc_batch_refused_later },
	  { "json-rpc batch failed, no error buffer", t_rpc_batch_500_no_err })
