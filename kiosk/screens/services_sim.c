/*
 * Simulated card terminal and receipt printer on the loop's clock: see
 * kiosk/screens/services.h for their behaviour and test triggers.
 */
#define LOG_TAG "services-sim"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/screens/services.h"
#include "kiosk/store/payment_store.h"

#define SIM_MAX_JOBS 8
#define SIM_MAX_SCRIPTED 16

enum sim_payment_state { SIM_IDLE, SIM_PAYING };

struct sim_job {
    int64_t due_ms;
    char order_uuid[37];
    enum ks_service_print_kind kind;
    bool printed;
};

struct sim {
    ks_services_sim_config cfg;
    /* the payment under way */
    enum sim_payment_state state;
    enum ks_service_result_kind outcome;
    int64_t due_ms;
    char sale_id[65];
    char poi_txn_id[KS_TERMINAL_REF_MAX + 1]; /* the terminal's own reference of it */
    char order_uuid[37];
    unsigned sales; /* sale ids made so far, for unique ids */
    /* print jobs waiting, oldest first */
    struct sim_job jobs[SIM_MAX_JOBS];
    int n_jobs;
    enum ks_service_result_kind scripted[SIM_MAX_SCRIPTED]; /* next payments' answers */
    int n_scripted;
    char last_receipt[37]; /* order of the latest receipt, "" when none */
    int32_t last_number;   /* its number */
    ks_money last_total;
    char refund[37]; /* the refund under way, "" when none */
    int64_t refund_due_ms;
};

bool ks_services_sim_trigger(ks_money amount, int ending)
{
    ks_money a = amount < 0 ? -amount : amount;
    return a % 100 == ending;
}

static bool sim_start_payment(void *impl, const ks_order *order, int64_t now_ms)
{
    struct sim *s = impl;
    if (s->state != SIM_IDLE || !order)
        return false;
    snprintf(s->sale_id, sizeof s->sale_id, "SIM-%.8s-%u", order->uuid, ++s->sales);
    /* As nexo-terminal-sim names its transactions (POITransactionID): its count, then the
     * order's first eight hex digits, so that a restarted kiosk's count repeats no reference. */
    snprintf(s->poi_txn_id, sizeof s->poi_txn_id, "SIM%06u.%.8s", s->sales, order->uuid);
    if (s->cfg.db) {
        enum ks_db_error err = ks_payment_store_create(s->cfg.db, s->sale_id, order->uuid,
                                                       order->total, (int64_t)time(NULL));
        if (err != KS_DB_OK) {
            LOG_ERROR("payment %s for order %s not recorded: %s", s->sale_id, order->uuid,
                      ks_db_strerror(err));
            return false;
        }
    }
    memcpy(s->order_uuid, order->uuid, sizeof s->order_uuid);
    s->state = SIM_PAYING;
    s->due_ms = now_ms + s->cfg.payment_ms;
    s->outcome = ks_services_sim_trigger(order->total, 13) ? KS_SERVICE_PAYMENT_DECLINED
                                                           : KS_SERVICE_PAYMENT_APPROVED;
    if (s->n_scripted > 0) {
        s->outcome = s->scripted[0];
        memmove(&s->scripted[0], &s->scripted[1], sizeof s->scripted[0] * (size_t)--s->n_scripted);
    }
    return true;
}

static bool sim_script(void *impl, const char *outcome)
{
    struct sim *s = impl;
    enum ks_service_result_kind kind;
    if (strcmp(outcome, "approve") == 0)
        kind = KS_SERVICE_PAYMENT_APPROVED;
    else if (strcmp(outcome, "decline") == 0 || strcmp(outcome, "cancel") == 0)
        kind = KS_SERVICE_PAYMENT_DECLINED;
    else
        return false;
    if (s->n_scripted == SIM_MAX_SCRIPTED)
        return false;
    s->scripted[s->n_scripted++] = kind;
    return true;
}

