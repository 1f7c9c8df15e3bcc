#!/usr/bin/env bash
# ctest image.rauc: the update machinery without a box. A small bundle
# built by image/build-bundle.sh with a development key is accepted by
# `rauc info` against that key's CA, read through the appliance's
# system.conf (which RAUC must parse), and refused against another CA;
# the systemd-boot backend (image/rauc/systemd-boot-backend.sh) moves the
# loader entries of a boot partition folder through an update: new slot
# primary on trial, systemd-boot's count-down, rollback when the tries run
# out, marked good, marked bad.
#   rauc_check.sh SOURCE_DIR TMP_DIR
set -euo pipefail
src=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/root/etc" "$tmp/root/boot" "$tmp/esp"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# A bundle of a tiny system, signed by a development key; another key's CA.
echo "kiosk 2.0" >"$tmp/root/etc/kiosk-release"
echo kernel >"$tmp/root/boot/vmlinuz-6.1.0-test"
echo initramfs >"$tmp/root/boot/initrd.img-6.1.0-test"
bash "$src/image/rauc/dev-keys.sh" "$tmp/keys"
bash "$src/image/rauc/dev-keys.sh" "$tmp/other-keys"
KIOSK_RAUC_CERT="$tmp/keys/signing.pem" KIOSK_RAUC_KEY="$tmp/keys/signing.key" \
    bash "$src/image/build-bundle.sh" 2.0 "$tmp/root" "$tmp/kiosk-2.0.raucb" >"$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log" >&2; exit 1; }
info() { # KEYRING: rauc info of the bundle through the appliance's system.conf
    rauc --conf="$src/image/rauc/system.conf" --keyring="$1" info "$tmp/kiosk-2.0.raucb" \
        >"$tmp/info" 2>"$tmp/info.err"
}
if info "$tmp/keys/ca.pem"; then
    for want in "Compatible:.*'kiosk-appliance-amd64'" "Version:.*'2.0'" "Bundle Format:.*verity" \
                "Filename:.*rootfs.ext4" "Hooks:.*post-install"; do
        grep -q "$want" "$tmp/info" || fail "rauc info has no $want: $(cat "$tmp/info")"
    done
else
    fail "the bundle is refused with its own CA: $(cat "$tmp/info.err")"
fi
if info "$tmp/other-keys/ca.pem"; then
    fail "a bundle signed by another key was accepted"
else
    grep -q "signature verification failed" "$tmp/info.err" || fail "refused, but not for its signature: $(cat "$tmp/info.err")"
fi
# The bundle's hook puts the new slot's kernel and initramfs on the boot partition.
mkdir -p "$tmp/hook"
rauc extract --keyring="$tmp/keys/ca.pem" "$tmp/kiosk-2.0.raucb" "$tmp/hook/content" 2>/dev/null
KIOSK_ESP="$tmp/esp" RAUC_SLOT_CLASS=rootfs RAUC_SLOT_BOOTNAME=B RAUC_SLOT_MOUNT_POINT="$tmp/root" \
    bash "$tmp/hook/content/hook.sh" slot-post-install || fail "the bundle's hook failed"
[ "$(cat "$tmp/esp/vmlinuz-b" 2>/dev/null)" = kernel ] || fail "no vmlinuz-b from the hook"
[ "$(cat "$tmp/esp/initrd-b" 2>/dev/null)" = initramfs ] || fail "no initrd-b from the hook"

# The boot backend through an update and a rollback.
backend() { KIOSK_ESP="$tmp/esp" bash "$src/image/rauc/systemd-boot-backend.sh" "$@"; }
entries() { (cd "$tmp/esp/loader/entries" && ls | paste -sd' '); }
expect() { # WHAT WANT GOT
    [ "$2" = "$3" ] || fail "$1: '$3', wanted '$2'"
}
boot() { # systemd-boot booting the slot's entry: one try counted down, as it renames it
    local f=$tmp/esp/loader/entries/$1 left done_
    [[ "$1" =~ ^(kiosk-[ab])\+([0-9]+)(-([0-9]+))?\.conf$ ]] || return 0
    left=${BASH_REMATCH[2]} done_=${BASH_REMATCH[4]:-0}
    [ "$left" -gt 0 ] || return 0
    mv "$f" "$tmp/esp/loader/entries/${BASH_REMATCH[1]}+$((left - 1))-$((done_ + 1)).conf"
}
backend new-entry A
expect "the image's entry" "kiosk-a.conf" "$(entries)"
grep -qx "options root=PARTUUID=6b696f73-6b00-4000-8000-00000000000a ro rauc.slot=A.*" \
    "$tmp/esp/loader/entries/kiosk-a.conf" || fail "slot A's entry: $(cat "$tmp/esp/loader/entries/kiosk-a.conf")"
expect "primary of a new image" A "$(backend get-primary)"
expect "state of the empty slot" bad "$(backend get-state B)"
backend set-primary B
expect "entries after an install" "kiosk-a.conf kiosk-b+2.conf" "$(entries)"
grep -qx "version 2" "$tmp/esp/loader/entries/kiosk-b+2.conf" || fail "the new slot's version is not the highest"
expect "primary after an install" B "$(backend get-primary)"
backend on-trial B || fail "the new slot is not on trial"
backend on-trial A && fail "the good slot is on trial"
boot kiosk-b+2.conf
expect "primary after the first try" B "$(backend get-primary)"
backend on-trial B || fail "the new slot is not on trial on its last try"
boot kiosk-b+1-1.conf
expect "entries with no try left" "kiosk-a.conf kiosk-b+0-2.conf" "$(entries)"
expect "primary after the tries ran out (rollback)" A "$(backend get-primary)"
expect "state of the failed slot" bad "$(backend get-state B)"
backend set-primary B
boot kiosk-b+2.conf
backend set-state B good
expect "entries once marked good" "kiosk-a.conf kiosk-b.conf" "$(entries)"
backend on-trial B && fail "a slot marked good is still on trial"
expect "primary once marked good" B "$(backend get-primary)"
grep -qx "version 3" "$tmp/esp/loader/entries/kiosk-b.conf" || fail "marking good changed the version"
backend set-state A bad
expect "entries with A marked bad" "kiosk-a+0.conf kiosk-b.conf" "$(entries)"
expect "state of A marked bad" bad "$(backend get-state A)"
backend set-primary C 2>/dev/null && fail "slot C accepted"
ls -A "$tmp/esp/loader/entries" | grep -q '^\.' && fail "temporary files left in loader/entries"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "rauc checks passed"
