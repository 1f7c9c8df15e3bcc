/*
 * The one table of texts (kiosk/domain/texts.h) that the screens, the
 * printed documents and the kitchen display read: every text in both
 * languages, Arabic in the Arabic one and none in the English one, and
 * no printf format in any (numbers are put beside texts, or marked {n}
 * in the domain's sentences, and then in both languages alike).
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/domain/texts.h"

static bool has_arabic(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0xD8 && (unsigned char)*s <= 0xDB)
            return true;
    return false;
}

static void test_every_text_in_both_languages(void)
{
    for (int id = 0; id < KS_STR_COUNT; id++) {
        const char *ar = ks_str((enum ks_str)id, KS_LANG_AR),
                   *en = ks_str((enum ks_str)id, KS_LANG_EN);
        bool only_marks = strcmp(ar, "{text}") == 0; /* a name alone, in its language */
        if (!ar[0] || !en[0] || (!has_arabic(ar) && !only_marks) || has_arabic(en)) {
            fprintf(stderr, "  text %d: \"%s\" / \"%s\"\n", id, ar, en);
            CHECK(false);
        }
    }
    CHECK_EQ_STR(ks_str(KS_STR_COUNT, KS_LANG_EN), "");
}

static void test_no_formats(void)
{
    for (int id = 0; id < KS_STR_COUNT; id++)
        for (int lang = 0; lang < 2; lang++) {
            const char *text = ks_str((enum ks_str)id, lang ? KS_LANG_EN : KS_LANG_AR);
            if (strchr(text, '%')) {
                fprintf(stderr, "  text %d: \"%s\"\n", id, text);
                CHECK(false);
            }
        }
}

/* How many times mark appears in text. */
static int marks(const char *text, const char *mark)
{
    int n = 0;
    for (const char *p = strstr(text, mark); p; p = strstr(p + 1, mark))
        n++;
    return n;
}

static void test_same_marks_in_both_languages(void)
{
    for (int id = 0; id < KS_STR_COUNT; id++) {
        const char *ar = ks_str((enum ks_str)id, KS_LANG_AR),
                   *en = ks_str((enum ks_str)id, KS_LANG_EN);
        if (marks(ar, "{n}") != marks(en, "{n}") || marks(ar, "{text}") != marks(en, "{text}") ||
            marks(ar, "{") != marks(ar, "{n}") + marks(ar, "{text}") ||
            marks(en, "{") != marks(en, "{n}") + marks(en, "{text}")) {
            fprintf(stderr, "  text %d: \"%s\" / \"%s\"\n", id, ar, en);
            CHECK(false);
        }
    }
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"every text in Arabic and English", test_every_text_in_both_languages},
        {"no printf formats", test_no_formats},
        {"the same {n} and {text} marks in both languages", test_same_marks_in_both_languages},
    };
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
