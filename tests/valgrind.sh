#!/bin/sh
# tests/valgrind.sh - `make check-valgrind`: every unit test program of
# $VG_BIN/tests (an unsanitized build) under valgrind's memcheck. A test
# fails when its own checks fail, when memcheck reports an error (invalid
# read or write, use of uninitialised memory, bad free) or a definite
# leak. Logs go to build/test-logs/valgrind-<test>.log.
# Prints "valgrind: N passed, N failed" and exits non-zero on a failure.
VG_BIN=${VG_BIN:-build/vg}
export TRACER_SRC="$PWD"
LOG=build/test-logs
mkdir -p "$LOG"
passed=0 failed=0
for src in tests/unit/test_*.c; do
	n=$(basename "$src" .c)
	t="$VG_BIN/tests/$n"
	log="$LOG/valgrind-$n.log"
	if [ ! -x "$t" ]; then
		failed=$((failed + 1))
		echo "FAIL $n: $t is not built"
		continue
	fi
	valgrind -q --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite --errors-for-leak-kinds=definite \
		--track-origins=yes "$t" >"$log" 2>&1
	st=$?
	summary=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed' \
		"$log" | tail -n 1)
	if [ "$st" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok   $n: $summary"
	else
		failed=$((failed + 1))
		echo "FAIL $n: exit $st ($summary), see $log"
		grep -E '^==[0-9]+== (Invalid|Conditional|Use of|[0-9,]+ bytes|Mismatched|Source and)' \
			"$log" | head -5
	fi
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
