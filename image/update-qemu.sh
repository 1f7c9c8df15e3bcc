#!/usr/bin/env bash
# The update and power-cut test of the appliance in QEMU (slow: about an
# hour emulated, minutes with KVM):
#   bash image/update-qemu.sh [build/image/kiosk.img]
# Builds four update sticks from the image's system (build/image/rootfs):
#   v2      a good bundle, version 0.2.0
#   badsig  a bundle signed by a key the box does not trust
#   broken  0.3.0, whose kiosk program cannot start
#   v4      a good bundle, 0.4.0
# then boots the image (image/qemu_box.py) and, plugging the sticks in over
# QMP as a technician would, checks (image/qemu-check.py, "update"): 0.2.0
# installs and the box boots slot B selling; the bad signature is refused
# and nothing changes; the broken 0.3.0 installs into slot A, fails both its
# tries and the box rolls back to B by itself, selling; the power cut in the
# middle of installing 0.4.0 leaves the box booting B, selling; 0.4.0 then
# installs and boots. Exits non-zero at the first step that does not happen.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/qemu-work.sh"
rootfs="$root_dir/build/image/rootfs"
# The sticks are kept in build/image/sticks until the image is built again.
sticks="$root_dir/build/image/sticks"
if [ ! -e "$sticks/done" ] || [ "$sticks/done" -ot "$image" ]; then
    rm -rf "$sticks"
    mkdir -p "$sticks"

    stick() { # NAME BUNDLE: an update stick (FAT32, labelled KIOSKUPDATE) holding BUNDLE
        local mb=$(($(du -m "$2" | cut -f1) + 64))
        mkfs.vfat -F 32 -n KIOSKUPDATE -C "$sticks/$1.img" $((mb * 1024)) >/dev/null
        mcopy -i "$sticks/$1.img" "$2" ::/
        rm -f "$2"
    }

    bash "$here/build-bundle.sh" 0.2.0 "$rootfs" "$run/kiosk-0.2.0.raucb"
    stick v2 "$run/kiosk-0.2.0.raucb"
    bash "$here/build-bundle.sh" 0.4.0 "$rootfs" "$run/kiosk-0.4.0.raucb"
    stick v4 "$run/kiosk-0.4.0.raucb"

    # The broken system: the image's, with a kiosk program that exits at once
    # (hard links: only the replaced file is new).
    cp -al "$rootfs" "$run/broken-root"
    rm "$run/broken-root/usr/bin/kiosk"
    printf '#!/bin/sh\necho "kiosk: a broken build" >&2\nexit 1\n' >"$run/broken-root/usr/bin/kiosk"
    chmod 0755 "$run/broken-root/usr/bin/kiosk"
    bash "$here/build-bundle.sh" 0.3.0 "$run/broken-root" "$run/kiosk-0.3.0.raucb"
    rm -rf "$run/broken-root"
    stick broken "$run/kiosk-0.3.0.raucb"

    # Signed by a development key of its own, which the image does not trust.
    mkdir -p "$run/tiny/etc" "$run/tiny/boot"
    bash "$here/rauc/dev-keys.sh" "$run/other-keys"
    KIOSK_RAUC_CERT="$run/other-keys/signing.pem" KIOSK_RAUC_KEY="$run/other-keys/signing.key" \
        bash "$here/build-bundle.sh" 0.2.1 "$run/tiny" "$run/kiosk-0.2.1.raucb"
    stick badsig "$run/kiosk-0.2.1.raucb"
    touch "$sticks/done"
fi

python3 "$here/qemu-check.py" update "$image" "$run" "$golden" "$sticks"
