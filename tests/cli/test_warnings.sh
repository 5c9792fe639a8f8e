#!/bin/sh
# Warnings for empty or suspicious results (tracer/report/warnings.c): on
# stderr in text mode, in the `warnings` array with --json, on the demo
# database (btc regtest).
. tests/lib.sh
DEMO="$T_TMP/demo"
DB="$DEMO/db"
SEED=bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq
HELD=bcrt1qc0lcazw5vmpsaemte0eyej66dr3zr4fh8hdj5c
NEVER=bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080
NEVER_MSG="tracer: warning: the seeds have no transaction in this database (never seen, or not crawled): crawl them first: tracer crawl btc SOURCE --follow --seed $NEVER"
SINCE_MSG="the seeds received nothing in this database from --since on: give an earlier --since, or crawl the blocks that paid them"
NOEXIT_MSG="no tainted funds reached an exit (a tagged exchange, deposit, mixer, bridge or service)"

run demo 0 "$TRACER" demo --out "$DEMO"

# a seed the database never saw
run never 0 "$TRACER" --db "$DB" trace --chain btc --seed $NEVER
contains never_msg "$T_TMP/err" "$NEVER_MSG"
contains never_total "$T_TMP/out" "seed total 0"
run never_json 0 "$TRACER" --db "$DB" trace --chain btc --seed $NEVER --json
equal never_json_warnings "$(jget "$T_TMP/out" 'd["warnings"][0]')" \
	"${NEVER_MSG#tracer: warning: }"
equal never_json_quiet_stderr "$(cat "$T_TMP/err")" ""
run never_quiet 0 "$TRACER" -q --db "$DB" trace --chain btc --seed $NEVER
equal never_quiet_stderr "$(cat "$T_TMP/err")" ""

# --since after every receipt
run since 0 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
	--since 2030-01-01
contains since_msg "$T_TMP/err" "tracer: warning: $SINCE_MSG"
run since_json 0 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
	--since 2030-01-01 --json
equal since_json_warnings "$(jget "$T_TMP/out" 'd["warnings"]')" \
	"['$SINCE_MSG']"

# funds that reach no exit
run noexit 0 "$TRACER" --db "$DB" trace --chain btc --seed $SEED --hops 1
contains noexit_msg "$T_TMP/err" "tracer: warning: $NOEXIT_MSG"
run held_only 0 "$TRACER" --db "$DB" trace --chain btc --seed $HELD
contains held_only_msg "$T_TMP/err" "$NOEXIT_MSG"

# the demo case reaches exchanges: no warning, an empty array
run clean 0 "$TRACER" --db "$DB" trace --case "$DEMO/case.json"
lacks clean_no_warning "$T_TMP/err" "warning"
run clean_json 0 "$TRACER" --db "$DB" trace --case "$DEMO/case.json" --json
equal clean_json_warnings "$(jget "$T_TMP/out" 'd["warnings"]')" "[]"

# an address the database never saw
run addr_never 0 "$TRACER" --db "$DB" address --chain btc $NEVER
contains addr_never_msg "$T_TMP/err" "tracer: warning: the database has no transaction of '$NEVER' (never seen, or not crawled): crawl it: tracer crawl btc SOURCE --follow --seed $NEVER"
run addr_never_json 0 "$TRACER" --db "$DB" address --chain btc $NEVER --json
equal addr_never_json_n "$(jget "$T_TMP/out" 'len(d["warnings"])')" 1
run addr_seen_json 0 "$TRACER" --db "$DB" address --chain btc $SEED --json
equal addr_seen_json_n "$(jget "$T_TMP/out" 'len(d["warnings"])')" 0
lacks addr_seen_no_warning "$T_TMP/err" "warning"

# the report says so in its summary (Markdown, HTML, and the JSON's trace)
run never_case 0 "$TRACER" --db "$DB" case init "$T_TMP/never.json" \
	--chain btc --seed $NEVER
run report_md 0 "$TRACER" --db "$DB" report --case "$T_TMP/never.json" \
	-o "$T_TMP/never.md"
contains report_md_warning "$T_TMP/never.md" "**Warning:** the seeds have no transaction in this database"
run report_html 0 "$TRACER" --db "$DB" report --case "$T_TMP/never.json" \
	--format html -o "$T_TMP/never.html"
contains report_html_warning "$T_TMP/never.html" "Warning:</strong> the seeds have no transaction in this database"
run report_json 0 "$TRACER" --db "$DB" report --case "$T_TMP/never.json" \
	--format json -o "$T_TMP/never.rjson"
equal report_json_warning "$(jget "$T_TMP/never.rjson" 'len(d["cases"][0]["trace"]["warnings"])')" 1
run report_clean 0 "$TRACER" --db "$DB" report --case "$DEMO/case.json" \
	-o "$T_TMP/clean.md"
lacks report_clean_no_warning "$T_TMP/clean.md" "Warning:"

finish
