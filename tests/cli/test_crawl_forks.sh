#!/bin/sh
# test_crawl_forks - crawl ltc|bch|doge --rpc against a fake regtest node
# of each fork (tests/cli/fork_node.py: a chain it builds itself, from
# the fork's regtest genesis with its known hash, with real scrypt or
# sha256d work and, on Dogecoin from height 20, AuxPoW), then address,
# trace, report and db check on what was stored; a Litecoin chain ending
# in an MWEB block with a peg-in and a peg-out; and the node's lies
# (work that is not scrypt's, a broken AuxPoW, witness data on Bitcoin
# Cash and Dogecoin, Bitcoin Cash transactions out of canonical order, a
# HogEx paying a peg-out its kernel does not)
# refused naming the rule, with nothing of the bad block stored.
# The same chains as the node's block files (fork_node.py ... blk):
# crawl --blocks stores what --rpc stores (the same db check digest),
# refuses the same lies naming the block and the rule, a tampered block,
# and a file of another fork's magic naming whose magic it is.
# Litecoin's chain served by tests/nodes/esplora_server.js (when node and
# its bcoin are installed): crawl ltc --esplora stores what --rpc stores,
# a late range fetches its prevout, scrypt work is checked, no follow.
. "${TRACER_SRC:-.}/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip all "python3 is not installed"
	finish
	exit 0
fi

NODE="${TRACER_SRC:-.}/tests/cli/fork_node.py"
NODE_PID=
node_stop() {
	[ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null
	NODE_PID=
}
T_CLEANUP_HOOK=node_stop

# start FORK MODE: a node; sets URL
start() {
	node_stop
	: >"$T_TMP/port"
	python3 "$NODE" "$1" "$2" >"$T_TMP/port" 2>"$T_TMP/node.err" &
	NODE_PID=$!
	_i=0
	while ! grep -q '^[0-9][0-9]*$' "$T_TMP/port" && [ $_i -lt 600 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	URL="http://127.0.0.1:$(head -n 1 "$T_TMP/port")"
}

# addr FORK NAME: the address fork_node.py pays NAME (A, B, C, D)
addr() {
	python3 "$NODE" "$1" addresses | sed -n "s/^$2 //p"
}

digest() { # DB : prints the db check digest
	"$TRACER" --db "$1" db check --json >"$T_TMP/check.json" 2>&1 &&
		jget "$T_TMP/check.json" 'd["digest"]'
}

# blk FORK MODE DIR [MAGIC]: the node's chain as DIR/blk00000.dat
blk() {
	mkdir -p "$3"
	python3 "$NODE" "$1" "$2" blk "$3/blk00000.dat" ${4:-}
}

for fork in ltc bch doge; do
	A=$(addr $fork A) C=$(addr $fork C) D=$(addr $fork D)
	DB="$T_TMP/db-$fork"
	start $fork good
	run "$fork crawl" 0 timeout 300 "$TRACER" --db "$DB" crawl $fork \
		--rpc "$URL" --confirmations 0 --retries 0
	contains "$fork crawl height" "$T_TMP/out" "height    23"
	run "$fork db check" 0 "$TRACER" --db "$DB" db check
	contains "$fork db check clean" "$T_TMP/out" "bad      0"
	# the same chain from the node's block files: the same records
	blk $fork good "$T_TMP/blk-$fork"
	run "$fork blocks crawl" 0 "$TRACER" --db "$DB-blk" crawl $fork \
		--blocks "$T_TMP/blk-$fork" --confirmations 0
	contains "$fork blocks crawl height" "$T_TMP/out" "height    23"
	equal "$fork blocks digest = rpc digest" "$(digest "$DB-blk")" \
		"$(digest "$DB")"
	# --chain is case-insensitive; the network is the database's
	run "$fork address" 0 "$TRACER" --db "$DB" address \
		--chain "$(echo $fork | tr a-z A-Z)" "$A"
	contains "$fork address network" "$T_TMP/out" "network   regtest"
	contains "$fork address received" "$T_TMP/out" "received  50 "
	contains "$fork address sent" "$T_TMP/out" "sent      50 "
	run "$fork trace" 0 "$TRACER" --db "$DB" trace --chain $fork \
		--seed "$A" --min "1$fork"
	contains "$fork trace balanced" "$T_TMP/out" "seed total 50.00000000 = exits 0.00000000 + held 49.97000000 + fees 0.03000000"
	contains "$fork trace D" "$T_TMP/out" "$D"
	contains "$fork trace C" "$T_TMP/out" "$C"
	run "$fork case" 0 "$TRACER" case init "$T_TMP/$fork.json" \
		--chain $fork --network regtest --seed "$A"
	run "$fork report" 0 "$TRACER" --db "$DB" report \
		--case "$T_TMP/$fork.json" --format json
	contains "$fork report D" "$T_TMP/out" "$D"
done

# Litecoin: the P2WPKH output is shown in bech32 with regtest's rltc
case "$(addr ltc C)" in
rltc1q*) pass "ltc C is rltc1" ;;
*) fail "ltc C is rltc1" "$(addr ltc C)" ;;
esac

