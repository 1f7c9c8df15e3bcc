/* Money: rounding, overflow, formatting in both numeral systems, strict parsing. */
#include "kiosk/domain/money.h"

#include "tests/support/check.h"

/* Arabic-Indic digits and separators as UTF-8, to keep expectations readable. */
#define AR0 "\xD9\xA0"
#define AR1 "\xD9\xA1"
#define AR2 "\xD9\xA2"
#define AR3 "\xD9\xA3"
#define AR4 "\xD9\xA4"
#define AR5 "\xD9\xA5"
#define AR6 "\xD9\xA6"
#define AR7 "\xD9\xA7"
#define AR8 "\xD9\xA8"
#define AR9 "\xD9\xA9"
#define AR_DECIMAL "\xD9\xAB"     /* U+066B */
#define AR_THOUSANDS "\xD9\xAC"   /* U+066C */
#define RIYAL_SIGN "\xE2\x83\x81" /* U+20C1 */

static const ks_currency KWD_LIKE = {"KWD", 3, "KWD", "KWD"};
static const ks_currency JPY_LIKE = {"JPY", 0, "JPY", "JPY"};

struct mul_div_case {
    ks_money value;
    int64_t num, den;
    ks_money expected;
};

static void test_mul_div_rounding(void)
{
    static const struct mul_div_case cases[] = {
        {1000, 1500, 10000, 150},     /* 15 % of 10.00 = 1.50 exactly */
        {3, 1500, 10000, 0},          /* 0.45 -> 0 */
        {4, 1500, 10000, 1},          /* 0.6 -> 1 */
        {1, 1, 2, 1},                 /* 0.5 -> 1: half goes up */
        {-1, 1, 2, -1},               /* -0.5 -> -1: half goes away from zero */
        {5, 1, 2, 3},                 /* 2.5 -> 3 (not banker's 2) */
        {-5, 1, 2, -3},               /* -2.5 -> -3 */
        {3, 1, 2, 2},                 /* 1.5 -> 2 */
        {5, 1, 4, 1},                 /* 1.25 -> 1 */
        {7, 1, 4, 2},                 /* 1.75 -> 2 */
        {-5, 1, 4, -1},               /* -1.25 -> -1 */
        {-7, 1, 4, -2},               /* -1.75 -> -2 */
        {10, -15, 100, -2},           /* -1.5 via a negative numerator -> -2 */
        {11500, 10000, 11500, 10000}, /* net of 115.00 incl. 15 % VAT = 100.00 */
        {4999, 333, 1000, 1665},      /* 49.99/kg x 333 g = 16.64667 -> 16.65 */
        {1, 1, 3, 0},                 /* 0.333 -> 0 */
        {2, 1, 3, 1},                 /* 0.667 -> 1 */
        {INT64_MAX, 2, 2, INT64_MAX}, /* the 128-bit product does not overflow */
        {INT64_MIN, 3, 3, INT64_MIN},
        {0, 1500, 10000, 0},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_money out = 12345;
        CHECK(ks_money_mul_div(cases[i].value, cases[i].num, cases[i].den, &out));
        CHECK_EQ_INT(out, cases[i].expected);
    }
}

static void test_mul_div_overflow(void)
{
    ks_money out = 77;
    CHECK(!ks_money_mul_div(INT64_MAX, 2, 1, &out));
    CHECK(!ks_money_mul_div(INT64_MIN, -1, 1, &out));
    CHECK(!ks_money_mul_div(INT64_MAX / 2 + 1, 2, 1, &out)); /* 2^63 */
    CHECK(!ks_money_mul_div(10, 1, 0, &out));
    CHECK(!ks_money_mul_div(10, 1, -2, &out));
    CHECK(!ks_money_mul_div(10, 1, 2, NULL));
    CHECK_EQ_INT(out, 77); /* untouched on failure */
    CHECK(ks_money_mul_div(INT64_MIN + 1, 1, 1, &out));
    CHECK_EQ_INT(out, INT64_MIN + 1);
}

