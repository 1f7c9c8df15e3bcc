/*
 * The real card terminal and receipt printer behind the screens' services
 * table (see kiosk/screens/services.h), each on its worker thread
 * (kiosk/app/payment.h, kiosk/app/print_worker.h), with the simulation
 * standing in for a device that has no URI.
 */
#define LOG_TAG "devices"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/printer/printer.h"
#include "devices/printer/profile.h"
#include "kiosk/app/payment_worker.h"
#include "kiosk/app/print_worker.h"
#include "kiosk/common/log.h"
#include "kiosk/render/print_render.h"
#include "kiosk/screens/services.h"
#include "kiosk/store/print_store.h"

struct devices {
    ks_db *db;                         /* borrowed: the UI thread's connection */
    ks_payment_worker *payment;        /* owned; NULL: the simulated terminal */
    ks_print_worker *printing;         /* owned; NULL: the simulated printer */
    ks_print_renderer *renderer;       /* owned; used by the print worker's thread until it stops */
    ks_services *sim;                  /* owned: stands in for what is not real */
    int64_t last_receipt_job;          /* 0 when none yet */
    ks_service_reprinted last_receipt; /* its order */
    char paying[37];                   /* the order the terminal is charging: aborts name it */
    enum ks_printer_state printer_state;   /* after the last print result polled */
    enum ks_terminal_state terminal_state; /* after the last payment result polled */
};

static bool dev_start_payment(void *impl, const ks_order *order, int64_t now_ms)
{
    struct devices *d = impl;
    if (!d->payment)
        return d->sim->ops->start_payment(d->sim->impl, order, now_ms);
    memcpy(d->paying, order->uuid, sizeof d->paying);
    return ks_payment_worker_pay(d->payment, order->uuid);
}

static void dev_abort_payment(void *impl, int64_t now_ms)
{
    struct devices *d = impl;
    if (!d->payment)
        d->sim->ops->abort_payment(d->sim->impl, now_ms);
    else
        ks_payment_worker_abort(d->payment, d->paying);
}

static bool dev_print(void *impl, const ks_order *order, enum ks_service_print_kind kind,
                      int64_t now_ms)
{
    struct devices *d = impl;
    if (!d->printing)
        return d->sim->ops->print(d->sim->impl, order, kind, now_ms);
    int64_t id;
    enum ks_db_error err = ks_print_store_enqueue(
        d->db, order->uuid, kind == KS_SERVICE_PRINT_RECEIPT ? KS_PRINT_RECEIPT : KS_PRINT_COUNTER,
        (int64_t)time(NULL), &id);
    if (err != KS_DB_OK) {
        LOG_ERROR("order %s: print job not queued: %s", order->uuid, ks_db_strerror(err));
        return false;
    }
    if (kind == KS_SERVICE_PRINT_RECEIPT) {
        d->last_receipt_job = id;
        d->last_receipt.number = order->number;
        memcpy(d->last_receipt.order_uuid, order->uuid, sizeof d->last_receipt.order_uuid);
    }
    ks_print_worker_wake(d->printing);
    return true;
}

static bool dev_reprint_last(void *impl, int64_t now_ms, ks_service_reprinted *printed)
{
    struct devices *d = impl;
    if (!d->printing)
        return d->sim->ops->reprint_last(d->sim->impl, now_ms, printed);
    bool queued =
        d->last_receipt_job > 0 && ks_print_worker_reprint(d->printing, d->last_receipt_job);
    if (printed)
        *printed = queued ? d->last_receipt : (ks_service_reprinted){0};
    return queued;
}

static bool dev_print_summary(void *impl, const char *business_date, int64_t now_ms)
{
    struct devices *d = impl;
    if (!d->printing)
        return d->sim->ops->print_summary(d->sim->impl, business_date, now_ms);
    enum ks_db_error err =
        ks_print_store_enqueue_summary(d->db, business_date, (int64_t)time(NULL), NULL);
    if (err != KS_DB_OK) {
        LOG_ERROR("summary of %s: print job not queued: %s", business_date, ks_db_strerror(err));
        return false;
    }
    ks_print_worker_wake(d->printing);
    return true;
}

