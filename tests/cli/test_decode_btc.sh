#!/bin/sh
# tracer decode --chain btc: transactions, blocks, headers, blk files,
# malformed input. Expected figures for the real blocks of
# $SHARED_DATA/btc were computed independently with bcoin 1.0.2
# (Block.fromRaw: hash, tx count, txs with witness, sum of outputs,
# weight, output types).
. tests/lib.sh

HAL=0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd3704000000004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84cac00286bee0000000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000
P2TR=01000000000101d1f1c1f8cdf6759167b90f52c9ad358a369f95284e841d7a2536cef31c0549580100000000fdffffff020000000000000000316a2f49206c696b65205363686e6f7272207369677320616e6420492063616e6e6f74206c69652e204062697462756734329e06010000000000225120a37c3903c8d0db6512e2b40b0dffa05e5a3ab73603ce8c9c4b7771e5412328f90140a60c383f71bac0ec919b1d7dbc3eb72dd56e7aa99583615564f9f99b8ae4e837b758773a5b2e4c51348854c8389f008e05029db7f464a5ff2e01d5e6e626174affd30a00
GEN=0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c0101000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000
B1=010000006fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000982051fd1e4ba744bbbe680e1fee14677ba1a3c3540bf7b1cdb606e857233e0e61bc6649ffff001d01e362990101000000010000000000000000000000000000000000000000000000000000000000000000ffffffff0704ffff001d0104ffffffff0100f2052a0100000043410496b538e853519c726a2c91e61ec11600ae1390813a627c66fb8be7947be63c52da7589379515d4e0a604f8141781e62294721166bf621e73a82cbf2342c858eeac00000000

run help 0 "$TRACER" decode --chain btc --help
contains help_network "$T_TMP/out" "--network N"
contains help_full "$T_TMP/out" "--full"
run help_lists_decode 0 "$TRACER" --help
contains help_lists_decode_text "$T_TMP/out" "decode"

# a transaction as hex on the command line
run tx_hex 0 "$TRACER" decode --chain btc "$HAL"
equal tx_txid "$(jget "$T_TMP/out" 'd["txid"]')" f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16
equal tx_size "$(jget "$T_TMP/out" 'd["size"], d["vsize"], d["weight"]')" "(275, 275, 1100)"
equal tx_prev "$(jget "$T_TMP/out" 'd["inputs"][0]["prev_txid"]')" 0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9
equal tx_out_class "$(jget "$T_TMP/out" 'd["outputs"][1]["class"]')" p2pk
equal tx_out_value "$(jget "$T_TMP/out" 'd["outputs"][1]["value"]')" 4000000000
equal tx_out_addr "$(jget "$T_TMP/out" 'd["outputs"][0]["address"]')" 1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3

# segwit: taproot, op_return with a null address, witness
run p2tr 0 "$TRACER" decode --chain btc --tx "$P2TR"
equal p2tr_wtxid "$(jget "$T_TMP/out" 'd["wtxid"]')" af2fdc4c54270adfb2a65987a79ed2f0e771a779ea48bb0ef06095b48395f74d
equal p2tr_vsize "$(jget "$T_TMP/out" 'd["vsize"]')" 169
equal p2tr_null "$(jget "$T_TMP/out" 'd["outputs"][0]["address"], d["outputs"][0]["class"]')" "(None, 'op_return')"
equal p2tr_addr "$(jget "$T_TMP/out" 'd["outputs"][1]["address"]')" bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297
equal p2tr_witness "$(jget "$T_TMP/out" 'len(d["inputs"][0]["witness"][0])')" 128
run p2tr_bcoin 0 "$TRACER" decode --chain btc --network bcoin-regtest "$P2TR"
equal p2tr_bcoin_addr "$(jget "$T_TMP/out" 'd["outputs"][1]["address"][:3]')" rb1
lacks p2tr_no_thorchain "$T_TMP/out" '"thorchain"'

