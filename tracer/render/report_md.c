/*
 * The Markdown report: struct doc_ops with CommonMark / GitHub tables.
 * Every string goes through esc_md; code spans use a fence long enough
 * for any backticks inside.
 */
#include "tracer/render/report_doc.h"
#include "tracer/render/report_esc.h"

#include <string.h>

static void md_begin(FILE *f, const char *title)
{
	fputs("# ", f);
	esc_md(f, title);
	fputs("\n\n", f);
}

static void md_end(FILE *f)
{
	(void)f;
}

static void md_heading(FILE *f, int level, const char *text)
{
	for (int i = 0; i < level; i++)
		fputc('#', f);
	fputc(' ', f);
	esc_md(f, text);
	fputs("\n\n", f);
}

static void md_generated(FILE *f, const char *t)
{
	fprintf(f, "Generated: %s\n\n", t);
}

static void md_para_begin(FILE *f)
{
	(void)f;
}

static void md_para_end(FILE *f)
{
	fputs("\n\n", f);
}

static void md_text(FILE *f, const char *s)
{
	esc_md(f, s);
}

/* A code span: the longest run of backticks inside decides the fence. */
static void md_code(FILE *f, const char *s)
{
	size_t run = 0, best = 0;

	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	for (size_t i = 0; i <= best; i++)
		fputc('`', f);
	if (best)
		fputc(' ', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '|')
			fputs("\\|", f); /* a table cell would end here */
		else
			fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
	}
	if (best)
		fputc(' ', f);
	for (size_t i = 0; i <= best; i++)
		fputc('`', f);
}

static void md_strong(FILE *f, const char *s)
{
	fputs("**", f);
	esc_md(f, s);
	fputs("**", f);
}

static void md_list_begin(FILE *f, int ordered)
{
	(void)f;
	(void)ordered;
}

static void md_item_begin(FILE *f)
{
	fputs("- ", f);
}

static void md_item_end(FILE *f)
{
	fputc('\n', f);
}

static void md_list_end(FILE *f, int ordered)
{
	(void)ordered;
	fputc('\n', f);
}

static void md_table_begin(FILE *f, const char *const *cols, const char *al)
{
	for (size_t i = 0; cols[i]; i++) {
		fputs("| ", f);
		esc_md(f, cols[i]);
		fputc(' ', f);
	}
	fputs("|\n", f);
	for (size_t i = 0; cols[i]; i++)
		fputs(al[i] == 'r' ? "|---:" : "|---", f);
	fputs("|\n", f);
}

static void md_row_begin(FILE *f)
{
	(void)f;
}

static void md_cell_begin(FILE *f)
{
	fputs("| ", f);
}

static void md_cell_end(FILE *f)
{
	fputc(' ', f);
}

static void md_row_end(FILE *f)
{
	fputs("|\n", f);
}

static void md_table_end(FILE *f)
{
	fputc('\n', f);
}

static const struct doc_ops md_ops = {
	md_begin,      md_end,	    md_heading,	 md_generated,	 md_para_begin,
	md_para_end,   md_text,	    md_code,	 md_strong,	 md_list_begin,
	md_item_begin, md_item_end, md_list_end, md_table_begin, md_row_begin,
	md_cell_begin, md_cell_end, md_row_end,	 md_table_end,	 NULL,
	NULL,	       NULL,
};

enum trc_err report_write_md(FILE *f, const struct report *r,
			     struct trc_error *err)
{
	return report_doc_write(f, &md_ops, r, err);
}
