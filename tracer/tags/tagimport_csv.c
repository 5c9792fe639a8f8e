/*
 * tagimport_csv.c - the CSV reader: RFC 4180 fields (quotes, doubled
 * quotes, line breaks inside quotes), a header naming the columns, '#'
 * comment lines and blank lines ignored.
 *
 * Required columns: chain,address,entity,category,source,confidence;
 * optional: actor, inferred, evidence, abuse. An empty cell is "not
 * given" (the command line's value or the default applies).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "tracer/tags/tagimport_readers.h"

#define CSV_FIELDS_MAX 16
#define CSV_FIELD_MAX 65536

enum col {
	COL_CHAIN,
	COL_ADDRESS,
	COL_ENTITY,
	COL_CATEGORY,
	COL_SOURCE,
	COL_CONFIDENCE,
	COL_ACTOR,
	COL_INFERRED,
	COL_EVIDENCE,
	COL_ABUSE,
	COL_NETWORK,
	COL_COUNT
};

static const char *const col_names[COL_COUNT] = {
	"chain", "address",  "entity",	 "category", "source",	"confidence",
	"actor", "inferred", "evidence", "abuse",    "network",
};
#define COL_REQUIRED 6

struct record {
	char *field[CSV_FIELDS_MAX];
	size_t n;
	unsigned line;	   /* where the record starts */
	const char *error; /* why the record cannot be read, or NULL */
};

struct cursor {
	const char *p, *end;
	unsigned line;
};

static void record_clear(struct record *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->field[i]);
	r->n = 0;
	r->error = NULL;
}

static enum trc_err add_field(struct record *r, struct buf *f)
{
	char *s;

	if (r->n == CSV_FIELDS_MAX) {
		r->error = "more than 16 fields";
		return TRC_OK;
	}
	if (!(s = strdup(buf_str(f))))
		return TRC_ERR_NOMEM;
	r->field[r->n++] = s;
	buf_reset(f);
	return TRC_OK;
}

static enum trc_err add_char(struct record *r, struct buf *f, char c)
{
	enum trc_err rc;

	if (c == 0) {
		r->error = "a NUL byte";
		return TRC_OK;
	}
	rc = buf_append(f, &c, 1);
	if (rc == TRC_ERR_TOOBIG) {
		r->error = "a field longer than 64 KiB";
		return TRC_OK;
	}
	return rc;
}

/* Reads one record (up to an unquoted line end). Out: *r. Returns
 * TRC_ERR_NOMEM only; a malformed record sets r->error. */
static enum trc_err next_record(struct cursor *c, struct record *r)
{
	struct buf f = BUF_INIT(CSV_FIELD_MAX);
	bool quoted = false, was_quoted = false;
	enum trc_err rc = TRC_OK;

	record_clear(r);
	r->line = c->line;
	while (c->p < c->end && !rc) {
		char ch = *c->p++;

		if (quoted) {
			if (ch == '"' && c->p < c->end && *c->p == '"') {
				c->p++;
				rc = add_char(r, &f, '"');
			} else if (ch == '"') {
				quoted = false;
			} else {
				c->line += ch == '\n';
				rc = add_char(r, &f, ch);
			}
			continue;
		}
		if (ch == '\n') {
			c->line++;
			break;
		}
		if (ch == '\r' && (c->p == c->end || *c->p == '\n'))
			continue;
		if (ch == ',') {
			rc = add_field(r, &f);
			was_quoted = false;
		} else if (ch == '"' && !f.len && !was_quoted) {
			quoted = was_quoted = true;
		} else if (ch == '"' || was_quoted) {
			r->error = "a stray quote";
		} else {
			rc = add_char(r, &f, ch);
		}
	}
	if (quoted && !r->error)
		r->error = "a quoted field that does not end";
	if (!rc)
		rc = add_field(r, &f);
	buf_release(&f);
	return rc;
}

static bool blank(const struct record *r)
{
	return r->n == 1 && !r->field[0][0];
}

