/*
 * Escaping of untrusted strings for every output format, and the SVG bar
 * chart. Hostile labels must stay inert text.
 */
#include <stdlib.h>

#include "tests/unit/harness.h"
#include "tracer/render/report_esc.h"
#include "tracer/render/svg_bar.h"

#define HOSTILE "a\"]; x -> y [label=\"<script>alert(1)</script>\\\n&'|*"

/* Runs fn(f, s) into memory and returns the text (static buffer). */
static const char *cap(void (*fn)(FILE *, const char *), const char *s)
{
	static char out[4096];
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);

	fn(f, s);
	fclose(f);
	snprintf(out, sizeof(out), "%s", p);
	free(p);
	return out;
}

static void csv_plain(FILE *f, const char *s)
{
	esc_csv(f, s, false);
}
static void csv_sheet(FILE *f, const char *s)
{
	esc_csv(f, s, true);
}

static void t_html(void)
{
	CHECK_STR(cap(esc_html, "<script>alert('x')</script>&\"\x01"),
		  "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
		  "&quot;?");
	CHECK_STR(cap(esc_html, "Bin\xc3\xa4nce"), "Bin\xc3\xa4nce");
	CHECK_STR(cap(esc_html, NULL), "");
	CHECK(!strchr(cap(esc_html, HOSTILE), '<'));
	CHECK(!strchr(cap(esc_html, HOSTILE), '"'));
}

static void t_xml(void)
{
	CHECK_STR(cap(esc_xml, "a<b>&'\"\n\x02"),
		  "a&lt;b&gt;&amp;&apos;&quot;&#10;?");
}

static void t_dot(void)
{
	const char *o = cap(esc_dot, HOSTILE);

	CHECK_STR(cap(esc_dot, "say \"hi\"\\\nnext\r"),
		  "say \\\"hi\\\"\\\\\\nnext");
	/* every quote in the output is escaped: the string cannot end */
	for (const char *p = o; *p; p++)
		if (*p == '"') {
			int bs = 0;

			for (const char *q = p; q > o && q[-1] == '\\'; q--)
				bs++;
			CHECK(bs % 2 == 1);
		}
	CHECK(!strchr(o, '\n'));
	CHECK_STR(cap(esc_dot, "a &amp; b"), "a &amp;amp; b");
}

static void t_csv(void)
{
	CHECK_STR(cap(csv_plain, "plain"), "plain");
	CHECK_STR(cap(csv_plain, "a,b"), "\"a,b\"");
	CHECK_STR(cap(csv_plain, "say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(cap(csv_plain, "two\nlines"), "\"two\nlines\"");
	CHECK_STR(cap(csv_plain, " pad"), "\" pad\"");
	CHECK_STR(cap(csv_plain, "=1+2"), "=1+2");
	CHECK_STR(cap(csv_sheet, "=HYPERLINK(\"x\")"),
		  "\"'=HYPERLINK(\"\"x\"\")\"");
	CHECK_STR(cap(csv_sheet, "@sum"), "\"'@sum\"");
	CHECK_STR(cap(csv_sheet, "Binance"), "Binance");
	CHECK_STR(cap(csv_plain, ""), "");
}

static void t_md(void)
{
	CHECK_STR(cap(esc_md, "a|b <script> *x* [l](u)\nnext"),
		  "a\\|b \\<script\\> \\*x\\* \\[l\\](u) next");
	CHECK_STR(cap(esc_md, "&lt;"), "\\&lt;");
}

static const char *chart(const struct svg_bar *b, size_t n, const char *t)
{
	static char out[16384];
	char *p = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&p, &len);

	svg_bar_chart(f, b, n, t);
	fclose(f);
	snprintf(out, sizeof(out), "%s", p);
	free(p);
	return out;
}

static void t_svg(void)
{
	struct svg_bar b[3] = {
		{ "Exchange A", { { 300 } }, "3 BTC", NULL },
		{ HOSTILE, { { 150 } }, "1.5 BTC", "#ff0000" },
		{ "Zero", { { 0 } }, "0 BTC", NULL },
	};
	const char *s = chart(b, 3, "Exits <by> entity");

	CHECK(strstr(s, "<svg ") == s);
	CHECK(strstr(s, "width=\"320.00\"")); /* largest: the full bar */
	CHECK(strstr(s, "width=\"160.00\"")); /* half of it */
	CHECK(strstr(s, "width=\"0.00\""));
	CHECK(strstr(s, "Exits &lt;by&gt; entity"));
	CHECK(!strstr(s, "<script"));
	CHECK(strstr(s, "&lt;script"));
	CHECK(strstr(s, "\xe2\x80\xa6")); /* the long label is shortened */
	CHECK_STR(chart(b, 3, "Exits <by> entity"), s); /* deterministic */
	CHECK(strstr(chart(NULL, 0, NULL), "no data"));
}

TEST_MAIN({ "html", t_html }, { "xml", t_xml }, { "dot", t_dot },
	  { "csv", t_csv }, { "md", t_md }, { "svg_bar", t_svg })
