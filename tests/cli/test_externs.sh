#!/bin/sh
# No dead externs in base/ and tracer/: every function a header there
# declares and its .c defines is called from another file (a test counts).
# x_init of an X_INIT type is kept as the lifecycle convention wants.
. tests/lib.sh
SRC=${TRACER_SRC:-.}
cd "$SRC" || exit 1
KEEP="intern_init"
dead=""
for h in base/*.h tracer/*/*.h; do
	c=${h%.h}.c
	[ -f "$c" ] || continue
	for f in $(grep -hoE '\b[a-z_][a-z0-9_]*\(' "$h" | tr -d '(' | sort -u); do
		grep -qE "^[a-z].*\b$f\(" "$c" || continue
		case " $KEEP " in *" $f "*) continue ;; esac
		n=$(grep -rlw "$f" --include=*.c base store chains graph tracer \
			tests | grep -v "^$c\$" | wc -l)
		[ "$n" -eq 0 ] && dead="$dead $h:$f"
	done
done
equal no_dead_externs "$dead" ""
finish
