/* Issuing e-invoices into the chain: see einvoicing.h. */
#define LOG_TAG "einvoicing"
#include "kiosk/app/einvoicing.h"

#include <inttypes.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/common/uuid.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/common/log.h"
#include "kiosk/einvoice/einvoice.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/outbox.h"

struct ks_einvoicing {
    ks_stamp_key *key;
    ks_config cfg;    /* a copy: the seller's fields, store and kiosk ids, UTC offset */
    ks_seller seller; /* points into cfg */
};

const char *ks_einvoicing_first_pih(void)
{
    return KS_EINVOICE_FIRST_PIH;
}

/* The device key with the production CSID's certificate ([zatca] credentials). */
static ks_stamp_key *stamp_from_csid(const ks_config *cfg, char *why, size_t why_cap)
{
    char key_path[sizeof cfg->zatca_private_key + 16];
    if (!ks_zatca_device_key_path(cfg, key_path, sizeof key_path)) {
        snprintf(why, why_cap, "the device key's path is too long");
        return NULL;
    }
    ks_zatca_csid *csid = calloc(1, sizeof *csid);
    if (!csid || !ks_zatca_credentials_load(cfg->zatca_credentials, csid)) {
        snprintf(why, why_cap,
                 "the production CSID in %s cannot be used (it must be a CSID file of this "
                 "user with mode 0600, see the log)",
                 cfg->zatca_credentials);
        free(csid);
        return NULL;
    }
    ks_stamp_key *key = ks_stamp_key_from_token(csid->token, key_path, why, why_cap);
    free(csid);
    if (key)
        LOG_INFO("e-invoices are signed with the production CSID's certificate (%s) and the "
                 "device key %s",
                 cfg->zatca_credentials, key_path);
    return key;
}

/*
 * The stamp: [zatca] certificate and private_key when set; else, when
 * kiosk-zatca-onboard left a production CSID in [zatca] credentials, its
 * certificate with the device key; else none (why "").
 */
static ks_stamp_key *open_stamp(const ks_config *cfg, char *why, size_t why_cap)
{
    bool has_cert = cfg->zatca_certificate[0], has_key = cfg->zatca_private_key[0];
    if (has_cert && has_key) {
        ks_stamp_key *key =
            ks_stamp_key_load(cfg->zatca_certificate, cfg->zatca_private_key, why, why_cap);
        if (key)
            LOG_INFO("e-invoices are signed with [zatca] certificate %s", cfg->zatca_certificate);
        return key;
    }
    if (has_cert) {
        snprintf(why, why_cap, "[zatca] certificate and private_key go together: one is missing");
        return NULL;
    }
    struct stat st;
    if (lstat(cfg->zatca_credentials, &st) == 0)
        return stamp_from_csid(cfg, why, why_cap);
    if (has_key)
        snprintf(why, why_cap,
                 "[zatca] private_key without certificate needs the production CSID in %s "
                 "(kiosk-zatca-onboard)",
                 cfg->zatca_credentials);
    return NULL;
}

ks_einvoicing *ks_einvoicing_open(const ks_config *cfg, char *why, size_t why_cap)
{
    why[0] = '\0';
    ks_einvoicing *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(why, why_cap, "out of memory");
        return NULL;
    }
    e->key = open_stamp(cfg, why, why_cap);
    if (!e->key) {
        free(e);
        return NULL;
    }
    /*
     * libxml2 is loaded on its first call (devices/common/libxml2_on_demand.c, which also sets
     * its parser up then): here, on the main thread before any worker uses it, and only where
     * e-invoices are made; a kiosk without phase 2 never loads it.
     */
    xmlInitParser();
    e->cfg = *cfg;
    e->seller = ks_einvoicing_seller(&e->cfg);
    return e;
}

