/*
 * serve.h - `tracer serve`: the investigator's graph in the browser, an
 * HTTP server (libmicrohttpd) over the local database and the case files
 * named on the command line (docs/serve.md).
 *
 * Conventions of this module:
 *  - It never prints: the command line prints the URL serve_url gives.
 *  - The store is borrowed and only read; the case files are the only
 *    files a request can reach (their notes, written atomically).
 *  - Every request is answered from one thread (libmicrohttpd's internal
 *    polling thread), so the store and the cases need no locks; the
 *    caller must not use the store between serve_start and serve_stop.
 *  - Every request needs the session token (the URL's ?token=, then a
 *    cookie), a Host header naming the listen address (a DNS-rebinding
 *    guard) and, for POST, an Origin of the same address.
 *
 * Ownership: serve_start returns a new server, stopped and freed by
 * serve_stop (NULL allowed). The options are copied.
 */
#ifndef TRC_SERVE_H
#define TRC_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* Limits of a request (docs/serve.md). */
#define SERVE_BODY_MAX (64 * 1024) /* a POST body */
#define SERVE_CONN_MAX 64	   /* connections at once */
#define SERVE_CASES_MAX 64	   /* case files on the command line */

struct serve_opts {
	struct store *store;	       /* borrowed, read only */
	const char *db_path;	       /* the database's directory, for
					* a report's provenance */
	const char *const *case_paths; /* the case files; may be none */
	size_t n_cases;
	const char *listen; /* "ADDR:PORT" (IPv4); NULL:
			     * 127.0.0.1 on a free port */
	const char *token;  /* NULL: a random one */
};

struct serve;

/*
 * Loads the cases, binds the listen address and starts serving.
 * Out: *out (new) on success, NULL on failure.
 * Returns TRC_ERR_INVALID for a bad listen address or too many cases,
 * the case loader's error naming the file, TRC_ERR_NET when the address
 * cannot be bound, TRC_ERR_NOMEM.
 */
enum trc_err serve_start(struct serve **out, const struct serve_opts *o,
			 struct trc_error *err) TRC_WARN_UNUSED;

/* "http://HOST:PORT/?token=TOKEN" (borrowed, valid until serve_stop). */
const char *serve_url(const struct serve *s);

/* True when the listen address is not a loopback one. */
int serve_is_public(const struct serve *s);

/* Stops serving (waits for the request in progress) and frees s. */
void serve_stop(struct serve *s);

#endif
