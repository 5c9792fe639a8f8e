#!/bin/sh
# test_crawl_cli - crawl and address without a node: usage errors (exit 2),
# sources that cannot be reached or named (exit 1), credentials that never
# show, the 0600 rule of the config file.
. "${TRACER_SRC:-.}/tests/lib.sh"
DB="$T_TMP/db"
export HOME="$T_TMP/home"
mkdir -p "$HOME"
unset TRACER_BTC_RPC TRACER_ETH_RPC TRACER_CONFIG

run "crawl --help" 0 "$TRACER" crawl --help
contains "help names --confirmations" "$T_TMP/out" "--confirmations N"
contains "help names the env variable" "$T_TMP/out" "TRACER_<CHAIN>_RPC"
run "address --help" 0 "$TRACER" address --help
contains "address help gives the json" "$T_TMP/out" '"tx_count"'

run "crawl needs a chain" 2 "$TRACER" --db "$DB" crawl
contains "says so" "$T_TMP/err" "crawl needs a chain"
run "unknown chain" 2 "$TRACER" --db "$DB" crawl xmr --rpc http://x
run "needs a source" 2 "$TRACER" --db "$DB" crawl btc
contains "names the env variable" "$T_TMP/err" "TRACER_BTC_RPC"
run "one source only" 2 "$TRACER" --db "$DB" crawl btc --rpc http://a \
	--esplora http://b
run "bad --from" 2 "$TRACER" --db "$DB" crawl btc --rpc http://a --from x
run "from above to" 2 "$TRACER" --db "$DB" crawl btc --rpc http://a \
	--from 9 --to 3
run "follow needs a seed" 2 "$TRACER" --db "$DB" crawl btc --esplora http://a \
	--follow
run "seed needs follow" 2 "$TRACER" --db "$DB" crawl btc --esplora http://a \
	--seed x
run "bad --jobs" 2 "$TRACER" --db "$DB" crawl btc --rpc http://a --jobs 0
run "bad --traces" 2 "$TRACER" --db "$DB" crawl eth --rpc http://a \
	--traces some
run "negative --chain-id" 2 "$TRACER" --db "$DB" crawl eth --rpc http://a \
	--chain-id -1
run "--chain-id past 64 bits" 2 "$TRACER" --db "$DB" crawl eth --rpc http://a \
	--chain-id 99999999999999999999
run "unknown option" 2 "$TRACER" --db "$DB" crawl btc --rpc http://a --bogus
# the transport's bounds: options and config keys, checked alike
for o in "--timeout 0" "--timeout -1" "--timeout 5x" "--max-time 0" \
	"--connect-timeout nan" "--min-speed -3" "--retries 101" \
	"--rate 0"; do
	# shellcheck disable=SC2086
	run "bad $o" 2 "$TRACER" --db "$DB" crawl btc --rpc http://a $o
done
contains "bad values say what they must be" "$T_TMP/err" \
	"--rate must be a positive number, not '0'"
run "help names the bounds" 0 "$TRACER" crawl --help
for o in --timeout --retries --max-time --connect-timeout --min-speed \
	--rpc-cookie --datadir "130 SIGINT"; do
	contains "help names $o" "$T_TMP/out" "$o"
done
printf 'crawl.timeout = soon\n' >"$T_TMP/conf-bad"
chmod 600 "$T_TMP/conf-bad"
TRACER_CONFIG="$T_TMP/conf-bad" run "bad crawl.timeout" 1 "$TRACER" \
	--db "$DB" crawl btc --rpc http://a
contains "bad crawl.timeout says" "$T_TMP/err" \
	"'crawl.timeout' in the config file must be seconds"
# a refused port with the config's retries 0 and the option's 1: the
# option wins (one retry line)
printf 'crawl.retries = 0\ncrawl.connect-timeout = 2\n' >"$T_TMP/conf-ok"
chmod 600 "$T_TMP/conf-ok"
TRACER_CONFIG="$T_TMP/conf-ok" run "option over config" 1 "$TRACER" \
	--db "$DB" crawl btc --rpc http://127.0.0.1:1 --retries 1
contains "one retry line" "$T_TMP/err" \
	"tracer: warning: cannot connect to http://127.0.0.1:1 (retry 1/1)"
lacks "no second retry" "$T_TMP/err" "retry 2/"
contains "gives up naming the URL" "$T_TMP/err" \
	"getblockchaininfo: http://127.0.0.1:1: "
run "cookie is for btc" 2 "$TRACER" --db "$DB" crawl eth --rpc http://a \
	--rpc-cookie /x
run "cookie goes with --rpc" 2 "$TRACER" --db "$DB" crawl btc \
	--esplora http://a --rpc-cookie /x
run "eth has no block files" 1 "$TRACER" --db "$DB" crawl eth --blocks /x
contains "names the kinds it has" "$T_TMP/err" "eth has no --blocks source"

# nothing listens on port 1: an error naming the URL, never the password
run "unreachable node" 1 "$TRACER" --db "$DB" crawl btc --retries 1 \
	--rpc "http://alice:pw-s3cr3t-42@127.0.0.1:1/"
contains "names host and port" "$T_TMP/err" "127.0.0.1:1"
lacks "no password" "$T_TMP/err" "pw-s3cr3t-42"
lacks "no user" "$T_TMP/err" "alice"
lacks "no password on stdout" "$T_TMP/out" "pw-s3cr3t-42"
# a URL is ASCII: it becomes the provenance of every block (a raw \377
# made it vanish from JSON reports)
run "URL not ASCII" 1 "$TRACER" --db "$DB" crawl btc --retries 0 \
	--rpc "$(printf 'http://u:pw-s3cr3t-46@127.0.0.1:1/\377')"
