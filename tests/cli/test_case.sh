#!/bin/sh
# tracer case init|check: writing a case, and errors named by field.
. tests/lib.sh
WC1=13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94
WC2=12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw
C="$T_TMP/wannacry.json"

run help 0 "$TRACER" case --help
contains help_text "$T_TMP/out" "tracer case init FILE"
run no_sub 2 "$TRACER" case
run bad_sub 2 "$TRACER" case frob
contains bad_sub_msg "$T_TMP/err" "unknown case command 'frob'"
run init_no_seed 2 "$TRACER" case init "$C" --chain btc
contains init_no_seed_msg "$T_TMP/err" "needs --chain and --seed"
run init_bad_time 2 "$TRACER" case init "$C" --chain btc --seed $WC1 \
	--incident-time 2017-02-30
contains init_bad_time_msg "$T_TMP/err" "--incident-time: bad time"

run init 0 "$TRACER" case init "$C" --chain btc --seed "$WC1,$WC2" \
	--incident-time 2017-05-12T07:44:00Z --loss 5219666422 \
	--loss-source https://example.org --policy fifo --hops 6 \
	--stop-at exchange,mixer --notes "three ransom addresses"
[ -f "$C" ] && pass init_wrote || fail init_wrote "no file"
equal init_name "$(jget "$C" 'd["name"]')" wannacry
equal init_seeds "$(jget "$C" 'len(d["seeds"])')" 2
equal init_time "$(jget "$C" 'd["incident_time"]')" 2017-05-12T07:44:00Z
equal init_loss "$(jget "$C" 'd["reported_loss"]["amount"]')" 5219666422
equal init_stop "$(jget "$C" '",".join(d["limits"]["stop_at"])')" \
	exchange,mixer
run init_exists 1 "$TRACER" case init "$C" --chain btc --seed $WC1
contains init_exists_msg "$T_TMP/err" "exists (give --force"
run init_force 0 "$TRACER" case init "$C" --chain btc --seed $WC1 --force \
	--name "WannaCry"
equal init_force_name "$(jget "$C" 'd["name"]')" WannaCry

# an invalid case is never written
run init_bad_policy 1 "$TRACER" case init "$T_TMP/p.json" --chain btc \
	--seed $WC1 --policy magic
contains init_bad_policy_msg "$T_TMP/err" "field 'policy'"
[ -f "$T_TMP/p.json" ] && fail init_bad_not_written "written" ||
	pass init_bad_not_written
run init_dup 1 "$TRACER" case init "$T_TMP/d.json" --chain btc \
	--seed $WC1 --seed $WC1
contains init_dup_msg "$T_TMP/err" "listed twice"

run check 0 "$TRACER" case check "$C"
contains check_text "$T_TMP/out" "case      WannaCry"

# every limit the case sets is printed; --stop-at none is an empty list
L="$T_TMP/limits.json"
run init_limits 0 "$TRACER" case init "$L" --chain btc --seed $WC1 \
	--min 5 --since 2017-05-12 --until 1500000000 --hub-txs 7 \
	--stop-at none --notes "n1"
equal init_stop_none "$(jget "$L" 'd["limits"]["stop_at"]')" "[]"
run check_limits 0 "$TRACER" case check "$L"
for s in "min       5 base units" "since     2017-05-12T00:00:00Z" \
	"until     2017-07-14T02:40:00Z" "hub txs   7" "stop at   none" \
	"notes     n1"; do
	contains "check_limits_${s%% *}" "$T_TMP/out" "$s"
done
run check_json 0 "$TRACER" case check "$C" --json
equal check_json_valid "$(jget "$T_TMP/out" 'd["valid"]')" True
run check_global_json 0 "$TRACER" --json case check "$C"
equal check_global_json_seed "$(jget "$T_TMP/out" 'd["seeds"][0]')" $WC1

check_bad() { # name text expected-in-stderr
	printf '%s' "$2" >"$T_TMP/bad.json"
	run "$1" 1 "$TRACER" case check "$T_TMP/bad.json"
	contains "$1_msg" "$T_TMP/err" "$3"
}
check_bad missing_name '{"chain":"btc","seeds":["'$WC1'"]}' \
	"field 'name': is missing"
check_bad missing_seeds '{"name":"x","chain":"btc"}' \
	"field 'seeds': is missing"
check_bad wrong_type_seeds '{"name":"x","chain":"btc","seeds":"'$WC1'"}' \
	"field 'seeds': must be a non-empty array"
