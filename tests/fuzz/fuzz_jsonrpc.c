/*
 * fuzz_jsonrpc - the JSON-RPC 2.0 envelope and batch matching of
 * chains/net against a loopback server (fake_http.h) that answers with
 * the fuzz input. The first byte gives the number of calls (1..8) and
 * whether they go as a batch or one by one; the rest are the answers,
 * NUL-separated, in request order (a batch the node "refuses" is sent
 * again as single calls). Every call ends with a result or an error with
 * a message, never both, and the first failure is the one returned.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chains/net/net.h"
#include "tests/fuzz/fake_http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct net_call *calls, size_t n, enum trc_err rc)
{
	enum trc_err first = TRC_OK;

	for (size_t i = 0; i < n; i++) {
		if (calls[i].rc && (calls[i].result || !calls[i].err.msg[0]))
			abort();
		if (!calls[i].rc && !calls[i].result)
			abort();
		if (calls[i].rc && !first)
			first = calls[i].rc;
	}
	if (rc != first)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct net_opts o;
	struct net_client *c = NULL;
	struct net_call calls[8];
	size_t n;
	enum trc_err rc;

	if (!size)
		return 0;
	net_opts_default(&o);
	o.retries = 0;
	o.jobs = 1;
	o.max_response = 1u << 20;
	if (net_client_new(&c, fake_http_url(), &o, NULL))
		abort();
	fake_http_serve(data + 1, size - 1);
	n = (data[0] & 7) + 1;
	memset(calls, 0, sizeof(calls));
	for (size_t i = 0; i < n; i++) {
		calls[i].method = "fuzz_method";
		calls[i].params = NULL;
	}
	if (data[0] & 8)
		rc = net_rpc_each(c, calls, n, NULL);
	else
		rc = net_rpc_batch(c, calls, n, NULL);
	check(calls, n, rc);
	net_calls_release(calls, n);
	if (data[0] & 16) {
		/* a second batch on the same client: batch_ok learnt */
		json_t *res = NULL;

		(void)net_rpc(c, "fuzz_again", NULL, &res, NULL);
		json_decref(res);
	}
	net_client_free(c);
	return 0;
}
