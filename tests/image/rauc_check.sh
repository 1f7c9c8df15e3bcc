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

# kiosk-slot-good.sh on a slot on trial and on a good one, with systemctl and
# rauc standing in: the kiosk ready, failing its starts, or late.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/systemctl" <<'FAKE'
#!/bin/sh
case "$1" in
    is-active) [ "$(cat "$FAKE_DIR/kiosk")" = active ] ;;
    show) if [ "$2" = -P ]; then cat "$FAKE_DIR/restarts"; else cat "$FAKE_DIR/kiosk-state"; fi ;;
    start) [ "$*" = "start --no-block kiosk-reboot-when-idle.service" ] && touch "$FAKE_DIR/reboot-asked" ;;
    reboot) touch "$FAKE_DIR/rebooted" ;;
esac
FAKE
printf '#!/bin/sh\n[ "$*" = "status mark-good booted" ] && touch "$FAKE_DIR/marked"\n' >"$tmp/bin/rauc"
# A wait ends the script (the state would not change while it sleeps).
printf '#!/bin/sh\ntouch "$FAKE_DIR/waited"\nexit 1\n' >"$tmp/bin/sleep"
chmod +x "$tmp/bin/systemctl" "$tmp/bin/rauc" "$tmp/bin/sleep"
slot_good() { # KIOSK RESTARTS DEADLINE_S SLOT: what kiosk-slot-good.sh did: marked, rebooted, waited, or nothing
    rm -f "$tmp/marked" "$tmp/rebooted" "$tmp/waited"
    echo "$1" >"$tmp/kiosk"
    echo "$2" >"$tmp/restarts"
    echo "root=PARTUUID=x ro rauc.slot=$4 panic=10 quiet" >"$tmp/cmdline"
    FAKE_DIR=$tmp PATH="$tmp/bin:$PATH" KIOSK_ESP="$tmp/esp" KIOSK_CMDLINE="$tmp/cmdline" \
        KIOSK_READY_DEADLINE_S=$3 KIOSK_READY_MAX_STARTS=5 \
        bash "$src/image/rauc/kiosk-slot-good.sh" 2>"$tmp/slot-good.log" >&2 || true
    local did
    for did in marked rebooted waited nothing; do [ ! -e "$tmp/$did" ] || break; done
    echo "$did"
}
backend set-primary A
expect "ready on trial" marked "$(slot_good active 0 600 A)"
expect "five failed starts on trial" rebooted "$(slot_good activating 5 600 A)"
grep -q "slot A on trial and its kiosk failed 5 starts: rebooting" "$tmp/slot-good.log" ||
    fail "the reboot's reason: $(cat "$tmp/slot-good.log")"
expect "late on trial" rebooted "$(slot_good activating 0 0 A)"
grep -q "not ready after 0 s" "$tmp/slot-good.log" || fail "the late reboot's reason: $(cat "$tmp/slot-good.log")"
expect "five failed starts on the good slot" nothing "$(slot_good activating 5 600 B)"
expect "ready on the good slot" marked "$(slot_good active 0 600 B)"
expect "starting on trial" waited "$(slot_good activating 4 600 A)"

# kiosk-update.sh, the update stick's installer, with mount, rauc and systemctl
# standing in: a "stick" is a folder; a bundle file holds its version, or
# "badsig"; rauc status answers in RAUC's shell format from $FAKE_DIR/status.
cat >"$tmp/bin/mount" <<'FAKE'
#!/bin/sh
cp -r "$3/." "$4/"
FAKE
printf '#!/bin/sh\ntouch "$FAKE_DIR/unmounted"\n' >"$tmp/bin/umount"
cat >"$tmp/bin/rauc" <<'FAKE'
#!/bin/sh
case "$1" in
    info)
        if [ "$(cat "$3")" = badsig ]; then
            echo "rauc-Message: Reading bundle: $3" >&2
            echo "Failed to verify bundle signature: signature verification failed: certificate verify failed" >&2
            exit 1
        fi
        echo "RAUC_MF_COMPATIBLE='kiosk-appliance-amd64'"
        echo "RAUC_MF_VERSION='$(cat "$3")'" ;;
    status) cat "$FAKE_DIR/status" ;;
    install)
        if [ "$(cat "$2")" = unwritable ]; then # as RAUC 1.8 says a failed install
            printf 'installing\n  0%% Installing\n100%% Installing failed.\n'
            echo "LastError: Failed writing slot rootfs.1: No space left on device"
            echo "Installing \`$2' failed"
            exit 1
        fi
        echo "installing $2" >"$FAKE_DIR/installed" ;;
