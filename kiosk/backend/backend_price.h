/*
 * A store's own terms for the items of its menu (kiosk/docs/backend-api.md,
 * "Prices" and "Availability"): its price of an item (POST /v1/prices) and
 * whether the item is sold there (POST /v1/availability), each overriding
 * the menu file's for that store's kiosks, and the menu those kiosks pull
 * with them in it. The bodies read and checked strictly, and the menu
 * rewritten; pure: no I/O. backend_price_store.c keeps them in the database.
 */
#ifndef KIOSK_BACKEND_BACKEND_PRICE_H
#define KIOSK_BACKEND_BACKEND_PRICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_stock_request.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/json_read.h"

/* Largest price body, and the largest price: 10^9 halalas (10 million riyals). */
#define KS_PRICE_BODY_MAX 1024
#define KS_PRICE_MAX 1000000000

typedef struct ks_price_change {
    char store_id[KS_DEVICE_ID_MAX + 1]; /* ks_device_id_ok */
    char item_id[KS_STOCK_ITEM_MAX + 1]; /* ks_id_ok, a menu item's id */
    bool clear;                          /* "price": null: back to the menu file's price */
    int64_t price;                       /* 0..KS_PRICE_MAX minor units (halalas); 0 when clear */
} ks_price_change;

/* A chain-wide price body's limits: its bytes and its stores. */
#define KS_PRICE_CHAIN_BODY_MAX 4096
#define KS_PRICE_CHAIN_STORES_MAX 64

/* One item's price at several stores at once (POST /v1/prices/chain). */
typedef struct ks_price_chain_change {
    char item_id[KS_STOCK_ITEM_MAX + 1]; /* ks_id_ok, a menu item's or combo's id */
    bool clear;                          /* "price": null: every store back to its menu's */
    int64_t price;                       /* 0..KS_PRICE_MAX halalas; 0 when clear */
    size_t n_stores;                     /* 1..KS_PRICE_CHAIN_STORES_MAX */
    char stores[KS_PRICE_CHAIN_STORES_MAX][KS_DEVICE_ID_MAX + 1]; /* ks_device_id_ok, each once */
} ks_price_chain_change;

typedef struct ks_availability_change {
    char store_id[KS_DEVICE_ID_MAX + 1]; /* ks_device_id_ok */
    char item_id[KS_STOCK_ITEM_MAX + 1]; /* ks_id_ok, a menu item's id */
    bool clear;                          /* "available": null: back to the menu file's */
    bool available;                      /* sold at the store; false when clear */
} ks_availability_change;

/*
 * Reads body (len bytes, no NUL needed; from the network) as {"store_id":
 * id, "item_id": id, "price": 0..10^9 or null} (no other member, none
 * twice) into *out. On false, *out is zeroed and *why holds the member at fault and the reason
 * (ks_body_read).
 */
bool ks_price_change_parse(const char *body, size_t len, ks_price_change *out, ks_json_error *why);

/*
 * As ks_price_change_parse for {"item_id": id, "price": 0..10^9 or null,
 * "stores": [1..64 store ids, each once]} (at most KS_PRICE_CHAIN_BODY_MAX bytes).
 */
bool ks_price_chain_parse(const char *body, size_t len, ks_price_chain_change *out,
                          ks_json_error *why);

/* As ks_price_change_parse for {"store_id": id, "item_id": id, "available": bool or null}. */
bool ks_availability_change_parse(const char *body, size_t len, ks_availability_change *out,
                                  ks_json_error *why);

/*
 * True when menu[len] (a menu file, kiosk/docs/menu-format.md) has an item or a combo (one id
 * space) with id item_id.
 */
bool ks_price_menu_has_item(const char *menu, size_t len, const char *item_id);

/* The entry of the JSON array list whose string member is id (NULL: none), or NULL. */
json_t *ks_price_menu_entry(json_t *list, const char *member, const char *id);

/*
 * A store's own terms for its menu, as the store reads them (each NULL or
 * an array, owned): its prices ({"item_id","price"}), its availability
 * ({"item_id","available"}: 0 or 1, true or false) and its price deltas
 * ({"kind","owner_id","slot_id","part_id","price_delta"}, see
 * backend_price_delta.h).
 */
typedef struct ks_price_terms {
    json_t *prices;
    json_t *availability;
    json_t *deltas;
} ks_price_terms;

/* Releases the arrays of terms and sets them to NULL; NULL-safe. */
void ks_price_terms_clear(ks_price_terms *terms);

/* The number of rows of terms (0 for NULL): 0 means the menu file is served as it is. */
size_t ks_price_terms_count(const ks_price_terms *terms);

/*
 * The menu menu[len] with the store's terms (NULL: none) applied: the
 * price of each item or combo named in terms->prices replaced, the
 * "sold_out" of each named in terms->availability set to the opposite of
 * "available", and the "price_delta" of each size, option and choice named
 * in terms->deltas replaced (one the menu lacks changes nothing), as
 * compact JSON with its members in their order (malloc'd, its length in
 * *out_len); NULL when the menu is not a JSON object with an "items"
 * array, or out of memory.
 */
char *ks_price_menu_apply(const char *menu, size_t len, const ks_price_terms *terms,
                          size_t *out_len);

#endif
