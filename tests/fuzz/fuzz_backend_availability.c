/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/availability
 * (ks_availability_change_parse), and as a menu the accepted change is
 * applied to (ks_price_menu_apply). A refusal always says why and leaves
 * nothing half read; an accepted change names a store and an item, and is
 * sold or not, or back to the menu's (null, then not "available"); a menu
 * rewritten is JSON again, with the same items, and the item named is
 * sold out exactly when the change says it is not available.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_price.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every item of items with id: its "sold_out" is sold_out. */
static bool items_sold_out(json_t *items, const char *id, bool sold_out)
{
    size_t i;
    json_t *item;
    bool ok = true;
    json_array_foreach (items, i, item) {
        const char *named = json_string_value(json_object_get(item, "id"));
        if (named && strcmp(named, id) == 0)
            ok = ok && json_is_boolean(json_object_get(item, "sold_out")) &&
                 json_is_true(json_object_get(item, "sold_out")) == sold_out;
    }
    return ok;
}

/* The menu rewritten with change: still a JSON object with as many items, the item's mark set. */
static bool applied_ok(const char *menu, size_t size, const ks_availability_change *change)
{
    json_t *rows =
        json_pack("[{s:s, s:b}]", "item_id", change->item_id, "available", change->available);
    size_t len = 0;
    char *out = ks_price_menu_apply(menu, size, &(ks_price_terms){.availability = rows}, &len);
    json_decref(rows);
    json_t *before = json_loadb(menu, size, 0, NULL);
    json_t *after = out ? json_loadb(out, len, 0, NULL) : NULL;
    bool items = json_is_array(json_object_get(before, "items"));
    json_t *after_items = json_object_get(after, "items");
    bool ok = items == (out != NULL) &&
              (!out ||
               (json_array_size(after_items) == json_array_size(json_object_get(before, "items")) &&
                items_sold_out(after_items, change->item_id, !change->available)));
    json_decref(before);
    json_decref(after);
    free(out);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_availability_change change;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_availability_change_parse((const char *)data, size, &change, &why);
    if (!fuzz_answer_ok(accepted, &why, &change, sizeof change))
        __builtin_trap();
    if (!accepted)
        return 0;
    if (!ks_device_id_ok(change.store_id) || !ks_id_ok(change.item_id, KS_STOCK_ITEM_MAX) ||
        (change.clear && change.available))
        __builtin_trap();
    /* The body itself as a menu: an object, but with no "items" array it is not one. */
    if (!applied_ok((const char *)data, size, &change))
        __builtin_trap();
    /* A small menu with the item, and one without it. */
    char menu[256];
    int n = snprintf(menu, sizeof menu,
                     "{\"items\":[{\"id\":\"%s\",\"price\":100,\"sold_out\":false},"
                     "{\"id\":\"other-item\",\"sold_out\":true}]}",
                     change.item_id);
    if (n <= 0 || (size_t)n >= sizeof menu || !applied_ok(menu, (size_t)n, &change))
        __builtin_trap();
    return 0;
}
