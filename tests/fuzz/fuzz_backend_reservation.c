/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/stock/reservations
 * (ks_reservation_request_parse), as another sales channel reaches the
 * backend. A refusal always says why and leaves nothing half read; an
 * accepted reservation holds only what the contract allows (a lowercase
 * uuid, a store id, 1-50 lines in strictly increasing item order, so each
 * item once, quantities from 1 to 10^9, a hold from 60 to 3600 s), and
 * written back as JSON it reads again to exactly the same request.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_reservation_request.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What an accepted reservation promises. */
static bool reservation_ok(const ks_reservation_request *req)
{
    if (!ks_uuid_ok(req->reservation_id) || !ks_device_id_ok(req->store_id) || req->n_lines < 1 ||
        req->n_lines > KS_RESERVATION_LINES_MAX || req->hold_seconds < KS_RESERVATION_HOLD_MIN ||
        req->hold_seconds > KS_RESERVATION_HOLD_MAX)
        return false;
    for (size_t i = 0; i < req->n_lines; i++) {
        const ks_reservation_line *line = &req->lines[i];
        if (!ks_id_ok(line->item_id, KS_STOCK_ITEM_MAX) || line->quantity < 1 ||
            line->quantity > KS_STOCK_QUANTITY_MAX ||
            (i > 0 && strcmp(req->lines[i - 1].item_id, line->item_id) >= 0))
            return false;
    }
    return true;
}

/* True when req written as a body reads back to req itself. */
static bool round_trip(const ks_reservation_request *req)
{
    json_t *lines = json_array();
    for (size_t i = 0; lines && i < req->n_lines; i++)
        json_array_append_new(lines, json_pack("{s:s, s:I}", "item_id", req->lines[i].item_id,
                                               "quantity", (json_int_t)req->lines[i].quantity));
    json_t *root =
        json_pack("{s:s, s:s, s:o, s:I}", "reservation_id", req->reservation_id, "store_id",
                  req->store_id, "lines", lines, "hold_seconds", (json_int_t)req->hold_seconds);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    ks_reservation_request *again = malloc(sizeof *again);
    ks_json_error why;
    /* Out of memory proves nothing either way. */
    bool same = !text || !again ||
                (ks_reservation_request_parse(text, strlen(text), again, &why) &&
                 memcmp(again, req, sizeof *req) == 0);
    free(again);
    free(text);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_reservation_request *req = malloc(sizeof *req);
    if (!req)
        return 0;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_reservation_request_parse((const char *)data, size, req, &why);
    if (!fuzz_answer_ok(accepted, &why, req, sizeof *req) ||
        (accepted && (!reservation_ok(req) || !round_trip(req))))
        __builtin_trap();
    free(req);
    return 0;
}
