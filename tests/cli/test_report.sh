#!/bin/sh
# tracer report: every format on a fixture database, numbers equal to
# `tracer trace --json`, hostile tag labels inert, reproducible output,
# several cases with the overlap counted once, prices, atomic output.
. tests/lib.sh
: "${TOOLS:=$PWD/build/san/tools}" # run.sh sets it; a default for runs by hand

# trace_json DB CASE: `tracer trace --json` of a case
trace_json() {
	"$TRACER" --db "$1" --json trace --case "$2"
}
DB="$T_TMP/db"
CHECK="python3 tests/cli/report_check.py"
A="$DB.case-a.json"
B="$DB.case-b.json"

if ! "$TOOLS/report_fixture" "$DB" >"$T_TMP/fx.log" 2>&1; then
	fail fixture "$(cat "$T_TMP/fx.log")"
	finish
	exit
fi

run help 0 "$TRACER" report --help
contains help_prices "$T_TMP/out" "--prices FILE"
contains help_trace_opts "$T_TMP/out" "--policy"
run no_case 2 "$TRACER" --db "$DB" report --format md
contains no_case_msg "$T_TMP/err" "report needs --case FILE"
run bad_format 2 "$TRACER" --db "$DB" report --case "$A" --format pdf
contains bad_format_msg "$T_TMP/err" "unknown format 'pdf'"
run currency_alone 2 "$TRACER" --db "$DB" report --case "$A" --currency USD
run missing_case 1 "$TRACER" --db "$DB" report --case "$T_TMP/none.json"
contains missing_case_msg "$T_TMP/err" "none.json"

run trace_json 0 trace_json "$DB" "$A"
cp "$T_TMP/out" "$T_TMP/trace.json"
equal trace_balanced "$(jget "$T_TMP/trace.json" 'd["assets"][0]["balanced"]')" True
equal trace_two_exits "$(jget "$T_TMP/trace.json" 'len(d["exits"])')" 2

for f in md html json csv; do
	run "report_$f" 0 "$TRACER" --db "$DB" report --case "$A" \
		--format "$f" -o "$T_TMP/r.$f"
	if $CHECK "$T_TMP/trace.json" "$f" "$T_TMP/r.$f" >"$T_TMP/chk" 2>&1
	then pass "numbers_$f"
	else fail "numbers_$f" "$(head -c 600 "$T_TMP/chk")"; fi
done
# stdout when no -o, the same bytes but the generation line
run report_stdout 0 "$TRACER" --db "$DB" report --case "$A" --format md
grep -v '^Generated: \|Command:' "$T_TMP/out" >"$T_TMP/a"
grep -v '^Generated: \|Command:' "$T_TMP/r.md" >"$T_TMP/b"
if cmp -s "$T_TMP/a" "$T_TMP/b"; then pass stdout_same; else
	fail stdout_same "$(diff "$T_TMP/a" "$T_TMP/b" | head -5)"; fi

# sections the issue lists
for s in "## Summary" "**Illicit proceeds estimate**" "## Exits" "## Paths" \
	"## Held" "## Unresolved" "## Timeline" "## Methodology" \
	"## Provenance" "seed total 10 BTC = exits" "(balanced)" \
	"Database content digest" "blk:/fixture/blocks" "100 to 102" "heights 100 to 105" \
	"list two" "docs/taint.md" "Policy.** Haircut"; do
	contains "md_has_$s" "$T_TMP/r.md" "$s"
done
run digest 0 "$TRACER" --db "$DB" --json db check
contains md_digest "$T_TMP/r.md" "$(jget "$T_TMP/out" 'd["digest"]')"
contains md_command "$T_TMP/r.md" "report --case $A --format md"

