#!/usr/bin/env bash
# Renders the screenshots shown in README.md: every screen of the demo
# menus (the restaurant's, then the self-checkout's over the supermarket's)
# in Arabic and English, headlessly (kiosk --render), at 360 x 640.
#   bash kiosk/docs/screens/render.sh [BUILD_DIR]   (default: build/release)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
kiosk="${1:-$root/build/release}/kiosk/programs/kiosk"
out="$root/kiosk/docs/screens"
export SDL_VIDEODRIVER=offscreen
for screen in attract language service menu item combo upsell cart payment-method payment \
              declined printing done idle staff-pin staff out-of-service refund refund-pick \
              refund-done; do
    for lang in ar en; do
        "$kiosk" --render "$screen" --lang "$lang" --size 360x640 --assets "$root/assets" \
                 --menu "$root/assets/menus/restaurant.json" --db kiosk.db \
                 --out "$out/$screen-$lang.png"
    done
done
for screen in lane-attract basket lookup plu weigh quantity attendant bagging; do
    for lang in ar en; do
        "$kiosk" --render "$screen" --lang "$lang" --size 360x640 --assets "$root/assets" \
                 --menu "$root/assets/menus/supermarket.json" --out "$out/$screen-$lang.png"
    done
done
