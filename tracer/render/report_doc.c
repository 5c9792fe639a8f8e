/*
 * The Markdown and HTML reports have the same sections; this file writes
 * them once through struct doc_ops. Every string is handed to an
 * operation as plain text, which escapes it for its format.
 */
#include "tracer/render/report_doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/strv.h"
#include "store/record.h"
#include "store/tags.h"
#include "tracer/report/export_graph.h"
#include "tracer/report/warnings.h"

#define LINE_MAX_ 2048

struct doc {
	FILE *f;
	const struct doc_ops *o;
	const struct report *r;
};

static void textf(const struct doc *d, const char *fmt, ...) TRC_PRINTF(2, 3);

static void textf(const struct doc *d, const char *fmt, ...)
{
	char buf[LINE_MAX_];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	d->o->text(d->f, buf);
}

static void cell(const struct doc *d, const char *s)
{
	d->o->cell_begin(d->f);
	d->o->text(d->f, s ? s : "");
	d->o->cell_end(d->f);
}

static void cell_code(const struct doc *d, const char *s)
{
	d->o->cell_begin(d->f);
	if (s && *s)
		d->o->code(d->f, s);
	d->o->cell_end(d->f);
}

static void ref(const struct doc *d, enum doc_ref kind, const char *s)
{
	if (d->o->ref)
		d->o->ref(d->f, d->r, kind, s);
	else
		d->o->code(d->f, s);
}

static void cell_ref(const struct doc *d, enum doc_ref kind, const char *s)
{
	d->o->cell_begin(d->f);
	if (s && *s)
		ref(d, kind, s);
	d->o->cell_end(d->f);
}

static void item(const struct doc *d, const char *label, const char *s)
{
	d->o->item_begin(d->f);
	d->o->strong(d->f, label);
	d->o->text(d->f, " ");
	d->o->text(d->f, s ? s : "");
	d->o->item_end(d->f);
}

/* "1.5 BTC" for asset a of res. */
static const char *amt(char *buf, size_t size, const struct trace_result *res,
		       uint32_t a, trc_amount v)
{
	char s[AMOUNT_STR_MAX];

	snprintf(buf, size, "%s %s", report_amount(s, sizeof(s), res, a, v),
		 res->assets[a].asset);
	return buf;
}

/* ---- summary ---- */

static void summary_incident(const struct doc *d, const struct report_case *c)
{
	const struct trc_case *k = &c->kase;
	char t[32], s[AMOUNT_STR_MAX];

	item(d, "Incident:", k->name);
	if (k->incident_time != CASE_TIME_NONE)
		item(d, "Incident time:",
		     report_time(t, sizeof(t), k->incident_time));
	if (k->has_loss) {
		d->o->item_begin(d->f);
		d->o->strong(d->f, "Reported loss:");
		textf(d, " %s %s",
		      amount_format(s, sizeof(s), k->loss_amount,
				    c->ops->decimals, true),
		      c->ops->asset);
		if (k->loss_source)
			textf(d, " (source: %s)", k->loss_source);
		d->o->item_end(d->f);
	}
	item(d, "Case file:", c->path);
	if (k->notes)
		item(d, "Notes:", k->notes);
	for (size_t i = 0; i < k->n_edge_notes; i++) {
		d->o->item_begin(d->f);
		d->o->strong(d->f, "Note on the edge");
		d->o->text(d->f, " ");
		d->o->code(d->f, k->edge_notes[i].from);
		d->o->text(d->f, " \u2192 ");
		d->o->code(d->f, k->edge_notes[i].to);
		d->o->text(d->f, ": ");
		d->o->text(d->f, k->edge_notes[i].text);
		d->o->item_end(d->f);
	}
	for (size_t i = 0; i < k->n_node_notes; i++) {
		d->o->item_begin(d->f);
		d->o->strong(d->f, "Note on");
		d->o->text(d->f, " ");
		d->o->code(d->f, k->node_notes[i].node);
		d->o->text(d->f, ": ");
		d->o->text(d->f, k->node_notes[i].text);
		d->o->item_end(d->f);
	}
}

/* The cell of a node's address: the address, then the case's notes on
 * it ("note: text"), beside it. */
static void cell_node(const struct doc *d, const struct report_case *c,
		      const char *address)
{
	d->o->cell_begin(d->f);
	if (!*address) {
		d->o->cell_end(d->f);
		return;
	}
	ref(d, DOC_REF_ADDRESS, address);
	for (size_t i = 0; i < c->kase.n_node_notes; i++)
		if (!strcmp(c->kase.node_notes[i].node, address)) {
			d->o->text(d->f, " (note: ");
			d->o->text(d->f, c->kase.node_notes[i].text);
			d->o->text(d->f, ")");
		}
	d->o->cell_end(d->f);
}

static void summary_trace(const struct doc *d, const struct report_case *c)
{
	const struct trace_result *res = c->res;
	char buf[256], s[AMOUNT_STR_MAX], t1[32], t2[32];

	snprintf(buf, sizeof(buf), "%s, network %s", c->ops->name,
		 res->network ? res->network : c->ops->default_network);
	item(d, "Chain:", buf);
	d->o->item_begin(d->f);
	d->o->strong(d->f, "Seeds:");
	for (size_t i = 0; i < res->n_seeds; i++) {
		d->o->text(d->f, i ? ", " : " ");
		d->o->code(d->f, res->seeds[i]);
	}
	d->o->item_end(d->f);
	item(d, "Policy:", trace_policy_name(res->policy));
	snprintf(buf, sizeof(buf),
		 "hops %u, min %s %s, hub %u txs, "
		 "since %s, until %s",
		 res->hops, report_amount(s, sizeof(s), res, 0, res->min),
		 res->n_assets ? res->assets[0].asset : c->ops->asset,
		 res->hub_txs, report_time(t1, sizeof(t1), res->since),
		 report_time(t2, sizeof(t2), res->until));
	item(d, "Limits:", buf);
}

