#!/bin/sh
# Poison is exposure (issue 12, item 5): the text summary and every report
# format call poison's figures exposure, print no identity ("="), give no
# share of the seed total (so none above 100 %), and label the headline
# an upper bound; the other policies keep the identity and the shares. On
# the demo database (btc regtest), whose poison exits exceed the seed.
. tests/lib.sh
DEMO="$T_TMP/demo"
DB="$DEMO/db"
CASE="$DEMO/case.json"
IDENT="BTC: seed total 40.00000000; exposure (poison, an upper bound: the figures overlap): exits 56.69980000, held 28.29960000, fees 0.00110000, unresolved 4.99950000"
MD_IDENT="- **BTC**: seed total 40 BTC; exposure: exits 56.6998 BTC, held 28.2996 BTC, fees 0.0011 BTC, unresolved 4.9995 BTC (these overlap: no part of the seed total)"
HEAD="Exposure of exchanges and services (an upper bound)"

# percentages above 100 in FILE, one a line (none expected)
over100() {
	grep -oE '[0-9]+(\.[0-9]+)?%' "$1" | tr -d % |
		awk '$1 > 100 { print }'
}

run demo 0 "$TRACER" demo --out "$DEMO"

# the text summary
run text 0 "$TRACER" --db "$DB" trace --case "$CASE" --policy poison
contains text_identity "$T_TMP/out" "$IDENT"
contains text_entities "$T_TMP/out" "exposure by entity (an upper bound):"
lacks text_no_equals "$T_TMP/out" " = "
lacks text_no_exits_by "$T_TMP/out" "exits by entity"
run text_haircut 0 "$TRACER" --db "$DB" trace --case "$CASE"
contains text_haircut_identity "$T_TMP/out" "BTC: seed total 40.00000000 = exits 22.08449230 + held 12.91506154 + fees 0.00094616 + unresolved 4.99950000  (balanced)"
contains text_haircut_entities "$T_TMP/out" "exits by entity:"

# Markdown
run md 0 "$TRACER" --db "$DB" report --case "$CASE" --policy poison \
	-o "$T_TMP/p.md"
contains md_identity "$T_TMP/p.md" "$MD_IDENT"
contains md_exposure "$T_TMP/p.md" "**Exposure, an upper bound** (poison counts a coin in full at every address it reaches, so these figures overlap and do not add up to the seed total):"
contains md_headline "$T_TMP/p.md" "**$HEAD**: exchanges and other services that tainted funds reached under poison, by entity; an entity's exposure can exceed the seed total, so no share of it is given."
contains md_entity_row "$T_TMP/p.md" "| Bluefin Exchange | exchange | 2 | 47.9999 BTC | - |"
lacks md_no_identity "$T_TMP/p.md" "seed total 40 BTC ="
lacks md_no_proceeds "$T_TMP/p.md" "Illicit proceeds estimate"
equal md_no_share_over_100 "$(over100 "$T_TMP/p.md")" ""
equal md_no_share "$(grep -cE '\| [0-9.]+% \|' "$T_TMP/p.md")" 0

# HTML
run html 0 "$TRACER" --db "$DB" report --case "$CASE" --policy poison \
	--format html --no-graph -o "$T_TMP/p.html"
contains html_headline "$T_TMP/p.html" "<strong>$HEAD</strong>"
contains html_bars "$T_TMP/p.html" "Exposure by entity (BTC, an upper bound)"
contains html_identity "$T_TMP/p.html" "seed total 40 BTC; exposure: exits 56.6998 BTC"
lacks html_no_identity "$T_TMP/p.html" "seed total 40 BTC ="
equal html_no_share_over_100 "$(over100 "$T_TMP/p.html")" ""

# CSV: a measure row, no shares
run csv 0 "$TRACER" --db "$DB" report --case "$CASE" --policy poison \
	--format csv -o "$T_TMP/p.csv"
contains csv_measure "$T_TMP/p.csv" 'summary,BTC,measure,,,,,,,,,,,,,"exposure (poison: an upper bound, the figures overlap)",'
contains csv_entity "$T_TMP/p.csv" "entity,BTC,,Bluefin Exchange,exchange,false,,,4799990000,47.9999,,,,,,2 exits,"
equal csv_no_share_over_100 "$(over100 "$T_TMP/p.csv")" ""
run csv_haircut 0 "$TRACER" --db "$DB" report --case "$CASE" --format csv \
	-o "$T_TMP/h.csv"
contains csv_haircut_measure "$T_TMP/h.csv" "summary,BTC,measure,,,,,,,,,,,,,amount,"

# JSON: "measure" per asset, null shares
run json 0 "$TRACER" --db "$DB" report --case "$CASE" --policy poison \
	--format json -o "$T_TMP/p.json"
equal json_measure "$(jget "$T_TMP/p.json" 'd["cases"][0]["trace"]["assets"][0]["measure"]')" exposure
equal json_exit_shares "$(jget "$T_TMP/p.json" 'sorted(set(str(x["share"]) for x in d["cases"][0]["trace"]["exits"]))')" "['None']"
equal json_entity_shares "$(jget "$T_TMP/p.json" 'sorted(set(str(x["share"]) for x in d["cases"][0]["entities"]))')" "['None']"
run trace_json 0 "$TRACER" --db "$DB" trace --case "$CASE" --policy poison \
	--json
equal trace_json_measure "$(jget "$T_TMP/out" 'd["assets"][0]["measure"]')" exposure
equal trace_json_balanced "$(jget "$T_TMP/out" 'd["assets"][0]["balanced"]')" None
run json_haircut 0 "$TRACER" --db "$DB" report --case "$CASE" --format json \
	-o "$T_TMP/h.json"
equal json_haircut_measure "$(jget "$T_TMP/h.json" 'd["cases"][0]["trace"]["assets"][0]["measure"]')" amount
equal json_haircut_share "$(jget "$T_TMP/h.json" 'd["cases"][0]["entities"][0]["share"]')" "33.46%"

finish
