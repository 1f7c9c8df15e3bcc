/*
 * Checkout: turns the customer's cart into a durable order. The cart is
 * validated and priced, frozen into a ks_order snapshot, and stored with its
 * human number (one SQLite transaction, synchronous=FULL) before the caller
 * shows or sends anything. Marking it paid queues the kitchen ticket and the
 * backend copy in the same transaction as the status change.
 */
#ifndef KIOSK_APP_CHECKOUT_H
#define KIOSK_APP_CHECKOUT_H

#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/domain/cart.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/db.h"

enum ks_checkout_result {
    KS_CHECKOUT_OK,
    KS_CHECKOUT_EMPTY_CART,
    KS_CHECKOUT_INVALID_CART, /* a line cannot be ordered: see the issue */
    KS_CHECKOUT_PRICING,      /* the cart could not be priced (overflow, memory) */
    KS_CHECKOUT_STORAGE,      /* the order could not be stored: nothing was recorded */
    KS_CHECKOUT_NO_RANDOM,    /* the OS gave no random bytes for the order's UUID */
};

const char *ks_checkout_strerror(enum ks_checkout_result result);

typedef struct ks_checkout_request {
    const ks_cart *cart; /* borrowed */
    enum ks_service service;
    enum ks_lang lang;          /* the customer's language */
    int64_t now;                /* UTC seconds */
    ks_sold_out_fn is_sold_out; /* staff sold-out marks; may be NULL */
    void *sold_out_ctx;
    /* A self-checkout's attendant decisions so far (borrowed, copied into the order and stored
     * with it; NULL with 0) */
    const ks_order_intervention *interventions;
    size_t n_interventions;
} ks_checkout_request;

/*
 * Places the order: on KS_CHECKOUT_OK *out is the stored order (status
 * created, its number set), owned by the caller (ks_order_free). On
 * KS_CHECKOUT_INVALID_CART, *issue (may be NULL) holds the first bad line's
 * reason. Nothing is stored unless the result is KS_CHECKOUT_OK.
 */
enum ks_checkout_result ks_checkout_place(ks_db *db, const ks_config *cfg,
                                          const ks_checkout_request *req, ks_order **out,
                                          ks_line_issue *issue);

/*
 * Marks a stored order paid at now and, in the same transaction, queues its
 * JSON for the kitchen (unless backend_only: a self-checkout has no
 * kitchen) and the backend and, with einvoicing (may be NULL: phase 1
 * only), issues its signed e-invoice paid by means into the chain and
 * queues its report (kiosk/app/einvoicing.h); the backend's copy then
 * carries the invoice's phase 2 QR ("zatca_qr") for the e-receipt. The
 * backend's copy says how it was paid from order->payment, which the
 * caller sets first (the kitchen's copy leaves it out). Retrying is
 * harmless.
 */
enum ks_db_error ks_checkout_mark_paid(ks_db *db, ks_order *order, int64_t now,
                                       const ks_einvoicing *einvoicing, enum ks_payment_means means,
                                       bool backend_only);

/*
 * An order to pay at the counter (still created) is queued for the
 * kitchen displays as it is: the counter lists it, takes the money and
 * tells the kiosk through the kitchen's feed (kiosk/app/kitchen_feed.h),
 * which then marks it paid with ks_checkout_mark_paid. One transaction.
 */
enum ks_db_error ks_checkout_send_to_counter(ks_db *db, const ks_order *order, int64_t now);

/*
 * The counter cancelled an unpaid order (or the business day ended with it
 * unpaid): marks it cancelled at now and, in the same transaction, queues
 * it for the backend, which counts it as cancelled unpaid. An order
 * cancelled already is KS_DB_OK; a paid one KS_DB_ERR_ILLEGAL_TRANSITION.
 */
enum ks_db_error ks_checkout_cancel_unpaid(ks_db *db, ks_order *order, int64_t now);

#endif
