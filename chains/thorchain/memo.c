/*
 * memo.c - THORChain memos (memo.h): the grammar of THORNode's
 * x/thorchain/memo parser, without its keeper (THORNames and pools are
 * not resolved: a trace needs what the memo says, not what it resolves
 * to today).
 */
#include "chains/thorchain/memo.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/hex.h"
#include "base/num.h"

/* One parameter: its text (NUL-terminated copy) and byte position. */
struct field {
	char s[THOR_FIELD_MAX];
	size_t pos;
};

/* The parameters THORNode reads of any memo; later ones are ignored. */
#define MAX_FIELDS 9

struct parts {
	struct field f[MAX_FIELDS];
	size_t n;	      /* fields present (at most MAX_FIELDS kept) */
	struct field missing; /* empty, at the end of the memo */
};

static const struct field *part(const struct parts *p, size_t i)
{
	return i < p->n ? &p->f[i] : &p->missing;
}

static enum trc_err field_fail(struct trc_error *err, const char *name,
			       size_t pos, const char *fmt, ...)
	TRC_PRINTF(4, 5);

static enum trc_err field_fail(struct trc_error *err, const char *name,
			       size_t pos, const char *fmt, ...)
{
	char why[THOR_FIELD_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return trc_fail(err, TRC_ERR_PARSE, "memo field '%s' at byte %zu: %s",
			name, pos, why);
}

/* ---- the function ---- */

struct function {
	const char *name;
	enum thor_memo_kind kind;
	bool limit_order;
};

/* THORNode's stringToTxTypeMap (x/thorchain/memo/memo.go), lowercase. */
static const struct function functions[] = {
	{ "swap", THOR_MEMO_SWAP, false },
	{ "s", THOR_MEMO_SWAP, false },
	{ "=", THOR_MEMO_SWAP, false },
	{ "limito", THOR_MEMO_SWAP, true },
	{ "lo", THOR_MEMO_SWAP, true },
	{ "out", THOR_MEMO_OUT, false },
	{ "refund", THOR_MEMO_REFUND, false },
	{ "add", THOR_MEMO_ADD, false },
	{ "+", THOR_MEMO_ADD, false },
	{ "withdraw", THOR_MEMO_WITHDRAW, false },
	{ "wd", THOR_MEMO_WITHDRAW, false },
	{ "-", THOR_MEMO_WITHDRAW, false },
	{ "donate", THOR_MEMO_OTHER, false },
	{ "d", THOR_MEMO_OTHER, false },
	{ "bond", THOR_MEMO_OTHER, false },
	{ "unbond", THOR_MEMO_OTHER, false },
	{ "leave", THOR_MEMO_OTHER, false },
	{ "reserve", THOR_MEMO_OTHER, false },
	{ "migrate", THOR_MEMO_OTHER, false },
	{ "ragnarok", THOR_MEMO_OTHER, false },
	{ "noop", THOR_MEMO_OTHER, false },
	{ "consolidate", THOR_MEMO_OTHER, false },
	{ "name", THOR_MEMO_OTHER, false },
	{ "n", THOR_MEMO_OTHER, false },
	{ "~", THOR_MEMO_OTHER, false },
	{ "$+", THOR_MEMO_OTHER, false },
	{ "loan+", THOR_MEMO_OTHER, false },
	{ "$-", THOR_MEMO_OTHER, false },
	{ "loan-", THOR_MEMO_OTHER, false },
	{ "trade+", THOR_MEMO_OTHER, false },
	{ "trade-", THOR_MEMO_OTHER, false },
	{ "switch", THOR_MEMO_OTHER, false },
	{ "yggdrasil+", THOR_MEMO_OTHER, false },
	{ "yggdrasil-", THOR_MEMO_OTHER, false },
};

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static bool same_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (lower(*a) != lower(*b))
			return false;
	return *a == *b;
}

static enum trc_err parse_function(struct thor_memo *m, const struct field *f,
				   struct trc_error *err)
{
	for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
		if (same_nocase(f->s, functions[i].name)) {
			m->kind = functions[i].kind;
			m->limit_order = functions[i].limit_order;
			/* the same length as the table's name (< 16) */
			memcpy(m->function, f->s,
			       strlen(functions[i].name) + 1);
			return TRC_OK;
		}
	return field_fail(err, "function", f->pos,
			  "'%s' is not a THORChain memo function", f->s);
}

/* ---- splitting ---- */