ks_seller ks_einvoicing_seller(const ks_config *c)
{
    return (ks_seller){
        .name = c->legal_name[0] ? c->legal_name : c->store_name_ar,
        .vat_number = c->vat_number,
        .crn = c->crn,
        .street = c->street,
        .building_number = c->building_number,
        .district = c->district,
        .city = c->city,
        .postal_zone = c->postal_code,
    };
}

void ks_einvoicing_close(ks_einvoicing *e)
{
    if (!e)
        return;
    ks_stamp_key_free(e->key);
    free(e);
}

/* The report's members but the document: {"invoiceHash", "uuid"}. */
static char *report_head(const ks_einvoice *inv, const char *uuid)
{
    json_t *body = json_pack("{s:s, s:s}", "invoiceHash", inv->hash, "uuid", uuid);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}

char *ks_einvoicing_report_body(const ks_einvoice *inv, const char *uuid)
{
    char *head = report_head(inv, uuid);
    char *text =
        head ? ks_outbox_attach(head, KS_OUTBOX_DOCUMENT_BASE64, inv->xml, inv->xml_len) : NULL;
    free(head);
    return text;
}

/* The chain's archive copy for the backend but the document: {"store_id", "order_uuid"}. */
static char *archive_head(const ks_einvoicing *e, const char *order_uuid)
{
    json_t *body = json_pack("{s:s, s:s}", "store_id", e->cfg.store_id, "order_uuid", order_uuid);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}

/*
 * Inside the issuing transaction, after the document of ICV icv is stored:
 * its report to ZATCA and its copy for the chain's archive (the backend's
 * POST /v1/einvoices), each naming the stored document rather than holding
 * a copy of it (kiosk/store/outbox.h): the report gets it in base64 as
 * "invoice", the archive's copy as text as "xml", when they are sent.
 */
static enum ks_db_error queue_copies(const ks_einvoicing *e, ks_db *db, const char *order_uuid,
                                     const ks_einvoice *inv, const char *uuid, int64_t icv,
                                     int64_t now)
{
    char *report = report_head(inv, uuid);
    char *archive = report ? archive_head(e, order_uuid) : NULL;
    enum ks_db_error err = archive ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
    if (err == KS_DB_OK) {
        const ks_outbox_message m = {.destination = KS_EINVOICING_DESTINATION,
                                     .payload = report,
                                     .document = icv,
                                     .document_as = KS_OUTBOX_DOCUMENT_BASE64};
        err = ks_outbox_enqueue(db, order_uuid, &m, now);
    }
    if (err == KS_DB_OK) {
        const ks_outbox_message m = {.destination = "backend",
                                     .path = KS_EINVOICING_ARCHIVE_PATH,
                                     .payload = archive,
                                     .document = icv,
                                     .document_as = KS_OUTBOX_DOCUMENT_XML};
        err = ks_outbox_enqueue(db, order_uuid, &m, now);
    }
    free(report);
    free(archive);
    return err;
}

static bool document_uuid(const ks_order *order, enum ks_invoice_kind kind, char out[37])
{
    if (kind == KS_INVOICE_TAX) { /* the invoice is the order's: one uuid across systems */
        memcpy(out, order->uuid, 37);
        return true;
    }
    return ks_uuid_new(out);
}

/*
 * Issues the document of kind for order listing the lines, totals and VAT of
 * listed (the order itself, or a refund's part of it), of refund refund_id
 * ("" for none); see ks_einvoicing_issue_locked.
 */