static void identity(const struct doc *d, const struct trace_result *res,
		     uint32_t a)
{
	const struct trace_asset *x = &res->assets[a];
	char b[5][AMOUNT_STR_MAX + 40];

	d->o->item_begin(d->f);
	d->o->strong(d->f, x->asset);
	amt(b[0], sizeof(b[0]), res, a, x->seed_total);
	amt(b[1], sizeof(b[1]), res, a, x->exits_total);
	amt(b[2], sizeof(b[2]), res, a, x->held);
	amt(b[3], sizeof(b[3]), res, a, x->fees);
	amt(b[4], sizeof(b[4]), res, a, x->unresolved);
	if (report_is_exposure(res)) {
		textf(d,
		      ": seed total %s; exposure: exits %s, held %s, fees %s",
		      b[0], b[1], b[2], b[3]);
		if (!amount_is_zero(x->destroyed))
			textf(d, ", destroyed %s",
			      amt(b[0], sizeof(b[0]), res, a, x->destroyed));
		textf(d,
		      ", unresolved %s (these overlap: no part of the seed "
		      "total)",
		      b[4]);
		d->o->item_end(d->f);
		return;
	}
	textf(d, ": seed total %s = exits %s + held %s + fees %s + ", b[0],
	      b[1], b[2], b[3]);
	if (!amount_is_zero(x->destroyed))
		textf(d, "destroyed %s + ",
		      amt(b[0], sizeof(b[0]), res, a, x->destroyed));
	textf(d, "unresolved %s", b[4]);
	if (!amount_is_zero(x->frozen))
		textf(d, "; of the held, %s frozen by the issuer",
		      amt(b[0], sizeof(b[0]), res, a, x->frozen));
	d->o->text(d->f, x->balanced ? " (balanced)"
				     : " (NOT BALANCED: a bug in "
				       "tracer, please report it)");
	d->o->item_end(d->f);
}

