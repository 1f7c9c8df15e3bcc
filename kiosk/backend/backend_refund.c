/* The refund's body: see kiosk/backend/backend_refund.h. */
#include "kiosk/backend/backend_refund.h"

#include "kiosk/backend/backend_body.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/domain/order.h"
#include "kiosk/domain/order_json.h"

/* The largest amount a refund or a line may carry (10^13 minor units, as nexo's). */
#define AMOUNT_MAX 10000000000000LL

static bool read_lines(const ks_body_reader *r, json_t *lines, ks_backend_refund *out)
{
    static const char *const names[] = {"line_no", "quantity", "amount"};
    size_t n = json_array_size(lines);
    if (!json_is_array(lines) || n == 0 || n > KS_REFUND_LINES_MAX)
        return ks_body_fail(r, "expected 1 to 200 lines", "lines");
    int64_t sum = 0, seen_max = -1;
    for (size_t i = 0; i < n; i++) {
        json_t *line = json_array_get(lines, i);
        char prefix[32], where[64];
        if (!ks_body_element(r, line, "lines", i, names, 3, prefix, sizeof prefix))
            return false;
        int64_t line_no, quantity, amount;
        snprintf(where, sizeof where, "%sline_no", prefix);
        if (!ks_body_integer(line, "line_no", 0, KS_REFUND_LINES_MAX * 1000, &line_no))
            return ks_body_fail(r, "expected a line number from 0", where);
        if (line_no <= seen_max)
            return ks_body_fail(r, "line numbers must ascend, each once", where);
        seen_max = line_no;
        snprintf(where, sizeof where, "%squantity", prefix);
        if (!ks_body_integer(line, "quantity", 1, INT32_MAX, &quantity))
            return ks_body_fail(r, "expected a quantity above 0", where);
        snprintf(where, sizeof where, "%samount", prefix);
        if (!ks_body_integer(line, "amount", 0, AMOUNT_MAX, &amount))
            return ks_body_fail(r, "expected an amount in minor units from 0", where);
        sum += amount;
        out->lines[i] =
            (ks_refund_pick){.line_no = (int32_t)line_no, .quantity = (int32_t)quantity};
        out->line_amounts[i] = amount;
    }
    if (sum != out->amount)
        return ks_body_fail(r, "the lines' amounts do not add up to amount", "lines");
    out->n_lines = n;
    return true;
}

static bool read_refund(const ks_body_reader *r, json_t *root, void *into)
{
    ks_backend_refund *out = into;
    static const char *const names[] = {"refund_id", "order_uuid", "method", "amount",
                                        "vat",       "reason",     "at",     "lines"};
    if (!ks_body_members_ok(r, root, names, 8, ""))
        return false;
    if (!ks_body_uuid(root, "refund_id", out->refund_id))
        return ks_body_fail(r, "expected a lowercase uuid", "refund_id");
    if (!ks_body_uuid(root, "order_uuid", out->order_uuid))
        return ks_body_fail(r, "expected a lowercase uuid", "order_uuid");
    const char *method = json_string_value(json_object_get(root, "method"));
    if (!method || (strcmp(method, "card") != 0 && strcmp(method, "cash") != 0))
        return ks_body_fail(r, "expected card or cash", "method");
    memcpy(out->method, method, strlen(method) + 1);
    if (!ks_body_integer(root, "amount", 1, AMOUNT_MAX, &out->amount))
        return ks_body_fail(r, "expected an amount in minor units above 0", "amount");
    if (!ks_body_integer(root, "vat", 0, out->amount, &out->vat))
        return ks_body_fail(r, "expected VAT in minor units from 0 to amount", "vat");
    if (!ks_body_text(root, "reason", KS_REFUND_REASON_MAX, out->reason))
        return ks_body_fail(r, "expected 1-120 bytes without control characters", "reason");
    if (!ks_body_integer(root, "at", 0, KS_ORDER_MAX_TIME, &out->at))
        return ks_body_fail(r, "expected Unix seconds from 0 to year 9999", "at");
    return read_lines(r, json_object_get(root, "lines"), out);
}

bool ks_backend_refund_parse(const char *body, size_t len, ks_backend_refund *out,
                             const char **reason, char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_refund, out, sizeof *out);
}
