#!/bin/sh
# crawl_btc - the Bitcoin crawler against a real node: bcoin 1.0.2 regtest,
# installed from npm and started here on free ports of 127.0.0.1, stopped
# by PID at the end (pass or fail). The scenario (tests/nodes/
# btc_scenario.js) mines 451 blocks with legacy and segwit addresses, a
# multi-input spend with change and an OP_RETURN. Then:
#   * crawl --rpc; every touched address's balance equals bcoin's own
#     address index; no password anywhere (output, errors, database)
#   * a second run adds nothing, same digest
#   * crawls killed with SIGKILL at random moments, resumed: same digest
#   * a blk file written from the raw blocks (out of order), --blocks:
#     same digest
#   * SIGINT stops cleanly; the resumed crawl gives the same digest
#   * the same blocks behind an Esplora-compatible server: a range ingest
#     to the same digest; follow mode from a seed reaches the expected
#     addresses and stops at a tagged one; the same server lying (merkle
#     proof, header, block bytes, tx bytes) is caught every time
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"
SRC=${TRACER_SRC:-$PWD}
T0=$(date +%s)

if ! command -v node >/dev/null 2>&1; then
	fail "node" "node.js is not installed (make deps-test installs it)"
	finish
	exit 1
fi
nodes_install || { fail "npm install"; finish; exit 1; }

bcoin_start
if ! wait_port "$BCOIN_NODE_PORT" || ! wait_port "$BCOIN_WALLET_PORT"; then
	fail "bcoin starts" "$(tail -n 20 "$T_TMP/bcoin.log")"
	finish
	exit 1
fi
if ! node "$NODES_DIR/btc_scenario.js" "$T_TMP" >"$T_TMP/scenario.log" 2>&1
then
	fail "bitcoin scenario" "$(tail -n 20 "$T_TMP/scenario.log")"
	finish
	exit 1
fi
pass "bitcoin scenario on bcoin"
J="$T_TMP/btc.json"
TIP=$(jget "$J" 'd["tip"]')

digest() { # DB : prints the db check digest
	"$TRACER" --db "$1" db check --json >"$T_TMP/check.json" 2>&1 &&
		jget "$T_TMP/check.json" 'd["digest"]'
}

# ---- range ingest over RPC ----
DB="$T_TMP/db-rpc"
run "crawl --rpc" 0 "$TRACER" --db "$DB" crawl btc --rpc "$BCOIN_RPC" \
	--confirmations 0 --json
cp "$T_TMP/out" "$T_TMP/crawl.json"
cat "$T_TMP/err" >"$T_TMP/all-output"
equal "blocks crawled" "$(jget "$T_TMP/crawl.json" 'd["blocks"]')" \
	"$((TIP + 1))"
equal "height reached" "$(jget "$T_TMP/crawl.json" 'd["height"]')" "$TIP"
lacks "password not in the summary" "$T_TMP/crawl.json" "$BCOIN_PASSWORD"

# one python for the whole comparison (each start costs on a busy machine)
bad=$(python3 - "$J" "$TRACER" "$DB" <<'PY'
import json, subprocess, sys
want = json.load(open(sys.argv[1]))["addresses"]
bad = []
for a, w in want.items():
    r = subprocess.run([sys.argv[2], "--db", sys.argv[3], "address",
                        "--chain", "btc", a, "--json"],
                       capture_output=True, text=True)
    if r.returncode:
        bad.append(f"{a}: exit {r.returncode}: {r.stderr.strip()}")
        continue
    assets = json.loads(r.stdout)["assets"]
    got = assets[0]["balance"] if assets else "0"
    if got != w:
        bad.append(f"{a}: {got} != {w}")
print("; ".join(bad))
PY
)
equal "every balance equals bcoin's" "$bad" ""
N=$(jget "$J" 'len(d["addresses"])')
[ "$N" -ge 10 ] && pass "scenario touched $N addresses" ||
	fail "scenario addresses" "only $N"

"$TRACER" --db "$DB" address --chain btc \
	"$(jget "$J" 'd["names"]["bob1"]')" --json --txs >"$T_TMP/bob.json"
equal "segwit address history" \
	"$(jget "$T_TMP/bob.json" 'd["tx_count"]')" "2"
contains "address json has the asset" "$T_TMP/bob.json" '"asset": "BTC"'

