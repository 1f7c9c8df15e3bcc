/* A stock reservation's body: see kiosk/backend/backend_reservation_request.h. */
#include "kiosk/backend/backend_reservation_request.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static bool read_line(const ks_body_reader *r, json_t *object, size_t i,
                      ks_reservation_request *out)
{
    static const char *const names[] = {"item_id", "quantity"};
    char prefix[40], where[64];
    if (!ks_body_element(r, object, "lines", i, names, 2, prefix, sizeof prefix))
        return false;
    ks_reservation_line *line = &out->lines[i];
    const char *item = json_string_value(json_object_get(object, "item_id"));
    snprintf(where, sizeof where, "%sitem_id", prefix);
    if (!ks_id_ok(item, KS_STOCK_ITEM_MAX))
        return ks_body_fail(r, "expected an item id", where);
    for (size_t k = 0; k < i; k++)
        if (strcmp(item, out->lines[k].item_id) == 0)
            return ks_body_fail(r, "each item once", where);
    memcpy(line->item_id, item, strlen(item) + 1);
    snprintf(where, sizeof where, "%squantity", prefix);
    if (!ks_body_integer(object, "quantity", 1, KS_STOCK_QUANTITY_MAX, &line->quantity))
        return ks_body_fail(r, "expected a quantity from 1 to 10^9", where);
    return true;
}

static int by_item(const void *a, const void *b)
{
    return strcmp(((const ks_reservation_line *)a)->item_id,
                  ((const ks_reservation_line *)b)->item_id);
}

static bool read_reservation(const ks_body_reader *r, json_t *root, void *into)
{
    ks_reservation_request *out = into;
    static const char *const names[] = {"reservation_id", "store_id", "lines", "hold_seconds"};
    if (!ks_body_members_ok(r, root, names, sizeof names / sizeof names[0], ""))
        return false;
    if (!ks_body_uuid(root, "reservation_id", out->reservation_id))
        return ks_body_fail(r, "expected a lowercase uuid", "reservation_id");
    const char *store = json_string_value(json_object_get(root, "store_id"));
    if (!ks_device_id_ok(store))
        return ks_body_fail(r, "expected a store id", "store_id");
    memcpy(out->store_id, store, strlen(store) + 1);
    json_t *lines = json_object_get(root, "lines");
    size_t n = json_array_size(lines);
    if (!json_is_array(lines) || n < 1 || n > KS_RESERVATION_LINES_MAX)
        return ks_body_fail(r, "expected 1 to 50 lines", "lines");
    for (size_t i = 0; i < n; i++)
        if (!read_line(r, json_array_get(lines, i), i, out))
            return false;
    out->n_lines = n;
    out->hold_seconds = KS_RESERVATION_HOLD_DEFAULT;
    if (json_object_get(root, "hold_seconds") &&
        !ks_body_integer(root, "hold_seconds", KS_RESERVATION_HOLD_MIN, KS_RESERVATION_HOLD_MAX,
                         &out->hold_seconds))
        return ks_body_fail(r, "expected seconds from 60 to 3600", "hold_seconds");
    /* Item order: the order in which the store locks the items' stock rows. */
    qsort(out->lines, n, sizeof out->lines[0], by_item);
    return true;
}

bool ks_reservation_request_parse(const char *body, size_t len, ks_reservation_request *out,
                                  const char **reason, char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_reservation, out, sizeof *out);
}
