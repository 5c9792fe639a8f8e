/*
 * report_out.h - a report from its cases to its bytes: the one path that
 * `tracer report` and `tracer serve`'s /api/report share, so that the
 * page's download is exactly the command's output.
 *
 * The caller adds the traced cases (report_add_case, tracer/report),
 * then report_out_prepare collects the provenance, computes the model
 * and, for HTML, draws each case's flow graph; report_out_write writes
 * one format. Neither prints.
 */
#ifndef TRC_REPORT_OUT_H
#define TRC_REPORT_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "store/store.h"
#include "tracer/report/report.h"

/* The report formats: "md", "html", "json", "csv". */
bool report_out_format_valid(const char *format);

/* The generation time: SOURCE_DATE_EPOCH when set and valid, else now. */
int64_t report_out_time(void);

/*
 * After the cases are added: the provenance (the database s, the chains
 * of the cases, the command line argv of argc entries that reproduces
 * the report, the generation time now), the report model and, for
 * format "html" unless no_graph, the flow graph of each case as SVG (or
 * r->graph_note saying why there is none). s is only read.
 */
enum trc_err report_out_prepare(struct report *r, struct store *s,
				const char *format, bool no_graph, int argc,
				char *const *argv, int64_t now,
				struct trc_error *err) TRC_WARN_UNUSED;

/* Writes the prepared report r in format to f. */
enum trc_err report_out_write(FILE *f, const char *format,
			      const struct report *r,
			      struct trc_error *err) TRC_WARN_UNUSED;

#endif
