/* The payment worker's threads, its queues and its results: see kiosk/app/payment_worker.h. */
#define LOG_TAG "payment"
#include "kiosk/app/payment_worker.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/common/worker.h"
#include "kiosk/app/office_refunds.h"
#include "kiosk/app/refund.h"
#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"

#define MAX_QUEUED 8
#define MAX_RESULTS 64
/*
 * How often an abort is sent again while its payment runs: an abort that
 * reached the terminal just before the request it names is lost without
 * a word, so the next one must come before a customer could present a card.
 */
#define ABORT_REPEAT_MS 200

struct ks_payment_worker {
    ks_payment_worker_config cfg; /* strings not kept: only used by start */
    ks_db *db;                    /* owned; the worker thread's */
    dev_terminal *terminal;       /* owned; the worker thread's, and the abort thread's aborts */
    struct dev_worker payer;      /* runs the payments and refunds; woken for a job */
    struct dev_worker aborter;    /* sends aborts; woken when one is asked or its sale is sent */
    bool payer_started, aborter_started;

    pthread_mutex_t lock; /* guards everything below, for both threads */
    pthread_cond_t room;  /* for the payer: a result was polled, or stop */
    char queue[MAX_QUEUED][37];
    size_t queued;
    char current_order[37]; /* "" when no payment runs */
    char current_sale[65];  /* its sale id once its request is sent */
    bool abort_current;
    ks_pay_result results[MAX_RESULTS]; /* ring */
    size_t first_result, results_count;
    char refund[37]; /* the refund queued or running; "" when none */
    bool refund_running;
    ks_refund_done refund_done; /* its end, until polled */
    bool refund_ended;
};

static void push_result(ks_payment_worker *w, const ks_pay_result *r)
{
    pthread_mutex_lock(&w->lock);
    /* Payment results are never dropped while the UI runs: the payer waits for room. */
    while (w->results_count == MAX_RESULTS && !dev_worker_stopping(&w->payer))
        pthread_cond_wait(&w->room, &w->lock);
    if (w->results_count == MAX_RESULTS) {
        /* Stopping and nobody polls: the oldest goes (everything is on disk anyway). */
        w->first_result = (w->first_result + 1) % MAX_RESULTS;
        w->results_count--;
    }
    w->results[(w->first_result + w->results_count++) % MAX_RESULTS] = *r;
    pthread_mutex_unlock(&w->lock);
    LOG_INFO("payment result for order %s: %s (%s)", r->order_uuid, ks_pay_kind_name(r->kind),
             r->detail);
    if (w->cfg.notify)
        w->cfg.notify(w->cfg.notify_ctx);
}

static void report_recovered(void *arg, const ks_pay_result *r)
{
    push_result(arg, r);
}

static void worker_step(void *arg, enum ks_pay_step s, const char *sale_txn_id)
{
    ks_payment_worker *w = arg;
    /*
     * The abort thread names this sale to the terminal only once the
     * request is on its way: an abort that overtook the request would be
     * taken for one of an unknown sale and lost (a terminal does not say).
     */
    if (s == KS_PAY_STEP_REQUEST_SENT) {
        pthread_mutex_lock(&w->lock);
        snprintf(w->current_sale, sizeof w->current_sale, "%s", sale_txn_id);
        pthread_mutex_unlock(&w->lock);
        dev_worker_wake(&w->aborter);
    }
    if (s == KS_PAY_STEP_ORDER_PAID && w->cfg.order_paid)
        w->cfg.order_paid(w->cfg.order_paid_ctx);
    if (w->cfg.hooks.step)
        w->cfg.hooks.step(w->cfg.hooks.ctx, s, sale_txn_id);
}

static bool worker_abort_requested(void *arg)
{
    ks_payment_worker *w = arg;
    pthread_mutex_lock(&w->lock);
    bool abort = w->abort_current;
    pthread_mutex_unlock(&w->lock);
    return abort;
}

