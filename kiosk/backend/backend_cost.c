/* Item costs, the body: see kiosk/backend/backend_cost.h. */
#include "kiosk/backend/backend_cost.h"

static bool read_cost(const ks_body_reader *r, json_t *root, void *into)
{
    ks_cost_change *out = into;
    static const char *const names[] = {"item_id", "unit_cost"};
    if (!ks_body_members_ok(r, root, names, 2, ""))
        return false;
    if (!ks_stock_item_read(r, root, out->item_id))
        return false;
    json_t *cost = json_object_get(root, "unit_cost");
    out->clear = json_is_null(cost);
    if (!out->clear && !ks_body_integer(root, "unit_cost", 0, KS_COST_MAX, &out->unit_cost))
        return ks_body_fail(r, "expected a unit cost in halalas from 0 to 10^9, or null",
                            "unit_cost");
    return true;
}

bool ks_cost_change_parse(const char *body, size_t len, ks_cost_change *out, const char **reason,
                          char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_cost, out, sizeof *out);
}
