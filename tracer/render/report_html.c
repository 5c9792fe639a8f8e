/*
 * The HTML report: one self-contained file. Inline CSS, one inline script
 * (the flow graph's zoom and pan) allowed by its SHA-256 in the
 * Content-Security-Policy, which otherwise forbids every fetch and every
 * other script; the flow graph and the bar chart as inline SVG. Every
 * string from outside goes through esc_html.
 */
#include "base/base64.h"
#include "base/hash.h"
#include "tracer/render/explorer.h"
#include "tracer/render/export_dot.h"
#include "tracer/render/palette.h"
#include "tracer/render/report_doc.h"
#include "tracer/render/report_esc.h"
#include "tracer/render/svg_bar.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
	"body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,"
	"sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
	"color:#1a1a1a;line-height:1.45}\n"
	"h1{border-bottom:3px solid #b71c1c;padding-bottom:.2em}\n"
	"h2{border-bottom:1px solid #ccc;margin-top:2em}\n"
	".tw{overflow-x:auto}\n"
	"table{border-collapse:collapse;margin:.8em 0;font-size:.9em}\n"
	"th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}\n"
	"th{background:#f0f0f0;text-align:left}\n"
	"td.r{text-align:right;white-space:nowrap}\n"
	"code{font-family:Menlo,Consolas,'DejaVu Sans Mono',monospace;"
	"font-size:.85em;white-space:nowrap}\n"
	"a{color:#0b57d0}\n"
	".generated{color:#595959}\n"
	"figure{margin:1em 0;overflow-x:auto}\n"
	"figure svg{max-width:100%;height:auto}\n"
	"figure.graph{overflow:visible}\n"
	".gview{overflow:auto;max-height:80vh;border:1px solid #ccc}\n"
	".gview svg{display:block;max-width:none;transform-origin:0 0}\n"
	".gbar{display:none;margin:.3em 0}\n"
	".zoomable .gbar{display:block}\n"
	".zoomable .gview{overflow:hidden;cursor:grab;touch-action:none;"
	"user-select:none}\n"
	".gbar button{font:inherit;margin-right:.3em;padding:.1em .6em}\n"
	".legend{list-style:none;padding:0;margin:.5em 0}\n"
	".legend li{display:inline-block;margin:.15em .4em .15em 0}\n"
	".sw{display:inline-block;padding:.1em .5em;border:1px solid #555;"
	"border-radius:3px}\n"
	"@media print{body{max-width:none;margin:0}h2{page-break-before:"
	"auto}table,figure{page-break-inside:avoid}.gbar{display:none"
	"!important}.gview{overflow:visible!important;height:auto"
	"!important;max-height:none;border:0}.gview svg{transform:none"
	"!important;max-width:100%;height:auto}}\n";

/*
 * Zoom and pan of the flow graph. At first the graph is as wide as the
 * page allows, but never smaller than labels of 10 CSS pixels; the wheel
 * zooms around the pointer, a drag pans, the buttons zoom in, out, fit
 * the whole graph and go back. Allowed by its hash (h_begin): a change
 * here changes the hash, never the policy.
 */