static bool dev_print_refund(void *impl, const char *order_uuid, const char *refund_id,
                             int64_t now_ms)
{
    struct devices *d = impl;
    if (!d->printing)
        return d->sim->ops->print_refund(d->sim->impl, order_uuid, refund_id, now_ms);
    enum ks_db_error err =
        ks_print_store_enqueue_refund(d->db, order_uuid, refund_id, (int64_t)time(NULL), NULL);
    if (err != KS_DB_OK) {
        LOG_ERROR("refund %s: slip not queued: %s", refund_id, ks_db_strerror(err));
        return false;
    }
    ks_print_worker_wake(d->printing);
    return true;
}

static bool dev_refund(void *impl, const char *refund_id, int64_t now_ms)
{
    struct devices *d = impl;
    if (!d->payment)
        return d->sim->ops->refund(d->sim->impl, refund_id, now_ms);
    return ks_payment_worker_refund(d->payment, refund_id);
}

/* The screens' name for what a print job printed. */
static enum ks_service_print_kind service_print_kind(enum ks_print_kind kind)
{
    switch (kind) {
    case KS_PRINT_COUNTER:
        return KS_SERVICE_PRINT_COUNTER;
    case KS_PRINT_SUMMARY:
        return KS_SERVICE_PRINT_SUMMARY;
    case KS_PRINT_REFUND:
        return KS_SERVICE_PRINT_REFUND;
    case KS_PRINT_RECEIPT:
    case KS_PRINT_KITCHEN: /* the kiosk's own printer is never given kitchen tickets */
    default:
        return KS_SERVICE_PRINT_RECEIPT;
    }
}

static bool dev_script(void *impl, const char *outcome)
{
    struct devices *d = impl;
    return !d->payment && d->sim->ops->script(d->sim->impl, outcome);
}

/* What the journey hears of a payment's end. */
static bool payment_result(const ks_pay_result *p, ks_service_result *out)
{
    switch (p->kind) {
    case KS_PAY_APPROVED:
        out->kind = KS_SERVICE_PAYMENT_APPROVED;
        out->payment = ks_order_payment_card(p->brand, p->terminal_ref);
        break;
    case KS_PAY_ABORTED:
        out->kind = KS_SERVICE_PAYMENT_ABORTED;
        break;
    case KS_PAY_DECLINED:
    case KS_PAY_REFUNDED:
    case KS_PAY_ERROR:
        out->kind = KS_SERVICE_PAYMENT_DECLINED;
        break;
    case KS_PAY_UNRESOLVED:
        /*
         * The terminal could not say: the payment stays unknown and the
         * worker keeps asking. The customer is told it did not go through
         * (a new attempt is refused while it is unknown) and staff look.
         */
        LOG_ERROR("payment of order %s unresolved: %s", p->order_uuid, p->detail);
        out->kind = KS_SERVICE_PAYMENT_DECLINED;
        break;
    case KS_PAY_RECOVERY_DONE:
    default:
        return false;
    }
    memcpy(out->order_uuid, p->order_uuid, sizeof out->order_uuid);
    snprintf(out->detail, sizeof out->detail, "%s", p->detail);
    return true;
}

static bool dev_poll(void *impl, int64_t now_ms, ks_service_result *out)
{
    struct devices *d = impl;
    ks_pay_result pay;
    while (d->payment && ks_payment_worker_poll(d->payment, &pay)) {
        d->terminal_state = ks_staff_terminal_state(&pay, d->terminal_state);
        if (pay.recovered) {
            LOG_INFO("after restart, payment of order %s: %s (%s)", pay.order_uuid,
                     ks_pay_kind_name(pay.kind), pay.detail);
            continue;
        }
        *out = (ks_service_result){0};
        if (payment_result(&pay, out))
            return true;
    }
    ks_refund_done refunded;
    if (d->payment && ks_payment_worker_poll_refund(d->payment, &refunded)) {
        *out = (ks_service_result){.kind = KS_SERVICE_REFUNDED, .refund = refunded};
        snprintf(out->detail, sizeof out->detail, "%s", refunded.result.detail);
        return true;
    }
    ks_print_result printed;
    if (d->printing && ks_print_worker_poll(d->printing, &printed)) {
        d->printer_state = ks_staff_printer_state(&printed, d->printer_state);
        *out = (ks_service_result){.kind = KS_SERVICE_PRINTED,
                                   .print_kind = service_print_kind(printed.kind),
                                   .printed = printed.printed};
        memcpy(out->order_uuid, printed.order_uuid, sizeof out->order_uuid);
        snprintf(out->detail, sizeof out->detail, "%s", printed.message);
        if (printed.paper_near_end)
            LOG_WARN("the receipt printer's paper is nearly out");
        return true;
    }
    return d->sim->ops->poll(d->sim->impl, now_ms, out);
}

