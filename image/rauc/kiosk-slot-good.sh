#!/usr/bin/env bash
# kiosk-slot-good.service: the booted root slot is marked good for RAUC only
# once the kiosk is active, which for its Type=notify unit means it said
# READY: its database opened and checked, its first frame on the screen.
# A slot still on trial (image/rauc/systemd-boot-backend.sh on-trial) whose
# kiosk is not ready within KIOSK_READY_DEADLINE_S (default 600) seconds is
# rebooted: systemd-boot counts the try, and when none is left boots the
# other slot. A good slot is never rebooted from here.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deadline_s=${KIOSK_READY_DEADLINE_S:-600}
slot=$(sed -n 's/.*\brauc\.slot=\([AB]\)\b.*/\1/p' /proc/cmdline)
[ -n "$slot" ] || { echo "kiosk-slot-good: no rauc.slot=A|B on the kernel command line" >&2; exit 1; }

until systemctl is-active --quiet kiosk.service; do
    if [ "$SECONDS" -ge "$deadline_s" ]; then
        if bash "$here/systemd-boot-backend.sh" on-trial "$slot"; then
            echo "kiosk-slot-good: slot $slot on trial and its kiosk not ready after ${deadline_s} s: rebooting" >&2
            systemctl reboot
        else
            echo "kiosk-slot-good: the kiosk is not ready after ${deadline_s} s (slot $slot, good)" >&2
        fi
        exit 1
    fi
    sleep 2
done
rauc status mark-good booted
echo "kiosk-slot-good: slot $slot marked good"
