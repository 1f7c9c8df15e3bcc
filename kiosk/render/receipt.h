/*
 * The customer's receipt, laid out from a stored order: a Saudi simplified
 * tax invoice ("فاتورة ضريبية مبسطة / Simplified Tax Invoice"), bilingual,
 * with the ZATCA QR code (tags 1-5), and the counter slip of an order to be
 * paid at the counter (no invoice, no QR), and a refund's slip: the
 * simplified credit note ("إشعار دائن مبسط / Simplified Credit Note") of
 * the lines given back, how and why, with the credit note's QR. The main
 * language (the
 * customer's) sets the direction: in Arabic the item names are on the
 * right and the amounts on the left. Bilingual rows (VAT number, date,
 * invoice number ...) carry both labels in both languages.
 *
 * Pure layout: order in, kiosk/render/doc.h document out.
 */
#ifndef KIOSK_RENDER_RECEIPT_H
#define KIOSK_RENDER_RECEIPT_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/zatca_qr.h"
#include "kiosk/render/doc.h"

enum ks_tender { KS_TENDER_CARD, KS_TENDER_CASH };

/*
 * What the receipt says about the payment, as the payment layer reports
 * it. Strings are borrowed and may be NULL or "".
 */
typedef struct ks_receipt_payment {
    enum ks_tender tender;
    const char *scheme;        /* card scheme as the terminal names it: "mada", "VISA" */
    const char *masked_card;   /* as the terminal masks it ("484783******1234"); only its
                                  last four digits are printed */
    const char *approval_code; /* the issuer's approval (authorisation) code */
    ks_money amount;           /* charged, minor units */
} ks_receipt_payment;

enum ks_receipt_kind {
    KS_RECEIPT_INVOICE, /* paid: the simplified tax invoice with its QR code */
    KS_RECEIPT_COUNTER, /* to be paid at the counter: order number, lines and total */
    KS_RECEIPT_REFUND,  /* a refund given back: its credit note with its QR code */
};

/* What a refund slip says besides its lines (strings borrowed, "" when unknown). */
typedef struct ks_receipt_refund {
    enum ks_tender tender;      /* back to the card, or cash handed over */
    const char *reason;         /* as recorded (English: "wrong item" ...) */
    const char *refund_id;      /* the refund's uuid */
    const char *invoice_number; /* the invoice it corrects; "" when none was signed */
} ks_receipt_refund;

typedef struct ks_receipt_input {
    const ks_order *order;             /* borrowed */
    const ks_config *cfg;              /* store names, VAT number, UTC offset, numerals; borrowed */
    const ks_receipt_payment *payment; /* NULL when none is to be printed */
    int64_t issued_at;                 /* UTC seconds: the invoice's date and time */
    enum ks_lang lang;                 /* the main language */
    bool duplicate;                    /* a reprint: marked as a copy */
    const char *qr; /* the signed e-invoice's phase 2 QR (tags 1-9); NULL: phase 1, made here */
    const char *invoice_number; /* the signed e-invoice's number; NULL: business date-order no. */
    const ks_receipt_refund *refund; /* KS_RECEIPT_REFUND: the refund; its order is the part
                                        given back (ks_refund_build); else NULL */
} ks_receipt_input;

/*
 * The receipt of kind for in (borrowed during the call), owned by the
 * caller (ks_doc_free). NULL when out of memory, when the order's amounts
 * cannot be formatted, for a refund slip without in->refund, or, for an
 * invoice or a credit note, when the QR code cannot be made (see
 * ks_receipt_qr_text).
 */
ks_doc *ks_receipt_layout(const ks_receipt_input *in, enum ks_receipt_kind kind);

/*
 * The invoice's ZATCA QR text (base64 TLV, NUL-terminated): seller name
 * (the Arabic store name, else the English one), VAT number, issued_at as
 * UTC "YYYY-MM-DDTHH:MM:SSZ", the order's total and VAT total.
 */
enum ks_zatca_qr_error ks_receipt_qr_text(const ks_receipt_input *in,
                                          char out[KS_ZATCA_QR_MAX_CHARS + 1]);

#endif
