/*
 * Giving a recorded refund's money back (kiosk/store/refund_store.h), so
 * that it is never given twice and never lost:
 *
 *  1. The refund is on disk 'requested' (ks_refund_store_request) before
 *     anything moves.
 *  2. Cash (an order paid at the counter): staff hand the cash over; it is
 *     recorded given back at once.
 *  3. Card: each terminal request is counted on disk before it is sent
 *     (ks_refund_store_next_attempt). The whole charge on the day it was
 *     made goes back as a nexo Reversal of it; anything else as a nexo
 *     Payment of PaymentType "Refund" naming the charge, under the
 *     refund's own sale id. A declined or refused request leaves the
 *     refund requested with the reason kept; staff may run it again. A
 *     lost or unreadable answer is asked about (TransactionStatus; a
 *     reversal is sent again, which the terminal answers without giving
 *     twice) before any new request, here and at every start.
 *  4. Given back: in ONE transaction the refund becomes given_back (and
 *     the order refunded once every line of it is given back), its
 *     credit note (381, naming the order's invoice, listing the lines given
 *     back, reason the refund's) is chained with its ZATCA report queued
 *     (when phase 2 is on), and the refund message is queued for the
 *     backend (destination KS_REFUND_DESTINATION).
 *  5. Done: the staff audit gets the refund, in the transaction that marks
 *     it done.
 *
 * Synchronous: runs on the caller's thread (a staff action's worker, or a
 * test), with the caller's connection and terminal.
 */
#ifndef KIOSK_APP_REFUND_H
#define KIOSK_APP_REFUND_H

#include <stddef.h>
#include <stdint.h>

#include "devices/payment/terminal.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/app/payment.h"
#include "kiosk/store/db.h"
#include "kiosk/store/refund_store.h"

enum ks_refund_outcome {
    KS_REFUND_GIVEN,     /* the money is back (now or before); credit note and messages queued */
    KS_REFUND_NOT_GIVEN, /* the terminal declined or refused: nothing given; stays requested */
    KS_REFUND_UNKNOWN,   /* the terminal cannot say: asked again before anything new */
    KS_REFUND_ERROR, /* nothing sent: no such refund, cancelled, no card payment, storage failed */
};

/* "given", "not-given", "unknown", "error"; "?" for other values. */
const char *ks_refund_outcome_name(enum ks_refund_outcome outcome);

typedef struct ks_refund_result {
    enum ks_refund_outcome outcome;
    ks_money amount;
    char credit_note_qr[701]; /* the credit note's phase 2 QR, "" when none */
    char detail[256];         /* English, for logs and the staff screen */
} ks_refund_result;

/* A refund the payment worker ran (ks_payment_worker_refund), as the UI thread polls it. */
typedef struct ks_refund_done {
    char refund_id[37];
    ks_refund_result result;
} ks_refund_done;

typedef struct ks_refund_ctx {
    ks_db *db;
    const ks_einvoicing *einvoicing; /* NULL: no phase 2 credit notes */
    dev_terminal *terminal;          /* NULL: card refunds end KS_REFUND_ERROR */
    ks_payment_rules rules;          /* request and status timeouts, as for payments */
    int utc_offset_min;              /* the store's business day, for "the same day" */
    int business_day_start_min;
    const char *place;      /* where, for the staff audit ("staff-screen") */
    ks_payment_hooks hooks; /* stopping and pause between status questions; may be zeroed */
} ks_refund_ctx;

/* Gives back the recorded refund id as above; *out tells what happened. */
enum ks_refund_outcome ks_refund_run(const ks_refund_ctx *ctx, const char *id,
                                     ks_refund_result *out);

/*
 * At start, before new refunds: settles the refunds a crash or a lost
 * answer left (ks_refund_store_find_unfinished): asks the terminal about
 * the latest request of each (never sending a new refund), and finishes
 * those given back. Returns how many stay unfinished.
 */
size_t ks_refund_reconcile(const ks_refund_ctx *ctx);

#endif
