/*
 * warnings.h - the one rule for "this result is empty or suspicious, and
 * here is the next step" (docs/cli.md, "Warnings"): a trace whose seeds
 * received nothing in the database (never crawled, or a --since after
 * every receipt), a trace that reached no exit, an address the database
 * never saw, an address whose tags conflict (in a trace: every address the
 * taint reached), taint that reached a bridge (an exit at a tag of
 * category bridge: the funds go on on another chain, and a stated
 * cross-chain link lets the trace follow them). The CLI prints each on stderr
 * in text mode and puts them in the `warnings` array of its --json document;
 * nothing here prints.
 *
 * Ownership: the vector (*v, *n) is the caller's, freed with strv_free;
 * warnings are appended to it.
 */
#ifndef TRC_WARNINGS_H
#define TRC_WARNINGS_H

#include <stdbool.h>
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
 * The warning of a bridge exit x (of a trace on chain) whose receiving
 * transaction carries a THORChain swap memo but whose outbound the
 * database does not hold: the swap's asset (THORChain's notation,
 * "ETH.ETH"), destination address ("" when the memo gives none) and the
 * chain tracer reads it on (dest_chain, NULL when tracer reads none) say
 * where to crawl next. Out: appended to (*v, *n). TRC_ERR_NOMEM.
 */
enum trc_err warnings_swap(const struct trace_exit *x, const char *chain,
			   const char *asset, const char *dest,
			   const char *dest_chain, char ***v, size_t *n,
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
 * The one rule of conflicting tags: two tags of one address (tags, in
 * tags_get's order, the deciding one first) conflict when one is of an
 * actor category (hacker, ransomware, scam, sanctioned) and the other of
 * a category a trace stops at (exchange, deposit, mixer, bridge,
 * service), or when they name different entities (without regard to
 * case). The deciding tag decides whether a trail stops there.
 *
 * warnings_tag_conflict describes the first conflicting pair, the tag
 * tracing uses and the rule that chose it: "hacker (Lazarus, SRC) and
 * exchange (Omega, SRC); tracing uses hacker (Lazarus, SRC), by the
 * higher confidence (90 over 80)". Out: out (size bytes, "" when none).
 * Returns true when tags conflict.
 */
#define WARNINGS_CONFLICT_MAX 2400 /* a size for out that truncates none */
bool warnings_tag_conflict(const struct tag_list *tags, char *out, size_t size);

/*
 * The warning of an address whose tags conflict (the rule above), naming
 * the address and the command that shows its tags; chain names the
 * chain. Out: appended to (*v, *n). Returns TRC_OK or TRC_ERR_NOMEM.
 */
enum trc_err warnings_tags(const char *chain, const struct tag_list *tags,
			   char ***v, size_t *n,
			   struct trc_error *err) TRC_WARN_UNUSED;

#endif
