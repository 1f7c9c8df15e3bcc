#!/usr/bin/env bash
# A development signing key for RAUC bundles, made once per build tree and
# never committed: a CA ("Kiosk development CA", the keyring the image
# trusts) and a signing key with its certificate from that CA.
#   dev-keys.sh DIR    -> DIR/ca.pem, DIR/ca.key, DIR/signing.pem, DIR/signing.key
# Existing files are kept, so every bundle of a build tree is signed alike.
# A production box gets the keyring of the real CA instead (KIOSK_RAUC_KEYRING
# for image/build-image.sh) and bundles are signed with its key, kept off the
# build machine (KIOSK_RAUC_CERT, KIOSK_RAUC_KEY for image/build-bundle.sh; the
# key may be a PKCS#11 URI of a token): README.md, "Updates".
set -euo pipefail
dir=${1:?usage: dev-keys.sh DIR}
[ -s "$dir/signing.pem" ] && [ -s "$dir/ca.pem" ] && exit 0
mkdir -p "$dir"
(
    umask 077
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key"
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/signing.key"
)
openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 3650 -out "$dir/ca.pem" \
    -subj "/O=Kiosk development/CN=Kiosk development CA $(date -u +%Y%m%d%H%M%S)" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -new -key "$dir/signing.key" -sha256 -subj "/O=Kiosk development/CN=Kiosk development bundle signing" \
    -out "$dir/signing.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n' >"$dir/signing.ext"
openssl x509 -req -in "$dir/signing.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -sha256 -days 3650 -extfile "$dir/signing.ext" -out "$dir/signing.pem" 2>/dev/null
rm -f "$dir/signing.csr" "$dir/signing.ext" "$dir/ca.srl"
