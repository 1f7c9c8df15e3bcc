#!/usr/bin/env bash
# The demo, from a fresh Debian 12 machine: installs what is missing, builds
# the programs it runs (optimised, into build/release) and opens, side by
# side on the screen:
#   - the kiosk in a window (portrait, 45 % of 1080 x 1920) with the demo
#     menu, a simulated card terminal, the real print worker on a simulated
#     ESC/POS printer, and a throw-away SQLite database under build/demo;
#   - the kitchen display, which receives every paid order over loopback HTTP,
#     and the counter screen (orders to pay there, the hand-over);
#   - the chain backend (kiosk-backend, SQLite in build/demo/backend.db), which
#     receives the same orders, serves the kiosk's menu and e-receipts, and its
#     manager's web app in a browser window (Chromium): sign in as the demo's
#     head-office person, name "manager", password "demo-manager-pass".
# The configurations are assets/demo/*.ini. Staff mode: hold the store name
# in the top corner of the attract screen for 3 s (or tap it 5 times), PIN
# 1234. Paid orders get signed ZATCA phase 2 e-invoices with a demo stamp made
# here (a secp256k1 key and a self-signed certificate, as a real device gets
# from ZATCA's onboarding), so the receipts carry the phase 2 QR.
#
# Without a display (no $DISPLAY or $WAYLAND_DISPLAY), or with
# --headless-demo, it places a few demo orders headlessly and prints them.
# With --check it opens everything, checks that every window is up and the
# backend answers, writes a screenshot to build/demo/demo.png and closes.
# Extra arguments go to the kiosk (see --help).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/image/install-packages.sh" build run demo
# KIOSK_DEMO_BUILD: the build folder (default build/release; the test suite
# gives its own Release tree).
build=${KIOSK_DEMO_BUILD:-$root/build/release}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target kiosk kitchen-display kiosk-backend
mkdir -p "$root/build/demo"
bin="$build/kiosk/programs"
check=false
args=()
for a in "$@"; do
    if [ "$a" = --check ]; then check=true; else args+=("$a"); fi
done
set -- "${args[@]}"
# A checkout's programs default to its assets/ and to build/demo/ for their
# databases (kiosk/common/dirs.h), so `kiosk --summary today` finds the demo's orders.
kiosk=("$bin/kiosk")
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]] || [[ " $* " == *" --headless-demo "* ]]; then
    echo "demo.sh: no display: running the headless demo instead" >&2
    exec "${kiosk[@]}" --headless-demo "$@"
fi
# The demo's e-invoicing stamp, made once; the demo configuration points at it.
stamp="$root/build/demo/zatca"
if [[ ! -s "$stamp/cert.pem" ]]; then
    mkdir -p "$stamp"
    (umask 077 && openssl ecparam -name secp256k1 -genkey -noout -out "$stamp/key.pem")
    openssl req -new -x509 -key "$stamp/key.pem" -days 3650 -out "$stamp/cert.pem" \
        -subj "/C=SA/OU=Demo/O=Olaya Burger/CN=demo-riyadh-01-kiosk-01" 2>/dev/null
fi
# The configurations hold the demo's tokens and PIN: the programs refuse them
# where other users can read them, so the demo's copies are private.
umask 077
config="$root/build/demo/kiosk.ini"
{ cat "$root/assets/demo/kiosk.ini"
  printf '\n[zatca]\ncertificate = zatca/cert.pem\nprivate_key = zatca/key.pem\n'; } > "$config"
kitchen_config="$root/build/demo/kitchen.ini"
cat "$root/assets/demo/kitchen.ini" > "$kitchen_config"
backend_config="$root/build/demo/backend.ini"
{ cat "$root/assets/demo/backend.ini"
  printf '\n[backend]\nassets = %s/assets\n\n[menus]\ndemo-riyadh-01 = %s/assets/menus/restaurant.json\n' \
      "$root" "$root"; } > "$backend_config"
