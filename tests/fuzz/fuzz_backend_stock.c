/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/stock/adjustments
 * (ks_stock_adjustment_parse), as a manager's client reaches the backend.
 * A refusal always says why and leaves nothing half read; an accepted
 * adjustment holds only what the contract allows: a lowercase uuid, a store
 * id and an item id, a known kind with its quantity in range, a reason and
 * a person without control characters.
 */
#include "kiosk/backend/backend_stock_request.h"
#include "kiosk/common/uuid.h"
#include "kiosk/store/db.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What an accepted adjustment promises. */
static bool adjustment_ok(const ks_stock_adjustment *adj)
{
    int64_t least = adj->kind == KS_STOCK_COUNT ? 0 : 1;
    return ks_uuid_ok(adj->request_id) && ks_device_id_ok(adj->store_id) &&
           ks_id_ok(adj->item_id, KS_STOCK_ITEM_MAX) && ks_stock_kind_name(adj->kind)[0] &&
           adj->quantity >= least && adj->quantity <= KS_STOCK_QUANTITY_MAX &&
           fuzz_text_clean(adj->reason, 1, KS_STOCK_REASON_MAX) &&
           fuzz_text_clean(adj->person, 1, KS_STOCK_PERSON_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_stock_adjustment adj;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_stock_adjustment_parse((const char *)data, size, &adj, &why);
    if (!fuzz_answer_ok(accepted, &why, &adj, sizeof adj) || (accepted && !adjustment_ok(&adj)))
        __builtin_trap();
    return 0;
}
