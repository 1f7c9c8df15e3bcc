#!/usr/bin/env bash
# ctest image.provision: first-boot provisioning (image/provision/kiosk-provision.sh)
# against folders standing in for the boot partition and /etc/kiosk, with
# this build's kiosk program as the judge. A good file is applied once
# (provisioned.ini replaced, 0640 root:kiosk, the boot partition's file
# renamed .done) and a rerun changes nothing; a bad file is refused with its
# line and reason in the journal's words and the status file, and the
# previous configuration stays as it was. Runs in a private mount namespace
# where the kiosk group exists.
#   provision_check.sh BUILD_DIR SOURCE_DIR TMP_DIR
set -euo pipefail
build=$1 src=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp/esp" "$tmp/etc" "$tmp/run"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The box before: the package's kiosk.ini with the image's PIN (0640, as the
# package's postinst and the image leave it), an earlier provisioning.
sed 's/^; staff_pin =$/staff_pin = 482913/' "$src/image/etc/kiosk.ini" >"$tmp/etc/kiosk.ini"
chmod 0640 "$tmp/etc/kiosk.ini"
printf '[store]\nid = store-old\n' >"$tmp/etc/provisioned.ini"
cp /etc/group "$tmp/group"
echo "kiosk:x:4242:" >>"$tmp/group"

provision() { # runs the provisioning as kiosk-provision.service would; its status, stderr in $tmp/err
    local rc=0
    unshare -m bash -c 'mount --bind "$1" /etc/group && bash "$2"' sh "$tmp/group" \
        "$src/image/provision/kiosk-provision.sh" 2>"$tmp/err" || rc=$?
    return $rc
}
export KIOSK_PROVISION_ESP="$tmp/esp" KIOSK_ETC="$tmp/etc" KIOSK_PROVISION_STATUS="$tmp/run/provisioning"
export KIOSK_BIN="$build/kiosk/programs/kiosk"
ini="$tmp/esp/kiosk-provision.ini"

# A good file: the store's settings, devices and secrets.
cat >"$ini" <<'INI'
; provisioning for kiosk 3 of store 17
[store]
id = store-17
[kiosk]
id = kiosk-03
number_series = 3
[network]
token = a1B2c3D4e5F6g7H8i9J0k1L2
backend_url = https://backend.example.com/v1/orders
kitchen_urls = http://10.0.0.5:8080/v1/orders
[devices]
terminal = nexo+https://10.0.0.7:8443/nexo?poi=P400-1&sale=KIOSK-03&key_id=K&key_version=1&passphrase_file=/etc/kiosk/nexo.key&ca=/etc/kiosk/terminal-ca.pem
printer = tcp://10.0.0.9:9100
INI
cp "$ini" "$tmp/good.ini"
provision || fail "a good file refused: $(cat "$tmp/err")"
cmp -s "$tmp/good.ini" "$tmp/etc/provisioned.ini" || fail "provisioned.ini is not the provisioning file"
[ "$(stat -c '%a %u %g' "$tmp/etc/provisioned.ini")" = "640 0 4242" ] ||
    fail "provisioned.ini is $(stat -c '%a %u %g' "$tmp/etc/provisioned.ini"), not 640 root:kiosk"
[ ! -e "$ini" ] || fail "the applied file is still on the boot partition"
cmp -s "$tmp/good.ini" "$ini.done" || fail "no kiosk-provision.ini.done"
[ "$(head -n1 "$tmp/run/provisioning")" = applied ] || fail "status: $(cat "$tmp/run/provisioning")"
ls -A "$tmp/etc" | grep -v -x -e kiosk.ini -e provisioned.ini && fail "files left in /etc/kiosk"
"$KIOSK_BIN" --config "$tmp/etc/kiosk.ini" --config "$tmp/etc/provisioned.ini" --check-config \
    2>/dev/null || fail "the kiosk refuses the provisioned configuration"

# Once only: a second run finds nothing to do and changes nothing.
touch -d '2001-01-01' "$tmp/etc/provisioned.ini"
provision || fail "a rerun failed: $(cat "$tmp/err")"
[ "$(stat -c %Y "$tmp/etc/provisioned.ini")" = "$(date -d 2001-01-01 +%s)" ] ||
    fail "a rerun wrote provisioned.ini again"
cmp -s "$tmp/good.ini" "$tmp/etc/provisioned.ini" || fail "a rerun changed provisioned.ini"
[ ! -e "$tmp/run/provisioning" ] || fail "a rerun left a status"

# Bad files: refused with the line and the reason; nothing changes, the file stays.
refused() { # LINE REASON: the file in $ini is refused for that
    provision && fail "a bad file was applied (line $1)"
    local want="kiosk-provision.ini line $1: $2"
    grep -qF "$want" "$tmp/err" || fail "journal: '$(cat "$tmp/err")', wanted '$want'"
    [ "$(head -n1 "$tmp/run/provisioning")" = refused ] || fail "status not refused (line $1)"
    grep -qF "$want" "$tmp/run/provisioning" || fail "status: '$(cat "$tmp/run/provisioning")'"
    cmp -s "$tmp/good.ini" "$tmp/etc/provisioned.ini" || fail "a refused file changed the config"
    [ -e "$ini" ] || fail "a refused file left the boot partition"
    [ ! -e "$tmp/etc/.provisioned.ini.new" ] || fail "a refused copy left in /etc/kiosk"
}
printf '[store]\nid = store-18\n[network]\nbackend_url = http://203.0.113.5/v1/orders\n' >"$ini"
refused 4 "[network] backend_url:"
printf '[store]\nid = Store 18\n' >"$ini"
refused 2 "[store] id: expected 1-32 characters"
printf '[devices]\nprinter = lpt://1\n' >"$ini"
refused 2 "[devices] printer:"
printf '[kiosk]\nstaf_pin = 1234\n' >"$ini"
refused 2 "[kiosk] staf_pin: unknown setting"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "provisioning checks passed"
