/*
 * Writes a paid order as a UBL 2.1 simplified tax invoice (388), credit
 * note (381) or debit note (383), as ZATCA's XML Implementation Standard
 * lays it out: seller with address and VAT number, the ICV and PIH
 * references, each line with
 * its quantity, net unit price, discount as an allowance, VAT and VAT
 * category, the VAT breakdown per category, rate and exemption code, the
 * totals and the payment means.
 *
 * The document is written without whitespace between elements, so the
 * version without a stamp (what is hashed and signed) and the stamped
 * version (UBLExtensions with the XAdES signature, the QR reference,
 * cac:Signature) have the same invoice hash by construction.
 */
#ifndef KIOSK_EINVOICE_UBL_INVOICE_H
#define KIOSK_EINVOICE_UBL_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/order.h"
#include "kiosk/einvoice/stamp_key.h"

/* The seller, as registered with ZATCA; every field is required, borrowed. */
typedef struct ks_seller {
    const char *name;       /* registration name, UTF-8 */
    const char *vat_number; /* 15 digits, first and last '3' */
    const char *crn;        /* commercial registration number */
    const char *street;
    const char *building_number; /* 4 digits (BR-KSA-37) */
    const char *district;        /* CitySubdivisionName */
    const char *city;
    const char *postal_zone; /* 5 digits (BR-KSA-66) */
} ks_seller;

enum ks_invoice_kind {
    KS_INVOICE_TAX = 388,
    KS_INVOICE_CREDIT_NOTE = 381,
    KS_INVOICE_DEBIT_NOTE = 383, /* only ZATCA's onboarding compliance check issues one */
};
/* UNTDID 4461 codes. */
enum ks_payment_means { KS_PAYMENT_CASH = 10, KS_PAYMENT_CARD = 48 };

typedef struct ks_invoice_doc {
    enum ks_invoice_kind kind;
    const ks_order *order; /* lines, VAT rows and totals; borrowed */
    const ks_seller *seller;
    const char *id;     /* the invoice number, e.g. "demo-riyadh-01-kiosk-01-42" */
    const char *uuid;   /* the document's own v4 UUID */
    uint64_t icv;       /* invoice counter value, from 1 */
    const char *pih;    /* base64 hash of the previous document of the chain */
    int64_t issued_at;  /* UTC seconds */
    int utc_offset_min; /* IssueDate and IssueTime are store-local */
    enum ks_payment_means payment;
    const char *original_id; /* 381, 383: the invoice it corrects (BillingReference) */
    const char *reason;      /* 381, 383: why (PaymentMeans InstructionNote, BR-KSA-17) */
} ks_invoice_doc;

/* What the stamped version adds; all borrowed. */
typedef struct ks_invoice_stamp {
    const ks_stamp_key *key;
    const char *hash_b64;      /* the invoice hash */
    const char *signature_b64; /* ks_stamp_key_sign of that hash */
    const char *signing_time;  /* UTC "2023-01-24T11:16:44" */
    const char *qr;            /* the phase 2 QR text (tags 1-9) */
} ks_invoice_stamp;

/*
 * The document, NUL-terminated and malloc'd, its length in *len; with stamp
 * NULL, the version to hash. NULL when the order cannot be written (a line
 * whose VAT category does not fit its rate, a line of zero quantity, out of
 * memory).
 */
char *ks_ubl_write(const ks_invoice_doc *doc, const ks_invoice_stamp *stamp, size_t *len);

#endif
