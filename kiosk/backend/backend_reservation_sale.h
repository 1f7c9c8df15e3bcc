/*
 * What another sales channel charged for a reservation it confirms (POST
 * /v1/stock/reservations/{id}/confirm, kiosk/docs/backend-api.md,
 * "Reservations"): each line's net, VAT and gross in halalas and how the
 * shop was paid. Its body read and checked strictly, its lines put in
 * item order; an empty body is a confirmation without prices (stock
 * only). Pure: no I/O; backend_reservation.c stores it with the sale and
 * the report summaries count it under the channel.
 */
#ifndef KIOSK_BACKEND_BACKEND_RESERVATION_SALE_H
#define KIOSK_BACKEND_BACKEND_RESERVATION_SALE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_reservation_request.h"
#include "kiosk/domain/json_read.h"

/* Largest confirmation body. */
#define KS_RESERVATION_SALE_BODY_MAX 16384
/* The VAT rate a channel's sale is charged at, in basis points (15 %). */
#define KS_RESERVATION_SALE_RATE_BP 1500

/* How a channel's customer paid: the payment methods report's names. */
enum ks_channel_paid_by {
    KS_CHANNEL_PAID_CARD,             /* "online_card" */
    KS_CHANNEL_PAID_CASH_ON_DELIVERY, /* "cash_on_delivery" */
    KS_CHANNEL_PAID_WALLET,           /* "wallet" */
    KS_CHANNEL_PAID_BANK_TRANSFER,    /* "bank_transfer" */
};
#define KS_CHANNEL_PAID_BY_COUNT 4

/* The stable name of by ("online_card" ...); "" for a value out of range. */
const char *ks_channel_paid_by_name(enum ks_channel_paid_by by);

typedef struct ks_reservation_sale_line {
    char item_id[KS_STOCK_ITEM_MAX + 1]; /* ks_id_ok; first (ks_reservation_by_item) */
    int64_t quantity;                    /* 1..KS_STOCK_QUANTITY_MAX: the reservation's line's */
    int64_t net, vat, gross;             /* halalas, >= 0; gross = net + vat, vat ~ 15 % of net */
    /* Set by the route from the store's menu, not read (NULL, false when it lacks the item): */
    const char *name_en, *name_ar; /* borrowed from the menu's catalog */
    bool by_weight;                /* quantity in grams, unit "kg" */
} ks_reservation_sale_line;

typedef struct ks_reservation_sale {
    bool priced; /* false: an empty body, a confirmation of the stock only (nothing else set) */
    ks_reservation_sale_line lines[KS_RESERVATION_LINES_MAX]; /* by item_id, each item once */
    size_t n_lines;                                           /* 1..KS_RESERVATION_LINES_MAX */
    enum ks_channel_paid_by paid_by;
    int64_t total_net, total_vat, total; /* the lines' sums, each within int64 */
    char business_date[11]; /* set by the route: YYYY-MM-DD, the local date of the confirmation */
} ks_reservation_sale;

/*
 * Reads body (len bytes, no NUL needed; from the network; len 0: no
 * prices, *out->priced false) as {"lines": [{"item_id": id, "quantity":
 * 1..10^9, "net": halalas, "vat": halalas, "gross": halalas}, ...] (1 to
 * 50, each item once), "payment_method": "online_card" | "cash_on_delivery"
 * | "wallet" | "bank_transfer"} (no other member, none twice) into *out,
 * its lines sorted by item_id. Each line's amounts are 0 or more, gross =
 * net + vat, and vat is 15 % of net to within one halala
 * (|vat - net * 0.15| <= 1); the totals fit in int64. On false, *out is
 * zeroed and *why holds the member at fault and the reason (ks_body_read).
 * Whether the lines are the reservation's is the store's check
 * (ks_reservation_sale_matches).
 */
bool ks_reservation_sale_parse(const char *body, size_t len, ks_reservation_sale *out,
                               ks_json_error *why);

/*
 * True when the n lines (item_ids and quantities, by item_id) are sale's
 * lines: the same items, each with the same quantity. item_ids and
 * quantities borrowed.
 */
bool ks_reservation_sale_matches(const ks_reservation_sale *sale, const char *const *item_ids,
                                 const int64_t *quantities, size_t n);

/* True when a and b (both parsed) are the same confirmation: lines, amounts and method. */
bool ks_reservation_sale_same(const ks_reservation_sale *a, const ks_reservation_sale *b);

#endif