# Bitcoin Cash: a legacy address is taken and shown as CashAddr
LEGACY=$(python3 "$NODE" doge addresses | sed -n 's/^A //p')
run "bch legacy" 0 "$TRACER" --db "$T_TMP/db-bch" address --chain bch \
	"$LEGACY"
contains "bch legacy shown as cashaddr" "$T_TMP/out" "address   $(addr bch A)"
# and the same address on Bitcoin is not Bitcoin Cash's
run "bch as btc" 2 "$TRACER" --db "$T_TMP/db-bch" address --chain btc \
	"$(addr bch A)"
contains "bch as btc msg" "$T_TMP/err" "looks like a Bitcoin Cash address, not a Bitcoin one: use --chain bch"

# Litecoin MWEB: block 23 pegs D's 29.98 in (29.97, fee 0.01) and 10 out
# to B: the peg-in output holds the taint (into MWEB: nothing stored
# spends it), the peg-out comes out of MWEB clean
start ltc mweb
DB="$T_TMP/db-ltc-mweb"
run "ltc mweb crawl" 0 timeout 300 "$TRACER" --db "$DB" crawl ltc \
	--rpc "$URL" --confirmations 0 --retries 0
contains "ltc mweb crawl height" "$T_TMP/out" "height    23"
run "ltc mweb db check" 0 "$TRACER" --db "$DB" db check
contains "ltc mweb db clean" "$T_TMP/out" "bad      0"
run "ltc mweb address B" 0 "$TRACER" --db "$DB" address --chain ltc \
	"$(addr ltc B)"
contains "ltc mweb peg-out to B" "$T_TMP/out" "received  40 "
run "ltc mweb trace" 0 "$TRACER" --db "$DB" trace --chain ltc \
	--seed "$(addr ltc A)" --min 1ltc
# the peg-in (29.97 LTC into MWEB) is unresolved, for the reason
# "pegged"; the peg-out to B comes out of MWEB clean
contains "ltc mweb trace balanced" "$T_TMP/out" "seed total 50.00000000 = exits 0.00000000 + held 19.99000000 + fees 0.04000000 + unresolved 29.97000000  (balanced)"
contains "ltc mweb trace peg-in unresolved" "$T_TMP/out" \
	"unresolved, pegged: 29.97000000"
lacks "ltc mweb trace peg-in not held" "$T_TMP/out" "rltc1f"
lacks "ltc mweb trace peg-out clean" "$T_TMP/out" "$(addr ltc B)"
run "ltc mweb trace json" 0 "$TRACER" --db "$DB" --json trace --chain ltc \
	--seed "$(addr ltc A)" --min 1ltc
equal "ltc mweb trace json pegged" \
	"$(jget "$T_TMP/out" 'd["assets"][0]["unresolved_by"]["pegged"]')" \
	"2997000000"

# --network must be the node's
start ltc good
run "ltc network main" 1 "$TRACER" --db "$T_TMP/db-net" crawl ltc \
	--rpc "$URL" --network main --retries 0