# the multi-input spend: two resolved inputs, a fee
"$TRACER" --db "$DB" address --chain btc \
	"$(jget "$J" 'd["names"]["carol"]')" --json --txs >"$T_TMP/carol.json"
contains "multi-input spend reached carol" "$T_TMP/carol.json" \
	"$(jget "$J" 'd["txids"]["multi"]')"

D1=$(digest "$DB")
run "second crawl" 0 "$TRACER" --db "$DB" crawl btc --rpc "$BCOIN_RPC" \
	--confirmations 0 --json
equal "second crawl adds nothing" "$(jget "$T_TMP/out" 'd["blocks"]')" "0"
equal "same digest after re-run" "$(digest "$DB")" "$D1"

# the password: in no output, no error, nowhere in the database files
run "wrong password is an error" 1 "$TRACER" --db "$T_TMP/db-bad" crawl btc \
	--rpc "http://tracer:wrong-$BCOIN_PASSWORD-x@127.0.0.1:$BCOIN_NODE_PORT"
cat "$T_TMP/out" "$T_TMP/err" >>"$T_TMP/all-output"
contains "auth failure names the url" "$T_TMP/err" "127.0.0.1:$BCOIN_NODE_PORT"
lacks "no password in any output" "$T_TMP/all-output" "$BCOIN_PASSWORD"
if grep -rqa -- "$BCOIN_PASSWORD" "$DB" "$T_TMP/db-bad" 2>/dev/null; then
	fail "no password in the database files"
else
	pass "no password in the database files"
fi
TRACER_BTC_RPC="$BCOIN_RPC" run "url from TRACER_BTC_RPC" 0 \
	"$TRACER" --db "$DB" crawl btc --confirmations 0
lacks "env url: no password" "$T_TMP/err" "$BCOIN_PASSWORD"

# ---- a range that starts late: prevouts fetched, verified, stored ----
DBL="$T_TMP/db-late"
run "crawl --from 441" 0 "$TRACER" --db "$DBL" crawl btc --rpc "$BCOIN_RPC" \
	--from 441 --confirmations 0 --json
[ "$(jget "$T_TMP/out" 'd["prevouts"]')" -ge 2 ] &&
	pass "prevouts fetched: $(jget "$T_TMP/out" 'd["prevouts"]')" ||
	fail "prevouts fetched" "$(cat "$T_TMP/out")"
"$TRACER" --db "$DBL" address --chain btc \
	"$(jget "$J" 'd["names"]["bob1"]')" --json >"$T_TMP/late.json"
equal "late range: segwit coin in and out" \
	"$(jget "$T_TMP/late.json" 'd["assets"][0]["balance"]')" "0"
run "late range: db check" 0 "$TRACER" --db "$DBL" db check

# wait_crawling PID: returns once the crawl has opened its database and
# catches SIGINT (bit 2 of SigCgt in /proc/PID/status), or has exited;
# the test waits for a state, not for a guessed duration
wait_crawling() {
	_n=0
	while kill -0 "$1" 2>/dev/null; do
		_m=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" \
			2>/dev/null)
		[ -n "$_m" ] && [ $((0x$_m & 2)) -ne 0 ] && return 0
		_n=$((_n + 1))
		[ "$_n" -gt 6000 ] && return 1 # a minute: it hangs
		sleep 0.01
	done
	return 1
}

# ---- resume after SIGKILL ----
# Each crawl is killed once it runs, after a random pause (0 the first
# time: at least one kill lands before the 451 blocks are in).
DBK="$T_TMP/db-kill"
kills=0
for i in 1 2 3 4 5; do
	"$TRACER" --db "$DBK" crawl btc --rpc "$BCOIN_RPC" --confirmations 0 \
		--jobs 1 --rate 300 >/dev/null 2>&1 &
	p=$!
	wait_crawling "$p"
	[ "$i" -gt 1 ] && sleep "0.$(awk -v s="$$$i" \
		'BEGIN { srand(s); printf "%d", rand() * 5 }')"
	kill -9 "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	# 137 = killed by SIGKILL (not finished before the kill)
	[ $? -eq 137 ] && kills=$((kills + 1))
done
[ "$kills" -ge 1 ] && pass "crawl killed $kills times" ||
	fail "kills" "no kill hit a running crawl"
run "resume after kills" 0 "$TRACER" --db "$DBK" crawl btc \
	--rpc "$BCOIN_RPC" --confirmations 0
