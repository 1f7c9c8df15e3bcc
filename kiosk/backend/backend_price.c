/* Per-store prices, the body and the menu: see kiosk/backend/backend_price.h. */
#include "kiosk/backend/backend_price.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

/* The member "price": 0..KS_PRICE_MAX into *price, or null (*clear). */
static bool read_price_member(ks_json_reader *r, json_t *root, bool *clear, int64_t *price)
{
    json_t *value = NULL;
    if (!ks_json_member(r, root, "price", true, &value))
        return false;
    *clear = json_is_null(value);
    return *clear || ks_json_money(r, root, "price", true, 0, KS_PRICE_MAX, price);
}

static bool read_price(ks_json_reader *r, json_t *root, void *into)
{
    ks_price_change *out = into;
    static const char *const members[] = {"store_id", "item_id", "price", NULL};
    return ks_json_object(r, root, NULL, members) &&
           ks_stock_place_read(r, root, out->store_id, out->item_id) &&
           read_price_member(r, root, &out->clear, &out->price);
}

static bool read_chain_price(ks_json_reader *r, json_t *root, void *into)
{
    ks_price_chain_change *out = into;
    static const char *const members[] = {"item_id", "price", "stores", NULL};
    json_t *stores = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_body_id(r, root, "item_id", KS_STOCK_ITEM_MAX, out->item_id) ||
        !read_price_member(r, root, &out->clear, &out->price) ||
        !ks_json_array(r, root, "stores", true, 1, KS_PRICE_CHAIN_STORES_MAX, &stores) ||
        !ks_body_store_ids(r, "stores", stores, out->stores))
        return false;
    out->n_stores = json_array_size(stores);
    return true;
}

bool ks_price_chain_parse(const char *body, size_t len, ks_price_chain_change *out,
                          ks_json_error *why)
{
    return ks_body_read(body, len, read_chain_price, out, sizeof *out, why);
}

bool ks_price_change_parse(const char *body, size_t len, ks_price_change *out, ks_json_error *why)
{
    return ks_body_read(body, len, read_price, out, sizeof *out, why);
}

static bool read_availability(ks_json_reader *r, json_t *root, void *into)
{
    ks_availability_change *out = into;
    static const char *const members[] = {"store_id", "item_id", "available", NULL};
    json_t *available = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_stock_place_read(r, root, out->store_id, out->item_id) ||
        !ks_json_member(r, root, "available", true, &available))
        return false;
    out->clear = json_is_null(available);
    return out->clear || ks_json_bool(r, root, "available", true, &out->available);
}

bool ks_availability_change_parse(const char *body, size_t len, ks_availability_change *out,
                                  ks_json_error *why)
{
    return ks_body_read(body, len, read_availability, out, sizeof *out, why);
}

/* The items array of the menu's JSON root, or NULL. */
static json_t *menu_items(json_t *root)
{
    json_t *items = json_object_get(root, "items");
    return json_is_array(items) ? items : NULL;
}

/* The combos array of the menu's JSON root (items and combos share one id space), or NULL. */
static json_t *menu_combos(json_t *root)
{
    json_t *combos = json_object_get(root, "combos");
    return json_is_array(combos) ? combos : NULL;
}

json_t *ks_price_menu_entry(json_t *list, const char *member, const char *id)
{
    size_t i;
    json_t *entry;
    json_array_foreach (list, i, entry) {
        const char *named = json_string_value(json_object_get(entry, member));
        if (id && named && strcmp(named, id) == 0)
            return entry;
    }
    return NULL;
}

/* The entry of list (items or combos) with id item_id, or NULL. */
static json_t *entry_of(json_t *list, const char *item_id)
{
    return ks_price_menu_entry(list, "id", item_id);
}

bool ks_price_menu_has_item(const char *menu, size_t len, const char *item_id)
{
    json_t *root = json_loadb(menu, len, 0, NULL);
    bool found = entry_of(menu_items(root), item_id) || entry_of(menu_combos(root), item_id);
    json_decref(root);
    return found;
}

