/*
 * The HTML report: one self-contained file. Inline CSS, no script, no
 * external resource (a Content-Security-Policy forbids any fetch), the
 * flow graph and the bar chart as inline SVG. Every string from outside
 * goes through esc_html.
 */
#include "tracer/render/export_dot.h"
#include "tracer/render/report_doc.h"
#include "tracer/render/report_esc.h"
#include "tracer/render/svg_bar.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
	"body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,"
	"sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
	"color:#1a1a1a;line-height:1.45}\n"
	"h1{border-bottom:3px solid #b71c1c;padding-bottom:.2em}\n"
	"h2{border-bottom:1px solid #ccc;margin-top:2em}\n"
	"table{border-collapse:collapse;margin:.8em 0;font-size:.9em}\n"
	"th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}\n"
	"th{background:#f0f0f0;text-align:left}\n"
	"td.r{text-align:right;white-space:nowrap}\n"
	"code{font-family:Menlo,Consolas,monospace;font-size:.85em;"
	"word-break:break-all}\n"
	".generated{color:#666}\n"
	"figure{margin:1em 0;overflow-x:auto}\n"
	"figure svg{max-width:100%;height:auto}\n"
	"@media print{body{max-width:none;margin:0}h2{page-break-before:"
	"auto}table,figure{page-break-inside:avoid}}\n";

/* Column alignment of the table being written. */
static char align[32];
static size_t col;

static void h_begin(FILE *f, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" "
	      "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>",
	      f);
	esc_html(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
	esc_html(f, title);
	fputs("</h1>\n", f);
}

static void h_end(FILE *f)
{
	fputs("</body>\n</html>\n", f);
}

static void h_heading(FILE *f, int level, const char *text)
{
	fprintf(f, "<h%d>", level);
	esc_html(f, text);
	fprintf(f, "</h%d>\n", level);
}

static void h_generated(FILE *f, const char *t)
{
	fputs("<p class=\"generated\">Generated: ", f);
	esc_html(f, t);
	fputs("</p>\n", f);
}

static void h_para_begin(FILE *f)
{
	fputs("<p>", f);
}

static void h_para_end(FILE *f)
{
	fputs("</p>\n", f);
}

static void h_text(FILE *f, const char *s)
{
	esc_html(f, s);
}

static void h_code(FILE *f, const char *s)
{
	fputs("<code>", f);
	esc_html(f, s);
	fputs("</code>", f);
}

static void h_strong(FILE *f, const char *s)
{
	fputs("<strong>", f);
	esc_html(f, s);
	fputs("</strong>", f);
}

static void h_list_begin(FILE *f, int ordered)
{
	fputs(ordered ? "<ol>\n" : "<ul>\n", f);
}

static void h_item_begin(FILE *f)
{
	fputs("<li>", f);
}

static void h_item_end(FILE *f)
{
	fputs("</li>\n", f);
}

static void h_list_end(FILE *f, int ordered)
{
	fputs(ordered ? "</ol>\n" : "</ul>\n", f);
}

static void h_table_begin(FILE *f, const char *const *cols, const char *al)
{
	snprintf(align, sizeof(align), "%s", al);
	fputs("<table>\n<thead><tr>", f);
	for (size_t i = 0; cols[i]; i++) {
		fputs("<th>", f);
		esc_html(f, cols[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
}

static void h_row_begin(FILE *f)
{
	col = 0;
	fputs("<tr>", f);
}

static void h_cell_begin(FILE *f)
{
	fputs(col < sizeof(align) && align[col] == 'r' ? "<td class=\"r\">"
						       : "<td>",
	      f);
	col++;
}

static void h_cell_end(FILE *f)
{
	fputs("</td>", f);
}

static void h_row_end(FILE *f)
{
	fputs("</tr>\n", f);
}

static void h_table_end(FILE *f)
{
	fputs("</tbody>\n</table>\n", f);
}

static void h_svg(FILE *f, const char *svg, const char *caption)
{
	fputs("<figure>\n", f);
	fputs(svg, f);
	fputs("\n<figcaption>", f);
	esc_html(f, caption);
	fputs("</figcaption>\n</figure>\n", f);
}

static void h_bars(FILE *f, const struct report *r, const struct report_case *c,
		   uint32_t asset)
{
	struct svg_bar *bars = calloc(c->n_entities + 1, sizeof(*bars));
	char(*text)[AMOUNT_STR_MAX + 40] =
		calloc(c->n_entities + 1, sizeof(*text));
	char title[128], s[AMOUNT_STR_MAX];
	size_t n = 0;

	(void)r;
	if (!bars || !text)
		goto cleanup;
	for (size_t i = 0; i < c->n_entities; i++) {
		const struct report_entity *e = &c->entities[i];

		if (e->asset != asset)
			continue;
		snprintf(text[n], sizeof(text[n]), "%s %s",
			 report_amount(s, sizeof(s), c->res, asset, e->amount),
			 c->res->assets[asset].asset);
		bars[n].label = e->entity;
		bars[n].value = e->amount;
		bars[n].value_text = text[n];
		bars[n].color = export_category_color(e->category);
		n++;
	}
	if (!n)
		goto cleanup;
	snprintf(title, sizeof(title),
		 report_is_exposure(c->res)
			 ? "Exposure by entity (%s, an upper bound)"
			 : "Exits by entity (%s)",
		 c->res->assets[asset].asset);
	fputs("<figure>\n", f);
	svg_bar_chart(f, bars, n, title);
	fputs("</figure>\n", f);
cleanup:
	free(bars);
	free(text);
}

static const struct doc_ops html_ops = {
	h_begin,      h_end,	  h_heading,  h_generated,   h_para_begin,
	h_para_end,   h_text,	  h_code,     h_strong,	     h_list_begin,
	h_item_begin, h_item_end, h_list_end, h_table_begin, h_row_begin,
	h_cell_begin, h_cell_end, h_row_end,  h_table_end,   h_svg,
	h_bars,
};

enum trc_err report_write_html(FILE *f, const struct report *r,
			       struct trc_error *err)
{
	return report_doc_write(f, &html_ops, r, err);
}
