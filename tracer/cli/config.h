/*
 * config.h - where a source's URL comes from when it carries credentials
 * that should not be typed on a command line.
 *
 * Order: the URL given on the command line; else the environment variable
 * TRACER_<CHAIN>_RPC (TRACER_BTC_RPC, TRACER_ETH_RPC); else the config file
 * ($TRACER_CONFIG, or ~/.config/tracer/config), whose lines are
 * `<chain>.<kind> = URL` (e.g. `btc.rpc = http://user:pass@host:8332`);
 * `#` starts a comment. The file must not be readable by group or others
 * (mode 0600), or it is refused: it holds passwords. The same file holds
 * the crawl's transport settings (`crawl.timeout = 30`, docs/crawling.md)
 * and `<chain>.rpc-cookie = PATH`.
 *
 * A Bitcoin Core .cookie file (written by the node at each start, mode
 * 0600) holds one line `__cookie__:<password>`.
 */
#ifndef TRC_CONFIG_H
#define TRC_CONFIG_H

#include "base/err.h"

/*
 * Out: *url, a new string (free()) or NULL when none is configured.
 * kind is "rpc" or "esplora"; the environment is consulted for "rpc" only.
 * Errors name the file and line, never the value.
 */
enum trc_err config_source_url(const char *chain, const char *kind, char **url,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Out: *value, a new string (free()) with the value of key in the config
 * file, or NULL when the key (or the file) is absent. Errors name the file
 * and line, never the value.
 */
enum trc_err config_value(const char *key, char **value,
			  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Reads the user:password line of a .cookie file. Out: *user, *password,
 * new strings (free() after wiping); NULL on failure. Errors name the
 * file, never its contents.
 */
enum trc_err config_cookie(const char *path, char **user, char **password,
			   struct trc_error *err) TRC_WARN_UNUSED;

#endif
