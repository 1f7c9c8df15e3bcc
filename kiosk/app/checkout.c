/* Checkout: cart -> priced, stored order -> paid with its messages queued. */
#define LOG_TAG "checkout"
#include "kiosk/app/checkout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app/einvoicing.h"
#include "kiosk/app/new_receipt_token.h"
#include "kiosk/common/uuid.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order_build.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/domain/pricing.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"

const char *ks_checkout_strerror(enum ks_checkout_result result)
{
    switch (result) {
    case KS_CHECKOUT_OK:
        return "ok";
    case KS_CHECKOUT_EMPTY_CART:
        return "the cart is empty";
    case KS_CHECKOUT_INVALID_CART:
        return "a line of the cart cannot be ordered";
    case KS_CHECKOUT_PRICING:
        return "the cart could not be priced";
    case KS_CHECKOUT_STORAGE:
        return "the order could not be stored";
    case KS_CHECKOUT_NO_RANDOM:
        return "no random bytes for the order id";
    }
    return "unknown checkout result";
}

enum ks_checkout_result ks_checkout_place(ks_db *db, const ks_config *cfg,
                                          const ks_checkout_request *req, ks_order **out,
                                          ks_line_issue *issue)
{
    *out = NULL;
    if (ks_cart_count(req->cart) == 0)
        return KS_CHECKOUT_EMPTY_CART;

    ks_local_time at = ks_local_time_from_utc(req->now, cfg->utc_offset_min);
    ks_line_issue first;
    if (ks_cart_validate(req->cart, at, req->is_sold_out, req->sold_out_ctx, &first, 1) > 0) {
        if (issue)
            *issue = first;
        return KS_CHECKOUT_INVALID_CART;
    }

    char uuid[37], receipt_token[KS_RECEIPT_TOKEN_LEN + 1];
    if (!ks_uuid_new(uuid) || !ks_new_receipt_token(receipt_token)) {
        LOG_ERROR("getrandom failed: cannot make an order id");
        return KS_CHECKOUT_NO_RANDOM;
    }

    ks_pricing *pricing = ks_pricing_new(req->cart, at);
    if (!pricing) {
        LOG_ERROR("pricing failed for a cart of %zu lines", ks_cart_count(req->cart));
        return KS_CHECKOUT_PRICING;
    }
    char business_date[11];
    ks_business_date(req->now, cfg->utc_offset_min, cfg->business_day_start_min, business_date);
    const ks_order_meta meta = {
        .uuid = uuid,
        .store_id = cfg->store_id,
        .kiosk_id = cfg->kiosk_id,
        .business_date = business_date,
        .service = req->service,
        .lang = req->lang,
        .created_at = req->now,
    };
    ks_order *order = ks_order_build(req->cart, pricing, &meta);
    ks_pricing_free(pricing);
    if (!order) {
        LOG_ERROR("building the order snapshot failed");
        return KS_CHECKOUT_PRICING;
    }
    memcpy(order->receipt_token, receipt_token, sizeof receipt_token);
    if (req->n_interventions) {
        order->interventions = calloc(req->n_interventions, sizeof *order->interventions);
        if (!order->interventions) {
            LOG_ERROR("no memory for the order's %zu interventions", req->n_interventions);
            ks_order_free(order);
            return KS_CHECKOUT_PRICING;
        }
        memcpy(order->interventions, req->interventions,
               req->n_interventions * sizeof *order->interventions);
        order->n_interventions = req->n_interventions;
    }

    int32_t number = 0;
    enum ks_db_error err = ks_order_store_insert(db, order, cfg->number_series, &number);
    if (err != KS_DB_OK) {
        LOG_ERROR("storing order %s failed: %s", uuid, ks_db_strerror(err));
        ks_order_free(order);
        return KS_CHECKOUT_STORAGE;
    }
    order->number = number;
    *out = order;
    return KS_CHECKOUT_OK;
}

/* The order's JSON as it is now; NULL (logged) when it cannot be written. */
static char *order_json(const ks_order *order)
{
    ks_order_json_error why;
    char *json = ks_order_to_json(order, &why);
    if (!json)
        LOG_ERROR("order %s cannot be written as JSON: %s: %s", order->uuid, why.path, why.reason);
    return json;
}

/*
 * The order's JSON without its receipt token, payment and attendant
 * interventions: the kitchen's copy (whoever holds the token may read the
 * receipt, and only the backend, which serves it, needs it; how it was paid
 * and who intervened are the backend's reports' business, and a kitchen
 * display older than the members would refuse them) and an order cancelled unpaid's (it has no
 * receipt). NULL (logged) when it cannot be written.
 */
static char *tokenless_json(const ks_order *order)
{
    ks_order kitchen_view = *order;
    kitchen_view.receipt_token[0] = '\0';
    kitchen_view.payment = (ks_order_payment){.by = KS_PAID_BY_UNKNOWN};
    kitchen_view.interventions = NULL; /* the staff report's, the backend's only */
    kitchen_view.n_interventions = 0;
    return order_json(&kitchen_view);
}

