/*
 * The CSV report: one table in long form, a row per figure, so that a
 * spreadsheet or a script can filter by section. Columns:
 *
 *   case,section,asset,key,entity,category,inferred,address,txid,amount,
 *   formatted,share,first_time,last_time,hops,value,detail,provenance
 *
 * amount is in base units (as `tracer trace --json`), formatted with the
 * asset's decimals. Fields from outside are quoted and protected against
 * spreadsheet formulas (esc_csv with spreadsheet set).
 */
#include "tracer/render/report_esc.h"
#include "tracer/report/report.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "base/date.h"
#include "store/record.h"

enum col {
	C_CASE,
	C_SECTION,
	C_ASSET,
	C_KEY,
	C_ENTITY,
	C_CATEGORY,
	C_INFERRED,
	C_ADDRESS,
	C_TXID,
	C_AMOUNT,
	C_FORMATTED,
	C_SHARE,
	C_FIRST,
	C_LAST,
	C_HOPS,
	C_VALUE,
	C_DETAIL,
	C_PROV,
	C_COUNT
};

static const char *const header[C_COUNT] = {
	"case",	      "section",   "asset", "key",    "entity",	   "category",
	"inferred",   "address",   "txid",  "amount", "formatted", "share",
	"first_time", "last_time", "hops",  "value",  "detail",	   "provenance",
};

struct row {
	char cell[C_COUNT][AMOUNT_STR_MAX + 48];
	const char *big[C_COUNT]; /* long strings, borrowed */
};

static void row_init(struct row *w, const char *kase, const char *section)
{
	memset(w, 0, sizeof(*w));
	w->big[C_CASE] = kase;
	w->big[C_SECTION] = section;
}

static void put(struct row *w, enum col c, const char *s)
{
	w->big[c] = s;
}

static void putf(struct row *w, enum col c, const char *fmt, ...)
	TRC_PRINTF(3, 4);

static void putf(struct row *w, enum col c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->cell[c], sizeof(w->cell[c]), fmt, ap);
	va_end(ap);
	w->big[c] = w->cell[c];
}

static void emit(FILE *f, const struct row *w)
{
	for (int c = 0; c < C_COUNT; c++) {
		if (c)
			fputc(',', f);
		esc_csv(f, w->big[c] ? w->big[c] : "", true);
	}
	fputc('\n', f);
}

static void put_amount(struct row *w, const struct trace_result *res,
		       uint32_t a, trc_amount v)
{
	amount_format(w->cell[C_AMOUNT], sizeof(w->cell[C_AMOUNT]), v, 0,
		      false);
	w->big[C_AMOUNT] = w->cell[C_AMOUNT];
	report_amount(w->cell[C_FORMATTED], sizeof(w->cell[C_FORMATTED]), res,
		      a, v);
	w->big[C_FORMATTED] = w->cell[C_FORMATTED];
	put(w, C_ASSET, res->assets[a].asset);
}

/* The share of the seed total, empty where none is given (the seed
 * total is 0, or poison's exposure: report_seed_share's "-"). */
static void put_share(struct row *w, const struct trace_result *res,
		      uint32_t asset, trc_amount part)
{
	report_seed_share(w->cell[C_SHARE], sizeof(w->cell[C_SHARE]), res,
			  asset, part);
	if (strcmp(w->cell[C_SHARE], "-"))
		put(w, C_SHARE, w->cell[C_SHARE]);
}

