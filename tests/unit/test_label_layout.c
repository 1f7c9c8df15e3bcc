/* Label layout text (kiosk/domain/label_layout.c): parsed into rules ks_barcode_parse reads. */
#include "kiosk/domain/label_layout.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/domain/gtin.h"
#include "tests/support/check.h"

struct good_case {
    const char *text;
    size_t n;
    const char *formatted[3]; /* each rule written back */
};

static const struct good_case good_cases[] = {
    {"", 0, {NULL}},
    {"   ", 0, {NULL}},
    {"20IIIIIWWWWW", 1, {"20IIIIIWWWWW"}},
    {"20IIIIIWWWWW,22IIIIIVPPPP", 2, {"20IIIIIWWWWW", "22IIIIIVPPPP"}},
    {" 29IIIIVPPPPP ,\t21IIIIIIPPPP ", 2, {"29IIIIVPPPPP", "21IIIIIIPPPP"}},
    {"23IWWWWWWWWW, 24IIIIIIIIIP, 25IIIIIVWWWW",
     3,
     {"23IWWWWWWWWW", "24IIIIIIIIIP", "25IIIIIVWWWW"}},
};

struct bad_case {
    const char *text;
    const char *why;
};

static const struct bad_case bad_cases[] = {
    {"20IIIIIWWWW", "layout 1 \"20IIIIIWWWW\": 9 letters after the prefix, need 10"},
    {"20IIIIIWWWWWW", "11 letters"},
    {"30IIIIIWWWWW", "prefix 20 to 29"},
    {"2xIIIIIWWWWW", "prefix 20 to 29"},
    {"IIIIIWWWWW", "prefix 20 to 29"},
    {"20WWWWWIIIII", "expected I (item)"},
    {"20IIIIIWWPPP", "expected I (item)"},
    {"20IIIIIwwwww", "expected I (item)"},
    {"20IIIVIWWWWW", "expected I (item)"},
    {"20IIIIVVWWWW", "more than one V"},
    {"20IIIVPPPPPP", "needs 4 or 5 value digits"},
    {"20IIIIIIIIII", "expected I (item)"},
    {"20IIIIIWWWWW,", "layout 2 is empty"},
    {"20IIIIIWWWWW,,22IIIIIPPPPP", "layout 2 is empty"},
    {",20IIIIIWWWWW", "layout 1 is empty"},
    {"20IIIIIWWWWW, 20IIIIIPPPPP", "layout 2: prefix 20 is given twice"},
    {"20IIIIIWWWWW 21IIIIIWWWWW", "letters after the prefix"},
};

static void test_good_layouts(void)
{
    for (size_t i = 0; i < CHECK_COUNT(good_cases); i++) {
        const struct good_case *c = &good_cases[i];
        struct ks_barcode_rule rules[KS_LABEL_LAYOUTS_MAX];
        size_t n = 99;
        char why[160] = "";
        if (!ks_label_layouts_parse(c->text, rules, &n, why, sizeof why)) {
            check_fail(__FILE__, __LINE__, "\"%s\" refused: %s", c->text, why);
            continue;
        }
        CHECK_EQ_INT(n, c->n);
        for (size_t r = 0; r < n && r < 3; r++) {
            char text[13];
            CHECK(ks_barcode_rule_valid(&rules[r]));
            CHECK(ks_label_layout_format(&rules[r], text));
            CHECK_EQ_STR(text, c->formatted[r]);
        }
    }
}

static void test_bad_layouts(void)
{
    for (size_t i = 0; i < CHECK_COUNT(bad_cases); i++) {
        struct ks_barcode_rule rules[KS_LABEL_LAYOUTS_MAX];
        size_t n;
        char why[160] = "";
        CHECK(!ks_label_layouts_parse(bad_cases[i].text, rules, &n, why, sizeof why));
        if (!strstr(why, bad_cases[i].why))
            check_fail(__FILE__, __LINE__, "\"%s\": got \"%s\", want \"%s\"", bad_cases[i].text,
                       why, bad_cases[i].why);
    }
}

static void test_limits(void)
{
    struct ks_barcode_rule rules[KS_LABEL_LAYOUTS_MAX];
    size_t n;
    char why[160], text[400] = "";
    for (int p = 0; p < 10; p++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s2%dIIIIIWWWWW", p ? "," : "",
                 p);
    CHECK(ks_label_layouts_parse(text, rules, &n, why, sizeof why));
    CHECK_EQ_INT(n, 10);
    snprintf(text + strlen(text), sizeof text - strlen(text), ",20IIIIIWWWWW");
    CHECK(!ks_label_layouts_parse(text, rules, &n, why, sizeof why));
    CHECK_CONTAINS(why, "more than 10 layouts");
    char longer[KS_LABEL_LAYOUTS_TEXT_MAX + 2];
    memset(longer, ' ', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    CHECK(!ks_label_layouts_parse(longer, rules, &n, why, sizeof why));
    CHECK_CONTAINS(why, "longer than 256 bytes");
    CHECK(!ks_label_layouts_parse(NULL, rules, &n, why, sizeof why));
}

/* The parsed rules read real labels: 2 kg 345 g of PLU 10001, and 12.34 SAR of PLU 20017. */
static void test_rules_read_labels(void)
{
    struct ks_barcode_rule rules[KS_LABEL_LAYOUTS_MAX];
    size_t n;
    char why[160];
    CHECK(ks_label_layouts_parse("20IIIIIWWWWW, 22IIIIIVPPPP", rules, &n, why, sizeof why));
    char code[14] = "201000102345";
    code[12] = (char)('0' + ks_gtin_check_digit(code, 12));
    code[13] = '\0';
    struct ks_barcode b;
    CHECK_EQ_INT(ks_barcode_parse(code, 13, rules, n, &b), KS_BARCODE_OK);
    CHECK_EQ_INT(b.kind, KS_BARCODE_WEIGHT);
    CHECK_EQ_STR(b.plu, "10001");
    CHECK_EQ_INT(b.grams, 2345);
    char price[14] = "2220017";
    price[7] = (char)('0' + ks_barcode_value_check_digit("1234", 4));
    memcpy(price + 8, "1234", 4);
    price[12] = (char)('0' + ks_gtin_check_digit(price, 12));
    price[13] = '\0';
    CHECK_EQ_INT(ks_barcode_parse(price, 13, rules, n, &b), KS_BARCODE_OK);
    CHECK_EQ_INT(b.kind, KS_BARCODE_PRICE);
    CHECK_EQ_STR(b.plu, "20017");
    CHECK_EQ_INT(b.halalas, 1234);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"good layouts, written back", test_good_layouts},
        {"bad layouts refused with a reason", test_bad_layouts},
        {"ten layouts at most, 256 bytes at most", test_limits},
        {"parsed rules read weight and price labels", test_rules_read_labels},
    };
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
