#!/bin/sh
# tracer tag: add, show, list, rm, import (every format), export round trip.
. tests/lib.sh
DB="$T_TMP/db"
WC1=13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94
WC2=12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw
WC1_BAD=13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb95
EIP55=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed
EIP55_LOW=0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed

run help 0 "$TRACER" tag --help
contains help_text "$T_TMP/out" "import FILE..."
# tag list, show and export only read: without a database they say so
# and create none (tests/cli/test_cli.sh checks every read-only command)
run list_no_db 1 "$TRACER" --db "$DB" tag list
[ ! -e "$DB" ] && pass list_no_db_nothing || fail list_no_db_nothing
"$TOOLS/db_set_version" "$DB" 3 >/dev/null 2>&1
run no_sub 2 "$TRACER" --db "$DB" tag
run bad_sub 2 "$TRACER" --db "$DB" tag frob
contains bad_sub_msg "$T_TMP/err" "unknown tag command 'frob'"
run bad_option 2 "$TRACER" --db "$DB" tag list --frob
contains bad_option_msg "$T_TMP/err" "unknown option '--frob'"
run not_applicable 2 "$TRACER" --db "$DB" tag list --confidence 5
contains not_applicable_msg "$T_TMP/err" "'--confidence' does not apply"
run bad_confidence 2 "$TRACER" --db "$DB" tag add --chain btc $WC1 \
	--entity X --category exchange --confidence 101
run bad_category 2 "$TRACER" --db "$DB" tag add --chain btc $WC1 \
	--entity X --category bank
contains bad_category_msg "$T_TMP/err" "unknown category 'bank'"
run bad_chain 2 "$TRACER" --db "$DB" tag list --chain xmr
run add_missing 2 "$TRACER" --db "$DB" tag add --chain btc $WC1
contains add_missing_msg "$T_TMP/err" "needs --chain, --entity and --category"
run import_nothing 2 "$TRACER" --db "$DB" tag import
run import_bad_format 2 "$TRACER" --db "$DB" tag import x --format xml
run list_empty 0 "$TRACER" --db "$DB" tag list --json
equal list_empty_count "$(jget "$T_TMP/out" 'd["count"]')" 0

run add 0 "$TRACER" --db "$DB" tag add --chain btc $WC1 --entity WannaCry \
	--category ransomware --source https://example.org/a --confidence 70
contains add_text "$T_TMP/out" "added: btc $WC1 ransomware 70 WannaCry"
run add_again 0 "$TRACER" --db "$DB" tag add --chain btc $WC1 \
	--entity WannaCry --category ransomware --source https://example.org/a \
	--confidence 80
contains add_again_text "$T_TMP/out" "updated: btc $WC1 ransomware 80"
# one rule for tag add and tag import: the same tag again is "unchanged"
# (add said "updated") and writes nothing; import of it agrees
# (forensic_investigation is GraphSense's name for confidence 70)
run add_back 0 "$TRACER" --db "$DB" tag add --chain btc $WC1 \
	--entity WannaCry --category ransomware --source https://example.org/a \
	--confidence 70
run add_same 0 "$TRACER" --db "$DB" tag add --chain btc $WC1 \
	--entity WannaCry --category ransomware --source https://example.org/a \
	--confidence forensic_investigation
contains add_same_text "$T_TMP/out" "unchanged: btc $WC1 ransomware"
run add_same_json 0 "$TRACER" --db "$DB" --json tag add --chain btc $WC1 \
	--entity WannaCry --category ransomware --source https://example.org/a \
	--confidence forensic_investigation
equal add_same_json_result "$(jget "$T_TMP/out" 'd["result"]')" unchanged
"$TRACER" --db "$DB" tag list --json >"$T_TMP/rule.json"
conf=$(jget "$T_TMP/rule.json" '[t["confidence"] for t in d["tags"]][0]')
printf 'chain,address,entity,category,source,confidence\nbtc,%s,WannaCry,ransomware,https://example.org/a,%s\n' \
	$WC1 "$conf" >"$T_TMP/rule.csv"
run rule_import_same 0 "$TRACER" --db "$DB" tag import "$T_TMP/rule.csv"
contains rule_import_same_counts "$T_TMP/out" \
	"imported 0, updated 0, unchanged 1, rejected 0"