static void dev_device_status(void *impl, enum ks_printer_state *printer,
                              enum ks_terminal_state *terminal)
{
    struct devices *d = impl;
    /* What is not real is reported as the simulation reports it. */
    d->sim->ops->device_status(d->sim->impl, printer, terminal);
    if (d->printing)
        *printer = d->printer_state;
    if (d->payment)
        *terminal = d->terminal_state;
}

static void dev_free(void *impl)
{
    struct devices *d = impl;
    ks_payment_worker_stop(d->payment);
    ks_print_worker_stop(d->printing);
    ks_print_renderer_free(d->renderer);
    ks_services_free(d->sim);
    free(d);
}

static const ks_services_ops devices_ops = {
    .name = "devices",
    .start_payment = dev_start_payment,
    .abort_payment = dev_abort_payment,
    .print = dev_print,
    .script = dev_script,
    .print_summary = dev_print_summary,
    .reprint_last = dev_reprint_last,
    .refund = dev_refund,
    .print_refund = dev_print_refund,
    .device_status = dev_device_status,
    .poll = dev_poll,
    .free = dev_free,
};

static bool start_printing(struct devices *d, const ks_services_devices_config *cfg, char *why,
                           size_t cap)
{
    enum dev_printer_error perr;
    dev_printer *printer = dev_printer_new(cfg->printer_uri, NULL, &perr);
    if (!printer) {
        snprintf(why, cap, "printer %s: %s", cfg->printer_uri, dev_printer_strerror(perr));
        return false;
    }
    char fonts[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", cfg->cfg->assets);
    d->renderer =
        ks_print_renderer_new(fonts, dev_printer_profile_default(), cfg->cfg, cfg->cfg->language);
    if (!d->renderer) {
        dev_printer_free(printer);
        snprintf(why, cap, "receipts cannot be drawn: no fonts in %s", fonts);
        return false;
    }
    const ks_print_worker_config wc = {
        .db_path = cfg->db_path,
        .printer = printer,
        .render = ks_print_render_stored,
        .render_ctx = d->renderer,
        .notify = cfg->wake,
        .notify_ctx = cfg->wake_ctx,
    };
    d->printing = ks_print_worker_start(&wc);
    if (!d->printing)
        snprintf(why, cap, "the print worker cannot start on %s", cfg->db_path);
    return d->printing != NULL;
}

static bool start_payment(struct devices *d, const ks_services_devices_config *cfg, char *why,
                          size_t cap)
{
    ks_payment_worker_config wc = {
        .db_path = cfg->db_path,
        .terminal_uri = cfg->terminal_uri,
        .einvoicing = cfg->einvoicing,
        .backend_only = cfg->cfg && cfg->cfg->mode == KS_MODE_SUPERMARKET,
        .reconcile_interval_ms = 30000,
        .utc_offset_min = cfg->cfg ? cfg->cfg->utc_offset_min : 0,
        .business_day_start_min = cfg->cfg ? cfg->cfg->business_day_start_min : 0,
        .notify = cfg->wake,
        .notify_ctx = cfg->wake_ctx,
        .order_paid = cfg->order_paid,
        .order_paid_ctx = cfg->order_paid_ctx,
    };
    ks_payment_rules_default(&wc.rules);
    d->payment = ks_payment_worker_start(&wc, why, cap);
    return d->payment != NULL;
}

ks_services *ks_services_devices_new(const ks_services_devices_config *cfg, char *why, size_t cap)
{
    ks_services *services = calloc(1, sizeof *services);
    struct devices *d = calloc(1, sizeof *d);
    if (!services || !d) {
        snprintf(why, cap, "out of memory");
        goto error;
    }
    d->db = cfg->db;
    d->sim = ks_services_sim_new(&(ks_services_sim_config){.db = cfg->db});
    if (!d->sim) {
        snprintf(why, cap, "out of memory");
        goto error;
    }
    if (cfg->printer_uri && !start_printing(d, cfg, why, cap))
        goto error;
    if (cfg->terminal_uri && !start_payment(d, cfg, why, cap))
        goto error;
    services->ops = &devices_ops;
    services->impl = d;
    return services;
error:
    if (d)
        dev_free(d);
    free(services);
    return NULL;
}
