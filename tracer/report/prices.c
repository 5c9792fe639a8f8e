/*
 * Daily prices from a CSV file, and exact fiat valuation.
 */
#include "tracer/report/prices.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/date.h"

struct parsed_row {
	struct price_row row;
	uint32_t line;
};

void prices_release(struct prices *p)
{
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
	p->currency[0] = '\0';
}

/* Strict YYYY-MM-DD. */
static bool parse_day(const char *s, int32_t *day)
{
	int64_t t;

	if (strlen(s) != 10 || !date_parse_iso(s, &t))
		return false;
	*day = (int32_t)date_day_of(t);
	return true;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Splits line at commas into exactly 4 trimmed fields. */
static bool split4(char *line, char *f[4])
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *c = strchr(p, ',');

		if (n == 4)
			return false;
		f[n++] = p;
		if (!c)
			break;
		*c = '\0';
		p = c + 1;
	}
	for (int i = 0; i < n; i++)
		f[i] = trim(f[i]);
	return n == 4;
}

static bool is_header(char *f[4])
{
	return !strcasecmp(f[0], "date") && !strcasecmp(f[1], "asset") &&
	       !strcasecmp(f[2], "currency") && !strcasecmp(f[3], "price");
}

static bool valid_code(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > PRICE_CODE_MAX)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return false;
	return true;
}

static enum trc_err parse_row(struct parsed_row *r, char *f[4],
			      const char *name, uint32_t line,
			      struct trc_error *err)
{
	struct trc_error sub = TRC_ERROR_INIT;

	memset(r, 0, sizeof(*r));
	r->line = line;
	if (!parse_day(f[0], &r->row.day))
		return trc_fail(err, TRC_ERR_PARSE,
				"prices '%s' line %u: "
				"field 'date': '%.40s' is not a date "
				"YYYY-MM-DD",
				name, line, f[0]);
	if (!valid_code(f[1]))
		return trc_fail(err, TRC_ERR_PARSE,
				"prices '%s' line %u: "
				"field 'asset': '%.80s' is not an asset name",
				name, line, f[1]);
	if (!valid_code(f[2]))
		return trc_fail(err, TRC_ERR_PARSE,
				"prices '%s' line %u: "
				"field 'currency': '%.80s' is not a currency "
				"code",
				name, line, f[2]);
	if (amount_parse(&r->row.price, f[3], PRICE_DECIMALS, &sub))
		return trc_fail(err, TRC_ERR_PARSE,
				"prices '%s' line %u: "
				"field 'price': %s",
				name, line, sub.msg);
	snprintf(r->row.asset, sizeof(r->row.asset), "%s", f[1]);
	snprintf(r->row.currency, sizeof(r->row.currency), "%s", f[2]);
	return TRC_OK;
}

static int cmp_row(const void *a, const void *b)
{
	const struct parsed_row *x = a, *y = b;
	int c = strcasecmp(x->row.asset, y->row.asset);

	if (c)
		return c;
	c = strcasecmp(x->row.currency, y->row.currency);
	if (c)
		return c;
	if (x->row.day != y->row.day)
		return x->row.day < y->row.day ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

struct parse_state {
	struct parsed_row *rows;
	size_t n, alloc;
};

static enum trc_err push_row(struct parse_state *st, char *f[4],
			     const char *name, uint32_t line,
			     struct trc_error *err)
{
	enum trc_err rc;
	if (st->n == st->alloc) {
		size_t na = st->alloc ? st->alloc * 2 : 64;
		struct parsed_row *nr = realloc(st->rows, na * sizeof(*nr));

		if (!nr)
			return trc_fail(err, TRC_ERR_NOMEM,
					"out of memory "
					"reading prices '%s'",
					name);
		st->rows = nr;
		st->alloc = na;
	}
	if ((rc = parse_row(&st->rows[st->n], f, name, line, err)))
		return rc;
	st->n++;
	return TRC_OK;
}

/* One line (NUL-terminated, modifiable) of the file. */
static enum trc_err take_line(struct parse_state *st, char *line,
			      const char *name, uint32_t lineno,
			      bool *seen_header, struct trc_error *err)
{
	char *f[4];

	if (!*trim(line))
		return TRC_OK;
	if (strchr(line, '"'))
		return trc_fail(err, TRC_ERR_PARSE,
				"prices '%s' line %u: "
				"quoted fields are not supported",
				name, lineno);
	if (!split4(line, f))
		return trc_fail(err, TRC_ERR_PARSE,
				"prices '%s' line %u: "
				"expected 4 fields date,asset,currency,price",
				name, lineno);
	if (!*seen_header) {
		if (!is_header(f))
			return trc_fail(err, TRC_ERR_PARSE,
					"prices '%s' line "
					"%u: expected the header "
					"'date,asset,currency,price'",
					name, lineno);
		*seen_header = true;
		return TRC_OK;
	}
	return push_row(st, f, name, lineno, err);
}

static enum trc_err split_lines(struct parse_state *st, const char *text,
				size_t len, const char *name,
				struct trc_error *err)
{
	char *copy = malloc(len + 1), *p, *nl;
	uint32_t lineno = 0;
	bool header = false;
	enum trc_err rc = TRC_OK;

	if (!copy)
		return trc_fail(err, TRC_ERR_NOMEM,
				"out of memory reading "
				"prices '%s'",
				name);
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (strlen(copy) != len)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "prices '%s': NUL byte at "
			      "offset %zu",
			      name, strlen(copy));
	for (p = copy; !rc && p < copy + len; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = copy + len;
		*nl = '\0';
		rc = take_line(st, p, name, ++lineno, &header, err);
	}
	if (!rc && !header)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "prices '%s': empty file, "
			      "expected the header 'date,asset,currency,"
			      "price'",
			      name);
	free(copy);
	return rc;
}