static enum trc_err check_bytes(const char *memo, size_t len,
				struct trc_error *err)
{
	if (len == 0)
		return trc_fail(err, TRC_ERR_PARSE, "memo is empty");
	if (len > THOR_MEMO_MAX)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"memo of %zu bytes is longer than THORChain's "
				"limit of %d",
				len, THOR_MEMO_MAX);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)memo[i] < 0x20 ||
		    (unsigned char)memo[i] > 0x7e)
			return trc_fail(err, TRC_ERR_PARSE,
					"memo byte %zu (0x%02x) is not "
					"printable ASCII",
					i, (unsigned char)memo[i]);
	return TRC_OK;
}

/* Splits memo (up to its first '|') at ':' into p. */
static void split(const char *memo, size_t len, struct parts *p)
{
	size_t start = 0;
	const char *bar = memchr(memo, '|', len);

	if (bar)
		len = (size_t)(bar - memo);
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i <= len; i++) {
		if (i < len && memo[i] != ':')
			continue;
		if (p->n < MAX_FIELDS) {
			struct field *f = &p->f[p->n++];

			memcpy(f->s, memo + start, i - start);
			f->s[i - start] = '\0';
			f->pos = start;
		}
		start = i + 1;
	}
	p->missing.pos = len;
}

/* ---- assets ---- */

static const struct {
	const char *code, *chain, *symbol;
} short_codes[] = {
	/* common/asset.go, Asset.ShortCode */
	{ "a", "AVAX", "AVAX" }, { "b", "BTC", "BTC" }, { "c", "BCH", "BCH" },
	{ "d", "DOGE", "DOGE" }, { "e", "ETH", "ETH" }, { "g", "GAIA", "ATOM" },
	{ "l", "LTC", "LTC" },	 { "n", "BNB", "BNB" }, { "r", "THOR", "RUNE" },
	{ "s", "BSC", "BNB" },
};

static void asset_finish(struct thor_asset *a)
{
	static const char seps[] = { '.', '/', '~' };
	const char *dash = strchr(a->symbol, '-');
	size_t tl = dash ? (size_t)(dash - a->symbol) : strlen(a->symbol);
	size_t out;

	memcpy(a->ticker, a->symbol, tl);
	a->ticker[tl] = '\0';
	snprintf(a->full, sizeof(a->full), "%s%c%s", a->chain, seps[a->kind],
		 a->symbol);
	/* "0X" and 40 hex digits after the dash: the token's contract */
	if (dash && strlen(dash + 1) == 42 && dash[1] == '0' &&
	    dash[2] == 'X' &&
	    hex_decode(a->contract, 20, &out, dash + 3, 40, NULL) == TRC_OK)
		a->has_contract = true;
}

static bool short_code(struct thor_asset *a, const char *s)
{
	for (size_t i = 0; i < sizeof(short_codes) / sizeof(short_codes[0]);
	     i++)
		if (!strcmp(s, short_codes[i].code)) {
			snprintf(a->chain, sizeof(a->chain), "%s",
				 short_codes[i].chain);
			snprintf(a->symbol, sizeof(a->symbol), "%s",
				 short_codes[i].symbol);
			a->short_code = true;
			return true;
		}
	return false;
}

/* Finds the separator THORNode splits at: '~', else '/', else '.'. */
static const char *asset_sep(const char *s, enum thor_asset_kind *kind)
{
	const char *p;

	if ((p = strchr(s, '~'))) {
		*kind = THOR_ASSET_TRADE;
		return p;
	}
	if ((p = strchr(s, '/'))) {
		*kind = THOR_ASSET_SYNTH;
		return p;
	}
	*kind = THOR_ASSET_L1;
	return strchr(s, '.');
}

static bool copy_upper(char *out, size_t cap, const char *s, size_t len,
		       bool dash_ok)
{
	if (len == 0 || len >= cap)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!is_alnum(s[i]) && !(dash_ok && i > 0 && s[i] == '-'))
			return false;
		out[i] = upper(s[i]);
	}
	out[len] = '\0';
	return true;
}

static enum trc_err parse_asset(struct thor_asset *a, const struct field *f,
				struct trc_error *err)
{
	const char *s = f->s, *sep, *sym = s;
	bool ok = true;

	memset(a, 0, sizeof(*a));
	if (!s[0])
		return field_fail(err, "asset", f->pos, "no asset");
	if (!short_code(a, s)) {
		sep = asset_sep(s, &a->kind);
		if (sep) {
			ok = copy_upper(a->chain, sizeof(a->chain), s,
					(size_t)(sep - s), false);
			sym = sep + 1;
		} else {
			snprintf(a->chain, sizeof(a->chain), "THOR");
		}
		ok = ok && copy_upper(a->symbol, sizeof(a->symbol), sym,
				      strlen(sym), true);
		if (!ok)
			return field_fail(err, "asset", f->pos,
					  "'%s' is not an asset (CHAIN.SYMBOL "
					  "or a short code)",
					  s);
	}
	asset_finish(a);
	return TRC_OK;
}