esac
FAKE
chmod +x "$tmp/bin/mount" "$tmp/bin/umount" "$tmp/bin/rauc"
rauc_status() { # BOOTED PRIMARY VERSION_A VERSION_B [BOOT_STATUS_A]: the status file,
    # as RAUC 1.8 writes it (src/main.c, r_status_formatter_shell): the slots
    # numbered in RAUC_SLOTS, named in RAUC_SYSTEM_SLOTS in the same order (its
    # hash table's: B before A here).
    cat >"$tmp/status" <<STATUS
RAUC_SYSTEM_COMPATIBLE='kiosk-appliance-amd64'
RAUC_SYSTEM_VARIANT=''
RAUC_SYSTEM_BOOTED_BOOTNAME='$1'
RAUC_BOOT_PRIMARY='$2'
RAUC_SYSTEM_SLOTS='rootfs.1 rootfs.0'
RAUC_SLOTS='1 2'
RAUC_SLOT_STATE_1='$([ "$1" = B ] && echo booted || echo inactive)'
RAUC_SLOT_CLASS_1='rootfs'
RAUC_SLOT_DEVICE_1='/dev/disk/by-partlabel/kiosk-root-b'
RAUC_SLOT_TYPE_1='ext4'
RAUC_SLOT_BOOTNAME_1='B'
RAUC_SLOT_PARENT_1=''
RAUC_SLOT_MOUNTPOINT_1=''
RAUC_SLOT_BOOT_STATUS_1='good'
RAUC_SLOT_STATUS_BUNDLE_COMPATIBLE_1='kiosk-appliance-amd64'
RAUC_SLOT_STATUS_BUNDLE_VERSION_1='$4'
RAUC_SLOT_STATE_2='$([ "$1" = A ] && echo booted || echo inactive)'
RAUC_SLOT_CLASS_2='rootfs'
RAUC_SLOT_DEVICE_2='/dev/disk/by-partlabel/kiosk-root-a'
RAUC_SLOT_TYPE_2='ext4'
RAUC_SLOT_BOOTNAME_2='A'
RAUC_SLOT_PARENT_2=''
RAUC_SLOT_MOUNTPOINT_2='/'
RAUC_SLOT_BOOT_STATUS_2='${5:-good}'
RAUC_SLOT_STATUS_BUNDLE_COMPATIBLE_2='kiosk-appliance-amd64'
RAUC_SLOT_STATUS_BUNDLE_VERSION_2='$3'
STATUS
}
update_stick() { # BUNDLES...: kiosk-update.sh's line for a stick holding them ("name:content")
    rm -rf "$tmp/stick" "$tmp/run" "$tmp/installed" "$tmp/reboot-asked" "$tmp/unmounted"
    mkdir -p "$tmp/stick" "$tmp/run"
    local b
    for b in "$@"; do echo "${b#*:}" >"$tmp/stick/${b%%:*}"; done
    FAKE_DIR=$tmp PATH="$tmp/bin:$PATH" KIOSK_UPDATE_RUN="$tmp/run" \
        bash "$src/image/rauc/kiosk-update.sh" "$tmp/stick" 2>&1 | tail -n 1
    [ ! -e "$tmp/installed" ] || echo "+installed"
    [ ! -e "$tmp/reboot-asked" ] || echo "+reboot when idle"
    [ -e "$tmp/unmounted" ] || echo "+left mounted"
}
rauc_status A rootfs.1 "" ""
expect "a good stick" "kiosk-update: installed 0.2.0 into slot B, rebooting when nobody is ordering
+installed
+reboot when idle" "$(update_stick kiosk-0.2.0.raucb:0.2.0)"
expect "a stick signed by another key" "kiosk-update: refused kiosk-0.2.1.raucb: Failed to verify bundle signature: signature verification failed: certificate verify failed" \
    "$(update_stick kiosk-0.2.1.raucb:badsig)"