static void summary(FILE *f, const struct report_case *c)
{
	static const char *const keys[] = { "seed_total", "exits_total", "held",
					    "fees", "unresolved" };
	const struct trace_result *res = c->res;
	struct row w;

	for (uint32_t a = 0; a < res->n_assets; a++) {
		const struct trace_asset *x = &res->assets[a];
		trc_amount v[5] = { x->seed_total, x->exits_total, x->held,
				    x->fees, x->unresolved };

		for (int k = 0; k < 5; k++) {
			row_init(&w, c->kase.name, "summary");
			put(&w, C_KEY, keys[k]);
			put_amount(&w, res, a, v[k]);
			emit(f, &w);
		}
		/* a token's issuer: only where it burnt or froze taint */
		for (int k = 0; k < 2; k++) {
			trc_amount y = k ? x->frozen : x->destroyed;
			if (amount_is_zero(y))
				continue;
			row_init(&w, c->kase.name, "summary");
			put(&w, C_KEY, k ? "frozen" : "destroyed");
			put_amount(&w, res, a, y);
			emit(f, &w);
		}
		row_init(&w, c->kase.name, "summary");
		put(&w, C_ASSET, x->asset);
		put(&w, C_KEY, "balanced");
		put(&w, C_DETAIL,
		    report_is_exposure(res) ? "not applicable (poison)"
		    : x->balanced	    ? "true"
					    : "false");
		emit(f, &w);
		row_init(&w, c->kase.name, "summary");
		put(&w, C_ASSET, x->asset);
		put(&w, C_KEY, "measure");
		put(&w, C_DETAIL,
		    report_is_exposure(res)
			    ? "exposure (poison: an upper bound, the figures "
			      "overlap)"
			    : "amount");
		emit(f, &w);
		for (unsigned k = 0; k < TRACE_REASON_COUNT; k++) {
			row_init(&w, c->kase.name, "unresolved_by");
			put(&w, C_KEY, trace_reason_name((enum trace_reason)k));
			put_amount(&w, res, a, x->unresolved_by[k]);
			emit(f, &w);
		}
	}
}

static void entities(FILE *f, const struct report *r,
		     const struct report_case *c)
{
	struct row w;

	for (size_t i = 0; i < c->n_entities; i++) {
		const struct report_entity *e = &c->entities[i];

		row_init(&w, c->kase.name, "entity");
		put(&w, C_ENTITY, e->entity);
		put(&w, C_CATEGORY, report_category(e->category));
		put(&w, C_INFERRED, e->inferred ? "true" : "false");
		put_amount(&w, c->res, e->asset, e->amount);
		put_share(&w, c->res, e->asset, e->amount);
		report_value_text(w.cell[C_VALUE], sizeof(w.cell[C_VALUE]), r,
				  &e->value);
		put(&w, C_VALUE, w.cell[C_VALUE]);
		putf(&w, C_HOPS, "%s", "");
		putf(&w, C_DETAIL, "%zu exits", e->n_exits);
		emit(f, &w);
	}
}

/* The receiving txids of x, space-separated, into b; false when out of
 * memory. */
static bool join_txids(struct buf *b, const struct trace_exit *x)
{
	bool ok = true;

	for (size_t t = 0; t < x->n_txids && ok; t++)
		ok = !(t && buf_append_str(b, " ")) &&
		     !buf_append_str(b, x->txids[t]);
	return ok;
}

static void exit_row(FILE *f, const struct report *r,
		     const struct report_case *c, size_t i)
{
	const struct trace_exit *x = &c->res->exits[i];
	struct buf txids = BUF_INIT(SIZE_MAX / 2);
	struct row w;
	bool ok = join_txids(&txids, x);

	row_init(&w, c->kase.name, "exit");
	put(&w, C_PROV, report_exit_level(c, i));
	put(&w, C_ENTITY, x->entity);
	put(&w, C_CATEGORY, report_category(x->category));
	put(&w, C_INFERRED, x->inferred ? "true" : "false");
	put(&w, C_ADDRESS, x->address);
	put(&w, C_TXID, ok ? buf_str(&txids) : "(out of memory)");
	put_amount(&w, c->res, x->asset, x->amount);
	put_share(&w, c->res, x->asset, x->amount);
	report_time(w.cell[C_FIRST], sizeof(w.cell[C_FIRST]), x->first_time);
	put(&w, C_FIRST, w.cell[C_FIRST]);
	report_time(w.cell[C_LAST], sizeof(w.cell[C_LAST]), x->last_time);
	put(&w, C_LAST, w.cell[C_LAST]);
	putf(&w, C_HOPS, "%u", x->hops);
	if (c->exit_value) {
		report_value_text(w.cell[C_VALUE], sizeof(w.cell[C_VALUE]), r,
				  &c->exit_value[i]);
		put(&w, C_VALUE, w.cell[C_VALUE]);
	}
	if (x->inferred)
		put(&w, C_DETAIL, x->evidence);
	emit(f, &w);
	buf_release(&txids);
}

