#!/usr/bin/env bash
# Builds the appliance's disk image from Debian packages only:
#   bash image/build-image.sh [KIOSK_DEB]     -> build/image/kiosk.img
# amd64, UEFI (systemd-boot), Debian 12's kernel and systemd, the kiosk
# package (built Release into build/release and packed with cpack when no
# .deb is given), no X server. mmdebstrap installs the "run" and "appliance"
# roles of image/packages.list and the .deb from deb.debian.org; nothing
# else is downloaded. Needs root (mmdebstrap's root mode, mke2fs -d).
#
# GPT disk (build/image/partitions.txt has the offsets):
#   kiosk-boot    ESP, FAT32: systemd-boot, the kernel, the initramfs
#   kiosk-root-a  ext4, mounted read-only: the system (a power cut cannot hurt it)
#   kiosk-root-b  the second slot for A/B updates (empty until the first update)
#   kiosk-log     ext4 at /var/log/journal: the persistent journal
#   kiosk-data    ext4 at /var/lib/kiosk: databases, picture cache
# The rest that must be writable is tmpfs (/tmp, /var/tmp, /var/cache,
# /var/lib/systemd). Prints the sizes at the end.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(cd "$here/.." && pwd)
out="$root_dir/build/image"
start=$(date +%s)

bash "$here/install-packages.sh" build run image-tools

deb=${1:-}
if [ -z "$deb" ]; then
    cmake -S "$root_dir" -B "$root_dir/build/release" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root_dir/build/release" -j "$(nproc)" --target kiosk kitchen-display kiosk-backend
    cpack --config "$root_dir/build/release/CPackConfig.cmake" -B "$root_dir/build/package" >/dev/null
    deb=$(ls "$root_dir"/build/package/kiosk_*_amd64.deb)
fi
deb=$(realpath "$deb")
echo "build-image: package $deb ($(du -h "$deb" | cut -f1))"

# The packages of the given role in image/packages.list, comma-separated.
role_packages() {
    awk -v role="$1" '$1 !~ /^#/ { for (i = 2; i <= NF; i++) if ($i == role) print $1 }' \
        "$here/packages.list" | paste -sd,
}

rm -rf "$out"
mkdir -p "$out"
rootfs="$out/rootfs"
mmdebstrap --mode=root --variant=apt --architectures=amd64 \
    --include="$(role_packages run),$(role_packages appliance)" \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --customize-hook="bash '$here/rootfs-setup.sh' \"\$1\" '$deb'" \
    bookworm "$rootfs" http://deb.debian.org/debian

# Partition sizes in MiB; the root slots fit the system with a quarter spare.
esp_mb=256 log_mb=256 data_mb=512
used_mb=$(du -sm --exclude=./boot "$rootfs" | cut -f1)
root_mb=$(( (used_mb * 5 / 4 + 64 + 63) / 64 * 64 ))

# The boot partition: systemd-boot, the kernel and initramfs of the root, one entry per slot.
esp="$out/esp"
mkdir -p "$esp/EFI/BOOT" "$esp/loader/entries"
cp "$rootfs/usr/lib/systemd/boot/efi/systemd-bootx64.efi" "$esp/EFI/BOOT/BOOTX64.EFI"
cp "$rootfs"/boot/vmlinuz-* "$esp/vmlinuz-a"
cp "$rootfs"/boot/initrd.img-* "$esp/initrd-a"
source "$here/partitions.sh"
printf 'default kiosk-a.conf\ntimeout 0\nconsole-mode keep\neditor no\n' >"$esp/loader/loader.conf"
cat >"$esp/loader/entries/kiosk-a.conf" <<ENTRY
title Kiosk (slot A)
linux /vmlinuz-a
initrd /initrd-a
options root=PARTUUID=$ROOT_A_UUID ro quiet loglevel=3 systemd.show_status=false rd.udev.log_level=3 vt.global_cursor_default=0 console=tty1 console=ttyS0,115200
ENTRY

esp_img="$out/esp.img" root_img="$out/root-a.img" log_img="$out/log.img" data_img="$out/data.img"
mkfs.vfat -F 32 -n KIOSK-BOOT -C "$esp_img" $((esp_mb * 1024)) >/dev/null
mcopy -s -i "$esp_img" "$esp"/* ::/
kiosk_ids=$(awk -F: '$1 == "kiosk" { print $3 ":" $4 }' "$rootfs/etc/passwd")
mke2fs -q -t ext4 -L kiosk-root -d "$rootfs" "$root_img" "${root_mb}M"
mke2fs -q -t ext4 -L kiosk-log -E root_owner=0:0 "$log_img" "${log_mb}M"
mke2fs -q -t ext4 -L kiosk-data -E root_owner="$kiosk_ids" "$data_img" "${data_mb}M"

# The disk: GPT with fixed partition UUIDs (the boot entries name the root slots by them).
disk="$out/kiosk.img"
total_mb=$((1 + esp_mb + 2 * root_mb + log_mb + data_mb + 1))
truncate -s "${total_mb}M" "$disk"
sfdisk --quiet "$disk" <<TABLE
label: gpt
label-id: $DISK_UUID
start=1MiB, size=${esp_mb}MiB, type=$ESP_TYPE, uuid=$ESP_UUID, name=kiosk-boot
size=${root_mb}MiB, type=$ROOT_TYPE, uuid=$ROOT_A_UUID, name=kiosk-root-a
size=${root_mb}MiB, type=$ROOT_TYPE, uuid=$ROOT_B_UUID, name=kiosk-root-b
size=${log_mb}MiB, type=$LINUX_TYPE, uuid=$LOG_UUID, name=kiosk-log
size=${data_mb}MiB, type=$LINUX_TYPE, uuid=$DATA_UUID, name=kiosk-data
TABLE
offset=1
for part in "$esp_img:$esp_mb" "$root_img:$root_mb" ":$root_mb" "$log_img:$log_mb" "$data_img:$data_mb"; do
    img=${part%%:*} size=${part##*:}
    [ -z "$img" ] || dd if="$img" of="$disk" bs=1M seek="$offset" conv=notrunc,sparse status=none
    offset=$((offset + size))
done
sfdisk --dump "$disk" >"$out/partitions.txt"
rm -f "$esp_img" "$root_img" "$log_img" "$data_img"

echo "build-image: $disk: ${total_mb} MiB disk, $(du -m "$disk" | cut -f1) MiB used;" \
     "system ${used_mb} MiB in a ${root_mb} MiB slot; package $(du -k "$deb" | cut -f1) KiB;" \
     "built in $(( $(date +%s) - start )) s"
