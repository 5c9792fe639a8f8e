#!/bin/sh
# tracer decode --chain ltc|bch|doge on the forks' real mainnet genesis
# blocks (tests/vectors/forks, sources in its README): block hashes,
# merkle roots, scrypt / sha256d work, addresses with each fork's
# versions; a tampered copy rejected naming the work; Bitcoin Cash
# refusing witness data; Dogecoin AuxPoW headers (real mainnet ones) with
# the merged-mining proof verified and tampered copies rejected.
. tests/lib.sh

V="$TRACER_SRC/tests/vectors/forks"
# a real Bitcoin taproot spend (test_decode_btc.sh): a witness flag
P2TR=01000000000101d1f1c1f8cdf6759167b90f52c9ad358a369f95284e841d7a2536cef31c0549580100000000fdffffff020000000000000000316a2f49206c696b65205363686e6f7272207369677320616e6420492063616e6e6f74206c69652e204062697462756734329e06010000000000225120a37c3903c8d0db6512e2b40b0dffa05e5a3ab73603ce8c9c4b7771e5412328f90140a60c383f71bac0ec919b1d7dbc3eb72dd56e7aa99583615564f9f99b8ae4e837b758773a5b2e4c51348854c8389f008e05029db7f464a5ff2e01d5e6e626174affd30a00

run help 0 "$TRACER" decode --chain ltc --help
contains help_forks "$T_TMP/out" "ltc, bch, doge"

# the genesis blocks, full
run ltc_block 0 "$TRACER" decode --chain ltc --full "$V/ltc_genesis_block.hex"
equal ltc_hash "$(jget "$T_TMP/out" 'd["hash"]')" 12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2
equal ltc_checks "$(jget "$T_TMP/out" 'd["merkle_ok"], d["pow_ok"], d["chain"]')" "(True, True, 'ltc')"
equal ltc_txid "$(jget "$T_TMP/out" 'd["txids"][0]')" 97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9
equal ltc_out "$(jget "$T_TMP/out" 'd["transactions"][0]["outputs"][0]["value"], d["transactions"][0]["outputs"][0]["address"]')" "('5000000000', 'Ler4HNAEfwYhBmGXcFP2Po1NpRUEiK8km2')"
run doge_block 0 "$TRACER" decode --chain doge --full "$V/doge_genesis_block.hex"
equal doge_hash "$(jget "$T_TMP/out" 'd["hash"]')" 1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c355691
equal doge_checks "$(jget "$T_TMP/out" 'd["merkle_ok"], d["pow_ok"]')" "(True, True)"
equal doge_out "$(jget "$T_TMP/out" 'd["output_total"], d["transactions"][0]["outputs"][0]["address"][0]')" "('8800000000', 'D')"
run bch_block 0 "$TRACER" decode --chain bch --block "$V/bch_genesis_block.hex"
equal bch_hash "$(jget "$T_TMP/out" 'd["hash"]')" 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f
equal bch_checks "$(jget "$T_TMP/out" 'd["merkle_ok"], d["pow_ok"]')" "(True, True)"

# headers alone
for c in ltc doge bch; do
	run ${c}_header 0 "$TRACER" decode --chain $c "$V/${c}_genesis_header.hex"
	equal ${c}_header_pow "$(jget "$T_TMP/out" 'd["pow_ok"]')" True
done
# Litecoin's work is scrypt: as a Bitcoin header it is refused
run ltc_as_btc 1 "$TRACER" decode --chain btc "$V/ltc_genesis_header.hex"
contains ltc_as_btc_msg "$T_TMP/err" "easier than network main allows"

# tampered: the nonce changed (the hash and the work no longer meet bits)
tamper() { # file -> the hex with the nonce's first byte changed
	python3 -c 'import sys
h = open(sys.argv[1]).read().strip()
b = bytearray.fromhex(h); b[76] ^= 1
print(b.hex())' "$1"
}
tamper "$V/ltc_genesis_block.hex" >"$T_TMP/ltc_bad.hex"
run ltc_tampered 1 "$TRACER" decode --chain ltc "$T_TMP/ltc_bad.hex"
contains ltc_tampered_msg "$T_TMP/err" "Litecoin block"
contains ltc_tampered_work "$T_TMP/err" "scrypt work does not meet its target"
equal ltc_tampered_json "$(jget "$T_TMP/out" 'd["pow_ok"], d["merkle_ok"]')" "(False, True)"
tamper "$V/doge_genesis_header.hex" >"$T_TMP/doge_bad.hex"
run doge_tampered 1 "$TRACER" decode --chain doge "$T_TMP/doge_bad.hex"
contains doge_tampered_msg "$T_TMP/err" "Dogecoin block"
tamper "$V/bch_genesis_block.hex" >"$T_TMP/bch_bad.hex"
run bch_tampered 1 "$TRACER" decode --chain bch "$T_TMP/bch_bad.hex"
contains bch_tampered_msg "$T_TMP/err" "sha256d work does not meet its target"
# the coinbase changed: the merkle root no longer matches
python3 -c 'import sys
h = open(sys.argv[1]).read().strip()
print(h[:-12] + "01" + h[-10:])' "$V/ltc_genesis_block.hex" >"$T_TMP/ltc_merkle.hex"
run ltc_merkle 1 "$TRACER" decode --chain ltc --block "$T_TMP/ltc_merkle.hex"
contains ltc_merkle_msg "$T_TMP/err" "merkle root"

