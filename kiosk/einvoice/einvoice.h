/*
 * Issuing one phase 2 e-invoice: the UBL document (ubl_invoice.h) is
 * written, hashed (invoice_hash.h), the hash signed with the device's stamp
 * key (stamp_key.h), the QR built with tags 1-9 (kiosk/domain/zatca_qr.h),
 * and the document written again with the signature and QR embedded.
 * Pure computation (no I/O, no clock): the caller gives the time, the ICV
 * and the previous hash, and stores the result (kiosk/store/einvoice_store.h).
 */
#ifndef KIOSK_EINVOICE_EINVOICE_H
#define KIOSK_EINVOICE_EINVOICE_H

#include <stddef.h>

#include "kiosk/domain/zatca_qr.h"
#include "kiosk/einvoice/invoice_hash.h"
#include "kiosk/einvoice/stamp_key.h"
#include "kiosk/einvoice/ubl_invoice.h"

/* The hash chain's start: base64 of the hex SHA-256 of "0" (the SDK's pih.txt). */
#define KS_EINVOICE_FIRST_PIH                                                                      \
    "NWZlY2ViNjZmZmM4NmYzOGQ5NTI3ODZjNmQ2OTZjNzljMmRiYzIzOWRkNGU5MWI0NjcyOWQ3M2EyN2ZiNTdlOQ=="

typedef struct ks_einvoice {
    char *xml; /* the signed document, malloc'd */
    size_t xml_len;
    char hash[KS_INVOICE_HASH_B64]; /* its invoice hash, base64: the next document's PIH */
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
} ks_einvoice;

enum ks_einvoice_error {
    KS_EINVOICE_OK,
    KS_EINVOICE_UNWRITABLE, /* the order cannot be written as UBL (see ks_ubl_write) */
    KS_EINVOICE_HASH,       /* hashing the document failed */
    KS_EINVOICE_SIGN,       /* OpenSSL could not sign */
    KS_EINVOICE_QR,         /* the QR does not fit (a seller name too long) */
};

const char *ks_einvoice_strerror(enum ks_einvoice_error err);

/* Issues doc signed with key at doc->issued_at into *out (free with ks_einvoice_clear). */
enum ks_einvoice_error ks_einvoice_issue(const ks_invoice_doc *doc, const ks_stamp_key *key,
                                         ks_einvoice *out);
void ks_einvoice_clear(ks_einvoice *invoice);

#endif