static void test_mul_div_rounding_edge(void)
{
    /* (2^63 - 1) * 3 / 2 = 1.5 * INT64_MAX: beyond int64 whichever way it rounds. */
    ks_money out = 0;
    CHECK(!ks_money_mul_div(INT64_MAX, 3, 2, &out));
    /* INT64_MAX * 1 / 2 = 4611686018427387903.5 -> ...904 */
    CHECK(ks_money_mul_div(INT64_MAX, 1, 2, &out));
    CHECK_EQ_INT(out, 4611686018427387904LL);
    /* INT64_MIN / 2 is exact: -4611686018427387904 */
    CHECK(ks_money_mul_div(INT64_MIN, 1, 2, &out));
    CHECK_EQ_INT(out, -4611686018427387904LL);
}

static void test_add(void)
{
    ks_money out = 0;
    CHECK(ks_money_add(250, -1000, &out));
    CHECK_EQ_INT(out, -750);
    CHECK(!ks_money_add(INT64_MAX, 1, &out));
    CHECK(!ks_money_add(INT64_MIN, -1, &out));
    CHECK_EQ_INT(out, -750);
    CHECK(ks_money_add(INT64_MAX, INT64_MIN, &out));
    CHECK_EQ_INT(out, -1);
    CHECK(!ks_money_add(1, 2, NULL));
}

struct format_case {
    ks_money amount;
    const ks_currency *cur;
    enum ks_numerals numerals;
    bool grouping;
    const char *expected;
};

static void test_format_number(void)
{
    static const struct format_case cases[] = {
        {123450, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "1,234.50"},
        {123450, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, false, "1234.50"},
        {0, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "0.00"},
        {5, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "0.05"},
        {-5, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "-0.05"},
        {99999, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "999.99"},
        {100000, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "1,000.00"},
        {-123456789, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "-1,234,567.89"},
        {1234567, &JPY_LIKE, KS_NUMERALS_WESTERN, true, "1,234,567"},
        {-999, &JPY_LIKE, KS_NUMERALS_WESTERN, true, "-999"},
        {1234567, &KWD_LIKE, KS_NUMERALS_WESTERN, true, "1,234.567"},
        {7, &KWD_LIKE, KS_NUMERALS_WESTERN, true, "0.007"},
        {INT64_MAX, &JPY_LIKE, KS_NUMERALS_WESTERN, true, "9,223,372,036,854,775,807"},
        {INT64_MIN, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true, "-92,233,720,368,547,758.08"},
        /* ١٬٢٣٤٫٥٠ */
        {123450, &KS_CURRENCY_SAR, KS_NUMERALS_ARABIC_INDIC, true,
         AR1 AR_THOUSANDS AR2 AR3 AR4 AR_DECIMAL AR5 AR0},
        {123450, &KS_CURRENCY_SAR, KS_NUMERALS_ARABIC_INDIC, false,
         AR1 AR2 AR3 AR4 AR_DECIMAL AR5 AR0},
        /* -٠٫٠٥: ASCII hyphen-minus, not U+2212 */
        {-5, &KS_CURRENCY_SAR, KS_NUMERALS_ARABIC_INDIC, true, "-" AR0 AR_DECIMAL AR0 AR5},
        /* ٦٧٬٨٩٠ with exponent 0: no decimal separator */
        {67890, &JPY_LIKE, KS_NUMERALS_ARABIC_INDIC, true, AR6 AR7 AR_THOUSANDS AR8 AR9 AR0},
        /* -١٬٠٠٠٫٠٠١ with exponent 3 */
        {-1000001, &KWD_LIKE, KS_NUMERALS_ARABIC_INDIC, true,
         "-" AR1 AR_THOUSANDS AR0 AR0 AR0 AR_DECIMAL AR0 AR0 AR1},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        char buf[KS_MONEY_NUMBER_CAP];
        int n = ks_money_format_number(buf, sizeof buf, cases[i].amount, cases[i].cur,
                                       cases[i].numerals, cases[i].grouping);
        CHECK_EQ_STR(buf, cases[i].expected);
        CHECK_EQ_INT(n, strlen(cases[i].expected));
    }
}

