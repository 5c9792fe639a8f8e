/*
 * tagimport.c - the common part of every tag import: mapping categories and
 * confidence levels, normalising addresses with the chain's codec, sorting
 * out duplicates, and writing what is new in one batch.
 */
#include "tracer/tags/tagimport.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/num.h"
#include "chains/chain.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "tracer/tags/tagimport_readers.h"
#include "tracer/tags/tagnet.h"
#include "tracer/tags/tagrule.h"

/* One accepted entry waiting to be written. */
struct pending {
	struct tag tag;
	unsigned line;
	char *where;
};

struct tagimport_run {
	struct store *store;
	const char *name;
	const struct tagimport_opts *opts;
	struct tagimport_counts *counts;
	tagimport_reject_fn reject;
	void *ctx;
	struct pending *items;
	size_t n, alloc;
	struct tagnet nets; /* the database's network per chain */
	char *used[256];    /* the one non-default network used */
	bool mixed[256];    /* several non-default networks used */
	enum trc_err fatal; /* a database error reading a network */
	struct trc_error fatal_err;
};

/* ---- vocabularies ---- */

struct name_map {
	const char *name;
	enum tag_category cat;
};

/* GraphSense's entity concepts (INTERPOL Dark Web and Virtual Assets
 * taxonomy) next to tracer's own names; docs/tags.md has the table. */
static const struct name_map category_map[] = {
	{ "exchange", TAG_EXCHANGE },
	{ "atm", TAG_EXCHANGE },
	{ "deposit", TAG_DEPOSIT },
	{ "mixer", TAG_MIXER },
	{ "mixing_service", TAG_MIXER },
	{ "coinjoin", TAG_MIXER },
	{ "bridge", TAG_BRIDGE },
	{ "defi_bridge", TAG_BRIDGE },
	{ "service", TAG_SERVICE },
	{ "wallet_service", TAG_SERVICE },
	{ "escrow_wallet", TAG_SERVICE },
	{ "ico_wallet", TAG_SERVICE },
	{ "market", TAG_SERVICE },
	{ "shop", TAG_SERVICE },
	{ "gambling", TAG_SERVICE },
	{ "miner", TAG_SERVICE },
	{ "mining_service", TAG_SERVICE },
	{ "payment_processor", TAG_SERVICE },
	{ "faucet", TAG_SERVICE },
	{ "hosting", TAG_SERVICE },
	{ "vpn", TAG_SERVICE },
	{ "filesharing", TAG_SERVICE },
	{ "index", TAG_SERVICE },
	{ "messaging_service", TAG_SERVICE },
	{ "search_engine", TAG_SERVICE },
	{ "hacker", TAG_HACKER },
	{ "perpetrator", TAG_HACKER },
	{ "ransomware", TAG_RANSOMWARE },
	{ "sanctioned", TAG_SANCTIONED },
	{ "scam", TAG_SCAM },
	{ "dex", TAG_DEX },
	{ "defi_dex", TAG_DEX },
	{ "defi", TAG_DEFI },
	{ "defi_lending", TAG_DEFI },
	{ "defi_derivative", TAG_DEFI },
	{ "other", TAG_OTHER },
	{ "user", TAG_OTHER },
	{ "organization", TAG_OTHER },
	{ "victim", TAG_OTHER },
	{ "donation", TAG_OTHER },
	{ "cold_wallet", TAG_OTHER },
	{ "entity", TAG_OTHER },
	{ "item", TAG_OTHER },
	{ "collectible", TAG_OTHER },
	{ "unknown", TAG_OTHER },
	{ NULL, TAG_NONE },
};

static const struct name_map abuse_map[] = {
	{ "sanction", TAG_SANCTIONED },	  { "sanctioned", TAG_SANCTIONED },
	{ "ransomware", TAG_RANSOMWARE }, { "service_hack", TAG_HACKER },
	{ "hack", TAG_HACKER },		  { "scam", TAG_SCAM },
	{ "phishing", TAG_SCAM },	  { "investment_fraud", TAG_SCAM },
	{ "ponzi_scheme", TAG_SCAM },	  { "pyramid_scheme", TAG_SCAM },
	{ "extortion", TAG_SCAM },	  { "sextortion", TAG_SCAM },
	{ "terrorism", TAG_OTHER },	  { "extremism", TAG_OTHER },
	{ "dark_web", TAG_OTHER },	  { NULL, TAG_NONE },
};