# and the same label limits: 256 bytes are refused by both
long=$(printf '%0256d' 0)
run add_long 2 "$TRACER" --db "$DB" tag add --chain btc $WC1 \
	--entity "$long" --category exchange
contains add_long_msg "$T_TMP/err" \
	"'$WC1': entity, source and actor must be at most 255 bytes"
printf 'chain,address,entity,category,source,confidence\nbtc,%s,%s,exchange,s,5\n' \
	$WC1 "$long" >"$T_TMP/long.csv"
run import_long 1 "$TRACER" --db "$DB" tag import "$T_TMP/long.csv"
contains import_long_msg "$T_TMP/out" \
	"'$WC1': entity, source and actor must be at most 255 bytes"
# a rejected entry makes the import exit 1, after importing the good ones
# and naming each rejection FILE:LINE; --allow-rejects accepts that
equal import_long_err "$(cat "$T_TMP/err")" \
	"tracer: error: $T_TMP/long.csv: 1 entry rejected (the others were imported; --allow-rejects accepts that)"
contains import_long_where "$T_TMP/out" "$T_TMP/long.csv:2: rejected: "
printf 'btc,%s,Good One,exchange,s,5\n' 115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn >>"$T_TMP/long.csv"
run import_partial 1 "$TRACER" --db "$DB" tag import "$T_TMP/long.csv"
contains import_partial_counts "$T_TMP/out" "imported 1, updated 0, unchanged 0, rejected 1"
run import_partial_kept 0 "$TRACER" --db "$DB" tag show 115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn
contains import_partial_kept_tag "$T_TMP/out" "Good One"
run import_allow 0 "$TRACER" --db "$DB" tag import --allow-rejects "$T_TMP/long.csv"
contains import_allow_counts "$T_TMP/out" "imported 0, updated 0, unchanged 1, rejected 1"
run import_allow_json 0 "$TRACER" --db "$DB" --json tag import --allow-rejects "$T_TMP/long.csv"
equal import_allow_json_rejected "$(jget "$T_TMP/out" 'd["files"][0]["rejected"]')" 1
run add_bad_checksum 2 "$TRACER" --db "$DB" tag add --chain btc $WC1_BAD \
	--entity X --category exchange
contains add_bad_checksum_msg "$T_TMP/err" "$WC1_BAD"
run add_eth 0 "$TRACER" --db "$DB" tag add --chain eth $EIP55_LOW \
	--entity "Ex One" --category exchange --json
equal add_eth_checksummed "$(jget "$T_TMP/out" 'd["tag"]["address"]')" $EIP55
equal add_eth_default_source "$(jget "$T_TMP/out" 'd["tag"]["source"]')" manual

# two tags on one address: the higher confidence decides, both are shown
run add_second 0 "$TRACER" --db "$DB" tag add --chain btc $WC1 \
	--entity "Some Exchange" --category exchange --source list-b \
	--confidence 90
run show 0 "$TRACER" --db "$DB" tag show $WC1
contains show_decides "$T_TMP/out" "$WC1: exchange (decided by Some Exchange"
contains show_both "$T_TMP/out" "WannaCry"
run show_json 0 "$TRACER" --db "$DB" --json tag show $WC1
equal show_json_cat "$(jget "$T_TMP/out" 'd["addresses"][0]["category"]')" exchange
equal show_json_n "$(jget "$T_TMP/out" 'len(d["addresses"][0]["tags"])')" 2
run show_eth_any_case 0 "$TRACER" --db "$DB" tag show $EIP55_LOW
contains show_eth_text "$T_TMP/out" "eth $EIP55: exchange"
run show_untagged 0 "$TRACER" --db "$DB" tag show $WC2
contains show_untagged_text "$T_TMP/out" "no tags"
run show_invalid 2 "$TRACER" --db "$DB" tag show nonsense

run list_cat 0 "$TRACER" --db "$DB" tag list --category ransomware --json
equal list_cat_count "$(jget "$T_TMP/out" 'd["count"]')" 1
run list_entity 0 "$TRACER" --db "$DB" tag list --entity "ex one"
contains list_entity_text "$T_TMP/out" "$EIP55"
# any part of the name, any case
run list_entity_part 0 "$TRACER" --db "$DB" tag list --entity "X ON"
contains list_entity_part_text "$T_TMP/out" "$EIP55"
run list_chain 0 "$TRACER" --db "$DB" tag list --chain eth --json
equal list_chain_count "$(jget "$T_TMP/out" 'd["count"]')" 1
run rm_source 0 "$TRACER" --db "$DB" tag rm --chain btc $WC1 --source list-b
contains rm_source_text "$T_TMP/out" "removed 1 tag of $WC1"
run rm_none 1 "$TRACER" --db "$DB" tag rm --chain btc $WC1 --source list-b
contains rm_none_msg "$T_TMP/err" "no tags of '$WC1' match"

