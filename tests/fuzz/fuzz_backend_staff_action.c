/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/staff-actions
 * (ks_staff_action_parse, kiosk/domain/staff_action.h). A refusal always
 * says why and leaves nothing half read. Judged against an oracle written
 * from kiosk/docs/backend-api.md, "POST /v1/staff-actions" (and the
 * order's "interventions" entry for the intervention): at most 2048 bytes
 * of one JSON object (no member twice) of "uuid" (lowercase 8-4-4-4-12
 * hex), "action" (one of nine), "business_date" (a day of the calendar),
 * "at" (0 to 9999-12-31's last second), an optional "staff" (a person's
 * name, never on intervention, paying or pin_lockout), "place" (staff_screen,
 * lane or console: on sign_in and pin_lockout only, required there),
 * "method" (pin or badge: on sign_in only, required there), "failures" (1 to
 * 10) and "until" (after "at", by at most 3601 s), both on pin_lockout only
 * and required there, "item" (on sold_out and on_sale
 * only, required there), "order_uuid" (optional on a reprint, required on
 * paying, on no other), an optional "order_number" (1 to 2^31 - 1, with
 * order_uuid only) and "intervention" (on intervention and paying only,
 * required there); and then the
 * very values of the body, written back by the kiosk's writer as the same
 * object.
 */
#include <stdlib.h>

#include "kiosk/domain/staff_action.h"
#include "tests/fuzz/fuzz_fields.h"
#include "tests/fuzz/fuzz_person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TIME INT64_C(253402300799)

/* A string of 1..max bytes, each a-z 0-9 _ . - (and @ when at). */
static bool id_ok(json_t *v, size_t max, bool at)
{
    if (!fuzz_plain_string(v) || json_string_length(v) == 0 || json_string_length(v) > max)
        return false;
    for (const char *c = json_string_value(v); *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '.' ||
              *c == '-' || (at && *c == '@')))
            return false;
    return true;
}

static bool uuid_ok(json_t *v)
{
    if (!fuzz_plain_string(v) || json_string_length(v) != 36)
        return false;
    const char *s = json_string_value(v);
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return true;
}

