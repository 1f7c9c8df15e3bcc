/*
 * Cutting UTF-8 text to a byte limit (kiosk/common/utf8_cut.h): text that
 * fits is kept whole; longer text loses the character the limit would
 * split, whatever its length (2, 3, 4 bytes), and never more.
 */
#include "kiosk/common/utf8_cut.h"

#include <string.h>

#include "tests/support/check.h"

/* The bytes ks_utf8_cut keeps of s at max. */
static size_t kept(const char *s, size_t max)
{
    char out[16];
    return strlen(ks_utf8_cut(s, max, out));
}

static void test_fits_or_cut_at_a_character(void)
{
    CHECK_EQ_INT(kept(NULL, 10), 0);
    CHECK_EQ_INT(kept("", 10), 0);
    CHECK_EQ_INT(kept("sami", 4), 4);
    CHECK_EQ_INT(kept("sami", 3), 3);
    CHECK_EQ_INT(kept("sami", 0), 0);
    char out[8];
    CHECK_EQ_STR(ks_utf8_cut("sami", 3, out), "sam");
    /* "سارة": four 2-byte letters. */
    const char *sara = "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9";
    CHECK_EQ_INT(kept(sara, 8), 8);
    CHECK_EQ_INT(kept(sara, 7), 6);
    CHECK_EQ_INT(kept(sara, 6), 6);
    CHECK_EQ_INT(kept(sara, 1), 0);
    /* "a€b": the euro sign is 3 bytes; "a😀": the face is 4. */
    CHECK_EQ_INT(kept("a\xe2\x82\xac"
                      "b",
                      3),
                 1);
    CHECK_EQ_INT(kept("a\xe2\x82\xac"
                      "b",
                      4),
                 4);
    CHECK_EQ_INT(kept("a\xf0\x9f\x98\x80", 4), 1);
    CHECK_EQ_INT(kept("a\xf0\x9f\x98\x80", 5), 5);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"fits, or cut at a character", test_fits_or_cut_at_a_character},
    };
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
