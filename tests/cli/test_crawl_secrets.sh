#!/bin/sh
# test_crawl_secrets - passwords with '/', '#', '?' and '@', and API keys
# in a URL's path and query, never leave tracer: not on stdout or stderr,
# not in the database files (LevelDB's, grepped raw), not in a report.
# Credentials come from the URL, the environment, the 0600 config file or
# a Bitcoin Core .cookie (--rpc-cookie, --datadir); one typed on the
# command line is warned about. The server (tests/cli/hostile_node.py)
# checks that the credentials and keys did arrive.
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"

if ! command -v python3 >/dev/null 2>&1; then
	fail all "python3 is not installed"
	finish
	exit 1
fi

# The secrets: a password with every character that ends a URL's host
# early, and two keys (path and query).
PASS='p/a#s?s@w0rd-Zq'
PASS_ENC='p%2Fa%23s%3Fs%40w0rd-Zq'
KEY=0123456789abcdef0123456789abcdef
QKEY=Q9kX2mV7rT4wY8zA
export HOSTILE_AUTH="al@ice:$PASS" HOSTILE_KEY="$KEY" HOSTILE_QKEY="$QKEY"
# no config file of the user's: each case says where credentials are
export TRACER_CONFIG="$T_TMP/no-config"
unset TRACER_BTC_RPC

# start CHAIN: the honest server; sets PORT
start() {
	hostile_start "$1" good
	PORT=$HOSTILE_PORT
}

# clean NAME FILE...: none of the secrets, raw or encoded, in the files
clean() {
	_n=$1
	shift
	for s in "$PASS" "$PASS_ENC" "$KEY" "$QKEY" "w0rd-Zq"; do
		if grep -r -a -q -F -- "$s" "$@"; then
			fail "$_n" "'$s' found in $(grep -r -a -l -F -- "$s" "$@")"
			return
		fi
	done
	pass "$_n"
}

# crawled NAME DB: the crawl worked and nothing of a secret is anywhere
crawled() {
	cp "$T_TMP/out" "$T_TMP/out-$1"
	cp "$T_TMP/err" "$T_TMP/err-$1"
	clean "$1 stdout and stderr" "$T_TMP/out-$1" "$T_TMP/err-$1"
	clean "$1 database files" "$2"
	run "$1 db check" 0 "$TRACER" --db "$2" db check
	run "$1 case" 0 "$TRACER" case init "$T_TMP/$1.json" --chain btc \
		--network regtest --seed mfWxJ45yp2SFn7UciZyNpvDKrzbhyfKrY8
	for f in md json html csv; do
		run "$1 report $f" 0 "$TRACER" --db "$2" report \
			--case "$T_TMP/$1.json" --format $f
		cp "$T_TMP/out" "$T_TMP/report-$1.$f"
		cp "$T_TMP/err" "$T_TMP/report-err-$1.$f"
	done
	clean "$1 reports" "$T_TMP/report-$1.md" "$T_TMP/report-$1.json" \
		"$T_TMP/report-$1.html" "$T_TMP/report-$1.csv" \
		"$T_TMP"/report-err-$1.*
	contains "$1 report shows the source redacted" "$T_TMP/report-$1.json" \
		"/v3/***?apikey=***"
}

start btc
BASE="127.0.0.1:$PORT/v3/$KEY?apikey=$QKEY"

# 1. on the command line, percent-encoded: works, warned about
DB="$T_TMP/db-argv"
run argv 0 "$TRACER" --db "$DB" crawl btc \
	--rpc "http://al%40ice:$PASS_ENC@$BASE" --confirmations 0 --to 11
contains "argv warns" "$T_TMP/err" \
	"the URL given to --rpc (http://***@127.0.0.1:$PORT/v3/***?apikey=***) holds a password or a key"
contains "argv stored 12 blocks" "$T_TMP/out" "blocks    12"
crawled argv "$DB"

# 2. from the environment: no warning
DB="$T_TMP/db-env"
export TRACER_BTC_RPC="http://al%40ice:$PASS_ENC@$BASE"
run env 0 "$TRACER" --db "$DB" crawl btc --confirmations 0 --to 11
unset TRACER_BTC_RPC
lacks "env no warning" "$T_TMP/err" "warning"
crawled env "$DB"

