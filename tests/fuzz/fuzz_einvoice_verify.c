/*
 * Fuzz target: arbitrary bytes as a signed e-invoice received from outside
 * (the ZATCA simulator's requests, a stored document read back). The hash
 * and the verifier must agree: a document the verifier accepts has a hash,
 * the same one on a second run and the one the verifier reports; a refusal
 * always says why; hashing is deterministic whether it succeeds or not.
 * Reading the document's facts (the backend's archive) accepts only what
 * the verifier accepts, with the same hash, and only facts in their ranges.
 */
#include "kiosk/einvoice/einvoice_verify.h"

#include "kiosk/common/uuid.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *xml = (const char *)data;
    uint8_t first[KS_INVOICE_HASH_BYTES], second[KS_INVOICE_HASH_BYTES];
    enum ks_invoice_hash_error e1 = ks_invoice_hash(xml, size, first);
    enum ks_invoice_hash_error e2 = ks_invoice_hash(xml, size, second);
    if (e1 != e2 || memcmp(first, second, sizeof first) != 0)
        __builtin_trap();
    static const uint8_t zero[KS_INVOICE_HASH_BYTES];
    if (e1 != KS_INVOICE_HASH_OK && memcmp(first, zero, sizeof zero) != 0)
        __builtin_trap();

    char hash[KS_INVOICE_HASH_B64] = "";
    char why[256] = "";
    bool ok = ks_einvoice_verify(xml, size, hash, why, sizeof why);
    if (ok && (e1 != KS_INVOICE_HASH_OK || why[0] != '\0'))
        __builtin_trap();
    if (!ok && why[0] == '\0')
        __builtin_trap();
    if (e1 == KS_INVOICE_HASH_OK) {
        char expected[KS_INVOICE_HASH_B64];
        ks_invoice_hash_base64(first, expected);
        if (strcmp(hash, expected) != 0)
            __builtin_trap();
    }

    ks_einvoice_facts facts;
    char read_why[256] = "";
    bool read = ks_einvoice_verify_read(xml, size, &facts, read_why, sizeof read_why);
    if (read != (read_why[0] == '\0') || (read && !ok))
        __builtin_trap();
    if (read &&
        (strcmp(facts.hash, hash) != 0 || !ks_uuid_ok(facts.uuid) || facts.icv < 1 ||
         (facts.kind != 388 && facts.kind != 381 && facts.kind != 383) || !facts.number[0] ||
         !facts.pih[0] || strlen(facts.issued) != 19 || facts.payable < 0))
        __builtin_trap();
    return 0;
}
