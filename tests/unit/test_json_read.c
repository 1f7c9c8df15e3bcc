/*
 * The one JSON reader (kiosk/domain/json_read.h): the path of errors through
 * objects and arrays, every getter's limits and messages, the depth bound,
 * unknown members, optional members keeping their defaults, loading, and
 * the first error winning over later ones.
 */
#include "tests/support/check.h"

#include <string.h>

#include "kiosk/domain/json_read.h"

/* A reader over text, which must parse. */
static json_t *load(ks_json_reader *r, const char *text)
{
    ks_json_reader_init(r);
    json_t *root = NULL;
    if (!ks_json_load(r, text, strlen(text), 4096, &root))
        check_fail(__FILE__, __LINE__, "%s does not load: %s", text, r->error.reason);
    return root;
}

/* The reader failed with exactly path and a reason containing reason. */
#define CHECK_ERROR(r, want_path, want_reason)                                                     \
    do {                                                                                           \
        CHECK((r)->failed);                                                                        \
        CHECK_EQ_STR((r)->error.path, want_path);                                                  \
        CHECK_CONTAINS((r)->error.reason, want_reason);                                            \
    } while (0)

static void test_paths(void)
{
    ks_json_reader r;
    json_t *root = load(&r, "{\"items\": [{}, {}, {\"price\": -1}]}");
    json_t *items;
    int64_t price = 0;
    CHECK(ks_json_array(&r, root, "items", true, 0, 10, &items));
    CHECK(ks_json_enter_key(&r, "items") && ks_json_enter_index(&r, 2));
    CHECK(!ks_json_money(&r, json_array_get(items, 2), "price", true, 0, 1000, &price));
    CHECK_ERROR(&r, "items[2].price", "must be between 0 and 1000 (got -1)");
    CHECK_EQ_INT(price, 0); /* left alone */
    char line[64];
    CHECK_EQ_STR(ks_json_error_line(&r.error, line, sizeof line),
                 "items[2].price: must be between 0 and 1000 (got -1)");
    json_decref(root);

    /* Leaving steps back out: an error after the loop is at the object again. */
    root = load(&r, "{\"a\": [1, 2], \"b\": \"x\"}");
    CHECK(ks_json_enter_key(&r, "a") && ks_json_enter_index(&r, 1));
    ks_json_leave(&r);
    ks_json_leave(&r);
    CHECK(!ks_json_bool(&r, root, "b", true, &(bool){false}));
    CHECK_ERROR(&r, "b", "must be true or false");
    json_decref(root);

    /* A missing member is reported at its object, naming the member. */
    root = load(&r, "{\"name\": {\"ar\": \"\"}}");
    const char *ar = NULL, *en = NULL;
    CHECK(!ks_json_names(&r, root, "name", true, 8, KS_JSON_TEXT, &ar, &en));
    CHECK_ERROR(&r, "name", "missing member \"en\"");
    json_decref(root);
}

