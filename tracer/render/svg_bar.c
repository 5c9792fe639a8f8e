/*
 * A horizontal bar chart in SVG. Bar lengths are computed in integers
 * (hundredths of a pixel) from exact amounts, so the picture is the same
 * on every machine.
 */
#include "tracer/render/svg_bar.h"

#include <string.h>

#include "tracer/render/report_esc.h"

#define ROW_H 26
#define TOP 34
#define LABEL_W 250
#define VALUE_W 170
#define BAR_MAX (SVG_BAR_WIDTH - LABEL_W - VALUE_W - 20)

/* Writes s shortened to max characters (UTF-8 aware), escaped. */
static void put_label(FILE *f, const char *s, size_t max)
{
	char tmp[SVG_BAR_LABEL_MAX * 4 + 8];
	size_t chars = 0, i = 0;

	if (!s)
		s = "";
	while (s[i] && i < sizeof(tmp) - 8) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
		i++;
	}
	memcpy(tmp, s, i);
	if (s[i]) {
		while (i && ((unsigned char)tmp[i - 1] & 0xc0) == 0xc0)
			i--; /* never end on a lead byte */
		memcpy(tmp + i, "\xe2\x80\xa6", 3); /* … */
		i += 3;
	}
	tmp[i] = '\0';
	esc_xml(f, tmp);
}

/* Bar length in hundredths of a pixel. */
static unsigned long bar_len(trc_amount v, trc_amount max)
{
	trc_amount q;
	uint64_t u;

	if (amount_is_zero(max) ||
	    amount_mul_div(&q, NULL, v, amount_from_u64(BAR_MAX * 100), max) ||
	    amount_to_u64(&u, q))
		return 0;
	return (unsigned long)u;
}

static void put_bar(FILE *f, const struct svg_bar *b, size_t row,
		    trc_amount max)
{
	unsigned long len = bar_len(b->value, max);
	unsigned y = TOP + (unsigned)row * ROW_H;

	fputs("<g><title>", f);
	esc_xml(f, b->label);
	fputs(": ", f);
	esc_xml(f, b->value_text);
	fprintf(f, "</title><text x=\"%d\" y=\"%u\" text-anchor=\"end\">",
		LABEL_W - 8, y + 16);
	put_label(f, b->label, SVG_BAR_LABEL_MAX);
	fprintf(f,
		"</text><rect x=\"%d\" y=\"%u\" width=\"%lu.%02lu\" "
		"height=\"%d\" fill=\"",
		LABEL_W, y + 3, len / 100, len % 100, ROW_H - 6);
	esc_xml(f, b->color ? b->color : "#3b6ea8");
	fprintf(f, "\"/><text x=\"%lu.%02lu\" y=\"%u\">",
		LABEL_W + 6 + len / 100, len % 100, y + 16);
	esc_xml(f, b->value_text);
	fputs("</text></g>\n", f);
}

void svg_bar_chart(FILE *f, const struct svg_bar *bars, size_t n,
		   const char *title)
{
	trc_amount max = AMOUNT_ZERO;
	unsigned h = TOP + (unsigned)(n ? n : 1) * ROW_H + 10;

	for (size_t i = 0; i < n; i++)
		max = amount_max(max, bars[i].value);
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"width=\"%d\" height=\"%u\" viewBox=\"0 0 %d %u\" "
		"role=\"img\" font-family=\"sans-serif\" font-size=\"13\">\n",
		SVG_BAR_WIDTH, h, SVG_BAR_WIDTH, h);
	fputs("<title>", f);
	esc_xml(f, title ? title : "bar chart");
	fputs("</title>\n<text x=\"4\" y=\"20\" font-weight=\"bold\">", f);
	esc_xml(f, title ? title : "");
	fputs("</text>\n", f);
	if (!n)
		fprintf(f, "<text x=\"%d\" y=\"%d\">no data</text>\n", LABEL_W,
			TOP + 16);
	for (size_t i = 0; i < n; i++)
		put_bar(f, &bars[i], i, max);
	fputs("</svg>\n", f);
}
