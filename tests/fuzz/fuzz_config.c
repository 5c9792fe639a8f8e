/*
 * fuzz_config - the config file reader (tracer/cli/config.c) on arbitrary
 * files: the input is written as a 0600 file named by TRACER_CONFIG and
 * looked up for every chain and kind. A value found is a string of the
 * file; an error names the file and never crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/scratch_file.h"
#include "tracer/cli/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[][2] = {
		{ "btc", "rpc" },
		{ "btc", "esplora" },
		{ "eth", "rpc" },
	};
	const char *path = scratch_write("config", data, size);

	setenv("TRACER_CONFIG", path, 1);
	unsetenv("TRACER_BTC_RPC");
	unsetenv("TRACER_ETH_RPC");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct trc_error e = TRC_ERROR_INIT;
		char *url = NULL;

		if (config_source_url(keys[i][0], keys[i][1], &url, &e)) {
			if (url || !e.msg[0])
				abort();
			continue;
		}
		if (url && (strchr(url, '\n') ||
			    !memmem(data, size, url, strlen(url))))
			abort();
		free(url);
	}
	return 0;
}
