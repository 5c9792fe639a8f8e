#!/bin/sh
# Runs every libFuzzer harness (build/fuzz/bin/fuzz_*) for FUZZ_SECONDS
# each, starting from its seed corpus tests/fuzz/corpus/<name>/ (copied
# into a scratch corpus so that the repository is not written to).
# Crashes are written to build/fuzz/crashes/<name>/; turn each into a
# regression seed in tests/fuzz/corpus/<name>/ once fixed.
# Prints "fuzz: N passed, N failed" (a harness passes when it found nothing).
: "${FUZZ_SECONDS:=60}"
pass=0 failed=0
# one harness per tests/fuzz/fuzz_*.c: one that is not built fails
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	bin=build/fuzz/bin/$name
	if [ ! -x "$bin" ]; then
		failed=$((failed + 1))
		echo "FAIL fuzz/$name: $bin is not built (make fuzz-bins)"
		continue
	fi
	work=build/fuzz/corpus-run/$name
	crashes=build/fuzz/crashes/$name
	mkdir -p "$work" "$crashes"
	[ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/"
	log=build/fuzz/$name.log
	"$bin" "$work" -max_total_time="$FUZZ_SECONDS" -max_len=1048576 \
		-rss_limit_mb=2048 -artifact_prefix="$crashes/" \
		-print_final_stats=1 >"$log" 2>&1
	st=$?
	execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
	if [ "$st" -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok   fuzz/$name: ${execs:-?} executions in ${FUZZ_SECONDS}s"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz/$name: exit $st after ${execs:-?} executions (see $log)"
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
	fi
done
echo "fuzz: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