expect "an install that fails" "kiosk-update: refused kiosk-0.5.0.raucb: Failed writing slot rootfs.1: No space left on device" \
    "$(update_stick kiosk-0.5.0.raucb:unwritable)"
expect "a stick with two bundles" "kiosk-update: refused $tmp/stick: it must hold exactly one .raucb bundle at its top" \
    "$(update_stick kiosk-0.2.0.raucb:0.2.0 kiosk-0.3.0.raucb:0.3.0)"
expect "a stick without a bundle" "kiosk-update: refused $tmp/stick: it must hold exactly one .raucb bundle at its top" \
    "$(update_stick notes.txt:hello)"
rauc_status B rootfs.1 0.1.0 0.2.0
expect "the running version" "kiosk-update: 0.2.0 already installed (slot B), nothing to do" \
    "$(update_stick kiosk-0.2.0.raucb:0.2.0)"
rauc_status A rootfs.1 0.1.0 0.2.0
expect "the version waiting in the other slot" "kiosk-update: 0.2.0 already installed (slot B), nothing to do" \
    "$(update_stick kiosk-0.2.0.raucb:0.2.0)"
rauc_status B rootfs.1 0.3.0 0.2.0 bad
expect "a version the box rolled back from" "kiosk-update: refused kiosk-0.3.0.raucb: 0.3.0 did not start on this box (slot A rolled back)" \
    "$(update_stick kiosk-0.3.0.raucb:0.3.0)"
expect "a new version after a rollback" "kiosk-update: installed 0.4.0 into slot A, rebooting when nobody is ordering
+installed
+reboot when idle" "$(rauc_status B rootfs.0 0.3.0 0.2.0 bad; update_stick kiosk-0.4.0.raucb:0.4.0)"

# kiosk-reboot-when-idle.sh: the kiosk's systemd status read as systemctl
# shows it; a wait (sleep) lets the customer finish: the kiosk is idle after it.
mkdir -p "$tmp/idle-bin"
cat >"$tmp/idle-bin/sleep" <<'FAKE'
#!/bin/sh
touch "$FAKE_DIR/waited"
printf 'ActiveState=active\nStatusText=idle: nobody ordering\n' >"$FAKE_DIR/kiosk-state"
FAKE
chmod +x "$tmp/idle-bin/sleep"
reboot_when_idle() { # ACTIVE_STATE STATUS_TEXT: its last line, then what it did (+waited, +rebooted)
    rm -f "$tmp/waited" "$tmp/rebooted"
    printf 'ActiveState=%s\nStatusText=%s\n' "$1" "$2" >"$tmp/kiosk-state"
    FAKE_DIR=$tmp PATH="$tmp/idle-bin:$tmp/bin:$PATH" \
        bash "$src/image/rauc/kiosk-reboot-when-idle.sh" 2>&1 | tail -n 1
    [ ! -e "$tmp/waited" ] || echo "+waited"
    [ ! -e "$tmp/rebooted" ] || echo "+rebooted"
}
expect "nobody ordering" "kiosk-reboot: nobody ordering: rebooting
+rebooted" "$(reboot_when_idle active "idle: nobody ordering")"
expect "a customer ordering" "kiosk-reboot: nobody ordering: rebooting
+waited
+rebooted" "$(reboot_when_idle active "ordering: a customer is ordering")"
expect "a kiosk still starting" "kiosk-reboot: nobody ordering: rebooting
+waited
+rebooted" "$(reboot_when_idle active "")"
expect "a kiosk not running" "kiosk-reboot: nobody ordering: rebooting
+rebooted" "$(reboot_when_idle activating "")"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "rauc checks passed"
