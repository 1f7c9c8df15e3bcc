/*
 * E-receipts: the receipt of an order the backend holds, found by the
 * order's receipt token (kiosk/docs/backend-api.md, "E-receipts"), laid
 * out by the kiosk's own receipt layout (kiosk/render/receipt.h) and given
 * as a web page (kiosk/render/doc_html.h: Arabic and English, right to
 * left for an Arabic order, the ZATCA QR as an inline image) or as the
 * PNG of the printed receipt (kiosk/render/doc_raster.h).
 *
 * The seller and its VAT number are the backend's [receipts] settings;
 * the QR is ZATCA's phase 1 TLV (tags 1-5: seller, VAT number, the time
 * the order was paid, its total and VAT) made from them and the order.
 */
#ifndef KIOSK_BACKEND_BACKEND_RECEIPT_H
#define KIOSK_BACKEND_BACKEND_RECEIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/backend/backend_config.h"
#include "kiosk/domain/order.h"

/* Where the receipts are: GET /r/<token> (the page) and /r/<token>.png. */
#define KS_BACKEND_RECEIPT_PREFIX "/r/"

/*
 * True when path is /r/ and a receipt token (ks_receipt_token_ok), then
 * nothing or ".png"; the token goes into out, *png says which. Anything
 * else (shorter, longer, upper-case, another suffix) is false.
 */
bool ks_backend_receipt_path(const char *path, char out[KS_RECEIPT_TOKEN_LEN + 1], bool *png);

typedef struct ks_backend_receipts ks_backend_receipts;

/*
 * Receipts with cfg's [receipts] seller, numerals and fonts and its UTC
 * offset (copied). NULL when out of memory. One thread at a time: the PNG
 * renderer (its fonts loaded at the first PNG) is kept between receipts.
 */
ks_backend_receipts *ks_backend_receipts_new(const ks_backend_config *cfg);

/* Accepts NULL. */
void ks_backend_receipts_free(ks_backend_receipts *receipts);

/*
 * The receipt of order (borrowed) as a page (UTF-8 HTML) or as PNG, owned
 * by the caller (free()), *len bytes, numbered invoice_number (the signed
 * e-invoice's, as the kiosk printed it; NULL: the order's business date and
 * number). NULL (logged) when it cannot be made: the order's amounts or
 * QR, the fonts, memory.
 */
char *ks_backend_receipt_render(ks_backend_receipts *receipts, const ks_order *order,
                                const char *invoice_number, bool png, size_t *len);

#endif
