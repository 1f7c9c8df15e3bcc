/* Orders to printer jobs: see kiosk/render/print_render.h. */
#include "kiosk/render/print_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/printer/escpos.h"
#include "kiosk/render/doc_raster.h"
#include "kiosk/render/kitchen_ticket.h"
#include "kiosk/render/summary.h"
#include "kiosk/store/order_store.h"

struct ks_print_renderer {
    const dev_printer_profile *profile; /* static */
    ks_config cfg;
    enum ks_lang kitchen_lang;
    ks_doc_renderer *doc; /* owned */
};

ks_print_renderer *ks_print_renderer_new(const char *font_dir, const dev_printer_profile *profile,
                                         const ks_config *cfg, enum ks_lang kitchen_lang)
{
    if (!profile || !cfg)
        return NULL;
    ks_print_renderer *r = calloc(1, sizeof *r);
    if (!r)
        goto error;
    r->profile = profile;
    r->cfg = *cfg;
    r->kitchen_lang = kitchen_lang;
    r->doc = ks_doc_renderer_new(font_dir, profile->width_dots, profile->dpi);
    if (!r->doc)
        goto error;
    return r;
error:
    ks_print_renderer_free(r);
    return NULL;
}

void ks_print_renderer_free(ks_print_renderer *r)
{
    if (!r)
        return;
    ks_doc_renderer_free(r->doc);
    free(r);
}

static ks_doc *layout(const ks_print_renderer *r, const ks_print_request *req)
{
    if (req->kind == KS_PRINT_KITCHEN)
        return ks_kitchen_ticket_layout(req->order, &r->cfg, r->kitchen_lang, req->duplicate);
    if (req->kind == KS_PRINT_SUMMARY)
        return req->report ? ks_summary_layout(req->report, &r->cfg, req->issued_at, req->lang)
                           : NULL;
    if (!req->order)
        return NULL;
    const ks_receipt_input in = {
        .order = req->order,
        .cfg = &r->cfg,
        .payment = req->payment,
        .issued_at = req->issued_at,
        .lang = req->lang,
        .duplicate = req->duplicate,
        .qr = req->qr,
        .invoice_number = req->invoice_number,
        .refund = req->refund,
    };
    enum ks_receipt_kind kind = req->kind == KS_PRINT_RECEIPT  ? KS_RECEIPT_INVOICE
                                : req->kind == KS_PRINT_REFUND ? KS_RECEIPT_REFUND
                                                               : KS_RECEIPT_COUNTER;
    return ks_receipt_layout(&in, kind);
}

dev_raster *ks_print_render_raster(ks_print_renderer *r, const ks_print_request *req)
{
    ks_doc *doc = layout(r, req);
    dev_raster *raster = doc ? ks_doc_render(r->doc, doc) : NULL;
    ks_doc_free(doc);
    return raster;
}

bool ks_print_render_job(ks_print_renderer *r, const ks_print_request *req, dev_buffer *out)
{
    dev_raster *raster = ks_print_render_raster(r, req);
    bool ok = raster && dev_escpos_build_job(out, r->profile, raster) == DEV_ESCPOS_OK;
    dev_raster_free(raster);
    return ok;
}

enum ks_db_error ks_print_stored_load(ks_db *db, const char *order_uuid, enum ks_print_kind kind,
                                      ks_print_stored *out)
{
    memset(out, 0, sizeof *out);
    enum ks_db_error err = ks_order_store_load(db, order_uuid, &out->order);
    if (err != KS_DB_OK)
        return err;
    bool paid = false;
    if (kind == KS_PRINT_RECEIPT) {
        err = ks_print_store_payment_of(db, order_uuid, &out->payment);
        if (err != KS_DB_OK && err != KS_DB_ERR_NOT_FOUND) {
            ks_print_stored_free(out);
            return err;
        }
        paid = err == KS_DB_OK;
        err = ks_einvoice_store_find(db, order_uuid, 388, &out->einvoice);
        if (err != KS_DB_OK && err != KS_DB_ERR_NOT_FOUND) {
            ks_print_stored_free(out);
            return err;
        }
    }
    if (paid)
        out->receipt = (ks_receipt_payment){
            .tender = KS_TENDER_CARD,
            .scheme = out->payment.method,
            .masked_card = out->payment.masked_card,
            .approval_code = out->payment.approval_code,
            .amount = out->payment.amount,
        };
    out->req = (ks_print_request){
        .kind = kind,
        .order = out->order,
        .payment = paid ? &out->receipt : NULL,
        .issued_at = out->einvoice.icv ? out->einvoice.issued_at
                     : paid            ? out->payment.updated_at
                                       : out->order->updated_at,
        .lang = out->order->lang,
        .qr = out->einvoice.icv ? out->einvoice.qr : NULL,
        .invoice_number = out->einvoice.icv ? out->einvoice.number : NULL,
    };
    return KS_DB_OK;
}

void ks_print_stored_free(ks_print_stored *stored)
{
    ks_order_free(stored->order);
    memset(stored, 0, sizeof *stored);
}

