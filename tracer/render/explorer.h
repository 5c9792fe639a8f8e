/*
 * explorer.h - links from the HTML report to a block explorer, by a
 * template: `https://mempool.space/tx/{txid}` links every txid,
 * `https://mempool.space/address/{address}` every address.
 *
 * A template is accepted when it starts with https:// or http:// and a
 * host, holds exactly one placeholder ({txid} or {address}) after the
 * host, no other brace, and no space, control character, quote, '<',
 * '>', '\\' or '`'; at most EXPLORER_MAX bytes. The value put in its place
 * is percent-encoded (all but A-Z a-z 0-9 - . _ ~), and the whole URL is
 * HTML-escaped by the writer: a template cannot add markup or a script.
 */
#ifndef TRC_EXPLORER_H
#define TRC_EXPLORER_H

#include <stdio.h>

#include "base/err.h"

#define EXPLORER_MAX 512

enum explorer_kind { EXPLORER_TXID, EXPLORER_ADDRESS, EXPLORER_KINDS };

/* Checks tmpl (see above). Out: *kind, the placeholder it holds. Returns
 * TRC_ERR_INVALID with a message naming what is wrong. */
enum trc_err explorer_check(const char *tmpl, enum explorer_kind *kind,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* Writes the URL of a checked tmpl for value, HTML-escaped (for an href
 * attribute inside double quotes). */
void explorer_write_url(FILE *f, const char *tmpl, const char *value);

#endif
