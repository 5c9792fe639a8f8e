/*
 * err.h - the one error type of tracer.
 *
 * Conventions for every module of tracer:
 *  - A fallible function returns enum trc_err (TRC_OK on success) and takes a
 *    caller-owned `struct trc_error *err` as its last argument; err may be
 *    NULL when the caller does not want the message.
 *  - On failure the message names what failed and where (a txid, a block
 *    height, a byte offset, a URL without credentials). Messages are
 *    lowercase, with the subject quoted: "cannot open database '/x'".
 *  - Libraries never print: only tracer/ writes err->msg to stderr.
 *
 * The numeric values of enum trc_err are part of the stable JSON output and
 * never change; new codes are appended.
 */
#ifndef TRC_ERR_H
#define TRC_ERR_H

#include <stddef.h>

#if defined(__GNUC__)
#define TRC_WARN_UNUSED __attribute__((warn_unused_result))
#define TRC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TRC_WARN_UNUSED
#define TRC_PRINTF(f, a)
#endif

enum trc_err {
	TRC_OK = 0,
	TRC_ERR_NOMEM = 1,	  /* an allocation failed */
	TRC_ERR_INVALID = 2,	  /* a caller passed a bad argument */
	TRC_ERR_PARSE = 3,	  /* malformed input (bytes, JSON, text) */
	TRC_ERR_OVERFLOW = 4,	  /* an amount or count does not fit */
	TRC_ERR_VERIFY = 5,	  /* a hash, root or signature does not match */
	TRC_ERR_IO = 6,		  /* a file could not be read or written */
	TRC_ERR_DB = 7,		  /* the database reported an error */
	TRC_ERR_VERSION = 8,	  /* database schema version not supported */
	TRC_ERR_LOCKED = 9,	  /* database in use by another process */
	TRC_ERR_NOTFOUND = 10,	  /* a record that was asked for is absent */
	TRC_ERR_NET = 11,	  /* connection refused, timeout, DNS */
	TRC_ERR_HTTP = 12,	  /* HTTP status outside 2xx */
	TRC_ERR_RPC = 13,	  /* the node answered with a JSON-RPC error */
	TRC_ERR_TOOBIG = 14,	  /* a size cap was exceeded */
	TRC_ERR_UNSUPPORTED = 15, /* valid input that tracer cannot handle */
	TRC_ERR_CORRUPT = 16,	  /* a stored record does not decode */
	TRC_ERR_REORG = 17,	 /* the chain does not link to what is stored */
	TRC_ERR_INTERRUPTED = 18 /* stopped by a signal */
};

#define TRC_ERROR_MSG_MAX 512

struct trc_error {
	enum trc_err code;
	char msg[TRC_ERROR_MSG_MAX];
};

#define TRC_ERROR_INIT                                                         \
	{                                                                      \
		TRC_OK,                                                        \
		{                                                              \
			0                                                      \
		}                                                              \
	}

/* Returns a static, lowercase description of code (never NULL). */
const char *trc_strerror(enum trc_err code);

/*
 * Records a failure: sets err->code and formats err->msg (truncated to fit).
 * err may be NULL. Returns code, so that `return trc_fail(err, ...)` works.
 */
enum trc_err trc_fail(struct trc_error *err, enum trc_err code, const char *fmt,
		      ...) TRC_PRINTF(3, 4);

/*
 * Prepends context to the message of a failure with code, as in
 * "block 5: <old message>", and sets err->code to code. err may be NULL
 * (then only code is returned). Returns code, so that a caller passes its
 * callee's code through unchanged: `return trc_error_prefix(err, rc,
 * "block %u", h);`.
 */
enum trc_err trc_error_prefix(struct trc_error *err, enum trc_err code,
			      const char *fmt, ...) TRC_PRINTF(3, 4);

/* Resets err to TRC_OK with an empty message. err may be NULL. */
void trc_error_clear(struct trc_error *err);

#endif