static bool worker_stopping(void *arg)
{
    ks_payment_worker *w = arg;
    return dev_worker_stopping(&w->payer);
}

/* Between status queries: a stop ends the wait at once (no polling of the stop flag). */
static bool worker_pause(void *arg, long ms)
{
    ks_payment_worker *w = arg;
    return !dev_worker_nap(&w->payer, ms > INT_MAX ? INT_MAX : (int)ms);
}

/* Runs the queued refund (the lock held on entry and on return). */
static void run_refund(ks_payment_worker *w, const ks_refund_ctx *ctx)
{
    ks_refund_done done;
    memcpy(done.refund_id, w->refund, sizeof done.refund_id);
    w->refund_running = true;
    pthread_mutex_unlock(&w->lock);
    ks_refund_run(ctx, done.refund_id, &done.result);
    LOG_INFO("refund %s: %s (%s)", done.refund_id, ks_refund_outcome_name(done.result.outcome),
             done.result.detail);
    pthread_mutex_lock(&w->lock);
    w->refund_done = done;
    w->refund_ended = true;
    w->refund[0] = '\0';
    w->refund_running = false;
    pthread_mutex_unlock(&w->lock);
    if (w->cfg.notify)
        w->cfg.notify(w->cfg.notify_ctx);
    pthread_mutex_lock(&w->lock);
}

static void *worker_main(void *arg)
{
    ks_payment_worker *w = arg;
    const ks_payment_ctx ctx = {
        .db = w->db,
        .einvoicing = w->cfg.einvoicing,
        .backend_only = w->cfg.backend_only,
        .terminal = w->terminal,
        .rules = w->cfg.rules,
        .hooks = {worker_step, worker_abort_requested, worker_stopping, worker_pause, w},
    };
    /* Refunds a crash or a lost answer left are settled on the same terminal, never sent anew. */
    const ks_refund_ctx refunds = {
        .db = w->db,
        .einvoicing = w->cfg.einvoicing,
        .terminal = w->terminal,
        .rules = w->cfg.rules,
        .utc_offset_min = w->cfg.utc_offset_min,
        .business_day_start_min = w->cfg.business_day_start_min,
        .place = "payment-worker",
        .hooks = {.stopping = worker_stopping, .pause = worker_pause, .ctx = w}};
    ks_refund_ctx staff_refunds = refunds;
    staff_refunds.place = "staff-screen";
    size_t left = ks_payment_reconcile(&ctx, report_recovered, w);
    size_t refunds_left = ks_refund_reconcile(&refunds);
    ks_office_refunds_give_cash(&refunds);
    ks_pay_result done = {.kind = KS_PAY_RECOVERY_DONE, .recovered = true};
    snprintf(done.detail, sizeof done.detail,
             "%zu payment(s) stay unresolved; %zu refund(s) unfinished", left, refunds_left);
    push_result(w, &done);
    pthread_mutex_lock(&w->lock);
    while (!dev_worker_stopping(&w->payer)) {
        if (w->refund[0] && !w->refund_running) {
            run_refund(w, &staff_refunds);
            continue;
        }
        if (w->queued == 0) {
            pthread_mutex_unlock(&w->lock);
            enum dev_worker_wait woke = dev_worker_sleep(&w->payer, w->cfg.reconcile_interval_ms);
            pthread_mutex_lock(&w->lock);
            bool idle = woke == DEV_WORKER_TIMEOUT && w->queued == 0 && !w->refund[0] &&
                        !dev_worker_stopping(&w->payer);
            pthread_mutex_unlock(&w->lock);
            if (idle && left + refunds_left > 0) {
                left = ks_payment_reconcile(&ctx, report_recovered, w);
                refunds_left = ks_refund_reconcile(&refunds);
            }
            /* The back office's requests of orders paid at the counter, taken in meanwhile. */
            if (idle)
                ks_office_refunds_give_cash(&refunds);
            pthread_mutex_lock(&w->lock);
            continue;
        }
        memcpy(w->current_order, w->queue[0], sizeof w->current_order);
        memmove(w->queue, w->queue + 1, --w->queued * sizeof w->queue[0]);
        w->current_sale[0] = '\0';
        w->abort_current = false;
        char order[37];
        memcpy(order, w->current_order, sizeof order);
        pthread_mutex_unlock(&w->lock);
        ks_pay_result r;
        if (ks_payment_pay(&ctx, order, &r) == KS_PAY_UNRESOLVED)
            left++;
        pthread_mutex_lock(&w->lock);
        w->current_order[0] = '\0';
        w->current_sale[0] = '\0';
        w->abort_current = false;
        pthread_mutex_unlock(&w->lock);
        push_result(w, &r);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Sends the abort of the running payment, again every ABORT_REPEAT_MS while it runs. */
static void *abort_main(void *arg)
{
    ks_payment_worker *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!dev_worker_stopping(&w->aborter)) {
        if (!w->abort_current || !w->current_sale[0]) {
            pthread_mutex_unlock(&w->lock);
            dev_worker_sleep(&w->aborter, -1);
            pthread_mutex_lock(&w->lock);
            continue;
        }
        char sale[65];
        memcpy(sale, w->current_sale, sizeof sale);
        pthread_mutex_unlock(&w->lock);
        char why[192] = "";
        if (!dev_terminal_abort(w->terminal, sale, w->cfg.rules.request_timeout_ms, why,
                                sizeof why))
            LOG_WARN("payment %s: abort not accepted: %s", sale, why);
        /* until the repeat is due, unless the abort is withdrawn or another sale runs */
        int64_t repeat_at = dev_worker_now_ms() + ABORT_REPEAT_MS;
        enum dev_worker_wait woke = DEV_WORKER_WOKEN;
        pthread_mutex_lock(&w->lock);
        while (woke == DEV_WORKER_WOKEN && w->abort_current && strcmp(sale, w->current_sale) == 0) {
            pthread_mutex_unlock(&w->lock);
            woke = dev_worker_sleep_until(&w->aborter, repeat_at);
            pthread_mutex_lock(&w->lock);
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

ks_payment_worker *ks_payment_worker_start(const ks_payment_worker_config *cfg, char *why,
                                           size_t cap)
{
    char ignored[8];
    if (!why || !cap) {
        why = ignored;
        cap = sizeof ignored;
    }
    ks_payment_worker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(why, cap, "out of memory");
        return NULL;
    }
    w->cfg = *cfg;
    w->cfg.db_path = NULL;
    w->cfg.terminal_uri = NULL;
    if (w->cfg.reconcile_interval_ms <= 0)
        w->cfg.reconcile_interval_ms = 30000;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->room, NULL);
    enum ks_db_error err = KS_DB_OK;
    w->db = ks_db_open(cfg->db_path, &err);
    if (!w->db) {
        snprintf(why, cap, "the database cannot be opened: %s", ks_db_strerror(err));
        goto error;
    }
    char terminal_why[192] = "";
    w->terminal = dev_terminal_open(cfg->terminal_uri, terminal_why, sizeof terminal_why);
    if (!w->terminal) {
        snprintf(why, cap, "the terminal cannot be opened: %s", terminal_why);
        goto error;
    }
    w->aborter_started = dev_worker_start(&w->aborter, abort_main, w);
    w->payer_started = w->aborter_started && dev_worker_start(&w->payer, worker_main, w);
    if (!w->payer_started) {
        snprintf(why, cap, "the payment threads cannot start");
        goto error;
    }
    return w;
error:
    ks_payment_worker_stop(w);
    return NULL;
}

bool ks_payment_worker_pay(ks_payment_worker *w, const char *order_uuid)
{
    if (!ks_uuid_ok(order_uuid))
        return false;
    pthread_mutex_lock(&w->lock);
    bool busy = strcmp(w->current_order, order_uuid) == 0 || w->queued == MAX_QUEUED;
    for (size_t i = 0; i < w->queued; i++)
        busy |= strcmp(w->queue[i], order_uuid) == 0;
    if (!busy) {
        memcpy(w->queue[w->queued++], order_uuid, 37);
    }
    pthread_mutex_unlock(&w->lock);
    if (!busy)
        dev_worker_wake(&w->payer);
    return !busy;
}

void ks_payment_worker_abort(ks_payment_worker *w, const char *order_uuid)
{
    if (!order_uuid)
        return;
    bool dropped = false;
    pthread_mutex_lock(&w->lock);
    for (size_t i = 0; i < w->queued && !dropped; i++) {
        if (strcmp(w->queue[i], order_uuid) == 0) {
            memmove(w->queue + i, w->queue + i + 1, (w->queued - i - 1) * sizeof w->queue[0]);
            w->queued--;
            dropped = true;
        }
    }
    bool running = strcmp(w->current_order, order_uuid) == 0;
    if (running)
        w->abort_current = true;
    pthread_mutex_unlock(&w->lock);
    if (running)
        dev_worker_wake(&w->aborter);
    if (dropped) {
        ks_pay_result r = {.kind = KS_PAY_ABORTED, .terminal = DEV_PAY_UNREACHABLE};
        snprintf(r.order_uuid, sizeof r.order_uuid, "%s", order_uuid);
        snprintf(r.detail, sizeof r.detail, "aborted before it started");
        /* The queue is the UI's: never wait for room here. */
        pthread_mutex_lock(&w->lock);
        if (w->results_count < MAX_RESULTS)
            w->results[(w->first_result + w->results_count++) % MAX_RESULTS] = r;
        pthread_mutex_unlock(&w->lock);
        if (w->cfg.notify)
            w->cfg.notify(w->cfg.notify_ctx);
    }
}

bool ks_payment_worker_poll(ks_payment_worker *w, ks_pay_result *out)
{
    pthread_mutex_lock(&w->lock);
    bool any = w->results_count > 0;
    if (any) {
        *out = w->results[w->first_result];
        w->first_result = (w->first_result + 1) % MAX_RESULTS;
        w->results_count--;
        pthread_cond_signal(&w->room);
    }
    pthread_mutex_unlock(&w->lock);
    return any;
}

bool ks_payment_worker_refund(ks_payment_worker *w, const char *refund_id)
{
    if (!ks_uuid_ok(refund_id))
        return false;
    pthread_mutex_lock(&w->lock);
    bool busy = w->refund[0] != '\0';
    if (!busy) {
        memcpy(w->refund, refund_id, sizeof w->refund);
    }
    pthread_mutex_unlock(&w->lock);
    if (!busy)
        dev_worker_wake(&w->payer);
    return !busy;
}

bool ks_payment_worker_poll_refund(ks_payment_worker *w, ks_refund_done *out)
{
    pthread_mutex_lock(&w->lock);
    bool any = w->refund_ended;
    if (any)
        *out = w->refund_done;
    w->refund_ended = false;
    pthread_mutex_unlock(&w->lock);
    return any;
}

void ks_payment_worker_stop(ks_payment_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    if (w->current_order[0])
        w->abort_current = true; /* a payment in hand is aborted at the terminal */
    /* under the lock: a push_result that saw no stop is already waiting for room */
    if (w->payer_started)
        dev_worker_ask_stop(&w->payer);
    pthread_cond_broadcast(&w->room);
    pthread_mutex_unlock(&w->lock);
    if (w->aborter_started)
        dev_worker_wake(&w->aborter);
    if (w->payer_started)
        dev_worker_stop(&w->payer);
    if (w->aborter_started)
        dev_worker_stop(&w->aborter);
    dev_terminal_close(w->terminal);
    ks_db_close(w->db);
    pthread_cond_destroy(&w->room);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
