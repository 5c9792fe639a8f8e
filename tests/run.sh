#!/bin/sh
# tests/run.sh - runs every test program and script and sums their results.
#
# Unit tests: $SAN_BIN/tests/test_* (ASan+UBSan builds).
# Shell tests: tests/cli/*.sh, tests/integration/*.sh, run against the
# sanitized tracer. Each prints "<name>: N passed, N failed, N skipped" as
# its last line; this script prints the total as its last line and exits
# non-zero when anything failed.
SAN_BIN=${SAN_BIN:-build/san}
export TRACER="$PWD/$SAN_BIN/bin/tracer"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TRACER_SRC="$PWD"
export TOOLS="$PWD/$SAN_BIN/tools"
LOG=build/test-logs
mkdir -p "$LOG"
passed=0 failed=0 skipped=0 broken=""

tally() { # name logfile status
	line=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
	if [ -z "$line" ]; then
		failed=$((failed + 1))
		broken="$broken $1"
		echo "FAIL $1: exited $3 without a summary line (see $2)"
		tail -n 20 "$2"
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*failed, ([0-9]+) skipped.*/\1/p')
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		failed=$((failed + 1))
		broken="$broken $1"
		echo "FAIL $1: exited $3 (sanitizer report?) see $2"
		tail -n 30 "$2"
	fi
	echo "$line"
}

# one program per tests/unit/test_*.c: a missing one is a failure, not
# a suite quietly left out
for src in tests/unit/test_*.c; do
	n=$(basename "$src" .c)
	t="$SAN_BIN/tests/$n"
	if [ ! -x "$t" ]; then
		failed=$((failed + 1))
		broken="$broken $n"
		echo "FAIL $n: $t is not built"
		continue
	fi
	"$t" >"$LOG/unit-$n.log" 2>&1
	st=$?
	grep -E "^(FAIL|    )" "$LOG/unit-$n.log"
	tally "$n" "$LOG/unit-$n.log" "$st"
done

for t in tests/check_layers.sh tests/cli/*.sh tests/integration/*.sh \
	tests/fuzz/check.sh; do
	[ -f "$t" ] || continue
	n=$(basename "$t" .sh)
	sh "$t" >"$LOG/$n.log" 2>&1
	st=$?
	grep -E '^(FAIL|SKIP)' "$LOG/$n.log"
	tally "$n" "$LOG/$n.log" "$st"
done

[ -n "$broken" ] && echo "broken:$broken"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