/* Tainted transfers per provenance level, when they were collected. */
static void level_rows(FILE *f, const struct report_case *c)
{
	struct row w;

	for (unsigned l = REC_LEVEL_COUNT; c->exit_level && l-- > 0;) {
		row_init(&w, c->kase.name, "provenance_level");
		put(&w, C_KEY, rec_level_name(l));
		putf(&w, C_AMOUNT, "%llu",
		     (unsigned long long)c->level_outputs[l]);
		put(&w, C_DETAIL, "tainted transfers");
		emit(f, &w);
	}
}

static void held_rows(FILE *f, const struct report_case *c)
{
	struct row w;

	for (size_t i = 0; i < c->res->n_held; i++) {
		const struct trace_held *h = &c->res->held[i];

		row_init(&w, c->kase.name, "held");
		put(&w, C_ADDRESS, h->address);
		put_amount(&w, c->res, h->asset, h->amount);
		put_share(&w, c->res, h->asset, h->amount);
		if (h->frozen)
			put(&w, C_DETAIL, "frozen by the issuer");
		emit(f, &w);
	}
	for (size_t i = 0; i < c->res->n_destroyed; i++) {
		const struct trace_destroyed *x = &c->res->destroyed[i];

		row_init(&w, c->kase.name, "destroyed");
		put(&w, C_ADDRESS, x->address);
		put(&w, C_TXID, x->txid);
		put_amount(&w, c->res, x->asset, x->amount);
		put_share(&w, c->res, x->asset, x->amount);
		emit(f, &w);
	}
}

static void unresolved_rows(FILE *f, const struct report_case *c)
{
	struct row w;

	for (size_t i = 0; i < c->res->n_unresolved; i++) {
		const struct trace_unresolved *u = &c->res->unresolved[i];

		row_init(&w, c->kase.name, "unresolved");
		put(&w, C_KEY, trace_reason_name((enum trace_reason)u->reason));
		put(&w, C_ADDRESS, u->address);
		put(&w, C_TXID, u->txid);
		put_amount(&w, c->res, u->asset, u->amount);
		emit(f, &w);
	}
}

static void timeline_rows(FILE *f, const struct report_case *c)
{
	struct row w;

	for (size_t i = 0; i < c->n_days; i++) {
		const struct report_day *d = &c->days[i];

		row_init(&w, c->kase.name, "timeline");
		date_format_day(d->day, w.cell[C_KEY]);
		put(&w, C_KEY, w.cell[C_KEY]);
		put_amount(&w, c->res, d->asset, d->amount);
		putf(&w, C_DETAIL, "%u txs", d->txs);
		emit(f, &w);
	}
}

static void path_rows(FILE *f, const struct report_case *c)
{
	struct row w;

	for (size_t i = 0; i < c->res->n_paths; i++) {
		const struct trace_path *p = &c->res->paths[i];
		const struct trace_exit *x = &c->res->exits[p->exit];

		for (size_t k = 0; k < p->n_steps; k++) {
			row_init(&w, c->kase.name, "path");
			putf(&w, C_KEY, "%zu.%zu", i + 1, k + 1);
			put(&w, C_ENTITY, x->entity);
			put(&w, C_ADDRESS, p->steps[k].to);
			put(&w, C_TXID, p->steps[k].txid);
			put_amount(&w, c->res, x->asset, p->steps[k].amount);
			report_time(w.cell[C_FIRST], sizeof(w.cell[C_FIRST]),
				    p->steps[k].time);
			put(&w, C_FIRST, w.cell[C_FIRST]);
			put(&w, C_DETAIL, x->address);
			emit(f, &w);
		}
	}
}

