#!/bin/sh
# The command line: help, version, usage errors, exit codes, db commands.
. tests/lib.sh
DB="$T_TMP/db"

run help_exit0 0 "$TRACER" --help
contains help_lists_db "$T_TMP/out" "db "
lacks help_no_stub "$T_TMP/out" "not implemented"
run version 0 "$TRACER" --version
contains version_text "$T_TMP/out" "tracer "
run help_cmd 0 "$TRACER" help db
contains help_cmd_text "$T_TMP/out" "tracer db stats|check"
run cmd_help_flag 0 "$TRACER" db --help
contains cmd_help_flag_text "$T_TMP/out" "content digest"
# every command the list names has --help and 'help CMD', the same text
cmds=$("$TRACER" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ "$(echo "$cmds" | wc -w)" -ge 12 ] && pass help_lists_all ||
	fail help_lists_all "commands parsed from --help: $cmds"
for c in $cmds; do
	run "help_flag_$c" 0 "$TRACER" "$c" --help
	contains "help_flag_${c}_usage" "$T_TMP/out" "tracer $c"
	cp "$T_TMP/out" "$T_TMP/flag"
	run "help_of_$c" 0 "$TRACER" help "$c"
	cmp -s "$T_TMP/out" "$T_TMP/flag" && pass "help_same_$c" ||
		fail "help_same_$c" "'help $c' differs from '$c --help'"
done
run no_command 2 "$TRACER"
contains no_command_msg "$T_TMP/err" "no command given"
run unknown_command 2 "$TRACER" frobnicate
contains unknown_command_msg "$T_TMP/err" "unknown command 'frobnicate'"
run unknown_global 2 "$TRACER" --bogus db stats
contains unknown_global_msg "$T_TMP/err" "unknown option '--bogus'"

# a command that only reads refuses a missing database and creates nothing
# (a typo'd --db used to become an empty database that "passed" db check)
ro_missing() { # NAME ARGS... : runs tracer --db $T_TMP/typo ARGS
	_n=$1
	shift
	_m="no tracer database at $T_TMP/typo (set --db or TRACER_DB)"
	run "ro_$_n" 1 "$TRACER" --db "$T_TMP/typo" "$@"
	case $_n in
	*_json) _m="{\"error\":{\"code\":\"no-database\",\"message\":\"$_m\"}}" ;;
	*) _m="tracer: error: $_m" ;;
	esac
	equal "ro_${_n}_msg" "$(cat "$T_TMP/err")" "$_m"
	[ ! -e "$T_TMP/typo" ] && pass "ro_${_n}_nothing" ||
		fail "ro_${_n}_nothing" "$(ls -a "$T_TMP/typo")"
	rm -rf "$T_TMP/typo"
}
ro_missing db_stats db stats
ro_missing db_check db check
ro_missing db_check_json --json db check
ro_missing db_no_sub db
ro_missing tag_list tag list
ro_missing tag_show tag show 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2
ro_missing tag_export tag export --format csv
ro_missing tag_no_sub tag
ro_missing trace trace --chain btc --seed 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2
ro_missing report report --case "$T_TMP/none.json" --format md
ro_missing export export --case "$T_TMP/none.json" --format dot
ro_missing address address 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2
ro_missing cluster cluster 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2
# an existing directory that holds no database is no database either
mkdir "$T_TMP/empty"
run ro_empty_dir 1 "$TRACER" --db "$T_TMP/empty" db check
contains ro_empty_dir_msg "$T_TMP/err" "no tracer database at $T_TMP/empty"
equal ro_empty_dir_nothing "$(ls -A "$T_TMP/empty")" ""
# a command that writes still creates it
run tag_add_creates 0 "$TRACER" --db "$T_TMP/created" tag add --chain btc \
	1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 --entity x --category other
run created_check 0 "$TRACER" --db "$T_TMP/created" db check

"$TOOLS/db_set_version" "$DB" 3 >/dev/null 2>&1
run db_no_sub 2 "$TRACER" --db "$DB" db
run unknown_option 2 "$TRACER" --db "$DB" db stats --bogus
contains unknown_option_msg "$T_TMP/err" "unknown option '--bogus'"
contains unknown_option_usage "$T_TMP/err" "usage: tracer db"
run missing_value 2 "$TRACER" --db "$DB" db stats --db
run stats_fresh 0 "$TRACER" --db "$DB" db stats
lacks stats_quiet_by_default "$T_TMP/err" "database '"
run stats_verbose 0 "$TRACER" -v --db "$DB" db stats
contains stats_verbose_db "$T_TMP/err" "tracer: database '$DB'"
contains stats_version "$T_TMP/out" "schema version  3"
run stats_json 0 "$TRACER" --db "$DB" --json db stats
equal stats_json_version "$(jget "$T_TMP/out" 'd["schema_version"]')" 3
equal stats_json_meta "$(jget "$T_TMP/out" 'd["tables"]["meta"]')" 1
run check_empty 0 "$TRACER" --db "$DB" db check --json
equal check_bad "$(jget "$T_TMP/out" 'd["bad"]')" 0
d1=$(jget "$T_TMP/out" 'd["digest"]')
run check_again 0 "$TRACER" --db "$DB" db check --json
equal check_digest_stable "$(jget "$T_TMP/out" 'd["digest"]')" "$d1"

