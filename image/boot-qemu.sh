#!/usr/bin/env bash
# Boots the appliance image (image/build-image.sh) in QEMU and checks it:
#   bash image/boot-qemu.sh [build/image/kiosk.img]
# The box (image/qemu_box.py: UEFI, KVM when /dev/kvm is usable and is the
# processor's (kvm_intel, kvm_amd) else plain emulation, a virtio GPU with a
# 1080 x 1920 portrait screen, the image on a throw-away copy-on-write
# overlay) is powered on and its screen dumped over
# QMP every half second until it shows the attract screen (compared with the
# golden render: the image's own kiosk program drawing the attract screen
# headlessly at the same size, `kiosk --render`); then the boot report on the
# serial console (image/rootfs/.../kiosk-boot-report.service) must say the
# system is running with kiosk.service active and no failed unit. Prints
# power-on to first frame in seconds and where the time went. Exits non-zero
# when the screen or the services are not right in time.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/qemu-work.sh"
python3 "$here/qemu-check.py" boot "$image" "$run" "$golden"
