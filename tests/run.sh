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
# LD_PRELOAD libraries (built without sanitizers: see the Makefile)
export PRELOAD="$PWD/build/rel/preload"
LOG=build/test-logs
mkdir -p "$LOG"
passed=0 failed=0 skipped=0 broken=""

tally() { # name logfile status seconds
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
	echo "$line (${4:-?} s)"
}

# Suites run side by side, TEST_JOBS at a time (default: the number of
# cores, at most 4); each writes its own log, exit status and seconds,
# and the results are tallied in the fixed order below, so the output
# does not depend on which finished first. The npm installs run first,
# alone (two suites must not install into one folder at once).
: "${TEST_JOBS:=$(nproc 2>/dev/null || echo 1)}"
[ "$TEST_JOBS" -gt 4 ] && TEST_JOBS=4
[ "$TEST_JOBS" -lt 1 ] && TEST_JOBS=1

# one program per tests/unit/test_*.c: a missing one is a failure, not
# a suite quietly left out
suites=""
for src in tests/unit/test_*.c; do
	n=$(basename "$src" .c)
	if [ ! -x "$SAN_BIN/tests/$n" ]; then
		failed=$((failed + 1))
		broken="$broken $n"
		echo "FAIL $n: $SAN_BIN/tests/$n is not built"
		continue
	fi
	suites="$suites unit:$n"
done
for t in tests/check_layers.sh tests/cli/*.sh tests/integration/*.sh \
	tests/fuzz/check.sh; do
	[ -f "$t" ] && suites="$suites sh:$t"
done

# run_suite KIND:WHAT: writes $LOG/NAME.log, .rc and .sec
run_suite() {
	case $1 in
	unit:*) n=${1#unit:} l="$LOG/unit-$n.log" ;;
	sh:*) n=$(basename "${1#sh:}" .sh) l="$LOG/$n.log" ;;
	esac
	s0=$(date +%s)
	case $1 in
	unit:*) "$SAN_BIN/tests/$n" >"$l" 2>&1 ;;
	sh:*) sh "${1#sh:}" >"$l" 2>&1 ;;
	esac
	echo $? >"$l.rc"
	echo $(($(date +%s) - s0)) >"$l.sec"
}

# the slowest first, so that the last ones to start are short
slow="sh:tests/cli/test_crawl_stall.sh sh:tests/fuzz/check.sh
	unit:test_allocfail sh:tests/cli/test_crawl_parallel.sh"
order=""
for x in $slow; do
	case " $suites " in *" $x "*) order="$order $x" ;; esac
done
for x in $suites; do
	case " $slow " in *" $x "*) ;; *) order="$order $x" ;; esac
done

run_suite sh:tests/npm_install.sh
grep -E '^(FAIL|SKIP)' "$LOG/npm_install.log"
tally npm_install "$LOG/npm_install.log" "$(cat "$LOG/npm_install.log.rc")" \
	"$(cat "$LOG/npm_install.log.sec")"

# a pipe holds one token per free slot
sem="$LOG/.slots.$$"
rm -f "$sem"
mkfifo "$sem"
exec 3<>"$sem"
rm -f "$sem"
i=0
while [ $i -lt "$TEST_JOBS" ]; do echo >&3; i=$((i + 1)); done
for x in $order; do
	read -r _ <&3
	(
		run_suite "$x"
		echo >&3
	) &
done
wait
exec 3>&-

for x in $suites; do
	case $x in
	unit:*) n=${x#unit:} l="$LOG/unit-$n.log"
		grep -E "^(FAIL|    )" "$l" ;;
	sh:*) n=$(basename "${x#sh:}" .sh) l="$LOG/$n.log"
		grep -E '^(FAIL|SKIP)' "$l" ;;
	esac
	tally "$n" "$l" "$(cat "$l.rc" 2>/dev/null || echo 1)" \
		"$(cat "$l.sec" 2>/dev/null)"
done

[ -n "$broken" ] && echo "broken:$broken"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
