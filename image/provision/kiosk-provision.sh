#!/usr/bin/env bash
# First-boot provisioning (kiosk-provision.service, before kiosk.service):
# the store's settings for this box, written by a technician as
# kiosk-provision.ini on the boot (EFI) partition, become
# /etc/kiosk/provisioned.ini, which the kiosk reads on top of kiosk.ini.
#
# The file is the kiosk's own INI format (README.md, "Provisioning a box"):
# it is checked by the kiosk program itself (`kiosk --check-config` over
# kiosk.ini and the new file), so it is refused for exactly what would stop
# the kiosk. A good file replaces provisioned.ini whole, atomically (a copy
# written 0640 root:kiosk beside it and fsynced, renamed over it, the folder
# fsynced), then is renamed kiosk-provision.ini.done on the boot partition:
# applied once; a power cut before the rename applies the same file again.
# A refused file changes nothing (the box keeps its configuration), stays
# where it is, and its problem (file, line, reason) goes to the journal and
# to the status file the kiosk shows (KIOSK_PROVISION_STATUS). Exits 1 then.
#
# The places can be moved for tests:
#   KIOSK_PROVISION_ESP     boot partition's folder   (/boot/efi)
#   KIOSK_ETC               configuration folder     (/etc/kiosk)
#   KIOSK_PROVISION_STATUS  status file              (/run/kiosk/provisioning)
#   KIOSK_BIN               the kiosk program        (/usr/bin/kiosk)
set -euo pipefail
esp=${KIOSK_PROVISION_ESP:-/boot/efi}
etc=${KIOSK_ETC:-/etc/kiosk}
status=${KIOSK_PROVISION_STATUS:-/run/kiosk/provisioning}
kiosk=${KIOSK_BIN:-/usr/bin/kiosk}
name=kiosk-provision.ini
new="$etc/.provisioned.ini.new"

say() { # STATE MESSAGE: to the journal (stderr) and the status file, replaced atomically
    echo "kiosk-provision: $2" >&2
    mkdir -p "$(dirname "$status")"
    printf '%s\n%s\n' "$1" "$2" >"$status.tmp"
    mv -f "$status.tmp" "$status"
}

if [ ! -e "$esp/$name" ]; then
    # Nothing to provision: a previous refusal no longer stands.
    rm -f "$status"
    exit 0
fi
[ -f "$esp/$name" ] || { say refused "$name on the boot partition is not a file"; exit 1; }

rm -f "$new"
install -m 0640 -o root -g kiosk "$esp/$name" "$new"
sync "$new"
if ! problem=$("$kiosk" --config "$etc/kiosk.ini" --config "$new" --check-config 2>&1); then
    rm -f "$new"
    # The kiosk's first error; it names the copy, the technician knows the file they wrote.
    problem=$(printf '%s\n' "$problem" | grep -m1 '^ERROR' |
        sed -e 's/^ERROR *kiosk: //' -e "s|$new:\([0-9]*\):|$name line \1:|" -e "s|$new|$name|")
    [ -n "$problem" ] || problem="$name: not accepted by the kiosk (see the journal)"
    say refused "refused, the box keeps its configuration: $problem"
    exit 1
fi
mv -f "$new" "$etc/provisioned.ini"
sync "$etc"
mv -f "$esp/$name" "$esp/$name.done"
sync "$esp"
say applied "$name applied to $etc/provisioned.ini"
