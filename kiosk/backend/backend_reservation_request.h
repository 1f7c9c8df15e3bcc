/*
 * A stock reservation another sales channel (an online shop) sends to the
 * backend (POST /v1/stock/reservations, kiosk/docs/backend-api.md,
 * "Reservations"): items of one store held for a while under an id the
 * channel chooses, which makes a repeat harmless. Its body read and
 * checked strictly, its lines put in item order. Pure: no I/O;
 * backend_reservation.c applies it.
 */
#ifndef KIOSK_BACKEND_BACKEND_RESERVATION_REQUEST_H
#define KIOSK_BACKEND_BACKEND_RESERVATION_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_stock_request.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/json_read.h"

/* Largest reservation body. */
#define KS_RESERVATION_BODY_MAX 8192
/* Lines of one reservation at most (each a different item). */
#define KS_RESERVATION_LINES_MAX 50
/* How long a hold lasts, in seconds: 60 to 3600, 900 when the body does not say. */
#define KS_RESERVATION_HOLD_MIN 60
#define KS_RESERVATION_HOLD_MAX 3600
#define KS_RESERVATION_HOLD_DEFAULT 900

typedef struct ks_reservation_line {
    char item_id[KS_STOCK_ITEM_MAX + 1]; /* ks_id_ok, as orders name it; first (sort order) */
    int64_t quantity;                    /* 1..KS_STOCK_QUANTITY_MAX pieces, or grams */
    bool by_weight; /* the store's menu sells it by weight (set by the route, not read) */
} ks_reservation_line;

typedef struct ks_reservation_request {
    char reservation_id[37];                             /* lowercase uuid chosen by the channel */
    char store_id[KS_DEVICE_ID_MAX + 1];                 /* ks_device_id_ok */
    ks_reservation_line lines[KS_RESERVATION_LINES_MAX]; /* by item_id, each item once */
    size_t n_lines;                                      /* 1..KS_RESERVATION_LINES_MAX */
    int64_t hold_seconds; /* KS_RESERVATION_HOLD_MIN..KS_RESERVATION_HOLD_MAX */
} ks_reservation_request;

/* The refusal of a line naming an item an earlier line named. */
#define KS_RESERVATION_ITEM_TWICE "names an item already listed"

/*
 * qsort order of lines by item id, for any line struct whose first member
 * is its item id (ks_reservation_line, ks_reservation_sale_line).
 */
int ks_reservation_by_item(const void *a, const void *b);

/*
 * Reads body (len bytes, no NUL needed; from the network) as
 * {"reservation_id": uuid, "store_id": id, "lines": [{"item_id": id,
 * "quantity": 1..10^9}, ...] (1 to 50, each item once), "hold_seconds":
 * 60..3600 (optional, 900)} (no other member, none twice) into *out, its
 * lines sorted by item_id. On false, *out is zeroed and *why holds the member at fault and the
 * reason (ks_body_read).
 */
bool ks_reservation_request_parse(const char *body, size_t len, ks_reservation_request *out,
                                  ks_json_error *why);

#endif
