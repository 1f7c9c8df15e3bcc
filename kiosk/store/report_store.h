/*
 * The figures of one business day for the end-of-day summary:
 * orders paid, their totals, orders cancelled, and the paid orders by
 * payment method. Read-only; amounts in minor units (halalas).
 *
 * An order counts as paid from 'paid' on through the kitchen's states
 * ('sent_to_kitchen' ... 'collected'); 'refunded' orders are in neither
 * the paid figures nor the cancelled count. Its method is the scheme of
 * its approved card payment ("mada", "visa"; "card" when the terminal gave
 * none), or "counter" when it was paid without one.
 *
 * Refunds of the day's orders given back (kiosk/store/refund_store.h) are
 * counted apart: how many and how much, the orders refunded in full
 * (status 'refunded') and those refunded in part (still in the paid
 * figures at their whole total).
 */
#ifndef KIOSK_STORE_REPORT_STORE_H
#define KIOSK_STORE_REPORT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/money.h"
#include "kiosk/store/db.h"

/* Methods kept per day; further ones (unlikely: one per card scheme) are added to the last. */
#define KS_REPORT_MAX_METHODS 8

typedef struct ks_report_method {
    char method[33]; /* "mada", "visa", "card", "counter" */
    int64_t orders;
    ks_money total;
} ks_report_method;

typedef struct ks_day_report {
    char business_date[11]; /* YYYY-MM-DD, store-local */
    int64_t orders;         /* paid orders */
    ks_money paid_total;    /* sum of their totals, VAT included */
    ks_money vat_total;     /* sum of their VAT */
    ks_money discount_total;
    int64_t cancelled;                               /* orders cancelled that day */
    int64_t refunded_orders;                         /* orders refunded in full */
    int64_t partly_refunded;                         /* paid orders refunded in part */
    int64_t refunds;                                 /* refunds given back */
    ks_money refunded_total;                         /* what they gave back, VAT included */
    ks_report_method methods[KS_REPORT_MAX_METHODS]; /* by method name, A to Z */
    size_t n_methods;
} ks_day_report;

/*
 * Fills *out with the figures of store_id's business_date ("YYYY-MM-DD").
 * KS_DB_ERR_INVALID for a malformed date or store id; a day without
 * orders is KS_DB_OK with zeros.
 */
enum ks_db_error ks_report_day(ks_db *db, const char *store_id, const char *business_date,
                               ks_day_report *out);

#endif
