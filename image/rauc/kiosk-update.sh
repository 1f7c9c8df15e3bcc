#!/usr/bin/env bash
# kiosk-update@DEVICE.service: installs the update bundle on an update
# stick, a USB stick (or any block device) whose file system is labelled
# KIOSKUPDATE with one signed bundle, kiosk-VERSION.raucb, at its top
# (image/build-bundle.sh; README.md, "Updates"). udev starts it when such a
# stick appears (image/rootfs/etc/udev/rules.d/72-kiosk-update.rules).
#
#   kiosk-update.sh /dev/DEVICE
#
# The stick is mounted read-only (nothing on it runs); RAUC checks the
# bundle's signature against the image's keyring and writes it into the
# slot the box is not running from, which becomes primary on trial
# (image/rauc/systemd-boot-backend.sh); then the box reboots into it as
# soon as nobody is ordering (kiosk-reboot-when-idle.service, which outlives
# the stick: it may be pulled at once). A
# bundle that is refused (signature, compatibility, a damaged file) changes
# nothing: the box keeps selling on its slot. A bundle whose version is the
# one the box runs, or the one already waiting in the other slot, is left
# alone, so a stick left in the box does not install again at every boot,
# and so is a version the box already rolled back from.
# Every outcome is one line on the journal and the console:
#   kiosk-update: installing VERSION from DEVICE
#   kiosk-update: installed VERSION into slot A|B, rebooting when nobody is ordering
#   kiosk-update: refused FILE: RAUC's reason
#   kiosk-update: VERSION already installed (slot X), nothing to do
# KIOSK_UPDATE_RUN moves the mount points' folder /run/kiosk-update (tests).
set -euo pipefail
device=${1:?usage: kiosk-update.sh /dev/DEVICE}
mnt=${KIOSK_UPDATE_RUN:-/run/kiosk-update}/$(basename "$device")

say() { echo "kiosk-update: $*"; }

mkdir -p "$mnt"
mount -o ro,nosuid,nodev,noexec "$device" "$mnt"
trap 'umount "$mnt" 2>/dev/null; rmdir "$mnt" 2>/dev/null || true' EXIT

bundles=("$mnt"/*.raucb)
if [ ! -f "${bundles[0]}" ] || [ "${#bundles[@]}" -ne 1 ]; then
    say "refused $device: it must hold exactly one .raucb bundle at its top"
    exit 1
fi
bundle=${bundles[0]}

# RAUC's shell output, NAME='value' lines: the value of NAME in TEXT.
field() { # TEXT NAME
    sed -n "s/^$2=//p" <<<"$1" | head -n 1 | sed "s/^'\(.*\)'\$/\1/"
}

# The bundle's version, read only once its signature is checked.
if ! info=$(rauc info --output-format=shell "$bundle" 2>&1); then
    say "refused $(basename "$bundle"): $(tail -n 1 <<<"$info")"
    exit 1
fi
version=$(field "$info" RAUC_MF_VERSION)

# RAUC 1.8's status numbers the slots 1, 2... (RAUC_SLOTS) in the order
# RAUC_SYSTEM_SLOTS names them.
slot_number() { # STATUS SLOT_NAME: the slot's number in STATUS
    local names i
    read -r -a names <<<"$(field "$1" RAUC_SYSTEM_SLOTS)"
    for i in "${!names[@]}"; do
        if [ "${names[$i]}" = "$2" ]; then echo $((i + 1)); fi
    done
}

# What the slots hold: the booted one, and the one waiting for its trial.
status=$(rauc status --detailed --output-format=shell)
booted=$(field "$status" RAUC_SYSTEM_BOOTED_BOOTNAME)
primary=$(slot_number "$status" "$(field "$status" RAUC_BOOT_PRIMARY)")
for n in $(field "$status" RAUC_SLOTS); do
    [ "$(field "$status" "RAUC_SLOT_STATUS_BUNDLE_VERSION_$n")" = "$version" ] || continue
    bootname=$(field "$status" "RAUC_SLOT_BOOTNAME_$n")
    if [ "$bootname" = "$booted" ] || [ "$n" = "$primary" ]; then
        say "$version already installed (slot $bootname), nothing to do"
        exit 0
    fi
    if [ "$(field "$status" "RAUC_SLOT_BOOT_STATUS_$n")" = bad ]; then
        say "refused $(basename "$bundle"): $version did not start on this box (slot $bootname rolled back)"
        exit 1
    fi
done

say "installing $version from $device"
if ! out=$(rauc install "$bundle" 2>&1); then
    # RAUC's reason is its LastError line; its last line only says that it failed.
    reason=$(sed -n 's/^LastError: //p' <<<"$out" | tail -n 1)
    say "refused $(basename "$bundle"): ${reason:-$(tail -n 1 <<<"$out")}"
    exit 1
fi
status=$(rauc status --output-format=shell)
slot=$(field "$status" "RAUC_SLOT_BOOTNAME_$(slot_number "$status" "$(field "$status" RAUC_BOOT_PRIMARY)")")
say "installed $version into slot $slot, rebooting when nobody is ordering"
umount "$mnt"
systemctl start --no-block kiosk-reboot-when-idle.service
