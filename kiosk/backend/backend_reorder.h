/*
 * Reorder suggestions from the daily sales rate (kiosk/docs/backend-api.md,
 * "GET /v1/stock/reorder"). Pure integer arithmetic, no I/O. With sold the
 * units an item sold over the last days whole days:
 *
 *   reorder point = ceil(sold x (lead + safety) / days)
 *   order up to   = ceil(sold x (lead + safety + cover) / days)
 *   suggestion    = order up to - on hand, when on hand <= reorder point;
 *                   else 0
 *
 * lead: days from ordering to delivery; safety: days of sales kept in
 * reserve; cover: days of sales an order should last. The daily rate is
 * sold / days, given in thousandths (rate_milli, rounded down).
 */
#ifndef KIOSK_BACKEND_BACKEND_REORDER_H
#define KIOSK_BACKEND_BACKEND_REORDER_H

#include <stdbool.h>
#include <stdint.h>

/* Bounds of the parameters (days) and of sold (units), so no product overflows. */
#define KS_REORDER_DAYS_MAX 365
#define KS_REORDER_SOLD_MAX 1000000000000LL

typedef struct ks_reorder_params {
    int days;   /* the window of sales looked at: 1..KS_REORDER_DAYS_MAX */
    int lead;   /* 0..KS_REORDER_DAYS_MAX */
    int safety; /* 0..KS_REORDER_DAYS_MAX */
    int cover;  /* 0..KS_REORDER_DAYS_MAX */
} ks_reorder_params;

typedef struct ks_reorder {
    int64_t rate_milli;    /* sold per day, in thousandths */
    int64_t reorder_point; /* units */
    int64_t order_up_to;   /* units */
    int64_t suggestion;    /* units to order now, >= 0 */
} ks_reorder;

/* True when every parameter is within its bounds. */
bool ks_reorder_params_ok(const ks_reorder_params *p);

/*
 * The figures of an item that sold sold units (0..KS_REORDER_SOLD_MAX;
 * negative counts as 0) over p's window and has on_hand now (may be
 * negative), with p checked by ks_reorder_params_ok.
 */
ks_reorder ks_reorder_compute(const ks_reorder_params *p, int64_t sold, int64_t on_hand);

#endif
