/*
 * Text UUIDs (kiosk/common/uuid.c): the canonical lowercase form read
 * strictly, the any-case form for ZATCA's documents, version 4 written
 * from given bytes, and fresh ones distinct and well formed.
 */
#include "kiosk/common/uuid.h"

#include <string.h>

#include "tests/support/check.h"

struct uuid_case {
    const char *text;
    bool lower_ok, any_case_ok;
};

/* clang-format off */
static const struct uuid_case cases_read[] = {
    {"0b7c4e0e-3f4d-4b8e-9a51-2f0f6d1c7a20", true, true},
    {"00000000-0000-0000-0000-000000000000", true, true},
    {"0B7C4E0E-3F4D-4B8E-9A51-2F0F6D1C7A20", false, true},   /* uppercase: ZATCA only */
    {"0b7c4e0e-3f4d-4b8e-9a51-2f0f6d1c7a2", false, false},   /* one digit short */
    {"0b7c4e0e-3f4d-4b8e-9a51-2f0f6d1c7a200", false, false}, /* one too many */
    {"0b7c4e0e3f4d-4b8e-9a51-2f0f6d1c7a20-", false, false},  /* dash moved */
    {"0b7c4e0e-3f4d-4b8e-9a51-2f0f6d1c7g20", false, false},  /* not hex */
    {"{b7c4e0e-3f4d-4b8e-9a51-2f0f6d1c7a2}", false, false},
    {"", false, false},
};
/* clang-format on */

static void test_read(void)
{
    for (size_t i = 0; i < CHECK_COUNT(cases_read); i++) {
        const struct uuid_case *c = &cases_read[i];
        if (ks_uuid_ok(c->text) != c->lower_ok || ks_uuid_ok_any_case(c->text) != c->any_case_ok)
            check_fail(__FILE__, __LINE__, "%s: lower %d, any case %d", c->text,
                       ks_uuid_ok(c->text), ks_uuid_ok_any_case(c->text));
    }
    CHECK(!ks_uuid_ok(NULL));
    CHECK(!ks_uuid_ok_any_case(NULL));
    /* A NUL inside the 36 bytes ends the text: too short. */
    char cut[40] = "0b7c4e0e-3f4d-4b8e-9a51-2f0f6d1c7a20";
    cut[20] = '\0';
    CHECK(!ks_uuid_ok(cut));
}

static void test_v4_format(void)
{
    uint8_t ones[16];
    memset(ones, 0xff, sizeof ones);
    char out[KS_UUID_LEN + 1];
    ks_uuid_v4_format(ones, out);
    /* The version nibble is 4, the variant's top bits 10. */
    CHECK_EQ_STR(out, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    uint8_t zeros[16] = {0};
    ks_uuid_v4_format(zeros, out);
    CHECK_EQ_STR(out, "00000000-0000-4000-8000-000000000000");
    CHECK(ks_uuid_ok(out));
}

static void test_new(void)
{
    char a[KS_UUID_LEN + 1], b[KS_UUID_LEN + 1];
    CHECK(ks_uuid_new(a));
    CHECK(ks_uuid_new(b));
    CHECK(ks_uuid_ok(a));
    CHECK(ks_uuid_ok(b));
    CHECK(strcmp(a, b) != 0);
    CHECK(a[14] == '4');
    CHECK(strchr("89ab", a[19]) != NULL);
}

static const struct check_case cases[] = {
    {"read: lowercase canonical, any case for ZATCA", test_read},
    {"version 4 from given bytes", test_v4_format},
    {"fresh ones well formed and distinct", test_new},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
