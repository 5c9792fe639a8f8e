#!/bin/sh
# tracer serve in a real browser: Debian's chromium driven by puppeteer-core
# (npm, into the git-ignored tests/browser/node_modules) on the demo
# database: the graph renders the case's nodes, search, a hostile tag
# label stays inert, fifo and back, the comparison, expand the frontier
# and collapse, a note (then in the case file and the report), export
# (the bytes of tracer export), a screenshot that is not blank, and no
# request to any other host.
. tests/lib.sh
. tests/browser/setup.sh
BROWSER_DIR=${TRACER_SRC:-$PWD}/tests/browser
SERVE_PID=
T_CLEANUP_HOOK='[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null'

BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then # make check installs it (DEB_TEST_PKGS)
	fail browser "chromium is not installed (Debian package chromium; make deps-test)"
	finish
	exit
fi
if ! puppeteer_ready; then
	finish
	exit
fi

run demo 0 "$TRACER" demo --out "$T_TMP/demo"
DB="$T_TMP/demo/db"
CASE="$T_TMP/case.json"
cp "$T_TMP/demo/case.json" "$CASE"
# a hostile label: markup and a script in an entity name
run hostile_tag 0 "$TRACER" --db "$DB" tag add --chain btc \
	mkdFtiyNRqm1tJsexkjN1yjzw9VUrSgWGn --category other \
	--entity 'evil <img src=x onerror=alert("pwned")><script>alert(1)</script>' \
	--source test
# the CLI's side reads a copy (LevelDB locks even a reader out)
cp -r "$DB" "$T_TMP/clidb"
"$TRACER" --db "$T_TMP/clidb" export --case "$CASE" --format dot \
	>"$T_TMP/cli.dot"

"$TRACER" --db "$DB" serve --case "$CASE" >"$T_TMP/serve.out" \
	2>"$T_TMP/serve.err" &
SERVE_PID=$!
i=0
while [ $i -lt 1200 ] && ! grep -q '^http://' "$T_TMP/serve.out"; do
	kill -0 "$SERVE_PID" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
URL=$(head -n 1 "$T_TMP/serve.out")
case "$URL" in
http://127.0.0.1:*) pass url ;;
*) fail url "no URL: $(cat "$T_TMP/serve.err")" ;;
esac

timeout 600 env NODE_PATH="$BROWSER_DIR/node_modules" node \
	"$BROWSER_DIR/serve_page.js" "$BROWSER" "$URL" "$T_TMP" \
	>"$T_TMP/page.log" 2>&1
while IFS= read -r line; do
	case "$line" in
	"ok "*) pass "${line#ok }" ;;
	"FAIL "*) _r=${line#FAIL }; fail "${_r%%:*}" "${_r#*: }" ;;
	esac
done <"$T_TMP/page.log"
grep -q '^ok no_page_errors' "$T_TMP/page.log" ||
	fail page_run "$(tail -n 20 "$T_TMP/page.log")"
N=$(sed -n 's/^nodes //p' "$T_TMP/page.log")
W=$("$TRACER" --db "$T_TMP/clidb" --json trace --case "$CASE" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["counters"]["addresses"])')
equal page_nodes_are_trace "$N" "$W"

# the note is in the case file, and so in the report
contains note_in_case "$CASE" "browser note 42"
kill "$SERVE_PID"
wait "$SERVE_PID"
SERVE_PID=
run report 0 "$TRACER" --db "$DB" report --case "$CASE" --format md
contains note_in_report "$T_TMP/out" "browser note 42"
cmp -s "$T_TMP/export.dot" "$T_TMP/cli.dot" && pass export_bytes ||
	fail export_bytes "the page's export differs from tracer export"
# not blank: a PNG of some size with many colours is checked by python
python3 - "$T_TMP/shot.png" >"$T_TMP/png" 2>&1 <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
print(len(d))
sys.exit(0 if len(d) > 20000 else 1)
PY
[ $? -eq 0 ] && pass screenshot_not_blank ||
	fail screenshot_not_blank "$(cat "$T_TMP/png")"
finish
