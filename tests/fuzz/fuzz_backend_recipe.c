/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/stock/recipes
 * (ks_recipe_parse). A refusal always says why and leaves nothing half
 * read; an accepted recipe names an item and 0-50 other items, each once,
 * each with a quantity from 1 to 10^6.
 */
#include <string.h>

#include "kiosk/backend/backend_recipe.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool recipe_ok(const ks_recipe *rec)
{
    if (!ks_id_ok(rec->item_id, KS_STOCK_ITEM_MAX) ||
        rec->n_ingredients > KS_RECIPE_INGREDIENTS_MAX)
        return false;
    for (size_t i = 0; i < rec->n_ingredients; i++) {
        const struct ks_recipe_ingredient *in = &rec->ingredients[i];
        if (!ks_id_ok(in->item_id, KS_STOCK_ITEM_MAX) || strcmp(in->item_id, rec->item_id) == 0 ||
            in->quantity < 1 || in->quantity > KS_RECIPE_QUANTITY_MAX)
            return false;
        for (size_t k = 0; k < i; k++)
            if (strcmp(in->item_id, rec->ingredients[k].item_id) == 0)
                return false;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ks_recipe rec; /* 6 KB: kept off the fuzzer's stack */
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_recipe_parse((const char *)data, size, &rec, &why);
    if (!fuzz_answer_ok(accepted, &why, &rec, sizeof rec) || (accepted && !recipe_ok(&rec)))
        __builtin_trap();
    return 0;
}