# 3. from the config file: 0600 only, and its refusal shows no secret
CONF="$T_TMP/config"
printf 'btc.rpc = http://al%%40ice:%s@%s\ncrawl.retries = 0\n' \
	"$PASS_ENC" "$BASE" >"$CONF"
chmod 644 "$CONF"
export TRACER_CONFIG="$CONF"
run "config 0644 refused" 1 "$TRACER" --db "$T_TMP/db-conf" crawl btc \
	--confirmations 0
contains "config says chmod" "$T_TMP/err" "chmod 600"
clean "config refusal" "$T_TMP/err"
chmod 600 "$CONF"
DB="$T_TMP/db-conf"
run config 0 "$TRACER" --db "$DB" crawl btc --confirmations 0 --to 11
crawled config "$DB"
export TRACER_CONFIG="$T_TMP/no-config"

# 4. a .cookie holds the password raw (Bitcoin Core's user __cookie__)
printf '__cookie__:%s\n' "$PASS" >"$T_TMP/cookie"
chmod 600 "$T_TMP/cookie"
HOSTILE_AUTH="__cookie__:$PASS"
start btc
DB="$T_TMP/db-cookie"
run cookie 0 "$TRACER" --db "$DB" crawl btc --rpc-cookie "$T_TMP/cookie" \
	--rpc "http://127.0.0.1:$PORT/v3/$KEY?apikey=$QKEY" \
	--confirmations 0 --to 11
crawled cookie "$DB"
run "cookie and a password" 1 "$TRACER" --db "$T_TMP/db-c2" crawl btc \
	--rpc-cookie "$T_TMP/cookie" --rpc "http://u:other@127.0.0.1:$PORT" \
	--confirmations 0
contains "cookie and a password says" "$T_TMP/err" "give them once"
mkdir -p "$T_TMP/datadir/regtest"
cp "$T_TMP/cookie" "$T_TMP/datadir/regtest/.cookie"
DB="$T_TMP/db-datadir"
run datadir 0 "$TRACER" --db "$DB" crawl btc --datadir "$T_TMP/datadir" \
	--network regtest --rpc "http://127.0.0.1:$PORT/v3/$KEY?apikey=$QKEY" \
	--confirmations 0 --to 11
crawled datadir "$DB"
run "no cookie there" 1 "$TRACER" --db "$T_TMP/db-d2" crawl btc \
	--datadir "$T_TMP/nowhere" --rpc "http://127.0.0.1:$PORT" \
	--confirmations 0
contains "no cookie names the file" "$T_TMP/err" "$T_TMP/nowhere/.cookie"

# 5. unencoded, the password cannot be told from the host: refused, and
# nothing of it shown
for u in "http://al:p/a#s?s@w0rd-Zq@127.0.0.1:$PORT" \
	"http://al:p@a@w0rd-Zq@127.0.0.1:$PORT" \
	"http://al:12/34w0rd-Zq@127.0.0.1:$PORT"; do
	run "unencoded refused" 1 "$TRACER" --db "$T_TMP/db-bad" crawl btc \
		--rpc "$u" --confirmations 0
	contains "unencoded says how" "$T_TMP/err" "percent-encode"
	clean "unencoded shows nothing" "$T_TMP/out" "$T_TMP/err"
done

# 6. Esplora, keys in path and query; a failure names the path, not keys
HOSTILE_AUTH=""
start esplora
BASE="127.0.0.1:$PORT/v3/$KEY?apikey=$QKEY"
DB="$T_TMP/db-esplora"
run esplora 0 "$TRACER" --db "$DB" crawl btc --network regtest \
	--esplora "http://$BASE" --confirmations 0 --to 11
crawled esplora "$DB"
run "esplora failure" 1 "$TRACER" --db "$DB" crawl btc --network regtest \
	--esplora "http://127.0.0.1:$PORT/v3/$KEY?apikey=wrong-key-value" \
	--confirmations 0 --retries 0
contains "esplora failure names the path" "$T_TMP/err" \
	"http://127.0.0.1:$PORT/v3/***/blocks/tip/height?apikey=***: HTTP status 403"
clean "esplora failure shows no key" "$T_TMP/err"
finish
