/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/session/password
 * (ks_password_change_parse). A refusal always says why and leaves nothing
 * half read. Judged against an oracle of its own for what it takes: one
 * JSON object (no member twice) of exactly "password" (1-1024 bytes) and
 * "new_password" (12-1024 bytes), strings without a NUL; and then the
 * very strings of the body.
 */
#include <stdlib.h>

#include "tests/fuzz/fuzz_fields.h"
#include "tests/fuzz/fuzz_person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_password_change *got = malloc(sizeof *got);
    if (!got)
        return 0;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_password_change_parse((const char *)data, size, got, &why);
    if (!fuzz_answer_ok(accepted, &why, got, sizeof *got))
        __builtin_trap();
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    json_t *old = json_object_get(root, "password"), *new = json_object_get(root, "new_password");
    static const char *const members[] = {"password", "new_password"};
    bool acceptable = fuzz_only_members(root, members, 2) && fuzz_password_ok(old, 1) &&
                      fuzz_password_ok(new, KS_PASSWORD_MIN);
    if (accepted != acceptable)
        __builtin_trap(); /* taken what must be refused, or refused what must be taken */
    if (accepted && (strcmp(got->password, json_string_value(old)) != 0 ||
                     got->password_len != json_string_length(old) ||
                     strcmp(got->new_password, json_string_value(new)) != 0 ||
                     got->new_len != json_string_length(new)))
        __builtin_trap(); /* a value not the body's */
    json_decref(root);
    free(got);
    return 0;
}
