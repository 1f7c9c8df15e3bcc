/* Item costs, the body: see kiosk/backend/backend_cost.h. */
#include "kiosk/backend/backend_cost.h"

static bool read_cost(ks_json_reader *r, json_t *root, void *into)
{
    ks_cost_change *out = into;
    static const char *const members[] = {"item_id", "unit_cost", NULL};
    json_t *cost = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_body_id(r, root, "item_id", KS_STOCK_ITEM_MAX, out->item_id) ||
        !ks_json_member(r, root, "unit_cost", true, &cost))
        return false;
    out->clear = json_is_null(cost);
    return out->clear || ks_json_money(r, root, "unit_cost", true, 0, KS_COST_MAX, &out->unit_cost);
}

bool ks_cost_change_parse(const char *body, size_t len, ks_cost_change *out, ks_json_error *why)
{
    return ks_body_read(body, len, read_cost, out, sizeof *out, why);
}
