/*
 * Item costs (POST /v1/costs, kiosk/docs/backend-api.md, "Item costs and
 * profit"): what one piece of an item, or one kilogram of an item sold by
 * weight, costs the chain, for the profit report. The body read and
 * checked strictly; pure: no I/O. backend_cost_store.c keeps the costs and
 * each order line's cost in the database.
 */
#ifndef KIOSK_BACKEND_BACKEND_COST_H
#define KIOSK_BACKEND_BACKEND_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_stock_request.h"

/* Largest cost body, and the largest unit cost: 10^9 halalas (10 million riyals). */
#define KS_COST_BODY_MAX 1024
#define KS_COST_MAX 1000000000

typedef struct ks_cost_change {
    char item_id[KS_STOCK_ITEM_MAX + 1]; /* ks_id_ok, as orders name it */
    bool clear;                          /* "unit_cost": null: the item has no cost any more */
    int64_t unit_cost; /* 0..KS_COST_MAX halalas per piece, or per kg for a weighed item */
} ks_cost_change;

/*
 * Reads body (len bytes, no NUL needed; from the network) as {"item_id":
 * id, "unit_cost": 0..10^9 or null} (no other member, none twice) into
 * *out. On false, *out is zeroed and *why holds the member at fault and
 * the reason (ks_body_read).
 */
bool ks_cost_change_parse(const char *body, size_t len, ks_cost_change *out, ks_json_error *why);

#endif
