/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/people
 * (ks_person_request_parse). A refusal always says why and leaves nothing
 * half read. Judged against an oracle of its own for what it takes: one
 * JSON object (no member twice) of only name, role, stores and password;
 * a login name, one of the three roles, stores exactly for a store manager
 * (1-32 store ids, each once) and a password of 12-1024 bytes without a
 * NUL; and then the very values of the body.
 */
#include <stdlib.h>

#include "kiosk/backend/backend_person_request.h"
#include "kiosk/domain/order.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The oracle: true when the body must be taken. */
static bool acceptable(json_t *root)
{
    const char *const members[] = {"name", "role", "stores", "password"};
    size_t known = 0;
    for (size_t i = 0; i < 4; i++)
        known += json_object_get(root, members[i]) != NULL;
    json_t *name = json_object_get(root, "name"), *role = json_object_get(root, "role");
    json_t *stores = json_object_get(root, "stores"), *password = json_object_get(root, "password");
    enum ks_backend_role r;
    if (!json_is_object(root) || known != json_object_size(root) || !json_is_string(name) ||
        json_string_length(name) != strlen(json_string_value(name)) ||
        !ks_person_name_ok(json_string_value(name)) || !json_is_string(role) ||
        json_string_length(role) != strlen(json_string_value(role)) ||
        !ks_backend_role_parse(json_string_value(role), &r) || !json_is_string(password) ||
        json_string_length(password) != strlen(json_string_value(password)) ||
        json_string_length(password) < KS_PASSWORD_MIN ||
        json_string_length(password) > KS_PASSWORD_MAX)
        return false;
    bool manager = r == KS_ROLE_STORE_MANAGER;
    if (!stores)
        return !manager;
    size_t n = json_array_size(stores);
    if (!json_is_array(stores) || n > KS_BACKEND_MAX_STORES || (manager ? n == 0 : n != 0))
        return false;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(stores, i);
        if (!json_is_string(s) || json_string_length(s) != strlen(json_string_value(s)) ||
            !ks_device_id_ok(json_string_value(s)))
            return false;
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(stores, j)), json_string_value(s)) == 0)
                return false;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_person_request *got = malloc(sizeof *got);
    if (!got)
        return 0;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_person_request_parse((const char *)data, size, got, &why);
    if (!fuzz_answer_ok(accepted, &why, got, sizeof *got))
        __builtin_trap();
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (accepted != acceptable(root))
        __builtin_trap(); /* taken what must be refused, or refused what must be taken */
    if (accepted) {
        json_t *stores = json_object_get(root, "stores");
        enum ks_backend_role role;
        ks_backend_role_parse(json_string_value(json_object_get(root, "role")), &role);
        if (strcmp(got->person.name, json_string_value(json_object_get(root, "name"))) != 0 ||
            got->person.role != role ||
            strcmp(got->password, json_string_value(json_object_get(root, "password"))) != 0 ||
            got->password_len != strlen(got->password) ||
            got->person.n_stores != json_array_size(stores))
            __builtin_trap(); /* a value not the body's */
        for (size_t i = 0; i < got->person.n_stores; i++)
            if (strcmp(got->person.stores[i], json_string_value(json_array_get(stores, i))) != 0)
                __builtin_trap();
    }
    json_decref(root);
    free(got);
    return 0;
}
