/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/costs
 * (ks_cost_change_parse). A refusal always says why and leaves nothing
 * half read; an accepted change names an item and a unit cost in
 * 0..10^9, or none (null, then 0).
 */
#include <stdlib.h>

#include "kiosk/backend/backend_cost.h"
#include "kiosk/domain/order.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_cost_change change;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_cost_change_parse((const char *)data, size, &change, &why);
    if (!fuzz_answer_ok(accepted, &why, &change, sizeof change))
        __builtin_trap();
    if (!accepted)
        return 0;
    if (!ks_id_ok(change.item_id, KS_STOCK_ITEM_MAX) || change.unit_cost < 0 ||
        change.unit_cost > KS_COST_MAX || (change.clear && change.unit_cost != 0))
        __builtin_trap();
    return 0;
}
