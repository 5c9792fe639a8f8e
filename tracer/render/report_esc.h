/*
 * report_esc.h - escaping of untrusted strings for every output format of
 * the report and export writers.
 *
 * Tag labels, tag sources, case names and notes come from third parties and
 * may hold anything: quotes, newlines, markup, "\"]; x -> y". Every writer
 * passes each such string through the function for its format, so that it
 * stays inert text: it can neither end the surrounding token nor add
 * markup, graph statements, cells or formulas.
 *
 * Each function writes the escaped form of s to f; s NULL writes nothing.
 * Bytes below 0x20 other than those the format keeps (named below) become
 * '?': they are never meaningful in a label and some formats forbid them.
 * Bytes from 0x80 up are copied unchanged (UTF-8 passes through).
 * Write errors are left for the caller to find with ferror(f).
 */
#ifndef TRC_REPORT_ESC_H
#define TRC_REPORT_ESC_H

#include <stdbool.h>
#include <stdio.h>

/* HTML text and attribute values: & < > " ' as character references;
 * newline and tab kept. */
void esc_html(FILE *f, const char *s);

/* XML 1.0 (GraphML): as esc_html, with &apos; and &quot;; tab, newline and
 * carriage return kept as character references so attributes keep them. */
void esc_xml(FILE *f, const char *s);

/* The inside of a DOT double-quoted string: \ and " backslash-escaped, a
 * newline becomes the label line break \n, carriage return is dropped, &
 * becomes &amp; (Graphviz reads HTML entities in every label, so "&lt;"
 * in a tag would otherwise be shown as "<"). */
void esc_dot(FILE *f, const char *s);

/*
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, newline,
 * carriage return or leading/trailing space, with quotes doubled. With
 * spreadsheet set, a field starting with = + - @ or a tab is prefixed with
 * a single quote so that spreadsheet programs show it instead of running it
 * as a formula (report CSV; the graph-database export keeps data as is).
 */
void esc_csv(FILE *f, const char *s, bool spreadsheet);

/* Markdown inline text (also inside table cells): \ ` * _ [ ] < > | # ! &
 * ~ backslash-escaped so that no emphasis, link, HTML or cell break forms;
 * newline and tab become a space. */
void esc_md(FILE *f, const char *s);

#endif
