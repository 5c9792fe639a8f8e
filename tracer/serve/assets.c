/*
 * assets.c - the page's files, built into the binary: the Makefile turns
 * each file of tracer/serve/web/ into a byte array (build/gen/serve_web.c)
 * so that nothing is fetched from elsewhere at run time. The script is
 * allowed by its hash: SHA-256 of the bytes served, in the CSP's
 * script-src and in the page's integrity attribute.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "tracer/serve/serve_int.h"

#define HASH_MARK "@APP_JS_SHA256@" /* in index.html */

extern const unsigned char serve_web_index_html[];
extern const size_t serve_web_index_html_size;
extern const unsigned char serve_web_app_js[];
extern const size_t serve_web_app_js_size;
extern const unsigned char serve_web_style_css[];
extern const size_t serve_web_style_css_size;

/* Standard base64 (RFC 4648) of 32 bytes: 44 characters and a NUL. */
static void base64_32(char out[45], const uint8_t in[32])
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;

	for (size_t i = 0; i < 32; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;

		if (i + 1 < 32)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < 32)
			v |= in[i + 2];
		out[o++] = abc[(v >> 18) & 63];
		out[o++] = abc[(v >> 12) & 63];
		out[o++] = i + 1 < 32 ? abc[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < 32 ? abc[v & 63] : '=';
	}
	out[o] = '\0';
}

enum trc_err serve_page_init(struct serve_page *p, struct trc_error *err)
{
	const char *html = (const char *)serve_web_index_html;
	size_t n = serve_web_index_html_size, m = strlen(HASH_MARK), at;
	const char *mark = NULL;
	uint8_t h[32];
	char b64[45];

	memset(p, 0, sizeof(*p));
	hash_sha256(h, serve_web_app_js, serve_web_app_js_size);
	base64_32(b64, h);
	snprintf(p->script_hash, sizeof(p->script_hash), "sha256-%s", b64);
	for (size_t i = 0; i + m <= n && !mark; i++)
		if (!memcmp(html + i, HASH_MARK, m))
			mark = html + i;
	if (!mark)
		return trc_fail(err, TRC_ERR_INVALID,
				"the built-in page has no " HASH_MARK);
	at = (size_t)(mark - html);
	p->index_len = n - m + strlen(p->script_hash);
	if (!(p->index = malloc(p->index_len)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(p->index, html, at);
	memcpy(p->index + at, p->script_hash, strlen(p->script_hash));
	memcpy(p->index + at + strlen(p->script_hash), mark + m, n - at - m);
	return TRC_OK;
}

void serve_page_release(struct serve_page *p)
{
	free(p->index);
	memset(p, 0, sizeof(*p));
}

bool serve_asset(const struct serve_page *p, const char *path,
		 const void **data, size_t *len, const char **type)
{
	if (!strcmp(path, "/") || !strcmp(path, "/index.html")) {
		*data = p->index;
		*len = p->index_len;
		*type = "text/html; charset=utf-8";
	} else if (!strcmp(path, "/app.js")) {
		*data = serve_web_app_js;
		*len = serve_web_app_js_size;
		*type = "text/javascript; charset=utf-8";
	} else if (!strcmp(path, "/style.css")) {
		*data = serve_web_style_css;
		*len = serve_web_style_css_size;
		*type = "text/css; charset=utf-8";
	} else {
		return false;
	}
	return true;
}