/* GraphSense's confidence levels; the forensic_investigation is
 * GraphSense's older name of a 70 level. */
static const struct {
	const char *name;
	int level;
} confidence_levels[] = {
	{ "override", 100 },
	{ "ownership", 100 },
	{ "manual_transaction", 90 },
	{ "forensic_investigation", 70 },
	{ "service_api", 70 },
	{ "authority_data", 60 },
	{ "trusted_provider", 50 },
	{ "service_data", 50 },
	{ "forensic", 50 },
	{ "untrusted_transaction", 40 },
	{ "web_crawl", 20 },
	{ "heuristic", 10 },
	{ "unknown", 5 },
	{ NULL, 0 },
};

static enum tag_category map_name(const struct name_map *m, const char *s)
{
	for (; s && m->name; m++)
		if (!strcasecmp(m->name, s))
			return m->cat;
	return TAG_NONE;
}

enum tag_category tagimport_map_category(const char *name)
{
	return map_name(category_map, name);
}

enum tag_category tagimport_map_abuse(const char *name)
{
	return map_name(abuse_map, name);
}

int tagimport_parse_confidence(const char *s)
{
	uint64_t v;

	if (s && *s >= '0' && *s <= '9')
		return num_parse_u64(s, 0, 100, &v, NULL) ? -1 : (int)v;
	for (size_t i = 0; s && confidence_levels[i].name; i++)
		if (!strcasecmp(confidence_levels[i].name, s))
			return confidence_levels[i].level;
	return -1;
}

enum tagimport_format tagimport_format_from_name(const char *name)
{
	static const char *const names[] = { "", "tagpack", "csv", "list",
					     "json" };

	for (int i = 1; name && i < 5; i++)
		if (!strcmp(name, names[i]))
			return (enum tagimport_format)i;
	return TAGIMPORT_AUTO;
}

enum tagimport_format tagimport_format_guess(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && strchr(dot, '/'))
		dot = NULL;
	if (dot && (!strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml")))
		return TAGIMPORT_TAGPACK;
	if (dot && !strcasecmp(dot, ".csv"))
		return TAGIMPORT_CSV;
	if (dot && !strcasecmp(dot, ".json"))
		return TAGIMPORT_JSON;
	return TAGIMPORT_LIST;
}

enum trc_err tagimport_normalize(const char *chain, const char *network,
				 const char *in, char *out, size_t size,
				 struct trc_error *err)
{
	const struct chain_ops *ops = chain_find(chain);

	if (size)
		out[0] = 0;
	if (!ops || !ops->address_normalize) {
		if (chain_from_name(chain) == CHAIN_NONE)
			return trc_fail(err, TRC_ERR_UNSUPPORTED,
					"unknown chain '%.40s' (known: %s)",
					chain, chain_names());
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"chain '%s' has no address codec in this "
				"build",
				chain);
	}
	if (network && ops->network_valid && !ops->network_valid(network))
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown %s network '%.40s'", chain, network);
	return ops->address_normalize(network ? network : ops->default_network,
				      in, out, size, err);
}

/* ---- the run ---- */

const char *tagimport_name(const struct tagimport_run *run)
{
	return run->name;
}