static void sim_abort_payment(void *impl, int64_t now_ms)
{
    struct sim *s = impl;
    /* A card already accepted cannot be aborted any more: the answer stands. */
    if (s->state != SIM_PAYING || now_ms >= s->due_ms)
        return;
    s->outcome = KS_SERVICE_PAYMENT_ABORTED;
    s->due_ms = now_ms + s->cfg.abort_ms;
}

static bool queue_job(struct sim *s, const char *uuid, enum ks_service_print_kind kind,
                      bool printed, int64_t now_ms)
{
    if (s->n_jobs == SIM_MAX_JOBS)
        return false;
    struct sim_job *j = &s->jobs[s->n_jobs++];
    j->due_ms = now_ms + s->cfg.print_ms;
    j->kind = kind;
    j->printed = printed;
    snprintf(j->order_uuid, sizeof j->order_uuid, "%s", uuid);
    return true;
}

static bool sim_print(void *impl, const ks_order *order, enum ks_service_print_kind kind,
                      int64_t now_ms)
{
    struct sim *s = impl;
    if (!order)
        return false;
    bool printed = !ks_services_sim_trigger(order->total, 17);
    if (!queue_job(s, order->uuid, kind, printed, now_ms))
        return false;
    if (kind == KS_SERVICE_PRINT_RECEIPT) {
        memcpy(s->last_receipt, order->uuid, sizeof s->last_receipt);
        s->last_number = order->number;
        s->last_total = order->total;
    }
    return true;
}

static bool sim_reprint_last(void *impl, int64_t now_ms, ks_service_reprinted *printed)
{
    struct sim *s = impl;
    bool queued =
        s->last_receipt[0] && queue_job(s, s->last_receipt, KS_SERVICE_PRINT_RECEIPT,
                                        !ks_services_sim_trigger(s->last_total, 17), now_ms);
    if (printed) {
        *printed = (ks_service_reprinted){.number = queued ? s->last_number : 0};
        if (queued)
            memcpy(printed->order_uuid, s->last_receipt, sizeof printed->order_uuid);
    }
    return queued;
}

static bool sim_print_summary(void *impl, const char *business_date, int64_t now_ms)
{
    LOG_INFO("simulated printer: summary of %s", business_date);
    return queue_job(impl, "", KS_SERVICE_PRINT_SUMMARY, true, now_ms);
}

static bool sim_print_refund(void *impl, const char *order_uuid, const char *refund_id,
                             int64_t now_ms)
{
    LOG_INFO("simulated printer: slip of refund %s", refund_id);
    return queue_job(impl, order_uuid, KS_SERVICE_PRINT_REFUND, true, now_ms);
}

static bool sim_refund(void *impl, const char *refund_id, int64_t now_ms)
{
    struct sim *s = impl;
    if (s->refund[0] || !s->cfg.db || !ks_uuid_ok(refund_id))
        return false;
    memcpy(s->refund, refund_id, sizeof s->refund);
    s->refund_due_ms = now_ms + s->cfg.payment_ms;
    return true;
}

/* The refund under way, when its time has come: the engine without a terminal. */
static bool refund_ended(struct sim *s, int64_t now_ms, ks_service_result *out)
{
    if (!s->refund[0] || now_ms < s->refund_due_ms)
        return false;
    *out = (ks_service_result){.kind = KS_SERVICE_REFUNDED};
    memcpy(out->refund.refund_id, s->refund, sizeof out->refund.refund_id);
    const ks_refund_ctx ctx = {.db = s->cfg.db, .place = "staff-screen"};
    ks_refund_run(&ctx, s->refund, &out->refund.result);
    snprintf(out->detail, sizeof out->detail, "%s", out->refund.result.detail);
    s->refund[0] = '\0';
    return true;
}

