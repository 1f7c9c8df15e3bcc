/*
 * The money rules of a refund: which part of a paid order is given back,
 * and how much that is. Staff pick lines and quantities of a paid order;
 * the refund is those lines as they were paid, each with its share of its
 * discount and VAT, so a refund never gives back more than was paid for
 * what it returns, and the refunds of one line add up exactly to that line
 * once all of it is returned.
 *
 * A line's share of an amount A (its discount, gross or net) for the units
 * [before, before + quantity) of its paid quantity Q is
 *
 *     R(A x (before + quantity) / Q) - R(A x before / Q)
 *
 * (A, Q >= 0; R rounds half up): cumulative, so splitting a line into
 * several refunds never gains or loses a halala by rounding, and a refund of
 * the whole line is the line itself. Its VAT is gross - net, so VAT adds up
 * too, and one of two colas of 6.00 gives back 6.00. Pure: no I/O.
 */
#ifndef KIOSK_DOMAIN_REFUND_H
#define KIOSK_DOMAIN_REFUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/order.h"

/* Lines of one refund at most (an order's lines at most, as stored). */
#define KS_REFUND_LINES_MAX 200

/* Bytes of a refund's reason at most (UTF-8; printed, and the credit note's reason). */
#define KS_REFUND_REASON_MAX 120

/* Staff's pick: how much of one line of the order is returned. */
typedef struct ks_refund_pick {
    int32_t line_no;  /* as the order stores it: 0 for its first line */
    int32_t quantity; /* pieces, or grams for a line sold by weight; > 0 */
} ks_refund_pick;

enum ks_refund_error {
    KS_REFUND_OK,
    KS_REFUND_NOT_PAID,        /* the order was never paid (created, cancelled) */
    KS_REFUND_NO_LINES,        /* nothing picked, or more than KS_REFUND_LINES_MAX */
    KS_REFUND_BAD_LINE,        /* a line number the order does not have */
    KS_REFUND_DUPLICATE_LINE,  /* a line picked twice */
    KS_REFUND_BAD_QUANTITY,    /* a quantity of zero or less */
    KS_REFUND_MORE_THAN_LEFT,  /* more of a line than was paid and not yet refunded */
    KS_REFUND_NOTHING_TO_GIVE, /* the picked part of the order is worth nothing */
    KS_REFUND_PAST_WINDOW,     /* the order was placed longer ago than the refund window */
    KS_REFUND_NO_MEMORY,
};

/* An English sentence for staff and logs. */
const char *ks_refund_strerror(enum ks_refund_error err);

/*
 * Whether a new refund of order may still be given at now: the order was
 * placed at most window_s seconds before ([retention] refund_days; 0: no
 * window, refunds while the order is stored).
 */
bool ks_refund_window_open(const ks_order *order, int64_t now, int64_t window_s);

/*
 * The share of amount (>= 0) of a line of paid quantity line_quantity (> 0)
 * for its units [before, before + quantity), as above. 0 when the range is
 * not within [0, line_quantity] or an argument is negative.
 */
ks_money ks_refund_share(ks_money amount, int32_t line_quantity, int32_t before, int32_t quantity);

/*
 * The refunded part of a paid order (status paid to collected, or refunded
 * in part): a new order with the order's header (uuid, number, currency,
 * tax treatment ...) and only the picked lines, in the order's line order,
 * each with the picked quantity and its share of the line's discount, gross
 * and net (VAT = gross - net), its VAT rows and totals recomputed from
 * those lines (ks_order_totals_consistent holds). refunded_before[i] is the
 * quantity of line i given back by earlier refunds (NULL: none), so
 * shares continue where they stopped. *out is set only on KS_REFUND_OK
 * (free with ks_order_free); its total is what the refund gives back.
 */
enum ks_refund_error ks_refund_build(const ks_order *order, const int32_t *refunded_before,
                                     const ks_refund_pick *picks, size_t n_picks, ks_order **out);

#endif
