/*
 * Card payment of a stored order, end to end, so that "approved on the
 * terminal but an error on the kiosk", double charges and approved payments
 * without a paid order cannot happen:
 *
 *  1. The payment intent (a new sale transaction id, the amount) is
 *     committed to SQLite before anything is sent (ks_payment_store_create).
 *  2. The terminal is asked to charge it (devices/payment/terminal.h).
 *  3. Its answer is recorded; an approval is recorded, then the order is
 *     marked paid with its kitchen and backend messages queued
 *     (ks_checkout_mark_paid).
 *  4. When the answer is lost (timeout, dropped connection, unreadable
 *     answer, crash), the payment is 'unknown' and the terminal is asked
 *     what became of it (TransactionStatus) until it says; a payment still
 *     waiting for a card after the customer's time is aborted. Only "not
 *     found" (confirmed after a while, in case the request was still on its
 *     way), a decline, a cancel or a refusal ends it unpaid; the customer
 *     may then try again under a NEW sale transaction id. A payment is never
 *     sent twice.
 *  5. A new payment for an order starts only when none of its payments is
 *     approved, pending or unknown.
 *  6. Money taken that no order will use (a second approval, or an order
 *     cancelled meanwhile) is given back at the terminal (reversal).
 *
 * At start, before any new payment, ks_payment_reconcile settles what a
 * crash left behind: pending and unknown payments are asked about, approved
 * ones whose order is not yet paid are marked paid, approved ones of
 * cancelled orders are reversed.
 *
 * The blocking work runs on a worker thread (ks_payment_worker) that owns
 * its own database connection and terminal handle; results come back
 * through a queue the UI thread drains, and a notify callback (called on
 * the worker thread) is where a program pushes an SDL user event. No SDL
 * here. The synchronous functions are the worker's steps, for tests and
 * tools.
 */
#ifndef KIOSK_APP_PAYMENT_H
#define KIOSK_APP_PAYMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/payment/terminal.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/domain/money.h"
#include "kiosk/store/db.h"

enum ks_pay_kind {
    KS_PAY_APPROVED,      /* the order is paid (now, or already) -> KS_EV_PAYMENT_APPROVED */
    KS_PAY_DECLINED,      /* nothing charged: declined, cancelled at the terminal, refused or
                             unreachable; the customer may try again -> KS_EV_PAYMENT_DECLINED */
    KS_PAY_ABORTED,       /* nothing charged, after ks_payment_worker_abort
                             -> KS_EV_PAYMENT_ABORTED */
    KS_PAY_REFUNDED,      /* charged and given back: the order was cancelled meanwhile */
    KS_PAY_UNRESOLVED,    /* the terminal could not say: the payment stays 'unknown' and is asked
                             about again in the background; do not cancel the order, call staff */
    KS_PAY_ERROR,         /* nothing sent: no such order, not payable, storage failed */
    KS_PAY_RECOVERY_DONE, /* the worker's start-up reconciliation is over; detail counts */
};

/* "approved", "declined" ...; "?" for other values. */
const char *ks_pay_kind_name(enum ks_pay_kind kind);

/* What became of one payment (or of the start-up reconciliation). */
typedef struct ks_pay_result {
    enum ks_pay_kind kind;
    bool recovered; /* from reconciliation, not from a customer's payment */
    char order_uuid[37];
    char sale_txn_id[65];          /* "" when no payment was started */
    ks_money amount;               /* minor units */
    enum dev_pay_outcome terminal; /* the terminal's last word on it */
    char brand[33];                /* for the receipt: "mada" */
    char masked_card[33];          /* "484783******1234" */
    char approval_code[17];
    char terminal_ref[65]; /* the terminal's transaction reference */
    char detail[256];      /* English, for logs and the staff screen; no card data */
} ks_pay_result;

/* Times in milliseconds. */
typedef struct ks_payment_rules {
    long payment_timeout_ms;   /* the customer's time at the terminal (longer than its own) */
    long request_timeout_ms;   /* one abort, status or reversal exchange */
    long status_interval_ms;   /* between status questions */
    int status_attempts;       /* questions after the abort before leaving it unknown */
    long not_found_confirm_ms; /* "not found" must hold this long before it counts */
} ks_payment_rules;

/* 120 s, 10 s, 2 s, 10 questions, 5 s. */
void ks_payment_rules_default(ks_payment_rules *rules);

/* The points of a payment, in order, for tracing and for the crash tests. */
enum ks_pay_step {
    KS_PAY_STEP_INTENT_COMMITTED, /* the pending payment is on disk; nothing sent */
    KS_PAY_STEP_REQUEST_SENT,     /* the request was handed to the connection */
    KS_PAY_STEP_ANSWER_READ,      /* the terminal's answer (or its absence) is known; nothing
                                     recorded yet */
    KS_PAY_STEP_OUTCOME_RECORDED, /* the outcome is on disk; an approved order not yet paid */
    KS_PAY_STEP_ORDER_PAID,       /* the order is paid and its messages queued */
};

/* Optional callbacks; every member may be NULL. Called on the paying thread. */
typedef struct ks_payment_hooks {
    void (*step)(void *ctx, enum ks_pay_step step, const char *sale_txn_id);
    bool (*abort_requested)(void *ctx); /* the customer wants out: abort what is running */
    bool (*stopping)(void *ctx);        /* give up waiting now; what is unknown stays unknown */
    void *ctx;
} ks_payment_hooks;

/* What the synchronous steps work with; both handles borrowed, used by one thread. */
typedef struct ks_payment_ctx {
    ks_db *db;
    const ks_einvoicing *einvoicing; /* borrowed; NULL: no phase 2 e-invoices */
    bool backend_only;               /* paid orders go to the backend only (a self-checkout) */
    dev_terminal *terminal;
    ks_payment_rules rules;
    ks_payment_hooks hooks;
} ks_payment_ctx;

/*
 * Pays the stored order order_uuid (status created) by card, as described
 * above; blocks until the terminal settles it or the rules give up. *out
 * tells what happened; the kind is returned.
 */
enum ks_pay_kind ks_payment_pay(const ks_payment_ctx *ctx, const char *order_uuid,
                                ks_pay_result *out);

/*
 * Settles what is left unfinished on disk (see above), calling report (may
 * be NULL) once per payment looked at. Returns how many payments stay
 * unresolved (still unknown, or approved with the order not yet paid).
 */
size_t ks_payment_reconcile(const ks_payment_ctx *ctx,
                            void (*report)(void *arg, const ks_pay_result *result), void *arg);

/* ---- The worker ----------------------------------------------------------------------- */

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
 * wait behind it. NULL, with a reason in why[cap], when something cannot be opened or started.
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