# hostile labels: inert in every format
lacks md_no_raw_script "$T_TMP/r.md" "<script>"
contains md_escaped_script "$T_TMP/r.md" '\<script\>'
contains md_pipe_escaped "$T_TMP/r.md" 'x -\> y'
# one script, the report's own, allowed by its hash and nothing else
equal html_one_script "$(grep -oi '<script' "$T_TMP/r.html" | wc -l)" 1
equal html_csp_hash "$(python3 - "$T_TMP/r.html" <<'PY'
import base64, hashlib, re, sys
h = open(sys.argv[1], encoding="utf-8").read()
body = re.search(r"<script>(.*?)</script>", h, re.S).group(1)
want = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
pol = re.search(r'Content-Security-Policy" content="([^"]*)"', h).group(1)
print(pol == "default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'sha256-%s'" % want)
PY
)" True
contains html_escaped "$T_TMP/r.html" "&lt;script&gt;alert(1)"
contains html_csp "$T_TMP/r.html" "default-src 'none'"
contains html_legend "$T_TMP/r.html" '<ul class="legend"'
contains html_arrivals "$T_TMP/r.html" "Arrivals at exits per UTC day"
contains html_timeline_note "$T_TMP/r.html" "counted three times"
lacks html_no_link "$T_TMP/r.html" "<a href="

# explorer links: checked templates, HTML only, escaped
X_TX='https://mempool.space/tx/{txid}'
X_AD='https://mempool.space/address/{address}'
run explorer 0 "$TRACER" --db "$DB" report --case "$A" --format html \
	--explorer "$X_TX" --explorer "$X_AD" -o "$T_TMP/x.html"
TX1=$(jget "$T_TMP/trace.json" 'd["exits"][0]["txids"][0]')
AD1=$(jget "$T_TMP/trace.json" 'd["exits"][0]["address"]')
contains explorer_tx "$T_TMP/x.html" \
	"<a href=\"https://mempool.space/tx/$TX1\" rel=\"noreferrer noopener\"><code>$TX1</code></a>"
contains explorer_addr "$T_TMP/x.html" \
	"<a href=\"https://mempool.space/address/$AD1\" rel=\"noreferrer noopener\"><code>$AD1</code></a>"
run explorer_amp 0 "$TRACER" --db "$DB" report --case "$A" --format html \
	--explorer 'http://x.example/t?id={txid}&net=main' -o "$T_TMP/x2.html"
contains explorer_escaped "$T_TMP/x2.html" \
	"href=\"http://x.example/t?id=$TX1&amp;net=main\""
# bad_explorer NAME TEMPLATE MESSAGE: a usage error naming the fault
bad_explorer() {
	run "explorer_$1" 2 "$TRACER" --db "$DB" report --case "$A" \
		--format html --explorer "$2"
	contains "explorer_$1_msg" "$T_TMP/err" "$3"
}
bad_explorer js 'javascript:alert(1)//{txid}' "must start with https:// or http://"
bad_explorer none 'https://mempool.space/tx/' "exactly one placeholder, {txid} or {address}"
bad_explorer other 'https://x.example/{hash}' "exactly one placeholder"
bad_explorer two 'https://x.example/{txid}/{address}' "exactly one placeholder"
bad_explorer quote 'https://x.example/"><script>{txid}' "character 19 may not appear"
bad_explorer host 'https://{txid}.example/' "has no host"
bad_explorer nohost 'https:///tx/{txid}' "has no host"
run explorer_twice 2 "$TRACER" --db "$DB" report --case "$A" --format html \
	--explorer "$X_TX" --explorer 'https://other.example/{txid}'
contains explorer_twice_msg "$T_TMP/err" "--explorer given twice for {txid}"
run explorer_md 2 "$TRACER" --db "$DB" report --case "$A" --format md \
	--explorer "$X_TX"
contains explorer_md_msg "$T_TMP/err" "--explorer is for --format html"
equal json_entity "$(jget "$T_TMP/r.json" 'd["cases"][0]["trace"]["exits"][0]["entity"].split(chr(10))[0]')" \
	'Evil "Exchange"]; x -> y [label="pwned"'
equal csv_entity "$(python3 -c 'import csv,sys
r=[x for x in csv.DictReader(open(sys.argv[1])) if x["section"]=="exit"]
print(r[0]["entity"].split(chr(10))[1])' "$T_TMP/r.csv")" \
	"<script>alert(1)</script> & 'co' | *bold* =1+1"

