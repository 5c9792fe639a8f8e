#!/bin/sh
# test_crawl_stall - bounded waits and prompt interrupts against servers
# that stall (tests/cli/hostile_node.py stall-*: silent, headers then
# nothing, part of the body then nothing, a trickle of 5 bytes a second)
# from block 3 on, for each source: Bitcoin Core RPC, Esplora, and an
# Ethereum RPC proxy in front of anvil.
#
# For each: the crawl gives up within its bounds (--timeout, --retries)
# with a retry line and an error naming the block, the redacted URL and
# the reason; SIGINT (and SIGTERM) during a stall ends the crawl with 130
# (143), saying where it stopped, with nothing half-written ('db check')
# and only whole blocks stored; the next run against an honest server
# resumes and completes. Waits are bounded loosely as hang guards only.
. "${TRACER_SRC:-.}/tests/lib.sh"
NODES_SH="${TRACER_SRC:-.}/tests/nodes/nodes.sh"
CPID=""

if ! command -v python3 >/dev/null 2>&1; then
	fail all "python3 is not installed"
	finish
	exit 1
fi
. "$NODES_SH"
T_CLEANUP_HOOK='nodes_stop; [ -n "$CPID" ] && kill -9 $CPID 2>/dev/null'
PW=pw-stall-7f3

# start CHAIN MODE [UPSTREAM]: a server; sets URL (with a password)
start() {
	hostile_start "$1" "$2" ${3:+"$3"}
	URL="http://user:$PW@127.0.0.1:$HOSTILE_PORT"
}

# crawl_args SOURCE: the crawl command for a source (btc rpc, esplora,
# eth), up to block 11, one request at a time (chunks of 2 blocks)
crawl_args() {
	case $1 in
	rpc) set -- btc --rpc "$URL" ;;
	esplora) set -- btc --esplora "$URL" --network regtest ;;
	eth) set -- eth --rpc "$URL" ;;
	esac
	echo "$@"
}

chain_of() { [ "$1" = eth ] && echo eth-proxy || { [ "$1" = rpc ] &&
	echo btc || echo esplora; }; }

blocks_stored() { # DB
	"$TRACER" --db "$1" --json db stats >"$T_TMP/stats" 2>&1 &&
		jget "$T_TMP/stats" 'd["tables"]["block"]'
}

# gives_up SOURCE KIND REASON RETRIES: the crawl stops (with a retry line
# when RETRIES is 1) and an error naming block 3, the URL without its
# password, and the reason
gives_up() {
	n="$1-$2"
	start "$(chain_of "$1")" "stall-$2" "$UP"
	DB="$T_TMP/db-give-$n"
	# shellcheck disable=SC2046
	run "$n gives up" 1 timeout 120 "$TRACER" --db "$DB" crawl \
		$(crawl_args "$1") --confirmations 0 --to 11 --jobs 1 \
		--timeout 1 --retries "$4" --max-time 60
	if [ "$4" -gt 0 ]; then
		contains "$n retry line" "$T_TMP/err" \
			"tracer: warning: block 3: retry 1/1 after $3"
		contains "$n says it gave up" "$T_TMP/err" \
			"gave up after 2 attempts"
	fi
	contains "$n names block and URL" "$T_TMP/err" \
		"tracer: error: block 3: http://***@127.0.0.1:"
	contains "$n names the reason" "$T_TMP/err" "$3"
	lacks "$n no password" "$T_TMP/err" "$PW"
	run "$n db check" 0 "$TRACER" --db "$DB" db check
	equal "$n whole blocks only" "$(blocks_stored "$DB")" 2
}

# interrupt SOURCE KIND SIGNAL STATUS: a signal during the stall
interrupt() {
	n="$1-$2-$3"
	start "$(chain_of "$1")" "stall-$2" "$UP"
	DB="$T_TMP/db-int-$n"
	# shellcheck disable=SC2046
	"$TRACER" --db "$DB" crawl $(crawl_args "$1") --confirmations 0 \
		--to 11 --jobs 1 --timeout 600 --max-time 600 \
		>"$T_TMP/out" 2>"$T_TMP/err" &
	CPID=$!
	i=0
	while ! grep -q "stalling" "$T_TMP/hostile.err" && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
	kill -"$3" $CPID
	# a hang guard, not a measure: far longer than the 2 s promised
	i=0
	while kill -0 $CPID 2>/dev/null && [ $i -lt 150 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 $CPID 2>/dev/null; then
		fail "$n stops" "still running 15 s after SIG$3"
		kill -9 $CPID
	fi
	wait $CPID
	st=$?
	CPID=""
	equal "$n exit status" "$st" "$4"
	contains "$n says where" "$T_TMP/err" \
		"stopped by SIG$3 (block 3: http://***@127.0.0.1:"
	contains "$n says what is stored" "$T_TMP/err" \
		"blocks 0 to 1 are stored"
	lacks "$n no password" "$T_TMP/err" "$PW"
	run "$n db check" 0 "$TRACER" --db "$DB" db check
	equal "$n whole blocks only" "$(blocks_stored "$DB")" 2
}

# resumes SOURCE: an honest server; the crawl SIGTERM stopped goes on from
# block 2
resumes() {
	start "$(chain_of "$1")" good "$UP"
	DB="$T_TMP/db-int-$1-trickle-TERM"
	# shellcheck disable=SC2046
	run "$1 resume" 0 timeout 120 "$TRACER" --db "$DB" crawl \
		$(crawl_args "$1") --confirmations 0 --to 11 --jobs 1
	contains "$1 resume takes the rest" "$T_TMP/out" "blocks    10"
	run "$1 resume db check" 0 "$TRACER" --db "$DB" db check
	equal "$1 resume all blocks" "$(blocks_stored "$DB")" 12
}

each_source() { # SOURCE
	gives_up "$1" silent "timeout with no answer" 1
	gives_up "$1" headers "timeout at 0 of 2492 bytes" 1
	gives_up "$1" body "timeout at 598 of 2492 bytes" 0
	gives_up "$1" trickle "timeout at " 0
	for kind in silent headers body trickle; do
		interrupt "$1" $kind INT 130
	done
	interrupt "$1" trickle TERM 143
	resumes "$1"
}

UP=""
each_source rpc
each_source esplora

# Ethereum: a proxy in front of anvil, which serves 12 blocks
anvil_up
python3 -c 'import json, sys, urllib.request
r = urllib.request.Request(sys.argv[1], json.dumps({"jsonrpc": "2.0",
    "id": 1, "method": "anvil_mine", "params": ["0xb"]}).encode(),
    {"Content-Type": "application/json"})
urllib.request.urlopen(r, timeout=30).read()' "$ANVIL_RPC" ||
	fail "anvil mines 11 blocks"
UP="$ANVIL_RPC"
each_source eth
finish
