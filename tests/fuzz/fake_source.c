/* fake_source.c - see fake_source.h. */
#include "tests/fuzz/fake_source.h"

#include <stdlib.h>

#include "chains/chain.h"
#include "chains/net/net.h"
#include "tests/fuzz/fake_http.h"

void fake_source_run(const char *chain, struct source_cfg *cfg,
		     const uint8_t *data, size_t size, fake_source_call call)
{
	struct crawl_source src;
	struct trc_error e = TRC_ERROR_INIT;
	struct net_opts net;

	if (!size)
		return;
	cfg->location = fake_http_url();
	net_opts_default(&net);
	net.jobs = 1;
	net.retries = 0;
	cfg->net = &net;
	fake_http_serve(data + 1, size - 1);
	if (crawl_source_open(chain_find(chain), cfg, &src, &e)) {
		if (!e.msg[0])
			abort();
		return;
	}
	if (call(src.ops, src.ctx, data[0], &e) && !e.msg[0])
		abort(); /* a failure names its reason */
	crawl_source_release(&src);
}