equal "killed and resumed: same digest" "$(digest "$DBK")" "$D1"
run "then nothing to add" 0 "$TRACER" --db "$DBK" crawl btc \
	--rpc "$BCOIN_RPC" --confirmations 0 --json
equal "resumed db: second run adds nothing" \
	"$(jget "$T_TMP/out" 'd["blocks"]')" "0"

# ---- block files ----
python3 - "$J" "$T_TMP/blk00000.dat" <<'PY'
import json, struct, sys
blocks = json.load(open(sys.argv[1]))["blocks"]
with open(sys.argv[2], "wb") as f:
    # regtest magic; blocks out of order, as Core writes them after a
    # reorg or parallel download: tracer orders them by prev hash
    order = list(range(len(blocks)))
    order[5], order[6] = order[6], order[5]
    for i in order:
        raw = bytes.fromhex(blocks[i])
        f.write(bytes.fromhex("fabfb5da") + struct.pack("<I", len(raw)) + raw)
PY
DBB="$T_TMP/db-blk"
run "crawl --blocks" 0 "$TRACER" --db "$DBB" crawl btc \
	--blocks "$T_TMP/blk00000.dat" --network bcoin-regtest --confirmations 0
equal "blk file: same digest as rpc" "$(digest "$DBB")" "$D1"
# a blocks/ directory, in two steps: the second continues from the
# stored tip by prev hash
mkdir -p "$T_TMP/blocks"
cp "$T_TMP/blk00000.dat" "$T_TMP/blocks/"
DBB2="$T_TMP/db-blk2"
run "crawl --blocks DIR --to 200" 0 "$TRACER" --db "$DBB2" crawl btc \
	--blocks "$T_TMP/blocks" --network bcoin-regtest --to 200 \
	--confirmations 0
run "crawl --blocks DIR, the rest" 0 "$TRACER" --db "$DBB2" crawl btc \
	--blocks "$T_TMP/blocks" --network bcoin-regtest --confirmations 0
equal "blocks dir in two steps: same digest" "$(digest "$DBB2")" "$D1"
run "block files of another network refused" 1 "$TRACER" --db "$DBB2" \
	crawl btc --blocks "$T_TMP/blocks" --network main

# ---- Ctrl-C: a clean stop after the current block, then resume ----
DBI="$T_TMP/db-int"
"$TRACER" --db "$DBI" crawl btc --rpc "$BCOIN_RPC" --confirmations 0 \
	--jobs 1 --rate 200 >"$T_TMP/int.out" 2>"$T_TMP/int.err" &
p=$!
# SIGINT as soon as the crawl catches it, before its first block is
# fetched: no guess at how long the start takes
wait_crawling "$p"
kill -INT "$p"
wait "$p"
st=$?
equal "SIGINT: exit 130" "$st" "130"
contains "SIGINT: says how to resume" "$T_TMP/int.err" \
	"stopped by SIGINT"
run "resume after SIGINT" 0 "$TRACER" --db "$DBI" crawl btc \
	--rpc "$BCOIN_RPC" --confirmations 0
equal "interrupted and resumed: same digest" "$(digest "$DBI")" "$D1"

# ---- Esplora: range ingest, then follow mode ----
node "$NODES_DIR/esplora_server.js" "$J" "$T_TMP/esplora.port" \
	>"$T_TMP/esplora.log" 2>&1 &
ESPLORA_PID=$!
for i in $(seq 50); do [ -s "$T_TMP/esplora.port" ] && break; sleep 0.1; done
EURL="http://127.0.0.1:$(cat "$T_TMP/esplora.port")"
DBE="$T_TMP/db-esplora"
run "crawl --esplora" 0 "$TRACER" --db "$DBE" crawl btc --esplora "$EURL" \
	--network bcoin-regtest --confirmations 0
equal "esplora range: same digest as rpc" "$(digest "$DBE")" "$D1"
DAVE=$(jget "$J" 'd["names"]["dave"]')
ERIN=$(jget "$J" 'd["names"]["erin"]')
FRANK=$(jget "$J" 'd["names"]["frank"]')
DBF="$T_TMP/db-follow"
"$TOOLS/tag_put" "$DBF" btc "$ERIN" exchange "Example Exchange"
run "follow from a seed" 0 "$TRACER" --db "$DBF" crawl btc \
	--esplora "$EURL" --network bcoin-regtest --follow --seed "$DAVE" \
	--hops 4
