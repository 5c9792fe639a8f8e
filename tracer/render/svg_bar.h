/*
 * svg_bar.h - a horizontal bar chart as SVG, for the HTML report (exits by
 * entity). The SVG is self-contained: no scripts, fonts or images, nothing
 * fetched; it can be inlined in HTML or written as its own file.
 */
#ifndef TRC_SVG_BAR_H
#define TRC_SVG_BAR_H

#include <stddef.h>
#include <stdio.h>

#include "base/amount.h"

struct svg_bar {
	const char *label;	/* untrusted: escaped; long ones shortened */
	trc_amount value;	/* sets the bar's length */
	const char *value_text; /* shown after the bar, e.g. "1.5 BTC" */
	const char *color;	/* "#rrggbb"; NULL: the default blue */
};

#define SVG_BAR_WIDTH 760    /* pixels, whole chart */
#define SVG_BAR_LABEL_MAX 32 /* characters of a label before "…" */

/*
 * Writes one <svg> element with a bar per entry, in the given order, bars
 * scaled to the largest value (all zero: no bars, the values still shown).
 * title (untrusted, may be NULL) becomes the chart's accessible title.
 * n = 0 writes a small chart that says "no data". The output depends only
 * on the arguments (no time, no randomness). Write errors: ferror(f).
 */
void svg_bar_chart(FILE *f, const struct svg_bar *bars, size_t n,
		   const char *title);

#endif
