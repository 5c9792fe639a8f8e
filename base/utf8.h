/*
 * utf8.h - is a byte string valid UTF-8?
 *
 * Text that tracer stores and later writes into JSON, HTML or a terminal
 * (tag entities, sources, actors) must be UTF-8: jansson refuses anything
 * else, so one bad byte would make every JSON export of it fail.
 */
#ifndef TRC_UTF8_H
#define TRC_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when the len bytes at s are well-formed UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF). s may hold NUL
 * bytes; they are valid UTF-8 (callers that refuse them check apart).
 */
bool utf8_valid(const char *s, size_t len);

/* utf8_valid over a NUL-terminated string; NULL is valid (absent). */
bool utf8_valid_str(const char *s);

/*
 * A label fit to print: valid UTF-8 without the control characters that
 * could drive a terminal (C0 but tab and newline, DEL, C1: U+0080 to
 * U+009F). A quoted CSV cell may span lines, so newlines stay. NULL is
 * fine.
 */
bool utf8_is_label(const char *s);

#endif