static const char script[] =
	"(function(){'use strict';var MIN_PX=10;"
	"function least(svg){var t=svg.querySelectorAll('text'),f=1e9,"
	"vb=svg.viewBox.baseVal,u=vb&&vb.width?svg.width.baseVal.value/"
	"vb.width:1;for(var i=0;i<t.length;i++){var v=parseFloat("
	"t[i].getAttribute('font-size'));if(v>0&&v<f)f=v;}"
	"return f<1e9?MIN_PX/(f*u):0;}"
	"function setup(fig){var view=fig.querySelector('.gview'),"
	"svg=view&&view.querySelector('svg');if(!svg)return;"
	"var w=svg.width.baseVal.value,h=svg.height.baseVal.value,"
	"low=least(svg)*1.02,st={s:1,x:0,y:0},drag=null;"
	"fig.classList.add('zoomable');"
	"function apply(){svg.style.transform='translate('+st.x+'px,'+"
	"st.y+'px) scale('+st.s+')';}"
	"function home(){st.s=Math.max(low,Math.min(1,view.clientWidth/w));"
	"st.x=0;st.y=0;view.style.height=Math.max(240,Math.min(h*st.s+2,"
	"window.innerHeight*0.8))+'px';apply();}"
	"function zoom(k,cx,cy){var n=Math.min(8,Math.max(0.05,st.s*k));"
	"st.x=cx-(cx-st.x)*n/st.s;st.y=cy-(cy-st.y)*n/st.s;st.s=n;"
	"apply();}"
	"function mid(k){zoom(k,view.clientWidth/2,view.clientHeight/2);}"
	"view.addEventListener('wheel',function(e){e.preventDefault();"
	"var r=view.getBoundingClientRect();zoom(Math.exp(-e.deltaY*"
	"0.0015),e.clientX-r.left,e.clientY-r.top);},{passive:false});"
	"view.addEventListener('pointerdown',function(e){e.preventDefault();"
	"drag={x:e.clientX"
	"-st.x,y:e.clientY-st.y};view.setPointerCapture(e.pointerId);});"
	"view.addEventListener('pointermove',function(e){if(!drag)return;"
	"st.x=e.clientX-drag.x;st.y=e.clientY-drag.y;apply();});"
	"function end(){drag=null;}"
	"view.addEventListener('pointerup',end);"
	"view.addEventListener('pointercancel',end);"
	"view.addEventListener('keydown',function(e){if(e.key==='+'||"
	"e.key==='=')mid(1.25);else if(e.key==='-')mid(0.8);else if("
	"e.key==='0')home();});"
	"var b=fig.querySelectorAll('button[data-zoom]');"
	"for(var i=0;i<b.length;i++)b[i].addEventListener('click',"
	"function(e){var z=e.currentTarget.getAttribute('data-zoom');"
	"if(z==='in')mid(1.25);else if(z==='out')mid(0.8);else if("
	"z==='fit'){st.s=Math.min(view.clientWidth/w,view.clientHeight/h);"
	"st.x=0;st.y=0;apply();}else home();});"
	"home();}"
	"var f=document.querySelectorAll('figure.graph');"
	"for(var i=0;i<f.length;i++)setup(f[i]);})();";

/* 'sha256-BASE64' of the script, for the CSP. */
static void script_hash(char out[BASE64_LEN(32) + 1])
{
	uint8_t h[32];

	hash_sha256(h, script, sizeof(script) - 1);
	base64_encode(out, h, sizeof(h));
}

/* Column alignment of the table being written. */
static char align[32];
static size_t col;

