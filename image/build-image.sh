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
#   kiosk-data    ext4 at /data: /var/lib/kiosk (databases, picture cache), the
#                 writable layer of /etc/kiosk (the staff PIN, provisioning), RAUC's status
# The rest that must be writable is tmpfs (/tmp, /var/tmp, /var/cache,
# /var/lib/systemd). RAUC trusts KIOSK_RAUC_KEYRING, else this tree's
# development CA (image/rauc/dev-keys.sh). Prints the sizes at the end.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(cd "$here/.." && pwd)
out="$root_dir/build/image"
start=$(date +%s)

bash "$here/install-packages.sh" build run image-tools

# The packages of the given role in image/packages.list, comma-separated.
role_packages() {
    awk -v role="$1" '$1 !~ /^#/ { for (i = 2; i <= NF; i++) if ($i == role) print $1 }' \
        "$here/packages.list" | paste -sd,
}

# The Debian system without the kiosk, the slow part (mostly dpkg and the
# initramfs): made once per package list and kept in build/image-base/KEY,
# KEY a hash of the packages and of this command, so a changed kiosk or
# image/rootfs file costs minutes, not a new mmdebstrap.
packages="$(role_packages run),$(role_packages appliance)"
base_options=(--mode=root --variant=apt --architectures=amd64 --include="$packages"
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*'
    --dpkgopt='path-include=/usr/share/locale/locale.alias' bookworm)
base_key=$(printf '%s\n' "${base_options[@]}" | sha256sum | cut -c1-16)
base="$root_dir/build/image-base/$base_key"
if [ ! -e "$base.done" ]; then
    rm -rf "$base"
    mkdir -p "$(dirname "$base")"
    mmdebstrap "${base_options[@]}" "$base" http://deb.debian.org/debian
    touch "$base.done"
fi
echo "build-image: Debian base $base"

deb=${1:-}
if [ -z "$deb" ]; then
    # Only what the package installs (no test programs: cpack builds "all" otherwise).
    cmake -S "$root_dir" -B "$root_dir/build/release" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
    cmake --build "$root_dir/build/release" -j "$(nproc)" \
        --target kiosk kitchen-display attendant-console kiosk-backend kiosk-backup ks_changelog
    cpack --config "$root_dir/build/release/CPackConfig.cmake" -B "$root_dir/build/package" >/dev/null
    deb=$(ls "$root_dir"/build/package/kiosk_*_amd64.deb)
fi
deb=$(realpath "$deb")
echo "build-image: package $deb ($(du -h "$deb" | cut -f1))"

# The CA whose bundles the box installs.
keyring=${KIOSK_RAUC_KEYRING:-}
if [ -z "$keyring" ]; then
    bash "$here/rauc/dev-keys.sh" "$root_dir/build/rauc-keys"
    keyring="$root_dir/build/rauc-keys/ca.pem"
fi

rm -rf "$out"
mkdir -p "$out"
rootfs="$out/rootfs"
cp -a "$base" "$rootfs"
# The set-up runs in the new root with /dev, /proc and /sys of this machine,
# in a mount namespace of its own, so nothing stays mounted after it.
unshare --mount --propagation private bash -c '
    set -euo pipefail
    mount --rbind /dev "$1/dev" && mount -t proc proc "$1/proc" && mount -t sysfs sys "$1/sys"
    bash "$2/rootfs-setup.sh" "$1" "$3" "$4"' setup "$rootfs" "$here" "$deb" "$(realpath "$keyring")"

# Partition sizes in MiB; the root slots fit the system with a quarter spare.
source "$here/partitions.sh"
esp_mb=256 log_mb=256 data_mb=512
used_mb=$(du -sm --exclude=./boot "$rootfs" | cut -f1)
root_mb=$(root_size_mb "$rootfs")

# The boot partition: systemd-boot, the kernel and initramfs of slot A and its
# entry; systemd-boot boots the first entry of its order (no "default": the
# RAUC backend orders the slots, image/rauc/systemd-boot-backend.sh).
esp="$out/esp"
mkdir -p "$esp/EFI/BOOT" "$esp/loader/entries"
cp "$rootfs/usr/lib/systemd/boot/efi/systemd-bootx64.efi" "$esp/EFI/BOOT/BOOTX64.EFI"
cp "$rootfs"/boot/vmlinuz-* "$esp/vmlinuz-a"
cp "$rootfs"/boot/initrd.img-* "$esp/initrd-a"
printf 'timeout 0\nconsole-mode keep\neditor no\n' >"$esp/loader/loader.conf"
KIOSK_ESP="$esp" bash "$here/rauc/systemd-boot-backend.sh" new-entry A

# The data partition: the kiosk's folder, the writable layer of /etc/kiosk
# with kiosk.ini holding the staff PIN (none ships in the package or in the
# slot; KIOSK_STAFF_PIN or a random one, printed once here, readable by root
# and the kiosk only), RAUC's status folder.
kiosk_uid=$(awk -F: '$1 == "kiosk" { print $3 }' "$rootfs/etc/passwd")
kiosk_gid=$(awk -F: '$1 == "kiosk" { print $3 }' "$rootfs/etc/group")
data="$out/data"
mkdir -p "$data/kiosk" "$data/etc-kiosk/upper" "$data/etc-kiosk/work" "$data/rauc"
chown "$kiosk_uid:$kiosk_gid" "$data/kiosk"
chmod 0750 "$data/kiosk"
chmod 0700 "$data/etc-kiosk/work" "$data/rauc"
pin=${KIOSK_STAFF_PIN:-$(shuf -i 0-999999 -n 1 --random-source=/dev/urandom | xargs printf '%06d')}
[[ "$pin" =~ ^[0-9]{4,8}$ ]] || { echo "build-image: KIOSK_STAFF_PIN must be 4-8 digits" >&2; exit 1; }
sed "s/^; staff_pin =\$/staff_pin = $pin/" "$rootfs/etc/kiosk/kiosk.ini" >"$data/etc-kiosk/upper/kiosk.ini"
grep -q "^staff_pin = $pin\$" "$data/etc-kiosk/upper/kiosk.ini"
chown "0:$kiosk_gid" "$data/etc-kiosk/upper/kiosk.ini"
chmod 0640 "$data/etc-kiosk/upper/kiosk.ini"
echo "build-image: the staff PIN of this image is $pin" >&2

esp_img="$out/esp.img" root_img="$out/root-a.img" log_img="$out/log.img" data_img="$out/data.img"
mkfs.vfat -F 32 -n KIOSK-BOOT -C "$esp_img" $((esp_mb * 1024)) >/dev/null
mcopy -s -i "$esp_img" "$esp"/* ::/
mke2fs -q -t ext4 -L kiosk-root -d "$rootfs" "$root_img" "${root_mb}M"
mke2fs -q -t ext4 -L kiosk-log -E root_owner=0:0 "$log_img" "${log_mb}M"
mke2fs -q -t ext4 -L kiosk-data -E root_owner=0:0 -d "$data" "$data_img" "${data_mb}M"

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
rm -rf "$esp_img" "$root_img" "$log_img" "$data_img" "$data"

echo "build-image: $disk: ${total_mb} MiB disk, $(du -m "$disk" | cut -f1) MiB used;" \
     "system ${used_mb} MiB in a ${root_mb} MiB slot; package $(du -k "$deb" | cut -f1) KiB;" \
     "built in $(( $(date +%s) - start )) s"
