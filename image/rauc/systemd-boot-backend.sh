#!/usr/bin/env bash
# RAUC's custom bootloader backend for the appliance's systemd-boot
# (system.conf: bootloader=custom), on the boot (EFI) partition's loader
# entries, one per root slot, with systemd-boot's own boot counting:
#
#   loader/entries/kiosk-a.conf        slot A, good
#   loader/entries/kiosk-b+2.conf      slot B on trial: 2 boots left
#   loader/entries/kiosk-b+1-1.conf    ... systemd-boot counts each boot down
#   loader/entries/kiosk-b+0-2.conf    ... none left: bad, sorted last
#
# systemd-boot boots the first entry in its order: bad ones last, then by
# "version", highest first (every entry has "sort-key kiosk"). Making a slot
# primary gives its entry the highest version and 2 tries; marking it good
# (kiosk-slot-good.service, after the kiosk's first frame) drops the counter.
# A new slot whose kiosk never gets there is rebooted out of its tries and
# systemd-boot goes back to the other slot by itself.
#
#   systemd-boot-backend.sh get-primary            -> A or B
#   systemd-boot-backend.sh set-primary SLOT
#   systemd-boot-backend.sh get-state SLOT         -> good or bad
#   systemd-boot-backend.sh set-state SLOT good|bad
#   systemd-boot-backend.sh on-trial SLOT          exit 0 while SLOT counts its boots (not
#                                                  yet marked good; its last try included)
#   systemd-boot-backend.sh new-entry SLOT         a good entry of version 1 (image build)
#
# KIOSK_ESP moves the boot partition (default /boot/efi: tests and the image build).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../partitions.sh"
esp=${KIOSK_ESP:-/boot/efi}
entries="$esp/loader/entries"
tries=2

die() { echo "systemd-boot-backend: $*" >&2; exit 1; }

slot_arg() { # SLOT -> its lowercase letter
    case "${1:-}" in
        A) echo a ;;
        B) echo b ;;
        *) die "unknown slot '${1:-}' (A or B)" ;;
    esac
}

entry_of() { # LETTER -> the slot's entry file, or nothing
    local f
    for f in "$entries/kiosk-$1.conf" "$entries/kiosk-$1"+*.conf; do
        [ -e "$f" ] && { echo "$f"; return; }
    done
    return 0
}

is_bad() { [[ "$1" =~ \+0(-[0-9]+)?\.conf$ ]]; }

version_of() { # ENTRY -> its version, 0 when it has none
    local v
    v=$(awk '$1 == "version" { print $2 }' "$1")
    [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

# A slot whose kernel or initramfs cannot bring up its root reboots after
# 10 s (panic=10, which initramfs-tools' panic honours too) and so spends a
# try; a hung system is rebooted by the hardware watchdog systemd keeps
# (image/rootfs/etc/systemd/system.conf.d/kiosk-watchdog.conf).
# Writes the slot's entry as NAME (kiosk-x.conf or kiosk-x+N.conf) with
# VERSION, atomically, then removes the slot's entry under any other name.
write_entry() { # LETTER VERSION NAME
    local letter=$1 version=$2 name=$3 slot uuid old
    slot=$(tr a-z A-Z <<<"$letter")
    uuid=ROOT_${slot}_UUID
    old=$(entry_of "$letter")
    mkdir -p "$entries"
    cat >"$entries/.$name.tmp" <<ENTRY
title Kiosk (slot $slot)
sort-key kiosk
version $version
linux /vmlinuz-$letter
initrd /initrd-$letter
options root=PARTUUID=${!uuid} ro rauc.slot=$slot panic=10 quiet loglevel=3 systemd.show_status=false rd.udev.log_level=3 vt.global_cursor_default=0 console=tty1 console=ttyS0,115200
ENTRY
    sync "$entries/.$name.tmp"
    mv -f "$entries/.$name.tmp" "$entries/$name"
    [ -z "$old" ] || [ "$old" = "$entries/$name" ] || rm -f "$old"
    sync "$entries"
}

rename_entry() { # LETTER NAME: the slot's entry under NAME, same content
    local old
    old=$(entry_of "$1")
    [ -n "$old" ] || die "slot $(tr a-z A-Z <<<"$1") has no boot entry"
    [ "$old" = "$entries/$2" ] || mv -f "$old" "$entries/$2"
    sync "$entries"
}

case "${1:-}" in
    get-primary)
        best="" best_version=-1
        for letter in a b; do
            f=$(entry_of $letter)
            [ -n "$f" ] && ! is_bad "$f" || continue
            v=$(version_of "$f")
            if [ "$v" -gt "$best_version" ]; then best=$letter best_version=$v; fi
        done
        [ -n "$best" ] || die "no bootable slot"
        tr a-z A-Z <<<"$best"
        ;;
    set-primary)
        letter=$(slot_arg "${2:-}")
        top=0
        for f in "$entries"/kiosk-*.conf; do
            [ -e "$f" ] || continue
            v=$(version_of "$f")
            [ "$v" -le "$top" ] || top=$v
        done
        write_entry "$letter" $((top + 1)) "kiosk-$letter+$tries.conf"
        ;;
    get-state)
        f=$(entry_of "$(slot_arg "${2:-}")")
        if [ -n "$f" ] && ! is_bad "$f"; then echo good; else echo bad; fi
        ;;
    set-state)
        letter=$(slot_arg "${2:-}")
        case "${3:-}" in
            good) rename_entry "$letter" "kiosk-$letter.conf" ;;
            bad) [ -z "$(entry_of "$letter")" ] || rename_entry "$letter" "kiosk-$letter+0.conf" ;;
            *) die "set-state $2: good or bad, not '${3:-}'" ;;
        esac
        ;;
    on-trial)
        f=$(entry_of "$(slot_arg "${2:-}")")
        [[ "$f" == *+* ]]
        ;;
    new-entry)
        write_entry "$(slot_arg "${2:-}")" 1 "kiosk-$(slot_arg "$2").conf"
        ;;
    *)
        die "usage: get-primary | set-primary SLOT | get-state SLOT | set-state SLOT good|bad | on-trial SLOT | new-entry SLOT"
        ;;
esac