static void total_rows(FILE *f, const struct report *r)
{
	static const char *const keys[] = { "counted_once", "sum", "overlap" };
	struct row w;

	for (size_t i = 0; i < r->n_totals; i++) {
		const struct report_total *t = &r->totals[i];
		trc_amount v[3] = { t->amount, t->sum, t->overlap };

		for (int k = 0; k < 3; k++) {
			row_init(&w, "", "total");
			put(&w, C_ASSET, t->asset);
			put(&w, C_KEY, keys[k]);
			put(&w, C_ENTITY, t->entity);
			put(&w, C_CATEGORY, report_category(t->category));
			amount_format(w.cell[C_AMOUNT],
				      sizeof(w.cell[C_AMOUNT]), v[k], 0, false);
			put(&w, C_AMOUNT, w.cell[C_AMOUNT]);
			if (!k) {
				report_value_text(w.cell[C_VALUE],
						  sizeof(w.cell[C_VALUE]), r,
						  &t->value);
				put(&w, C_VALUE, w.cell[C_VALUE]);
			}
			emit(f, &w);
		}
	}
}

static void prov_row(FILE *f, const char *key, const char *v)
{
	struct row w;

	row_init(&w, "", "provenance");
	put(&w, C_KEY, key);
	put(&w, C_DETAIL, v);
	emit(f, &w);
}

static void prov_rows(FILE *f, const struct report *r)
{
	const struct report_prov *p = &r->prov;
	char v[512];

	prov_row(f, "tracer_version", TRACER_VERSION);
	prov_row(f, "command", p->command);
	prov_row(f, "db_digest", p->digest);
	for (size_t i = 0; i < p->n_chains; i++) {
		const struct prov_chain *c = &p->chains[i];

		snprintf(v, sizeof(v),
			 "%s network %s: %llu blocks, heights "
			 "%u to %u, %llu txs",
			 chain_name(c->chain), c->network ? c->network : "-",
			 (unsigned long long)c->blocks, c->min_height,
			 c->max_height, (unsigned long long)c->txs);
		prov_row(f, "chain", v);
	}
	for (size_t i = 0; i < p->n_sources; i++) {
		snprintf(v, sizeof(v), "%s: %llu blocks, heights %u to %u",
			 p->sources[i].source,
			 (unsigned long long)p->sources[i].blocks,
			 p->sources[i].min_height, p->sources[i].max_height);
		prov_row(f, "source", v);
	}
	for (size_t i = 0; i < p->n_tag_sources; i++) {
		snprintf(v, sizeof(v), "%s: %llu tags",
			 p->tag_sources[i].source,
			 (unsigned long long)p->tag_sources[i].tags);
		prov_row(f, "tag_source", v);
	}
}

/* The case's notes on edges (address is the edge's source, key its
 * target, detail the note), then on nodes (address the node). */
static void edge_note_rows(FILE *f, const struct report_case *c)
{
	struct row w;

	for (size_t i = 0; i < c->kase.n_edge_notes; i++) {
		const struct case_edge_note *e = &c->kase.edge_notes[i];

		row_init(&w, c->kase.name, "edge_note");
		put(&w, C_ADDRESS, e->from);
		put(&w, C_KEY, e->to);
		put(&w, C_DETAIL, e->text);
		emit(f, &w);
	}
	for (size_t i = 0; i < c->kase.n_node_notes; i++) {
		const struct case_node_note *e = &c->kase.node_notes[i];

		row_init(&w, c->kase.name, "node_note");
		put(&w, C_ADDRESS, e->node);
		put(&w, C_DETAIL, e->text);
		emit(f, &w);
	}
}

/* docs/crosschain.md: a "crosschain_link" row per link followed (the
 * source as address/txid, the destination in detail, the converted
 * amount), a "crosschain_asset" row per asset and figure. */
