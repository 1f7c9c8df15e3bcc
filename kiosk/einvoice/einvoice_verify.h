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

#include <stdint.h>

#include "kiosk/einvoice/invoice_hash.h"

#define KS_EINVOICE_FACT_NUMBER_MAX 127 /* longest cbc:ID read */

/* What a signed document says of itself (ks_einvoice_verify_read). */
typedef struct ks_einvoice_facts {
    char hash[KS_INVOICE_HASH_B64];               /* recomputed from the document */
    char number[KS_EINVOICE_FACT_NUMBER_MAX + 1]; /* cbc:ID */
    char uuid[37];                                /* cbc:UUID, lowercase */
    int kind;                                     /* cbc:InvoiceTypeCode: 388, 381 or 383 */
    int64_t icv;                                  /* the ICV reference, 1 or more */
    char pih[89];    /* the PIH reference: a hash, or the chain's start value */
    char issued[20]; /* cbc:IssueDate and cbc:IssueTime: "YYYY-MM-DD HH:MM:SS", seller's time */
    int64_t payable; /* cac:LegalMonetaryTotal/cbc:PayableAmount in halalas */
} ks_einvoice_facts;

/*
 * True when xml[0..len) passes every check; else false and an English
 * reason in why[0..why_cap) ("the invoice hash does not match its
 * DigestValue"). hash_b64 (may be NULL) receives the recomputed hash.
 */
bool ks_einvoice_verify(const char *xml, size_t len, char hash_b64[KS_INVOICE_HASH_B64], char *why,
                        size_t why_cap);

/*
 * The same checks, and the document's own number, uuid, kind, ICV, PIH,
 * issue time and payable amount read into *facts: false with the reason
 * when a check fails or one of them is missing, repeated or malformed (a
 * uuid in uppercase is read in lowercase). For a receiver that keeps signed
 * documents (the backend's archive) and trusts only what the stamp covers.
 */
bool ks_einvoice_verify_read(const char *xml, size_t len, ks_einvoice_facts *facts, char *why,
                             size_t why_cap);

#endif