# a THORChain swap memo in an OP_RETURN (docs/thorchain.md): a vault
# output of 150000 sat, then the memo of dev.thorchain.org's example
THOR=020000000111111111111111111111111111111111111111111111111111111111111111110000000000ffffffff02f04902000000000016001422222222222222222222222222222222222222220000000000000000366a343d3a4554482e4554483a30783338384338313843413842393235316233393331333143303861373336413637636342313932393700000000
run thor_tx 0 "$TRACER" decode --chain btc --tx "$THOR"
equal thor_kind "$(jget "$T_TMP/out" 'd["thorchain"]["kind"], d["thorchain"]["memo_valid"]')" "('inbound', True)"
equal thor_asset "$(jget "$T_TMP/out" 'd["thorchain"]["parsed"]["asset"]["notation"]')" ETH.ETH
equal thor_dest "$(jget "$T_TMP/out" 'd["thorchain"]["parsed"]["destination"]')" 0x388C818CA8B9251b393131C08a736A67ccB19297
equal thor_amount "$(jget "$T_TMP/out" 'd["thorchain"]["amount"], d["thorchain"]["index"]')" "('150000', 0)"

# stdin, a hex file with a newline, a raw binary file
printf '%s\n' "$HAL" >"$T_TMP/hal.hex"
run tx_stdin 0 sh -c "\"$TRACER\" decode --chain btc - <\"$T_TMP/hal.hex\""
contains tx_stdin_txid "$T_TMP/out" f4184fc596403b9d
run tx_hexfile 0 "$TRACER" decode --chain btc "$T_TMP/hal.hex"
contains tx_hexfile_txid "$T_TMP/out" f4184fc596403b9d
python3 -c 'import sys; open(sys.argv[1],"wb").write(bytes.fromhex(sys.argv[2]))' "$T_TMP/gen.bin" "$GEN"
run block_bin 0 "$TRACER" decode --chain btc "$T_TMP/gen.bin"
equal genesis_hash "$(jget "$T_TMP/out" 'd["hash"]')" 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f
equal genesis_checks "$(jget "$T_TMP/out" 'd["merkle_ok"], d["pow_ok"], d["height"], d["tx_count"]')" "(True, True, None, 1)"
equal genesis_txid "$(jget "$T_TMP/out" 'd["txids"][0]')" 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b
lacks genesis_not_full "$T_TMP/out" '"transactions"'
run block_full 0 "$TRACER" decode --chain btc --block --full "$GEN"
equal genesis_coinbase_addr "$(jget "$T_TMP/out" 'd["transactions"][0]["outputs"][0]["address"]')" 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa
contains genesis_coinbase_field "$T_TMP/out" '"coinbase": "04ffff001d0104455468652054696d6573'

# an 80-byte header
run header 0 "$TRACER" decode --chain btc "$(echo "$B1" | cut -c1-160)"
equal header_hash "$(jget "$T_TMP/out" 'd["hash"], d["pow_ok"]')" "('00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048', True)"

# malformed input: exit 1 naming the offset and what was expected
run truncated 1 "$TRACER" decode --chain btc "$(echo "$HAL" | cut -c1-300)"
contains truncated_msg "$T_TMP/err" "offset"
run truncated_tx 1 "$TRACER" decode --chain btc --tx "$(echo "$HAL" | cut -c1-300)"
contains truncated_tx_msg "$T_TMP/err" "output script at offset 127: length 67 exceeds the 22 bytes left"
run huge_count 1 "$TRACER" decode --chain btc --tx 01000000ffffffffffffffffff
contains huge_count_msg "$T_TMP/err" "input count at offset 4"
run trailing 1 "$TRACER" decode --chain btc --tx "${HAL}00"
contains trailing_msg "$T_TMP/err" "ends at offset 275 but 1 more"
run odd_hex 1 "$TRACER" decode --chain btc 0100000
contains odd_hex_msg "$T_TMP/err" "odd number of digits"
run not_hex 1 "$TRACER" decode --chain btc not-a-file-nor-hex
contains not_hex_msg "$T_TMP/err" "neither a file nor hex"
run tx_as_block 1 "$TRACER" decode --chain btc --block "$HAL"
contains tx_as_block_msg "$T_TMP/err" "offset"
lacks no_crash "$T_TMP/err" "Sanitizer"

