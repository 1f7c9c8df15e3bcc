/*
 * A store's own price deltas (kiosk/docs/backend-api.md, "Price deltas"):
 * what a combo's size, a modifier group's option or a combo slot's choice
 * adds to a line at that store's kiosks, overriding the menu file's
 * "price_delta" (POST /v1/price-deltas). Each is keyed on the menu's
 * stable ids (kiosk/docs/menu-format.md): a size by its combo and its id,
 * an option by its group and its id, a choice by its combo, its slot and
 * the item it names. The body read and checked strictly, the ids looked
 * up in a menu, and the cheapest line an entry of a menu can make; pure:
 * no I/O. backend_price.c rewrites the menu with them, and
 * backend_price_store.c keeps them in the database.
 */
#ifndef KIOSK_BACKEND_BACKEND_PRICE_DELTA_H
#define KIOSK_BACKEND_BACKEND_PRICE_DELTA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_price.h"
#include "kiosk/domain/catalog.h"

enum ks_price_delta_kind {
    KS_PRICE_DELTA_SIZE,   /* a combo's size: combo_id, size_id */
    KS_PRICE_DELTA_OPTION, /* a modifier group's option: group_id, option_id */
    KS_PRICE_DELTA_CHOICE, /* a combo slot's choice: combo_id, slot_id, item_id */
};

typedef struct ks_price_delta_change {
    char store_id[KS_DEVICE_ID_MAX + 1]; /* ks_device_id_ok */
    enum ks_price_delta_kind kind;
    char owner_id[KS_STOCK_ITEM_MAX + 1]; /* ks_id_ok: the combo (size, choice) or the group */
    char slot_id[KS_STOCK_ITEM_MAX + 1];  /* ks_id_ok: a choice's slot; "" for the others */
    char part_id[KS_STOCK_ITEM_MAX + 1];  /* ks_id_ok: the size, the option or the choice's item */
    bool clear;                           /* "price_delta": null: back to the menu file's */
    int64_t price_delta; /* -KS_PRICE_MAX..KS_PRICE_MAX minor units (halalas); 0 when clear */
} ks_price_delta_change;

/* "size", "option" or "choice"; "" for another value. */
const char *ks_price_delta_kind_name(enum ks_price_delta_kind kind);

/*
 * Reads body (len bytes, no NUL needed; from the network, at most
 * KS_PRICE_BODY_MAX) as {"store_id", "kind": "size"|"option"|"choice",
 * the kind's ids, "price_delta": -10^9..10^9 or null} (no other member,
 * none twice; an id of another kind is refused) into *out. On false,
 * *out is zeroed and *why holds the member at fault and the reason.
 */
bool ks_price_delta_change_parse(const char *body, size_t len, ks_price_delta_change *out,
                                 ks_json_error *why);

/*
 * The change's key as the menu rewriter and the store take it (new
 * reference, NULL when out of memory): {"kind", "owner_id", "slot_id",
 * "part_id"}, with "price_delta" too unless the change clears it.
 */
json_t *ks_price_delta_row(const ks_price_delta_change *change, bool with_delta);

/*
 * NULL when menu[len] (a menu file) has what change names; else the body
 * member whose id it lacks, the first one looked up: "combo_id",
 * "size_id", "group_id", "option_id", "slot_id" or "item_id", with the
 * reason (a static English sentence) in *reason.
 */
const char *ks_price_delta_menu_missing(const char *menu, size_t len,
                                        const ks_price_delta_change *change, const char **reason);

/*
 * The lowest unit price one line of item (a product or a combo of an
 * imported menu) can cost: its price, the cheapest size, the cheapest
 * choice of each slot with that product's cheapest options, and the
 * cheapest selection of each modifier group its min and max allow. False
 * when the sum leaves the 64-bit range.
 */
bool ks_price_lowest_line(const ks_item *item, ks_money *out);

#endif
