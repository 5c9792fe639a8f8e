#!/bin/sh
# make bench: builds the benchmark programs (tests/bench/bench_*.c, release
# flags) and runs each. Every figure is printed with a baseline measured in
# the same run and their ratio; nothing here is asserted.
set -e
for b in build/rel/bench/bench_*; do
	[ -x "$b" ] || continue
	"$b"
done
