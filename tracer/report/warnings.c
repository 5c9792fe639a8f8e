#include "tracer/report/warnings.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/amount.h"
#include "base/strv.h"

static bool nothing_seeded(const struct trace_result *r)
{
	for (size_t i = 0; i < r->n_assets; i++)
		if (!amount_is_zero(r->assets[i].seed_total))
			return false;
	return true;
}

/* The first seed address (the form `crawl --follow --seed` takes). */
static const char *first_seed(const struct trace_result *r)
{
	return r->n_seeds ? r->seeds[0] : "ADDR";
}

/* The conflicting tags of every address the taint reached. */
static enum trc_err nodes_tags(const struct trace_result *r, const char *chain,
			       char ***v, size_t *n, struct trc_error *err)
{
	for (size_t i = 0; i < r->n_nodes; i++)
		if (warnings_tags(chain, &r->nodes[i].tags, v, n, err))
			return TRC_ERR_NOMEM;
	return TRC_OK;
}

/* Every exit at a bridge: the funds go on on another chain, and a stated
 * link (or one a protocol proves) lets the trace follow them there. */
static enum trc_err bridge_exits(const struct trace_result *r,
				 const char *chain, char ***v, size_t *n,
				 struct trc_error *err)
{
	for (size_t i = 0; i < r->n_exits; i++) {
		const struct trace_exit *x = &r->exits[i];
		const struct trace_asset *a = &r->assets[x->asset];
		char msg[1024], amt[AMOUNT_STR_MAX];

		if (x->category != TAG_BRIDGE)
			continue;
		/* a token of unknown decimals: its base units */
		amount_format(amt, sizeof(amt), x->amount,
			      a->decimals < 0 ? 0 : (unsigned)a->decimals,
			      true);
		snprintf(
			msg, sizeof(msg),
			"%s %s%s reached the bridge %s at %s (%s%s): the funds "
			"go on on another chain; where they came out is "
			"followed once it is stated: tracer case link CASE "
			"--from %s:TXID:N --to CHAIN:TXID:N "
			"(docs/crosschain.md)",
			amt, a->decimals < 0 ? "base units of " : "", a->asset,
			x->entity && *x->entity ? x->entity : "(unnamed)",
			x->address,
			x->n_txids ? "received in " : "no receiving tx",
			x->n_txids ? x->txids[0] : "", chain);
		if (strv_push(v, n, msg, err))
			return TRC_ERR_NOMEM;
	}
	return TRC_OK;
}

enum trc_err warnings_swap(const struct trace_exit *x, const char *chain,
			   const char *asset, const char *dest,
			   const char *dest_chain, char ***v, size_t *n,
			   struct trc_error *err)
{
	char msg[1024], next[512];

	if (!dest_chain)
		snprintf(next, sizeof(next),
			 "a chain tracer does not read: the trace ends there");
	else if (!*dest)
		snprintf(next, sizeof(next),
			 "crawl %s where it was paid out (the memo names no "
			 "address: back to the sender)",
			 dest_chain);
	else
		snprintf(next, sizeof(next),
			 "crawl it next: tracer crawl %s SOURCE --follow "
			 "--seed %s",
			 dest_chain, dest);
	snprintf(msg, sizeof(msg),
		 "the THORChain memo of %s (%s, to %s) swaps to %s at %s, and "
		 "the database holds no outbound whose memo names it "
		 "(OUT:<hash>): %s (docs/thorchain.md)",
		 x->n_txids ? x->txids[0] : "?", chain, x->address, asset,
		 *dest ? dest : "the sender", next);
	return strv_push(v, n, msg, err);
}

enum trc_err warnings_trace(const struct trace_result *r, const char *chain,
			    char ***v, size_t *n, struct trc_error *err)
{
	char msg[512];

	if (nothing_seeded(r) && r->since != TRACE_TIME_NONE)
		snprintf(msg, sizeof(msg),
			 "the seeds received nothing in "
			 "this database from --since on: give an earlier "
			 "--since, or crawl the blocks that paid them");
	else if (nothing_seeded(r))
		snprintf(msg, sizeof(msg),
			 "the seeds have no transaction in "
			 "this database (never seen, or not crawled): crawl "
			 "them first: tracer crawl %s SOURCE --follow --seed "
			 "%s",
			 chain, first_seed(r));
	else if (!r->n_exits && !r->n_converted) /* a link is no dead end */
		snprintf(msg, sizeof(msg),
			 "no tainted funds reached an exit "
			 "(a tagged exchange, deposit, mixer, bridge or "
			 "service): see the held and unresolved funds, raise "
			 "--hops, or tag more addresses");
	else if (bridge_exits(r, chain, v, n, err))
		return TRC_ERR_NOMEM;
	else
		return nodes_tags(r, chain, v, n, err);
	if (strv_push(v, n, msg, err))
		return TRC_ERR_NOMEM;
	return nodes_tags(r, chain, v, n, err);
}