static void test_limits(void)
{
    ks_json_reader r;
    json_t *root =
        load(&r, "{\"n\": 5, \"r\": 1.5, \"s\": \"abc\", \"id\": \"A-1\", "
                 "\"p\": \"a/../b\", \"a\": [1, 2, 3], \"e\": \"kg\", \"t\": \"a\\tb\"}");
    int64_t n = 0;
    int32_t n32 = 0;
    const char *s = NULL;
    json_t *a = NULL;
    int e = -1;
    static const struct {
        const char *name;
        const char *path, *reason;
    } want[] = {
        {"integer above", "n", "must be between 0 and 4 (got 5)"},
        {"not an integer", "r", "must be an integer"},
        {"too long", "s", "must be at most 2 bytes long (has 3)"},
        {"too short", "s", "must be 4 to 8 bytes long (has 3)"},
        {"id characters", "id", "may only contain a-z, 0-9"},
        {"path with ..", "p", "must be a relative path"},
        {"text with a tab", "t", "may not contain control characters"},
        {"too many entries", "a", "must have between 0 and 2 entries (has 3)"},
        {"not an array", "s", "must be an array"},
        {"one name", "e", "must be \"each\""},
        {"two names", "s", "must be \"each\" or \"kg\""},
        {"more names", "s", "must be one of sun, mon, tue"},
        {"32 bits", "n", "must be between -2 and 2 (got 5)"},
    };
    static const char *const units[] = {"each", "kg"}, *const days[] = {"sun", "mon", "tue"};
    for (size_t i = 0; i < CHECK_COUNT(want); i++) {
        ks_json_reader_init(&r);
        bool ok = true;
        /* clang-format off */
        switch (i) {
        case 0: ok = ks_json_int(&r, root, "n", true, 0, 4, &n); break;
        case 1: ok = ks_json_int(&r, root, "r", true, 0, 4, &n); break;
        case 2: ok = ks_json_string(&r, root, "s", true, 0, 2, KS_JSON_ANY, &s); break;
        case 3: ok = ks_json_string(&r, root, "s", true, 4, 8, KS_JSON_ANY, &s); break;
        case 4: ok = ks_json_string(&r, root, "id", true, 1, 8, KS_JSON_ID, &s); break;
        case 5: ok = ks_json_string(&r, root, "p", true, 1, 8, KS_JSON_PATH, &s); break;
        case 6: ok = ks_json_string(&r, root, "t", true, 1, 8, KS_JSON_TEXT, &s); break;
        case 7: ok = ks_json_array(&r, root, "a", true, 0, 2, &a); break;
        case 8: ok = ks_json_array(&r, root, "s", true, 0, 2, &a); break;
        case 9: ok = ks_json_enum(&r, root, "e", true, units, 1, &e); break;
        case 10: ok = ks_json_enum(&r, root, "s", true, units, 2, &e); break;
        case 11: ok = ks_json_enum(&r, root, "s", true, days, 3, &e); break;
        case 12: ok = ks_json_i32(&r, root, "n", true, -2, 2, &n32); break;
        }
        /* clang-format on */
        if (ok || strcmp(r.error.path, want[i].path) != 0 ||
            !strstr(r.error.reason, want[i].reason))
            check_fail(__FILE__, __LINE__, "%s: %s, %s: %s", want[i].name,
                       ok ? "accepted" : "refused", r.error.path, r.error.reason);
    }
    CHECK(n == 0 && n32 == 0 && s == NULL && a == NULL && e == -1); /* nothing written on error */

    /* Within the limits every getter gives its value; chars the path allows pass. */
    ks_json_reader_init(&r);
    CHECK(ks_json_int(&r, root, "n", true, 5, 5, &n) && n == 5);
    CHECK(ks_json_string(&r, root, "s", true, 3, 3, KS_JSON_ID, &s) && strcmp(s, "abc") == 0);
    CHECK(ks_json_array(&r, root, "a", true, 3, 3, &a) && json_array_size(a) == 3);
    CHECK(ks_json_enum(&r, root, "e", true, units, 2, &e) && e == 1);
    CHECK(!r.failed);
    json_decref(root);
}

static void test_optional_and_required(void)
{
    ks_json_reader r;
    json_t *root = load(&r, "{}");
    int64_t n = 7;
    bool b = true;
    const char *s = "default", *ar = "a", *en = "e";
    int e = 3;
    json_t *a = root; /* an absent array is NULL, whatever *out held (a caller's unset pointer) */
    static const char *const units[] = {"each", "kg"};
    CHECK(ks_json_int(&r, root, "n", false, 0, 1, &n) && n == 7);
    CHECK(ks_json_bool(&r, root, "b", false, &b) && b);
    CHECK(ks_json_string(&r, root, "s", false, 1, 2, KS_JSON_ID, &s) && strcmp(s, "default") == 0);
    CHECK(ks_json_enum(&r, root, "e", false, units, 2, &e) && e == 3);
    CHECK(ks_json_array(&r, root, "a", false, 1, 2, &a) && a == NULL);
    CHECK(ks_json_names(&r, root, "name", false, 8, KS_JSON_TEXT, &ar, &en) && ar[0] == 'a');
    CHECK(!r.failed);
    CHECK(!ks_json_int(&r, root, "n", true, 0, 1, &n));
    CHECK_ERROR(&r, "", "missing member \"n\"");
    json_decref(root);
}

static void test_depth_bound(void)
{
    ks_json_reader r;
    ks_json_reader_init(&r);
    for (size_t i = 0; i < KS_JSON_PATH_DEPTH; i++)
        CHECK(ks_json_enter_index(&r, i));
    CHECK(!ks_json_enter_key(&r, "deeper"));
    CHECK(r.failed);
    CHECK_CONTAINS(r.error.reason, "nested more than 16 levels deep");
    CHECK(strncmp(r.error.path, "[0][1][2]", 9) == 0);
    CHECK(strstr(r.error.path, "deeper") == NULL);
}

