#!/usr/bin/env bash
# Checks bench_first_frame's answers on paint_steps (tests/bench/paint_steps.c), whose
# screen changes at known moments 1000 ms apart (the first 1000 ms after it starts, longer
# than the quiet time of the looping run): visually complete at least 500 ms after
# the first paint, the left tap answered and complete at least 500 ms after its response,
# the right tap counted as "no response", memory read after the taps; and a program that
# never stops changing reported as not settled, its taps not sent, without hanging. The
# bounds are from below only: load makes the gaps longer; the 500 ms of slack is for the
# bench's own delay in taking a damage off its connection.
# Usage: first_frame_steps.sh BENCH_FIRST_FRAME PAINT_STEPS
set -euo pipefail
bench=$1 steps=$2
fail() { echo "first_frame_steps: $*" >&2; exit 1; }
# The value of key in a summary line.
value() { grep -oE "(^| )$1=[^ ]+" <<<"$2" | cut -d= -f2; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }

out=$("$bench" --runs 1 --quiet 3000 --timeout 120000 --tap 100,100 --tap 900,100 -- "$steps")
echo "$out"
s=$(grep '^summary ' <<<"$out") || fail "no summary line"
for expect in drew=1 settled=1 tap_sent=2 tap_responses=1 tap_no_response=1 tap_not_settled=0; do
    [[ $(value "${expect%=*}" "$s") == "${expect#*=}" ]] || fail "expected $expect"
done
gap=$(awk -v a="$(value complete_ms_median "$s")" -v b="$(value first_paint_ms_median "$s")" \
      'BEGIN { print a - b }')
at_least "$gap" 500 || fail "visually complete only $gap ms after the first paint"
gap=$(awk -v a="$(value tap_complete_ms_median "$s")" -v b="$(value tap_response_ms_median "$s")" \
      'BEGIN { print a - b }')
at_least "$gap" 500 || fail "the tap complete only $gap ms after its response"
at_least "$(value rss_taps_mib_median "$s")" 0.1 || fail "no memory after the taps"

out=$("$bench" --runs 1 --quiet 500 --timeout 3000 --tap 100,100 -- "$steps" loop)
echo "$out"
s=$(grep '^summary ' <<<"$out") || fail "no summary line (loop)"
for expect in drew=1 settled=0 tap_sent=0 complete_ms_median=na; do
    [[ $(value "${expect%=*}" "$s") == "${expect#*=}" ]] || fail "loop: expected $expect"
done
echo "first_frame_steps: as expected"
