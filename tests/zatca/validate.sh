#!/usr/bin/env bash
# Validates the e-invoices this program issues the way ZATCA does, with the
# SDK's own rules: the UBL 2.1 XSD (xmllint) and both compiled schematrons,
# EN 16931 and ZATCA's KSA rules (Saxon-HE, XSLT 2.0). Every issued document
# must pass with zero errors and zero warnings and its stamp must
# verify (hash, QR, signature: ks_einvoice_verify); every *_Error.xml sample
# of the SDK must fail one of these, so the check is known to bite.
#
#   validate.sh TEST_EINVOICE_BINARY SDK_DIR WORK_DIR
set -euo pipefail
issuer=$1 sdk=$2 work=$3
xsd=$sdk/Schemas/xsds/UBL2.1/xsd/maindoc/UBL-Invoice-2.1.xsd
rules=("$sdk/Rules/schematrons/CEN-EN16931-UBL.xsl"
       "$sdk/Rules/schematrons/20210819_ZATCA_E-invoice_Validation_Rules.xsl")
saxon=/usr/share/java/Saxon-HE.jar

rm -rf "$work" && mkdir -p "$work/issued" "$work/errors"
# The issuer empties its own temporary folder (tests/support/check.h): not this one.
KIOSK_TEST_TMPDIR="$work/issuer" "$issuer" --write "$work/issued"
cp "$sdk"/Samples/Simplified/*/*_Error.xml "$work/errors/"
# And one of ours broken in a way only the rules see (a VAT number of 3
# digits, BR-KSA-40): the schematrons themselves must bite, not only the hash.
mkdir -p "$work/broken"
sed 's|<cbc:CompanyID>[0-9]*</cbc:CompanyID>|<cbc:CompanyID>399</cbc:CompanyID>|' \
    "$work/issued/restaurant_invoice.xml" > "$work/broken/bad_vat_number.xml"
# And a zero-rated row with an exemption code of category E (BR-KSA-CL-04).
sed 's|>VATEX-SA-35<|>VATEX-SA-29<|' \
    "$work/issued/vat_categories_invoice.xml" > "$work/broken/bad_exemption_code.xml"

# libxml2 holds xs:integer in 24 digits, and a certificate serial number has
# more (the SDK's own samples fail xmllint for that alone): the XSD check
# runs on a copy with the serial shortened; the schematrons see the original.
xsd_errors() {
    local copy="$work/xsd-copy.xml"
    sed -E 's|(<ds:X509SerialNumber>)[0-9]+(</ds:X509SerialNumber>)|\11\2|' "$1" > "$copy"
    xmllint --noout --nonet --schema "$xsd" "$copy" 2>&1 | grep -v ' validates$' || true
}

# Runs both schematrons over every file of dir: SVRL reports in dir.svrl-N/.
run_rules() {
    local dir=$1 n=0
    for xsl in "${rules[@]}"; do
        n=$((n + 1))
        mkdir -p "$dir.svrl-$n"
        java -cp "$saxon" net.sf.saxon.Transform -s:"$dir" -xsl:"$xsl" -o:"$dir.svrl-$n" >/dev/null
    done
}

# The failed assertions of one file's reports, one per line: "flag id: text".
failed_asserts() {
    python3 - "$1".svrl-*/"$2" <<'PY'
import sys, xml.etree.ElementTree as ET
svrl = "{http://purl.oclc.org/dsdl/svrl}"
for path in sys.argv[1:]:
    for a in ET.parse(path).iter(svrl + "failed-assert"):
        text = " ".join((a.findtext(svrl + "text") or "").split())
        print(f"{a.get('flag', 'error')} {a.get('id', '?')}: {text}")
PY
}

run_rules "$work/issued"
run_rules "$work/errors"
run_rules "$work/broken"

status=0
for f in "$work"/issued/*.xml; do
    name=$(basename "$f")
    schema=$(xsd_errors "$f")
    if ! "$issuer" --verify "$f"; then
        status=1
    fi
    asserts=$(failed_asserts "$work/issued" "$name")
    errors=$(grep -v '^warning ' <<<"$asserts" | grep -c . || true)
    warnings=$(grep '^warning ' <<<"$asserts" | grep -c . || true)
    if [ -n "$schema" ] || [ "$errors" -gt 0 ] || [ "$warnings" -gt 0 ]; then
        echo "FAIL $name: XSD: ${schema:-ok}; $errors schematron errors, $warnings warnings"
        grep -v '^warning ' <<<"$asserts" || true
        status=1
    else
        echo "ok   $name: XSD valid, 0 schematron errors, $warnings warnings"
    fi
    grep '^warning ' <<<"$asserts" || true
done
for f in "$work"/errors/*.xml; do
    name=$(basename "$f")
    errors=$(failed_asserts "$work/errors" "$name" | grep -v '^warning ' | grep -c . || true)
    if ! "$issuer" --verify "$f"; then
        errors=$((errors + 1))
    fi
    if [ "$errors" -eq 0 ]; then
        echo "FAIL $name: the SDK's error sample passed the rules"
        status=1
    else
        echo "ok   $name: refused ($errors errors)"
    fi
done
# Each broken document must be flagged by the rule it breaks (an error, or a
# warning, which the documents issued may not have either).
for case in "bad_vat_number.xml BR-KSA-40" "bad_exemption_code.xml BR-KSA-CL-04"; do
    read -r name rule <<<"$case"
    broken=$(failed_asserts "$work/broken" "$name" || true)
    if grep -q "$rule" <<<"$broken"; then
        echo "ok   $name: refused by the rules ($(grep -c . <<<"$broken") failed asserts)"
    else
        echo "FAIL $name: the rules did not refuse it with $rule"
        status=1
    fi
done
exit $status
