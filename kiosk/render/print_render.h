/*
 * From an order (or a day's figures) to what the printer prints: the
 * layout of the document (receipt.h, kitchen_ticket.h, summary.h), its raster at the printer's
 * width and resolution (doc_raster.h), and the ESC/POS job for the printer's profile
 * (devices/printer/escpos.h). Also the print worker's render callback,
 * which loads a stored job's order and payment (or its day's figures) first.
 *
 * A renderer keeps the fonts and glyph atlas between documents, so only
 * the first one pays for loading them. One thread at a time.
 */
#ifndef KIOSK_RENDER_PRINT_RENDER_H
#define KIOSK_RENDER_PRINT_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/common/buffer.h"
#include "devices/printer/profile.h"
#include "devices/printer/raster.h"
#include "kiosk/app/config.h"
#include "kiosk/domain/order.h"
#include "kiosk/render/receipt.h"
#include "kiosk/store/db.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/print_store.h"
#include "kiosk/store/refund_store.h"
#include "kiosk/store/report_store.h"

typedef struct ks_print_request {
    enum ks_print_kind kind;
    const ks_order *order;             /* borrowed; NULL for a summary */
    const ks_day_report *report;       /* summaries: the day's figures, borrowed */
    const ks_receipt_payment *payment; /* receipts: NULL when none was recorded */
    int64_t issued_at; /* receipts: the invoice time; summaries: the time printed; UTC seconds */
    enum ks_lang lang; /* receipts, counter slips and summaries: the main language */
    bool duplicate;    /* a further copy: marked as one */
    const char *qr;    /* receipts: the e-invoice's phase 2 QR; NULL: the phase 1 QR */
    const char *invoice_number;      /* receipts: the e-invoice's number; NULL: the order's */
    const ks_receipt_refund *refund; /* refund slips: the refund (order: the part given back) */
} ks_print_request;

typedef struct ks_print_renderer ks_print_renderer;

/*
 * A renderer for printer profile (static, borrowed) with the fonts of
 * font_dir, the store of cfg (copied) and kitchen tickets in kitchen_lang.
 * NULL when fonts are missing or memory runs out.
 */
ks_print_renderer *ks_print_renderer_new(const char *font_dir, const dev_printer_profile *profile,
                                         const ks_config *cfg, enum ks_lang kitchen_lang);

/* Accepts NULL. */
void ks_print_renderer_free(ks_print_renderer *renderer);

/* The document of req as a raster, owned by the caller (dev_raster_free); NULL on failure. */
dev_raster *ks_print_render_raster(ks_print_renderer *renderer, const ks_print_request *req);

/* Appends the ESC/POS job of req to out. False (out unchanged) on failure. */
bool ks_print_render_job(ks_print_renderer *renderer, const ks_print_request *req, dev_buffer *out);

/* A request for a stored order, with what it borrows. */
typedef struct ks_print_stored {
    ks_print_request req;       /* points into this struct */
    ks_order *order;            /* owned */
    ks_payment payment;         /* the approved payment, when req.payment is set */
    ks_receipt_payment receipt; /* req.payment points here when there is one */
    ks_einvoice_row einvoice;   /* req.qr points into it when the order has a signed invoice */
} ks_print_stored;

/*
 * Loads the order with this uuid and, for a receipt, its approved payment
 * and its signed e-invoice (the invoice time is the e-invoice's, else the
 * payment's, else the order's last change), for
 * a document of kind in the order's language. On success free it with
 * ks_print_stored_free; on failure nothing is held.
 */
enum ks_db_error ks_print_stored_load(ks_db *db, const char *order_uuid, enum ks_print_kind kind,
                                      ks_print_stored *out);

/* Frees what ks_print_stored_load loaded. Accepts a zeroed struct. */
void ks_print_stored_free(ks_print_stored *stored);

/* A refund slip's request, with what it borrows. */
typedef struct ks_print_refund {
    ks_print_request req;     /* points into this struct */
    ks_order *part;           /* owned: the lines given back (kiosk/store/refund_store.h) */
    ks_refund_row row;        /* the refund */
    ks_einvoice_row note;     /* its credit note, when phase 2 signed one (req.qr points here) */
    ks_einvoice_row invoice;  /* the invoice it corrects, when signed */
    ks_receipt_refund refund; /* req.refund points here */
} ks_print_refund;

/*
 * Loads refund refund_id of the stored order order_uuid for its slip: the
 * part given back, how and why, its credit note's QR and number (else the
 * phase 1 QR of the part), in the order's language, at the time it was
 * given back. KS_DB_ERR_ILLEGAL_TRANSITION for a refund not given back,
 * KS_DB_ERR_INVALID when it is of another order. On success free it with
 * ks_print_refund_free; on failure nothing is held.
 */
enum ks_db_error ks_print_refund_load(ks_db *db, const char *order_uuid, const char *refund_id,
                                      ks_print_refund *out);

/* Frees what ks_print_refund_load loaded. Accepts a zeroed struct. */
void ks_print_refund_free(ks_print_refund *refund);

/*
 * The print worker's ks_print_render_fn (kiosk/app/print_worker.h) with a
 * ks_print_renderer as ctx: loads the job's order and, for a receipt, its
 * approved payment through db, and appends the job's bytes to out. A job
 * whose copy was printed before is marked as a duplicate. A summary is of
 * the figures of its day for the renderer's store at the time it prints,
 * in the store's language.
 */
bool ks_print_render_stored(void *renderer, ks_db *db, const ks_print_job *job, dev_buffer *out,
                            char *why, size_t why_cap);

#endif
