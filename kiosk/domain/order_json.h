/*
 * The order as JSON ("kiosk-order/1"): what the kitchen display and the
 * backend receive. Writing and reading enforce the same rules, so whatever
 * ks_order_to_json writes ks_order_from_json reads back identically, and
 * anything arriving from outside is held to them: known members only, each
 * with its type, length and range; ids of [a-z0-9_.-]; totals that add up
 * (ks_order_totals_consistent) with one VAT row per rate matching its
 * lines. The parser is a fuzz target (tests/fuzz/fuzz_order_json.c).
 *
 *   { "format": "kiosk-order/1", "uuid": "…", "store_id": "…", "kiosk_id": "…",
 *     (optional "receipt_token": "…", 32 lowercase hex digits: the backend's copy only)
 *     "number": 17, "business_date": "2026-11-24", "service": "dine_in",
 *     "status": "created", "lang": "ar", "currency": "SAR", "exponent": 2,
 *     "prices_include_tax": true, "menu_version": "…", "created_at": 1795500000,
 *     "updated_at": 1795500000,
 *     "lines": [ { "item_id": "…", "category_id": "…", "name": { "ar": "…", "en": "…" },
 *                  "unit": "each", "quantity": 2, "unit_price": 1800,
 *                  (a "kg" line adds "weight_g" = quantity and "price_per_kg" =
 *                  unit_price; optional when read, for orders stored before them)
 *                  "details": [ { "kind": "modifier", "id": "…", "name": {…},
 *                                 "price_delta": 200, "depth": 0 } ],
 *                  "note": "", "vat_rate_bp": 1500, "discount": 0, "net": 3130,
 *                  "vat": 470, "gross": 3600, "promo_note": { "ar": "", "en": "" } } ],
 *     "vat": [ { "rate_bp": 1500, "taxable": 3130, "vat": 470 } ],
 *     "subtotal": 3600, "discount": 0, "total_net": 3130, "total_vat": 470, "total": 3600,
 *     (optional "interventions": a self-checkout's attendant decisions, 1-200 of
 *      { "need": "removal", "decision": "approve_removal", "staff": "staff-07",
 *        "raised_at": 1795500000, "decided_at": 1795500012,
 *        (a void's) "void_item": "…", "void_amount": 450 }: kiosk/domain/intervention.h;
 *      the backend's copy only) }
 */
#ifndef KIOSK_DOMAIN_ORDER_JSON_H
#define KIOSK_DOMAIN_ORDER_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/json_read.h"
#include "kiosk/domain/order.h"

#define KS_ORDER_JSON_MAX_BYTES (1024u * 1024u)
#define KS_ORDER_MAX_LINES 500
#define KS_ORDER_MAX_DETAILS 512     /* per line */
#define KS_ORDER_MAX_NAME 256        /* bytes per name, as in menus */
#define KS_ORDER_MAX_PROMO_NOTE 4096 /* bytes per promotion note */
/*
 * The largest amount (subtotal, total, a line, a VAT row...): 10^9 halalas,
 * SAR 10,000,000, far past any kiosk order. Chosen so that no sum of
 * accepted orders can overflow: an order's lines add up to its subtotal,
 * so a report sums at most 10^9 per order, and 64-bit sums hold more than
 * 9.2 * 10^9 orders at the maximum (INT64_MAX / 10^9), far more than any
 * database of orders will hold. Larger amounts are refused at intake.
 */
#define KS_ORDER_MAX_MONEY INT64_C(1000000000)
/* The latest time an order holds (created_at, updated_at): 9999-12-31T23:59:59Z. */
#define KS_ORDER_MAX_TIME INT64_C(253402300799)
/* Orders at the maximum amount a 64-bit report sum holds: more than 9.2 * 10^9. */
#define KS_ORDER_SUMMABLE_ORDERS (INT64_MAX / KS_ORDER_MAX_MONEY)

/* The one error shape of the JSON reader (kiosk/domain/json_read.h): path and reason. */
typedef ks_json_error ks_order_json_error;

/*
 * One attendant intervention as the order's "interventions" member holds
 * it (above), for every message that carries one (kiosk/domain/staff_action.h):
 * a new object (json_decref), NULL when out of memory. Its reader takes
 * the object ij (member names, types and ranges; ks_intervention_ok is the
 * caller's) into *iv, refusing through r.
 */
json_t *ks_intervention_to_json(const ks_order_intervention *iv);
bool ks_intervention_read(ks_json_reader *r, json_t *ij, ks_order_intervention *iv);

/*
 * The order as compact UTF-8 JSON, NUL-terminated, owned by the caller
 * (free()). NULL when out of memory or when the order breaks a rule
 * ks_order_from_json enforces (then *err says which; err may be NULL).
 */
char *ks_order_to_json(const ks_order *order, ks_order_json_error *err);

/*
 * Parses and checks len bytes (no NUL needed; at most KS_ORDER_JSON_MAX_BYTES).
 * Returns a new order owned by the caller (ks_order_free), or NULL with
 * *err filled (err may be NULL) when refused or out of memory.
 */
ks_order *ks_order_from_json(const char *json, size_t len, ks_order_json_error *err);

#endif