static enum ks_db_error issue(const ks_einvoicing *e, ks_db *db, const ks_order *order,
                              const ks_order *listed, enum ks_invoice_kind kind,
                              const char *refund_id, enum ks_payment_means means,
                              const char *reason, int64_t now)
{
    ks_einvoice_row existing;
    enum ks_db_error err = refund_id[0]
                               ? ks_einvoice_store_find_refund(db, refund_id, &existing)
                               : ks_einvoice_store_find(db, order->uuid, (int)kind, &existing);
    if (err != KS_DB_ERR_NOT_FOUND)
        return err; /* KS_DB_OK: issued before */
    ks_einvoice_row original = {0};
    if (kind == KS_INVOICE_CREDIT_NOTE) {
        err = ks_einvoice_store_find(db, order->uuid, KS_INVOICE_TAX, &original);
        if (err != KS_DB_OK) {
            LOG_ERROR("credit note for order %s: its invoice: %s", order->uuid,
                      ks_db_strerror(err));
            return err == KS_DB_ERR_NOT_FOUND ? KS_DB_ERR_INVALID : err;
        }
    }
    int64_t head = 0;
    char pih[KS_EINVOICE_HASH_TEXT];
    err = ks_einvoice_store_head(db, &head, pih);
    _Static_assert(sizeof KS_EINVOICE_FIRST_PIH <= KS_EINVOICE_PIH_TEXT, "the first PIH fits");
    if (err != KS_DB_OK)
        return err;
    ks_einvoice_row row = {.icv = head + 1, .kind = (int)kind, .issued_at = now};
    snprintf(row.pih, sizeof row.pih, "%s", head == 0 ? KS_EINVOICE_FIRST_PIH : pih);
    snprintf(row.order_uuid, sizeof row.order_uuid, "%s", order->uuid);
    snprintf(row.refund_id, sizeof row.refund_id, "%s", refund_id);
    snprintf(row.number, sizeof row.number, "%s-%s-%" PRId64, e->cfg.store_id, e->cfg.kiosk_id,
             row.icv);
    if (!document_uuid(order, kind, row.uuid)) {
        LOG_ERROR("getrandom failed: no uuid for a credit note");
        return KS_DB_ERR_INTERNAL;
    }
    const ks_invoice_doc doc = {
        .kind = kind,
        .order = listed,
        .seller = &e->seller,
        .id = row.number,
        .uuid = row.uuid,
        .icv = (uint64_t)row.icv,
        .pih = row.pih,
        .issued_at = now,
        .utc_offset_min = e->cfg.utc_offset_min,
        .payment = means,
        .original_id = original.number,
        .reason = reason,
    };
    ks_einvoice inv;
    enum ks_einvoice_error issue_err = ks_einvoice_issue(&doc, e->key, &inv);
    if (issue_err != KS_EINVOICE_OK) {
        LOG_ERROR("order %s: no e-invoice: %s", order->uuid, ks_einvoice_strerror(issue_err));
        return KS_DB_ERR_INVALID;
    }
    snprintf(row.hash, sizeof row.hash, "%s", inv.hash);
    snprintf(row.qr, sizeof row.qr, "%s", inv.qr);
    row.xml = inv.xml;
    row.xml_len = inv.xml_len;
    err = ks_einvoice_store_insert(db, &row);
    if (err == KS_DB_OK)
        err = queue_copies(e, db, order->uuid, &inv, row.uuid, row.icv, now);
    ks_einvoice_clear(&inv);
    return err;
}

enum ks_db_error ks_einvoicing_issue_locked(const ks_einvoicing *e, ks_db *db,
                                            const ks_order *order, enum ks_invoice_kind kind,
                                            enum ks_payment_means means, const char *reason,
                                            int64_t now)
{
    return issue(e, db, order, order, kind, "", means, reason, now);
}

enum ks_db_error ks_einvoicing_credit_note_locked(const ks_einvoicing *e, ks_db *db,
                                                  const ks_order *order, const ks_order *refunded,
                                                  const char *refund_id,
                                                  enum ks_payment_means means, const char *reason,
                                                  int64_t now)
{
    if (!ks_uuid_ok(refund_id) || strcmp(refunded->uuid, order->uuid) != 0)
        return KS_DB_ERR_INVALID;
    return issue(e, db, order, refunded, KS_INVOICE_CREDIT_NOTE, refund_id, means, reason, now);
}
