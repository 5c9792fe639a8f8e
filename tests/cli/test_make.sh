#!/bin/sh
# The Makefile: every target that compiles runs deps first, so that
# 'make -jN' on a fresh machine never compiles before the headers are
# installed (all: deps bin/tracer raced); make style covers tracer/*/.
. tests/lib.sh
SRC=${TRACER_SRC:-.}

# NAME TARGET : in a dry run, deps.sh comes before the first compile
deps_first() {
	make -C "$SRC" -n -B -j4 --no-print-directory "$2" \
		>"$T_TMP/$1.log" 2>&1
	d=$(grep -n 'tests/deps.sh' "$T_TMP/$1.log" | head -n 1 | cut -d: -f1)
	c=$(grep -nE '(^| )(cc|gcc|clang) .* -c ' "$T_TMP/$1.log" |
		head -n 1 | cut -d: -f1)
	if [ -n "$d" ] && [ -n "$c" ] && [ "$d" -lt "$c" ]; then
		pass "$1"
	else
		fail "$1" "deps at line '${d:-none}', first compile at '${c:-none}'"
	fi
}
deps_first all_deps_first all
deps_first demo_deps_first demo
deps_first bench_deps_first bench
# the recipe, not a prerequisite list, orders them
make -C "$SRC" -p -n --no-print-directory all 2>/dev/null |
	grep -E '^(all|demo|bench):' >"$T_TMP/rules"
lacks all_no_race "$T_TMP/rules" "all: deps bin/tracer"
lacks demo_no_race "$T_TMP/rules" "demo: deps bin/tracer"
make -C "$SRC" -n --no-print-directory style >"$T_TMP/style" 2>&1
contains style_tracer_cli "$T_TMP/style" "tracer/cli/main.c"
contains style_tracer_case "$T_TMP/style" "tracer/case/case.h"
contains style_base "$T_TMP/style" "base/date.c"
finish