chmod 600 "$config" "$kitchen_config" "$backend_config" # copies an earlier demo left readable
manager_url="http://127.0.0.1:8091/"
# The demo's head-office person, in the demo's database (kept from an earlier demo).
demo_person=manager demo_password=demo-manager-pass
if ! added=$(printf '%s\n' "$demo_password" | "$bin/kiosk-backend" --config "$backend_config" \
                 --add-person "$demo_person" --role head-office 2>&1) &&
   [[ "$added" != *"name is taken"* ]]; then
    echo "demo.sh: $added" >&2
    exit 1
fi
sign_in="sign in as $demo_person, password $demo_password"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$bin/kiosk-backend" --config "$backend_config" &
pids+=($!)
"$bin/kitchen-display" --windowed --config "$kitchen_config" &
kitchen=$!
# The counter: orders to pay there (Cash, Card, Cancel) and the hand-over, on the same database.
"$bin/kitchen-display" --windowed --config "$kitchen_config" --listen "" \
    --mode counter --lang en &
counter=$!
pids+=("$kitchen" "$counter")

# The windows side by side on an X11 screen (under Wayland the compositor places them):
# the kiosk at the left, the kitchen display over the counter, the manager page at the right.
read -r screen_w screen_h < <(xdotool getdisplaygeometry 2>/dev/null || echo "1920 1080")
browser_x=$((486 + 10 + 960 + 10))
place() { # PID X Y: moves the program's window there once it is shown
    [ -n "${DISPLAY:-}" ] || return 0
    local win
    win=$(timeout 120 xdotool search --sync --onlyvisible --pid "$1" 2>/dev/null | head -n 1) || return 1
    xdotool windowmove "$win" "$2" "$3"
}
browser=$(command -v chromium || true)
browser_pid=""
if [ -n "$browser" ]; then
    sandbox=()
    # Chromium refuses root without --no-sandbox, and then shows a bar
    # warning of that flag across the page unless told it is a test.
    [ "$(id -u)" -ne 0 ] || sandbox=(--no-sandbox --test-type)
    "$browser" "${sandbox[@]}" --user-data-dir="$root/build/demo/chromium" --no-first-run \
        --no-default-browser-check --window-position="$browser_x,0" \
        --window-size="$((screen_w > browser_x + 400 ? screen_w - browser_x : 640)),$screen_h" \
        --app="$manager_url" >/dev/null 2>&1 &
    browser_pid=$!
    pids+=("$browser_pid")
fi
echo "demo.sh: the manager's web app is at $manager_url: $sign_in" >&2

"${kiosk[@]}" --config "$config" --windowed --printer sim:// "$@" &
kiosk_pid=$!
pids+=("$kiosk_pid")
placing=()
place "$kiosk_pid" 0 0 & placing+=($!)
place "$kitchen" 496 0 & placing+=($!)
place "$counter" 496 580 & placing+=($!)

if ! $check; then
    wait "$kiosk_pid"
    exit
fi
# --check: every program up, its window shown, the backend answering; a screenshot.
for pid in "$kiosk_pid" "$kitchen" "$counter" $browser_pid; do
    timeout 120 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null ||
        { echo "demo.sh: no window of process $pid" >&2; exit 1; }
done
curl -fsS --retry 30 --retry-connrefused --retry-delay 1 "${manager_url}v1/health" >/dev/null ||
    { echo "demo.sh: the backend does not answer" >&2; exit 1; }
curl -fsS -o /dev/null -H 'Content-Type: application/json' \
     -d "{\"name\":\"$demo_person\",\"password\":\"$demo_password\"}" "${manager_url}v1/session" ||
    { echo "demo.sh: the demo's manager cannot sign in" >&2; exit 1; }
wait "${placing[@]}"
sleep 3 # the first frames drawn
import -window root "$root/build/demo/demo.png"
echo "demo.sh: kiosk, kitchen display, counter, backend${browser:+ and its manager page} up;" \
     "screenshot build/demo/demo.png"
