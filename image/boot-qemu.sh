#!/usr/bin/env bash
# Boots the appliance image (image/build-image.sh) in QEMU and checks it:
#   bash image/boot-qemu.sh [build/image/kiosk.img]
# UEFI (OVMF), KVM when /dev/kvm is usable (else plain emulation, much
# slower), a virtio GPU with a 1080 x 1920 portrait screen, the image on a
# throw-away copy-on-write overlay. The screen is dumped over QMP every
# half second from power-on until it shows the attract screen (compared
# with the golden render: the image's own kiosk program drawing the attract
# screen headlessly at the same size, `kiosk --render`); then the boot
# report on the serial console (image/rootfs/.../kiosk-boot-report.service)
# must say the system is running with kiosk.service active and no failed
# unit. Prints power-on to first frame in seconds and where the time went.
# Exits non-zero when the screen or the services are not right in time.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(cd "$here/.." && pwd)
image=$(realpath "${1:-$root_dir/build/image/kiosk.img}")
limit_s=${BOOT_LIMIT_S:-600}
# Pixels allowed to differ from the golden render (of 2,073,600): the attract
# screen animates, the golden is one frame of it.
max_diff=${BOOT_MAX_DIFF_PIXELS:-20000}

bash "$here/install-packages.sh" image-tools
run=$(mktemp -d /tmp/kiosk-qemu.XXXXXX)
qemu_pid=""
cleanup() {
    [ -z "$qemu_pid" ] || kill "$qemu_pid" 2>/dev/null || true
    rm -rf "$run"
}
trap cleanup EXIT

# The golden attract screen, drawn by the kiosk program of the image (its
# default assets are this checkout's when it runs from outside /usr/bin).
golden="$run/golden.png"
SDL_VIDEODRIVER=offscreen "$root_dir/build/image/rootfs/usr/bin/kiosk" --render attract --lang ar \
    --size 1080x1920 --out "$golden" >/dev/null
qemu-img create -q -f qcow2 -b "$image" -F raw "$run/disk.qcow2"
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$run/vars.fd"
# Emulated, the guest gets no AVX2: QEMU 7.2 emulates AVX2 gathers with a
# fault on lanes the mask leaves out, and llvmpipe's JIT code (Mesa drawing
# the kiosk's frames in software) uses them: the kiosk died of SIGSEGV at a
# vpgatherdd every few frames. With KVM the host's CPU runs them right.
accel=(-accel tcg -cpu max,avx2=off)
if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then accel=(-accel kvm -cpu host); fi
echo "boot-qemu: ${accel[1]} (${accel[3]}), $(basename "$image")"

# Started paused (-S): power-on is the "cont" below.
qemu-system-x86_64 -nodefaults -machine q35 "${accel[@]}" -m 2048 -smp 2 -S \
    -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
    -drive if=pflash,format=raw,file="$run/vars.fd" \
    -drive file="$run/disk.qcow2",format=qcow2,if=virtio \
    -device virtio-gpu-pci,xres=1080,yres=1920 -device virtio-tablet-pci -device virtio-keyboard-pci \
    -netdev user,id=net0 -device virtio-net-pci,netdev=net0,romfile= \
    -display none -serial file:"$run/serial.log" -qmp unix:"$run/qmp.sock",server=on,wait=off &
qemu_pid=$!

python3 "$here/qmp-watch.py" "$run/qmp.sock" "$run" "$golden" "$max_diff" "$limit_s" "$run/serial.log"
