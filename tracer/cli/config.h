/*
 * config.h - where a source's URL comes from when it carries credentials
 * that should not be typed on a command line.
 *
 * Order: the URL given on the command line; else the environment variable
 * TRACER_<CHAIN>_RPC (TRACER_BTC_RPC, TRACER_ETH_RPC); else the config file
 * ($TRACER_CONFIG, or ~/.config/tracer/config), whose lines are
 * `<chain>.<kind> = URL` (e.g. `btc.rpc = http://user:pass@host:8332`);
 * `#` starts a comment. The file must not be readable by group or others
 * (mode 0600), or it is refused: it holds passwords.
 */
#ifndef TRC_CONFIG_H
#define TRC_CONFIG_H

#include "base/err.h"

/*
 * Out: *url, a new string (free()) or NULL when none is configured.
 * kind is "rpc" or "esplora"; the environment is consulted for "rpc" only.
 * Errors name the file and line, never the value.
 */
enum trc_err config_source_url(const char *chain, const char *kind,
			       char **url, struct trc_error *err)
	TRC_WARN_UNUSED;

#endif
