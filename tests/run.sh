#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, builds into build/test with ASan+UBSan and -Werror, runs ctest.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -R unit).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/image/install-packages.sh" build run test
jobs=$(nproc)
cmake -S "$root" -B "$root/build/test" -DCMAKE_BUILD_TYPE=Debug \
      -DKIOSK_SANITIZE=ON -DKIOSK_WERROR=ON >/dev/null
cmake --build "$root/build/test" -j "$jobs"
# The optimiser sees warnings the Debug build does not (e.g. maybe-uninitialized):
# the Release tree the demo uses must build cleanly too.
cmake -S "$root" -B "$root/build/test-release" -DCMAKE_BUILD_TYPE=Release -DKIOSK_WERROR=ON >/dev/null
cmake --build "$root/build/test-release" -j "$jobs"
# The fuzz targets must keep building as libFuzzer binaries (clang).
cmake -S "$root" -B "$root/build/test-fuzz" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
      -DKIOSK_FUZZ=ON -DKIOSK_WERROR=ON >/dev/null
cmake --build "$root/build/test-fuzz" -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$root/build/test" --output-on-failure -j "$jobs" "$@"
