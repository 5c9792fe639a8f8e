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

# base/banned.h, included in every file by the Makefile: a banned
# function does not compile, its safe replacement does
grep -q -- '-include base/banned.h' "$SRC/Makefile" && pass banned_in_flags ||
	fail banned_in_flags "BASE_CFLAGS does not include base/banned.h"
for fn in 'strcpy(d, s)' 'strcat(d, s)' 'sprintf(d, "%s", s)' 'atoi(s)' \
	'strncpy(d, s, 4)'; do
	printf '#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\nint f(char *d, const char *s);\nint f(char *d, const char *s) { return (int)(size_t)%s; }\n' \
		"$fn" >"$T_TMP/b.c"
	if ${CC:-cc} -std=c99 -Wall -Werror -I"$SRC" -include base/banned.h \
		-c "$T_TMP/b.c" -o "$T_TMP/b.o" 2>"$T_TMP/b.err"; then
		fail "banned $fn" "compiled"
	else
		contains "banned $fn" "$T_TMP/b.err" "banned: use"
	fi
done
printf '#include <stdio.h>\nint f(char *d, const char *s);\nint f(char *d, const char *s) { return snprintf(d, 4, "%%s", s); }\n' \
	>"$T_TMP/ok.c"
${CC:-cc} -std=c99 -Wall -Werror -I"$SRC" -include base/banned.h -c \
	"$T_TMP/ok.c" -o "$T_TMP/ok.o" && pass banned_snprintf_ok ||
	fail banned_snprintf_ok "snprintf does not compile"
# make install: the binary, the man page and every doc, under DESTDIR
if [ -x "$SRC/bin/tracer" ]; then
	make -C "$SRC" --no-print-directory -o bin/tracer install \
		DESTDIR="$T_TMP/dest" PREFIX=/usr >"$T_TMP/install.log" 2>&1 &&
		pass install || fail install "$(tail -n 5 "$T_TMP/install.log")"
	[ -x "$T_TMP/dest/usr/bin/tracer" ] && pass install_bin ||
		fail install_bin "no usr/bin/tracer"
	[ -f "$T_TMP/dest/usr/share/man/man1/tracer.1" ] && pass install_man ||
		fail install_man "no man page"
	missing=""
	for d in "$SRC"/docs/*.md "$SRC/README.md"; do
		[ -f "$T_TMP/dest/usr/share/doc/tracer/$(basename "$d")" ] ||
			missing="$missing $(basename "$d")"
	done
	[ -z "$missing" ] && pass install_docs ||
		fail install_docs "not installed:$missing"
else
	fail install "bin/tracer is not built"
fi
finish
