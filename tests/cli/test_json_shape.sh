#!/bin/sh
# docs/json.md on the demo database: every --json result is an object with
# its documented top-level keys, a warnings array, ISO times each with its
# _unix twin, amounts as strings of base units, the one tag shape, and
# chain and network where it holds addresses (tests/cli/json_shape.py);
# an error under --json is one JSON object on stderr, stdout empty, with
# the exit status of the text mode.
. tests/lib.sh
SRC=${TRACER_SRC:-$PWD}
DEMO="$T_TMP/demo"
DB="$DEMO/db"
SEED=bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq
EXCH=mkdFtiyNRqm1tJsexkjN1yjzw9VUrSgWGn

run demo 0 "$TRACER" demo --out "$DEMO"

# shape NAME KEYS -- CMD... : CMD exits 0 with a document of top-level KEYS
shape() {
	_n=$1 _k=$2
	shift 3
	run "$_n" 0 "$@"
	equal "${_n}_shape" \
		"$(python3 "$SRC/tests/cli/json_shape.py" "$T_TMP/out" $_k)" ok
}
shape trace "chain network policy seeds limits assets exits held unresolved counters warnings" -- \
	"$TRACER" --db "$DB" --json trace --case "$DEMO/case.json"
equal trace_exit_unix "$(jget "$T_TMP/out" 'type(d["exits"][0]["first_time_unix"]).__name__')" int
shape address "chain network address assets tx_count first_seen last_seen tags cluster warnings txs" -- \
	"$TRACER" --db "$DB" address --chain btc $SEED --json --txs
equal address_tag_keys "$(jget "$T_TMP/out" 'len(d["tags"][0])')" 10
shape cluster "chain network address cluster tag inferred size members coinjoins_excluded warnings" -- \
	"$TRACER" --db "$DB" cluster --chain btc $SEED --json
equal cluster_tag_network "$(jget "$T_TMP/out" 'd["tag"]["network"]')" regtest
shape tag_show "count addresses warnings" -- \
	"$TRACER" --db "$DB" tag show $EXCH --json
equal tag_show_network "$(jget "$T_TMP/out" 'd["addresses"][0]["network"]')" regtest
shape tag_list "count tags warnings" -- "$TRACER" --db "$DB" tag list --json
shape tag_add "result tag warnings" -- "$TRACER" --db "$DB" tag add \
	--chain btc $SEED --entity "Shape Test" --category exchange --json
shape tag_rm "chain network address removed warnings" -- "$TRACER" --db "$DB" \
	tag rm --chain btc $SEED --entity "Shape Test" --json
"$TRACER" --db "$DB" tag export --format csv -o "$T_TMP/tags.csv" 2>/dev/null
shape tag_import "files warnings" -- "$TRACER" --db "$DB" tag import \
	"$T_TMP/tags.csv" --json
shape case_check "valid name chain network seeds incident_time incident_time_unix policy warnings" -- \
	"$TRACER" --db "$DB" case check "$DEMO/case.json" --json
shape db_stats "path schema_version disk_bytes tables warnings" -- \
	"$TRACER" --db "$DB" db stats --json
shape db_check "records bad first_bad digest warnings" -- \
	"$TRACER" --db "$DB" db check --json
shape report "format format_version generated cases total methodology provenance warnings" -- \
	"$TRACER" --db "$DB" report --case "$DEMO/case.json" --format json
shape decode "network block_count blocks warnings" -- \
	"$TRACER" decode --chain btc --network regtest "$DEMO/blk00000.dat"
equal decode_time_unix "$(jget "$T_TMP/out" 'type(d["blocks"][0]["header"]["time_unix"]).__name__' 2>/dev/null ||
	jget "$T_TMP/out" 'type(d["blocks"][0]["time_unix"]).__name__')" int

# jerror NAME EXIT CODE CMD... : CMD exits EXIT, stdout empty, stderr the
# one error object with that code
jerror() {
	_n=$1 _x=$2 _c=$3
	shift 3
	run "$_n" "$_x" "$@"
	equal "${_n}_stdout" "$(wc -c <"$T_TMP/out" | tr -d ' ')" 0
	equal "${_n}_lines" "$(wc -l <"$T_TMP/err" | tr -d ' ')" 1
	equal "${_n}_object" "$(jget "$T_TMP/err" '(sorted(d), sorted(d["error"]), d["error"]["code"], bool(d["error"]["message"]))')" \
		"(['error'], ['code', 'message'], '$_c', True)"
}
jerror err_trace 2 usage "$TRACER" --db "$DB" --json trace --chain btc --seed xx
jerror err_address 2 usage "$TRACER" --db "$DB" address --chain btc nothere --json
jerror err_cluster 2 usage "$TRACER" --db "$DB" cluster --chain btc nothere --json
jerror err_tag_show 2 usage "$TRACER" --db "$DB" tag show --json
jerror err_tag_list 2 usage "$TRACER" --db "$DB" tag list --bogus --json
jerror err_tag_add 2 usage "$TRACER" --db "$DB" tag add --chain btc $SEED --json
jerror err_tag_import 1 io "$TRACER" --db "$DB" tag import "$T_TMP/none.csv" --json
jerror err_case_check 1 io "$TRACER" --db "$DB" case check "$T_TMP/none.json" --json
jerror err_db_stats 1 no-database "$TRACER" --db "$T_TMP/typo" db stats --json
jerror err_db_check 1 no-database "$TRACER" --db "$T_TMP/typo" --json db check
jerror err_report 1 io "$TRACER" --db "$DB" report --case "$T_TMP/none.json" --format json
jerror err_decode 2 usage "$TRACER" --json decode --chain btc 00
jerror err_command 2 usage "$TRACER" --json trcae
equal err_message "$(jget "$T_TMP/err" 'd["error"]["message"]')" \
	"unknown command 'trcae' (did you mean 'trace'?)"
# without --json the same error stays text, with its usage
run err_text 2 "$TRACER" --db "$DB" trace --chain btc --seed $SEED --bogus
contains err_text_msg "$T_TMP/err" "tracer: error: unknown option '--bogus'"
contains err_text_usage "$T_TMP/err" "usage: "
finish