/* A line starting with '#' is a comment, whatever it holds. Returns
 * whether one was skipped. */
static bool skip_comment(struct cursor *c)
{
	const char *nl;

	if (*c->p != '#')
		return false;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	c->p = nl ? nl + 1 : c->end;
	c->line++;
	return true;
}

/* Maps header columns to enum col. Out: map[i] for field i. */
static enum trc_err read_header(struct tagimport_run *run,
				const struct record *r, int map[CSV_FIELDS_MAX],
				struct trc_error *err)
{
	bool seen[COL_COUNT] = { false };

	for (size_t i = 0; i < r->n; i++) {
		int c;

		for (c = 0; c < COL_COUNT; c++)
			if (!strcasecmp(r->field[i], col_names[c]))
				break;
		if (c == COL_COUNT || seen[c])
			return trc_fail(
				err, TRC_ERR_PARSE,
				"%s:%u: %s column '%.40s' in the header "
				"(want chain,address,entity,category,"
				"source,confidence[,actor,inferred,"
				"evidence,abuse,network])",
				tagimport_name(run), r->line,
				c == COL_COUNT ? "unknown" : "repeated",
				r->field[i]);
		seen[c] = true;
		map[i] = c;
	}
	for (int c = 0; c < COL_REQUIRED; c++)
		if (!seen[c])
			return trc_fail(err, TRC_ERR_PARSE,
					"%s:%u: the header has no '%s' column",
					tagimport_name(run), r->line,
					col_names[c]);
	return TRC_OK;
}

static enum trc_err emit_row(struct tagimport_run *run, const struct record *r,
			     const int *map, size_t ncols)
{
	const char *v[COL_COUNT] = { NULL };
	struct tagraw raw;

	if (r->error) {
		tagimport_reject(run, r->line, NULL, "%s", r->error);
		return TRC_OK;
	}
	if (r->n != ncols) {
		tagimport_reject(run, r->line, NULL,
				 "%zu fields where the header has %zu", r->n,
				 ncols);
		return TRC_OK;
	}
	for (size_t i = 0; i < r->n; i++)
		v[map[i]] = r->field[i][0] ? r->field[i] : NULL;
	memset(&raw, 0, sizeof(raw));
	raw.line = r->line;
	raw.chain = v[COL_CHAIN];
	raw.address = v[COL_ADDRESS];
	raw.entity = v[COL_ENTITY];
	raw.category = v[COL_CATEGORY];
	raw.source = v[COL_SOURCE];
	raw.confidence = v[COL_CONFIDENCE];
	raw.actor = v[COL_ACTOR];
	raw.inferred = v[COL_INFERRED];
	raw.evidence = v[COL_EVIDENCE];
	raw.abuse = v[COL_ABUSE];
	raw.network = v[COL_NETWORK];
	return tagimport_emit(run, &raw);
}

enum trc_err tagimport_read_csv(struct tagimport_run *run, const char *data,
				size_t len, struct trc_error *err)
{
	struct cursor c = { data, data + len, 1 };
	struct record r = { { NULL }, 0, 0, NULL };
	int map[CSV_FIELDS_MAX];
	size_t ncols = 0;
	enum trc_err rc = TRC_OK;

	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		c.p += 3; /* a UTF-8 byte order mark */
	while (c.p < c.end && !rc) {
		if (skip_comment(&c))
			continue;
		if ((rc = next_record(&c, &r)))
			break;
		if (blank(&r))
			continue;
		if (!ncols) {
			if (r.error) {
				rc = trc_fail(
					err, TRC_ERR_PARSE, "%s:%u: header: %s",
					tagimport_name(run), r.line, r.error);
				break;
			}
			rc = read_header(run, &r, map, err);
			ncols = r.n;
			continue;
		}
		rc = emit_row(run, &r, map, ncols);
	}
	if (!rc && !ncols)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "%s: no header line (want chain,address,entity,"
			      "category,source,confidence)",
			      tagimport_name(run));
	record_clear(&r);
	return rc;
}