# a block that fails a check: JSON printed, exit 1
BAD=$(echo "$GEN" | sed 's/^\(.\{72\}\)3b/\13c/')
run bad_merkle 1 "$TRACER" decode --chain btc "$BAD"
contains bad_merkle_msg "$T_TMP/err" "merkle root"
equal bad_merkle_json "$(jget "$T_TMP/out" 'd["merkle_ok"]')" False

# usage errors
run bad_network 2 "$TRACER" decode --chain btc --network nope "$HAL"
contains bad_network_msg "$T_TMP/err" "unknown bitcoin network 'nope'"
run both_modes 2 "$TRACER" decode --chain btc --tx --block "$HAL"
run bad_option 2 "$TRACER" decode --chain btc --bogus "$HAL"

# a blk file: block 1 before block 0, zero padding
python3 - "$T_TMP/blk00000.dat" "$B1" "$GEN" <<'PY'
import struct, sys
out = b""
for h in sys.argv[2:]:
    b = bytes.fromhex(h)
    out += bytes.fromhex("f9beb4d9") + struct.pack("<I", len(b)) + b
open(sys.argv[1], "wb").write(out + bytes(500))
PY
run blk 0 "$TRACER" decode --chain btc "$T_TMP/blk00000.dat"
equal blk_count "$(jget "$T_TMP/out" 'd["block_count"], d["network"]')" "(2, 'main')"
equal blk_order "$(jget "$T_TMP/out" 'd["blocks"][0]["prev_hash"] == d["blocks"][1]["hash"]')" True
run blk_wrong_net 1 "$TRACER" decode --chain btc --network regtest "$T_TMP/blk00000.dat"
contains blk_wrong_net_msg "$T_TMP/err" "magic f9beb4d9"
# a frame too short for a header says so (it said "does not fit" with
# room to spare)
mkdir -p "$T_TMP/short"
python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex("f9beb4d90a000000") + b"\1" * 200)' \
	>"$T_TMP/short/blk00000.dat"
run blk_short_frame 1 "$TRACER" decode --chain btc "$T_TMP/short/blk00000.dat"
contains blk_short_frame_msg "$T_TMP/err" "offset 4: block length 10 is not 80 to 4000000 bytes"

# the real blocks
check_block() { # height hash txs segwit total weight p2pkh p2sh p2wpkh
	f="$SHARED_DATA/btc/block-$1.bin"
	if [ ! -f "$f" ]; then
		skip "block_$1" "$f is absent"
		return
	fi
	run "block_$1" 0 "$TRACER" decode --chain btc --full "$f"
	equal "block_$1_figures" "$(jget "$T_TMP/out" '(d["hash"], d["height"], d["tx_count"], d["segwit_count"], d["output_total"], d["weight"], d["merkle_ok"], d["pow_ok"])')" \
		"('$2', $1, $3, $4, '$5', $6, True, True)"
	equal "block_$1_unique" "$(jget "$T_TMP/out" 'len(set(d["txids"])) == d["tx_count"]')" True
	equal "block_$1_classes" "$(jget "$T_TMP/out" '[sum(o["class"] == c for t in d["transactions"] for o in t["outputs"]) for c in ("p2pkh", "p2sh", "p2wpkh")]')" "[$7, $8, $9]"
}
check_block 277647 0000000000000000054a714e580b16c583701712ab91060e92dbde6eb1e052a8 213 0 177966312176 596656 769 0 0
check_block 540107 00000000000000000021868c2cefc52a480d173c849412fe81c4e5ab806f94ab 230 104 54447454297 3993333 266 175 15
check_block 574200 0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2 3315 1341 1168464839990 3993106 4035 2601 442
finish
