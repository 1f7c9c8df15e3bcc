/* Scanned barcode interpretation: plain GTINs and store variable-measure labels. */
#include "kiosk/domain/barcode.h"
#include "tests/support/check.h"

/* A store's table: weight labels on 20, priced labels with a value check digit on 21 and 22. */
static const struct ks_barcode_rule rules[] = {
    {"20", 5, 5, KS_BARCODE_VALUE_GRAMS, false},
    {"21", 5, 4, KS_BARCODE_VALUE_HALALAS, true},
    {"22", 4, 5, KS_BARCODE_VALUE_HALALAS, true},
};

static enum ks_barcode_error parse(const char *code, struct ks_barcode *out)
{
    return ks_barcode_parse(code, strlen(code), rules, CHECK_COUNT(rules), out);
}

static void test_plain_gtins(void)
{
    struct ks_barcode b;
    CHECK_EQ_INT(parse("4006381333931", &b), KS_BARCODE_OK); /* EAN-13 */
    CHECK_EQ_INT(b.kind, KS_BARCODE_GTIN);
    CHECK_EQ_STR(b.gtin, "04006381333931");
    CHECK_EQ_STR(b.plu, "");
    CHECK_EQ_INT(parse("73513537", &b), KS_BARCODE_OK); /* EAN-8 */
    CHECK_EQ_STR(b.gtin, "00000073513537");
    CHECK_EQ_INT(parse("036000291452", &b), KS_BARCODE_OK); /* UPC-A */
    CHECK_EQ_STR(b.gtin, "00036000291452");
}

static void test_weight_label(void)
{
    struct ks_barcode b;
    /* 20 | 01234 | 01500 | 4: plu 01234, 1.500 kg */
    CHECK_EQ_INT(parse("2001234015004", &b), KS_BARCODE_OK);
    CHECK_EQ_INT(b.kind, KS_BARCODE_WEIGHT);
    CHECK_EQ_STR(b.plu, "01234");
    CHECK_EQ_INT(b.grams, 1500);
    CHECK_EQ_INT(b.halalas, 0);
    CHECK_EQ_STR(b.gtin, "");
}

static void test_price_label_four_digits(void)
{
    struct ks_barcode b;
    /* 21 | 01234 | 9 | 2875 | 2: value check of 2875 is 9 (GS1 7.9.3: 4+5+1+3 = 13, x3 = 39) */
    CHECK_EQ_INT(parse("2101234928752", &b), KS_BARCODE_OK);
    CHECK_EQ_INT(b.kind, KS_BARCODE_PRICE);
    CHECK_EQ_STR(b.plu, "01234");
    CHECK_EQ_INT(b.halalas, 2875); /* 28.75 SAR */
    CHECK_EQ_INT(b.grams, 0);
}

static void test_price_label_five_digits(void)
{
    struct ks_barcode b;
    /* 22 | 0123 | 6 | 14685 | 4: 5+8+7+4+9 = 33, 40-33 = 7 = "5-" product of 6 */
    CHECK_EQ_INT(parse("2201236146854", &b), KS_BARCODE_OK);
    CHECK_EQ_INT(b.kind, KS_BARCODE_PRICE);
    CHECK_EQ_STR(b.plu, "0123");
    CHECK_EQ_INT(b.halalas, 14685);
}

static void test_bad_price_check_refused(void)
{
    struct ks_barcode b;
    /* valid EAN check digit, but the value check digit says 1 where 9 is due */
    CHECK_EQ_INT(parse("2101234128756", &b), KS_BARCODE_ERR_PRICE_CHECK);
    CHECK_EQ_STR(b.plu, "");
    CHECK_EQ_INT(b.halalas, 0);
}

static void test_prefix_without_rule_is_gtin(void)
{
    struct ks_barcode b;
    CHECK_EQ_INT(parse("2300123015003", &b), KS_BARCODE_OK);
    CHECK_EQ_INT(b.kind, KS_BARCODE_GTIN);
    CHECK_EQ_STR(b.gtin, "02300123015003");
    CHECK_EQ_INT(ks_barcode_parse("2001234015004", 13, NULL, 0, &b), KS_BARCODE_OK);
    CHECK_EQ_INT(b.kind, KS_BARCODE_GTIN);
}