# CSV with malformed lines: one line per rejection, with file:line
CSV="$T_TMP/t.csv"
cat >"$CSV" <<END
chain,address,entity,category,source,confidence
btc,$WC2,WannaCry,ransomware,https://example.org/b,70
btc,$WC1_BAD,WannaCry,ransomware,s,70
btc,$WC2,"unterminated
END
run import_csv 1 "$TRACER" --db "$DB" tag import "$CSV"
contains import_csv_counts "$T_TMP/out" "imported 1, updated 0, unchanged 0, rejected 2, skipped 0"
contains import_csv_line3 "$T_TMP/out" "t.csv:3: rejected: btc: "
contains import_csv_line3_addr "$T_TMP/out" "'$WC1_BAD'"
contains import_csv_line4 "$T_TMP/out" "t.csv:4: rejected: a quoted field that does not end"
run import_csv_again 1 "$TRACER" --db "$DB" tag import "$CSV" --json
equal import_csv_again_unchanged "$(jget "$T_TMP/out" 'd["files"][0]["unchanged"]')" 1
equal import_csv_again_rej_line "$(jget "$T_TMP/out" 'd["files"][0]["rejections"][0]["line"]')" 3

# a list needs its chain, entity and category on the command line
printf '# list\n%s\n' $WC2 >"$T_TMP/l.txt"
run import_list_bare 1 "$TRACER" --db "$DB" tag import "$T_TMP/l.txt"
contains import_list_bare_msg "$T_TMP/err" "needs --chain, --entity and --category"
run import_list 0 "$TRACER" --db "$DB" tag import "$T_TMP/l.txt" \
	--chain btc --entity "Lazarus Group" --category sanctioned \
	--confidence authority_data --source ofac
contains import_list_counts "$T_TMP/out" "imported 1, updated 0"

# export -> import into a new database -> export: the same bytes
for fmt in csv json; do
	run export_$fmt 0 "$TRACER" --db "$DB" tag export --format $fmt \
		-o "$T_TMP/e1.$fmt"
	run reimport_$fmt 0 "$TRACER" --db "$T_TMP/db-$fmt" tag import \
		"$T_TMP/e1.$fmt"
	contains reimport_${fmt}_clean "$T_TMP/out" "rejected 0, skipped 0"
	run export2_$fmt 0 "$TRACER" --db "$T_TMP/db-$fmt" tag export \
		--format $fmt
	if cmp -s "$T_TMP/out" "$T_TMP/e1.$fmt"; then pass round_trip_$fmt
	else fail round_trip_$fmt "exports differ"; fi
done

