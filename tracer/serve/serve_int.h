/*
 * serve_int.h - the parts of tracer/serve behind serve.h: the state the
 * API answers from, a request as the API sees it (no HTTP in it) and its
 * reply. server.c speaks HTTP; api.c answers; params.c reads the trace
 * options of a request; the page's files are web_assets (generated from
 * tracer/serve/web/ by the Makefile).
 *
 * Ownership: struct serve_app owns its cases; a reply owns its body
 * (malloc'd, handed to libmicrohttpd, which frees it).
 */
#ifndef TRC_SERVE_INT_H
#define TRC_SERVE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/store.h"
#include "tracer/case/case.h"
#include "tracer/case/case_trace.h"

#define SERVE_ARGS_MAX 64   /* query parameters of one request */
#define SERVE_QUERY_MAX 512 /* a search string, in bytes */

struct serve_case {
	char *path;	   /* as given on the command line */
	struct trc_case k; /* as last loaded or saved */
};

struct serve_app {
	struct store *store; /* borrowed, read only */
	char *db_path;	     /* its directory (a report's provenance) */
	struct serve_case *cases;
	size_t n_cases;
};

struct serve_arg {
	const char *name, *value; /* borrowed for the request */
};

struct serve_req {
	const char *method; /* "GET", "POST", ... */
	const char *path;   /* "/api/trace" */
	struct serve_arg args[SERVE_ARGS_MAX];
	size_t n_args;
	bool too_many_args;
	const char *body; /* POST body (NUL-terminated), or NULL */
	size_t body_len;
};

struct serve_reply {
	unsigned status;	 /* 200, 400, ... */
	const char *type;	 /* static: "application/json", ... */
	char *body;		 /* malloc'd; NULL: static_body */
	const void *static_body; /* a built-in file */
	const char *attachment;	 /* static: a download's
				  * Content-Disposition, or NULL */
	size_t len;
};

/* Loads every case file (TRC_ERR_* of case_load, naming the file). */
enum trc_err serve_app_init(struct serve_app *a, struct store *s,
			    const char *db_path, const char *const *paths,
			    size_t n, struct trc_error *err) TRC_WARN_UNUSED;
void serve_app_release(struct serve_app *a);

/* Answers req (never fails: an error is a JSON reply with its status). */
void serve_api(struct serve_app *a, const struct serve_req *req,
	       struct serve_reply *out);

/* A JSON error reply {"error": msg} with status. */
void serve_reply_error(struct serve_reply *out, unsigned status,
		       const char *msg);

/* The first value of parameter name, or NULL. */
const char *serve_arg(const struct serve_req *req, const char *name);

/*
 * The trace options of a request into *ov (initialised): chain, network,
 * seed and seed_tx (repeatable), policy, hops, min, since, until,
 * hub_txs, stop_at, no_cluster, deposit_window, deposit_share; the
 * parameters in `also` (NULL-terminated) are the caller's; any other is
 * an error. Returns TRC_ERR_INVALID naming the parameter.
 */
enum trc_err serve_params(const struct serve_req *req, const char *const *also,
			  struct case_overrides *ov,
			  struct trc_error *err) TRC_WARN_UNUSED;

/* The page as served: index.html with the script's hash in its
 * integrity attribute (owned), and that hash for the CSP. */
struct serve_page {
	char script_hash[64]; /* "sha256-BASE64" of app.js's bytes */
	char *index;
	size_t index_len;
};

/* Hashes the script and fills index.html's mark with it. */
enum trc_err serve_page_init(struct serve_page *p,
			     struct trc_error *err) TRC_WARN_UNUSED;
void serve_page_release(struct serve_page *p);

/* A built-in file of the page by its URL path ("/", "/app.js"): its
 * bytes (borrowed from p or the binary) and content type; false when
 * there is none. */
bool serve_asset(const struct serve_page *p, const char *path,
		 const void **data, size_t *len, const char **type);

#endif
