#!/usr/bin/env bash
# kiosk-slot-good.service: the booted root slot is marked good for RAUC only
# once the kiosk is active, which for its Type=notify unit means it said
# READY: its database opened and checked, its first frame on the screen.
# A slot still on trial (image/rauc/systemd-boot-backend.sh on-trial) whose
# kiosk is not ready within KIOSK_READY_DEADLINE_S (default 600) seconds, or
# whose kiosk has already failed KIOSK_READY_MAX_STARTS (default 5) starts
# without ever getting there, is rebooted: systemd-boot counts the try, and
# when none is left boots the other slot. A good slot is never rebooted from
# here. KIOSK_CMDLINE moves /proc/cmdline (tests).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deadline_s=${KIOSK_READY_DEADLINE_S:-600}
max_starts=${KIOSK_READY_MAX_STARTS:-5}
slot=$(sed -n 's/.*\brauc\.slot=\([AB]\)\b.*/\1/p' "${KIOSK_CMDLINE:-/proc/cmdline}")
[ -n "$slot" ] || { echo "kiosk-slot-good: no rauc.slot=A|B on the kernel command line" >&2; exit 1; }

until systemctl is-active --quiet kiosk.service; do
    restarts=$(systemctl show -P NRestarts kiosk.service)
    why=""
    if [ "$SECONDS" -ge "$deadline_s" ]; then
        why="not ready after ${deadline_s} s"
    elif [ "${restarts:-0}" -ge "$max_starts" ]; then
        why="failed $restarts starts"
    fi
    if [ -n "$why" ]; then
        if bash "$here/systemd-boot-backend.sh" on-trial "$slot"; then
            echo "kiosk-slot-good: slot $slot on trial and its kiosk $why: rebooting" >&2
            systemctl reboot
        else
            echo "kiosk-slot-good: the kiosk $why (slot $slot, good)" >&2
        fi
        exit 1
    fi
    sleep 2
done
# RAUC answers one request at a time: an install someone started by hand
# makes it refuse for a while.
for _ in $(seq 60); do
    if rauc status mark-good booted; then
        echo "kiosk-slot-good: slot $slot marked good"
        exit 0
    fi
    sleep 5
done
echo "kiosk-slot-good: RAUC did not mark slot $slot good" >&2
exit 1
