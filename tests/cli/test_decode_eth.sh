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
lacks eip155_no_thorchain "$T_TMP/out" '"thorchain"'

# a THORChain router deposit() call (THORNode's own test transaction,
# tests/vectors/thorchain/README.md): its memo, vault and amount
THORTX="${TRACER_SRC:-.}/tests/vectors/thorchain/deposit_eth_tx.json"
run thor_call 0 "$TRACER" decode --chain eth "$THORTX"
equal thor_call_from "$(jget "$T_TMP/out" 'd["from"]')" 0x3fd2D4cE97B082d4BcE3f9fee2A3D60668D2f473
equal thor_call_memo "$(jget "$T_TMP/out" 'd["thorchain"]["memo"]')" ADD:ETH.ETH:tthor16xxn0cadruuw6a2qwpv35av0mehryvdzzjz3af
equal thor_call_vault "$(jget "$T_TMP/out" 'd["thorchain"]["to"], d["thorchain"]["amount"]')" "('0x58e99C9c4a20f5F054C737389FdD51D7eD9c7d2a', '5000000000000000000')"
equal thor_call_router "$(jget "$T_TMP/out" 'd["thorchain"]["router_known"]')" False
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

# the Frontier high-s transaction as JSON: allowed in a block before
# Homestead (1,150,000), refused after it (EIP-2)
python3 -c 'import json,sys
for c in json.load(open(sys.argv[1]))["cases"]:
    if c["name"] == "mainnet_frontier_high_s":
        print(c["raw"])' "$V/txs_raw.json" >"$T_TMP/frontier.hex"
python3 -c 'import json,sys
raw = bytes.fromhex(open(sys.argv[1]).read().strip()[2:])
# [nonce, gasPrice, gas, to, value, data, v, r, s] from the RLP, by hand
def item(b, i):
    p = b[i]
    if p < 0x80: return b[i:i+1], i + 1
    if p <= 0xb7: return b[i+1:i+1+p-0x80], i + 1 + p - 0x80
    n = p - 0xb7; l = int.from_bytes(b[i+1:i+1+n], "big")
    return b[i+1+n:i+1+n+l], i + 1 + n + l
i = 1 if raw[0] < 0xf8 else 1 + raw[0] - 0xf7
f = []
while i < len(raw):
    v, i = item(raw, i); f.append(v)
q = lambda b: hex(int.from_bytes(b, "big"))
d = {"nonce": q(f[0]), "gasPrice": q(f[1]), "gas": q(f[2]),
     "to": "0x" + f[3].hex(), "value": q(f[4]), "input": "0x" + f[5].hex(),
     "v": q(f[6]), "r": q(f[7]), "s": q(f[8]), "blockNumber": sys.argv[2]}
print(json.dumps(d))' "$T_TMP/frontier.hex" 0x1 >"$T_TMP/frontier.json"
run frontier_json 0 "$TRACER" decode --chain eth "$T_TMP/frontier.json"
equal frontier_json_from "$(jget "$T_TMP/out" 'd["from"].lower()')" 0x7e9e359edf0dbacf96a9952fa63092d919b0842b
equal frontier_json_hash "$(jget "$T_TMP/out" 'd["hash"]')" 0x2084b8144eea4031c2fa7dfe343498c5e665ca85ed17825f2925f0b5b01c36ac
sed 's/"blockNumber": "0x1"/"blockNumber": "0x118c30"/' "$T_TMP/frontier.json" >"$T_TMP/homestead.json"
run homestead_json 1 "$TRACER" decode --chain eth "$T_TMP/homestead.json"
contains homestead_json_msg "$T_TMP/err" "EIP-2"

# eth_getRawTransactionByHash's answer: the hex inside a JSON-RPC envelope
printf '{"jsonrpc":"2.0","id":7,"result":"%s"}' "$EIP155" >"$T_TMP/rawenv.json"
run raw_envelope 0 "$TRACER" decode --chain eth "$T_TMP/rawenv.json"
equal raw_envelope_from "$(jget "$T_TMP/out" 'd["from"]')" 0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F
echo '"0x02f8"' >"$T_TMP/rawstr.json"
run raw_json_string_bad 1 "$TRACER" decode --chain eth "$T_TMP/rawstr.json"
contains raw_json_string_bad_msg "$T_TMP/err" "offset"

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
