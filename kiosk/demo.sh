#!/usr/bin/env bash
# The demo, from a fresh Debian 12 machine: installs what is missing, builds
# an optimised kiosk into build/release and opens it in a window (portrait,
# 45 % of 1080 x 1920) with the demo menu, a simulated card terminal, the
# real print worker on a simulated ESC/POS printer, and a throw-away SQLite
# database under build/demo; beside it, in a second window, the kitchen
# display receives every paid order over loopback HTTP (assets/demo/*.ini). Staff mode: hold the store name in the top
# corner of the attract screen for 3 s (or tap it 5 times), PIN 1234.
# Paid orders get signed ZATCA phase 2 e-invoices with a demo stamp made here
# (a secp256k1 key and a self-signed certificate, as a real device gets from
# ZATCA's onboarding), so the receipts carry the phase 2 QR.
#
# Without a display (no $DISPLAY or $WAYLAND_DISPLAY), or with
# --headless-demo, it places a few demo orders headlessly and prints them.
# Extra arguments go to the kiosk (see --help).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/image/install-packages.sh" build run
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build/release" -j "$(nproc)"
mkdir -p "$root/build/demo"
bin="$root/build/release/kiosk/programs"
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
chmod 600 "$config" "$kitchen_config" # copies an earlier demo left readable
"$bin/kitchen-display" --windowed --config "$kitchen_config" &
kitchen=$!
# The counter: orders to pay there (Cash, Card, Cancel) and the hand-over, on the same database.
"$bin/kitchen-display" --windowed --config "$kitchen_config" --listen "" \
    --mode counter --lang en &
counter=$!
trap 'kill "$kitchen" "$counter" 2>/dev/null || true' EXIT
"${kiosk[@]}" --config "$config" --windowed --printer sim:// "$@"