check_bad wrong_type_hops \
	'{"name":"x","chain":"btc","seeds":["'$WC1'"],"limits":{"hops":"9"}}' \
	"field 'limits.hops': must be an integer"
check_bad unknown_chain '{"name":"x","chain":"xmr","seeds":["'$WC1'"]}' \
	"field 'chain': unknown chain 'xmr'"
check_bad unknown_field '{"name":"x","chain":"btc","seeds":["'$WC1'"],"seed":1}' \
	"field 'seed': unknown field"
check_bad bad_json '{"name":"x",
"chain":}' "line 2"
check_bad not_object '[]' "must be a JSON object"
# notes on edges: their own field, each {"from", "to", "text"}
check_bad edge_notes_type '{"name":"x","chain":"btc","seeds":["'$WC1'"],"edge_notes":{}}' \
	"field 'edge_notes': must be an array"
check_bad edge_note_no_to '{"name":"x","chain":"btc","seeds":["'$WC1'"],"edge_notes":[{"from":"a","text":"t"}]}' \
	"field 'edge_notes[0].to': is missing"
check_bad edge_note_empty '{"name":"x","chain":"btc","seeds":["'$WC1'"],"edge_notes":[{"from":"a","to":"b","text":""}]}' \
	"field 'edge_notes[0].text': must not be empty"
check_bad edge_note_extra '{"name":"x","chain":"btc","seeds":["'$WC1'"],"edge_notes":[{"from":"a","to":"b","text":"t","x":1}]}' \
	"field 'edge_notes[0].x': unknown field"
printf '%s' '{"name":"x","chain":"btc","seeds":["'$WC1'"],"edge_notes":[{"from":"'$WC1'","to":"b","text":"peel"}]}' \
	>"$T_TMP/en.json"
run edge_note_ok 0 "$TRACER" case check "$T_TMP/en.json"
contains edge_note_shown "$T_TMP/out" "edge note $WC1 -> b: peel"
# notes on nodes: their own field too, each {"node", "text"}
check_bad node_notes_type '{"name":"x","chain":"btc","seeds":["'$WC1'"],"node_notes":"a"}' \
	"field 'node_notes': must be an array"
check_bad node_note_not_object '{"name":"x","chain":"btc","seeds":["'$WC1'"],"node_notes":["a"]}' \
	"field 'node_notes[0]': must be an object {\"node\", \"text\"}"
check_bad node_note_no_node '{"name":"x","chain":"btc","seeds":["'$WC1'"],"node_notes":[{"text":"t"}]}' \
	"field 'node_notes[0].node': is missing"
check_bad node_note_empty '{"name":"x","chain":"btc","seeds":["'$WC1'"],"node_notes":[{"node":"a","text":""}]}' \
	"field 'node_notes[0].text': must not be empty"
check_bad node_note_extra '{"name":"x","chain":"btc","seeds":["'$WC1'"],"node_notes":[{"node":"a","text":"t","to":"b"}]}' \
	"field 'node_notes[0].to': unknown field"
printf '%s' '{"name":"x","chain":"btc","seeds":["'$WC1'"],"node_notes":[{"node":"'$WC1'","text":"the victim"}]}' \
	>"$T_TMP/nn.json"
run node_note_ok 0 "$TRACER" case check "$T_TMP/nn.json"
contains node_note_shown "$T_TMP/out" "node note $WC1: the victim"
run check_missing_file 1 "$TRACER" case check "$T_TMP/none.json"
contains check_missing_file_msg "$T_TMP/err" "none.json"
contains check_missing_file_form "$T_TMP/err" "error: case: cannot open '"
lacks check_missing_file_prefix "$T_TMP/err" "case: :"
run check_two_files 2 "$TRACER" case check "$C" "$C"
# a case file is JSON: text that is not UTF-8 is refused as such (it
# was reported as 'out of memory')
run init_not_utf8 2 "$TRACER" case init "$T_TMP/u.json" --chain btc \
	--seed $WC1 --name "$(printf 'N\377')"
contains init_not_utf8_msg "$T_TMP/err" "must be UTF-8 text"
run init_not_utf8_file 2 "$TRACER" case init "$(printf "$T_TMP/u\377.json")" \
	--chain btc --seed $WC1
contains init_not_utf8_file_msg "$T_TMP/err" "give --name"
finish
