/*
 * Checks a signed simplified e-invoice the way ZATCA's validator checks its
 * cryptographic stamp: the recomputed invoice hash equals the signature's
 * DigestValue and the QR's tag 6; the QR decodes with tags 1-9; tag 7 is the
 * ds:SignatureValue; tag 8 is the public key of the embedded certificate;
 * and the signature verifies with that key over the hash. Used by the
 * tests and by the ZATCA simulator.
 */
#ifndef KIOSK_EINVOICE_EINVOICE_VERIFY_H
#define KIOSK_EINVOICE_EINVOICE_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/einvoice/invoice_hash.h"

/*
 * True when xml[0..len) passes every check; else false and an English
 * reason in why[0..why_cap) ("the invoice hash does not match its
 * DigestValue"). hash_b64 (may be NULL) receives the recomputed hash.
 */
bool ks_einvoice_verify(const char *xml, size_t len, char hash_b64[KS_INVOICE_HASH_B64], char *why,
                        size_t why_cap);

#endif