/* The paying transaction's e-invoice (kiosk/app/einvoicing.h). */
struct invoice_step {
    const ks_einvoicing *einvoicing;
    ks_order *order;
    enum ks_payment_means means;
    int64_t now;
};

/*
 * Issues the order's invoice, then queues the backend's copy of the order
 * with the invoice's phase 2 QR (the e-receipt shows it), in the paying
 * transaction.
 */
static enum ks_db_error issue_invoice(ks_db *db, void *ctx)
{
    struct invoice_step *s = ctx;
    enum ks_db_error err = ks_einvoicing_issue_locked(s->einvoicing, db, s->order, KS_INVOICE_TAX,
                                                      s->means, NULL, s->now);
    ks_einvoice_row invoice;
    if (err == KS_DB_OK)
        err = ks_einvoice_store_find(db, s->order->uuid, KS_INVOICE_TAX, &invoice);
    if (err != KS_DB_OK)
        return err;
    snprintf(s->order->zatca_qr, sizeof s->order->zatca_qr, "%s", invoice.qr);
    char *json = order_json(s->order);
    s->order->zatca_qr[0] = '\0'; /* the backend's copy only */
    if (!json)
        return KS_DB_ERR_INVALID;
    const ks_outbox_message message = {.destination = "backend", .payload = json};
    err = ks_outbox_enqueue(db, s->order->uuid, &message, s->now);
    free(json);
    return err;
}

enum ks_db_error ks_checkout_mark_paid(ks_db *db, ks_order *order, int64_t now,
                                       const ks_einvoicing *einvoicing, enum ks_payment_means means,
                                       bool backend_only)
{
    /* The queued JSON already says "paid": that is what the receivers must see. */
    enum ks_order_status before = order->status;
    int64_t updated_before = order->updated_at;
    order->status = KS_ORDER_PAID;
    order->updated_at = now;
    char *json = order_json(order);
    char *kitchen = json && !backend_only ? tokenless_json(order) : NULL;
    if (!json || (!backend_only && !kitchen)) {
        free(json);
        order->status = before;
        order->updated_at = updated_before;
        return KS_DB_ERR_INVALID;
    }
    /* With e-invoicing the backend's copy waits for the invoice's QR (issue_invoice). */
    ks_outbox_message messages[2];
    size_t n = 0;
    if (!einvoicing)
        messages[n++] = (ks_outbox_message){.destination = "backend", .payload = json};
    if (!backend_only)
        messages[n++] = (ks_outbox_message){.destination = "kitchen", .payload = kitchen};
    struct invoice_step step = {
        .einvoicing = einvoicing, .order = order, .means = means, .now = now};
    const ks_order_paid_hook hook = {.run = issue_invoice, .ctx = &step};
    enum ks_db_error err =
        ks_order_store_mark_paid_with(db, order->uuid, now, messages, n, einvoicing ? &hook : NULL);
    free(json);
    free(kitchen);
    if (err != KS_DB_OK) {
        LOG_ERROR("marking order %s paid failed: %s", order->uuid, ks_db_strerror(err));
        order->status = before;
        order->updated_at = updated_before;
    }
    return err;
}

enum ks_db_error ks_checkout_send_to_counter(ks_db *db, const ks_order *order, int64_t now)
{
    if (order->status != KS_ORDER_CREATED)
        return KS_DB_ERR_ILLEGAL_TRANSITION;
    char *json = tokenless_json(order);
    if (!json)
        return KS_DB_ERR_INVALID;
    const ks_outbox_message message = {.destination = "kitchen", .payload = json};
    enum ks_db_error err = ks_order_store_record(db, order->uuid, KS_ORDER_CREATED,
                                                 KS_ORDER_RECORD_QUEUE_ONLY, now, &message, 1);
    free(json);
    if (err != KS_DB_OK)
        LOG_ERROR("order %s not sent to the counter: %s", order->uuid, ks_db_strerror(err));
    return err;
}

enum ks_db_error ks_checkout_cancel_unpaid(ks_db *db, ks_order *order, int64_t now)
{
    if (order->status != KS_ORDER_CREATED)
        return order->status == KS_ORDER_CANCELLED ? KS_DB_OK : KS_DB_ERR_ILLEGAL_TRANSITION;
    order->status = KS_ORDER_CANCELLED;
    order->updated_at = now;
    char *json = tokenless_json(order);
    enum ks_db_error err = KS_DB_ERR_INVALID;
    if (json) {
        const ks_outbox_message message = {.destination = "backend", .payload = json};
        err = ks_order_store_record(db, order->uuid, KS_ORDER_CANCELLED, KS_ORDER_RECORD_CHANGE,
                                    now, &message, 1);
    }
    free(json);
    if (err != KS_DB_OK) {
        LOG_ERROR("unpaid order %s not cancelled: %s", order->uuid, ks_db_strerror(err));
        order->status = KS_ORDER_CREATED;
    }
    return err;
}