static void entity_table(const struct doc *d, const struct report_case *c)
{
	static const char *const cols[] = {
		"Entity", "Category", "Exits", "Amount", "Share of seed total",
		"Value",  NULL
	};
	static const char *const cols_nv[] = {
		"Entity", "Category", "Exits", "Amount", "Share of seed total",
		NULL
	};
	const struct trace_result *res = c->res;
	char b[AMOUNT_STR_MAX + 40], v[128];

	if (!c->n_entities) {
		d->o->para_begin(d->f);
		d->o->text(d->f, "No tainted funds reached an exchange or "
				 "other service.");
		d->o->para_end(d->f);
		return;
	}
	d->o->table_begin(d->f, d->r->prices ? cols : cols_nv, "llrrrr");
	for (size_t i = 0; i < c->n_entities; i++) {
		const struct report_entity *e = &c->entities[i];

		d->o->row_begin(d->f);
		cell(d, e->entity);
		snprintf(v, sizeof(v), "%s%s", report_category(e->category),
			 e->inferred ? " (inferred)" : "");
		cell(d, v);
		snprintf(v, sizeof(v), "%zu", e->n_exits);
		cell(d, v);
		cell(d, amt(b, sizeof(b), res, e->asset, e->amount));
		cell(d,
		     report_seed_share(v, sizeof(v), res, e->asset, e->amount));
		if (d->r->prices)
			cell(d,
			     report_value_text(v, sizeof(v), d->r, &e->value));
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
}

/* The trace's warnings (tracer/report/warnings.h), one paragraph each:
 * an empty result says so, with the next step. */
static void summary_warnings(const struct doc *d, const struct report_case *c)
{
	char **v = NULL;
	size_t n = 0;

	if (warnings_trace(c->res, c->ops->name, &v, &n, NULL))
		n = 0; /* no memory: the figures below still say it */
	for (size_t i = 0; i < n; i++) {
		d->o->para_begin(d->f);
		d->o->strong(d->f, "Warning:");
		textf(d, " %s.", v[i]);
		d->o->para_end(d->f);
	}
	strv_free(v, n);
}

/* The fiat total over every asset and every run (report_proceeds):
 * shown with prices when there is more than one asset or a further
 * trace. */
static void summary_proceeds(const struct doc *d, const struct report_case *c)
{
	const struct report_proceeds *t = &c->proceeds;
	char v[128];

	if (!t->computed || (!c->n_xruns && c->res->n_assets < 2))
		return;
	d->o->para_begin(d->f);
	d->o->strong(d->f, report_is_exposure(c->res)
				   ? "Exposure across assets (an upper bound):"
				   : "Illicit proceeds across assets:");
	textf(d,
	      " %s, the %zu exit%s of %s, each valued in its own asset at "
	      "its arrival day. A conversion (a cross-chain link) is not "
	      "proceeds: what it carries is counted where it exits, once; "
	      "its value on both sides is shown with the link.",
	      report_value_text(v, sizeof(v), d->r, &t->value), t->n_exits,
	      t->n_exits == 1 ? "" : "s",
	      c->n_xruns ? "every trace (the case chain's and those across "
			   "its links)"
			 : "the trace");
	d->o->para_end(d->f);
}

static void summary(const struct doc *d, const struct report_case *c, int lv)
{
	d->o->heading(d->f, lv, "Summary");
	d->o->list_begin(d->f, 0);
	summary_incident(d, c);
	summary_trace(d, c);
	d->o->list_end(d->f, 0);
	summary_warnings(d, c);
	d->o->para_begin(d->f);
	if (report_is_exposure(c->res)) {
		d->o->strong(d->f, "Exposure, an upper bound");
		d->o->text(d->f, " (poison counts a coin in full at every "
				 "address it reaches, so these figures "
				 "overlap and do not add up to the seed "
				 "total):");
	} else {
		d->o->strong(d->f, "Where the funds are");
		d->o->text(d->f, c->res->n_destroyed
					 ? " (seed total = exits + held + fees "
					   "+ destroyed + unresolved):"
					 : " (seed total = exits + held + fees "
					   "+ unresolved):");
	}
	d->o->para_end(d->f);
	d->o->list_begin(d->f, 0);
	for (uint32_t a = 0; a < c->res->n_assets; a++)
		identity(d, c->res, a);
	d->o->list_end(d->f, 0);
	d->o->para_begin(d->f);
	d->o->strong(d->f, report_headline(c->res));
	d->o->text(d->f,
		   report_is_exposure(c->res)
			   ? ": exchanges and other services that tainted "
			     "funds reached under poison, by entity; an "
			     "entity's exposure can exceed the seed total, "
			     "so no share of it is given."
			   : ": tainted funds that reached exchanges and "
			     "other services, by entity.");
	d->o->para_end(d->f);
	entity_table(d, c);
	summary_proceeds(d, c);
	for (uint32_t a = 0; d->o->bars && a < c->res->n_assets; a++)
		d->o->bars(d->f, d->r, c, a);
}

/* ---- exits ---- */

static void exit_row(const struct doc *d, const struct report_case *c, size_t i)
{
	const struct trace_exit *x = &c->res->exits[i];
	char b[AMOUNT_STR_MAX + 40], v[160];

	d->o->row_begin(d->f);
	cell(d, x->entity ? x->entity : "");
	cell(d, report_category(x->category));
	d->o->cell_begin(d->f);
	d->o->text(d->f, x->inferred ? "yes" : "no");
	if (x->inferred && x->evidence) {
		d->o->text(d->f, ", evidence: ");
		d->o->code(d->f, x->evidence);
	}
	d->o->cell_end(d->f);
	cell_node(d, c, x->address);
	cell(d, amt(b, sizeof(b), c->res, x->asset, x->amount));
	cell(d, report_seed_share(v, sizeof(v), c->res, x->asset, x->amount));
	if (d->r->prices)
		cell(d,
		     report_value_text(v, sizeof(v), d->r, &c->exit_value[i]));
	cell(d, report_time(v, sizeof(v), x->first_time));
	cell(d, report_time(v, sizeof(v), x->last_time));
	snprintf(v, sizeof(v), "%u", x->hops);
	cell(d, v);
	cell(d, report_exit_level(c, i));
	d->o->cell_begin(d->f);
	for (size_t t = 0; t < x->n_txids; t++) {
		if (t)
			d->o->text(d->f, " ");
		ref(d, DOC_REF_TXID, x->txids[t]);
	}
	d->o->cell_end(d->f);
	d->o->row_end(d->f);
}

static void exits(const struct doc *d, const struct report_case *c, int lv)
{
	static const char *const cols[] = {
		"Entity", "Category",	"Inferred",	 "Address",
		"Amount", "Share",	"First arrival", "Last arrival",
		"Hops",	  "Provenance", "Txids",	 NULL
	};
	static const char *const cols_v[] = { "Entity",
					      "Category",
					      "Inferred",
					      "Address",
					      "Amount",
					      "Share",
					      "Value at arrival",
					      "First arrival",
					      "Last arrival",
					      "Hops",
					      "Provenance",
					      "Txids",
					      NULL };

	d->o->heading(d->f, lv, "Exits");
	if (!c->res->n_exits) {
		d->o->para_begin(d->f);
		d->o->text(d->f, "No exits.");
		d->o->para_end(d->f);
		return;
	}
	d->o->table_begin(d->f, d->r->prices ? cols_v : cols,
			  d->r->prices ? "llllrrrllrll" : "llllrrllrll");
	for (size_t i = 0; i < c->res->n_exits; i++)
		exit_row(d, c, i);
	d->o->table_end(d->f);
}

/* ---- paths ---- */

static void path(const struct doc *d, const struct report_case *c,
		 const struct trace_path *p, int lv)
{
	const struct trace_exit *x = &c->res->exits[p->exit];
	char b[AMOUNT_STR_MAX + 40], t[32], h[300];

	snprintf(h, sizeof(h), "To %s (%s)", x->entity ? x->entity : x->address,
		 amt(b, sizeof(b), c->res, x->asset, x->amount));
	d->o->heading(d->f, lv, h);
	d->o->list_begin(d->f, 1);
	for (size_t i = 0; i < p->n_steps; i++) {
		const struct trace_step *s = &p->steps[i];

		d->o->item_begin(d->f);
		ref(d, DOC_REF_TXID, s->txid);
		textf(d, " at %s carried %s to ",
		      report_time(t, sizeof(t), s->time),
		      amt(b, sizeof(b), c->res, x->asset, s->amount));
		if (s->to)
			ref(d, DOC_REF_ADDRESS, s->to);
		d->o->item_end(d->f);
	}
	d->o->list_end(d->f, 1);
}

static void paths(const struct doc *d, const struct report_case *c, int lv)
{
	d->o->heading(d->f, lv, "Paths");
	d->o->para_begin(d->f);
	d->o->text(d->f, c->res->n_paths ? "For each of the largest exits, the "
					   "chain of transactions "
					   "from a seed, following the largest "
					   "contribution at each "
					   "step."
					 : "No paths: no exit was reached.");
	d->o->para_end(d->f);
	for (size_t i = 0; i < c->res->n_paths; i++)
		path(d, c, &c->res->paths[i], lv + 1);
}

/* ---- held and unresolved ---- */

static void more(const struct doc *d, size_t shown, size_t total)
{
	if (total <= shown)
		return;
	d->o->para_begin(d->f);
	textf(d, "… and %zu more (the JSON and CSV reports list all).",
	      total - shown);
	d->o->para_end(d->f);
}

/* Taint a token's issuer destroyed (Tether's DestroyedBlackFunds): a
 * section only where there is some. */
static void destroyed(const struct doc *d, const struct report_case *c, int lv)
{
	static const char *const cols[] = { "Address", "Txid", "Amount",
					    "Share of seed total", NULL };
	const struct trace_result *res = c->res;
	size_t n = res->n_destroyed < REPORT_DOC_TOP ? res->n_destroyed
						     : REPORT_DOC_TOP;
	char b[AMOUNT_STR_MAX + 40], v[64];

	if (!n)
		return;
	d->o->heading(d->f, lv, "Destroyed");
	d->o->para_begin(d->f);
	d->o->text(d->f, "Tainted funds the token's issuer destroyed at a "
			 "blacklisted address (node-asserted events).");
	d->o->para_end(d->f);
	d->o->table_begin(d->f, cols, "llrr");
	for (size_t i = 0; i < n; i++) {
		const struct trace_destroyed *x = &res->destroyed[i];

		d->o->row_begin(d->f);
		cell_ref(d, DOC_REF_ADDRESS, x->address);
		cell_ref(d, DOC_REF_TXID, x->txid);
		cell(d, amt(b, sizeof(b), res, x->asset, x->amount));
		cell(d,
		     report_seed_share(v, sizeof(v), res, x->asset, x->amount));
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
	more(d, n, res->n_destroyed);
}

static bool any_frozen(const struct trace_result *res)
{
	for (size_t i = 0; i < res->n_assets; i++)
		if (!amount_is_zero(res->assets[i].frozen))
			return true;
	return false;
}

static void held(const struct doc *d, const struct report_case *c, int lv)
{
	static const char *const cols[] = { "Address", "Amount",
					    "Share of seed total", NULL };
	static const char *const cols_frozen[] = { "Address", "Amount",
						   "Share of seed total",
						   "Frozen", NULL };
	const struct trace_result *res = c->res;
	size_t n = res->n_held < REPORT_DOC_TOP ? res->n_held : REPORT_DOC_TOP;
	char b[AMOUNT_STR_MAX + 40], v[64];
	bool frozen = any_frozen(res);

	d->o->heading(d->f, lv, "Held");
	d->o->para_begin(d->f);
	d->o->text(d->f,
		   n ? "Tainted funds still unspent at untagged "
		       "addresses, largest first."
		     : "No tainted funds are held at untagged addresses.");
	d->o->para_end(d->f);
	if (!n)
		return;
	d->o->table_begin(d->f, frozen ? cols_frozen : cols,
			  frozen ? "lrrl" : "lrr");
	for (size_t i = 0; i < n; i++) {
		const struct trace_held *h = &res->held[i];

		d->o->row_begin(d->f);
		if (*h->address)
			cell_node(d, c, h->address);
		else
			cell(d, "(no address)");
		cell(d, amt(b, sizeof(b), res, h->asset, h->amount));
		cell(d,
		     report_seed_share(v, sizeof(v), res, h->asset, h->amount));
		if (frozen)
			cell(d, h->frozen ? "frozen by the issuer" : "");
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
	more(d, n, res->n_held);
}

static void unresolved_totals(const struct doc *d,
			      const struct trace_result *res)
{
	static const char *const cols[] = { "Asset", "Stopped by", "Meaning",
					    "Amount", NULL };
	char b[AMOUNT_STR_MAX + 40];

	d->o->table_begin(d->f, cols, "lllr");
	for (uint32_t a = 0; a < res->n_assets; a++)
		for (unsigned k = 0; k < TRACE_REASON_COUNT; k++) {
			if (amount_is_zero(res->assets[a].unresolved_by[k]))
				continue;
			d->o->row_begin(d->f);
			cell(d, res->assets[a].asset);
			cell(d, trace_reason_name((enum trace_reason)k));
			cell(d, report_reason_text((uint8_t)k));
			cell(d, amt(b, sizeof(b), res, a,
				    res->assets[a].unresolved_by[k]));
			d->o->row_end(d->f);
		}
	d->o->table_end(d->f);
}

static void unresolved(const struct doc *d, const struct report_case *c, int lv)
{
	static const char *const cols[] = { "Stopped by", "Address", "Txid",
					    "Amount", NULL };
	const struct trace_result *res = c->res;
	size_t n = res->n_unresolved < REPORT_DOC_TOP ? res->n_unresolved
						      : REPORT_DOC_TOP;
	char b[AMOUNT_STR_MAX + 40];

	d->o->heading(d->f, lv, "Unresolved");
	d->o->para_begin(d->f);
	d->o->text(d->f, res->n_unresolved ? "Tainted funds the trace did not "
					     "follow further, by the "
					     "limit that stopped them."
					   : "Nothing was stopped by a limit.");
	d->o->para_end(d->f);
	if (!res->n_unresolved)
		return;
	unresolved_totals(d, res);
	d->o->table_begin(d->f, cols, "lllr");
	for (size_t i = 0; i < n; i++) {
		const struct trace_unresolved *u = &res->unresolved[i];

		d->o->row_begin(d->f);
		cell(d, trace_reason_name((enum trace_reason)u->reason));
		cell_ref(d, DOC_REF_ADDRESS, u->address);
		cell_ref(d, DOC_REF_TXID, u->txid);
		cell(d, amt(b, sizeof(b), res, u->asset, u->amount));
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
	more(d, n, res->n_unresolved);
}

/* ---- timeline ---- */

/* One row of the arrivals at exits per UTC day and asset. */
struct arrival_day {
	int64_t day;
	uint32_t asset;
	trc_amount amount;
	uint32_t n;
};

static int cmp_arrival(const void *a, const void *b)
{
	const struct arrival_day *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->asset < y->asset ? -1 : x->asset > y->asset;
}

/* The receipts at exits summed per (day, asset); *n rows, in day order.
 * Returns NULL (n 0) when there are none or memory is short. */
static struct arrival_day *arrivals(const struct report_case *c, size_t *n)
{
	struct arrival_day *a = calloc(c->n_receipts + 1, sizeof(*a));
	size_t m = 0;

	*n = 0;
	if (!a)
		return NULL;
	for (size_t i = 0; i < c->n_receipts; i++) {
		const struct report_receipt *r = &c->receipts[i];

		a[i].day = date_day_of(r->time) * 86400;
		a[i].asset = c->res->exits[r->exit].asset;
		a[i].amount = r->amount;
		a[i].n = 1;
	}
	qsort(a, c->n_receipts, sizeof(*a), cmp_arrival);
	for (size_t i = 0; i < c->n_receipts; i++) {
		if (m && !cmp_arrival(&a[m - 1], &a[i]) &&
		    !amount_add(&a[m - 1].amount, a[m - 1].amount,
				a[i].amount)) {
			a[m - 1].n++;
			continue;
		}
		a[m++] = a[i];
	}
	*n = m;
	return a;
}

static void arrivals_table(const struct doc *d, const struct report_case *c)
{
	static const char *const cols[] = { "Day (UTC)", "Asset",
					    "Arrived at exits", "Arrivals",
					    NULL };
	char b[AMOUNT_STR_MAX + 40], day[11], k[24];
	size_t n;
	struct arrival_day *a = arrivals(c, &n);

	d->o->para_begin(d->f);
	d->o->text(d->f, n ? "Arrivals at exits per UTC day: each tainted "
			     "coin counts once, on the day it reached an "
			     "exit (an arrival is one exit in one "
			     "transaction)."
			   : "No tainted funds arrived at an exit.");
	d->o->para_end(d->f);
	if (n) {
		d->o->table_begin(d->f, cols, "llrr");
		for (size_t i = 0; i < n; i++) {
			d->o->row_begin(d->f);
			date_format_day(a[i].day, day);
			cell(d, day);
			cell(d, c->res->assets[a[i].asset].asset);
			cell(d, amt(b, sizeof(b), c->res, a[i].asset,
				    a[i].amount));
			snprintf(k, sizeof(k), "%u", a[i].n);
			cell(d, k);
			d->o->row_end(d->f);
		}
		d->o->table_end(d->f);
	}
	free(a);
}

static void timeline(const struct doc *d, const struct report_case *c, int lv)
{
	static const char *const cols[] = { "Day (UTC)", "Asset",
					    "Tainted amount moved",
					    "Transactions", NULL };
	const struct trace_result *res = c->res;
	char b[AMOUNT_STR_MAX + 40], day[11], n[24];

	d->o->heading(d->f, lv, "Timeline");
	if (!c->n_days) {
		d->o->para_begin(d->f);
		d->o->text(d->f, "No tainted movements.");
		d->o->para_end(d->f);
		return;
	}
	arrivals_table(d, c);
	d->o->para_begin(d->f);
	d->o->text(d->f,
		   "Tainted movements per UTC day: the tainted amount of "
		   "every transaction of the day, at every hop. Coins that "
		   "pass through three addresses are counted three times, "
		   "so this column can add up to more than the seed total; "
		   "it shows when the funds moved, not how much was "
		   "stolen.");
	d->o->para_end(d->f);
	d->o->table_begin(d->f, cols, "llrr");
	for (size_t i = 0; i < c->n_days; i++) {
		const struct report_day *x = &c->days[i];

		d->o->row_begin(d->f);
		date_format_day(x->day, day);
		cell(d, day);
		cell(d, res->assets[x->asset].asset);
		cell(d, amt(b, sizeof(b), res, x->asset, x->amount));
		snprintf(n, sizeof(n), "%u", x->txs);
		cell(d, n);
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
}

/* ---- methodology ---- */

static void methodology(const struct doc *d, const struct report_case *c,
			int lv)
{
	const struct trace_counters *k = &c->res->counters;

	d->o->heading(d->f, lv, "Methodology");
	d->o->para_begin(d->f);
	d->o->strong(d->f, "Policy.");
	d->o->text(d->f, " ");
	d->o->text(d->f, report_policy_text(c->res->policy));
	d->o->para_end(d->f);
	for (size_t i = 0; report_method_notes[i]; i++) {
		d->o->para_begin(d->f);
		d->o->text(d->f, report_method_notes[i]);
		d->o->para_end(d->f);
	}
	d->o->para_begin(d->f);
	textf(d,
	      "This trace read %llu transactions, of which %llu moved "
	      "taint, over %llu addresses; %llu inputs had a previous "
	      "transaction outside the database (counted clean); %llu "
	      "CoinJoin-shaped transactions were left out of clustering.",
	      (unsigned long long)k->txs_scanned,
	      (unsigned long long)k->txs_visited,
	      (unsigned long long)k->addresses,
	      (unsigned long long)k->inputs_missing,
	      (unsigned long long)k->coinjoins);
	d->o->para_end(d->f);
	if (c->exit_level) {
		const uint64_t *n = c->level_outputs;

		d->o->para_begin(d->f);
		textf(d,
		      "Of the %llu tainted transfers of this trace, %llu "
		      "are verified, %llu proven and %llu asserted by the "
		      "node.",
		      (unsigned long long)(n[0] + n[1] + n[2]),
		      (unsigned long long)n[REC_LEVEL_VERIFIED],
		      (unsigned long long)n[REC_LEVEL_PROVEN],
		      (unsigned long long)n[REC_LEVEL_ASSERTED]);
		d->o->para_end(d->f);
	}
}

static void flow_graph(const struct doc *d, const struct report_case *c, int lv)
{
	if (!d->o->svg)
		return;
	d->o->heading(d->f, lv, "Flow graph");
	if (c->graph_svg) {
		d->o->svg(d->f, c->graph_svg,
			  "Tainted flows from the seeds to the exits, "
			  "coloured as the legend says. Addresses are "
			  "shortened: hover a box for the whole address (the "
			  "tables give every address in full). Runs of "
			  "single-in, single-out addresses are drawn as one "
			  "box. A frontier node (orange, double border) is "
			  "where the trail continues: follow here.");
		if (c->cross && c->cross->n_follow) {
			d->o->para_begin(d->f);
			d->o->text(d->f,
				   "Each trace is drawn in a dashed box naming "
				   "its chain and asset; a cross-chain link "
				   "followed is a dashed magenta edge from the "
				   "address the taint reached to the one the "
				   "other side paid, labelled with its kind, "
				   "confidence and both amounts (the "
				   "Cross-chain section gives its evidence).");
			d->o->para_end(d->f);
		}
		return;
	}
	d->o->para_begin(d->f);
	d->o->text(d->f,
		   d->r->graph_note ? d->r->graph_note : "No flow graph.");
	d->o->para_end(d->f);
}

/* ---- cross-chain (docs/crosschain.md) ---- */

static const char *xamt(char *buf, size_t size, trc_amount v, int decimals,
			const char *asset)
{
	char s[AMOUNT_STR_MAX];

	snprintf(buf, size, "%s%s%s",
		 amount_format(s, sizeof(s), v,
			       decimals < 0 ? 0 : (unsigned)decimals, true),
		 *asset ? " " : "", asset);
	return buf;
}

/* "chain txid:n" as code: the explorer links are the case chain's */
static void cell_end_ref(const struct doc *d, const struct xlink_end *e)
{
	char b[CHAIN_TXID_STR_MAX + 48];

	snprintf(b, sizeof(b), "%s %s:%u", e->chain, e->txid, (unsigned)e->n);
	cell_code(d, b);
}

static void cross_link_values(const struct doc *d, const struct report_case *c,
			      size_t i)
{
	const struct report_xvalue *v = &c->xvalues[i];
	char b[128];

	cell(d, report_value_text(b, sizeof(b), d->r, &v->from));
	cell(d, report_value_text(b, sizeof(b), d->r, &v->to));
	cell(d, report_xvalue_diff(b, sizeof(b), d->r, v));
}

static void cross_links(const struct doc *d, const struct report_case *c)
{
	static const char *const cols[] = { "Link",	  "From",      "Taint",
					    "To",	  "Converted", "Kind",
					    "Confidence", "Evidence",  NULL };
	static const char *const cols_v[] = { "Link",	     "From",
					      "Taint",	     "To",
					      "Converted",   "Kind",
					      "Confidence",  "Evidence",
					      "Taint value", "Converted value",
					      "Difference",  NULL };
	const struct case_cross *x = c->cross;
	char b[2][AMOUNT_STR_MAX + 80], n[32];
	bool values = d->r->prices && c->xvalues;

	d->o->table_begin(d->f, values ? cols_v : cols,
			  values ? "llrlrlllrrr" : "llrlrlll");
	for (size_t i = 0; i < x->n_follow; i++) {
		const struct case_xfollow *w = &x->follow[i];
		const struct xlink *l = &x->links[w->link];

		case_cross_link_name(x, w->link, n, sizeof(n));
		d->o->row_begin(d->f);
		cell(d, n);
		cell_end_ref(d, &l->from);
		cell(d, xamt(b[0], sizeof(b[0]), w->taint, 0, w->from_asset));
		cell_end_ref(d, &l->to);
		cell(d, xamt(b[1], sizeof(b[1]), w->converted, 0, w->to_asset));
		cell(d, xlink_kind_name(l->kind));
		cell(d, xlink_confidence_name(l->confidence));
		cell(d, l->evidence);
		if (values)
			cross_link_values(d, c, i);
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
	if (values) {
		d->o->para_begin(d->f);
		d->o->text(d->f,
			   "Each side of a link is valued in its own asset "
			   "at the day of its own transaction; the difference "
			   "(converted value - taint value) is what the swap, "
			   "desk or bridge kept or added at those prices. "
			   "Neither side is proceeds.");
		d->o->para_end(d->f);
	}
}

/* "chain ASSET" of run w's asset a */
static void cell_run_asset(const struct doc *d, const struct report_xrun *w,
			   uint32_t a)
{
	cell(d, w->chain);
	cell_code(d, w->res->assets[a].asset);
}

static void cross_exit_row(const struct doc *d, const struct report_xrun *w,
			   size_t i)
{
	const struct trace_exit *x = &w->res->exits[i];
	char b[AMOUNT_STR_MAX + 40], v[160];

	d->o->row_begin(d->f);
	cell_run_asset(d, w, x->asset);
	cell(d, x->entity ? x->entity : "");
	snprintf(v, sizeof(v), "%s%s", report_category(x->category),
		 x->inferred ? " (inferred)" : "");
	cell(d, v);
	cell_code(d, x->address);
	cell(d, amt(b, sizeof(b), w->res, x->asset, x->amount));
	if (d->r->prices)
		cell(d,
		     report_value_text(v, sizeof(v), d->r, &w->exit_value[i]));
	cell(d, report_time(v, sizeof(v), x->first_time));
	d->o->cell_begin(d->f);
	for (size_t t = 0; t < x->n_txids; t++) {
		if (t)
			d->o->text(d->f, " ");
		d->o->code(d->f, x->txids[t]);
	}
	d->o->cell_end(d->f);
	d->o->row_end(d->f);
}

/* The exits of the further traces, per chain and asset. */
static void cross_exits(const struct doc *d, const struct report_case *c)
{
	static const char *const cols[] = {
		"Chain",  "Asset",	   "Entity", "Category", "Address",
		"Amount", "First arrival", "Txids",  NULL
	};
	static const char *const cols_v[] = {
		"Chain",   "Asset",  "Entity",		 "Category",
		"Address", "Amount", "Value at arrival", "First arrival",
		"Txids",   NULL
	};
	size_t n = 0;

	for (size_t k = 0; k < c->n_xruns; k++)
		n += c->xruns[k].res->n_exits;
	d->o->para_begin(d->f);
	d->o->strong(d->f, "Exits of the further traces");
	d->o->text(d->f, n ? ", per chain and asset (the exits above are the "
			     "case chain's):"
			   : ": none.");
	d->o->para_end(d->f);
	if (!n)
		return;
	d->o->table_begin(d->f, d->r->prices ? cols_v : cols,
			  d->r->prices ? "lllllrrll" : "lllllrll");
	for (size_t k = 0; k < c->n_xruns; k++)
		for (size_t i = 0; i < c->xruns[k].res->n_exits; i++)
			cross_exit_row(d, &c->xruns[k], i);
	d->o->table_end(d->f);
}

/* The held funds of the further traces, largest first per trace. */
static void cross_held(const struct doc *d, const struct report_case *c)
{
	static const char *const cols[] = { "Chain", "Asset", "Address",
					    "Amount", NULL };
	char b[AMOUNT_STR_MAX + 40];
	size_t n = 0;

	for (size_t k = 0; k < c->n_xruns; k++)
		n += c->xruns[k].res->n_held;
	if (!n)
		return;
	d->o->para_begin(d->f);
	d->o->strong(d->f, "Held in the further traces");
	d->o->text(d->f, " (unspent at untagged addresses):");
	d->o->para_end(d->f);
	d->o->table_begin(d->f, cols, "lllr");
	for (size_t k = 0; k < c->n_xruns; k++) {
		const struct report_xrun *w = &c->xruns[k];

		for (size_t i = 0; i < w->res->n_held; i++) {
			const struct trace_held *h = &w->res->held[i];

			d->o->row_begin(d->f);
			cell_run_asset(d, w, h->asset);
			if (*h->address)
				cell_code(d, h->address);
			else
				cell(d, "(no address)");
			cell(d, amt(b, sizeof(b), w->res, h->asset, h->amount));
			d->o->row_end(d->f);
		}
	}
	d->o->table_end(d->f);
}

static void cross_assets(const struct doc *d, const struct report_case *c)
{
	static const char *const cols[] = {
		"Chain",      "Asset",	       "Seed",	   "Converted in",
		"Exits",      "Held",	       "Fees",	   "Destroyed",
		"Unresolved", "Converted out", "Identity", NULL
	};
	const struct case_cross *x = c->cross;
	char b[AMOUNT_STR_MAX + 80];

	d->o->table_begin(d->f, cols, "llrrrrrrrrl");
	for (size_t i = 0; i < x->n_assets; i++) {
		const struct case_xasset *g = &x->assets[i];
		const trc_amount v[8] = { g->seed,	 g->converted_in,
					  g->exits,	 g->held,
					  g->fees,	 g->destroyed,
					  g->unresolved, g->converted_out };

		d->o->row_begin(d->f);
		cell(d, g->chain);
		cell_code(d, g->asset);
		for (int k = 0; k < 8; k++)
			cell(d, xamt(b, sizeof(b), v[k], g->decimals, ""));
		cell(d, !g->conserving ? "exposure (poison)"
			: g->balanced  ? "balanced"
				       : "FAILS (please report)");
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
}

static void cross_chain(const struct doc *d, const struct report_case *c,
			int lv)
{
	const struct case_cross *x = c->cross;

	if (!x)
		return;
	d->o->heading(d->f, lv, "Cross-chain");
	d->o->para_begin(d->f);
	textf(d,
	      "%zu of %zu cross-chain link%s (%zu stated in the case, %zu "
	      "found in the database) carried taint to another chain or "
	      "asset and the trace continued there (%zu further "
	      "trace%s). A link's converted amount is floor(taint x value "
	      "out / value in), exact; per asset, seed + converted in = exits "
	      "+ held + fees + destroyed + unresolved + converted out. The "
	      "exits, paths, held and unresolved sections above are the "
	      "case chain's trace; the flow graph draws every trace, and "
	      "the further traces' exits and held funds follow.",
	      x->n_follow, x->n_links, x->n_links == 1 ? "" : "s", x->n_stated,
	      x->n_links - x->n_stated, x->n_runs ? x->n_runs - 1 : 0,
	      x->n_runs == 2 ? "" : "s");
	d->o->para_end(d->f);
	if (x->n_follow)
		cross_links(d, c);
	cross_exits(d, c);
	cross_held(d, c);
	cross_assets(d, c);
}

static void one_case(const struct doc *d, const struct report_case *c, int lv)
{
	summary(d, c, lv);
	flow_graph(d, c, lv);
	exits(d, c, lv);
	paths(d, c, lv);
	held(d, c, lv);
	destroyed(d, c, lv);
	unresolved(d, c, lv);
	cross_chain(d, c, lv);
	timeline(d, c, lv);
	methodology(d, c, lv);
}

/* ---- total over several cases ---- */

static const char *total_amt(char *buf, size_t size, const struct report *r,
			     const struct report_total *t, trc_amount v)
{
	char s[AMOUNT_STR_MAX];
	unsigned dec = 0;

	for (size_t i = 0; i < r->n_cases; i++) {
		uint32_t a;

		if (export_graph_find_asset(r->cases[i].res, t->asset, &a)) {
			dec = report_decimals(r->cases[i].res, a);
			break;
		}
	}
	snprintf(buf, size, "%s %s", amount_format(s, sizeof(s), v, dec, true),
		 t->asset);
	return buf;
}

static void total(const struct doc *d, int lv)
{
	static const char *const cols[] = { "Entity",
					    "Category",
					    "Sum over cases",
					    "Counted once",
					    "Overlap",
					    "Value",
					    NULL };
	static const char *const cols_nv[] = { "Entity",	 "Category",
					       "Sum over cases", "Counted once",
					       "Overlap",	 NULL };
	const struct report *r = d->r;
	char b[AMOUNT_STR_MAX + 40], v[160];

	d->o->heading(d->f, lv, "Total over all cases");
	d->o->para_begin(d->f);
	d->o->text(d->f, "Funds that two cases trace into the same exit "
			 "address in the same transaction are the same funds: "
			 "they are counted once (at the larger of the cases' "
			 "amounts) and the rest is shown as overlap.");
	d->o->para_end(d->f);
	if (!r->n_totals) {
		d->o->para_begin(d->f);
		d->o->text(d->f, "No case reached an exit.");
		d->o->para_end(d->f);
		return;
	}
	d->o->table_begin(d->f, r->prices ? cols : cols_nv, "llrrrr");
	for (size_t i = 0; i < r->n_totals; i++) {
		const struct report_total *t = &r->totals[i];

		d->o->row_begin(d->f);
		cell(d, t->entity);
		cell(d, report_category(t->category));
		cell(d, total_amt(b, sizeof(b), r, t, t->sum));
		cell(d, total_amt(b, sizeof(b), r, t, t->amount));
		cell(d, total_amt(b, sizeof(b), r, t, t->overlap));
		if (r->prices)
			cell(d, report_value_text(v, sizeof(v), r, &t->value));
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
}

/* The overlap summed per asset, one sentence each. */
static void overlap_lines(const struct doc *d)
{
	const struct report *r = d->r;
	char b[AMOUNT_STR_MAX + 40];

	for (size_t i = 0; i < r->n_totals; i++) {
		trc_amount sum = AMOUNT_ZERO;
		bool first = true;

		for (size_t j = 0; j < i && first; j++)
			first = strcasecmp(r->totals[j].asset,
					   r->totals[i].asset) != 0;
		if (!first)
			continue;
		for (size_t j = i; j < r->n_totals; j++)
			if (!strcasecmp(r->totals[j].asset,
					r->totals[i].asset) &&
			    amount_add(&sum, sum, r->totals[j].overlap))
				break;
		d->o->para_begin(d->f);
		textf(d,
		      "Overlap in %s: %s traced by more than one case into "
		      "the same deposits, counted once in the total.",
		      r->totals[i].asset,
		      total_amt(b, sizeof(b), r, &r->totals[i], sum));
		d->o->para_end(d->f);
	}
}

/* ---- provenance ---- */

static void prov_chains(const struct doc *d)
{
	const struct report_prov *p = &d->r->prov;

	for (size_t i = 0; i < p->n_chains; i++) {
		const struct prov_chain *c = &p->chains[i];
		const char *name = chain_name(c->chain);

		d->o->item_begin(d->f);
		d->o->strong(d->f, name ? name : "?");
		textf(d, " (network %s): %llu blocks",
		      c->network ? c->network : "not recorded",
		      (unsigned long long)c->blocks);
		if (c->blocks)
			textf(d, ", heights %u to %u", c->min_height,
			      c->max_height);
		textf(d, ", %llu transactions. Blocks verified by check:",
		      (unsigned long long)c->txs);
		for (unsigned b = 0, n = 0; b < PROV_VERIFIED_BITS; b++)
			if (c->verified[b])
				textf(d, "%s %s %llu", n++ ? "," : "",
				      report_prov_verified_name(b),
				      (unsigned long long)c->verified[b]);
		d->o->text(d->f, ".");
		d->o->item_end(d->f);
	}
}

static void prov_sources(const struct doc *d)
{
	static const char *const cols[] = { "Chain", "Source", "Blocks",
					    "Heights", NULL };
	static const char *const tcols[] = { "Chain", "Tag source", "Tags",
					     NULL };
	const struct report_prov *p = &d->r->prov;
	char v[64];

	if (p->n_sources) {
		d->o->table_begin(d->f, cols, "llrl");
		for (size_t i = 0; i < p->n_sources; i++) {
			const struct prov_source *s = &p->sources[i];

			d->o->row_begin(d->f);
			cell(d, chain_name(s->chain));
			cell_code(d, s->source);
			snprintf(v, sizeof(v), "%llu",
				 (unsigned long long)s->blocks);
			cell(d, v);
			snprintf(v, sizeof(v), "%u to %u", s->min_height,
				 s->max_height);
			cell(d, v);
			d->o->row_end(d->f);
		}
		d->o->table_end(d->f);
	}
	if (!p->n_tag_sources)
		return;
	d->o->table_begin(d->f, tcols, "llr");
	for (size_t i = 0; i < p->n_tag_sources; i++) {
		d->o->row_begin(d->f);
		cell(d, chain_name(p->tag_sources[i].chain));
		cell(d, p->tag_sources[i].source);
		snprintf(v, sizeof(v), "%llu",
			 (unsigned long long)p->tag_sources[i].tags);
		cell(d, v);
		d->o->row_end(d->f);
	}
	d->o->table_end(d->f);
}

static void provenance(const struct doc *d, int lv)
{
	const struct report_prov *p = &d->r->prov;
	char v[128];

	d->o->heading(d->f, lv, "Provenance");
	d->o->list_begin(d->f, 0);
	item(d, "tracer version:", TRACER_VERSION);
	d->o->item_begin(d->f);
	d->o->strong(d->f, "Command:");
	d->o->text(d->f, " ");
	d->o->code(d->f, p->command ? p->command : "");
	d->o->item_end(d->f);
	d->o->item_begin(d->f);
	d->o->strong(d->f, "Database content digest (SHA-256, tracer db "
			   "check):");
	d->o->text(d->f, " ");
	d->o->code(d->f, p->digest);
	snprintf(v, sizeof(v), " over %llu records",
		 (unsigned long long)p->records);
	d->o->text(d->f, v);
	d->o->item_end(d->f);
	prov_chains(d);
	if (d->r->prices) {
		snprintf(v, sizeof(v), "%zu daily rows in %s", d->r->prices->n,
			 d->r->prices->currency);
		item(d, "Prices:", v);
	}
	d->o->list_end(d->f, 0);
	prov_sources(d);
	d->o->para_begin(d->f);
	d->o->text(d->f, "Running the same command on a database with the "
			 "same digest reproduces every number of this report; "
			 "only the generation time differs.");
	d->o->para_end(d->f);
}

enum trc_err report_doc_write(FILE *f, const struct doc_ops *ops,
			      const struct report *r, struct trc_error *err)
{
	struct doc d = { f, ops, r };
	char title[300];
	int lv = r->n_cases > 1 ? 3 : 2;

	if (r->n_cases == 1)
		snprintf(title, sizeof(title), "Tracing report: %s",
			 r->cases[0].kase.name);
	else
		snprintf(title, sizeof(title), "Tracing report: %zu cases",
			 r->n_cases);
	ops->begin(f, title);
	ops->generated(f, r->prov.generated);
	for (size_t i = 0; i < r->n_cases; i++) {
		if (r->n_cases > 1) {
			snprintf(title, sizeof(title), "Case %zu: %s", i + 1,
				 r->cases[i].kase.name);
			ops->heading(f, 2, title);
		}
		one_case(&d, &r->cases[i], lv);
	}
	if (r->n_cases > 1) {
		total(&d, 2);
		overlap_lines(&d);
	}
	provenance(&d, 2);
	ops->end(f);
	if (ferror(f))
		return trc_fail(err, TRC_ERR_IO, "cannot write the report");
	return TRC_OK;
}