/* Records the terminal's answer as a real terminal's would be. */
static void record_answer(struct sim *s)
{
    if (!s->cfg.db)
        return;
    enum ks_payment_status status = s->outcome == KS_SERVICE_PAYMENT_APPROVED ? KS_PAYMENT_APPROVED
                                    : s->outcome == KS_SERVICE_PAYMENT_DECLINED
                                        ? KS_PAYMENT_DECLINED
                                        : KS_PAYMENT_CANCELLED;
    const ks_payment_terminal_info info = {
        .method = "mada",
        .masked_card = "484783******1234",
        .approval_code = status == KS_PAYMENT_APPROVED ? "SIM123" : "",
        .terminal_ref = s->poi_txn_id,
    };
    enum ks_db_error err =
        ks_payment_store_update(s->cfg.db, s->sale_id, status, &info, (int64_t)time(NULL));
    if (err != KS_DB_OK)
        LOG_ERROR("payment %s: recording %s failed: %s", s->sale_id, ks_payment_status_name(status),
                  ks_db_strerror(err));
}

static bool sim_poll(void *impl, int64_t now_ms, ks_service_result *out)
{
    struct sim *s = impl;
    if (s->state == SIM_PAYING && now_ms >= s->due_ms) {
        record_answer(s);
        *out = (ks_service_result){.kind = s->outcome};
        if (s->outcome == KS_SERVICE_PAYMENT_APPROVED)
            out->payment = ks_order_payment_card("mada", s->poi_txn_id);
        memcpy(out->order_uuid, s->order_uuid, sizeof out->order_uuid);
        snprintf(out->detail, sizeof out->detail, "simulated terminal, sale %s", s->sale_id);
        s->state = SIM_IDLE;
        return true;
    }
    if (refund_ended(s, now_ms, out))
        return true;
    if (s->n_jobs > 0 && now_ms >= s->jobs[0].due_ms) {
        *out = (ks_service_result){.kind = KS_SERVICE_PRINTED,
                                   .print_kind = s->jobs[0].kind,
                                   .printed = s->jobs[0].printed};
        memcpy(out->order_uuid, s->jobs[0].order_uuid, sizeof out->order_uuid);
        snprintf(out->detail, sizeof out->detail, "%s",
                 s->jobs[0].printed ? "" : "simulated printer: paper out");
        memmove(&s->jobs[0], &s->jobs[1], sizeof s->jobs[0] * (size_t)(--s->n_jobs));
        return true;
    }
    return false;
}

static void sim_device_status(void *impl, enum ks_printer_state *printer,
                              enum ks_terminal_state *terminal)
{
    (void)impl;
    *printer = KS_PRINTER_SIMULATED;
    *terminal = KS_TERMINAL_SIMULATED;
}

static void sim_free(void *impl)
{
    free(impl);
}

static const ks_services_ops sim_ops = {
    .name = "simulated",
    .start_payment = sim_start_payment,
    .abort_payment = sim_abort_payment,
    .print = sim_print,
    .script = sim_script,
    .print_summary = sim_print_summary,
    .reprint_last = sim_reprint_last,
    .refund = sim_refund,
    .print_refund = sim_print_refund,
    .device_status = sim_device_status,
    .poll = sim_poll,
    .free = sim_free,
};

ks_services *ks_services_sim_new(const ks_services_sim_config *cfg)
{
    ks_services *services = calloc(1, sizeof *services);
    struct sim *s = calloc(1, sizeof *s);
    if (!services || !s)
        goto error;
    if (cfg)
        s->cfg = *cfg;
    if (s->cfg.payment_ms <= 0)
        s->cfg.payment_ms = 2500;
    if (s->cfg.abort_ms <= 0)
        s->cfg.abort_ms = 400;
    if (s->cfg.print_ms <= 0)
        s->cfg.print_ms = 1500;
    services->ops = &sim_ops;
    services->impl = s;
    return services;
error:
    free(s);
    free(services);
    return NULL;
}

void ks_services_free(ks_services *services)
{
    if (!services)
        return;
    if (services->ops && services->impl)
        services->ops->free(services->impl);
    free(services);
}
