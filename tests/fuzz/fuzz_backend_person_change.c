/*
 * Fuzz target: arbitrary bytes as the body of head office's changes to a
 * person, the first byte picking which: even, POST /v1/people/<name>
 * (ks_person_change_parse); odd, POST /v1/people/<name>/password
 * (ks_password_reset_parse). A refusal always says why and leaves nothing
 * half read. Judged against an oracle of its own for what each takes: one
 * JSON object (no member twice) of only "role" and "stores" (one of the
 * three roles; 1-32 store ids, each once, exactly for a store manager), or
 * of only "password" (12-1024 bytes without a NUL); and then the very
 * values of the body.
 */
#include <stdlib.h>

#include "tests/fuzz/fuzz_fields.h"
#include "tests/fuzz/fuzz_person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The role and stores of a person: POST /v1/people/<name>. */
static void role_change(const char *body, size_t len, json_t *root)
{
    ks_backend_person got;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_person_change_parse(body, len, &got, &why);
    if (!fuzz_answer_ok(accepted, &why, &got, sizeof got))
        __builtin_trap();
    static const char *const members[] = {"role", "stores"};
    enum ks_backend_role role;
    if (accepted != (fuzz_only_members(root, members, 2) && fuzz_role_stores_ok(root, &role)))
        __builtin_trap(); /* taken what must be refused, or refused what must be taken */
    if (accepted && (got.name[0] || !fuzz_role_stores_same(&got, root)))
        __builtin_trap(); /* a value not the body's, or a name not from the path */
}

/* A forgotten password replaced: POST /v1/people/<name>/password. */
static void password_reset(const char *body, size_t len, json_t *root)
{
    ks_password_reset got;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_password_reset_parse(body, len, &got, &why);
    if (!fuzz_answer_ok(accepted, &why, &got, sizeof got))
        __builtin_trap();
    static const char *const members[] = {"password"};
    json_t *password = json_object_get(root, "password");
    if (accepted !=
        (fuzz_only_members(root, members, 1) && fuzz_password_ok(password, KS_PASSWORD_MIN)))
        __builtin_trap();
    if (accepted && (strcmp(got.password, json_string_value(password)) != 0 ||
                     got.password_len != json_string_length(password)))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *body = (const char *)data + 1;
    json_t *root = json_loadb(body, size - 1, JSON_REJECT_DUPLICATES, NULL);
    if (data[0] % 2 == 0)
        role_change(body, size - 1, root);
    else
        password_reset(body, size - 1, root);
    json_decref(root);
    return 0;
}
