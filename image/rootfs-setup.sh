#!/usr/bin/env bash
# The appliance's system, set up inside a copy of the Debian base that
# mmdebstrap made (image/build-image.sh): the kiosk package (its
# dependencies are installed already: the "run" role), read-only root, the
# mounts of the writable partitions, RAUC with the keyring of KEYRING, the
# files of image/rootfs/, network, time, journal, the services enabled and
# the ones a kiosk has no use for masked. Nothing secret goes in here: an
# update bundle carries this system (the staff PIN is on the data partition).
#   rootfs-setup.sh ROOT KIOSK_DEB KEYRING
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$1 deb=$2 keyring=$3

cp "$deb" "$root/tmp/kiosk.deb"
chroot "$root" dpkg -i /tmp/kiosk.deb
rm "$root/tmp/kiosk.deb"

cp -r "$here/rootfs/." "$root/"
# RAUC: the slots, the keyring bundles must chain to, the systemd-boot backend.
mkdir -p "$root/etc/rauc" "$root/usr/lib/kiosk/rauc"
cp "$here/rauc/system.conf" "$root/etc/rauc/system.conf"
cp "$keyring" "$root/etc/rauc/keyring.pem"
cp "$here/partitions.sh" "$root/usr/lib/kiosk/partitions.sh"
cp "$here/rauc/systemd-boot-backend.sh" "$here/rauc/kiosk-slot-good.sh" "$here/rauc/kiosk-update.sh" \
    "$here/rauc/kiosk-reboot-when-idle.sh" \
    "$root/usr/lib/kiosk/rauc/"
echo kiosk >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tkiosk\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
    >"$root/etc/hosts"

# The root is mounted read-only (the boot entry says "ro" and nothing remounts it).
# The data partition (/data) holds what outlives an update: the kiosk's data
# (bound at /var/lib/kiosk), the writable layer of /etc/kiosk (an overlay on
# the slot's defaults: the staff PIN, provisioned.ini) and RAUC's status. The
# boot partition is mounted on use only (provisioning, updates, boot counting).
cat >"$root/etc/fstab" <<'FSTAB'
# The root file system is read-only; these are the writable places.
PARTLABEL=kiosk-data  /data             ext4     rw,noatime,nosuid,nodev,noexec  0 2
/data/kiosk           /var/lib/kiosk    none     bind,x-systemd.requires-mounts-for=/data  0 0
overlay               /etc/kiosk        overlay  lowerdir=/etc/kiosk,upperdir=/data/etc-kiosk/upper,workdir=/data/etc-kiosk/work,x-systemd.requires-mounts-for=/data  0 0
PARTLABEL=kiosk-log   /var/log/journal  ext4     rw,noatime,nosuid,nodev,noexec  0 2
PARTLABEL=kiosk-boot  /boot/efi         vfat     rw,noauto,x-systemd.automount,x-systemd.idle-timeout=30s,umask=0077,flush  0 0
tmpfs                 /tmp              tmpfs    nosuid,nodev,mode=1777,size=128M  0 0
tmpfs                 /var/tmp          tmpfs    nosuid,nodev,mode=1777,size=64M   0 0
tmpfs                 /var/cache        tmpfs    nosuid,nodev,mode=0755,size=64M   0 0
tmpfs                 /var/lib/systemd  tmpfs    nosuid,nodev,mode=0755,size=16M   0 0
FSTAB
mkdir -p "$root/data" "$root/var/lib/kiosk" "$root/var/log/journal" "$root/boot/efi"

# One machine id per image: the persistent journal's folder is named by it.
rm -f "$root/etc/machine-id"
chroot "$root" systemd-machine-id-setup >/dev/null

ln -sf /run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"
chroot "$root" systemctl enable --quiet kiosk.service kiosk-boot-report.service kiosk-backup.timer \
    kiosk-slot-good.service rauc.service \
    systemd-networkd.service systemd-resolved.service systemd-timesyncd.service
chroot "$root" systemctl set-default --quiet multi-user.target
# Nothing on the kiosk waits for the network, logs in on tty1 or updates packages by itself;
# a slot is blessed by kiosk-slot-good.service (after the kiosk's READY), never by
# systemd-bless-boot at boot-complete.target.
chroot "$root" systemctl mask --quiet systemd-networkd-wait-online.service getty@tty1.service \
    apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer \
    systemd-bless-boot.service
