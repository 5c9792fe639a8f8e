/*
 * report_render.h - renders DOT to SVG with Graphviz's `dot`, for the HTML
 * report and `tracer demo`. `dot` is run as a child process (no shell)
 * on temporary files; its output is checked to be a plain SVG document
 * before it may be inlined into HTML.
 */
#ifndef TRC_REPORT_RENDER_H
#define TRC_REPORT_RENDER_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

#define RENDER_SVG_MAX (32u << 20) /* bytes of SVG accepted from dot */

/*
 * Out: *svg, a new string (free()) holding the <svg> element only (the
 * XML prolog, doctype and comments before it removed). Returns
 * TRC_ERR_NOTFOUND when `dot` is not installed, TRC_ERR_IO when it fails
 * (its exit status in the message), TRC_ERR_VERIFY when its output holds
 * anything that could run or fetch (script, foreignObject, href).
 */
enum trc_err report_render_svg(const char *dot, size_t len, char **svg,
			       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Runs `dot -TFORMAT` ("svg", "json0", ...) on the DOT text dot (through
 * temporary files) and appends its output to out, whose limit bounds
 * it. Same errors as report_render_svg without the check, and the
 * buffer's when the output is larger than its limit.
 */
enum trc_err report_render_run(const char *dot, size_t len, const char *format,
			       struct buf *out,
			       struct trc_error *err) TRC_WARN_UNUSED;

/* Runs `dot -Tsvg -o out in`. Same errors as above, without the check. */
enum trc_err report_render_file(const char *in, const char *out,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
