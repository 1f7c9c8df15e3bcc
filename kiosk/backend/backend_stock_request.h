/*
 * A stock adjustment a manager sends to the backend (POST /v1/stock/adjustments,
 * kiosk/docs/backend-api.md, "Stock"): goods received, a count, or waste,
 * of one item at one store, with a reason and a person, under a request id
 * that makes a repeat harmless; and an item's low-stock threshold. Their
 * bodies read and checked strictly. Pure:
 * no I/O; backend_stock.c applies it.
 */
#ifndef KIOSK_BACKEND_BACKEND_STOCK_REQUEST_H
#define KIOSK_BACKEND_BACKEND_STOCK_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_body.h"
#include "kiosk/domain/order.h"

/* Largest adjustment body. */
#define KS_STOCK_REQUEST_MAX 2048
/* Bytes of an item id, a reason and a person at most. */
#define KS_STOCK_ITEM_MAX 64
#define KS_STOCK_REASON_MAX 120
#define KS_STOCK_PERSON_MAX 64
/* The largest quantity of one adjustment or level: a billion pieces or grams. */
#define KS_STOCK_QUANTITY_MAX 1000000000

enum ks_stock_kind {
    KS_STOCK_RECEIVED, /* goods received: quantity > 0 is added */
    KS_STOCK_COUNT,    /* a count: the level is set to quantity >= 0; the move is the difference */
    KS_STOCK_WASTE,    /* waste: quantity > 0 is taken away */
};

typedef struct ks_stock_adjustment {
    char request_id[37];                  /* lowercase uuid chosen by the client */
    char store_id[KS_DEVICE_ID_MAX + 1];  /* ks_device_id_ok */
    char item_id[KS_STOCK_ITEM_MAX + 1];  /* ks_id_ok, as orders name it */
    enum ks_stock_kind kind;              /* "received", "count", "waste" */
    int64_t quantity;                     /* pieces, or grams for items sold by weight */
    char reason[KS_STOCK_REASON_MAX + 1]; /* 1-120 bytes of UTF-8, no control characters */
    char person[KS_STOCK_PERSON_MAX + 1]; /* who did it, 1-64 bytes, the same */
} ks_stock_adjustment;

/*
 * The member "item_id" (ks_id_ok, at most KS_STOCK_ITEM_MAX bytes) of a
 * request body's root into item_id; on false the refusal names it.
 */
bool ks_stock_item_read(const ks_body_reader *r, json_t *root,
                        char item_id[static KS_STOCK_ITEM_MAX + 1]);

/*
 * The members "store_id" (ks_device_id_ok) and "item_id" (ks_id_ok, at most
 * KS_STOCK_ITEM_MAX bytes) of a request body's root; on false the refusal
 * is set with the member's path.
 */
bool ks_stock_place_read(const ks_body_reader *r, json_t *root,
                         char store_id[static KS_DEVICE_ID_MAX + 1],
                         char item_id[static KS_STOCK_ITEM_MAX + 1]);

/* The name of kind as bodies and the journal write it: "received", "count", "waste". */
const char *ks_stock_kind_name(enum ks_stock_kind kind);

/*
 * Reads body (len bytes, no NUL needed; from the network) as
 * {"request_id": uuid, "store_id": id, "item_id": id, "kind": "received" |
 * "count" | "waste", "quantity": 1..10^9 (0..10^9 for a count), "reason":
 * text, "person": text} (no other member, none twice) into *out. On false,
 * *out is zeroed, *reason (static) says what is wrong and path[cap] where.
 */
bool ks_stock_adjustment_parse(const char *body, size_t len, ks_stock_adjustment *out,
                               const char **reason, char *path, size_t cap);

/* An item's low-stock threshold and sold-out floor at a store (POST /v1/stock/thresholds). */
typedef struct ks_stock_threshold {
    char store_id[KS_DEVICE_ID_MAX + 1];
    char item_id[KS_STOCK_ITEM_MAX + 1];
    int64_t low_at;      /* 0..KS_STOCK_QUANTITY_MAX: alert when on hand is at or below it */
    int64_t sold_out_at; /* 0..KS_STOCK_QUANTITY_MAX (0 when absent): sold out at or below it */
} ks_stock_threshold;

/*
 * Reads body (len bytes) as {"store_id": id, "item_id": id, "low_at":
 * 0..10^9, "sold_out_at": 0..10^9 (optional)} (no other member, none
 * twice) into *out; on false as
 * ks_stock_adjustment_parse.
 */
bool ks_stock_threshold_parse(const char *body, size_t len, ks_stock_threshold *out,
                              const char **reason, char *path, size_t cap);

#endif