contains "ltc network main msg" "$T_TMP/err" "--network main, but http://127.0.0.1:"
run "ltc network bad" 1 "$TRACER" --db "$T_TMP/db-net" crawl ltc \
	--rpc "$URL" --network signet --retries 0
contains "ltc network bad msg" "$T_TMP/err" "unknown ltc network 'signet' (main, test, regtest)"

# lie NAME FORK MODE TEXT [TEXT2]: the crawl fails naming TEXT (and
# TEXT2); the db is sound
# (nothing of the bad batch is stored)
# (the node's fork is $LIE_NODE when set, else FORK)
lie() {
	start "${LIE_NODE:-$2}" "$3"
	DB="$T_TMP/db-$1"
	run "$1" 1 timeout 300 "$TRACER" --db "$DB" crawl "$2" --rpc "$URL" \
		--confirmations 0 --retries 0
	contains "$1 says" "$T_TMP/err" "$4"
	[ -n "${5:-}" ] && contains "$1 says more" "$T_TMP/err" "$5"
	if [ -d "$DB" ]; then
		run "$1 db check" 0 "$TRACER" --db "$DB" db check
		contains "$1 db clean" "$T_TMP/out" "bad      0"
	fi
}

lie ltc_scrypt ltc scrypt "block 4: Litecoin block" \
	"scrypt work does not meet its target"
lie ltc_mweblie ltc mweblie "block 23: Litecoin block" \
	"the HogEx's output 1 is not the kernels' peg-out 0"
lie doge_auxpow doge auxpow "block 21: Dogecoin block" \
	"AuxPoW parent header's scrypt work does not meet the target"
lie bch_witness bch witness "block 4: Bitcoin Cash has no segwit"
lie bch_ctor bch ctor "block 4: Bitcoin Cash block" \
	"transactions not in canonical (ascending txid) order: transaction 1"
lie doge_witness doge witness "block 4: Dogecoin has no segwit"
# a node of another fork: its block 0 is not this fork's genesis
LIE_NODE=ltc
lie doge_of_ltc doge good "block 0: Dogecoin block" \
	"at height 0 is not the Dogecoin regtest genesis block 3d2160a3b5dc4a9d62e7e66a295f70313ac808440ef7400d6c0772171ce973a5"
LIE_NODE=

# blklie NAME FORK MODE TEXT [TEXT2]: lie, from the node's block files
blklie() {
	blk "$2" "$3" "$T_TMP/blk-$1"
	run "$1 blocks" 1 "$TRACER" --db "$T_TMP/db-$1-blk" crawl "$2" \
		--blocks "$T_TMP/blk-$1" --confirmations 0
	contains "$1 blocks says" "$T_TMP/err" "$4"
	[ -n "${5:-}" ] && contains "$1 blocks says more" "$T_TMP/err" "$5"
	if [ -d "$T_TMP/db-$1-blk" ]; then
		run "$1 blocks db check" 0 "$TRACER" --db "$T_TMP/db-$1-blk" \
			db check
		contains "$1 blocks db clean" "$T_TMP/out" "bad      0"
	fi
}
blklie ltc_scrypt ltc scrypt "block 4: Litecoin block" \
	"scrypt work does not meet its target"
blklie ltc_mweblie ltc mweblie "block 23: Litecoin block" \
	"the HogEx's output 1 is not the kernels' peg-out 0"
blklie doge_auxpow doge auxpow "block 21: Dogecoin block" \
	"AuxPoW parent header's scrypt work does not meet the target"
blklie bch_ctor bch ctor "block 4: Bitcoin Cash block" \
	"transactions not in canonical (ascending txid) order: transaction 1"
blklie doge_witness doge witness "block 4: Dogecoin has no segwit"

# Bitcoin Cash's 32 MB blocks and canonical order: block 5 is 4.5 MB,
# five chained spends of C sorted by txid, so spenders come before what
# they spend; stored in the order they apply, C's history and a trace
# from C add up (received 19.99 + 5 outputs of 19.98..19.94)
start bch big
run "bch big crawl" 0 timeout 300 "$TRACER" --db "$T_TMP/db-bch-big" \
	crawl bch --rpc "$URL" --confirmations 0 --retries 0