static void test_unknown_members(void)
{
    static const char *const allowed[] = {"id", "name", NULL};
    ks_json_reader r;
    json_t *root = load(&r, "{\"item\": {\"id\": \"a\", \"colour\": 1}}");
    CHECK(!ks_json_object(&r, root, "item", allowed));
    CHECK_ERROR(&r, "item.colour", "unknown member \"colour\"");
    json_decref(root);

    /* A long name is shortened, in the path and in the reason. */
    char text[300] = "{\"";
    memset(text + 2, 'k', 200);
    memcpy(text + 202, "\": 1}", 6);
    root = load(&r, text);
    CHECK(!ks_json_object(&r, root, NULL, allowed));
    CHECK_CONTAINS(r.error.path, "k...");
    CHECK(strlen(r.error.reason) < 80);
    json_decref(root);

    /* NULL allows any member but still wants an object. */
    root = load(&r, "{\"a\": [1]}");
    CHECK(ks_json_object(&r, root, NULL, NULL));
    CHECK(!ks_json_object(&r, root, "a", NULL));
    CHECK_ERROR(&r, "a", "must be an object");
    json_decref(root);
}

static void test_first_error_wins(void)
{
    ks_json_reader r;
    json_t *root = load(&r, "{\"a\": \"x\", \"b\": \"y\"}");
    int64_t n;
    CHECK(!ks_json_int(&r, root, "a", true, 0, 1, &n));
    CHECK(!ks_json_int(&r, root, "b", true, 0, 1, &n));
    CHECK(!ks_json_fail(&r, NULL, "later"));
    CHECK_ERROR(&r, "a", "must be an integer");
    json_decref(root);
}

static void test_load(void)
{
    ks_json_reader r;
    json_t *root = (json_t *)&r; /* set to NULL on failure */
    ks_json_reader_init(&r);
    CHECK(!ks_json_load(&r, "{}", 2, 1, &root) && root == NULL);
    CHECK_ERROR(&r, "", "the limit is 1");
    ks_json_reader_init(&r);
    CHECK(!ks_json_load(&r, "{\"a\": 1, \"a\": 2}", 16, 100, &root));
    CHECK_ERROR(&r, "", "not valid JSON: duplicate object key");
    ks_json_reader_init(&r);
    CHECK(!ks_json_load(&r, NULL, 0, 100, &root));
    CHECK_ERROR(&r, "", "no input");
    char line[8] = "x";
    ks_json_reader_init(&r);
    CHECK_EQ_STR(ks_json_error_line(&r.error, line, sizeof line), ""); /* no error yet */
}

static void test_copy(void)
{
    ks_json_reader r;
    json_t *root = load(&r, "{\"s\":\"abcd\"}");
    char buf[5] = "keep", small[4] = "old";
    CHECK(ks_json_copy(&r, root, "absent", false, 0, sizeof buf, KS_JSON_ID, buf));
    CHECK_EQ_STR(buf, "keep"); /* absent and optional: left alone */
    CHECK(ks_json_copy(&r, root, "s", true, 1, sizeof buf, KS_JSON_ID, buf));
    CHECK_EQ_STR(buf, "abcd"); /* exactly cap - 1 bytes fit */
    CHECK(!ks_json_copy(&r, root, "s", true, 1, sizeof small, KS_JSON_ID, small));
    CHECK_ERROR(&r, "s", "must be 1 to 3 bytes long (has 4)");
    CHECK_EQ_STR(small, "old"); /* nothing written on error */
    json_decref(root);

    root = load(&r, "{\"u\":\"5eed0000-0000-4000-8000-0000000000a1\","
                    "\"U\":\"5EED0000-0000-4000-8000-0000000000A1\"}");
    char uuid[37] = "";
    CHECK(ks_json_uuid(&r, root, "u", true, uuid));
    CHECK_EQ_STR(uuid, "5eed0000-0000-4000-8000-0000000000a1");
    CHECK(!ks_json_uuid(&r, root, "U", true, uuid));
    CHECK_ERROR(&r, "U", "must be a lowercase UUID");
    json_decref(root);
}

static const struct check_case cases[] = {
    {"paths in errors", test_paths},
    {"limits and messages of each getter", test_limits},
    {"optional members keep their default", test_optional_and_required},
    {"depth bound of the path", test_depth_bound},
    {"unknown members", test_unknown_members},
    {"the first error wins", test_first_error_wins},
    {"loading: size, duplicates, NULL", test_load},
    {"copying a string or a uuid into a buffer", test_copy},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
