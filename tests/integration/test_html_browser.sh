#!/bin/sh
# The HTML report in a real browser: Debian's chromium, headless, with
# background networking off and every host name unresolvable. The page
# must render (a screenshot that is not blank), fetch nothing (no http(s)
# request in chromium's net log) and hold one script only, its own, which
# the CSP allows by its hash. Then driven by puppeteer-core (npm, into the
# git-ignored tests/browser/node_modules, as test_serve_browser.sh does):
# graph labels at least 10 px at the default zoom, the legend, a wheel
# event zooms, a drag pans, no request leaves the page, no CSP violation,
# and a copy with its script changed by one byte is refused.
. tests/lib.sh
. tests/browser/setup.sh
: "${TOOLS:=$PWD/build/san/tools}" # run.sh sets it; a default for runs by hand
DB="$T_TMP/db"
BROWSER_DIR=${TRACER_SRC:-$PWD}/tests/browser

BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then # make check installs it (DEB_TEST_PKGS)
	fail browser "chromium is not installed (Debian package chromium; make deps-test)"
	finish
	exit
fi
if ! "$TOOLS/report_fixture" "$DB" >"$T_TMP/fx.log" 2>&1; then
	fail fixture "$(cat "$T_TMP/fx.log")"
	finish
	exit
fi
run report 0 "$TRACER" --db "$DB" report --case "$DB.case-a.json" \
	--case "$DB.case-b.json" --format html -o "$T_TMP/report.html"

# nothing in the file a browser would fetch or run
python3 - "$T_TMP/report.html" >"$T_TMP/static" 2>&1 <<'PY'
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
bad = []
# the report's own script, once, at the end of the body; nothing else
scripts = re.findall(r"<script", h, re.I)
if len(scripts) != 1 or not re.search(r"<script>.*?</script>\n</body>", h, re.S):
    bad.append("%d scripts" % len(scripts))
h = re.sub(r"<script>.*?</script>", "", h, flags=re.S)
for pat in [r"<script", r"<link", r"<img", r"<iframe", r"<object",
            r"<embed", r"@import", r"url\(", r"\bsrc\s*=",
            r"<image", r"xlink:href", r"\bon[a-z]+\s*="]:
    if re.search(pat, h, re.I):
        bad.append(pat)
# an http(s) URL may appear only as text or an SVG namespace
for m in re.finditer(r"https?://", h):
    before = h[max(0, m.start() - 40):m.start()]
    if before.endswith('="') and not re.search(r'xmlns(:\w+)?="$', before):
        bad.append(h[m.start() - 20:m.start() + 40])
print(bad)
sys.exit(1 if bad else 0)
PY
[ $? -eq 0 ] && pass static_no_fetch || fail static_no_fetch "$(cat "$T_TMP/static")"

# shot PAGE PNG NETLOG: headless chromium, nothing resolvable
shot() {
	_prof=$(mktemp -d "$T_TMP/profile-XXXXXX")
	timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --disable-default-apps \
		--user-data-dir="$_prof" \
		--host-resolver-rules="MAP * ~NOTFOUND" \
		--log-net-log="$3" \
		--screenshot="$2" --window-size=1200,1600 \
		"file://$1" >"$T_TMP/chromium.log" 2>&1
}

# page_requests NETLOG: the http(s) URLs the page itself asked for.
# Chromium tags the requests of a page's resource loader with the traffic
# annotation 101845102 (blink_resource_loader); its own background
# requests (update checks, time) carry others and are not the page's.
page_requests() {
	python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
urls = set()
for m in re.finditer(r'\{[^{}]*"url"\s*:\s*"([^"]+)"[^{}]*\}', text):
    if '"traffic_annotation":101845102' in m.group(0) and \
            not m.group(1).startswith(("file:", "data:", "about:")):
        urls.add(m.group(1))
print(" ".join(sorted(urls)))
PY
}

shot "$T_TMP/report.html" "$T_TMP/shot.png" "$T_TMP/net.json"
if [ -s "$T_TMP/shot.png" ]; then pass screenshot; else
	fail screenshot "no screenshot: $(tail -n 5 "$T_TMP/chromium.log")"
fi

# not blank: decode the PNG (zlib from the standard library) and count
# distinct pixel values; a rendered report has text, tables and charts
python3 - "$T_TMP/shot.png" >"$T_TMP/png" 2>&1 <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h, bpp = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, color = struct.unpack(">IIBB", body[:10])
        bpp = {2: 3, 6: 4}[color] * depth // 8
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp + 1
values, dark = set(), 0
prev = bytearray(w * bpp)
for y in range(h):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else
                                  b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, w * bpp, bpp * 2):
            px = bytes(line[x:x + 3])
            values.add(px)
            dark += sum(px) < 200
    prev = line
print(w, h, len(values), dark)
sys.exit(0 if len(values) > 50 and dark > 500 else 1)
PY
[ $? -eq 0 ] && pass not_blank || fail not_blank "$(cat "$T_TMP/png")"

# no request left the page; and the check itself sees a page that
# fetches (so that it cannot pass by looking at nothing)
if [ -s "$T_TMP/net.json" ]; then
	equal no_requests "$(page_requests "$T_TMP/net.json")" ""
else
	fail no_requests "chromium wrote no net log"
fi
printf '<p>x<img src="http://example.org/x.png"></p>\n' >"$T_TMP/control.html"
shot "$T_TMP/control.html" "$T_TMP/control.png" "$T_TMP/control.json"
equal control_request_seen "$(page_requests "$T_TMP/control.json")" \
	"http://example.org/x.png"

# puppeteer-core: the demo's report (a frontier, a run of hops, several
# exit categories), and a copy whose script no longer matches its hash
if ! puppeteer_ready; then
	finish
	exit
fi
run demo 0 "$TRACER" demo --out "$T_TMP/demo"
run demo_report 0 "$TRACER" --db "$T_TMP/demo/db" report \
	--case "$T_TMP/demo/case.json" --format html -o "$T_TMP/demo.html"
sed 's/var MIN_PX=10;/var MIN_PX=11;/' "$T_TMP/demo.html" >"$T_TMP/tampered.html"
if cmp -s "$T_TMP/demo.html" "$T_TMP/tampered.html"; then
	fail tampered "the control copy equals the report"
fi
for page in "$T_TMP/demo.html" "$T_TMP/report.html"; do
	name=$(basename "$page" .html)
	ctl=
	[ "$name" = demo ] && ctl="$T_TMP/tampered.html"
	# the demo's trail continues at a frontier node: "follow here"
	timeout 300 env NODE_PATH="$BROWSER_DIR/node_modules" \
		FRONTIER=$([ "$name" = demo ] && echo 1 || echo 0) node \
		"$BROWSER_DIR/report_page.js" "$BROWSER" "$page" $ctl \
		>"$T_TMP/page-$name.log" 2>&1
	while IFS= read -r line; do
		case "$line" in
		"ok "*) pass "${name}_${line#ok }" ;;
		"FAIL "*) _r=${line#FAIL }; fail "${name}_${_r%%:*}" "${_r#*: }" ;;
		"labels "*) echo "$name: $line" ;;
		esac
	done <"$T_TMP/page-$name.log"
	grep -q '^ok no_page_errors' "$T_TMP/page-$name.log" ||
		fail "${name}_page_run" "$(tail -n 20 "$T_TMP/page-$name.log")"
done
finish