run builtin 0 "$TRACER" --db "$T_TMP/db-b" tag import --builtin
contains builtin_counts "$T_TMP/out" "builtin-tags.csv: imported 94, updated 0, unchanged 0, rejected 0"
run builtin_again 0 "$TRACER" --db "$T_TMP/db-b" tag import --builtin
contains builtin_again_counts "$T_TMP/out" "imported 0, updated 0, unchanged 94"
run builtin_show 0 "$TRACER" --db "$T_TMP/db-b" tag show 115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn
contains builtin_show_text "$T_TMP/out" "ransomware"
# one Lazarus-attributed address per chain with one: the FBI's Bybit list
# (eth), Sim Hyon Sop's SDN address (eth, arbitrum, bsc)
for cc in eth:0x51E9d833Ecae4E8D9D8Be17300AEE6D3398C135D:ic3.gov \
	eth:0xD5b58Cf7813c1eDC412367b97876bD400ea5c489:ic3.gov \
	arbitrum:0x4F47Bc496083C727c5fbe3CE9CDf2B0f6496270c:20230424 \
	bsc:0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c:20230424 \
	eth:0xD37BbE5744D730a1d98d8DC97c42F0Ca46aD7146:dev.thorchain.org \
	eth:0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D:router-02 \
	eth:0xDef1C0ded9bec7F1a1670819833240f027b25EfF:0x-cheat-sheet \
	btc:bc1qkqg0v50q2wj7r5jykkmsjm549kpua70yfyav5t:dev.thorchain.org; do
	ch=${cc%%:*}
	rest=${cc#*:}
	run "builtin_show_$ch" 0 "$TRACER" --db "$T_TMP/db-b" --json tag show \
		--chain "$ch" "${rest%%:*}"
	contains "builtin_show_${ch}_source" "$T_TMP/out" "${rest##*:}"
done
run builtin_show_sim_polygon 0 "$TRACER" --db "$T_TMP/db-b" --json tag show \
	--chain polygon 0x4F47Bc496083C727c5fbe3CE9CDf2B0f6496270c
lacks builtin_show_sim_polygon_none "$T_TMP/out" "Sim Hyon Sop"

# GraphSense currency and network codes (our own small pack)
CUR="${TRACER_SRC:-.}/tests/vectors/tags/currencies.yaml"
run currencies 0 "$TRACER" --db "$T_TMP/db-cur" tag import --allow-rejects \
	"$CUR"
contains currencies_skipped "$T_TMP/out" \
	"skipped 2 (currency BNB: 1, currency ZEC: 1)"
# ltc, bch, doge are chains of tracer: their lines are imported, each
# on its chain with the address checked by that chain's codec
contains currencies_counts "$T_TMP/out" \
	"imported 13, updated 0, unchanged 0, rejected 0"
for cc in ltc:LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1 \
	bch:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 \
	doge:DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L; do
	run "currencies_${cc%%:*}" 0 "$TRACER" --db "$T_TMP/db-cur" --json \
		tag show --chain "${cc%%:*}" "${cc#*:}"
	contains "currencies_${cc%%:*}_entity" "$T_TMP/out" "Test entity"
done
for cc in bsc:0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359 \
	bsc:0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB \
	polygon:0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb \
	polygon:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed \
	avax:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed \
	arbitrum:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed \
	optimism:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed \
	base:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed \
	tron:TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq; do
	run "currencies_${cc%%:*}_${cc##*:}" 0 "$TRACER" --db "$T_TMP/db-cur" \
		--json tag show --chain "${cc%%:*}" "${cc##*:}"
	contains "currencies_${cc%%:*}_${cc##*:}_entity" "$T_TMP/out" \
		'"entity": "Test entity"'
done
run currencies_not_eth 0 "$TRACER" --db "$T_TMP/db-cur" --json tag list \
	--chain eth
lacks currencies_not_eth_entity "$T_TMP/out" "Test entity"

# the public lists, when the reference data is there
LZ="$SHARED_DATA/tags/graphsense/lazarus.yaml"
if [ -f "$LZ" ]; then
	run tagpack 0 "$TRACER" --db "$T_TMP/db-s" tag import "$LZ"
	contains tagpack_counts "$T_TMP/out" "imported 21, updated 0, unchanged 0, rejected 0"
	run tagpack_again 0 "$TRACER" --db "$T_TMP/db-s" tag import "$LZ"
	contains tagpack_again_counts "$T_TMP/out" "imported 0, updated 0, unchanged 21"
	run tagpack_cat 0 "$TRACER" --db "$T_TMP/db-s" --json tag show \
		134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak
	equal tagpack_cat_value "$(jget "$T_TMP/out" 'd["addresses"][0]["category"]')" sanctioned
	equal tagpack_confidence "$(jget "$T_TMP/out" 'd["addresses"][0]["tags"][0]["confidence"]')" 60
else
	skip tagpack "$LZ not found (reference data absent)"
fi
BN="$SHARED_DATA/tags/graphsense/exchange-wallets-binance.yaml"
if [ -f "$BN" ]; then
	run tagpack_skips 0 "$TRACER" --db "$T_TMP/db-s" tag import "$BN"
	lacks tagpack_imports_trx "$T_TMP/out" "currency TRX"
	# BEP2 is skipped; BEP20 (BSC) is imported as bsc since GraphSense
	# currency codes map to the EVM chains
	contains tagpack_skips_total "$T_TMP/out" "skipped 25 (currency BEP2: 25)"
else
	skip tagpack_skips "$BN not found (reference data absent)"
fi
XBT="$SHARED_DATA/tags/ofac/sanctioned_addresses_XBT.txt"
if [ -f "$XBT" ]; then
	tron=$(grep -n '^T' "$XBT" | head -n 1 | cut -d: -f1)
	run ofac 1 "$TRACER" --db "$T_TMP/db-s" tag import "$XBT" --chain btc \
		--entity "OFAC SDN" --category sanctioned --confidence authority_data
	contains ofac_tron "$T_TMP/out" "sanctioned_addresses_XBT.txt:$tron: rejected: btc: address 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq'"
	contains ofac_one_rejected "$T_TMP/out" "rejected 1,"
else
	skip ofac "$XBT not found (reference data absent)"
fi
# hostile text: a label that is not UTF-8 is refused at the door, so that
# every JSON export of the database keeps working
H_ADDR=13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94
printf 'chain,address,entity,category,source,confidence\nbtc,%s,Bad\377\376,exchange,s,5\n' \
	"$H_ADDR" >"$T_TMP/badutf.csv"
run utf8_csv 1 "$TRACER" --db "$T_TMP/db-u" tag import "$T_TMP/badutf.csv"
contains utf8_csv_reason "$T_TMP/out" "badutf.csv:2: rejected: '$H_ADDR': entity, source, actor and evidence must be UTF-8 text"
contains utf8_csv_counts "$T_TMP/out" "imported 0, updated 0, unchanged 0, rejected 1"
printf '%s\n' "$H_ADDR" >"$T_TMP/badutf.txt"
run utf8_list 1 "$TRACER" --db "$T_TMP/db-u" tag import "$T_TMP/badutf.txt" \
	--chain btc --entity "$(printf 'E\377')" --category exchange
contains utf8_list_reason "$T_TMP/out" "must be UTF-8 text"
run utf8_add 2 "$TRACER" --db "$T_TMP/db-u" tag add --chain btc "$H_ADDR" \
	--entity "$(printf 'Z\303')" --category exchange
contains utf8_add_msg "$T_TMP/err" "must be UTF-8 text"
run utf8_add_ok 0 "$TRACER" --db "$T_TMP/db-u" tag add --chain btc "$H_ADDR" \
	--entity "Zürich Exchange" --category exchange
run utf8_list_json 0 "$TRACER" --db "$T_TMP/db-u" --json tag list
contains utf8_list_json_entity "$T_TMP/out" "Zürich Exchange"
run utf8_export_json 0 "$TRACER" --db "$T_TMP/db-u" tag export --format json
# nor may a label carry control characters to the terminal of whoever
# lists the tags
printf 'chain,address,entity,category,source,confidence\nbtc,%s,Evil\033[2J,exchange,s,5\n' \
	"$H_ADDR" >"$T_TMP/ctl.csv"
run ctl_csv 1 "$TRACER" --db "$T_TMP/db-u" tag import "$T_TMP/ctl.csv"
contains ctl_csv_reason "$T_TMP/out" "must be UTF-8 text without control characters"
run ctl_add 2 "$TRACER" --db "$T_TMP/db-u" tag add --chain btc "$H_ADDR" \
	--entity "$(printf 'Z\033]0;x\007')" --category exchange
# a numeric confidence out of range is named as given
printf '[{"chain":"btc","address":"%s","entity":"X","category":"exchange","source":"s","confidence":-1}]' \
	"$H_ADDR" >"$T_TMP/conf.json"
run json_conf_neg 1 "$TRACER" --db "$T_TMP/db-u" tag import "$T_TMP/conf.json"
contains json_conf_neg_msg "$T_TMP/out" "tags[0]: bad confidence -1 (0 to 100"
printf 'title: t\nlabel: L\ncategory: exchange\ntags:\n- address: "\\0abc"\n  currency: BTC\n' \
	>"$T_TMP/nul.yaml"
run tagpack_nul 1 "$TRACER" --db "$T_TMP/db-u" tag import "$T_TMP/nul.yaml"
contains tagpack_nul_msg "$T_TMP/out" "field 'address' must be a single value without NUL bytes"
# ---- one network rule: export names each tag's network, import reads it,
# and export -> import into an empty database -> export is byte-identical
# for every chain and network (the demo's regtest tags were lost: 29 -> 24)
roundtrip() { # NAME DB
	for fmt in csv json; do
		rm -rf "$T_TMP/rt-$1-$fmt"
		"$TRACER" --db "$2" tag export --format $fmt \
			>"$T_TMP/rt-$1.$fmt" 2>"$T_TMP/err"
		run "rt_${1}_${fmt}_import" 0 "$TRACER" --db "$T_TMP/rt-$1-$fmt" \
			tag import "$T_TMP/rt-$1.$fmt"
		contains "rt_${1}_${fmt}_none_rejected" "$T_TMP/out" "rejected 0,"
		"$TRACER" --db "$T_TMP/rt-$1-$fmt" tag export --format $fmt \
			>"$T_TMP/rt-$1-2.$fmt" 2>"$T_TMP/err"
		cmp -s "$T_TMP/rt-$1.$fmt" "$T_TMP/rt-$1-2.$fmt" &&
			pass "rt_${1}_${fmt}_identical" ||
			fail "rt_${1}_${fmt}_identical" \
				"$(diff "$T_TMP/rt-$1.$fmt" "$T_TMP/rt-$1-2.$fmt" | head -5)"
	done
}
run rt_demo 0 "$TRACER" demo --out "$T_TMP/demo"
"$TRACER" --db "$T_TMP/demo/db" tag export --format csv >"$T_TMP/demo-all.csv"
"$TRACER" --db "$T_TMP/demo/db" --json tag list >"$T_TMP/demo-list.json"
equal rt_demo_count "$(($(wc -l <"$T_TMP/demo-all.csv") - 1))" \
	"$(jget "$T_TMP/demo-list.json" 'd["count"]')"
contains rt_demo_header "$T_TMP/demo-all.csv" \
	"chain,address,entity,category,source,confidence,actor,inferred,evidence,network"
contains rt_demo_regtest_row "$T_TMP/demo-all.csv" ",regtest"
# the curated mainnet tags beside the demo's regtest ones (29 tags)
run rt_demo_builtin 0 "$TRACER" --db "$T_TMP/demo/db" tag import --builtin
"$TRACER" --db "$T_TMP/demo/db" tag export --format csv >"$T_TMP/demo-all.csv"
contains rt_demo_main_row "$T_TMP/demo-all.csv" ",main"
roundtrip demo "$T_TMP/demo/db"
# the demo's own tags.csv imports into a new database, none rejected, and
# then reads regtest addresses without --network
run rt_demo_tags_csv 0 "$TRACER" --db "$T_TMP/rt-demo-file" tag import \
	"$T_TMP/demo/tags.csv"
contains rt_demo_tags_csv_counts "$T_TMP/out" "imported 5, updated 0, unchanged 0, rejected 0"
# a mixed btc (main and regtest) + eth database
run rt_mixed_builtin 0 "$TRACER" --db "$T_TMP/rt-mixed" tag import --builtin
run rt_mixed_regtest 0 "$TRACER" --db "$T_TMP/rt-mixed" tag add --chain btc \
	--network regtest bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq \
	--entity "Demo Hacker Group" --category hacker
run rt_mixed_eth 0 "$TRACER" --db "$T_TMP/rt-mixed" tag add --chain eth \
	$EIP55 --entity "Ex One" --category exchange
# the database now records regtest: show and add read regtest addresses
run rt_mixed_show 0 "$TRACER" --db "$T_TMP/rt-mixed" --json tag show \
	bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq
equal rt_mixed_show_net "$(jget "$T_TMP/out" 'd["addresses"][0]["network"]')" regtest
equal rt_mixed_show_tag_net "$(jget "$T_TMP/out" 'd["addresses"][0]["tags"][0]["network"]')" regtest
roundtrip mixed "$T_TMP/rt-mixed"
run rt_list_json 0 "$TRACER" --db "$T_TMP/rt-mixed" --json tag list
equal rt_list_networks \
	"$(jget "$T_TMP/out" 'sorted(set((t["chain"], t["network"]) for t in d["tags"]))')" \
	"[('arbitrum', 'main'), ('bsc', 'main'), ('btc', 'main'), ('btc', 'regtest'), ('eth', 'main')]"

# every command that takes addresses reads them for the database's
# network: tag add and show, case init (they defaulted to main)
R1=bcrt1qc0lcazw5vmpsaemte0eyej66dr3zr4fh8hdj5c
run net_add 0 "$TRACER" --db "$T_TMP/demo/db" tag add --chain btc $R1 \
	--entity Other --category exchange --source net-test
run net_show 0 "$TRACER" --db "$T_TMP/demo/db" tag show $R1
contains net_show_text "$T_TMP/out" "btc $R1"
run net_case_init 0 "$TRACER" --db "$T_TMP/demo/db" case init \
	"$T_TMP/net-case.json" --chain btc --seed $R1
equal net_case_network "$(jget "$T_TMP/net-case.json" 'd["network"]')" regtest
# without a database the default is main, which refuses it (exit 2)
run net_case_nodb 2 env TRACER_DB="$T_TMP/nodb" "$TRACER" case init \
	"$T_TMP/net-case2.json" --chain btc --seed $R1
[ ! -e "$T_TMP/nodb" ] && pass net_case_nodb_nothing ||
	fail net_case_nodb_nothing "case init created a database"
run net_override 2 "$TRACER" --db "$T_TMP/demo/db" tag add --chain btc \
	--network main $R1 --entity Other --category exchange

# conflicting tags (tracer/report/warnings.c): show marks them in text,
# and in JSON gives each address a `conflict` (null when none) and a
# warning; a sanctioned tag beside an exchange one, equal confidence: the
# category a trace stops at decides
CF="$T_TMP/conflict-db"
run cf_add1 0 "$TRACER" --db "$CF" tag add --chain btc $WC1 \
	--entity "OFAC SDN" --category sanctioned --source ofac --confidence 60
run cf_add2 0 "$TRACER" --db "$CF" tag add --chain btc $WC1 \
	--entity Binance --category exchange --source list --confidence 60
run cf_show 0 "$TRACER" --db "$CF" tag show --chain btc $WC1
contains cf_show_mark "$T_TMP/out" \
	"! conflicting tags: exchange (Binance, list) and sanctioned (OFAC SDN, ofac); tracing uses exchange (Binance, list), by equal confidence (60), and a category a trace stops at goes first"
run cf_show_json 0 "$TRACER" --db "$CF" --json tag show $WC1
equal cf_show_json_conflict "$(jget "$T_TMP/out" 'd["addresses"][0]["conflict"]')" \
	"exchange (Binance, list) and sanctioned (OFAC SDN, ofac); tracing uses exchange (Binance, list), by equal confidence (60), and a category a trace stops at goes first"
equal cf_show_json_warning "$(jget "$T_TMP/out" 'd["warnings"]')" \
	"[\"'$WC1' has conflicting tags: exchange (Binance, list) and sanctioned (OFAC SDN, ofac); tracing uses exchange (Binance, list), by equal confidence (60), and a category a trace stops at goes first; check them with tracer tag show --chain btc $WC1\"]"
# the address command says the same
run cf_address 0 "$TRACER" --db "$CF" --json address --chain btc $WC1
equal cf_address_warning "$(jget "$T_TMP/out" '[w for w in d["warnings"] if "conflicting" in w][0].split("; check")[0]')" \
	"'$WC1' has conflicting tags: exchange (Binance, list) and sanctioned (OFAC SDN, ofac); tracing uses exchange (Binance, list), by equal confidence (60), and a category a trace stops at goes first"
# one entity from two sources is no conflict (case aside)
run cf_same1 0 "$TRACER" --db "$CF" tag add --chain btc $WC2 \
	--entity Kraken --category exchange --source a
run cf_same2 0 "$TRACER" --db "$CF" tag add --chain btc $WC2 \
	--entity kraken --category exchange --source b
run cf_same_show 0 "$TRACER" --db "$CF" tag show --chain btc $WC2
lacks cf_same_no_mark "$T_TMP/out" "conflicting"
run cf_same_json 0 "$TRACER" --db "$CF" --json tag show $WC2
equal cf_same_json_null "$(jget "$T_TMP/out" 'd["addresses"][0]["conflict"], d["warnings"]')" \
	"(None, [])"
# two entities of one category conflict: the higher confidence decides
run cf_two 0 "$TRACER" --db "$CF" tag add --chain btc $WC2 \
	--entity Bitstamp --category exchange --source c --confidence 95
run cf_two_show 0 "$TRACER" --db "$CF" tag show --chain btc $WC2
contains cf_two_mark "$T_TMP/out" \
	"! conflicting tags: exchange (Bitstamp, c) and exchange (Kraken, a); tracing uses exchange (Bitstamp, c), by the higher confidence (95 over 50)"

finish
