#!/usr/bin/env bash
# The hook inside every update bundle (image/build-bundle.sh), run by RAUC on
# the box: once a root slot is written (slot-post-install, the new file
# system mounted at RAUC_SLOT_MOUNT_POINT), its kernel and initramfs go to
# the boot partition as vmlinuz-a/initrd-a or vmlinuz-b/initrd-b, the names
# its loader entry boots (image/rauc/systemd-boot-backend.sh): each written
# beside, fsynced and renamed over the old one.
set -euo pipefail
[ "${1:-}" = slot-post-install ] || exit 0
[ "$RAUC_SLOT_CLASS" = rootfs ] || exit 0
esp=${KIOSK_ESP:-/boot/efi}
letter=$(tr A-Z a-z <<<"$RAUC_SLOT_BOOTNAME")
copy() { # SOURCE_GLOB_MATCH NAME
    [ -f "$1" ] || { echo "bundle-hook: no $1 in the new root" >&2; exit 1; }
    cp "$1" "$esp/.$2.tmp"
    sync "$esp/.$2.tmp"
    mv -f "$esp/.$2.tmp" "$esp/$2"
}
kernels=("$RAUC_SLOT_MOUNT_POINT"/boot/vmlinuz-*)
initrds=("$RAUC_SLOT_MOUNT_POINT"/boot/initrd.img-*)
copy "${kernels[0]}" "vmlinuz-$letter"
copy "${initrds[0]}" "initrd-$letter"
sync "$esp"