contains "URL not ASCII says" "$T_TMP/err" "has the byte 0xff, which is not printable ASCII"
lacks "URL not ASCII: no password" "$T_TMP/err" "pw-s3cr3t-46"
run "not http" 1 "$TRACER" --db "$DB" crawl btc \
	--esplora "ftp://bob:pw-s3cr3t-43@127.0.0.1/"
lacks "ftp: no password" "$T_TMP/err" "pw-s3cr3t-43"
TRACER_BTC_RPC="http://carol:pw-s3cr3t-44@127.0.0.1:1" run "env url" 1 \
	"$TRACER" --db "$DB" crawl btc --retries 0
contains "env url used" "$T_TMP/err" "127.0.0.1:1"
lacks "env: no password" "$T_TMP/err" "pw-s3cr3t-44"

mkdir -p "$HOME/.config/tracer"
echo "btc.rpc = http://dave:pw-s3cr3t-45@127.0.0.1:1" \
	>"$HOME/.config/tracer/config"
chmod 644 "$HOME/.config/tracer/config"
run "config readable by others refused" 1 "$TRACER" --db "$DB" crawl btc \
	--retries 0
contains "says chmod 600" "$T_TMP/err" "chmod 600"
lacks "config: no password" "$T_TMP/err" "pw-s3cr3t-45"
chmod 600 "$HOME/.config/tracer/config"
run "config 0600 used" 1 "$TRACER" --db "$DB" crawl btc --retries 0
contains "config url used" "$T_TMP/err" "127.0.0.1:1"
lacks "config 0600: no password" "$T_TMP/err" "pw-s3cr3t-45"
if grep -rqa "pw-s3cr3t" "$DB" 2>/dev/null; then
	fail "no password in the database"
else
	pass "no password in the database"
fi

# an unreachable node: a line per retry naming the URL (never its
# credentials), and no database left where none was (the failed crawls
# above created none either); an older database or directory is kept
F="$T_TMP/fresh/db"
run "refused: fails" 1 "$TRACER" --db "$F" crawl btc --retries 2 \
	--connect-timeout 1 --timeout 5 \
	--rpc "http://erin:pw-s3cr3t-47@127.0.0.1:1/"
contains "refused: retry 1" "$T_TMP/err" \
	"tracer: warning: cannot connect to http://***@127.0.0.1:1 (retry 1/2)"
contains "refused: retry 2" "$T_TMP/err" \
	"tracer: warning: cannot connect to http://***@127.0.0.1:1 (retry 2/2)"
equal "refused: two retry lines" "$(grep -c 'cannot connect' "$T_TMP/err")" 2
lacks "refused: no password" "$T_TMP/err" "pw-s3cr3t-47"
contains "refused: says none kept" "$T_TMP/err" \
	"nothing was stored: the new database '$F' is not kept"
[ ! -e "$F" ] && pass "refused: no database created" ||
	fail "refused: no database created" "$(ls -la "$F")"
TRACER_BTC_RPC=http://127.0.0.1:1 run "refused -q: fails" 1 "$TRACER" \
	-q --db "$F" crawl btc --retries 1 --connect-timeout 1
lacks "refused -q: no retry line" "$T_TMP/err" "cannot connect"
[ ! -e "$F" ] && pass "refused -q: no database" || fail "refused -q: no database"
run "esplora follow refused" 1 "$TRACER" --db "$F" crawl btc --retries 1 \
	--connect-timeout 1 --esplora http://127.0.0.1:1 --follow \
	--seed 1BoatSLRHtKNngkdXEeobR76b53LETtpyT
contains "esplora: retry line" "$T_TMP/err" \
	"cannot connect to http://127.0.0.1:1 (retry 1/1)"
[ ! -e "$F" ] && pass "esplora: no database" || fail "esplora: no database"
run "bad option: no database" 2 "$TRACER" --db "$F" crawl btc --bogus
[ ! -e "$F" ] && pass "bad option: none created" ||
	fail "bad option: none created"
mkdir -p "$T_TMP/empty-dir"
run "empty dir kept: fails" 1 "$TRACER" --db "$T_TMP/empty-dir" crawl btc \
	--retries 0 --rpc http://127.0.0.1:1
[ -d "$T_TMP/empty-dir" ] && [ -z "$(ls -A "$T_TMP/empty-dir")" ] &&
	pass "empty dir kept, empty" || fail "empty dir kept, empty"
"$TOOLS/db_set_version" "$DB" 2 >/dev/null 2>&1
run "old database kept: fails" 1 "$TRACER" --db "$DB" crawl btc \
	--retries 0 --rpc http://127.0.0.1:1
lacks "old database: no drop message" "$T_TMP/err" "not kept"
[ -f "$DB/CURRENT" ] && pass "old database kept" || fail "old database kept"
"$TOOLS/db_set_version" "$DB" 3 >/dev/null 2>&1 ||
	fail "old database: version 3 put back"

run "address needs --chain" 2 "$TRACER" --db "$DB" address 1BoatSLRHtKNngkdXEeobR76b53LETtpyT
run "address needs an address" 2 "$TRACER" --db "$DB" address --chain btc
run "bad address" 2 "$TRACER" --db "$DB" address --chain btc not-an-address
run "unknown address: empty answer" 0 "$TRACER" --db "$DB" address \
	--chain btc 1BoatSLRHtKNngkdXEeobR76b53LETtpyT --json
equal "tx_count 0" "$(jget "$T_TMP/out" 'd["tx_count"]')" "0"
equal "first_seen null" "$(jget "$T_TMP/out" 'd["first_seen"]')" "None"
finish
