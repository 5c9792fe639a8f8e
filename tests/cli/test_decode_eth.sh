#!/bin/sh
# tracer decode --chain eth: raw transactions, JSON transactions, blocks,
# JSON-RPC envelopes, failed checks and malformed input.
. tests/lib.sh
V=tests/vectors/eth
EIP155=0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83

# the example of EIP-155 itself, given as an argument, a file and stdin
run eip155_arg 0 "$TRACER" decode --chain eth "$EIP155"
equal eip155_from "$(jget "$T_TMP/out" 'd["from"]')" 0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F
equal eip155_sighash "$(jget "$T_TMP/out" 'd["signing_hash"]')" 0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53
equal eip155_chain "$(jget "$T_TMP/out" 'd["chain_id"]')" 1
equal eip155_value "$(jget "$T_TMP/out" 'd["value"]')" 1000000000000000000
equal eip155_hash_ok "$(jget "$T_TMP/out" 'd["hash_ok"]')" True
lacks eip155_no_from_ok "$T_TMP/out" '"from_ok"'
echo "$EIP155" >"$T_TMP/tx.hex"
run eip155_file 0 "$TRACER" decode --chain eth "$T_TMP/tx.hex"
equal eip155_file_from "$(jget "$T_TMP/out" 'd["from"]')" 0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F
run eip155_stdin 0 sh -c "\"$TRACER\" decode --chain eth - <\"$T_TMP/tx.hex\""
equal eip155_stdin_type "$(jget "$T_TMP/out" 'd["type_name"]')" legacy

# every raw vector: hash and sender
python3 -c 'import json,sys
for c in json.load(open(sys.argv[1]))["cases"]:
    print(c["name"], c["raw"], c.get("hash","-"), c["from"].lower(), c.get("high_s", False))' \
	"$V/txs_raw.json" >"$T_TMP/raw.list"
while read -r name raw hash from high; do
	if [ "$high" = True ]; then
		# a Frontier signature with s in the upper half: EIP-2 refuses it
		run "raw_${name}_eip2" 1 "$TRACER" decode --chain eth "$raw"
		contains "raw_${name}_eip2_msg" "$T_TMP/err" "EIP-2"
		continue
	fi
	run "raw_$name" 0 "$TRACER" decode --chain eth "$raw"
	[ "$hash" = - ] || equal "raw_${name}_hash" "$(jget "$T_TMP/out" 'd["hash"]')" "$hash"
	equal "raw_${name}_from" "$(jget "$T_TMP/out" 'd["from"].lower()')" "$from"
done <"$T_TMP/raw.list"

# every JSON vector, bare and in a JSON-RPC envelope
python3 -c 'import json,sys
cases = json.load(open(sys.argv[1]))["cases"]
for i, c in enumerate(cases):
    json.dump(c["tx"], open("%s/tx%d.json" % (sys.argv[2], i), "w"))
    json.dump({"jsonrpc": "2.0", "id": 1, "result": c["tx"]},
              open("%s/env%d.json" % (sys.argv[2], i), "w"))
    print(i, c["name"], c["tx"]["hash"], c["tx"]["type"])' \
	"$V/txs_json.json" "$T_TMP" >"$T_TMP/json.list"
while read -r i name hash type; do
	run "json_$name" 0 "$TRACER" decode --chain eth --chain-id 1 "$T_TMP/tx$i.json"
	equal "json_${name}_hash" "$(jget "$T_TMP/out" 'd["hash"]')" "$hash"
	equal "json_${name}_ok" "$(jget "$T_TMP/out" 'd["hash_ok"] and d["from_ok"] and d["chain_id_ok"]')" True
	run "env_$name" 0 "$TRACER" decode --chain eth "$T_TMP/env$i.json"
done <"$T_TMP/json.list"
n7702=$(grep -c mainnet_eip7702 "$T_TMP/json.list")
i=$(awk '$2 == "mainnet_eip7702" {print $1}' "$T_TMP/json.list")
run json_7702 0 "$TRACER" decode --chain eth "$T_TMP/tx$i.json"
equal json_7702_authority "$(jget "$T_TMP/out" 'd["authorizations"][0]["authority"].lower()')" 0x52d3c44dbb43dde4ed5c9bec0c8b226269057e1c
equal json_7702_count "$n7702" 1

# a claimed sender that is not the signer; another chain id
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["from"]="0x0000000000000000000000000000000000000001"; json.dump(d, open(sys.argv[2],"w"))' \
	"$T_TMP/tx0.json" "$T_TMP/badfrom.json"
