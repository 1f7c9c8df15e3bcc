/* The refund's body: see kiosk/backend/backend_refund.h. */
#include "kiosk/backend/backend_refund.h"

#include "kiosk/backend/backend_body.h"
#include "kiosk/backend/backend_people.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/domain/order.h"
#include "kiosk/domain/order_json.h"

/* The largest amount a refund or a line may carry (10^13 minor units, as nexo's). */
#define AMOUNT_MAX 10000000000000LL

static bool read_lines(ks_json_reader *r, json_t *root, ks_backend_refund *out)
{
    static const char *const members[] = {"line_no", "quantity", "amount", NULL};
    json_t *lines = NULL;
    if (!ks_json_array(r, root, "lines", true, 1, KS_REFUND_LINES_MAX, &lines))
        return false;
    int64_t sum = 0, seen_max = -1;
    for (size_t i = 0; i < json_array_size(lines); i++) {
        json_t *line = json_array_get(lines, i);
        int64_t line_no = 0, quantity = 0, amount = 0;
        if (!ks_body_enter_entry(r, line, "lines", i, members) ||
            !ks_json_int(r, line, "line_no", true, 0, KS_REFUND_LINES_MAX * 1000, &line_no))
            return false;
        if (line_no <= seen_max)
            return ks_json_fail(r, "line_no", "line numbers must ascend, each once");
        if (!ks_json_int(r, line, "quantity", true, 1, INT32_MAX, &quantity) ||
            !ks_json_money(r, line, "amount", true, 0, AMOUNT_MAX, &amount))
            return false;
        ks_json_leave(r);
        ks_json_leave(r);
        seen_max = line_no;
        sum += amount;
        out->lines[i] =
            (ks_refund_pick){.line_no = (int32_t)line_no, .quantity = (int32_t)quantity};
        out->line_amounts[i] = amount;
    }
    if (sum != out->amount)
        return ks_json_fail(r, "lines", "the lines' amounts do not add up to amount");
    out->n_lines = json_array_size(lines);
    return true;
}

static bool read_refund(ks_json_reader *r, json_t *root, void *into)
{
    ks_backend_refund *out = into;
    static const char *const members[] = {"refund_id", "order_uuid",   "method", "amount",
                                          "vat",       "reason",       "at",     "request_id",
                                          "staff",     "terminal_ref", "lines",  NULL};
    static const char *const methods[] = {"card", "cash"};
    int method = 0;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_uuid(r, root, "refund_id", true, out->refund_id) ||
        !ks_json_uuid(r, root, "order_uuid", true, out->order_uuid) ||
        !ks_json_enum(r, root, "method", true, methods, 2, &method) ||
        !ks_json_money(r, root, "amount", true, 1, AMOUNT_MAX, &out->amount) ||
        !ks_json_money(r, root, "vat", true, 0, out->amount, &out->vat) ||
        !ks_json_copy(r, root, "reason", true, 1, sizeof out->reason, KS_JSON_TEXT, out->reason) ||
        !ks_json_int(r, root, "at", true, 0, KS_ORDER_MAX_TIME, &out->at) ||
        !ks_json_uuid(r, root, "request_id", false, out->request_id) ||
        !ks_json_copy(r, root, "staff", false, 1, sizeof out->staff, KS_JSON_PRINTABLE,
                      out->staff) ||
        !ks_json_copy(r, root, "terminal_ref", false, 1, sizeof out->terminal_ref,
                      KS_JSON_PRINTABLE, out->terminal_ref))
        return false;
    if (out->staff[0] && !ks_person_name_ok(out->staff))
        return ks_json_fail(r, "staff", "must be a person's name: 1-64 of a-z 0-9 . _ @ -");
    if (out->terminal_ref[0] && (method != 0 || !ks_terminal_ref_ok(out->terminal_ref)))
        return ks_json_fail(r, "terminal_ref",
                            "only a card refund's: 1-64 printable ASCII, no run of 13 digits");
    memcpy(out->method, methods[method], strlen(methods[method]) + 1);
    return read_lines(r, root, out);
}

bool ks_backend_refund_parse(const char *body, size_t len, ks_backend_refund *out,
                             ks_json_error *why)
{
    return ks_body_read(body, len, read_refund, out, sizeof *out, why);
}