contains "bch big crawl height" "$T_TMP/out" "height    23"
run "bch big db check" 0 "$TRACER" --db "$T_TMP/db-bch-big" db check
contains "bch big db clean" "$T_TMP/out" "bad      0"
blk bch big "$T_TMP/blk-bch-big"
run "bch big blocks crawl" 0 "$TRACER" --db "$T_TMP/db-bch-big-blk" \
	crawl bch --blocks "$T_TMP/blk-bch-big" --confirmations 0
equal "bch big blocks digest = rpc digest" \
	"$(digest "$T_TMP/db-bch-big-blk")" "$(digest "$T_TMP/db-bch-big")"
run "bch big address C" 0 "$TRACER" --db "$T_TMP/db-bch-big" address \
	--chain bch "$(addr bch C)"
contains "bch big C received" "$T_TMP/out" "received  119.79 BCH"
contains "bch big C sent" "$T_TMP/out" "sent      99.85 BCH"
contains "bch big C balance" "$T_TMP/out" "balance   19.94 BCH"
run "bch big trace" 0 "$TRACER" --db "$T_TMP/db-bch-big" trace --chain bch \
	--seed "$(addr bch C)"
contains "bch big trace balanced" "$T_TMP/out" "seed total 19.99000000 = exits 0.00000000 + held 19.94000000 + fees 0.05000000 + unresolved 0.00000000  (balanced)"
# the same block on Litecoin is past its 4 000 000 weight
lie ltc_huge ltc huge "block 5: Litecoin block" "larger than its 4000000-byte limit"

# the MWEB chain from block files: the same records as from the node
blk ltc mweb "$T_TMP/blk-ltc-mweb"
run "ltc mweb blocks crawl" 0 "$TRACER" --db "$T_TMP/db-ltc-mweb-blk" \
	crawl ltc --blocks "$T_TMP/blk-ltc-mweb" --confirmations 0
equal "ltc mweb blocks digest = rpc digest" \
	"$(digest "$T_TMP/db-ltc-mweb-blk")" "$(digest "$T_TMP/db-ltc-mweb")"

# a tampered block: its last byte (block 23's coinbase lock time) changes
# its txid, and the merkle root no longer holds
blk doge good "$T_TMP/blk-tamper"
python3 -c 'import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
i = len(b.rstrip(b"\0")) - 1
b[i] ^= 1
open(p, "wb").write(b)' "$T_TMP/blk-tamper/blk00000.dat"
run "tampered block" 1 "$TRACER" --db "$T_TMP/db-tamper" crawl doge \
	--blocks "$T_TMP/blk-tamper" --confirmations 0
contains "tampered block names it" "$T_TMP/err" "block 23:"
contains "tampered block names the rule" "$T_TMP/err" "merkle"

# another fork's files: refused by the magic, naming whose it is; the
# regtest magic is shared, so regtest files of another fork fail at
# their genesis block
blk ltc good "$T_TMP/blk-ltc-main" fbc0b6db
run "ltc magic as doge" 1 "$TRACER" --db "$T_TMP/db-magic" crawl doge \
	--blocks "$T_TMP/blk-ltc-main" --confirmations 0
contains "ltc magic as doge msg" "$T_TMP/err" "magic fbc0b6db (Litecoin main), expected the block magic of a Dogecoin network (main, test, regtest)"
run "ltc main magic, regtest" 1 "$TRACER" --db "$T_TMP/db-magic" crawl ltc \
	--blocks "$T_TMP/blk-ltc-main" --network regtest --confirmations 0
contains "ltc main magic, regtest msg" "$T_TMP/err" "magic fbc0b6db (Litecoin main), expected the block magic of Litecoin regtest"
run "ltc blocks as doge" 1 "$TRACER" --db "$T_TMP/db-magic" crawl doge \
	--blocks "$T_TMP/blk-ltc" --confirmations 0
