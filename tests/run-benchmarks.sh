#!/usr/bin/env bash
# Builds an optimised tree (build/release, no sanitizers) and runs every
# benchmark, which print their figures (median, p99, memory). Benchmarks never
# fail on time; a non-zero exit means a benchmark could not run at all.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/image/install-packages.sh" build run test
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build/release" -j "$(nproc)"
export KIOSK_SOURCE_DIR="$root"
export KIOSK_TEST_TMPDIR="$root/build/release/bench-tmp"
mkdir -p "$KIOSK_TEST_TMPDIR"
for bench in "$root"/build/release/tests/bench_*; do
    [ -x "$bench" ] || continue
    echo "== $(basename "$bench")"
    "$bench"
done