/* ---- numbers ---- */

/* *v = *v * 10 + d, or TRC_ERR_OVERFLOW. */
static enum trc_err push_digit(trc_amount *v, unsigned d)
{
	trc_amount t;
	enum trc_err rc = amount_mul(&t, *v, amount_from_u64(10));

	if (!rc)
		rc = amount_add(v, t, amount_from_u64(d));
	return rc;
}

/* Scales *v by 10^exp10 (exp10 < 0: divides, rounding down). */
static enum trc_err scale10(trc_amount *v, long exp10)
{
	trc_amount p = amount_from_u64(1);

	for (long i = exp10 < 0 ? -exp10 : exp10; i > 0; i--) {
		if (!amount_mul(&p, p, amount_from_u64(10)))
			continue;
		if (exp10 > 0)
			return TRC_ERR_OVERFLOW;
		*v = AMOUNT_ZERO; /* divided by more than 2^256 */
		return TRC_OK;
	}
	if (exp10 >= 0)
		return amount_mul(v, *v, p);
	return amount_mul_div(v, NULL, *v, amount_from_u64(1), p);
}

/*
 * A whole number as THORNode reads limits (big.ParseFloat, the fraction
 * discarded): digits, an optional fraction, an optional exponent
 * "e" / "E" with an optional '+' and digits. No sign, no spaces.
 */
static enum trc_err parse_sci(const char *s, trc_amount *out)
{
	trc_amount v = AMOUNT_ZERO;
	long frac = 0, exp10 = 0;
	bool digits = false, point = false;

	for (; *s && *s != 'e' && *s != 'E'; s++) {
		if (*s == '.' && !point) {
			point = true;
			continue;
		}
		if (*s < '0' || *s > '9' ||
		    push_digit(&v, (unsigned)(*s - '0')))
			return TRC_ERR_PARSE;
		digits = true;
		frac += point;
	}
	if (!digits)
		return TRC_ERR_PARSE;
	if (*s) {
		s += s[1] == '+' ? 2 : 1;
		if (!*s)
			return TRC_ERR_PARSE;
		for (; *s; s++) {
			if (*s < '0' || *s > '9' || exp10 > 1000)
				return TRC_ERR_PARSE;
			exp10 = exp10 * 10 + (*s - '0');
		}
	}
	*out = v;
	return scale10(out, exp10 - frac) ? TRC_ERR_PARSE : TRC_OK;
}

static enum trc_err sci_field(const char *name, const char *s, size_t pos,
			      trc_amount *v, struct trc_error *err)
{
	if (parse_sci(s, v))
		return field_fail(err, name, pos,
				  "'%s' is not a number (digits, optionally "
				  "in scientific notation, below 2^256)",
				  s);
	return TRC_OK;
}

static enum trc_err u64_field(const char *name, const char *s, size_t pos,
			      uint64_t max, uint64_t *v, struct trc_error *err)
{
	struct trc_error e = TRC_ERROR_INIT;

	if (!s[0]) {
		*v = 0;
		return TRC_OK;
	}
	if (num_parse_u64(s, 0, max, v, &e))
		return field_fail(err, name, pos, "%s", e.msg);
	return TRC_OK;
}

/* ---- swap parameters ---- */

static enum trc_err parse_dest(struct thor_memo *m, const struct field *f,
			       struct trc_error *err)
{
	const char *slash = strchr(f->s, '/');

	if (!slash) {
		snprintf(m->dest, sizeof(m->dest), "%s", f->s);
		return TRC_OK;
	}
	memcpy(m->dest, f->s, (size_t)(slash - f->s));
	m->dest[slash - f->s] = '\0';
	snprintf(m->refund, sizeof(m->refund), "%s", slash + 1);
	if (!m->dest[0] && m->refund[0])
		return field_fail(err, "destination", f->pos,
				  "a refund address without a destination "
				  "address");
	return TRC_OK;
}

/* LIM or LIM/INTERVAL/QUANTITY (empty parts are 0). */
static enum trc_err parse_limit(struct thor_memo *m, const struct field *f,
				struct trc_error *err)
{
	char buf[THOR_FIELD_MAX], *p[3] = { buf, NULL, NULL };
	enum trc_err rc;