static void test_format_number_capacity(void)
{
    /* The longest possible number: INT64_MIN, exponent 0, Arabic-Indic, grouped:
     * '-' + 19 digits x 2 bytes + 6 separators x 2 bytes = 51 bytes. */
    char buf[KS_MONEY_NUMBER_CAP];
    CHECK_EQ_INT(ks_money_format_number(buf, sizeof buf, INT64_MIN, &JPY_LIKE,
                                        KS_NUMERALS_ARABIC_INDIC, true),
                 51);
    CHECK_EQ_INT(KS_MONEY_NUMBER_CAP, 52);
    CHECK_EQ_INT(
        ks_money_format_number(buf, 51, INT64_MIN, &JPY_LIKE, KS_NUMERALS_ARABIC_INDIC, true), -1);
    CHECK_EQ_STR(buf, "");
    /* "12.50" needs 6 bytes with its NUL. */
    CHECK_EQ_INT(ks_money_format_number(buf, 6, 1250, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true),
                 5);
    CHECK_EQ_INT(ks_money_format_number(buf, 5, 1250, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true),
                 -1);
    CHECK_EQ_STR(buf, "");
    const ks_currency bad = {"XXX", 5, "X", "X"};
    CHECK_EQ_INT(ks_money_format_number(buf, sizeof buf, 1, &bad, KS_NUMERALS_WESTERN, true), -1);
    CHECK_EQ_INT(ks_money_format_number(buf, sizeof buf, 1, NULL, KS_NUMERALS_WESTERN, true), -1);
    CHECK_EQ_INT(ks_money_format_number(NULL, 10, 1, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN, true),
                 -1);
}

static void test_format_with_symbol(void)
{
    char buf[KS_MONEY_FORMAT_CAP];
    CHECK_EQ_INT(
        ks_money_format(buf, sizeof buf, 1250, &KS_CURRENCY_SAR, KS_LANG_EN, KS_NUMERALS_WESTERN),
        9);
    CHECK_EQ_STR(buf, "12.50 SAR");
    ks_money_format(buf, sizeof buf, 1250, &KS_CURRENCY_SAR, KS_LANG_AR, KS_NUMERALS_ARABIC_INDIC);
    CHECK_EQ_STR(buf, AR1 AR2 AR_DECIMAL AR5 AR0 " " RIYAL_SIGN);
    ks_money_format(buf, sizeof buf, 123450, &KS_CURRENCY_SAR, KS_LANG_AR, KS_NUMERALS_WESTERN);
    CHECK_EQ_STR(buf, "1,234.50 " RIYAL_SIGN);
    ks_money_format(buf, sizeof buf, -300, &KS_CURRENCY_SAR, KS_LANG_EN, KS_NUMERALS_WESTERN);
    CHECK_EQ_STR(buf, "-3.00 SAR");
    /* "12.50 SAR" is 9 bytes: 10 fit, 9 do not. */
    CHECK_EQ_INT(ks_money_format(buf, 10, 1250, &KS_CURRENCY_SAR, KS_LANG_EN, KS_NUMERALS_WESTERN),
                 9);
    CHECK_EQ_INT(ks_money_format(buf, 9, 1250, &KS_CURRENCY_SAR, KS_LANG_EN, KS_NUMERALS_WESTERN),
                 -1);
    CHECK_EQ_STR(buf, "");
    const ks_currency bare = {"XTS", 2, NULL, ""};
    ks_money_format(buf, sizeof buf, 1250, &bare, KS_LANG_EN, KS_NUMERALS_WESTERN);
    CHECK_EQ_STR(buf, "12.50");
    ks_money_format(buf, sizeof buf, 1250, &bare, KS_LANG_AR, KS_NUMERALS_WESTERN);
    CHECK_EQ_STR(buf, "12.50");
    /* A long case fits KS_MONEY_FORMAT_CAP: '-', 19 digits, 5 groups and the decimal
     * separator (51 bytes), a space and the 3-byte sign. */
    CHECK_EQ_INT(ks_money_format(buf, sizeof buf, INT64_MIN, &KS_CURRENCY_SAR, KS_LANG_AR,
                                 KS_NUMERALS_ARABIC_INDIC),
                 51 + 1 + 3);
}

static void test_sar_constant(void)
{
    CHECK_EQ_STR(KS_CURRENCY_SAR.code, "SAR");
    CHECK_EQ_INT(KS_CURRENCY_SAR.exponent, 2);
    CHECK_EQ_STR(KS_CURRENCY_SAR.symbol_en, "SAR");
    CHECK_EQ_STR(KS_CURRENCY_SAR.symbol_ar, "\xE2\x83\x81");
}

struct parse_case {
    const char *text;
    const ks_currency *cur;
    bool ok;
    ks_money expected;
};