enum ks_db_error ks_print_refund_load(ks_db *db, const char *order_uuid, const char *refund_id,
                                      ks_print_refund *out)
{
    memset(out, 0, sizeof *out);
    ks_order *order = NULL;
    enum ks_db_error err = ks_refund_store_load(db, refund_id, &out->row);
    if (err == KS_DB_OK && strcmp(out->row.order_uuid, order_uuid) != 0)
        err = KS_DB_ERR_INVALID;
    if (err == KS_DB_OK && out->row.status != KS_REFUND_GIVEN_BACK &&
        out->row.status != KS_REFUND_DONE)
        err = KS_DB_ERR_ILLEGAL_TRANSITION;
    if (err == KS_DB_OK)
        err = ks_order_store_load(db, order_uuid, &order);
    if (err == KS_DB_OK)
        err = ks_refund_store_part(db, refund_id, order, &out->part);
    enum ks_db_error found = err;
    if (err == KS_DB_OK) {
        found = ks_einvoice_store_find_refund(db, refund_id, &out->note);
        if (found == KS_DB_OK || found == KS_DB_ERR_NOT_FOUND)
            found = ks_einvoice_store_find(db, order_uuid, 388, &out->invoice);
        if (found != KS_DB_ERR_NOT_FOUND)
            err = found;
    }
    ks_order_free(order);
    if (err != KS_DB_OK) {
        ks_print_refund_free(out);
        return err;
    }
    out->refund = (ks_receipt_refund){
        .tender = out->row.method == KS_REFUND_CASH ? KS_TENDER_CASH : KS_TENDER_CARD,
        .reason = out->row.reason,
        .refund_id = out->row.id,
        .invoice_number = out->invoice.icv ? out->invoice.number : "",
    };
    out->req = (ks_print_request){
        .kind = KS_PRINT_REFUND,
        .order = out->part,
        .issued_at = out->note.icv ? out->note.issued_at : out->row.updated_at,
        .lang = out->part->lang,
        .qr = out->note.icv ? out->note.qr : NULL,
        .invoice_number = out->note.icv ? out->note.number : NULL,
        .refund = &out->refund,
    };
    return KS_DB_OK;
}

void ks_print_refund_free(ks_print_refund *refund)
{
    ks_order_free(refund->part);
    memset(refund, 0, sizeof *refund);
}

/* A refund slip job. */
static bool render_refund(ks_print_renderer *r, ks_db *db, const ks_print_job *job, dev_buffer *out,
                          char *why, size_t why_cap)
{
    ks_print_refund refund;
    enum ks_db_error err = ks_print_refund_load(db, job->order_uuid, job->refund_id, &refund);
    if (err != KS_DB_OK) {
        snprintf(why, why_cap, "refund %s: %s", job->refund_id, ks_db_strerror(err));
        return false;
    }
    refund.req.duplicate = job->printed_at != 0;
    bool ok = ks_print_render_job(r, &refund.req, out);
    if (!ok)
        snprintf(why, why_cap, "the slip of refund %s could not be drawn", job->refund_id);
    ks_print_refund_free(&refund);
    return ok;
}

/* A summary job: the day's figures as they stand now. */
static bool render_summary(ks_print_renderer *r, ks_db *db, const ks_print_job *job,
                           dev_buffer *out, char *why, size_t why_cap)
{
    ks_day_report report;
    enum ks_db_error err = ks_report_day(db, r->cfg.store_id, job->business_date, &report);
    if (err != KS_DB_OK) {
        snprintf(why, why_cap, "the figures of %s: %s", job->business_date, ks_db_strerror(err));
        return false;
    }
    const ks_print_request req = {
        .kind = KS_PRINT_SUMMARY,
        .report = &report,
        .issued_at = (int64_t)time(NULL),
        .lang = r->cfg.language,
    };
    if (ks_print_render_job(r, &req, out))
        return true;
    snprintf(why, why_cap, "the summary of %s could not be drawn", job->business_date);
    return false;
}

bool ks_print_render_stored(void *ctx, ks_db *db, const ks_print_job *job, dev_buffer *out,
                            char *why, size_t why_cap)
{
    if (job->kind == KS_PRINT_SUMMARY)
        return render_summary(ctx, db, job, out, why, why_cap);
    if (job->kind == KS_PRINT_REFUND)
        return render_refund(ctx, db, job, out, why, why_cap);
    ks_print_stored stored;
    enum ks_db_error err = ks_print_stored_load(db, job->order_uuid, job->kind, &stored);
    if (err != KS_DB_OK) {
        snprintf(why, why_cap, "order %s: %s", job->order_uuid, ks_db_strerror(err));
        return false;
    }
    stored.req.duplicate = job->printed_at != 0;
    bool ok = ks_print_render_job(ctx, &stored.req, out);
    if (!ok)
        snprintf(why, why_cap, "the %s of order %s could not be drawn",
                 ks_print_kind_name(job->kind), job->order_uuid);
    ks_print_stored_free(&stored);
    return ok;
}
