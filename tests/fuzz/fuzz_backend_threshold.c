/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/stock/thresholds
 * (ks_stock_threshold_parse). A refusal always says why and leaves nothing
 * half read; an accepted threshold names a store and an item and lies in
 * 0..10^9.
 */
#include "kiosk/backend/backend_stock_request.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_stock_threshold t;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_stock_threshold_parse((const char *)data, size, &t, &why);
    if (!fuzz_answer_ok(accepted, &why, &t, sizeof t))
        __builtin_trap();
    if (accepted && (!ks_device_id_ok(t.store_id) || !ks_id_ok(t.item_id, KS_STOCK_ITEM_MAX) ||
                     t.low_at < 0 || t.low_at > KS_STOCK_QUANTITY_MAX || t.sold_out_at < 0 ||
                     t.sold_out_at > KS_STOCK_QUANTITY_MAX))
        __builtin_trap();
    return 0;
}
