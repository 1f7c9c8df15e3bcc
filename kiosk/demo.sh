#!/usr/bin/env bash
# The demo, from a fresh Debian 12 machine: installs what is missing, builds
# an optimised kiosk into build/release and runs it with the demo menu,
# simulated devices and a throw-away SQLite database under build/demo.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/image/install-packages.sh" build run
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build/release" -j "$(nproc)"
mkdir -p "$root/build/demo"
exec "$root/build/release/kiosk/programs/kiosk" --demo \
     --assets "$root/assets" --menu "$root/assets/menus/restaurant.json" \
     --db "$root/build/demo/kiosk.db" "$@"
