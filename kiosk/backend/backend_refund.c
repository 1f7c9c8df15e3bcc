/* The refund's body: see kiosk/backend/backend_refund.h. */
#include "kiosk/backend/backend_refund.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/domain/order.h"
#include "kiosk/domain/order_json.h"

/* The largest amount a refund or a line may carry (10^13 minor units, as nexo's). */
#define AMOUNT_MAX 10000000000000LL

struct reader {
    const char **reason;
    char *path;
    size_t cap;
};

static bool fail(const struct reader *r, const char *why, const char *path)
{
    *r->reason = why;
    snprintf(r->path, r->cap, "%s", path);
    return false;
}

/* Only the members names[n] in object. */
static bool members_ok(const struct reader *r, json_t *object, const char *const *names, size_t n,
                       const char *prefix)
{
    const char *key;
    json_t *value;
    json_object_foreach (object, key, value) {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(key, names[i]) == 0;
        if (!known) {
            char where[160];
            snprintf(where, sizeof where, "%s%.100s", prefix, key);
            return fail(r, "unknown member", where);
        }
    }
    return true;
}

/* The integer member name of object within [min, max] into *out. */
static bool integer_ok(json_t *object, const char *name, int64_t min, int64_t max, int64_t *out)
{
    json_t *v = json_object_get(object, name);
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return false;
    *out = json_integer_value(v);
    return true;
}

/* A uuid member name of object into out[37]. */
static bool uuid_ok(json_t *object, const char *name, char out[37])
{
    const char *text = json_string_value(json_object_get(object, name));
    if (!text || strlen(text) != 36)
        return false;
    memcpy(out, text, 37);
    for (size_t i = 0; i < 36; i++) {
        char c = text[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

static bool reason_ok(const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n == 0 || n > KS_REFUND_REASON_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return false;
    return true; /* jansson accepts only valid UTF-8 */
}

static bool read_lines(const struct reader *r, json_t *lines, ks_backend_refund *out)
{
    static const char *const names[] = {"line_no", "quantity", "amount"};
    size_t n = json_array_size(lines);
    if (!json_is_array(lines) || n == 0 || n > KS_REFUND_LINES_MAX)
        return fail(r, "expected 1 to 200 lines", "lines");
    int64_t sum = 0, seen_max = -1;
    for (size_t i = 0; i < n; i++) {
        json_t *line = json_array_get(lines, i);
        char prefix[32], where[64];
        snprintf(prefix, sizeof prefix, "lines[%zu].", i);
        if (!json_is_object(line)) {
            snprintf(where, sizeof where, "lines[%zu]", i);
            return fail(r, "expected an object", where);
        }
        if (!members_ok(r, line, names, 3, prefix))
            return false;
        int64_t line_no, quantity, amount;
        snprintf(where, sizeof where, "%sline_no", prefix);
        if (!integer_ok(line, "line_no", 0, KS_REFUND_LINES_MAX * 1000, &line_no))
            return fail(r, "expected a line number from 0", where);
        if (line_no <= seen_max)
            return fail(r, "line numbers must ascend, each once", where);
        seen_max = line_no;
        snprintf(where, sizeof where, "%squantity", prefix);
        if (!integer_ok(line, "quantity", 1, INT32_MAX, &quantity))
            return fail(r, "expected a quantity above 0", where);
        snprintf(where, sizeof where, "%samount", prefix);
        if (!integer_ok(line, "amount", 0, AMOUNT_MAX, &amount))
            return fail(r, "expected an amount in minor units from 0", where);
        sum += amount;
        out->lines[i] =
            (ks_refund_pick){.line_no = (int32_t)line_no, .quantity = (int32_t)quantity};
    }
    if (sum != out->amount)
        return fail(r, "the lines' amounts do not add up to amount", "lines");
    out->n_lines = n;
    return true;
}

static bool read_refund(const struct reader *r, json_t *root, ks_backend_refund *out)
{
    static const char *const names[] = {"refund_id", "order_uuid", "method", "amount",
                                        "vat",       "reason",     "at",     "lines"};
    if (!members_ok(r, root, names, 8, ""))
        return false;
    if (!uuid_ok(root, "refund_id", out->refund_id))
        return fail(r, "expected a lowercase uuid", "refund_id");
    if (!uuid_ok(root, "order_uuid", out->order_uuid))
        return fail(r, "expected a lowercase uuid", "order_uuid");
    const char *method = json_string_value(json_object_get(root, "method"));
    if (!method || (strcmp(method, "card") != 0 && strcmp(method, "cash") != 0))
        return fail(r, "expected card or cash", "method");
    memcpy(out->method, method, strlen(method) + 1);
    if (!integer_ok(root, "amount", 1, AMOUNT_MAX, &out->amount))
        return fail(r, "expected an amount in minor units above 0", "amount");
    if (!integer_ok(root, "vat", 0, out->amount, &out->vat))
        return fail(r, "expected VAT in minor units from 0 to amount", "vat");
    const char *reason = json_string_value(json_object_get(root, "reason"));
    if (!reason_ok(reason))
        return fail(r, "expected 1-120 bytes without control characters", "reason");
    memcpy(out->reason, reason, strlen(reason) + 1);
    if (!integer_ok(root, "at", 0, KS_ORDER_MAX_TIME, &out->at))
        return fail(r, "expected Unix seconds from 0 to year 9999", "at");
    return read_lines(r, json_object_get(root, "lines"), out);
}

bool ks_backend_refund_parse(const char *body, size_t len, ks_backend_refund *out,
                             const char **reason, char *path, size_t cap)
{
    const struct reader r = {reason, path, cap};
    memset(out, 0, sizeof *out);
    json_t *root = body ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    bool ok =
        json_is_object(root) ? read_refund(&r, root, out) : fail(&r, "expected a JSON object", "");
    json_decref(root);
    if (!ok) {
        ks_backend_refund empty = {0};
        *out = empty;
    }
    return ok;
}
