/* A stock reservation's body: see kiosk/backend/backend_reservation_request.h. */
#include "kiosk/backend/backend_reservation_request.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static bool read_line(ks_json_reader *r, json_t *lines, size_t i, ks_reservation_request *out)
{
    static const char *const members[] = {"item_id", "quantity", NULL};
    json_t *object = json_array_get(lines, i);
    ks_reservation_line *line = &out->lines[i];
    if (!ks_body_enter_entry(r, object, "lines", i, members) ||
        !ks_body_item_once(r, object, KS_STOCK_ITEM_MAX, out->lines[0].item_id,
                           sizeof out->lines[0], i, KS_RESERVATION_ITEM_TWICE) ||
        !ks_json_int(r, object, "quantity", true, 1, KS_STOCK_QUANTITY_MAX, &line->quantity))
        return false;
    ks_json_leave(r);
    ks_json_leave(r);
    return true;
}

int ks_reservation_by_item(const void *a, const void *b)
{
    /* Each entry begins with its item id (C17 6.7.2.1: a struct's address is its first member's).
     */
    return strcmp((const char *)a, (const char *)b);
}

static bool read_reservation(ks_json_reader *r, json_t *root, void *into)
{
    ks_reservation_request *out = into;
    static const char *const members[] = {"reservation_id", "store_id", "lines", "hold_seconds",
                                          NULL};
    json_t *lines = NULL;
    out->hold_seconds = KS_RESERVATION_HOLD_DEFAULT;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_uuid(r, root, "reservation_id", true, out->reservation_id) ||
        !ks_body_id(r, root, "store_id", KS_DEVICE_ID_MAX, out->store_id) ||
        !ks_json_array(r, root, "lines", true, 1, KS_RESERVATION_LINES_MAX, &lines))
        return false;
    for (size_t i = 0; i < json_array_size(lines); i++)
        if (!read_line(r, lines, i, out))
            return false;
    out->n_lines = json_array_size(lines);
    if (!ks_json_int(r, root, "hold_seconds", false, KS_RESERVATION_HOLD_MIN,
                     KS_RESERVATION_HOLD_MAX, &out->hold_seconds))
        return false;
    /* Item order: the order in which the store locks the items' stock rows. */
    qsort(out->lines, out->n_lines, sizeof out->lines[0], ks_reservation_by_item);
    return true;
}

bool ks_reservation_request_parse(const char *body, size_t len, ks_reservation_request *out,
                                  ks_json_error *why)
{
    return ks_body_read(body, len, read_reservation, out, sizeof *out, why);
}