contains "stopped at the tagged address" "$T_TMP/err" \
	"not expanded: $ERIN (tagged exchange: Example Exchange)"
"$TRACER" --db "$DBF" address --chain btc "$ERIN" --json >"$T_TMP/erin.json"
equal "reached the tagged address" \
	"$(jget "$T_TMP/erin.json" 'd["tx_count"]')" "1"
"$TRACER" --db "$DBF" address --chain btc "$FRANK" --json >"$T_TMP/frank.json"
equal "never went past it" "$(jget "$T_TMP/frank.json" 'd["tx_count"]')" "0"
"$TRACER" --db "$DBF" address --chain btc "$DAVE" --json >"$T_TMP/dave.json"
equal "seed balance as bcoin's" \
	"$(jget "$T_TMP/dave.json" 'd["assets"][0]["balance"]')" \
	"$(jget "$J" "d['addresses']['$DAVE']")"
run "follow: db check" 0 "$TRACER" --db "$DBF" db check
run "follow: hub limit" 0 "$TRACER" --db "$DBF" crawl btc \
	--esplora "$EURL" --network bcoin-regtest --follow \
	--seed "$(jget "$J" 'd["names"]["miner"]')" --hub-txs 10 --hops 1
contains "miner is an unlabelled hub" "$T_TMP/err" "unlabelled hub"
run "follow: --max-txs 1" 0 "$TRACER" --db "$T_TMP/db-follow-max" crawl btc \
	--esplora "$EURL" --network bcoin-regtest --follow --seed "$DAVE" \
	--hops 4 --max-txs 1 --json
equal "follow: one tx stored" "$(jget "$T_TMP/out" 'd["txs"]')" "1"

# ---- a lying Esplora server: every lie is caught, nothing is stored ----
kill "$ESPLORA_PID" 2>/dev/null && wait "$ESPLORA_PID" 2>/dev/null
for lie in proof header block tx; do
	rm -f "$T_TMP/esplora.port"
	ESPLORA_LIE=$lie node "$NODES_DIR/esplora_server.js" "$J" \
		"$T_TMP/esplora.port" >"$T_TMP/esplora-$lie.log" 2>&1 &
	ESPLORA_PID=$!
	for i in $(seq 50); do [ -s "$T_TMP/esplora.port" ] && break; sleep 0.1; done
	LURL="http://127.0.0.1:$(cat "$T_TMP/esplora.port")"
	if [ "$lie" = block ]; then
		run "lie $lie: refused" 1 "$TRACER" --db "$T_TMP/db-lie-$lie" \
			crawl btc --esplora "$LURL" --network bcoin-regtest \
			--confirmations 0
		contains "lie $lie: names the block" "$T_TMP/err" "block 300"
		"$TRACER" --db "$T_TMP/db-lie-$lie" db check --json \
			>"$T_TMP/lie.json"
		[ "$(jget "$T_TMP/lie.json" 'd["bad"]')" = 0 ] &&
			pass "lie $lie: database consistent" ||
			fail "lie $lie: database consistent"
	else
		run "lie $lie: refused" 1 "$TRACER" --db "$T_TMP/db-lie-$lie" \
			crawl btc --esplora "$LURL" --network bcoin-regtest \
			--follow --seed "$DAVE"
		# nothing verified, nothing stored: the new database goes
		contains "lie $lie: nothing stored" "$T_TMP/err" \
			"nothing was stored: the new database"
		[ ! -e "$T_TMP/db-lie-$lie/CURRENT" ] &&
			pass "lie $lie: no database left" ||
			fail "lie $lie: no database left"
	fi
	case $lie in
	proof) contains "lie proof: caught" "$T_TMP/err" \
		"merkle proof leads to root" ;;
	header) contains "lie header: caught" "$T_TMP/err" \
		"hashes to another block" ;;
	block) contains "lie block: caught" "$T_TMP/err" "merkle root" ;;
	tx) contains "lie tx: caught" "$T_TMP/err" "the bytes sent hash to" ;;
	esac
	kill "$ESPLORA_PID" 2>/dev/null && wait "$ESPLORA_PID" 2>/dev/null
	ESPLORA_PID=
done

echo "crawl_btc took $(($(date +%s) - T0)) s"
finish
