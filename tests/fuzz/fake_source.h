/*
 * fake_source.h - what the crawl-source harnesses (fuzz_esplora,
 * fuzz_btc_rpc, fuzz_eth_rpc) share: open a source at the loopback server
 * of fake_http.h, which answers with the fuzz input, and make one call.
 */
#ifndef TRC_FAKE_SOURCE_H
#define TRC_FAKE_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "chains/crawl.h"

/* Makes call number `which` of a harness on an open source. */
typedef enum trc_err (*fake_source_call)(const struct source_ops *ops,
					 void *ctx, unsigned which,
					 struct trc_error *err);

/*
 * data[0] is `which`, the rest the server's answers (fake_http.h). Opens
 * chain's source as cfg says (its location set to the server; one job,
 * no retries), calls call, releases the source. Aborts when a failure
 * (of the opening or of the call) has no message.
 */
void fake_source_run(const char *chain, struct source_cfg *cfg,
		     const uint8_t *data, size_t size, fake_source_call call);

#endif