static void test_parse(void)
{
    static const struct parse_case cases[] = {
        {"12.5", &KS_CURRENCY_SAR, true, 1250},
        {"12.50", &KS_CURRENCY_SAR, true, 1250},
        {"-3", &KS_CURRENCY_SAR, true, -300},
        {"0.05", &KS_CURRENCY_SAR, true, 5},
        {"-0.05", &KS_CURRENCY_SAR, true, -5},
        {"0", &KS_CURRENCY_SAR, true, 0},
        {"007.10", &KS_CURRENCY_SAR, true, 710},
        {"92233720368547758.07", &KS_CURRENCY_SAR, true, INT64_MAX},
        {"-92233720368547758.08", &KS_CURRENCY_SAR, true, INT64_MIN},
        {"92233720368547758.08", &KS_CURRENCY_SAR, false, 0}, /* INT64_MAX + 1 */
        {"99999999999999999999999", &KS_CURRENCY_SAR, false, 0},
        {"12.505", &KS_CURRENCY_SAR, false, 0},
        {"+1", &KS_CURRENCY_SAR, false, 0},
        {" 1", &KS_CURRENCY_SAR, false, 0},
        {"1 ", &KS_CURRENCY_SAR, false, 0},
        {"1,000", &KS_CURRENCY_SAR, false, 0},
        {".5", &KS_CURRENCY_SAR, false, 0},
        {"5.", &KS_CURRENCY_SAR, false, 0},
        {"", &KS_CURRENCY_SAR, false, 0},
        {"-", &KS_CURRENCY_SAR, false, 0},
        {"--1", &KS_CURRENCY_SAR, false, 0},
        {"1e3", &KS_CURRENCY_SAR, false, 0},
        {"1.2.3", &KS_CURRENCY_SAR, false, 0},
        {"0x10", &KS_CURRENCY_SAR, false, 0},
        {"12", &JPY_LIKE, true, 12},
        {"12.0", &JPY_LIKE, false, 0},
        {"1.5", &KWD_LIKE, true, 1500},
        {"1.234", &KWD_LIKE, true, 1234},
        {"0000000000000000000000000000000000000001", &KS_CURRENCY_SAR, true, 100}, /* 40 bytes */
        {"00000000000000000000000000000000000000001", &KS_CURRENCY_SAR, false, 0}, /* 41 */
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_money out = -42;
        bool ok = ks_money_parse(cases[i].text, cases[i].cur, &out);
        if (ok != cases[i].ok)
            check_fail(__FILE__, __LINE__, "parse \"%s\": expected %s", cases[i].text,
                       cases[i].ok ? "success" : "failure");
        CHECK_EQ_INT(ok, cases[i].ok);
        CHECK_EQ_INT(out, cases[i].ok ? cases[i].expected : -42);
    }
    ks_money out;
    CHECK(!ks_money_parse(NULL, &KS_CURRENCY_SAR, &out));
    CHECK(!ks_money_parse("1", NULL, &out));
    CHECK(!ks_money_parse("1", &KS_CURRENCY_SAR, NULL));
}

static void test_format_parse_round_trip(void)
{
    static const ks_money amounts[] = {0, 1, -1, 99, 100, 123456, -987654321, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < CHECK_COUNT(amounts); i++) {
        char buf[KS_MONEY_NUMBER_CAP];
        ks_money back = 0;
        CHECK(ks_money_format_number(buf, sizeof buf, amounts[i], &KS_CURRENCY_SAR,
                                     KS_NUMERALS_WESTERN, false) > 0);
        CHECK(ks_money_parse(buf, &KS_CURRENCY_SAR, &back));
        CHECK_EQ_INT(back, amounts[i]);
    }
}

static const struct check_case cases[] = {
    {"mul_div rounds half away from zero", test_mul_div_rounding},
    {"mul_div reports overflow and bad arguments", test_mul_div_overflow},
    {"mul_div at the int64 edges", test_mul_div_rounding_edge},
    {"add with overflow check", test_add},
    {"format number in both numeral systems", test_format_number},
    {"format number capacity", test_format_number_capacity},
    {"format with currency symbol", test_format_with_symbol},
    {"SAR constant", test_sar_constant},
    {"parse is strict", test_parse},
    {"format then parse round trip", test_format_parse_round_trip},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