# a record that does not decode: db check counts it, names it, exits 1
"$TOOLS/db_put_raw" "$T_TMP/baddb" 1101aa 78 >"$T_TMP/raw.log" 2>&1 ||
	fail db_put_raw "$(cat "$T_TMP/raw.log")"
run check_bad_record 1 "$TRACER" --db "$T_TMP/baddb" db check --json
equal check_bad_count "$(jget "$T_TMP/out" 'd["bad"]')" 1
contains check_bad_first "$T_TMP/out" '"first_bad": "tx: '
run check_bad_text 1 "$TRACER" --db "$T_TMP/baddb" db check
contains check_bad_text_count "$T_TMP/out" "bad      1"
contains check_bad_msg "$T_TMP/err" "do not decode; first: tx: "

# leg entries are checked too (they once passed whatever their bytes): a
# well-formed one passes; an unknown kind, an unknown direction and a
# truncated amount do not
leg() { # position, direction (2 hex digits each) -> a leg key at height 5
	echo "17020000000000000000000000050000${1}0000000000${2}"
}
"$TOOLS/db_put_raw" "$T_TMP/legdb" "$(leg 00 01)" 0105 >"$T_TMP/raw.log" \
	2>&1 || fail db_put_raw_leg "$(cat "$T_TMP/raw.log")"
run check_leg_good 0 "$TRACER" --db "$T_TMP/legdb" db check --json
equal check_leg_good_count "$(jget "$T_TMP/out" 'd["bad"]')" 0
for bad in 01:01:6305 02:03:0105 03:01:0185; do
	pos=${bad%%:*} rest=${bad#*:}
	"$TOOLS/db_put_raw" "$T_TMP/legbad" "$(leg "$pos" "${rest%%:*}")" \
		"${rest#*:}" >"$T_TMP/raw.log" 2>&1 ||
		fail db_put_raw_leg "$(cat "$T_TMP/raw.log")"
done
run check_leg_bad 1 "$TRACER" --db "$T_TMP/legbad" db check --json
equal check_leg_bad_count "$(jget "$T_TMP/out" 'd["bad"]')" 3
contains check_leg_bad_kind "$T_TMP/out" "unknown leg kind"
contains check_leg_bad_first "$T_TMP/out" '"first_bad": "leg: leg entry: '

# the default database location (named by the refusal, created by a write)
run default_db 1 env -u TRACER_DB HOME="$T_TMP/home" XDG_DATA_HOME= \
	"$TRACER" db stats
contains default_db_path "$T_TMP/err" \
	"no tracer database at $T_TMP/home/.local/share/tracer/db"
run default_db_create 0 env -u TRACER_DB HOME="$T_TMP/home" XDG_DATA_HOME= \
	"$TRACER" tag import --builtin
[ -d "$T_TMP/home/.local/share/tracer/db" ] && pass default_db_dir ||
	fail default_db_dir "no database under HOME"
run xdg_db 1 env -u TRACER_DB HOME="$T_TMP/home2" \
	XDG_DATA_HOME="$T_TMP/xdg" "$TRACER" db stats
contains xdg_db_path "$T_TMP/err" "no tracer database at $T_TMP/xdg/tracer/db"
[ ! -d "$T_TMP/home2/.local" ] && pass xdg_db_not_home ||
	fail xdg_db_not_home "XDG_DATA_HOME ignored"
run env_db 1 env TRACER_DB="$T_TMP/envdb" "$TRACER" db stats
contains env_db_path "$T_TMP/err" "no tracer database at $T_TMP/envdb "

# a database of a newer schema version is refused, naming both versions
"$TOOLS/db_set_version" "$T_TMP/newer" 7 >/dev/null 2>&1
run newer_schema 1 "$TRACER" --db "$T_TMP/newer" db stats
contains newer_schema_msg "$T_TMP/err" "schema version 7"
contains newer_schema_ours "$T_TMP/err" "reads version 3"

# stdout closed: a write error is reported
if [ -w /dev/full ]; then
	run stdout_full 1 sh -c "\"$TRACER\" --help >/dev/full"
	contains stdout_full_msg "$T_TMP/err" "error"
else
	skip stdout_full "/dev/full is not writable here"
fi
# text from outside (here a file name) cannot send control bytes to the
# terminal: they are shown as \xNN
run ctl_bytes 1 "$TRACER" decode --chain btc "$(printf 'x\033]0;t\007\033[2J\r\nforged')"
contains ctl_bytes_shown "$T_TMP/err" '\x1b]0;t\x07\x1b[2J\x0d\x0aforged'
if [ "$(wc -l <"$T_TMP/err")" -eq 1 ] && ! grep -q "$(printf '\033')" "$T_TMP/err"
then pass ctl_bytes_one_line; else fail ctl_bytes_one_line "$(od -c "$T_TMP/err" | head -5)"; fi
# every command's --help ends with the doc that tells it at length, and
# that doc exists
for c in crawl:crawling tag:tags case:cases trace:taint report:reports \
	export:reports serve:serve address:cli cluster:cli decode:cli db:storage \
	demo:demo help:cli; do
	cmd=${c%%:*} doc=${c#*:}.md
	run "help_doc_$cmd" 0 "$TRACER" "$cmd" --help
	last=$(tail -1 "$T_TMP/out")
	if [ "$last" = "More: PREFIX/share/doc/tracer/$doc (docs/$doc in the source)" ] &&
		[ -f "$TRACER_SRC/docs/$doc" ]; then pass "help_doc_last_$cmd"
	else fail "help_doc_last_$cmd" "$last"; fi
done
finish
