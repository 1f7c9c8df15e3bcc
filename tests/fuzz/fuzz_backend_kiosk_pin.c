/*
 * Fuzz target: arbitrary bytes as the body of POST
 * /v1/people/<name>/kiosk-pin (ks_kiosk_pin_request_parse,
 * kiosk/backend/backend_person_request.h). A refusal always says why and
 * leaves nothing half read. Judged against an oracle written from
 * kiosk/docs/backend-api.md, "Kiosk PINs and the staff list": one JSON
 * object (no member twice) of "pin" (4-8 ASCII digits) and, optionally,
 * "stores" (1-32 store ids, each once) and nothing else; and then the very
 * values of the body.
 */
#include <stdlib.h>

#include "tests/fuzz/fuzz_fields.h"
#include "tests/fuzz/fuzz_person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The oracle: true when the body must be taken. */
static bool acceptable(json_t *root)
{
    static const char *const members[] = {"pin", "stores"};
    json_t *pin = json_object_get(root, "pin"), *stores = json_object_get(root, "stores");
    if (!fuzz_only_members(root, members, 2) || !fuzz_plain_string(pin) ||
        json_string_length(pin) < 4 || json_string_length(pin) > 8)
        return false;
    for (const char *c = json_string_value(pin); *c; c++)
        if (*c < '0' || *c > '9')
            return false;
    return !stores || fuzz_store_ids_ok(stores);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_kiosk_pin_request got;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_kiosk_pin_request_parse((const char *)data, size, &got, &why);
    if (!fuzz_answer_ok(accepted, &why, &got, sizeof got))
        __builtin_trap();
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (accepted != acceptable(root))
        __builtin_trap(); /* taken what must be refused, or refused what must be taken */
    json_t *stores = json_object_get(root, "stores");
    bool same = accepted && strcmp(got.pin, json_string_value(json_object_get(root, "pin"))) == 0 &&
                got.n_stores == json_array_size(stores);
    for (size_t i = 0; same && i < got.n_stores; i++)
        same = strcmp(got.stores[i], json_string_value(json_array_get(stores, i))) == 0;
    if (accepted && !same)
        __builtin_trap(); /* a value not the body's */
    json_decref(root);
    return 0;
}
