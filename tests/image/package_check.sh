#!/usr/bin/env bash
# ctest image.package: the Debian package of this build tree, checked
# without installing it: cpack builds the .deb; its control fields, its
# dependencies (the "run" role of image/packages.list), its conffiles and
# its file list are as the appliance needs; its systemd units pass
# `systemd-analyze verify` in a root holding the package's files and the
# machine's units; its udev rules parse without a complaint under
# `udevadm test` (Debian 12's udev 252 has no `udevadm verify`), read in a
# private mount namespace where the kiosk group exists. The appliance's own
# units and rules (image/rootfs/: boot report, slot marking, update stick)
# are checked the same way in the same root, with the image's scripts.
#   package_check.sh BUILD_DIR SOURCE_DIR TMP_DIR
set -euo pipefail
build=$1 src=$2 tmp=$3
rm -rf "$tmp/package" "$tmp/root"
mkdir -p "$tmp/package" "$tmp/root"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cpack --config "$build/CPackConfig.cmake" -B "$tmp/package" >"$tmp/cpack.log" 2>&1 ||
    { cat "$tmp/cpack.log" >&2; exit 1; }
debs=("$tmp"/package/kiosk_*_amd64.deb)
[ -f "${debs[0]}" ] || { fail "no kiosk_*_amd64.deb"; exit 1; }
deb=${debs[0]}
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = kiosk ] || fail "Package: $(field Package)"
case "$(field Description)" in *";"*) fail "Description has a list separator";; esac
[ "$(field Architecture)" = amd64 ] || fail "Architecture: $(field Architecture)"
[[ "$(field Version)" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "Version: $(field Version)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
want_depends=$(awk '$1 !~ /^#/ && NF > 1 { for (i = 2; i <= NF; i++) if ($i == "run") print $1 }' \
    "$src/image/packages.list" | paste -sd, | sed 's/,/, /g')
[ "$(field Depends)" = "$want_depends" ] ||
    fail "Depends: '$(field Depends)', the run role is '$want_depends'"
case ", $want_depends, " in *", ca-certificates, "*) ;; *) fail "ca-certificates not a dependency" ;; esac

# Maintainer scripts and conffiles.
dpkg-deb -e "$deb" "$tmp/control"
[ "$(cat "$tmp/control/conffiles")" = "$(printf '/etc/kiosk/kiosk.ini\n/etc/kiosk/kitchen.ini\n/etc/kiosk/attendant.ini\n/etc/kiosk/backend.ini')" ] ||
    fail "conffiles: $(cat "$tmp/control/conffiles")"
for s in postinst prerm postrm; do
    [ -x "$tmp/control/$s" ] || fail "no executable $s"
    sh -n "$tmp/control/$s" || fail "$s: shell syntax"
done
# The configurations hold secrets: postinst closes each to other users.
for f in kiosk.ini kitchen.ini attendant.ini backend.ini; do
    grep -q 'for f in .*'"$f" "$tmp/control/postinst" || fail "postinst leaves /etc/kiosk/$f open"
done
grep -qF 'dpkg-statoverride --update --add root kiosk 0640 "/etc/kiosk/$f"' "$tmp/control/postinst" ||
    fail "postinst: no 0640 root:kiosk statoverride"

# The files, where the FHS and Debian 12 put them.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files"
for f in /usr/bin/kiosk /usr/bin/kitchen-display /usr/bin/attendant-console /usr/bin/kiosk-backend \
         /usr/share/kiosk/fonts/ /usr/share/kiosk/menus/restaurant.json \
         /usr/share/kiosk/menus/supermarket.json /usr/share/kiosk/LICENSES.md \
         /usr/share/doc/kiosk/copyright /usr/share/doc/kiosk/changelog.gz \
         /etc/kiosk/kiosk.ini /etc/kiosk/kitchen.ini /etc/kiosk/attendant.ini /etc/kiosk/backend.ini \
         /lib/systemd/system/kiosk.service /lib/systemd/system/kitchen-display.service \
         /lib/systemd/system/attendant-console.service \
         /lib/systemd/system/kiosk-backend.service /lib/systemd/system/kiosk-provision.service \
         /usr/libexec/kiosk/kiosk-provision /lib/udev/rules.d/70-kiosk.rules \
         /usr/bin/kiosk-backup /lib/systemd/system/kiosk-backup.service \
         /lib/systemd/system/kiosk-backup.timer /lib/systemd/system/kiosk-backend-pg-backup.service \
         /lib/systemd/system/kiosk-backend-pg-backup.timer /usr/libexec/kiosk/kiosk-backend-pg-backup \
         /usr/lib/sysusers.d/kiosk.conf /usr/lib/tmpfiles.d/kiosk.conf; do
    grep -qxF "$f" "$tmp/files" || fail "missing $f"