void tagimport_reject(struct tagimport_run *run, unsigned line,
		      const char *where, const char *fmt, ...)
{
	char reason[TRC_ERROR_MSG_MAX], full[TRC_ERROR_MSG_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	run->counts->rejected++;
	if (!run->reject)
		return;
	if (where)
		snprintf(full, sizeof(full), "%s: %s", where, reason);
	else
		snprintf(full, sizeof(full), "%s", reason);
	run->reject(run->ctx, run->name, line, full);
}

/* Counts a skipped entry under its reason; past the first 15 reasons, the
 * last slot collects the rest. */
static void count_skip(struct tagimport_run *run, const char *reason)
{
	struct tagimport_counts *c = run->counts;
	size_t i;

	c->skipped++;
	for (i = 0; i < c->n_skip; i++)
		if (!strcmp(c->skip[i].reason, reason))
			break;
	if (i == c->n_skip && c->n_skip < TAGIMPORT_SKIP_REASONS - 1) {
		snprintf(c->skip[i].reason, sizeof(c->skip[i].reason), "%s",
			 reason);
		c->n_skip++;
	} else if (i == c->n_skip) {
		i = TAGIMPORT_SKIP_REASONS - 1;
		snprintf(c->skip[i].reason, sizeof(c->skip[i].reason), "%s",
			 "other reasons");
		c->n_skip = TAGIMPORT_SKIP_REASONS;
	}
	c->skip[i].n++;
}

/*
 * Which tracer chain a TagPack currency (or network) symbol names: the
 * codes of GraphSense's tagpack tool (KNOWN_CURRENCIES, KNOWN_NETWORKS:
 * BTC/XBT, ETH, TRX, LTC, BCH, BSC, MATIC, ARB, OP), the token standard
 * Binance's own pack writes for BSC (BEP20), and the coins' symbols for
 * the EVM networks GraphSense has no code for yet (AVAX, BASE, POL, BNB,
 * DOGE). docs/tags.md has the table. BNB names BSC only for a 0x
 * address: a bnb1 one is on the (retired) Beacon Chain, which tracer does
 * not follow. NULL: a currency tracer does not follow.
 */
static const char *chain_of_currency(const char *sym, const char *address)
{
	static const struct {
		const char *sym, *chain;
	} map[] = {
		{ "BTC", "btc" },      { "XBT", "btc" },
		{ "ETH", "eth" },      { "TRX", "tron" },
		{ "LTC", "ltc" },      { "BCH", "bch" },
		{ "DOGE", "doge" },    { "BSC", "bsc" },
		{ "BEP20", "bsc" },    { "MATIC", "polygon" },
		{ "POL", "polygon" },  { "AVAX", "avax" },
		{ "ARB", "arbitrum" }, { "OP", "optimism" },
		{ "BASE", "base" },
	};

	if (!strcasecmp(sym, "BNB"))
		return address && !strncasecmp(address, "0x", 2) ? "bsc" : NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcasecmp(sym, map[i].sym))
			return map[i].chain;
	return NULL;
}

/*
 * The category of an entry: a service category (where a trace stops)
 * wins over an abuse, because the funds did reach that service; otherwise
 * the abuse (sanction, ransomware, ...) says more than "user".
 * Returns TAG_NONE after rejecting the entry.
 */