	if (!f->s[0])
		return TRC_OK;
	snprintf(buf, sizeof(buf), "%s", f->s);
	for (int i = 1; i < 3 && (p[i] = strchr(p[i - 1], '/')); i++)
		*p[i]++ = '\0';
	m->streaming = p[1] != NULL;
	m->has_limit = true;
	if (!buf[0] && m->streaming)
		m->limit = AMOUNT_ZERO;
	else if ((rc = sci_field("limit", buf, f->pos, &m->limit, err)))
		return rc;
	if (p[1] &&
	    (rc = u64_field("interval", p[1], f->pos + (size_t)(p[1] - buf),
			    UINT64_MAX, &m->interval, err)))
		return rc;
	if (p[2] &&
	    (rc = u64_field("quantity", p[2], f->pos + (size_t)(p[2] - buf),
			    UINT64_MAX, &m->quantity, err)))
		return rc;
	return TRC_OK;
}

/* FEE or FEE1/FEE2/..., one per affiliate. */
static enum trc_err parse_fees(struct thor_memo *m, const struct field *f,
			       struct trc_error *err)
{
	char buf[THOR_FIELD_MAX], *s = buf, *next;
	enum trc_err rc;

	if (!f->s[0])
		return TRC_OK;
	snprintf(buf, sizeof(buf), "%s", f->s);
	for (; s; s = next) {
		if ((next = strchr(s, '/')))
			*next++ = '\0';
		if (m->n_fees == THOR_MAX_AFFILIATES)
			return field_fail(err, "fee", f->pos,
					  "more than %d affiliate fees",
					  THOR_MAX_AFFILIATES);
		rc = u64_field("fee", s, f->pos + (size_t)(s - buf),
			       THOR_MAX_BPS, &m->fee_bps[m->n_fees], err);
		if (rc)
			return rc;
		m->n_fees++;
	}
	return TRC_OK;
}

static enum trc_err parse_swap(struct thor_memo *m, const struct parts *p,
			       struct trc_error *err)
{
	enum trc_err rc = parse_asset(&m->asset, part(p, 1), err);

	m->has_asset = rc == TRC_OK;
	if (!rc)
		rc = parse_dest(m, part(p, 2), err);
	if (!rc)
		rc = parse_limit(m, part(p, 3), err);
	if (rc)
		return rc;
	snprintf(m->affiliate, sizeof(m->affiliate), "%s", part(p, 4)->s);
	if ((rc = parse_fees(m, part(p, 5), err)))
		return rc;
	snprintf(m->dex_aggregator, sizeof(m->dex_aggregator), "%s",
		 part(p, 6)->s);
	snprintf(m->dex_target, sizeof(m->dex_target), "%s", part(p, 7)->s);
	if (!part(p, 8)->s[0])
		return TRC_OK;
	m->has_dex_limit = true;
	return sci_field("dex limit", part(p, 8)->s, part(p, 8)->pos,
			 &m->dex_limit, err);
}

/* ---- OUT / REFUND ---- */

static enum trc_err parse_txid(struct thor_memo *m, const struct field *f,
			       struct trc_error *err)
{
	const char *h = f->s;
	size_t out;

	if (h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
		h += 2;
	if (strlen(h) != 64 || hex_decode(m->txid, 32, &out, h, 64, NULL))
		return field_fail(err, "txid", f->pos,
				  "'%s' is not a transaction hash (64 hex "
				  "digits)",
				  f->s);
	m->has_txid = true;
	return TRC_OK;
}

/* ---- the whole memo ---- */

enum trc_err thor_memo_parse(struct thor_memo *m, const char *memo, size_t len,
			     struct trc_error *err)
{
	struct parts p;
	enum trc_err rc;

	memset(m, 0, sizeof(*m));
	if ((rc = check_bytes(memo, len, err)))
		return rc;
	split(memo, len, &p);
	if ((rc = parse_function(m, part(&p, 0), err)))
		return rc;
	switch (m->kind) {
	case THOR_MEMO_SWAP:
		rc = parse_swap(m, &p, err);
		break;
	case THOR_MEMO_OUT:
	case THOR_MEMO_REFUND:
		rc = parse_txid(m, part(&p, 1), err);
		break;
	case THOR_MEMO_ADD:
	case THOR_MEMO_WITHDRAW:
		if (part(&p, 1)->s[0]) {
			rc = parse_asset(&m->asset, part(&p, 1), err);
			m->has_asset = rc == TRC_OK;
		}
		break;
	default:
		break;
	}
	if (rc)
		memset(m, 0, sizeof(*m));
	return rc;
}

const char *thor_memo_kind_name(enum thor_memo_kind k)
{
	static const char *const names[] = { "none",   "swap", "out",
					     "refund", "add",  "withdraw",
					     "other" };

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k]
							      : "none";
}
