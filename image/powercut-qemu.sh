#!/usr/bin/env bash
# The power-cut test of an order on the appliance in QEMU (slow):
#   bash image/powercut-qemu.sh [build/image/kiosk.img]
# The image's own kiosk program first runs the order of
# image/qemu-order.script here, headless on a virtual clock, keeping each
# screen and logging where each tap goes; then the box (image/qemu_box.py)
# is booted and the same order placed on it by touch (QMP input events on
# its virtio tablet), paid by card on its simulated terminal. The power is
# cut as the receipt starts printing; the paid order must be on the data
# partition (read from outside, the journal replayed as the box would) and
# the box must boot back to selling with the order intact
# (image/qemu-check.py, "order").
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/qemu-work.sh"
mkdir -p "$run/order"
(cd "$run/order" && SDL_VIDEODRIVER=offscreen "$root_dir/build/image/rootfs/usr/bin/kiosk" \
    --script "$here/qemu-order.script" --db "$run/order.db" >kiosk.log 2>&1) ||
    { cat "$run/order/kiosk.log" >&2; exit 1; }
python3 "$here/qemu-check.py" order "$image" "$run" "$golden" "$run/order"