enum trc_err warnings_address(const char *chain, const char *address,
			      uint64_t tx_count, char ***v, size_t *n,
			      struct trc_error *err)
{
	char msg[512];

	if (tx_count)
		return TRC_OK;
	snprintf(msg, sizeof(msg),
		 "the database has no transaction of '%s' "
		 "(never seen, or not crawled): crawl it: tracer crawl %s "
		 "SOURCE --follow --seed %s",
		 address, chain, address);
	return strv_push(v, n, msg, err);
}

/* The categories of whoever the funds are traced from or a sanction
 * names: a tag of one beside a tag a trace stops at is a conflict. */
static bool is_actor(uint8_t category)
{
	return category == TAG_HACKER || category == TAG_RANSOMWARE ||
	       category == TAG_SCAM || category == TAG_SANCTIONED;
}

static bool named(const struct tag *t)
{
	return t->entity && *t->entity;
}

/* x and y say different things of one address: an actor and a service,
 * or two entities (compared without regard to case). */
static bool conflict(const struct tag *x, const struct tag *y)
{
	if ((is_actor(x->category) && tag_category_is_service(y->category)) ||
	    (is_actor(y->category) && tag_category_is_service(x->category)))
		return true;
	return named(x) && named(y) && strcasecmp(x->entity, y->entity);
}

/* "exchange (Binance, SOURCE)" */
static void tag_phrase(char *out, size_t size, const struct tag *t)
{
	snprintf(out, size, "%s (%s, %s)", tag_category_name(t->category),
		 t->entity ? t->entity : "", t->source ? t->source : "");
}

/* Why d goes before o in tags_get's order (store/tags.h), in words. */
static void rank_phrase(char *out, size_t size, const struct tag *d,
			const struct tag *o)
{
	int cmp;

	switch (tag_rank_cmp(d, o, &cmp)) {
	case TAG_RANK_CONFIDENCE:
		snprintf(out, size, "the higher confidence (%u over %u)",
			 d->confidence, o->confidence);
		break;
	case TAG_RANK_SERVICE:
		snprintf(out, size,
			 "equal confidence (%u), and a category a trace "
			 "stops at goes first",
			 d->confidence);
		break;
	case TAG_RANK_CATEGORY:
		snprintf(out, size,
			 "equal confidence (%u), and %s goes before %s in "
			 "the category order",
			 d->confidence, tag_category_name(d->category),
			 tag_category_name(o->category));
		break;
	case TAG_RANK_SOURCE:
		snprintf(out, size,
			 "equal confidence (%u) and category, and the source "
			 "'%s' sorts before '%s'",
			 d->confidence, d->source, o->source);
		break;
	case TAG_RANK_ENTITY:
	case TAG_RANK_SAME:
		snprintf(out, size,
			 "equal confidence (%u), category and source, and "
			 "the entity '%s' sorts before '%s'",
			 d->confidence, d->entity, o->entity);
		break;
	}
}

/* The first pair (i, j), i < j, of tags that conflict, the deciding tag
 * (i = 0) first. Returns false when none do. */
static bool find_conflict(const struct tag_list *tags, size_t *i, size_t *j)
{
	for (*i = 0; *i < tags->n; (*i)++)
		for (*j = *i + 1; *j < tags->n; (*j)++)
			if (conflict(&tags->items[*i], &tags->items[*j]))
				return true;
	return false;
}

bool warnings_tag_conflict(const struct tag_list *tags, char *out, size_t size)
{
	const struct tag *d = tags->n ? &tags->items[0] : NULL;
	char a[560], b[560], dp[560], why[600];
	size_t i, j;

	if (size)
		*out = '\0';
	if (!d || !find_conflict(tags, &i, &j))
		return false;
	tag_phrase(a, sizeof(a), &tags->items[i]);
	tag_phrase(b, sizeof(b), &tags->items[j]);
	tag_phrase(dp, sizeof(dp), d);
	rank_phrase(why, sizeof(why), d, &tags->items[i ? i : j]);
	snprintf(out, size, "%s and %s; tracing uses %s, by %s", a, b, dp, why);
	return true;
}

enum trc_err warnings_tags(const char *chain, const struct tag_list *tags,
			   char ***v, size_t *n, struct trc_error *err)
{
	char what[WARNINGS_CONFLICT_MAX], msg[WARNINGS_CONFLICT_MAX + 400];

	if (!warnings_tag_conflict(tags, what, sizeof(what)))
		return TRC_OK;
	snprintf(msg, sizeof(msg),
		 "'%s' has conflicting tags: %s; check them with tracer "
		 "tag show --chain %s %s",
		 tags->items[0].address, what, chain, tags->items[0].address);
	return strv_push(v, n, msg, err);
}