static bool date_ok(json_t *v)
{
    if (!fuzz_plain_string(v) || json_string_length(v) != 10)
        return false;
    int y, m, d;
    char tail;
    const char *s = json_string_value(v);
    for (int i = 0; i < 10; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1)
        return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* An integer member from lo to hi. */
static bool int_in(json_t *v, json_int_t lo, json_int_t hi)
{
    return json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi;
}

static bool one_of(json_t *v, const char *const *names, size_t n)
{
    for (size_t i = 0; fuzz_plain_string(v) && i < n; i++)
        if (strcmp(json_string_value(v), names[i]) == 0)
            return true;
    return false;
}

/* An order's intervention entry (kiosk/domain/intervention.h's rules, from the docs). */
static bool intervention_ok(json_t *iv)
{
    static const char *const members[] = {"need",       "decision",  "staff",      "raised_at",
                                          "decided_at", "void_item", "void_amount"};
    static const char *const needs[] = {"age",  "removal", "bagging", "unknown",
                                        "help", "idle",    "unasked"};
    static const char *const decisions[] = {"approve_age", "approve_removal", "decline_removal",
                                            "void_line",   "cancel",          "clear_bagging",
                                            "help_given"};
    json_t *decision = json_object_get(iv, "decision"), *raised = json_object_get(iv, "raised_at"),
           *decided = json_object_get(iv, "decided_at"), *item = json_object_get(iv, "void_item"),
           *amount = json_object_get(iv, "void_amount");
    if (!fuzz_only_members(iv, members, 7) || !one_of(json_object_get(iv, "need"), needs, 7) ||
        !one_of(decision, decisions, 7) || !id_ok(json_object_get(iv, "staff"), 32, false) ||
        !int_in(raised, 0, MAX_TIME) ||
        !int_in(decided, json_integer_value(raised),
                json_integer_value(raised) + 86400 < MAX_TIME ? json_integer_value(raised) + 86400
                                                              : MAX_TIME) ||
        !item != !amount)
        return false;
    bool voids = strcmp(json_string_value(decision), "approve_removal") == 0 ||
                 strcmp(json_string_value(decision), "void_line") == 0;
    return !item || (voids && id_ok(item, 64, false) && int_in(amount, 0, 1000000000));
}

/* The oracle: true when the body must be taken. */
static bool acceptable(json_t *root, size_t size)
{
    static const char *const members[] = {
        "uuid",         "action",       "business_date", "at",     "staff",    "item", "order_uuid",
        "order_number", "intervention", "place",         "method", "failures", "until"};
    static const char *const actions[] = {"sold_out",     "on_sale", "reprint",
                                          "intervention", "paying",  "sign_in",
                                          "pin_lockout",  "close",   "open"};
    static const char *const places[] = {"staff_screen", "lane", "console"};
    static const char *const methods[] = {"pin", "badge"};
    json_t *action = json_object_get(root, "action"), *staff = json_object_get(root, "staff"),
           *item = json_object_get(root, "item"), *order = json_object_get(root, "order_uuid"),
           *number = json_object_get(root, "order_number"),
           *iv = json_object_get(root, "intervention"), *place = json_object_get(root, "place"),
           *method = json_object_get(root, "method"), *failures = json_object_get(root, "failures"),
           *until = json_object_get(root, "until"), *at = json_object_get(root, "at");
    if (size > KS_STAFF_ACTION_JSON_MAX || !fuzz_only_members(root, members, 13) ||
        !uuid_ok(json_object_get(root, "uuid")) || !one_of(action, actions, 9) ||
        !date_ok(json_object_get(root, "business_date")) ||
        !int_in(json_object_get(root, "at"), 0, MAX_TIME))
        return false;
    const char *a = json_string_value(action);
    bool marks = strcmp(a, "sold_out") == 0 || strcmp(a, "on_sale") == 0;
    bool reprint = strcmp(a, "reprint") == 0, paying = strcmp(a, "paying") == 0;
    bool intervention = paying || strcmp(a, "intervention") == 0;
    bool sign_in = strcmp(a, "sign_in") == 0, lockout = strcmp(a, "pin_lockout") == 0;
    json_int_t from = json_integer_value(at);
    return (!staff || (!intervention && !lockout && id_ok(staff, 64, true))) &&
           (sign_in || lockout ? one_of(place, places, 3) : !place) &&
           (sign_in ? one_of(method, methods, 2) : !method) &&
           (lockout ? int_in(failures, 1, 10) : !failures) &&
           (lockout ? int_in(until, from + 1, from + 3601 < MAX_TIME ? from + 3601 : MAX_TIME)
                    : !until) &&
           (marks ? id_ok(item, 64, false) : !item) &&
           (order ? (reprint || paying) && uuid_ok(order) : !paying) &&
           (!number || (order && int_in(number, 1, INT32_MAX))) &&
           (intervention ? json_is_object(iv) && intervention_ok(iv) : !iv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_staff_action got;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_staff_action_parse((const char *)data, size, &got, &why);
    if (!fuzz_answer_ok(accepted, &why, &got, sizeof got))
        __builtin_trap();
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (accepted != acceptable(root, size))
        __builtin_trap(); /* taken what must be refused, or refused what must be taken */
    if (accepted) {
        /* The values read are the body's: the kiosk's writer gives back the same object. */
        char *text = ks_staff_action_to_json(&got);
        json_t *back = text ? json_loads(text, 0, NULL) : NULL;
        if (!back || !json_equal(back, root))
            __builtin_trap(); /* a value not the body's */
        json_decref(back);
        free(text);
    }
    json_decref(root);
    return 0;
}