# reproducible: the same command twice, only the generation line differs
for f in md html json csv; do
	cp "$T_TMP/r.$f" "$T_TMP/r1.$f"
	# another generation time, fixed the reproducible-builds way
	SOURCE_DATE_EPOCH=86400 "$TRACER" --db "$DB" report --case "$A" --format "$f" \
		-o "$T_TMP/r.$f" 2>/dev/null
	n=$(diff "$T_TMP/r1.$f" "$T_TMP/r.$f" | grep -c '^[<>]')
	d=$(diff "$T_TMP/r1.$f" "$T_TMP/r.$f" | grep '^[<>]' |
		grep -vc 'enerated' )
	if [ "$d" -eq 0 ] && [ "$n" -eq 2 ]; then pass "repro_$f"; else
		fail "repro_$f" "$(diff "$T_TMP/r1.$f" "$T_TMP/r.$f" | head -6)"
	fi
	equal "one_generated_line_$f" \
		"$(grep -c 'enerated[",: ]' "$T_TMP/r.$f")" 1
done
SOURCE_DATE_EPOCH=1700000000 "$TRACER" --db "$DB" report --case "$A" \
	-o "$T_TMP/r3.md" 2>/dev/null
contains source_date_epoch "$T_TMP/r3.md" "Generated: 2023-11-14T22:13:20Z"

# several cases: a section each, a total with the overlap counted once
run multi 0 "$TRACER" --db "$DB" report --case "$A" --case "$B" \
	--format json -o "$T_TMP/m.json"
trace_json "$DB" "$B" >"$T_TMP/trace-b.json" 2>/dev/null
if $CHECK "$T_TMP/trace-b.json" json "$T_TMP/m.json" 1 >"$T_TMP/chk" 2>&1
then pass multi_numbers_b; else fail multi_numbers_b "$(cat "$T_TMP/chk")"; fi
if $CHECK "$T_TMP/trace.json" json "$T_TMP/m.json" 0 >"$T_TMP/chk" 2>&1
then pass multi_numbers_a; else fail multi_numbers_a "$(cat "$T_TMP/chk")"; fi
# b's 1 BTC deposit is the same transaction in both cases
equal multi_overlap "$(jget "$T_TMP/m.json" '[t["overlap"] for t in d["total"] if t["entity"]=="Plain Deposit Co"][0]')" 100000000
equal multi_once "$(jget "$T_TMP/m.json" '[t["amount"] for t in d["total"] if t["entity"]=="Plain Deposit Co"][0]')" 100000000
equal multi_sum "$(jget "$T_TMP/m.json" '[t["sum"] for t in d["total"] if t["entity"]=="Plain Deposit Co"][0]')" 200000000
run multi_md 0 "$TRACER" --db "$DB" report --case "$A" --case "$B"
contains multi_md_total "$T_TMP/out" "## Total over all cases"
contains multi_md_case2 "$T_TMP/out" "## Case 2: Fixture B"
contains multi_md_overlap "$T_TMP/out" "Overlap in BTC: 1 BTC"

# prices: valued at the arrival day; a missing day shows as missing
printf 'date,asset,currency,price\n2024-01-12,BTC,USD,46000.50\n2024-01-13,BTC,USD,42800\n' \
	>"$T_TMP/prices.csv"
run prices 0 "$TRACER" --db "$DB" report --case "$A" --prices "$T_TMP/prices.csv"
contains prices_value "$T_TMP/out" "42800.00 USD"
contains prices_missing "$T_TMP/out" "missing (no USD price for 2024-01-14)"
run prices_json 0 "$TRACER" --db "$DB" report --case "$A" --prices "$T_TMP/prices.csv" --format json
equal prices_json_missing "$(jget "$T_TMP/out" 'd["cases"][0]["trace"]["exits"][0]["value"]["missing_day"]')" 2024-01-14
equal prices_json_value "$(jget "$T_TMP/out" 'd["cases"][0]["trace"]["exits"][1]["value"]["amount"]')" 42800.00
printf 'date,asset,currency,price\n2024-13-01,BTC,USD,1\n' >"$T_TMP/bad.csv"
run prices_bad 1 "$TRACER" --db "$DB" report --case "$A" --prices "$T_TMP/bad.csv"
contains prices_bad_msg "$T_TMP/err" "line 2: field 'date'"

