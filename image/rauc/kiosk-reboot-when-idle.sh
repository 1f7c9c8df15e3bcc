#!/usr/bin/env bash
# kiosk-reboot-when-idle.service: reboots the box into the slot an update
# just installed (image/rauc/kiosk-update.sh starts it) once nobody is
# ordering, so no customer loses an order half-way through. The kiosk says
# whether anybody is in its systemd status ("idle: ..." or "ordering: ...",
# kiosk/common/service_notify.h); a kiosk that is not running has nobody
# ordering. A customer who walks away is no obstacle for long: the kiosk
# goes back to its attract screen by itself.
#   kiosk-reboot: a customer is ordering: rebooting once nobody is
#   kiosk-reboot: nobody ordering: rebooting
# KIOSK_IDLE_POLL_S is how often the status is read (5 s).
set -euo pipefail

nobody_ordering() {
    local state
    state=$(systemctl show --property=ActiveState,StatusText kiosk.service)
    grep -qx 'ActiveState=active' <<<"$state" || return 0
    grep -q '^StatusText=idle' <<<"$state"
}

if ! nobody_ordering; then
    echo "kiosk-reboot: a customer is ordering: rebooting once nobody is"
    until nobody_ordering; do sleep "${KIOSK_IDLE_POLL_S:-5}"; done
fi
echo "kiosk-reboot: nobody ordering: rebooting"
systemctl reboot