static void test_bad_check_digit_refused(void)
{
    struct ks_barcode b;
    CHECK_EQ_INT(parse("4006381333932", &b), KS_BARCODE_ERR_CHECK_DIGIT);
    CHECK_EQ_STR(b.gtin, "");
    CHECK_EQ_INT(parse("2001234015005", &b), KS_BARCODE_ERR_CHECK_DIGIT);
    CHECK_EQ_INT(parse("73513538", &b), KS_BARCODE_ERR_CHECK_DIGIT);
}

static void test_wrong_lengths_refused(void)
{
    struct ks_barcode b;
    CHECK_EQ_INT(parse("", &b), KS_BARCODE_ERR_LENGTH);
    CHECK_EQ_INT(parse("7351353", &b), KS_BARCODE_ERR_LENGTH);
    CHECK_EQ_INT(parse("97802013796", &b), KS_BARCODE_ERR_LENGTH);    /* 11 */
    CHECK_EQ_INT(parse("04006381333931", &b), KS_BARCODE_ERR_LENGTH); /* 14 */
    CHECK_EQ_INT(parse("40063813339310", &b), KS_BARCODE_ERR_LENGTH);
    CHECK_EQ_INT(ks_barcode_parse(NULL, 8, rules, 1, &b), KS_BARCODE_ERR_LENGTH);
    CHECK_EQ_INT(ks_barcode_parse("73513537", 8, rules, 1, NULL), KS_BARCODE_ERR_LENGTH);
    CHECK_EQ_INT(parse("4006381A33931", &b), KS_BARCODE_ERR_NOT_DIGITS);
}

static void test_rules_checked(void)
{
    const struct ks_barcode_rule bad[] = {
        {"20", 5, 6, KS_BARCODE_VALUE_GRAMS, false}, /* 5 + 6 != 10 */
    };
    struct ks_barcode b;
    CHECK_EQ_INT(ks_barcode_parse("2001234015004", 13, bad, 1, &b), KS_BARCODE_ERR_RULE);
    CHECK(ks_barcode_rule_valid(&rules[0]));
    CHECK(ks_barcode_rule_valid(&rules[1]));
    CHECK(!ks_barcode_rule_valid(
        &(struct ks_barcode_rule){"19", 5, 5, KS_BARCODE_VALUE_GRAMS, false}));
    CHECK(!ks_barcode_rule_valid(
        &(struct ks_barcode_rule){"20", 4, 6, KS_BARCODE_VALUE_GRAMS, true}));
    CHECK(!ks_barcode_rule_valid(NULL));
}

static void test_value_check_digit(void)
{
    CHECK_EQ_INT(ks_barcode_value_check_digit("2875", 4), 9);
    CHECK_EQ_INT(ks_barcode_value_check_digit("14685", 5), 6);
    CHECK_EQ_INT(ks_barcode_value_check_digit("0000", 4), 0);
    CHECK_EQ_INT(ks_barcode_value_check_digit("123", 3), -1);
    CHECK_EQ_INT(ks_barcode_value_check_digit("12a4", 4), -1);
    CHECK_EQ_STR(ks_barcode_strerror(KS_BARCODE_ERR_PRICE_CHECK),
                 "weight or price check digit on the label is wrong");
}

static const struct check_case cases[] = {
    {"plain gtins", test_plain_gtins},
    {"weight label", test_weight_label},
    {"price label four digits", test_price_label_four_digits},
    {"price label five digits", test_price_label_five_digits},
    {"bad price check refused", test_bad_price_check_refused},
    {"prefix without rule is gtin", test_prefix_without_rule_is_gtin},
    {"bad check digit refused", test_bad_check_digit_refused},
    {"wrong lengths refused", test_wrong_lengths_refused},
    {"rules checked", test_rules_checked},
    {"value check digit", test_value_check_digit},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
