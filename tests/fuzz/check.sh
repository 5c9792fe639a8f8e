#!/bin/sh
# make check's short fuzz pass: every harness for FUZZ_CHECK_SECONDS, then
# every file of its seed corpus once (those are the regression cases).
: "${FUZZ_CHECK_SECONDS:=3}"
FUZZ_SECONDS=$FUZZ_CHECK_SECONDS sh tests/fuzz/run.sh