contains "ltc blocks as doge msg" "$T_TMP/err" "block 0: Dogecoin block 530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9 at height 0 is not the Dogecoin regtest genesis block"
run "ltc blocks bad network" 1 "$TRACER" --db "$T_TMP/db-magic" crawl ltc \
	--blocks "$T_TMP/blk-ltc" --network signet
contains "ltc blocks bad network msg" "$T_TMP/err" "unknown ltc network 'signet' (main, test, regtest)"

# ---- Litecoin over Esplora ----
ESP_PID=
esp_stop() {
	node_stop
	[ -n "$ESP_PID" ] && kill "$ESP_PID" 2>/dev/null
	ESP_PID=
}
T_CLEANUP_HOOK=esp_stop
# esp MODE: tests/nodes/esplora_server.js over fork_node.py's ltc chain
esp() {
	esp_stop
	python3 "$NODE" ltc "$1" json "$T_TMP/esp-$1.json"
	: >"$T_TMP/esp.port"
	node "$NODES/esplora_server.js" "$T_TMP/esp-$1.json" "$T_TMP/esp.port" \
		>"$T_TMP/esp.log" 2>&1 &
	ESP_PID=$!
	_i=0
	while [ ! -s "$T_TMP/esp.port" ] && [ $_i -lt 300 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	EURL="http://127.0.0.1:$(cat "$T_TMP/esp.port")"
}
NODES="${TRACER_SRC:-.}/tests/nodes"
if ! command -v node >/dev/null 2>&1 ||
	[ ! -d "$NODES/node_modules/bcoin" ]; then
	skip "ltc esplora" "node or tests/nodes/node_modules/bcoin is not installed"
else
	esp good
	run "ltc esplora crawl" 0 "$TRACER" --db "$T_TMP/db-ltc-esp" crawl ltc \
		--esplora "$EURL" --network regtest --confirmations 0 --retries 0
	contains "ltc esplora height" "$T_TMP/out" "height    23"
	equal "ltc esplora digest = rpc digest" \
		"$(digest "$T_TMP/db-ltc-esp")" "$(digest "$T_TMP/db-ltc")"
	# from block 4: B's output of block 3 is fetched (/tx/:txid/hex)
	run "ltc esplora late range" 0 "$TRACER" --db "$T_TMP/db-ltc-esp4" \
		crawl ltc --esplora "$EURL" --network regtest --from 4 \
		--confirmations 0 --retries 0
	contains "ltc esplora prevout" "$T_TMP/out" "prevouts  1"
	run "ltc esplora late db check" 0 "$TRACER" --db "$T_TMP/db-ltc-esp4" \
		db check
	contains "ltc esplora late db clean" "$T_TMP/out" "bad      0"
	run "ltc esplora follow" 1 "$TRACER" --db "$T_TMP/db-ltc-espf" \
		crawl ltc --esplora "$EURL" --network regtest --follow \
		--seed "$(addr ltc D)" --retries 0
	contains "ltc esplora follow msg" "$T_TMP/err" \
		"this source cannot follow addresses"
	run "ltc esplora network" 1 "$TRACER" --db "$T_TMP/db-ltc-espf" \
		crawl ltc --esplora "$EURL" --network signet --retries 0
	contains "ltc esplora network msg" "$T_TMP/err" \
		"unknown ltc network 'signet' (main, test, regtest)"
	run "bch esplora" 1 "$TRACER" --db "$T_TMP/db-bch-esp" crawl bch \
		--esplora "$EURL" --network regtest
	contains "bch esplora msg" "$T_TMP/err" \
		"bch has no --esplora source (it has: --rpc, --blocks)"
	esp scrypt
	run "ltc esplora scrypt" 1 "$TRACER" --db "$T_TMP/db-ltc-esps" \
		crawl ltc --esplora "$EURL" --network regtest \
		--confirmations 0 --retries 0
	contains "ltc esplora scrypt msg" "$T_TMP/err" \
		"scrypt work does not meet its target"
	esp_stop
fi

finish
