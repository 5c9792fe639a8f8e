/*
 * warnings.h - the one rule for "this result is empty or suspicious, and
 * here is the next step" (docs/cli.md, "Warnings"): a trace whose seeds
 * received nothing in the database (never crawled, or a --since after
 * every receipt), a trace that reached no exit, an address the database
 * never saw, an address whose tags conflict. The CLI prints each on stderr in
 * text mode and puts them in the `warnings` array of its --json document;
 * nothing here prints.
 *
 * Ownership: the vector (*v, *n) is the caller's, freed with strv_free;
 * warnings are appended to it.
 */
#ifndef TRC_WARNINGS_H
#define TRC_WARNINGS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "graph/trace.h"
#include "store/tags.h"

/*
 * The warnings of trace result r, of the chain named chain. Out: appended
 * to (*v, *n). Returns TRC_OK or TRC_ERR_NOMEM.
 */
enum trc_err warnings_trace(const struct trace_result *r, const char *chain,
			    char ***v, size_t *n,
			    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The warnings of an address of chain that tx_count transactions of the
 * database touch. Out: appended to (*v, *n). Returns TRC_OK or
 * TRC_ERR_NOMEM.
 */
enum trc_err warnings_address(const char *chain, const char *address,
			      uint64_t tx_count, char ***v, size_t *n,
			      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The warning of an address whose tags conflict: one of an actor
 * category (hacker, ransomware, scam) and one of a category a trace stops
 * at (exchange, deposit, mixer, bridge, service), so that the deciding
 * tag (the first of tags, as tags_get orders them) decides whether the
 * trail stops there. chain names the chain. Out: appended to (*v, *n).
 * Returns TRC_OK or TRC_ERR_NOMEM.
 */
enum trc_err warnings_tags(const char *chain, const struct tag_list *tags,
			   char ***v, size_t *n,
			   struct trc_error *err) TRC_WARN_UNUSED;

#endif