# segwit: Litecoin has it, Bitcoin Cash and Dogecoin refuse the flag
run ltc_segwit 0 "$TRACER" decode --chain ltc --tx "$P2TR"
equal ltc_segwit_addr "$(jget "$T_TMP/out" 'd["outputs"][1]["address"][:5]')" ltc1p
run bch_segwit 1 "$TRACER" decode --chain bch --tx "$P2TR"
contains bch_segwit_msg "$T_TMP/err" "Bitcoin Cash has no segwit"
run doge_segwit 1 "$TRACER" decode --chain doge --tx "$P2TR"
contains doge_segwit_msg "$T_TMP/err" "Dogecoin has no segwit"

# AuxPoW: real mainnet headers with their merged-mining proof
for n in 700000 800000 3000000; do
	run doge_auxpow_$n 0 "$TRACER" decode --chain doge "$V/doge_auxpow_$n.hex"
	equal doge_auxpow_${n}_ok "$(jget "$T_TMP/out" 'd["pow_ok"], d["chain"]')" "(True, 'doge')"
done
equal doge_auxpow_hash "$(jget "$T_TMP/out" 'd["hash"], d["auxpow"]["chain_index"]')" "('195a83b091fb3ee7ecb56f2e63d01709293f57f971ccf373d93890c8dc1033db', 8)"
# the parent header's nonce changed: its scrypt work fails
python3 -c 'import sys
b = bytearray.fromhex(open(sys.argv[1]).read().strip()); b[-4] ^= 1
print(b.hex())' "$V/doge_auxpow_700000.hex" >"$T_TMP/aux_bad.hex"
run doge_auxpow_tampered 1 "$TRACER" decode --chain doge "$T_TMP/aux_bad.hex"
contains doge_auxpow_tampered_msg "$T_TMP/err" "AuxPoW parent header's scrypt work"
equal doge_auxpow_tampered_json "$(jget "$T_TMP/out" 'd["pow_ok"]')" False
# a block: the proof then transactions; a transaction not in the merkle
# root is named
python3 -c 'import sys
print(open(sys.argv[1]).read().strip() + "01" + sys.argv[2])' "$V/doge_auxpow_700000.hex" "$(sed -n 1p "$V/doge_genesis_block.hex" | cut -c163-)" >"$T_TMP/aux_block.hex"
run doge_auxpow_block 1 "$TRACER" decode --chain doge --block "$T_TMP/aux_block.hex"
contains doge_auxpow_block_msg "$T_TMP/err" "merkle root of the transactions"
equal doge_auxpow_block_json "$(jget "$T_TMP/out" 'd["tx_count"], d["pow_ok"]')" "(1, True)"
# the AuxPoW bit on a block without a proof: refused naming the proof
python3 -c 'import sys
h = open(sys.argv[1]).read().strip()
print("02010000" + h[8:])' "$V/doge_genesis_block.hex" >"$T_TMP/doge_aux.hex"
run doge_auxpow_garbage 1 "$TRACER" decode --chain doge --block "$T_TMP/doge_aux.hex"
contains doge_auxpow_garbage_msg "$T_TMP/err" "AuxPoW"

# Litecoin's MWEB flag: a lone HogEx is refused clearly, not misread
run ltc_mweb 1 "$TRACER" decode --chain ltc --tx 0200000000080000000000
contains ltc_mweb_msg "$T_TMP/err" "MWEB flag (0x08)"
# a real MWEB block (mainnet 2,383,207): the HogEx and the extension
# block read, the header's BLAKE3 hash the HogEx commits to
run ltc_mweb_block 0 "$TRACER" decode --chain ltc "$V/ltc_mweb_2383207_block.hex"
equal ltc_mweb_block_json "$(jget "$T_TMP/out" 'd["hash"], d["tx_count"], d["pow_ok"], d["mweb"]["hash"], d["mweb"]["height"], d["mweb"]["extension_size"]')" "('84da0de24f1f70074596f9a9da145a6b7961860519923b67545d095cf8262f9a', 9, True, 'a8eaca52de7fd7b7db2c72d49f0c88edde72eb1635ef321710755560f68c6141', 2383207, 171)"
# its extension header changed (the leafset root): the HogEx no longer
# commits to it
python3 -c 'import sys
h = open(sys.argv[1]).read().strip()
i = len(h) - 2 * 171 + 2 * (1 + 4 + 64)
print(h[:i] + ("%02x" % (int(h[i:i + 2], 16) ^ 1)) + h[i + 2:])' "$V/ltc_mweb_2383207_block.hex" >"$T_TMP/mweb_bad.hex"
run ltc_mweb_block_bad 1 "$TRACER" decode --chain ltc "$T_TMP/mweb_bad.hex"
contains ltc_mweb_block_bad_msg "$T_TMP/err" "the HogEx's output 0 does not commit to the extension block's header"

# the fork's networks: main, test, regtest; the mainnet genesis has
# mainnet work, which is within testnet's limit too
run ltc_network 0 "$TRACER" decode --chain ltc --network test "$V/ltc_genesis_header.hex"
run ltc_network_bad 2 "$TRACER" decode --chain ltc --network signet "$V/ltc_genesis_header.hex"
contains ltc_network_msg "$T_TMP/err" "unknown ltc network 'signet' (known: main, test, regtest)"

finish
