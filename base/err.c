#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const descriptions[] = {
	[TRC_OK] = "success",
	[TRC_ERR_NOMEM] = "out of memory",
	[TRC_ERR_INVALID] = "invalid argument",
	[TRC_ERR_PARSE] = "malformed input",
	[TRC_ERR_OVERFLOW] = "value out of range",
	[TRC_ERR_VERIFY] = "verification failed",
	[TRC_ERR_IO] = "input/output error",
	[TRC_ERR_DB] = "database error",
	[TRC_ERR_VERSION] = "unsupported database version",
	[TRC_ERR_LOCKED] = "database locked",
	[TRC_ERR_NOTFOUND] = "not found",
	[TRC_ERR_NET] = "network error",
	[TRC_ERR_HTTP] = "http error",
	[TRC_ERR_RPC] = "node returned an error",
	[TRC_ERR_TOOBIG] = "size limit exceeded",
	[TRC_ERR_UNSUPPORTED] = "not supported",
	[TRC_ERR_CORRUPT] = "corrupt record",
	[TRC_ERR_REORG] = "chain does not link",
	[TRC_ERR_INTERRUPTED] = "interrupted",
};

const char *trc_strerror(enum trc_err code)
{
	size_t n = sizeof(descriptions) / sizeof(descriptions[0]);

	if ((size_t)code >= n || !descriptions[code])
		return "unknown error";
	return descriptions[code];
}

enum trc_err trc_fail(struct trc_error *err, enum trc_err code, const char *fmt,
		      ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

enum trc_err trc_error_prefix(struct trc_error *err, enum trc_err code,
			      const char *fmt, ...)
{
	char prefix[TRC_ERROR_MSG_MAX];
	size_t plen, mlen;
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix) - 2, fmt, ap);
	va_end(ap);
	plen = strlen(prefix);
	memcpy(prefix + plen, ": ", 3); /* room kept by the - 2 above */
	plen += 2;
	mlen = strlen(err->msg);
	if (plen + mlen >= sizeof(err->msg))
		mlen = sizeof(err->msg) - 1 - plen;
	/* move the old message right, then put the prefix in front */
	memmove(err->msg + plen, err->msg, mlen);
	memcpy(err->msg, prefix, plen);
	err->msg[plen + mlen] = '\0';
	return code;
}

void trc_error_clear(struct trc_error *err)
{
	if (!err)
		return;
	err->code = TRC_OK;
	err->msg[0] = '\0';
}
