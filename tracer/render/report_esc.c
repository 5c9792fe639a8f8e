/*
 * Escaping for the report and export writers: one loop per format, each
 * byte either copied, replaced, or prefixed.
 */
#include "tracer/render/report_esc.h"

#include <string.h>

/* Control bytes a format does not keep are replaced, never passed on. */
static bool is_ctl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

void esc_html(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		case '\n':
		case '\t':
			fputc(c, f);
			break;
		default:
			fputc(is_ctl(c) ? '?' : c, f);
			break;
		}
	}
}

void esc_xml(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		case '\n':
			fputs("&#10;", f);
			break;
		case '\r':
			fputs("&#13;", f);
			break;
		case '\t':
			fputs("&#9;", f);
			break;
		default:
			fputc(is_ctl(c) ? '?' : c, f);
			break;
		}
	}
}

void esc_dot(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '\\':
			fputs("\\\\", f);
			break;
		case '"':
			fputs("\\\"", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			break;
		default:
			fputc(is_ctl(c) ? '?' : c, f);
			break;
		}
	}
}

static bool csv_needs_quotes(const char *s)
{
	size_t n = strlen(s);

	if (!n)
		return false;
	if (strpbrk(s, ",\"\r\n"))
		return true;
	return s[0] == ' ' || s[n - 1] == ' ';
}

void esc_csv(FILE *f, const char *s, bool spreadsheet)
{
	bool quote;

	if (!s)
		return;
	quote = csv_needs_quotes(s) ||
		(spreadsheet && strchr("=+-@\t", s[0]) && s[0]);
	if (quote)
		fputc('"', f);
	if (spreadsheet && s[0] && strchr("=+-@\t", s[0]))
		fputc('\'', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"')
			fputs("\"\"", f);
		else if (c == '\n' || c == '\r' || c == '\t')
			fputc(c, f);
		else
			fputc(is_ctl(c) ? '?' : c, f);
	}
	if (quote)
		fputc('"', f);
}

void esc_md(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\t' || c == '\r')
			fputc(' ', f);
		else if (strchr("\\`*_[]<>|#!&~", c))
			fprintf(f, "\\%c", c);
		else
			fputc(is_ctl(c) ? '?' : c, f);
	}
}