# a failed write leaves nothing behind
run out_missing_dir 1 "$TRACER" --db "$DB" report --case "$A" -o "$T_TMP/no/dir/r.md"
[ ! -e "$T_TMP/no" ] && pass out_nothing_left || fail out_nothing_left "created"
# the HTML without Graphviz says so and is still complete
run html_no_dot 0 env PATH=/nonexistent "$TRACER" --db "$DB" report \
	--case "$A" --format html
contains html_no_dot_note "$T_TMP/out" "No flow graph"
contains html_no_dot_exits "$T_TMP/out" "<h2>Exits</h2>"
run html_no_graph 0 "$TRACER" --db "$DB" report --case "$A" --format html --no-graph
lacks html_no_graph_svg "$T_TMP/out" 'class="graph"'
# Graphviz's own SVG (the bar chart is an <svg> too); dot is one of the
# packages make installs, so its absence is a failure
contains html_graph "$T_TMP/r.html" 'class="graph"'
# the trace options override the case
run override_policy 0 "$TRACER" --db "$DB" report --case "$A" --format json --policy poison
equal override_policy_json "$(jget "$T_TMP/out" 'd["cases"][0]["trace"]["policy"]')" poison
# conflicting tags on an exit (tracer/report/warnings.c): the summary of
# every format and the JSON warnings say so, naming the address, both
# tags and the one used; on a copy, the fixture stays as it was
CF="$T_TMP/conflict-db"
X=1FegxN1Ru14Ti7BkvnCgeSUMrU9Pv7KAkc
CFW="has conflicting tags: deposit (Plain Deposit Co, list two) and hacker (Lazarus, osint); tracing uses deposit (Plain Deposit Co, list two), by the higher confidence (90 over 50)"
cp -r "$DB" "$CF"
run cf_tag 0 "$TRACER" --db "$CF" tag add --chain btc $X --entity Lazarus \
	--category hacker --source osint --confidence 50
run cf_md 0 "$TRACER" --db "$CF" report --case "$A" --format md
contains cf_md_warning "$T_TMP/out" "**Warning:** '$X' $CFW"
run cf_html 0 "$TRACER" --db "$CF" report --case "$A" --format html
contains cf_html_warning "$T_TMP/out" "Warning:</strong> &#39;$X&#39; $CFW"
run cf_json 0 "$TRACER" --db "$CF" report --case "$A" --format json
equal cf_json_warnings "$(jget "$T_TMP/out" \
	'[len([w for w in x if "conflicting" in w]) for x in (d["warnings"], d["cases"][0]["trace"]["warnings"])]')" \
	"[1, 1]"
run cf_clean 0 "$TRACER" --db "$DB" report --case "$A" --format md
lacks cf_clean_none "$T_TMP/out" "conflicting"

# what the report is doing, on a terminal only (script(1) gives one): the
# trace of each case, the provenance, the graph; nothing with --format
# json, -q or without a terminal
if command -v script >/dev/null 2>&1; then
	tty_run() { script -qec "$*" /dev/null >"$T_TMP/tty" 2>&1; }
	tty_run "$TRACER" --db "$DB" report --case "$A" --case "$B" \
		--format html -o "$T_TMP/p.html"
	contains progress_case1 "$T_TMP/tty" "report: case 1/2: trace: 1 tx visited"
	contains progress_case2 "$T_TMP/tty" "report: case 2/2: trace: 1 tx visited"
	contains progress_render "$T_TMP/tty" "report: provenance, totals and flow graphs"
	tty_run "$TRACER" --db "$DB" report --case "$A" --format json \
		-o "$T_TMP/p.json"
	lacks progress_json "$T_TMP/tty" "report: "
	tty_run "$TRACER" --db "$DB" -q report --case "$A" -o "$T_TMP/p.md"
	lacks progress_q "$T_TMP/tty" "report: "
else
	skip progress_tty "script(1) (util-linux) is not installed"
fi
run progress_no_tty 0 "$TRACER" --db "$DB" report --case "$A" -o "$T_TMP/p.md"
lacks progress_no_tty_none "$T_TMP/err" "report: "

finish
