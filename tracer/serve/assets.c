/*
 * assets.c - the page's files, built into the binary: the Makefile turns
 * each file of tracer/serve/web/ into a byte array (build/gen/serve_web.c)
 * so that nothing is fetched from elsewhere at run time.
 */
#include <string.h>

#include "tracer/serve/serve_int.h"

extern const unsigned char serve_web_index_html[];
extern const size_t serve_web_index_html_size;
extern const unsigned char serve_web_app_js[];
extern const size_t serve_web_app_js_size;
extern const unsigned char serve_web_style_css[];
extern const size_t serve_web_style_css_size;

bool serve_asset(const char *path, const void **data, size_t *len,
		 const char **type)
{
	if (!strcmp(path, "/") || !strcmp(path, "/index.html")) {
		*data = serve_web_index_html;
		*len = serve_web_index_html_size;
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
