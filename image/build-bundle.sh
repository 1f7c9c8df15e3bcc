#!/usr/bin/env bash
# A signed RAUC update bundle of the appliance's root file system:
#   bash image/build-bundle.sh VERSION [ROOT_DIR [OUT]]
#     ROOT_DIR  the system (default build/image/rootfs, made by image/build-image.sh)
#     OUT       default build/image/kiosk-VERSION.raucb
# The bundle (verity format) holds the root as an ext4 image for the slot
# RAUC is not running from, and image/rauc/bundle-hook.sh, which puts its
# kernel and initramfs on the boot partition. Signed with KIOSK_RAUC_CERT and
# KIOSK_RAUC_KEY (a file or a PKCS#11 URI) when set, else with this build
# tree's development key (build/rauc-keys, image/rauc/dev-keys.sh), which only
# images built from this tree trust. Install on a box: rauc install FILE.raucb
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(cd "$here/.." && pwd)
version=${1:?usage: build-bundle.sh VERSION [ROOT_DIR [OUT]]}
[[ "$version" =~ ^[0-9A-Za-z.+~-]+$ ]] || { echo "build-bundle: bad VERSION '$version'" >&2; exit 1; }
rootfs=${2:-$root_dir/build/image/rootfs}
out=${3:-$root_dir/build/image/kiosk-$version.raucb}
[ -d "$rootfs/etc" ] || { echo "build-bundle: $rootfs is no system (run image/build-image.sh)" >&2; exit 1; }
source "$here/partitions.sh"

keys="$root_dir/build/rauc-keys"
if [ -n "${KIOSK_RAUC_CERT:-}${KIOSK_RAUC_KEY:-}" ]; then
    cert=${KIOSK_RAUC_CERT:?KIOSK_RAUC_KEY set without KIOSK_RAUC_CERT}
    key=${KIOSK_RAUC_KEY:?KIOSK_RAUC_CERT set without KIOSK_RAUC_KEY}
else
    bash "$here/rauc/dev-keys.sh" "$keys"
    cert="$keys/signing.pem" key="$keys/signing.key"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/content"
mke2fs -q -t ext4 -L kiosk-root -d "$rootfs" "$work/content/rootfs.ext4" "$(root_size_mb "$rootfs")M" >/dev/null
cp "$here/rauc/bundle-hook.sh" "$work/content/hook.sh"
cat >"$work/content/manifest.raucm" <<MANIFEST
[update]
compatible=$(awk -F= '$1 == "compatible" { print $2 }' "$here/rauc/system.conf")
version=$version

[bundle]
format=verity

[hooks]
filename=hook.sh

[image.rootfs]
filename=rootfs.ext4
hooks=post-install
MANIFEST
rm -f "$out"
mkdir -p "$(dirname "$out")"
rauc bundle --cert="$cert" --key="$key" "$work/content" "$out" >"$work/rauc.log" 2>&1 ||
    { cat "$work/rauc.log" >&2; exit 1; }
echo "build-bundle: $out ($(du -m "$out" | cut -f1) MiB, version $version)"