/* Rows of `want` only; or checks there is one currency when want is NULL. */
static enum trc_err pick_currency(struct parse_state *st, const char *name,
				  const char *want, char out[],
				  struct trc_error *err)
{
	size_t k = 0;

	if (!st->n)
		return trc_fail(err, TRC_ERR_PARSE, "prices '%s' has no rows",
				name);
	for (size_t i = 0; i < st->n; i++) {
		const char *c = st->rows[i].row.currency;

		if (!want && strcasecmp(c, st->rows[0].row.currency))
			return trc_fail(err, TRC_ERR_INVALID,
					"prices '%s' has "
					"several currencies ('%s' line %u, "
					"'%s' line %u): choose one with "
					"--currency",
					name, st->rows[0].row.currency,
					st->rows[0].line, c, st->rows[i].line);
		if (!want || !strcasecmp(c, want))
			st->rows[k++] = st->rows[i];
	}
	if (!k)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"prices '%s' has no "
				"price in currency '%s'",
				name, want);
	st->n = k;
	/* valid_code kept it within PRICE_CODE_MAX */
	memcpy(out, st->rows[0].row.currency,
	       strlen(st->rows[0].row.currency) + 1);
	return TRC_OK;
}

static enum trc_err check_dups(const struct parse_state *st, const char *name,
			       struct trc_error *err)
{
	for (size_t i = 1; i < st->n; i++) {
		const struct parsed_row *a = &st->rows[i - 1],
					*b = &st->rows[i];
		char day[11];

		if (strcasecmp(a->row.asset, b->row.asset) ||
		    a->row.day != b->row.day)
			continue;
		date_format_day((int64_t)a->row.day * 86400, day);
		return trc_fail(err, TRC_ERR_PARSE,
				"prices '%s' line %u: a "
				"second price for %s %s (first on line %u)",
				name, b->line, a->row.asset, day, a->line);
	}
	return TRC_OK;
}

enum trc_err prices_parse(struct prices *p, const char *text, size_t len,
			  const char *name, const char *currency,
			  struct trc_error *err)
{
	struct parse_state st = { NULL, 0, 0 };
	enum trc_err rc;

	prices_release(p);
	rc = split_lines(&st, text, len, name, err);
	if (!rc)
		rc = pick_currency(&st, name, currency, p->currency, err);
	if (rc)
		goto cleanup;
	qsort(st.rows, st.n, sizeof(*st.rows), cmp_row);
	rc = check_dups(&st, name, err);
	if (rc)
		goto cleanup;
	p->rows = malloc(st.n * sizeof(*p->rows));
	if (!p->rows) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < st.n; i++)
		p->rows[i] = st.rows[i].row;
	p->n = st.n;
cleanup:
	if (rc)
		p->currency[0] = '\0';
	free(st.rows);
	return rc;
}

enum trc_err prices_load(struct prices *p, const char *path,
			 const char *currency, struct trc_error *err)
{
	struct buf b = BUF_INIT(PRICES_FILE_MAX);
	enum trc_err rc;

	prices_release(p);
	rc = buf_read_file(&b, path, err);
	if (rc == TRC_ERR_TOOBIG)
		rc = trc_fail(err, rc, "prices '%s' is larger than %u MiB",
			      path, PRICES_FILE_MAX >> 20);
	if (!rc)
		rc = prices_parse(p, buf_str(&b), b.len, path, currency, err);
	buf_release(&b);
	return rc;
}

static int cmp_key(const char *asset, int32_t day, const struct price_row *r)
{
	int c = strcasecmp(asset, r->asset);

	if (c)
		return c;
	return day < r->day ? -1 : day > r->day;
}

bool prices_get(const struct prices *p, const char *asset, int64_t t,
		trc_amount *price)
{
	int32_t day = (int32_t)date_day_of(t);
	size_t lo = 0, hi = p->n;

	*price = AMOUNT_ZERO;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(asset, day, &p->rows[mid]);

		if (!c) {
			*price = p->rows[mid].price;
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static bool pow10_amount(unsigned e, trc_amount *out)
{
	trc_amount r = amount_from_u64(1), ten = amount_from_u64(10);

	for (unsigned i = 0; i < e; i++)
		if (amount_mul(&r, r, ten))
			return false;
	*out = r;
	return true;
}

bool prices_value(const struct prices *p, const char *asset, int64_t t,
		  trc_amount amount, unsigned decimals, trc_amount *cents)
{
	trc_amount price, div, q, rem, twice;

	*cents = AMOUNT_ZERO;
	if (!prices_get(p, asset, t, &price))
		return false;
	/* cents = amount / 10^decimals * price / 10^PRICE_DECIMALS * 100 */
	if (!pow10_amount(decimals + PRICE_DECIMALS - 2, &div))
		return false;
	if (amount_mul_div(&q, &rem, amount, price, div))
		return false;
	if (amount_add(&twice, rem, rem) == TRC_OK &&
	    amount_cmp(twice, div) >= 0 &&
	    amount_add(&q, q, amount_from_u64(1)))
		return false;
	*cents = q;
	return true;
}

char *prices_format_cents(char *buf, size_t size, trc_amount cents)
{
	return amount_format(buf, size, cents, 2, false);
}
