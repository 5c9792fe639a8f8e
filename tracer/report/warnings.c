#include "tracer/report/warnings.h"

#include <stdio.h>
#include <string.h>

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
	else if (!r->n_exits)
		snprintf(msg, sizeof(msg),
			 "no tainted funds reached an exit "
			 "(a tagged exchange, deposit, mixer, bridge or "
			 "service): see the held and unresolved funds, raise "
			 "--hops, or tag more addresses");
	else
		return TRC_OK;
	return strv_push(v, n, msg, err);
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

static bool is_actor(uint8_t category)
{
	return category == TAG_HACKER || category == TAG_RANSOMWARE ||
	       category == TAG_SCAM;
}

/* "exchange (Binance, SOURCE)" */
static void tag_phrase(char *out, size_t size, const struct tag *t)
{
	snprintf(out, size, "%s (%s, %s)", tag_category_name(t->category),
		 t->entity ? t->entity : "", t->source ? t->source : "");
}

enum trc_err warnings_tags(const char *chain, const struct tag_list *tags,
			   char ***v, size_t *n, struct trc_error *err)
{
	const struct tag *actor = NULL, *stop = NULL;
	char a[200], b[200], msg[640];

	for (size_t i = 0; i < tags->n; i++) {
		const struct tag *t = &tags->items[i];

		if (!actor && is_actor(t->category))
			actor = t;
		if (!stop && tag_category_is_service(t->category))
			stop = t;
	}
	if (!actor || !stop)
		return TRC_OK;
	tag_phrase(a, sizeof(a), &tags->items[0]);
	tag_phrase(b, sizeof(b), &tags->items[0] == actor ? stop : actor);
	snprintf(msg, sizeof(msg),
		 "'%s' has conflicting tags: %s and %s; tracing uses %s "
		 "(the deciding tag): check them with tracer tag show "
		 "--chain %s %s",
		 actor->address, a, b,
		 tag_category_name(tags->items[0].category), chain,
		 actor->address);
	return strv_push(v, n, msg, err);
}
