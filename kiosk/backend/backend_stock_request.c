/* A stock adjustment's body: see kiosk/backend/backend_stock_request.h. */
#include "kiosk/backend/backend_stock_request.h"

#include <jansson.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

const char *ks_stock_kind_name(enum ks_stock_kind kind)
{
    static const char *const names[] = {
        [KS_STOCK_RECEIVED] = "received", [KS_STOCK_COUNT] = "count", [KS_STOCK_WASTE] = "waste"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "";
}

/* The kind named text into *out; false for another name. */
static bool kind_named(const char *text, enum ks_stock_kind *out)
{
    for (int k = KS_STOCK_RECEIVED; text && k <= KS_STOCK_WASTE; k++)
        if (strcmp(text, ks_stock_kind_name((enum ks_stock_kind)k)) == 0) {
            *out = (enum ks_stock_kind)k;
            return true;
        }
    return false;
}

/* The store_id and item_id members into store_id[] and item_id[]. */
bool ks_stock_item_read(const ks_body_reader *r, json_t *root,
                        char item_id[static KS_STOCK_ITEM_MAX + 1])
{
    const char *item = json_string_value(json_object_get(root, "item_id"));
    if (!ks_id_ok(item, KS_STOCK_ITEM_MAX))
        return ks_body_fail(r, "expected an item id", "item_id");
    memcpy(item_id, item, strlen(item) + 1);
    return true;
}

bool ks_stock_place_read(const ks_body_reader *r, json_t *root,
                         char store_id[static KS_DEVICE_ID_MAX + 1],
                         char item_id[static KS_STOCK_ITEM_MAX + 1])
{
    const char *store = json_string_value(json_object_get(root, "store_id"));
    if (!ks_device_id_ok(store))
        return ks_body_fail(r, "expected a store id", "store_id");
    memcpy(store_id, store, strlen(store) + 1);
    return ks_stock_item_read(r, root, item_id);
}

static bool read_adjustment(const ks_body_reader *r, json_t *root, void *into)
{
    ks_stock_adjustment *out = into;
    static const char *const names[] = {"request_id", "store_id", "item_id", "kind",
                                        "quantity",   "reason",   "person"};
    if (!ks_body_members_ok(r, root, names, sizeof names / sizeof names[0], ""))
        return false;
    if (!ks_body_uuid(root, "request_id", out->request_id))
        return ks_body_fail(r, "expected a lowercase uuid", "request_id");
    if (!ks_stock_place_read(r, root, out->store_id, out->item_id))
        return false;
    if (!kind_named(json_string_value(json_object_get(root, "kind")), &out->kind))
        return ks_body_fail(r, "expected received, count or waste", "kind");
    if (!ks_body_integer(root, "quantity", out->kind == KS_STOCK_COUNT ? 0 : 1,
                         KS_STOCK_QUANTITY_MAX, &out->quantity))
        return ks_body_fail(r,
                            out->kind == KS_STOCK_COUNT ? "expected a count from 0 to 10^9"
                                                        : "expected a quantity from 1 to 10^9",
                            "quantity");
    if (!ks_body_text(root, "reason", KS_STOCK_REASON_MAX, out->reason))
        return ks_body_fail(r, "expected 1-120 bytes without control characters", "reason");
    if (!ks_body_text(root, "person", KS_STOCK_PERSON_MAX, out->person))
        return ks_body_fail(r, "expected 1-64 bytes without control characters", "person");
    return true;
}

bool ks_stock_adjustment_parse(const char *body, size_t len, ks_stock_adjustment *out,
                               const char **reason, char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_adjustment, out, sizeof *out);
}

static bool read_threshold(const ks_body_reader *r, json_t *root, void *into)
{
    ks_stock_threshold *out = into;
    static const char *const names[] = {"store_id", "item_id", "low_at", "sold_out_at"};
    if (!ks_body_members_ok(r, root, names, 4, "") ||
        !ks_stock_place_read(r, root, out->store_id, out->item_id))
        return false;
    if (!ks_body_integer(root, "low_at", 0, KS_STOCK_QUANTITY_MAX, &out->low_at))
        return ks_body_fail(r, "expected a threshold from 0 to 10^9", "low_at");
    if (json_object_get(root, "sold_out_at") &&
        !ks_body_integer(root, "sold_out_at", 0, KS_STOCK_QUANTITY_MAX, &out->sold_out_at))
        return ks_body_fail(r, "expected a floor from 0 to 10^9", "sold_out_at");
    return true;
}

bool ks_stock_threshold_parse(const char *body, size_t len, ks_stock_threshold *out,
                              const char **reason, char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_threshold, out, sizeof *out);
}
