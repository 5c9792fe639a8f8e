/*
 * tagimport_list.c - the list reader: one address a line, as OFAC
 * publishes its per-currency lists. '#' starts a comment; blank lines are
 * ignored; chain, entity and category come from the command line.
 */
#include <string.h>

#include "tracer/tags/tagimport_readers.h"

#define LIST_LINE_MAX 1024

/* Out: the line without comment and surrounding blanks in out. */
static void clean_line(const char *p, size_t n, char out[LIST_LINE_MAX + 1])
{
	const char *hash = memchr(p, '#', n);

	if (hash)
		n = (size_t)(hash - p);
	while (n && strchr(" \t\r\v\f", p[n - 1]))
		n--;
	while (n && strchr(" \t\v\f", *p)) {
		p++;
		n--;
	}
	memcpy(out, p, n);
	out[n] = 0;
}

static enum trc_err one_line(struct tagimport_run *run, const char *p, size_t n,
			     unsigned line)
{
	char addr[LIST_LINE_MAX + 1];
	struct tagraw raw;

	if (memchr(p, 0, n)) {
		tagimport_reject(run, line, NULL, "a NUL byte");
		return TRC_OK;
	}
	if (n > LIST_LINE_MAX) {
		tagimport_reject(run, line, NULL, "a line longer than %d bytes",
				 LIST_LINE_MAX);
		return TRC_OK;
	}
	clean_line(p, n, addr);
	if (!addr[0])
		return TRC_OK;
	if (strpbrk(addr, " \t,;")) {
		tagimport_reject(run, line, NULL,
				 "'%.80s': one address a line, nothing else",
				 addr);
		return TRC_OK;
	}
	memset(&raw, 0, sizeof(raw));
	raw.line = line;
	raw.address = addr;
	return tagimport_emit(run, &raw);
}

enum trc_err tagimport_read_list(struct tagimport_run *run, const char *data,
				 size_t len, struct trc_error *err)
{
	const char *p = data, *end = data + len;
	unsigned line = 1;
	enum trc_err rc = TRC_OK;

	(void)err;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		rc = one_line(run, p, n, line++);
		p += n + (nl != NULL);
	}
	return rc;
}
