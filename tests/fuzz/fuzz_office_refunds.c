/*
 * Fuzz target: the backend's list of a kiosk's pending refund requests
 * (ks_office_refunds_parse, kiosk/app/office_refunds.c). Judged against an
 * oracle of its own, written from kiosk/docs/backend-api.md: the list is
 * taken exactly when the body is one JSON object (no member twice, any
 * other members) whose "requests" is an array of at most 1000 objects,
 * each with a lowercase uuid request_id and order_uuid, a reason of 1-120
 * bytes and a person of 0-64 bytes without control characters, an integer
 * asked_at in [0, 2^62), status "requested", and 1-200 lines of only
 * line_no (an integer from 0, ascending, each once) and quantity (an
 * integer from 1), both within 32 bits; and then every value is the one
 * in the body. A refusal returns nothing and always says where and why.
 */
#include "kiosk/app/office_refunds.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool uuid_ok(const char *s)
{
    if (!s || strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return true;
}

static bool text_ok(json_t *v, size_t min, size_t max)
{
    if (!json_is_string(v))
        return false;
    size_t n = json_string_length(v);
    const unsigned char *s = (const unsigned char *)json_string_value(v);
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return n >= min && n <= max;
}

static bool int_in(json_t *v, json_int_t lo, json_int_t hi)
{
    return json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi;
}

static bool lines_ok(json_t *lines)
{
    if (!json_is_array(lines) || json_array_size(lines) < 1 ||
        json_array_size(lines) > KS_REFUND_LINES_MAX)
        return false;
    json_int_t last = -1;
    size_t i;
    json_t *line;
    json_array_foreach (lines, i, line) {
        json_t *no = json_object_get(line, "line_no");
        if (!json_is_object(line) || json_object_size(line) != 2 || !int_in(no, 0, INT32_MAX) ||
            !int_in(json_object_get(line, "quantity"), 1, INT32_MAX) ||
            json_integer_value(no) <= last)
            return false;
        last = json_integer_value(no);
    }
    return true;
}

static bool request_ok(json_t *r)
{
    const char *status = json_string_value(json_object_get(r, "status"));
    return json_is_object(r) && uuid_ok(json_string_value(json_object_get(r, "request_id"))) &&
           uuid_ok(json_string_value(json_object_get(r, "order_uuid"))) &&
           text_ok(json_object_get(r, "reason"), 1, KS_REFUND_REASON_MAX) &&
           text_ok(json_object_get(r, "person"), 0, KS_OFFICE_PERSON_MAX) &&
           int_in(json_object_get(r, "asked_at"), 0, INT64_MAX / 2) && status &&
           json_string_length(json_object_get(r, "status")) == 9 &&
           strcmp(status, "requested") == 0 && lines_ok(json_object_get(r, "lines"));
}

/* The oracle: the requests array when the list must be taken, else NULL. */
static json_t *acceptable(json_t *root)
{
    json_t *list = json_object_get(root, "requests");
    if (!json_is_object(root) || !json_is_array(list) ||
        json_array_size(list) > KS_OFFICE_REFUNDS_MAX)
        return NULL;
    size_t i;
    json_t *r;
    json_array_foreach (list, i, r)
        if (!request_ok(r))
            return NULL;
    return list;
}

/* The parsed request is the body's entry, value for value. */
static bool same(const ks_office_refund *got, json_t *r)
{
    json_t *lines = json_object_get(r, "lines");
    bool ok = strcmp(got->request_id, json_string_value(json_object_get(r, "request_id"))) == 0 &&
              strcmp(got->order_uuid, json_string_value(json_object_get(r, "order_uuid"))) == 0 &&
              strcmp(got->reason, json_string_value(json_object_get(r, "reason"))) == 0 &&
              strcmp(got->person, json_string_value(json_object_get(r, "person"))) == 0 &&
              got->asked_at == json_integer_value(json_object_get(r, "asked_at")) &&
              got->n_lines == json_array_size(lines);
    for (size_t i = 0; ok && i < got->n_lines; i++) {
        json_t *line = json_array_get(lines, i);
        ok = got->lines[i].line_no == json_integer_value(json_object_get(line, "line_no")) &&
             got->lines[i].quantity == json_integer_value(json_object_get(line, "quantity"));
    }
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *body = malloc(size ? size : 1); /* exact size, no NUL: over-reads show */
    if (!body)
        return 0;
    memcpy(body, data, size);
    ks_office_refund *got = NULL;
    size_t n = 7;
    ks_json_error why;
    memset(&why, 'x', sizeof why);
    bool taken = ks_office_refunds_parse(body, size, &got, &n, &why);
    json_t *root = size <= KS_OFFICE_REFUNDS_ANSWER_MAX
                       ? json_loadb(body, size, JSON_REJECT_DUPLICATES, NULL)
                       : NULL;
    json_t *list = acceptable(root);
    if (taken != (list != NULL))
        __builtin_trap(); /* taken what must be refused, or refused what must be taken */
    if (strnlen(why.path, sizeof why.path) == sizeof why.path ||
        strnlen(why.reason, sizeof why.reason) == sizeof why.reason)
        __builtin_trap(); /* not terminated */
    if (taken) {
        if (n != json_array_size(list) || why.reason[0])
            __builtin_trap();
        for (size_t i = 0; i < n; i++)
            if (!same(&got[i], json_array_get(list, i)))
                __builtin_trap(); /* a value not the body's */
    } else if (got || n != 0 || !why.reason[0]) {
        __builtin_trap(); /* a refusal returns nothing and says why */
    }
    free(got);
    json_decref(root);
    free(body);
    return 0;
}
