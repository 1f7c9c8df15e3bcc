#!/usr/bin/env bash
# The appliance's system, set up inside the root that mmdebstrap made
# (its customize hook, image/build-image.sh): the kiosk package (its
# dependencies are installed already: the "run" role), read-only root, the mounts of
# the writable partitions, the files of image/rootfs/, network, time,
# journal, the services enabled and the ones a kiosk has no use for masked.
#   rootfs-setup.sh ROOT KIOSK_DEB
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$1 deb=$2

cp "$deb" "$root/tmp/kiosk.deb"
chroot "$root" dpkg -i /tmp/kiosk.deb
rm "$root/tmp/kiosk.deb"

# The staff PIN: none ships in the package; the image gets KIOSK_STAFF_PIN or a
# random one, printed once here, in a configuration only root and the kiosk read.
pin=${KIOSK_STAFF_PIN:-$(shuf -i 0-999999 -n 1 --random-source=/dev/urandom | xargs printf '%06d')}
[[ "$pin" =~ ^[0-9]{4,8}$ ]] || { echo "rootfs-setup.sh: KIOSK_STAFF_PIN must be 4-8 digits" >&2; exit 1; }
sed -i "s/^; staff_pin =\$/staff_pin = $pin/" "$root/etc/kiosk/kiosk.ini"
grep -q "^staff_pin = $pin\$" "$root/etc/kiosk/kiosk.ini"
chroot "$root" chown root:kiosk /etc/kiosk/kiosk.ini
chmod 0640 "$root/etc/kiosk/kiosk.ini"
echo "rootfs-setup.sh: the staff PIN of this image is $pin" >&2

cp -r "$here/rootfs/." "$root/"
echo kiosk >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tkiosk\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
    >"$root/etc/hosts"

# The root is mounted read-only (the boot entry says "ro" and nothing remounts it).
cat >"$root/etc/fstab" <<'FSTAB'
# The root file system is read-only; these are the writable places.
PARTLABEL=kiosk-data  /var/lib/kiosk    ext4   rw,noatime,nosuid,nodev,noexec  0 2
PARTLABEL=kiosk-log   /var/log/journal  ext4   rw,noatime,nosuid,nodev,noexec  0 2
PARTLABEL=kiosk-boot  /boot/efi         vfat   ro,noauto,x-systemd.automount,umask=0077  0 0
tmpfs                 /tmp              tmpfs  nosuid,nodev,mode=1777,size=128M  0 0
tmpfs                 /var/tmp          tmpfs  nosuid,nodev,mode=1777,size=64M   0 0
tmpfs                 /var/cache        tmpfs  nosuid,nodev,mode=0755,size=64M   0 0
tmpfs                 /var/lib/systemd  tmpfs  nosuid,nodev,mode=0755,size=16M   0 0
FSTAB
mkdir -p "$root/var/lib/kiosk" "$root/var/log/journal" "$root/boot/efi"

# One machine id per image: the persistent journal's folder is named by it.
rm -f "$root/etc/machine-id"
chroot "$root" systemd-machine-id-setup >/dev/null

ln -sf /run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"
chroot "$root" systemctl enable --quiet kiosk.service kiosk-boot-report.service \
    systemd-networkd.service systemd-resolved.service systemd-timesyncd.service
chroot "$root" systemctl set-default --quiet multi-user.target
# Nothing on the kiosk waits for the network, logs in on tty1 or updates packages by itself.
chroot "$root" systemctl mask --quiet systemd-networkd-wait-online.service getty@tty1.service \
    apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer
