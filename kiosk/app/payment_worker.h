/*
 * The payment worker: the thread that runs the payment steps
 * (kiosk/app/payment.h) for the UI thread, with its own database
 * connection and terminal handle, and an abort thread that
 * sends the customer's cancel to a terminal blocked in a payment. Results
 * come back through a queue the UI thread drains, and a notify callback
 * (called on the worker thread) is where a program pushes an SDL user
 * event. No SDL here.
 */
#ifndef KIOSK_APP_PAYMENT_WORKER_H
#define KIOSK_APP_PAYMENT_WORKER_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app/payment.h"

struct ks_refund_done;

typedef struct ks_payment_worker_config {
    const char *db_path;             /* the worker opens its own connection */
    const char *terminal_uri;        /* see devices/payment/terminal.h */
    const ks_einvoicing *einvoicing; /* borrowed, outlives the worker; NULL: phase 1 only */
    bool backend_only;               /* a self-checkout: paid orders go to the backend only */
    ks_payment_rules rules;
    long reconcile_interval_ms; /* how often unresolved payments are asked about again */
    int utc_offset_min;         /* the store's business day, for refunds' "the same day" */
    int business_day_start_min;
    void (*notify)(void *ctx); /* a result is waiting (worker thread; must not block) */
    void *notify_ctx;
    /*
     * An order was marked paid and its messages queued, by a payment or by
     * the reconciliation at start (worker thread; must not block): where
     * the program wakes its delivery worker (ks_delivery_wake), so that a
     * recovered order goes out at once. May be NULL.
     */
    void (*order_paid)(void *ctx);
    void *order_paid_ctx;
    ks_payment_hooks hooks; /* for tests: step only (abort and stop are the worker's) */
} ks_payment_worker_config;

typedef struct ks_payment_worker ks_payment_worker;

/*
 * Opens the database and the terminal, and starts the worker thread, whose
 * first job is ks_payment_reconcile, then ks_refund_reconcile (refunds left
 * unfinished, kiosk/app/refund.h; asked about again with the payments)
 * (its results, then KS_PAY_RECOVERY_DONE, are queued like any other). Payments asked for meanwhile
 * wait behind it. Then, and whenever it has been idle for reconcile_interval_ms, it gives back the
 * back office's refund requests of orders paid at the counter (ks_office_refunds_give_cash). NULL,
 * with a reason in why[cap], when something cannot be opened or started.
 */
ks_payment_worker *ks_payment_worker_start(const ks_payment_worker_config *cfg, char *why,
                                           size_t cap);

/* Queues the payment of an order; false when one is queued or running already, or 8 wait. */
bool ks_payment_worker_pay(ks_payment_worker *w, const char *order_uuid);

/*
 * The customer's cancel: a queued payment of the order is dropped (result
 * KS_PAY_ABORTED), a running one is aborted at the terminal, again every
 * second until it ends. The outcome still comes as a result: aborted, or
 * approved when the card was quicker. Never blocks.
 */
void ks_payment_worker_abort(ks_payment_worker *w, const char *order_uuid);

/* Takes the oldest result into *out; false when there is none. Never blocks. */
bool ks_payment_worker_poll(ks_payment_worker *w, ks_pay_result *out);

/*
 * Queues the recorded refund refund_id (kiosk/app/refund.h: ks_refund_run
 * on the worker's terminal and connection, before any payment queued
 * after it; staff at the "staff-screen"); false when a refund is queued or
 * running already. Its end comes through ks_payment_worker_poll_refund,
 * after which notify is called. Never blocks.
 */
bool ks_payment_worker_refund(ks_payment_worker *w, const char *refund_id);

/* Takes the refund that ended into *out; false when there is none. Never blocks. */
bool ks_payment_worker_poll_refund(ks_payment_worker *w, struct ks_refund_done *out);

/*
 * Stops the worker: a payment in hand stops waiting (it stays unknown on
 * disk and is reconciled at the next start), the thread is joined, and
 * everything is freed. Accepts NULL.
 */
void ks_payment_worker_stop(ks_payment_worker *w);

#endif
