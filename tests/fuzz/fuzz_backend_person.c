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

#include "tests/fuzz/fuzz_fields.h"
#include "tests/fuzz/fuzz_person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The oracle: true when the body must be taken. */
static bool acceptable(json_t *root)
{
    static const char *const members[] = {"name", "role", "stores", "password"};
    json_t *name = json_object_get(root, "name");
    enum ks_backend_role role;
    json_t *password = json_object_get(root, "password");
    /* Staff have no back-office password: theirs must be absent, everyone else's there. */
    return fuzz_only_members(root, members, 4) && fuzz_plain_string(name) &&
           ks_person_name_ok(json_string_value(name)) && fuzz_role_stores_ok(root, &role) &&
           (role == KS_ROLE_STAFF ? !password : fuzz_password_ok(password, KS_PASSWORD_MIN));
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
    if (accepted &&
        (strcmp(got->person.name, json_string_value(json_object_get(root, "name"))) != 0 ||
         !fuzz_role_stores_same(&got->person, root) ||
         strcmp(got->password, json_object_get(root, "password")
                                   ? json_string_value(json_object_get(root, "password"))
                                   : "") != 0 ||
         got->password_len != strlen(got->password)))
        __builtin_trap(); /* a value not the body's */
    json_decref(root);
    free(got);
    return 0;
}