/* The row of rows (objects with "item_id") for the item id, or NULL. */
static json_t *row_of(json_t *rows, const char *id)
{
    return ks_price_menu_entry(rows, "item_id", id);
}

/* The store's own terms applied to each entry of list (the items, or the combos). */
static bool apply_terms(json_t *list, json_t *prices, json_t *availability)
{
    bool ok = true;
    size_t i;
    json_t *item;
    json_array_foreach (list, i, item) {
        const char *id = json_string_value(json_object_get(item, "id"));
        json_t *price = row_of(prices, id), *sold = row_of(availability, id);
        if (ok && price)
            ok = json_object_set(item, "price", json_object_get(price, "price")) == 0;
        if (ok && sold) {
            /* A stored row's "available" is 0 or 1; true and false are accepted too. */
            json_t *available = json_object_get(sold, "available");
            bool on_sale = json_is_true(available) || json_integer_value(available) != 0;
            ok = json_object_set_new(item, "sold_out", json_boolean(!on_sale)) == 0;
        }
    }
    return ok;
}

/*
 * The object of the menu's root a delta row names (a combo's size, a
 * group's option, a combo slot's choice), or NULL when the menu lacks it.
 */
static json_t *delta_target(json_t *root, json_t *row)
{
    const char *kind = json_string_value(json_object_get(row, "kind"));
    const char *owner = json_string_value(json_object_get(row, "owner_id"));
    const char *part = json_string_value(json_object_get(row, "part_id"));
    if (!kind)
        return NULL;
    if (strcmp(kind, "option") == 0)
        return ks_price_menu_entry(
            json_object_get(
                ks_price_menu_entry(json_object_get(root, "modifier_groups"), "id", owner),
                "options"),
            "id", part);
    json_t *combo = entry_of(menu_combos(root), owner);
    if (strcmp(kind, "size") == 0)
        return ks_price_menu_entry(json_object_get(combo, "sizes"), "id", part);
    if (strcmp(kind, "choice") != 0)
        return NULL;
    const char *slot_id = json_string_value(json_object_get(row, "slot_id"));
    json_t *slot = ks_price_menu_entry(json_object_get(combo, "slots"), "id", slot_id);
    return ks_price_menu_entry(json_object_get(slot, "choices"), "item", part);
}

/* The store's price deltas applied to the sizes, options and choices they name (a row without
 * an integer delta changes nothing). */
static bool apply_deltas(json_t *root, json_t *deltas)
{
    size_t i;
    json_t *row;
    json_array_foreach (deltas, i, row) {
        json_t *target = delta_target(root, row), *delta = json_object_get(row, "price_delta");
        if (target && json_is_integer(delta) && json_object_set(target, "price_delta", delta) != 0)
            return false;
    }
    return true;
}

void ks_price_terms_clear(ks_price_terms *terms)
{
    if (!terms)
        return;
    json_decref(terms->prices);
    json_decref(terms->availability);
    json_decref(terms->deltas);
    *terms = (ks_price_terms){0};
}

size_t ks_price_terms_count(const ks_price_terms *terms)
{
    return terms ? json_array_size(terms->prices) + json_array_size(terms->availability) +
                       json_array_size(terms->deltas)
                 : 0;
}

char *ks_price_menu_apply(const char *menu, size_t len, const ks_price_terms *terms,
                          size_t *out_len)
{
    *out_len = 0;
    const ks_price_terms none = {0};
    if (!terms)
        terms = &none;
    json_t *root = json_loadb(menu, len, 0, NULL);
    json_t *items = menu_items(root);
    bool ok = items != NULL && apply_terms(items, terms->prices, terms->availability) &&
              apply_terms(menu_combos(root), terms->prices, terms->availability) &&
              apply_deltas(root, terms->deltas);
    char *text = ok ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (text)
        *out_len = strlen(text);
    return text;
}
