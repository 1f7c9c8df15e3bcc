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
 * These are the payment's steps, run synchronously on the caller's thread
 * (tests and tools drive them directly); the worker thread that runs them
 * for the UI is kiosk/app/payment_worker.h. No SDL here.
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
    /* Waits ms between status queries; false when stopping cut it short. NULL: nanosleep. */
    bool (*pause)(void *ctx, long ms);
    void *ctx;
} ks_payment_hooks;

/*
 * Waits ms between two questions to the terminal: through hooks->pause when
 * set (a stop ends it at once), else a plain sleep. False when the caller is
 * stopping.
 */
bool ks_payment_pause(const ks_payment_hooks *hooks, long ms);

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

#endif