static void cross_rows(FILE *f, const struct report_case *c)
{
	static const char *const key[8] = { "seed",	  "converted_in",
					    "exits",	  "held",
					    "fees",	  "destroyed",
					    "unresolved", "converted_out" };
	const struct case_cross *x = c->cross;
	char a[AMOUNT_STR_MAX], v[AMOUNT_STR_MAX], d[512];
	struct row w;

	for (size_t i = 0; x && i < x->n_follow; i++) {
		const struct case_xfollow *g = &x->follow[i];
		const struct xlink *l = &x->links[g->link];
		char name[48];

		case_cross_link_name(x, g->link, name, sizeof(name));
		row_init(&w, c->kase.name, "crosschain_link");
		put(&w, C_ASSET, g->to_asset);
		put(&w, C_KEY, name);
		put(&w, C_CATEGORY, xlink_kind_name(l->kind));
		putf(&w, C_TXID, "%s:%u", l->from.txid, (unsigned)l->from.n);
		put(&w, C_AMOUNT,
		    amount_format(a, sizeof(a), g->converted, 0, false));
		snprintf(d, sizeof(d), "%s %s of %s %s:%u -> %s %s:%u; %s",
			 amount_format(v, sizeof(v), g->taint, 0, false),
			 g->from_asset, l->from.chain, l->from.txid,
			 (unsigned)l->from.n, l->to.chain, l->to.txid,
			 (unsigned)l->to.n,
			 xlink_confidence_name(l->confidence));
		put(&w, C_DETAIL, d);
		emit(f, &w);
	}
	for (size_t i = 0; x && i < x->n_assets; i++) {
		const struct case_xasset *g = &x->assets[i];
		const trc_amount n[8] = { g->seed,	 g->converted_in,
					  g->exits,	 g->held,
					  g->fees,	 g->destroyed,
					  g->unresolved, g->converted_out };

		for (int k = 0; k < 8; k++) {
			row_init(&w, c->kase.name, "crosschain_asset");
			putf(&w, C_ASSET, "%s %s", g->chain, g->asset);
			put(&w, C_KEY, key[k]);
			put(&w, C_AMOUNT,
			    amount_format(a, sizeof(a), n[k], 0, false));
			put(&w, C_DETAIL,
			    !g->conserving ? "exposure"
			    : g->balanced  ? "balanced"
					   : "identity fails");
			emit(f, &w);
		}
	}
}

/* The further traces: a "crosschain_exit" row per exit and a
 * "crosschain_held" row per held amount, the asset as "CHAIN ASSET", the
 * key the run's index. */
/* A row of further trace x: its amount of asset a, "CHAIN ASSET", the
 * key "run N". */
static void xrun_row(struct row *w, const struct report_case *c,
		     const char *section, const struct report_xrun *x,
		     uint32_t a, trc_amount amount)
{
	row_init(w, c->kase.name, section);
	put_amount(w, x->res, a, amount);
	putf(w, C_ASSET, "%s %s", x->chain, x->res->assets[a].asset);
	putf(w, C_KEY, "run %zu", x->run);
}

static void cross_exit_rows(FILE *f, const struct report *r,
			    const struct report_case *c,
			    const struct report_xrun *x)
{
	struct row w;

	for (size_t i = 0; i < x->res->n_exits; i++) {
		const struct trace_exit *e = &x->res->exits[i];
		struct buf txids = BUF_INIT(SIZE_MAX / 2);
		bool ok = join_txids(&txids, e);

		xrun_row(&w, c, "crosschain_exit", x, e->asset, e->amount);
		put(&w, C_ENTITY, e->entity);
		put(&w, C_CATEGORY, report_category(e->category));
		put(&w, C_INFERRED, e->inferred ? "true" : "false");
		put(&w, C_ADDRESS, e->address);
		put(&w, C_TXID, ok ? buf_str(&txids) : "(out of memory)");
		report_time(w.cell[C_FIRST], sizeof(w.cell[C_FIRST]),
			    e->first_time);
		put(&w, C_FIRST, w.cell[C_FIRST]);
		if (x->exit_value) {
			report_value_text(w.cell[C_VALUE],
					  sizeof(w.cell[C_VALUE]), r,
					  &x->exit_value[i]);
			put(&w, C_VALUE, w.cell[C_VALUE]);
		}
		emit(f, &w);
		buf_release(&txids);
	}
	for (size_t i = 0; i < x->res->n_held; i++) {
		const struct trace_held *h = &x->res->held[i];

		xrun_row(&w, c, "crosschain_held", x, h->asset, h->amount);
		put(&w, C_ADDRESS, h->address);
		emit(f, &w);
	}
}

