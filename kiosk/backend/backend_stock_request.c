/* A stock adjustment's body: see kiosk/backend/backend_stock_request.h. */
#include "kiosk/backend/backend_stock_request.h"

#include <jansson.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static const char *const kind_names[] = {
    [KS_STOCK_RECEIVED] = "received", [KS_STOCK_COUNT] = "count", [KS_STOCK_WASTE] = "waste"};

const char *ks_stock_kind_name(enum ks_stock_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "";
}

bool ks_stock_place_read(ks_json_reader *r, json_t *root,
                         char store_id[static KS_DEVICE_ID_MAX + 1],
                         char item_id[static KS_STOCK_ITEM_MAX + 1])
{
    return ks_body_id(r, root, "store_id", KS_DEVICE_ID_MAX, store_id) &&
           ks_body_id(r, root, "item_id", KS_STOCK_ITEM_MAX, item_id);
}

static bool read_adjustment(ks_json_reader *r, json_t *root, void *into)
{
    ks_stock_adjustment *out = into;
    static const char *const members[] = {"request_id", "store_id", "item_id", "kind",
                                          "quantity",   "reason",   "person",  NULL};
    int kind = 0;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_uuid(r, root, "request_id", true, out->request_id) ||
        !ks_stock_place_read(r, root, out->store_id, out->item_id) ||
        !ks_json_enum(r, root, "kind", true, kind_names, sizeof kind_names / sizeof kind_names[0],
                      &kind))
        return false;
    out->kind = (enum ks_stock_kind)kind;
    return ks_json_int(r, root, "quantity", true, out->kind == KS_STOCK_COUNT ? 0 : 1,
                       KS_STOCK_QUANTITY_MAX, &out->quantity) &&
           ks_json_copy(r, root, "reason", true, 1, sizeof out->reason, KS_JSON_TEXT,
                        out->reason) &&
           ks_json_copy(r, root, "person", true, 1, sizeof out->person, KS_JSON_TEXT, out->person);
}

bool ks_stock_adjustment_parse(const char *body, size_t len, ks_stock_adjustment *out,
                               ks_json_error *why)
{
    return ks_body_read(body, len, read_adjustment, out, sizeof *out, why);
}

static bool read_threshold(ks_json_reader *r, json_t *root, void *into)
{
    ks_stock_threshold *out = into;
    static const char *const members[] = {"store_id", "item_id", "low_at", "sold_out_at", NULL};
    return ks_json_object(r, root, NULL, members) &&
           ks_stock_place_read(r, root, out->store_id, out->item_id) &&
           ks_json_int(r, root, "low_at", true, 0, KS_STOCK_QUANTITY_MAX, &out->low_at) &&
           ks_json_int(r, root, "sold_out_at", false, 0, KS_STOCK_QUANTITY_MAX, &out->sold_out_at);
}

bool ks_stock_threshold_parse(const char *body, size_t len, ks_stock_threshold *out,
                              ks_json_error *why)
{
    return ks_body_read(body, len, read_threshold, out, sizeof *out, why);
}
