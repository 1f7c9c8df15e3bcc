/* Card payment of a stored order, step by step on the caller's thread: see payment.h. */
#define LOG_TAG "payment"
#include "kiosk/app/payment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/checkout.h"
#include "kiosk/common/uuid.h"
#include "kiosk/app/refund.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"

/* Payments of one order looked at before a new one; an order has a handful at most. */
#define MAX_ORDER_PAYMENTS 32
/* Unresolved payments handled per reconciliation round. */
#define MAX_RECONCILE 64

static const char *const kind_names[] = {
    [KS_PAY_APPROVED] = "approved",
    [KS_PAY_DECLINED] = "declined",
    [KS_PAY_ABORTED] = "aborted",
    [KS_PAY_REFUNDED] = "refunded",
    [KS_PAY_UNRESOLVED] = "unresolved",
    [KS_PAY_ERROR] = "error",
    [KS_PAY_RECOVERY_DONE] = "recovery-done",
};

const char *ks_pay_kind_name(enum ks_pay_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "?";
}

void ks_payment_rules_default(ks_payment_rules *rules)
{
    *rules = (ks_payment_rules){
        .payment_timeout_ms = 120000,
        .request_timeout_ms = 10000,
        .status_interval_ms = 2000,
        .status_attempts = 10,
        .not_found_confirm_ms = 5000,
    };
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- Hooks ---------------------------------------------------------------------------- */

static void step(const ks_payment_ctx *ctx, enum ks_pay_step s, const char *sale_txn_id)
{
    if (ctx->hooks.step)
        ctx->hooks.step(ctx->hooks.ctx, s, sale_txn_id);
}

static bool abort_requested(const ks_payment_ctx *ctx)
{
    return ctx->hooks.abort_requested && ctx->hooks.abort_requested(ctx->hooks.ctx);
}

static bool hooks_stopping(const ks_payment_hooks *hooks)
{
    return hooks->stopping && hooks->stopping(hooks->ctx);
}

static bool stopping(const ks_payment_ctx *ctx)
{
    return hooks_stopping(&ctx->hooks);
}

bool ks_payment_pause(const ks_payment_hooks *hooks, long ms)
{
    if (hooks->pause)
        return hooks->pause(hooks->ctx, ms) && !hooks_stopping(hooks);
    if (hooks_stopping(hooks))
        return false;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    return !hooks_stopping(hooks);
}

/* ---- One payment in hand ------------------------------------------------------------ */

struct job {
    const ks_payment_ctx *ctx;
    ks_order *order;     /* owned */
    ks_payment row;      /* as last written */
    dev_pay_request req; /* its strings point into row and order */
    bool abort_sent;
    ks_pay_result *out;
};

static void say(ks_pay_result *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(ks_pay_result *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->detail, sizeof out->detail, fmt, ap);
    va_end(ap);
}

static void on_sent(void *arg)
{
    const struct job *j = arg;
    step(j->ctx, KS_PAY_STEP_REQUEST_SENT, j->row.sale_txn_id);
}

/* Fills j->req from the row and the order. */
static void job_request(struct job *j)
{
    j->req = (dev_pay_request){
        .sale_txn_id = j->row.sale_txn_id,
        .sale_time = j->row.created_at,
        .amount = j->row.amount,
        .currency = j->order->currency,
        .exponent = j->order->exponent,
        .timeout_ms = j->ctx->rules.payment_timeout_ms,
        .on_sent = on_sent,
        .on_sent_ctx = j,
    };
    snprintf(j->out->sale_txn_id, sizeof j->out->sale_txn_id, "%s", j->row.sale_txn_id);
    j->out->amount = j->row.amount;
}

static ks_payment_terminal_info terminal_info(const dev_pay_result *r)
{
    ks_payment_terminal_info info = {
        .method = r->brand,
        .masked_card = r->masked_pan,
        .approval_code = r->approval_code,
        .terminal_ref = r->poi_txn_id,
    };
    return info;
}

static void copy_terminal(ks_pay_result *out, const dev_pay_result *r)
{
    out->terminal = r->outcome;
    snprintf(out->brand, sizeof out->brand, "%s", r->brand);
    snprintf(out->masked_card, sizeof out->masked_card, "%s", r->masked_pan);
    snprintf(out->approval_code, sizeof out->approval_code, "%s", r->approval_code);
    snprintf(out->terminal_ref, sizeof out->terminal_ref, "%s", r->poi_txn_id);
}

/*
 * Writes the payment's new status. A failure other than a second approval
 * (which the caller handles) is logged, and the row stays as it was: the
 * terminal is asked again at the next reconciliation.
 */
static enum ks_db_error record(struct job *j, enum ks_payment_status status,
                               const dev_pay_result *r)
{
    ks_payment_terminal_info info = {0};
    if (r)
        info = terminal_info(r);
    enum ks_db_error err = ks_payment_store_update(j->ctx->db, j->row.sale_txn_id, status,
                                                   r ? &info : NULL, time(NULL));
    if (err == KS_DB_OK)
        j->row.status = status;
    else if (err != KS_DB_ERR_ALREADY_APPROVED)
        LOG_ERROR("payment %s: recording %s failed: %s", j->row.sale_txn_id,
                  ks_payment_status_name(status), ks_db_strerror(err));
    return err;
}

/*
 * Gives an approved charge back at the terminal and records the payment as
 * `after` (cancelled before it was ever recorded approved, refunded after).
 * When the reversal fails the row is left alone, to be tried again.
 */
static enum ks_pay_kind give_back(struct job *j, const dev_pay_result *approval,
                                  enum ks_payment_status after, const char *why)
{
    const dev_pay_original original = {approval->poi_txn_id, approval->poi_timestamp, j->row.amount,
                                       j->order->exponent};
    dev_pay_result r;
    dev_terminal_reversal(j->ctx->terminal, &original, j->ctx->rules.request_timeout_ms, &r);
    if (r.outcome != DEV_PAY_APPROVED) {
        LOG_ERROR("payment %s: %s, and giving it back failed (%s: %s); will try again",
                  j->row.sale_txn_id, why, dev_pay_outcome_name(r.outcome), r.error);
        say(j->out, "charged, %s; giving it back failed, will try again", why);
        return KS_PAY_UNRESOLVED;
    }
    LOG_WARN("payment %s: %s: given back (reversal %s)", j->row.sale_txn_id, why, r.poi_txn_id);
    if (record(j, after, approval) != KS_DB_OK) {
        say(j->out, "charged, %s, and given back; recording that failed", why);
        return KS_PAY_UNRESOLVED;
    }
    say(j->out, "charged, %s: given back", why);
    return KS_PAY_REFUNDED;
}

/*
 * The terminal approved j; r is its answer, NULL only when the row is
 * recorded approved already. The order ends paid, or the money is given back
 * when no order can use it (cancelled, or paid already).
 */
static enum ks_pay_kind approved(struct job *j, const dev_pay_result *r)
{
    const ks_payment_ctx *ctx = j->ctx;
    enum ks_order_status order_status;
    enum ks_db_error err = ks_order_store_status(ctx->db, j->order->uuid, &order_status);
    if (err != KS_DB_OK) {
        say(j->out, "approved, but the order cannot be read: %s", ks_db_strerror(err));
        return KS_PAY_UNRESOLVED;
    }
    bool was_recorded = j->row.status == KS_PAYMENT_APPROVED;
    bool payable = order_status == KS_ORDER_CREATED;
    bool cancelled = order_status == KS_ORDER_CANCELLED || order_status == KS_ORDER_REFUNDED;
    if (!payable && !was_recorded)
        /* Given back before anything is recorded, so a crash leaves it to be asked again. */
        return give_back(j, r, KS_PAYMENT_CANCELLED,
                         cancelled ? "but the order was cancelled"
                                   : "but the order was paid already");
    if (cancelled) {
        if (r)
            return give_back(j, r, KS_PAYMENT_REFUNDED, "but the order was cancelled");
        say(j->out, "approved, but the order is %s", ks_order_status_name(order_status));
        return KS_PAY_UNRESOLVED;
    }
    const char *second = "";
    err = was_recorded ? KS_DB_OK : record(j, KS_PAYMENT_APPROVED, r);
    if (err == KS_DB_ERR_ALREADY_APPROVED) {
        /* Another payment of the order is approved, the order not yet paid: a second charge. */
        enum ks_pay_kind back =
            give_back(j, r, KS_PAYMENT_CANCELLED, "but the order was already paid by card");
        if (back != KS_PAY_REFUNDED)
            return back;
        second = "; a second charge was given back";
    } else if (err != KS_DB_OK) {
        say(j->out, "approved at the terminal, but recording it failed (%s); will ask again",
            ks_db_strerror(err));
        return KS_PAY_UNRESOLVED;
    }
    step(ctx, KS_PAY_STEP_OUTCOME_RECORDED, j->row.sale_txn_id);
    if (payable) {
        /* The scheme and reference of this answer, or those recorded with it before a restart. */
        j->order->payment = ks_order_payment_card(r ? r->brand : j->row.method,
                                                  r ? r->poi_txn_id : j->row.terminal_ref);
        err = ks_checkout_mark_paid(ctx->db, j->order, time(NULL), ctx->einvoicing, KS_PAYMENT_CARD,
                                    ctx->backend_only);
        if (err == KS_DB_ERR_ILLEGAL_TRANSITION && r)
            return give_back(j, r, KS_PAYMENT_REFUNDED, "and the order was cancelled meanwhile");
        if (err != KS_DB_OK) {
            say(j->out, "approved, but marking the order paid failed (%s); will try again",
                ks_db_strerror(err));
            return KS_PAY_UNRESOLVED;
        }
    }
    step(ctx, KS_PAY_STEP_ORDER_PAID, j->row.sale_txn_id);
    say(j->out, "approved, order paid%s", second);
    return KS_PAY_APPROVED;
}

/* A settled outcome for j: record it, and pay the order when it was approved. */
static enum ks_pay_kind settled(struct job *j, const dev_pay_result *r)
{
    copy_terminal(j->out, r);
    switch (r->outcome) {
    case DEV_PAY_APPROVED:
        return approved(j, r);
    case DEV_PAY_DECLINED:
        record(j, KS_PAYMENT_DECLINED, r);
        say(j->out, "declined (%s) %s", r->condition, r->error);
        return KS_PAY_DECLINED;
    case DEV_PAY_CANCELLED:
        record(j, KS_PAYMENT_CANCELLED, r);
        say(j->out, "cancelled (%s)", r->condition);
        /* Aborted for the customer, or cancelled by them or by the kiosk's own timeout. */
        return abort_requested(j->ctx) ? KS_PAY_ABORTED : KS_PAY_DECLINED;
    default:
        /* FAILED, NOT_FOUND, UNREACHABLE: the terminal never took the card. */
        record(j, KS_PAYMENT_FAILED, r);
        say(j->out, "not charged: %s (%s) %s", dev_pay_outcome_name(r->outcome), r->condition,
            r->error);
        return KS_PAY_DECLINED;
    }
}

static void send_abort(struct job *j)
{
    char why[192] = "";
    if (!dev_terminal_abort(j->ctx->terminal, j->row.sale_txn_id, j->ctx->rules.request_timeout_ms,
                            why, sizeof why))
        LOG_WARN("payment %s: abort not accepted: %s", j->row.sale_txn_id, why);
    j->abort_sent = true;
}

/*
 * The answer to j is unknown: records it so and asks the terminal until it
 * settles. A payment still in progress at abort_at_ms (monotonic) is
 * aborted; so is one whose customer asked to abort.
 */
static enum ks_pay_kind resolve(struct job *j, int64_t abort_at_ms)
{
    const ks_payment_ctx *ctx = j->ctx;
    if (j->row.status == KS_PAYMENT_PENDING && record(j, KS_PAYMENT_UNKNOWN, NULL) != KS_DB_OK)
        LOG_ERROR("payment %s: could not be marked unknown; it stays pending", j->row.sale_txn_id);
    int64_t not_found_since = -1;
    int attempts = 0;
    dev_pay_result r = {.outcome = DEV_PAY_TIMEOUT};
    for (;;) {
        dev_terminal_transaction_status(ctx->terminal, &j->req, &r);
        if (r.outcome == DEV_PAY_NOT_FOUND) {
            /* A request still on its way would be "not found" too: wait and ask again
             * (bounded by the confirmation time, so not counted as an attempt). */
            int64_t now = monotonic_ms();
            if (not_found_since < 0)
                not_found_since = now;
            if (now - not_found_since >= ctx->rules.not_found_confirm_ms)
                return settled(j, &r);
            if (!ks_payment_pause(&ctx->hooks, ctx->rules.status_interval_ms))
                break;
            continue;
        }
        if (dev_pay_outcome_settled(r.outcome))
            return settled(j, &r);
        not_found_since = -1;
        if (!j->abort_sent && (monotonic_ms() >= abort_at_ms || abort_requested(ctx)))
            send_abort(j);
        if (j->abort_sent && ++attempts >= ctx->rules.status_attempts)
            break;
        if (!ks_payment_pause(&ctx->hooks, ctx->rules.status_interval_ms))
            break;
    }
    copy_terminal(j->out, &r);
    LOG_ERROR("payment %s of order %s stays unknown: the terminal says %s (%s)", j->row.sale_txn_id,
              j->order->uuid, dev_pay_outcome_name(r.outcome), r.error);
    say(j->out,
        "the terminal cannot say what became of the payment (%s); it stays unknown and "
        "is asked about again",
        dev_pay_outcome_name(r.outcome));
    return KS_PAY_UNRESOLVED;
}

/* Resolves an earlier payment of the order; the kind, or -1 when it ended unpaid. */
static int settle_earlier(const ks_payment_ctx *ctx, ks_order *order, const ks_payment *p,
                          ks_pay_result *out)
{
    struct job j = {.ctx = ctx, .order = order, .row = *p, .out = out};
    job_request(&j);
    enum ks_pay_kind kind =
        p->status == KS_PAYMENT_APPROVED ? approved(&j, NULL) : resolve(&j, monotonic_ms());
    return kind == KS_PAY_DECLINED || kind == KS_PAY_ABORTED ? -1 : (int)kind;
}

/* Checks the order can take a new payment; a kind when it cannot (or is paid), else -1. */
static int check_order(const ks_payment_ctx *ctx, ks_order *order, ks_pay_result *out)
{
    ks_payment list[MAX_ORDER_PAYMENTS];
    size_t n = 0;
    enum ks_db_error err =
        ks_payment_store_list_for_order(ctx->db, order->uuid, list, MAX_ORDER_PAYMENTS, &n);
    if (err != KS_DB_OK) {
        say(out, "the order's payments cannot be read: %s", ks_db_strerror(err));
        return KS_PAY_ERROR;
    }
    bool approved_before = false;
    for (size_t i = 0; i < n; i++)
        approved_before |= list[i].status == KS_PAYMENT_APPROVED;
    if (order->status != KS_ORDER_CREATED) {
        if (approved_before) {
            say(out, "the order was paid already");
            return KS_PAY_APPROVED;
        }
        say(out, "the order is %s, not waiting for payment", ks_order_status_name(order->status));
        return KS_PAY_ERROR;
    }
    for (size_t i = 0; i < n; i++) {
        const ks_payment *p = &list[i];
        if (p->status != KS_PAYMENT_APPROVED && p->status != KS_PAYMENT_PENDING &&
            p->status != KS_PAYMENT_UNKNOWN)
            continue;
        LOG_INFO("order %s: payment %s is %s; settling it before anything new", order->uuid,
                 p->sale_txn_id, ks_payment_status_name(p->status));
        int kind = settle_earlier(ctx, order, p, out);
        if (kind >= 0)
            return kind;
    }
    return -1;
}

enum ks_pay_kind ks_payment_pay(const ks_payment_ctx *ctx, const char *order_uuid,
                                ks_pay_result *out)
{
    memset(out, 0, sizeof *out);
    out->terminal = DEV_PAY_UNREACHABLE;
    snprintf(out->order_uuid, sizeof out->order_uuid, "%s", order_uuid ? order_uuid : "");
    struct job j = {.ctx = ctx, .out = out};
    enum ks_db_error err = ks_order_store_load(ctx->db, order_uuid, &j.order);
    if (err != KS_DB_OK) {
        say(out, "the order cannot be loaded: %s", ks_db_strerror(err));
        return out->kind = KS_PAY_ERROR;
    }
    int kind = check_order(ctx, j.order, out);
    if (kind >= 0) {
        ks_order_free(j.order);
        return out->kind = (enum ks_pay_kind)kind;
    }
    memset(out->sale_txn_id, 0, sizeof out->sale_txn_id);
    char sale[37];
    int64_t now = time(NULL);
    if (!ks_uuid_new(sale)) {
        say(out, "no random bytes for a sale transaction id");
        ks_order_free(j.order);
        return out->kind = KS_PAY_ERROR;
    }
    err = ks_payment_store_create(ctx->db, sale, j.order->uuid, j.order->total, now);
    if (err == KS_DB_OK)
        err = ks_payment_store_load(ctx->db, sale, &j.row);
    if (err != KS_DB_OK) {
        say(out, "the payment cannot be recorded: %s; nothing was sent", ks_db_strerror(err));
        ks_order_free(j.order);
        return out->kind = KS_PAY_ERROR;
    }
    job_request(&j);
    step(ctx, KS_PAY_STEP_INTENT_COMMITTED, sale);
    if (abort_requested(ctx)) {
        record(&j, KS_PAYMENT_CANCELLED, NULL);
        say(out, "aborted before it was sent");
        ks_order_free(j.order);
        return out->kind = KS_PAY_ABORTED;
    }
    LOG_INFO("payment %s: asking the terminal for %lld (minor units) for order %s", sale,
             (long long)j.row.amount, j.order->uuid);
    int64_t started = monotonic_ms();
    dev_pay_result r;
    dev_terminal_payment(ctx->terminal, &j.req, &r);
    step(ctx, KS_PAY_STEP_ANSWER_READ, sale);
    LOG_INFO("payment %s: %s%s%s", sale, dev_pay_outcome_name(r.outcome), r.error[0] ? ": " : "",
             r.error);
    out->kind = dev_pay_outcome_settled(r.outcome)
                    ? settled(&j, &r)
                    : resolve(&j, started + ctx->rules.payment_timeout_ms);
    ks_order_free(j.order);
    return out->kind;
}

/* ---- Reconciliation ------------------------------------------------------------------- */

/* Settles one payment found on disk; the kind. */
static enum ks_pay_kind reconcile_one(const ks_payment_ctx *ctx, const ks_payment *p, bool orphan,
                                      ks_pay_result *out)
{
    memset(out, 0, sizeof *out);
    out->recovered = true;
    out->terminal = DEV_PAY_TIMEOUT;
    snprintf(out->order_uuid, sizeof out->order_uuid, "%s", p->order_uuid);
    struct job j = {.ctx = ctx, .row = *p, .out = out};
    enum ks_db_error err = ks_order_store_load(ctx->db, p->order_uuid, &j.order);
    if (err != KS_DB_OK) {
        LOG_ERROR("payment %s: its order %s cannot be loaded: %s", p->sale_txn_id, p->order_uuid,
                  ks_db_strerror(err));
        say(out, "the order cannot be loaded: %s", ks_db_strerror(err));
        return out->kind = KS_PAY_UNRESOLVED;
    }
    job_request(&j);
    LOG_INFO("payment %s of order %s was left %s: reconciling", p->sale_txn_id, p->order_uuid,
             ks_payment_status_name(p->status));
    if (!orphan) {
        out->kind = p->status == KS_PAYMENT_APPROVED ? approved(&j, NULL) : resolve(&j, 0);
    } else {
        /* The reversal needs the terminal's reference and time: ask for them. */
        dev_pay_result r;
        dev_terminal_transaction_status(ctx->terminal, &j.req, &r);
        copy_terminal(out, &r);
        if (r.outcome == DEV_PAY_APPROVED) {
            out->kind = give_back(&j, &r, KS_PAYMENT_REFUNDED, "and its order was cancelled");
        } else {
            say(out, "approved on disk, for a cancelled order; the terminal says %s",
                dev_pay_outcome_name(r.outcome));
            out->kind = KS_PAY_UNRESOLVED;
        }
    }
    LOG_INFO("payment %s: reconciled: %s (%s)", p->sale_txn_id, ks_pay_kind_name(out->kind),
             out->detail);
    ks_order_free(j.order);
    return out->kind;
}

size_t ks_payment_reconcile(const ks_payment_ctx *ctx,
                            void (*report)(void *arg, const ks_pay_result *result), void *arg)
{
    ks_payment *rows = calloc(MAX_RECONCILE, sizeof *rows);
    size_t left = 0;
    for (int pass = 0; pass < 2; pass++) {
        bool orphans = pass == 1;
        size_t n = 0;
        enum ks_db_error err =
            !rows     ? KS_DB_ERR_NO_MEMORY
            : orphans ? ks_payment_store_find_orphaned(ctx->db, rows, MAX_RECONCILE, &n)
                      : ks_payment_store_find_unresolved(ctx->db, rows, MAX_RECONCILE, &n);
        if (err != KS_DB_OK) {
            LOG_ERROR("unfinished payments cannot be listed: %s", ks_db_strerror(err));
            left++;
            continue;
        }
        for (size_t i = 0; i < n && !stopping(ctx); i++) {
            ks_pay_result result;
            enum ks_pay_kind kind = reconcile_one(ctx, &rows[i], orphans, &result);
            left += kind == KS_PAY_UNRESOLVED;
            if (report)
                report(arg, &result);
        }
    }
    free(rows);
    return left;
}
