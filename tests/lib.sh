# tests/lib.sh - helpers for the shell tests (sourced).
#
# Each test script sources this, calls the check functions, and ends with
# `finish`, which prints "<name>: N passed, N failed, N skipped".
# TRACER is the binary under test (the sanitized build in make check).

: "${TRACER:=./bin/tracer}"
T_PASS=0
T_FAIL=0
T_SKIP=0
T_NAME=$(basename "$0" .sh)
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tracer-$T_NAME-XXXXXX")
trap 't_cleanup' EXIT
t_cleanup() {
	[ -n "${T_CLEANUP_HOOK:-}" ] && eval "$T_CLEANUP_HOOK"
	rm -rf "$T_TMP"
}
SHARED_DATA=${TRACER_SHARED_DATA:-../shared/data}

pass() { T_PASS=$((T_PASS + 1)); echo "ok   $T_NAME/$1"; }
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL $T_NAME/$1${2:+: $2}"; }
skip() { T_SKIP=$((T_SKIP + 1)); echo "SKIP $T_NAME/$1: $2"; }

# run NAME EXPECTED_EXIT CMD... : runs CMD, stdout to $T_TMP/out,
# stderr to $T_TMP/err, and checks the exit status.
run() {
	_name=$1 _want=$2
	shift 2
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	_got=$?
	if [ "$_got" -eq "$_want" ]; then
		pass "$_name"
	else
		fail "$_name" "exit $_got, expected $_want; stderr: $(head -c 600 "$T_TMP/err")"
	fi
}

# contains NAME FILE TEXT : FILE has TEXT (fixed string).
contains() {
	if grep -qF -- "$3" "$2"; then pass "$1"; else
		fail "$1" "'$3' not in $2: $(head -c 400 "$2")"
	fi
}

# lacks NAME FILE TEXT : FILE does not have TEXT.
lacks() {
	if grep -qF -- "$3" "$2"; then
		fail "$1" "'$3' found in $2"
	else pass "$1"; fi
}

# equal NAME GOT WANT
equal() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1" "got '$2', expected '$3'"
	fi
}

# jget FILE EXPR : prints a value from a JSON file (python3 expression on
# `d`, the parsed document).
jget() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# serve_start DB CASE [serve options]: `tracer serve` in the background
# on a free port (SERVE_PID; the caller kills it), its output in
# $T_TMP/serve.out and serve.err; waits for the URL, the first line of
# stdout (a hang guard of 120 s, not a measure), and sets URL, TOKEN, HP
# (host:port) and BASE (http://HP).
serve_start() {
	_sdb=$1 _scase=$2
	shift 2
	# emptied first: the loop below must not read the last server's URL
	: >"$T_TMP/serve.out"
	: >"$T_TMP/serve.err"
	"$TRACER" --db "$_sdb" serve --case "$_scase" "$@" \
		>"$T_TMP/serve.out" 2>"$T_TMP/serve.err" &
	SERVE_PID=$!
	_si=0
	while [ $_si -lt 1200 ] && ! grep -q '^http://' "$T_TMP/serve.out"; do
		kill -0 "$SERVE_PID" 2>/dev/null || break
		sleep 0.1
		_si=$((_si + 1))
	done
	URL=$(head -n 1 "$T_TMP/serve.out")
	TOKEN=${URL#*token=}
	HP=${URL#http://}
	HP=${HP%%/*}
	BASE="http://$HP"
}

finish() {
	echo "$T_NAME: $T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	[ "$T_FAIL" -eq 0 ]
}
