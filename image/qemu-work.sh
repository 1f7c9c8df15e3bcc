# Sourced by image/boot-qemu.sh, update-qemu.sh and powercut-qemu.sh: the image to boot
# ($1, default build/image/kiosk.img), the tools, a work folder ($run,
# removed at exit) and the golden attract screen ($golden) drawn at
# 1080 x 1920 by the image's own kiosk program (its default assets are this
# checkout's when it runs from outside /usr/bin).
root_dir=$(cd "$here/.." && pwd)
image=$(realpath "${1:-$root_dir/build/image/kiosk.img}")
bash "$here/install-packages.sh" image-tools
run=$(mktemp -d /tmp/kiosk-qemu.XXXXXX)
# After a failure, or with QEMU_KEEP=1, the folder stays for a look (serial
# logs, the box's screens), without its disks, sticks and bundles.
keep_on_failure() {
    local status=$?
    if [ "$status" -eq 0 ] && [ -z "${QEMU_KEEP:-}" ]; then
        rm -rf "$run"
    else
        rm -rf "$run/sticks" "$run"/*.qcow2 "$run"/*.raucb "$run"/*.raw
        echo "$(basename "$0"): $([ "$status" -eq 0 ] && echo passed || echo failed);" \
            "its console logs and screens are in $run" >&2
    fi
}
trap keep_on_failure EXIT
golden="$run/golden.png"
SDL_VIDEODRIVER=offscreen "$root_dir/build/image/rootfs/usr/bin/kiosk" --render attract --lang ar \
    --size 1080x1920 --out "$golden" >/dev/null
