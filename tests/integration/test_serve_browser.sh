#!/bin/sh
# tracer serve in a real browser: Debian's chromium driven by puppeteer-core
# (npm, into the git-ignored tests/browser/node_modules) on the demo
# database: the graph renders the case's nodes, search, a hostile tag
# label stays inert, the legend (every kind of node drawn, exits by
# category, in the nodes' colours), hover, the time slider, hide a node
# and show all, pan and zoom by keyboard, wheel and mouse, a node
# dragged, fifo and back, the
# comparison, expand the frontier and collapse, a note on a node (then
# in the case file's node_notes and the report; a hostile one stays
# text), the page within 1280x800, the
# Graphviz layout drawn, the address panel (with the cluster and its
# evidence) and the transaction panel, a note on an edge (the case
# file's edge_notes, then in the report), the Download button's files
# (exactly the bytes of tracer report and tracer export), a screenshot
# that is not blank, and no request to any other host. One browser, one
# page. Then a second server on a cross-chain case (a stated BTC -> ETH
# link on a store built by gen_store, as tests/cli/test_crosschain.sh):
# the link drawn as its own edge, in the legend, its evidence and
# amounts in the side panel (tests/browser/serve_xlink.js).
. tests/lib.sh
# the reports' generation time, the same for the server and the CLI
export SOURCE_DATE_EPOCH=1700000000
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

serve_start "$DB" "$CASE"
case "$URL" in
http://127.0.0.1:*) pass url ;;
*) fail url "no URL: $(cat "$T_TMP/serve.err")" ;;
esac

# page LOG LAST RUN SCRIPT ARGS...: runs tests/browser/SCRIPT with node
# into $T_TMP/LOG, each "ok NAME" or "FAIL NAME: why" line a check; the
# run failed (check RUN) unless its last check, LAST, passed
page() {
	_log="$T_TMP/$1" _last=$2 _run=$3 _script=$4
	shift 4
	timeout 600 env NODE_PATH="$BROWSER_DIR/node_modules" node \
		"$BROWSER_DIR/$_script" "$@" >"$_log" 2>&1
	while IFS= read -r line; do
		case "$line" in
		"ok "*) pass "${line#ok }" ;;
		"FAIL "*) _r=${line#FAIL }; fail "${_r%%:*}" "${_r#*: }" ;;
		esac
	done <"$_log"
	grep -q "^ok $_last\$" "$_log" || fail "$_run" "$(tail -n 20 "$_log")"
}
page page.log no_page_errors page_run serve_page.js "$BROWSER" "$URL" "$T_TMP"
N=$(sed -n 's/^nodes //p' "$T_TMP/page.log")
W=$("$TRACER" --db "$T_TMP/clidb" --json trace --case "$CASE" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["counters"]["addresses"])')
equal page_nodes_are_trace "$N" "$W"

# the note is in the case file's node_notes (on the seed), and so in the
# report
SEED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seeds"][0])' "$CASE")
_v=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(d.get("node_notes") == [{"node": sys.argv[2], "text": "browser note 42"}, {"node": sys.argv[2], "text": "<img src=x onerror=alert(\"note\")>"}] and "browser note 42" not in (d.get("notes") or ""))' \
	"$CASE" "$SEED" 2>&1)
equal note_in_case "$_v" True
kill "$SERVE_PID"
wait "$SERVE_PID"
SERVE_PID=
# the downloads are the CLI's bytes for the page's view (case 0,
# haircut, the case's hops), the report run as `tracer --db DB report
# ...`: the command line its provenance names
mkdir -p "$T_TMP/as_tracer"
ln -sf "$TRACER" "$T_TMP/as_tracer/tracer"
for f in md json; do
	PATH="$T_TMP/as_tracer:$PATH" tracer --db "$DB" report --case "$CASE" \
		--format $f --policy haircut >"$T_TMP/cli_report.$f"
	cmp -s "$T_TMP/report.$f" "$T_TMP/cli_report.$f" &&
		pass "download_report_${f}_bytes" ||
		fail "download_report_${f}_bytes" "differs from tracer report"
done
"$TRACER" --db "$DB" export --case "$CASE" --format dot --policy haircut \
	>"$T_TMP/cli.dot"
cmp -s "$T_TMP/flow.dot" "$T_TMP/cli.dot" && pass download_export_bytes ||
	fail download_export_bytes "the page's export differs from tracer export"
contains note_in_report "$T_TMP/cli_report.md" "**Note on** \`$SEED\`: browser note 42"
# the edge's note: in the case file's edge_notes, then in the report
EFROM=$(sed -n 1p "$T_TMP/edge.txt" 2>/dev/null)
ETO=$(sed -n 2p "$T_TMP/edge.txt" 2>/dev/null)
_v=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(d.get("edge_notes") == [{"from": sys.argv[2], "to": sys.argv[3], "text": "edge note 7"}] and "edge note 7" not in d.get("notes", ""))' \
	"$CASE" "$EFROM" "$ETO" 2>&1)
equal edge_note_in_case "$_v" True
_v=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(d["cases"][0]["edge_notes"][0]["text"])' "$T_TMP/report.json" 2>&1)
equal edge_note_in_report "$_v" "edge note 7"
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

# the cross-chain case: V (an OTC desk, a bridge) paid 120000007 sat of
# x:0; the desk's payout c0:0 on Ethereum is linked to it
GEN="${TOOLS:-build/san/tools}/gen_store"
txid() {
	python3 -c 'import hashlib,sys; h=hashlib.sha256(sys.argv[1].encode()).digest(); print(h[::-1].hex() if sys.argv[2]=="btc" else "0x"+h.hex())' "$1" "$2"
}
XDB="$T_TMP/xdb" XCASE="$T_TMP/xcase.json"
cat >"$T_TMP/xfx.txt" <<EOT
tx a 1 | coinbase | 13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94=150000000
tx b 2 | coinbase | 12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw=50000000
tx x 3 | a:0 b:0 | 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2=120000007 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa=79989993
tag 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 bridge OTCdesk
chain eth
ev c0 4 | native 0x00000000000000000000000000000000000000a1 0x00000000000000000000000000000000000000d1 21500000000000000000
ev c1 5 | native 0x00000000000000000000000000000000000000d1 0x00000000000000000000000000000000000000e1 20000000000000000000 | fee 0x00000000000000000000000000000000000000d1 - 1000
tag 0x00000000000000000000000000000000000000e1 exchange Zeta
EOT
if [ -x "$GEN" ] && "$GEN" "$XDB" "$T_TMP/xfx.txt"; then
	printf '{"name": "otc", "chain": "btc", "seeds": ["%s:0"]}\n' \
		"$(txid a btc)" >"$XCASE"
	run xlink_case 0 "$TRACER" --db "$XDB" case link "$XCASE" \
		--from "btc:$(txid x btc):0" --to "eth:$(txid c0 eth):0" \
		--evidence 'desk statement <b>2025-02-21</b>'
	serve_start "$XDB" "$XCASE"
	XURL=$URL
	# 90000005 sat of taint: floor(90000005 * 21.5 ETH / 120000007 sat)
	page xpage.log xlink_no_page_errors xlink_page_run serve_xlink.js \
		"$BROWSER" "$XURL" 'desk statement <b>2025-02-21</b>' \
		'16.124999955208335946 ETH'
	kill "$SERVE_PID"
	wait "$SERVE_PID"
	SERVE_PID=
else
	fail xlink_store "gen_store could not build the cross-chain store ($GEN; make san)"
fi
finish