static enum tag_category entry_category(struct tagimport_run *run,
					const struct tagraw *r)
{
	const char *cname = r->category ? r->category : run->opts->category;
	enum tag_category cat = TAG_NONE, abuse = TAG_NONE;

	if (cname && (cat = tagimport_map_category(cname)) == TAG_NONE) {
		tagimport_reject(run, r->line, r->where,
				 "unknown category '%.40s' (see docs/tags.md)",
				 cname);
		return TAG_NONE;
	}
	if (r->abuse && (abuse = tagimport_map_abuse(r->abuse)) == TAG_NONE) {
		tagimport_reject(run, r->line, r->where,
				 "unknown abuse '%.40s' (see docs/tags.md)",
				 r->abuse);
		return TAG_NONE;
	}
	if (cat != TAG_NONE && (tag_category_is_service(cat) || !abuse))
		return cat;
	return abuse != TAG_NONE ? abuse : TAG_OTHER;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* Keeps the network an accepted entry was read for, when it is not the
 * chain's default: an empty database then records it (apply_all). */
static void note_network(struct tagimport_run *run, uint8_t chain,
			 const char *net)
{
	const struct chain_ops *ops = chain_by_id(chain);

	if (!net || !ops || !strcmp(net, ops->default_network) ||
	    run->mixed[chain])
		return;
	if (!run->used[chain])
		run->used[chain] = strdup(net);
	else if (strcmp(run->used[chain], net))
		run->mixed[chain] = true;
}

/* Fills t's strings; returns false after rejecting the entry. */
static bool entry_strings(struct tagimport_run *run, const struct tagraw *r,
			  const char *chain, struct tag *t)
{
	char addr[CHAIN_ADDR_MAX];
	struct trc_error e = TRC_ERROR_INIT;
	const char *entity = r->entity ? r->entity : run->opts->entity;
	const char *source = r->source ? r->source : run->opts->source;
	const char *actor = r->actor ? r->actor : run->opts->actor;

	if (!source)
		source = base_name(run->name);
	if (!r->address || !*r->address) {
		tagimport_reject(run, r->line, r->where, "no address");
		return false;
	}
	const char *net = r->network ? r->network : run->opts->network;

	if (!net && !run->fatal &&
	    (run->fatal = tagnet_default(&run->nets, t->chain, &net,
					 &run->fatal_err)))
		return false;
	if (tagimport_normalize(chain, net, r->address, addr, sizeof(addr),
				&e)) {
		/* out of memory is not the entry's fault: t->address stays
		 * NULL, which the caller reports as TRC_ERR_NOMEM */
		if (e.code == TRC_ERR_NOMEM)
			return true;
		/* the codec's message usually names the address already */
		if (strstr(e.msg, r->address))
			tagimport_reject(run, r->line, r->where, "%s: %s",
					 chain, e.msg);
		else
			tagimport_reject(run, r->line, r->where,
					 "%s address '%.90s': %s", chain,
					 r->address, e.msg);
		return false;
	}
	{
		/* borrowed view for the rule; copied below */
		struct tag v = { .chain = t->chain,
				 .address = addr,
				 .entity = (char *)entity,
				 .source = (char *)source,
				 .actor = (char *)actor,
				 .evidence = (char *)r->evidence };

		if (tagrule_check(&v, &e)) {
			tagimport_reject(run, r->line, r->where, "'%s': %s",
					 addr, e.msg);
			return false;
		}
	}
	note_network(run, t->chain, net);
	t->address = strdup(addr);
	t->entity = strdup(entity);
	t->source = strdup(source);
	t->actor = actor && *actor ? strdup(actor) : NULL;
	t->evidence = r->evidence && *r->evidence ? strdup(r->evidence) : NULL;
	return true;
}

static bool entry_flags(struct tagimport_run *run, const struct tagraw *r,
			struct tag *t)
{
	int conf = run->opts->confidence >= 0 ? run->opts->confidence
					      : TAGIMPORT_DEFAULT_CONFIDENCE;

	if (r->confidence &&
	    (conf = tagimport_parse_confidence(r->confidence)) < 0) {
		tagimport_reject(run, r->line, r->where,
				 "bad confidence '%.40s' (0 to 100 or a "
				 "GraphSense level name)",
				 r->confidence);
		return false;
	}
	t->confidence = (uint8_t)conf;
	if (!r->inferred || !strcmp(r->inferred, "false") ||
	    !strcmp(r->inferred, "0") || !*r->inferred)
		return true;
	if (strcmp(r->inferred, "true") && strcmp(r->inferred, "1")) {
		tagimport_reject(run, r->line, r->where,
				 "bad inferred '%.20s' (true or false)",
				 r->inferred);
		return false;
	}
	t->inferred = true;
	return true;
}

static enum trc_err push(struct tagimport_run *run, struct tag *t,
			 const struct tagraw *r)
{
	struct pending *p;

	if (run->n == TAGIMPORT_ENTRIES_MAX)
		return TRC_ERR_TOOBIG;
	if (run->n == run->alloc) {
		size_t want = run->alloc ? run->alloc * 2 : 64;

		p = realloc(run->items, want * sizeof(*p));
		if (!p)
			return TRC_ERR_NOMEM;
		run->items = p;
		run->alloc = want;
	}
	p = &run->items[run->n];
	p->tag = *t;
	p->line = r->line;
	p->where = NULL;
	if (r->where && !(p->where = strdup(r->where)))
		return TRC_ERR_NOMEM;
	run->n++;
	tag_init(t);
	return TRC_OK;
}

enum trc_err tagimport_emit(struct tagimport_run *run, const struct tagraw *r)
{
	struct tag t = TAG_INIT;
	const char *chain = r->chain ? r->chain : run->opts->chain;
	char reason[48];
	enum trc_err rc;

	if (!r->chain && r->currency) {
		if (!(chain = chain_of_currency(r->currency, r->address))) {
			snprintf(reason, sizeof(reason), "currency %.20s",
				 r->currency);
			count_skip(run, reason);
			return TRC_OK;
		}
		/* a chain of the table that this build does not store yet */
		if (chain_from_name(chain) == CHAIN_NONE) {
			tagimport_reject(run, r->line, r->where,
					 "currency %.20s: chain '%s' is not "
					 "supported yet (known: %s)",
					 r->currency, chain, chain_names());
			return TRC_OK;
		}
	}
	if (!chain || !*chain) {
		tagimport_reject(run, r->line, r->where,
				 "no chain (give --chain or a currency)");
		return TRC_OK;
	}
	t.chain = (uint8_t)chain_from_name(chain);
	if (t.chain == CHAIN_NONE) {
		tagimport_reject(run, r->line, r->where,
				 "unknown chain '%.40s' (known: %s)", chain,
				 chain_names());
		return TRC_OK;
	}
	if ((t.category = (uint8_t)entry_category(run, r)) == TAG_NONE ||
	    !entry_flags(run, r, &t) || !entry_strings(run, r, chain, &t)) {
		tag_release(&t);
		return TRC_OK;
	}
	if (!t.address || !t.entity || !t.source) {
		tag_release(&t);
		return TRC_ERR_NOMEM;
	}
	rc = push(run, &t, r);
	tag_release(&t);
	return rc;
}

/* ---- writing ---- */

/* By key, then in input order, so the first of duplicates comes first. */
static int pending_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	int c = tagrule_key_cmp(&x->tag, &y->tag);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Counts p against what the store holds for its address (list, key
 * order does not matter) and adds it to batch when it changes something. */
static enum trc_err apply_one(struct tagimport_run *run,
			      const struct pending *p,
			      const struct tag_list *stored,
			      struct store_batch *batch, struct trc_error *err)
{
	switch (tagrule_compare(stored, &p->tag)) {
	case TAGRULE_UNCHANGED:
		run->counts->unchanged++;
		return TRC_OK;
	case TAGRULE_UPDATED:
		run->counts->updated++;
		break;
	case TAGRULE_NEW:
		run->counts->imported++;
		break;
	}
	return tags_put(batch, &p->tag, err);
}

/* Within one input, a second entry for the same key is a duplicate when
 * it says the same, and a conflict (rejected) when it does not. */
static bool is_duplicate(struct tagimport_run *run, const struct pending *prev,
			 const struct pending *p)
{
	char at[32];

	if (!prev || tagrule_key_cmp(&prev->tag, &p->tag))
		return false;
	if (tagrule_same_values(&prev->tag, &p->tag)) {
		count_skip(run, "duplicate entry");
		return true;
	}
	if (prev->where)
		snprintf(at, sizeof(at), "%.30s", prev->where);
	else
		snprintf(at, sizeof(at), "line %u", prev->line);
	tagimport_reject(run, p->line, p->where,
			 "'%s': conflicts with %s (same address, source and "
			 "entity, other values)",
			 p->tag.address, at);
	return true;
}

/*
 * A database that records no network for chain takes the one its
 * imported tags were read for (one network besides the default), so that
 * the next command reads addresses for it and an export names it again.
 */
static enum trc_err record_network(struct tagimport_run *run, uint8_t chain,
				   struct store_batch *batch,
				   struct trc_error *err)
{
	const char *db;
	enum trc_err rc;

	if (!run->used[chain] || run->mixed[chain])
		return TRC_OK;
	if ((rc = tagnet_db(&run->nets, chain, &db, err)) || db)
		return rc;
	return chaindb_put_network(batch, chain, run->used[chain], err);
}

static enum trc_err apply_all(struct tagimport_run *run, struct trc_error *err)
{
	struct store_batch *batch = store_batch_new();
	struct tag_list stored = TAG_LIST_INIT;
	const struct pending *prev = NULL, *first = NULL;
	enum trc_err rc = TRC_OK;

	if (!batch)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (run->n > 1)
		qsort(run->items, run->n, sizeof(*run->items), pending_cmp);
	for (size_t i = 0; i < run->n && !rc; i++) {
		const struct pending *p = &run->items[i];

		if (is_duplicate(run, first, p))
			continue;
		first = p;
		if (!prev || prev->tag.chain != p->tag.chain ||
		    strcmp(prev->tag.address, p->tag.address)) {
			tag_list_release(&stored);
			rc = tags_get(run->store, p->tag.chain, p->tag.address,
				      &stored, err);
		}
		prev = p;
		if (!rc)
			rc = apply_one(run, p, &stored, batch, err);
	}
	for (unsigned c = 0; c < 256 && !rc; c++)
		rc = record_network(run, (uint8_t)c, batch, err);
	if (!rc && store_batch_count(batch))
		rc = store_batch_commit(run->store, batch, err);
	tag_list_release(&stored);
	store_batch_free(batch);
	return rc;
}

static void run_release(struct tagimport_run *run)
{
	for (size_t i = 0; i < run->n; i++) {
		tag_release(&run->items[i].tag);
		free(run->items[i].where);
	}
	free(run->items);
	run->items = NULL;
	run->n = run->alloc = 0;
	for (size_t c = 0; c < 256; c++) {
		free(run->used[c]);
		run->used[c] = NULL;
	}
	tagnet_release(&run->nets);
}

static enum trc_err read_input(struct tagimport_run *run,
			       enum tagimport_format format, const char *data,
			       size_t len, struct trc_error *err)
{
	switch (format) {
	case TAGIMPORT_TAGPACK:
		return tagimport_read_tagpack(run, data, len, err);
	case TAGIMPORT_CSV:
		return tagimport_read_csv(run, data, len, err);
	case TAGIMPORT_JSON:
		return tagimport_read_json(run, data, len, err);
	case TAGIMPORT_LIST:
	case TAGIMPORT_AUTO:
	default:
		return tagimport_read_list(run, data, len, err);
	}
}

enum trc_err tagimport_buffer(struct store *s, const char *name,
			      const char *data, size_t len,
			      const struct tagimport_opts *opts,
			      struct tagimport_counts *counts,
			      tagimport_reject_fn reject, void *ctx,
			      struct trc_error *err)
{
	struct tagimport_run run = { .store = s,
				     .name = name,
				     .opts = opts,
				     .counts = counts,
				     .reject = reject,
				     .ctx = ctx };
	enum tagimport_format format = opts->format;
	enum trc_err rc;

	memset(counts, 0, sizeof(*counts));
	if (format == TAGIMPORT_AUTO)
		format = tagimport_format_guess(name);
	if (format == TAGIMPORT_LIST &&
	    (!opts->chain || !opts->entity || !opts->category))
		return trc_fail(err, TRC_ERR_INVALID,
				"'%s': an address list needs --chain, --entity "
				"and --category",
				name);
	if (opts->chain && chain_from_name(opts->chain) == CHAIN_NONE)
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown chain '%.40s' (known: %s)",
				opts->chain, chain_names());
	if (opts->category &&
	    tagimport_map_category(opts->category) == TAG_NONE)
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown category '%.40s' (see docs/tags.md)",
				opts->category);
	tagnet_init(&run.nets, s);
	rc = read_input(&run, format, data, len, err);
	if (!rc && run.fatal) {
		rc = run.fatal;
		if (err)
			*err = run.fatal_err;
	}
	if (rc == TRC_ERR_NOMEM)
		trc_fail(err, rc, "out of memory reading '%s'", name);
	else if (rc == TRC_ERR_TOOBIG)
		trc_fail(err, rc, "'%s' has more than %d entries", name,
			 TAGIMPORT_ENTRIES_MAX);
	if (!rc)
		rc = apply_all(&run, err);
	run_release(&run);
	if (rc) {
		size_t rejected = counts->rejected;

		memset(counts, 0, sizeof(*counts));
		counts->rejected = rejected;
	}
	return rc;
}

enum trc_err tagimport_file(struct store *s, const char *path,
			    const struct tagimport_opts *opts,
			    struct tagimport_counts *counts,
			    tagimport_reject_fn reject, void *ctx,
			    struct trc_error *err)
{
	struct buf b = BUF_INIT(TAGIMPORT_FILE_MAX);
	struct tagimport_opts o = *opts;
	enum trc_err rc;

	memset(counts, 0, sizeof(*counts));
	if (o.format == TAGIMPORT_AUTO)
		o.format = tagimport_format_guess(path);
	rc = buf_read_file(&b, path, err);
	if (!rc)
		rc = tagimport_buffer(s, path, buf_str(&b), b.len, &o, counts,
				      reject, ctx, err);
	buf_release(&b);
	return rc;
}

/* Defined in build/gen/builtin_tags.c, generated from
 * tracer/tags/builtin-tags.csv by the Makefile. */
extern const unsigned char tagimport_builtin_data[];
extern const size_t tagimport_builtin_size;

const char *tagimport_builtin_csv(size_t *len)
{
	*len = tagimport_builtin_size;
	return (const char *)tagimport_builtin_data;
}