/* With prices: a "crosschain_value" row per link and side (key
 * links[N].taint, .converted; the difference in detail), and the
 * "proceeds_across_assets" row (every exit of every run, in fiat). */
static void cross_value_rows(FILE *f, const struct report *r,
			     const struct report_case *c)
{
	const struct case_cross *x = c->cross;
	char d[128];
	struct row w;

	for (size_t i = 0; x && c->xvalues && i < x->n_follow; i++) {
		const struct report_xvalue *v = &c->xvalues[i];

		for (int side = 0; side < 2; side++) {
			row_init(&w, c->kase.name, "crosschain_value");
			putf(&w, C_KEY, "links[%zu].%s", x->follow[i].link,
			     side ? "converted" : "taint");
			put(&w, C_ASSET,
			    side ? x->follow[i].to_asset
				 : x->follow[i].from_asset);
			report_time(w.cell[C_FIRST], sizeof(w.cell[C_FIRST]),
				    side ? v->to_time : v->from_time);
			put(&w, C_FIRST, w.cell[C_FIRST]);
			report_value_text(w.cell[C_VALUE],
					  sizeof(w.cell[C_VALUE]), r,
					  side ? &v->to : &v->from);
			put(&w, C_VALUE, w.cell[C_VALUE]);
			if (side)
				putf(&w, C_DETAIL, "difference %s",
				     report_xvalue_diff(d, sizeof(d), r, v));
			emit(f, &w);
		}
	}
	if (!c->proceeds.computed)
		return;
	row_init(&w, c->kase.name, "proceeds_across_assets");
	report_value_text(w.cell[C_VALUE], sizeof(w.cell[C_VALUE]), r,
			  &c->proceeds.value);
	put(&w, C_VALUE, w.cell[C_VALUE]);
	putf(&w, C_DETAIL, "%zu exit%s%s", c->proceeds.n_exits,
	     c->proceeds.n_exits == 1 ? "" : "s",
	     report_is_exposure(c->res) ? "; exposure (poison)" : "");
	emit(f, &w);
}

enum trc_err report_write_csv(FILE *f, const struct report *r,
			      struct trc_error *err)
{
	struct row w;

	for (int c = 0; c < C_COUNT; c++)
		fprintf(f, "%s%s", c ? "," : "", header[c]);
	fputc('\n', f);
	row_init(&w, "", "generated");
	put(&w, C_DETAIL, r->prov.generated);
	emit(f, &w);
	for (size_t i = 0; i < r->n_cases; i++) {
		const struct report_case *c = &r->cases[i];

		summary(f, c);
		entities(f, r, c);
		for (size_t x = 0; x < c->res->n_exits; x++)
			exit_row(f, r, c, x);
		path_rows(f, c);
		held_rows(f, c);
		unresolved_rows(f, c);
		timeline_rows(f, c);
		level_rows(f, c);
		edge_note_rows(f, c);
		cross_rows(f, c);
		for (size_t k = 0; k < c->n_xruns; k++)
			cross_exit_rows(f, r, c, &c->xruns[k]);
		cross_value_rows(f, r, c);
	}
	total_rows(f, r);
	prov_rows(f, r);
	if (ferror(f))
		return trc_fail(err, TRC_ERR_IO, "cannot write the CSV report");
	return TRC_OK;
}