run bad_from 1 "$TRACER" decode --chain eth "$T_TMP/badfrom.json"
equal bad_from_ok "$(jget "$T_TMP/out" 'd["from_ok"]')" False
contains bad_from_msg "$T_TMP/err" "does not verify"
run other_chain 1 "$TRACER" decode --chain eth --chain-id 5 "$EIP155"
equal other_chain_ok "$(jget "$T_TMP/out" 'd["chain_id_ok"]')" False

# malformed input: exit 1 naming the offset or the field
run truncated 1 "$TRACER" decode --chain eth "$(echo "$EIP155" | cut -c1-100)"
contains truncated_msg "$T_TMP/err" "offset"
run odd_hex 1 "$TRACER" decode --chain eth 0xf86
contains odd_hex_msg "$T_TMP/err" "odd"
run unknown_type 1 "$TRACER" decode --chain eth 0x7ec0
contains unknown_type_msg "$T_TMP/err" "unknown transaction type 0x7e"
run leading_zero 1 "$TRACER" decode --chain eth 0x02ce01820001808080808080c0808080
contains leading_zero_msg "$T_TMP/err" "leading zero"
printf '{"nonce": "0x1",' >"$T_TMP/broken.json"
run bad_json 1 "$TRACER" decode --chain eth "$T_TMP/broken.json"
contains bad_json_msg "$T_TMP/err" "invalid JSON at line 1"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["nonce"]; json.dump(d, open(sys.argv[2],"w"))' \
	"$T_TMP/tx0.json" "$T_TMP/nononce.json"
run missing_field 1 "$TRACER" decode --chain eth "$T_TMP/nononce.json"
contains missing_field_msg "$T_TMP/err" "missing field 'nonce'"
echo '{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"header not found"}}' >"$T_TMP/rpcerr.json"
run rpc_error 1 "$TRACER" decode --chain eth "$T_TMP/rpcerr.json"
contains rpc_error_msg "$T_TMP/err" "header not found"
echo '{"jsonrpc":"2.0","id":1,"result":null}' >"$T_TMP/null.json"
run rpc_null 1 "$TRACER" decode --chain eth "$T_TMP/null.json"
contains rpc_null_msg "$T_TMP/err" "not found"
: >"$T_TMP/empty"
run empty 1 "$TRACER" decode --chain eth "$T_TMP/empty"
run no_file 1 "$TRACER" decode --chain eth "$T_TMP/absent.json"
contains no_file_msg "$T_TMP/err" "cannot open"

# usage errors
run bad_chain_id 2 "$TRACER" decode --chain eth --chain-id x "$EIP155"
run two_inputs 2 "$TRACER" decode --chain eth "$EIP155" "$EIP155"
run no_chain 2 "$TRACER" decode "$EIP155"
run help 0 "$TRACER" decode --help
contains help_eth "$T_TMP/out" "--chain-id N"

# the real mainnet blocks of ../shared/data/eth
if [ -d "$SHARED_DATA/eth" ]; then
	for f in infura15571241wtxns infura2000004wtxs alchemy14151203 testdata-from-rpc; do
		run "block_$f" 0 "$TRACER" decode --chain eth --chain-id 1 "$SHARED_DATA/eth/$f.json"
		equal "block_${f}_checks" "$(jget "$T_TMP/out" 'd["header_hash_ok"] and d["transactions_root_ok"] and all(t["hash_ok"] and t["from_ok"] for t in d["transactions"]) and len(d["transactions"]) > 0')" True
	done
	run uncle_header 0 "$TRACER" decode --chain eth "$SHARED_DATA/eth/testdata-from-rpc-with-uncles_uncle-block-data.json"
	equal uncle_header_ok "$(jget "$T_TMP/out" 'd["header_hash_ok"]')" True
	# one transaction value changed: its hash and the root fail
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["transactions"][2]["value"]="0x1"; json.dump(d, open(sys.argv[2],"w"))' \
		"$SHARED_DATA/eth/alchemy14151203.json" "$T_TMP/tampered.json"
	run block_tampered 1 "$TRACER" decode --chain eth "$T_TMP/tampered.json"
	equal block_tampered_root "$(jget "$T_TMP/out" 'd["transactions_root_ok"]')" False
else
	skip shared_blocks "$SHARED_DATA/eth not found (reference data absent)"
fi
finish