static void h_begin(FILE *f, const char *title)
{
	char hash[BASE64_LEN(32) + 1];

	script_hash(hash);
	fprintf(f,
		"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" "
		"content=\"default-src 'none'; style-src 'unsafe-inline'; "
		"script-src 'sha256-%s'\">\n"
		"<meta name=\"viewport\" content=\"width=device-width\">\n"
		"<title>",
		hash);
	esc_html(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
	esc_html(f, title);
	fputs("</h1>\n", f);
}

static void h_end(FILE *f)
{
	fprintf(f, "<script>%s</script>\n</body>\n</html>\n", script);
}

static void h_heading(FILE *f, int level, const char *text)
{
	fprintf(f, "<h%d>", level);
	esc_html(f, text);
	fprintf(f, "</h%d>\n", level);
}

static void h_generated(FILE *f, const char *t)
{
	fputs("<p class=\"generated\">Generated: ", f);
	esc_html(f, t);
	fputs("</p>\n", f);
}

static void h_para_begin(FILE *f)
{
	fputs("<p>", f);
}

static void h_para_end(FILE *f)
{
	fputs("</p>\n", f);
}

static void h_text(FILE *f, const char *s)
{
	esc_html(f, s);
}

static void h_code(FILE *f, const char *s)
{
	fputs("<code>", f);
	esc_html(f, s);
	fputs("</code>", f);
}

static void h_strong(FILE *f, const char *s)
{
	fputs("<strong>", f);
	esc_html(f, s);
	fputs("</strong>", f);
}

static void h_list_begin(FILE *f, int ordered)
{
	fputs(ordered ? "<ol>\n" : "<ul>\n", f);
}

static void h_item_begin(FILE *f)
{
	fputs("<li>", f);
}

static void h_item_end(FILE *f)
{
	fputs("</li>\n", f);
}

static void h_list_end(FILE *f, int ordered)
{
	fputs(ordered ? "</ol>\n" : "</ul>\n", f);
}

static void h_table_begin(FILE *f, const char *const *cols, const char *al)
{
	snprintf(align, sizeof(align), "%s", al);
	fputs("<div class=\"tw\"><table>\n<thead><tr>", f);
	for (size_t i = 0; cols[i]; i++) {
		fputs("<th>", f);
		esc_html(f, cols[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
}

static void h_row_begin(FILE *f)
{
	col = 0;
	fputs("<tr>", f);
}

static void h_cell_begin(FILE *f)
{
	fputs(col < sizeof(align) && align[col] == 'r' ? "<td class=\"r\">"
						       : "<td>",
	      f);
	col++;
}

static void h_cell_end(FILE *f)
{
	fputs("</td>", f);
}

static void h_row_end(FILE *f)
{
	fputs("</tr>\n", f);
}

static void h_table_end(FILE *f)
{
	fputs("</tbody>\n</table></div>\n", f);
}

/* The colours of the flow graph, from the table the DOT writer uses. */
static void h_legend(FILE *f)
{
	size_t n;
	const struct palette_entry *p = palette_all(&n);

	fputs("<ul class=\"legend\" aria-label=\"legend\">\n", f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f,
			"<li><span class=\"sw\" data-key=\"%s\" "
			"style=\"background:%s;color:%s\">",
			p[i].key, p[i].fill, p[i].text);
		esc_html(f, p[i].label);
		fputs("</span></li>\n", f);
	}
	fputs("</ul>\n", f);
}

static void h_svg(FILE *f, const char *svg, const char *caption)
{
	fputs("<figure class=\"graph\">\n<div class=\"gbar\">"
	      "<button type=\"button\" data-zoom=\"in\" "
	      "title=\"zoom in (+)\">+</button>"
	      "<button type=\"button\" data-zoom=\"out\" "
	      "title=\"zoom out (-)\">&#8722;</button>"
	      "<button type=\"button\" data-zoom=\"fit\">whole graph</button>"
	      "<button type=\"button\" data-zoom=\"home\" "
	      "title=\"back (0)\">readable size</button>"
	      " wheel: zoom, drag: pan</div>\n"
	      "<div class=\"gview\" tabindex=\"0\">\n",
	      f);
	fputs(svg, f);
	fputs("\n</div>\n", f);
	h_legend(f);
	fputs("<figcaption>", f);
	esc_html(f, caption);
	fputs("</figcaption>\n</figure>\n", f);
}

static void h_ref(FILE *f, const struct report *r, enum doc_ref kind,
		  const char *s)
{
	const char *t =
		kind == DOC_REF_TXID ? r->explorer_txid : r->explorer_address;

	if (!t) {
		h_code(f, s);
		return;
	}
	fputs("<a href=\"", f);
	explorer_write_url(f, t, s);
	fputs("\" rel=\"noreferrer noopener\">", f);
	h_code(f, s);
	fputs("</a>", f);
}

static void h_bars(FILE *f, const struct report *r, const struct report_case *c,
		   uint32_t asset)
{
	struct svg_bar *bars = calloc(c->n_entities + 1, sizeof(*bars));
	char(*text)[AMOUNT_STR_MAX + 40] =
		calloc(c->n_entities + 1, sizeof(*text));
	char title[128], s[AMOUNT_STR_MAX];
	size_t n = 0;

	(void)r;
	if (!bars || !text)
		goto cleanup;
	for (size_t i = 0; i < c->n_entities; i++) {
		const struct report_entity *e = &c->entities[i];

		if (e->asset != asset)
			continue;
		snprintf(text[n], sizeof(text[n]), "%s %s",
			 report_amount(s, sizeof(s), c->res, asset, e->amount),
			 c->res->assets[asset].asset);
		bars[n].label = e->entity;
		bars[n].value = e->amount;
		bars[n].value_text = text[n];
		bars[n].color = export_category_color(e->category);
		n++;
	}
	if (!n)
		goto cleanup;
	snprintf(title, sizeof(title),
		 report_is_exposure(c->res)
			 ? "Exposure by entity (%s, an upper bound)"
			 : "Exits by entity (%s)",
		 c->res->assets[asset].asset);
	fputs("<figure>\n", f);
	svg_bar_chart(f, bars, n, title);
	fputs("</figure>\n", f);
cleanup:
	free(bars);
	free(text);
}

static const struct doc_ops html_ops = {
	h_begin,      h_end,	  h_heading,  h_generated,   h_para_begin,
	h_para_end,   h_text,	  h_code,     h_strong,	     h_list_begin,
	h_item_begin, h_item_end, h_list_end, h_table_begin, h_row_begin,
	h_cell_begin, h_cell_end, h_row_end,  h_table_end,   h_svg,
	h_ref,	      h_bars,
};

enum trc_err report_write_html(FILE *f, const struct report *r,
			       struct trc_error *err)
{
	return report_doc_write(f, &html_ops, r, err);
}
