/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/prices
 * (ks_price_change_parse), and as a menu the accepted change is checked
 * against and applied to (ks_price_menu_has_item, ks_price_menu_apply). A
 * refusal always says why and leaves nothing half read; an accepted change
 * names a store and an item and a price in 0..10^9, or none (null); a menu
 * rewritten is JSON again, with the same items.
 */
#include <jansson.h>
#include <stdlib.h>

#include "kiosk/backend/backend_price.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The menu rewritten with change's price: still a JSON object with as many items. */
static bool applied_ok(const char *menu, size_t size, const ks_price_change *change)
{
    json_t *prices =
        json_pack("[{s:s, s:I}]", "item_id", change->item_id, "price", (json_int_t)change->price);
    size_t len = 0;
    char *out = ks_price_menu_apply(menu, size, &(ks_price_terms){.prices = prices}, &len);
    json_decref(prices);
    json_t *before = json_loadb(menu, size, 0, NULL);
    json_t *after = out ? json_loadb(out, len, 0, NULL) : NULL;
    bool items = json_is_array(json_object_get(before, "items"));
    bool ok =
        items == (out != NULL) && (!out || json_array_size(json_object_get(after, "items")) ==
                                               json_array_size(json_object_get(before, "items")));
    json_decref(before);
    json_decref(after);
    free(out);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_price_change change;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_price_change_parse((const char *)data, size, &change, &why);
    if (!fuzz_answer_ok(accepted, &why, &change, sizeof change))
        __builtin_trap();
    if (!accepted)
        return 0;
    if (!ks_device_id_ok(change.store_id) || !ks_id_ok(change.item_id, KS_STOCK_ITEM_MAX) ||
        change.price < 0 || change.price > KS_PRICE_MAX || (change.clear && change.price != 0))
        __builtin_trap();
    /* The body itself as a menu: an object, but with no "items" array it is not one. */
    if (ks_price_menu_has_item((const char *)data, size, change.item_id) ||
        !applied_ok((const char *)data, size, &change))
        __builtin_trap();
    return 0;
}