done
grep -q '^/usr/share/kiosk/demo' "$tmp/files" && fail "the demo's configurations are packaged"
grep -q '^/usr/local' "$tmp/files" && fail "files under /usr/local"
grep -q '^/var/lib/kiosk' "$tmp/files" && fail "/var/lib/kiosk is made by systemd-tmpfiles, not shipped"

# The units, verified in a root with the package's files and the machine's units.
dpkg-deb -x "$deb" "$tmp/root"
mkdir -p "$tmp/root/lib/systemd"
cp -a /lib/systemd/system/. "$tmp/root/lib/systemd/system/"
services=(kiosk.service kitchen-display.service attendant-console.service kiosk-backend.service)
units=("${services[@]}" kiosk-provision.service kiosk-backup.service kiosk-backup.timer
       kiosk-backend-pg-backup.service kiosk-backend-pg-backup.timer)
# The image's units beside them, with what they run (RAUC from this machine).
cp "$src"/image/rootfs/etc/systemd/system/*.service "$tmp/root/lib/systemd/system/"
mkdir -p "$tmp/root/usr/lib/kiosk/rauc" "$tmp/root/bin" "$tmp/root/usr/bin"
cp "$src"/image/rauc/*.sh "$tmp/root/usr/lib/kiosk/rauc/"
cp /bin/sh "$tmp/root/bin/sh"
cp /usr/bin/rauc "$tmp/root/usr/bin/rauc"
units+=(kiosk-boot-report.service kiosk-slot-good.service rauc.service kiosk-update@sda.service kiosk-reboot-when-idle.service)
if ! systemd-analyze --root="$tmp/root" verify "${units[@]/#/$tmp/root/lib/systemd/system/}" \
        >"$tmp/verify.log" 2>&1 || [ -s "$tmp/verify.log" ]; then
    cat "$tmp/verify.log" >&2
    fail "systemd-analyze verify"
fi
for u in "${services[@]}"; do
    unit="$tmp/root/lib/systemd/system/$u"
    for key in User=kiosk UMask=0027 Restart=always ProtectSystem=strict ReadWritePaths=/var/lib/kiosk \
               NoNewPrivileges=yes PrivateTmp=yes; do
        grep -qxF "$key" "$unit" || fail "$u: no $key"
    done
done
grep -qxF WatchdogSec=10s "$tmp/root/lib/systemd/system/kiosk.service" || fail "kiosk.service: no watchdog"
grep -qxF Type=notify "$tmp/root/lib/systemd/system/kiosk.service" || fail "kiosk.service: not Type=notify"

# The udev rules: every line parsed, every group known. A broken copy must be
# caught the same way, or the check itself is blind.
cp /etc/group "$tmp/group"
echo "kiosk:x:999:" >>"$tmp/group"
udev_complaints() { # RULES_FILE: udevadm's complaints about it, one a line
    local name
    name=$(basename "$1")
    unshare -m sh -c '
        mount -t tmpfs none /etc/udev/rules.d && cp "$1" /etc/udev/rules.d/ &&
        mount --bind "$2" /etc/group &&
        udevadm test --action=add /sys/class/tty/ptmx' sh "$1" "$tmp/group" >"$tmp/udev.log" 2>&1 ||
        { cat "$tmp/udev.log" >&2; echo "udevadm test failed"; return; }
    grep -q "Reading rules file: /etc/udev/rules.d/$name" "$tmp/udev.log" || echo "$name not read"
    grep "$name" "$tmp/udev.log" | grep -v 'Reading rules file' || true
}
rules="$tmp/root/lib/udev/rules.d/70-kiosk.rules"
complaints=$(udev_complaints "$rules")
[ -z "$complaints" ] || fail "udev rules: $complaints"
for image_rules in "$src"/image/rootfs/etc/udev/rules.d/*.rules; do
    complaints=$(udev_complaints "$image_rules")
    [ -z "$complaints" ] || fail "udev rules: $complaints"
done
{ cat "$rules"; echo 'SUBSYSTEM=="tty", GROP="kiosk"'; } >"$tmp/71-broken.rules"
[ -n "$(udev_complaints "$tmp/71-broken.rules")" ] || fail "a broken udev rule went unnoticed"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "package checks passed"
