/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/prices/chain
 * (ks_price_chain_parse). A refusal always says why and leaves nothing
 * half read. An accepted change is what the body says, read again here
 * with jansson: its item, its price in 0..10^9 or none (null), and its
 * stores, store ids in the body's order, 1..64 of them, none twice.
 */
#include <jansson.h>
#include <string.h>

#include "kiosk/backend/backend_price.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The change as the body says it (the body an object of exactly the three members). */
static bool as_read(json_t *body, const ks_price_chain_change *c)
{
    const char *item = json_string_value(json_object_get(body, "item_id"));
    json_t *price = json_object_get(body, "price"), *stores = json_object_get(body, "stores");
    bool ok = json_object_size(body) == 3 && item && strcmp(item, c->item_id) == 0 &&
              ks_id_ok(c->item_id, KS_STOCK_ITEM_MAX) &&
              (c->clear ? json_is_null(price) && c->price == 0
                        : json_is_integer(price) && json_integer_value(price) == c->price &&
                              c->price >= 0 && c->price <= KS_PRICE_MAX) &&
              json_is_array(stores) && json_array_size(stores) == c->n_stores && c->n_stores >= 1 &&
              c->n_stores <= KS_PRICE_CHAIN_STORES_MAX;
    for (size_t i = 0; ok && i < c->n_stores; i++) {
        const char *id = json_string_value(json_array_get(stores, i));
        ok = id && strcmp(id, c->stores[i]) == 0 && ks_device_id_ok(c->stores[i]);
        for (size_t j = 0; ok && j < i; j++)
            ok = strcmp(c->stores[j], c->stores[i]) != 0;
    }
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ks_price_chain_change change; /* 2 KiB: not on the fuzzer's stack */
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_price_chain_parse((const char *)data, size, &change, &why);
    if (!fuzz_answer_ok(accepted, &why, &change, sizeof change))
        __builtin_trap();
    if (!accepted)
        return 0;
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    bool ok = body && as_read(body, &change);
    json_decref(body);
    if (!ok)
        __builtin_trap();
    return 0;
}
