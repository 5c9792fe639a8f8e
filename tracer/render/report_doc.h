/*
 * report_doc.h - the document structure shared by the Markdown and HTML
 * reports: report_doc.c walks a report once and calls these operations;
 * report_md.c and report_html.c give them their markup. Every string that
 * reaches an operation is plain text: the operation escapes it.
 */
#ifndef TRC_REPORT_DOC_H
#define TRC_REPORT_DOC_H

#include <stdio.h>

#include "tracer/report/report.h"

/* What a reference names, for links (HTML's --explorer). */
enum doc_ref {
	DOC_REF_TXID,
	DOC_REF_ADDRESS,
};

struct doc_ops {
	void (*begin)(FILE *f, const char *title);
	void (*end)(FILE *f);
	void (*heading)(FILE *f, int level, const char *text);
	/* the generation time: one line of its own in every format */
	void (*generated)(FILE *f, const char *iso_time);
	void (*para_begin)(FILE *f);
	void (*para_end)(FILE *f);
	void (*text)(FILE *f, const char *s);
	void (*code)(FILE *f, const char *s);
	void (*strong)(FILE *f, const char *s);
	void (*list_begin)(FILE *f, int ordered);
	void (*item_begin)(FILE *f);
	void (*item_end)(FILE *f);
	void (*list_end)(FILE *f, int ordered);
	/* align: one of 'l', 'r' per column */
	void (*table_begin)(FILE *f, const char *const *cols, const char *al);
	void (*row_begin)(FILE *f);
	void (*cell_begin)(FILE *f);
	void (*cell_end)(FILE *f);
	void (*row_end)(FILE *f);
	void (*table_end)(FILE *f);
	/* figures: an inline SVG (HTML only; may be NULL) */
	void (*svg)(FILE *f, const char *svg, const char *caption);
	/* a txid or an address (the writer may link it; NULL: code) */
	void (*ref)(FILE *f, const struct report *r, enum doc_ref kind,
		    const char *s);
	/* the bar chart of exits by entity (HTML only; may be NULL) */
	void (*bars)(FILE *f, const struct report *r,
		     const struct report_case *c, uint32_t asset);
};

/* Writes the whole report through ops. Returns TRC_ERR_IO on a write
 * error. */
enum trc_err report_doc_write(FILE *f, const struct doc_ops *ops,
			      const struct report *r,
			      struct trc_error *err) TRC_WARN_UNUSED;

/* How many held and unresolved entries the documents list (the JSON and
 * CSV reports list all of them). */
#define REPORT_DOC_TOP 25

#endif
