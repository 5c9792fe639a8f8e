/*
 * test_net_http - the transport against a local server that misbehaves on
 * purpose (tests/unit/net_server.py): retries, Retry-After, truncated,
 * slow and huge bodies, basic auth from the URL without the password ever
 * showing, JSON-RPC single calls, batches and the fallback.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "chains/net/net.h"
#include "tests/unit/harness.h"

static pid_t server_pid;
static int server_fd = -1;
static char base[128];

static void stop_server(void)
{
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
		server_pid = 0;
	}
	if (server_fd >= 0)
		close(server_fd);
	server_fd = -1;
}

/* Starts the server once; "" when python3 is missing. */
static const char *server(void)
{
	const char *src = getenv("TRACER_SRC");
	char script[512], line[32] = { 0 };
	int fd[2];
	ssize_t got = 0;

	if (base[0] || server_pid < 0)
		return base;
	snprintf(script, sizeof(script), "%s/tests/unit/net_server.py",
		 src && *src ? src : ".");
	if (pipe(fd))
		return base;
	server_pid = fork();
	if (server_pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execlp("python3", "python3", script, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	/* read up to the newline; the pipe stays open while the server
	 * lives, so that its write never meets a closed pipe */
	for (size_t n = 0; n < sizeof(line) - 1 && !strchr(line, '\n');
	     n += (size_t)got) {
		got = read(fd[0], line + n, sizeof(line) - 1 - n);
		if (got <= 0)
			break;
	}
	server_fd = fd[0];
	if (!strchr(line, '\n')) {
		stop_server();
		server_pid = -1;
		return base;
	}
	atexit(stop_server);
	snprintf(base, sizeof(base), "http://127.0.0.1:%ld",
		 strtol(line, NULL, 10));
	return base;
}

static struct net_client *client(const char *url, unsigned retries)
{
	struct net_client *c = NULL;
	struct net_opts o;
	struct trc_error e = TRC_ERROR_INIT;

	net_opts_default(&o);
	o.retries = retries;
	o.backoff_ms = 50;
	o.backoff_max_ms = 2000;
	o.timeout_ms = 1500;
	o.connect_timeout_ms = 1000;
	o.max_response = 1 << 20;
	CHECK_OK(net_client_new(&c, url, &o, &e), &e);
	return c;
}

#define NEED_SERVER()                                                      \
	do {                                                               \
		if (!*server()) {                                          \
			t_fail(__FILE__, __LINE__, "the test server "     \
			       "(python3 net_server.py) did not start");  \
			return;                                            \
		}                                                          \
	} while (0)

static enum trc_err get(struct net_client *c, const char *path,
			struct buf *out, struct trc_error *e)
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
	CHECK_STR(red, "http://host:8332/x?y=1");
	net_redact_url("https://host/a@b", red, sizeof(red));
	CHECK_STR(red, "https://host/a@b");
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
	CHECK_STR(json_string_value(json_object_get(calls[0].result,
						    "method")),
		  "getblockcount");
	CHECK_INT(calls[1].rc, TRC_ERR_RPC);
	CHECK_INT(json_integer_value(json_array_get(
			  json_object_get(calls[2].result, "params"), 0)),
		  7);
	net_calls_release(calls, 3);
	/* the same calls one request each */
	CHECK_INT(net_rpc_each(c, calls, 3, &e), TRC_ERR_RPC);
	CHECK_STR(json_string_value(json_object_get(calls[2].result,
						    "method")),
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
		CHECK_STR(json_string_value(json_object_get(calls[i].result,
							    "method")),
			  i % 2 ? "odd" : "even");
	net_calls_release(calls, n);
	net_client_free(c);
}

TEST_MAIN({ "plain requests and errors", t_plain_and_errors },
	  { "retries on 429, 5xx, truncated body", t_retries },
	  { "slow body times out", t_slow_body_times_out },
	  { "parallel requests", t_parallel },
	  { "credentials never shown", t_credentials_never_shown },
	  { "json-rpc single, batch, fallback", t_rpc },
	  { "json-rpc empty answer", t_rpc_empty },
	  { "json-rpc batch refused after the first", t_rpc_batch_refused_later })
