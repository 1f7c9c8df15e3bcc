/* Scanned retail barcodes to catalogue lookup keys: see kiosk/domain/barcode.h. */
#include "kiosk/domain/barcode.h"

#include "kiosk/domain/gtin.h"

#include <string.h>

/*
 * GS1 General Specifications 7.9.3 weighting-factor products, indexed by the
 * digit: "2-" (x2, units minus tens), "3" (units of x3), "5+" (x5, units plus
 * tens) and "5-" (x5, units minus tens).
 */
static const unsigned char weight_2minus[10] = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
static const unsigned char weight_3[10] = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
static const unsigned char weight_5plus[10] = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
static const unsigned char weight_5minus[10] = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int ks_barcode_value_check_digit(const char *digits, size_t n)
{
    if (!digits || (n != 4 && n != 5) || !all_digits(digits, n))
        return -1;
    const char *d = digits;
    if (n == 4) {
        unsigned sum = weight_2minus[d[0] - '0'] + weight_2minus[d[1] - '0'] +
                       weight_3[d[2] - '0'] + weight_5minus[d[3] - '0'];
        return (int)(sum * 3 % 10);
    }
    unsigned sum = weight_5plus[d[0] - '0'] + weight_2minus[d[1] - '0'] +
                   weight_5minus[d[2] - '0'] + weight_5plus[d[3] - '0'] + weight_2minus[d[4] - '0'];
    /* the check digit is the one whose "5-" product completes the sum to a multiple of ten */
    unsigned want = (10 - sum % 10) % 10;
    for (int c = 0; c < 10; c++)
        if (weight_5minus[c] == want)
            return c;
    return -1;
}

bool ks_barcode_rule_valid(const struct ks_barcode_rule *rule)
{
    if (!rule || rule->prefix[0] != '2' || rule->prefix[1] < '0' || rule->prefix[1] > '9' ||
        rule->prefix[2] != '\0')
        return false;
    if (rule->item_digits < 1 || rule->item_digits > 10 || rule->value_digits < 1 ||
        rule->value_digits > 10)
        return false;
    if (rule->price_check && rule->value_digits != 4 && rule->value_digits != 5)
        return false;
    if (rule->value_kind != KS_BARCODE_VALUE_GRAMS && rule->value_kind != KS_BARCODE_VALUE_HALALAS)
        return false;
    return rule->item_digits + (rule->price_check ? 1u : 0u) + rule->value_digits == 10;
}

static const struct ks_barcode_rule *find_rule(const char *code,
                                               const struct ks_barcode_rule *rules, size_t n_rules)
{
    for (size_t i = 0; rules && i < n_rules; i++)
        if (memcmp(rules[i].prefix, code, 2) == 0)
            return &rules[i];
    return NULL;
}

static enum ks_barcode_error parse_variable(const char *code, const struct ks_barcode_rule *rule,
                                            struct ks_barcode *out)
{
    if (!ks_barcode_rule_valid(rule))
        return KS_BARCODE_ERR_RULE;
    const char *item = code + 2;
    const char *value = item + rule->item_digits + (rule->price_check ? 1 : 0);
    if (rule->price_check) {
        int want = ks_barcode_value_check_digit(value, rule->value_digits);
        if (want < 0 || item[rule->item_digits] != '0' + want)
            return KS_BARCODE_ERR_PRICE_CHECK;
    }
    int64_t v = 0;
    for (unsigned i = 0; i < rule->value_digits; i++)
        v = v * 10 + (value[i] - '0');
    memcpy(out->plu, item, rule->item_digits);
    out->plu[rule->item_digits] = '\0';
    if (rule->value_kind == KS_BARCODE_VALUE_GRAMS) {
        out->kind = KS_BARCODE_WEIGHT;
        out->grams = v;
    } else {
        out->kind = KS_BARCODE_PRICE;
        out->halalas = v;
    }
    return KS_BARCODE_OK;
}

enum ks_barcode_error ks_barcode_parse(const char *code, size_t len,
                                       const struct ks_barcode_rule *rules, size_t n_rules,
                                       struct ks_barcode *out)
{
    if (!out)
        return KS_BARCODE_ERR_LENGTH;
    memset(out, 0, sizeof(*out));
    if (!code || (len != 8 && len != 12 && len != 13))
        return KS_BARCODE_ERR_LENGTH;
    if (!all_digits(code, len))
        return KS_BARCODE_ERR_NOT_DIGITS;
    if (!ks_gtin_valid(code, len))
        return KS_BARCODE_ERR_CHECK_DIGIT;
    const struct ks_barcode_rule *rule =
        len == 13 && code[0] == '2' ? find_rule(code, rules, n_rules) : NULL;
    if (rule) {
        enum ks_barcode_error err = parse_variable(code, rule, out);
        if (err != KS_BARCODE_OK)
            memset(out, 0, sizeof(*out));
        return err;
    }
    out->kind = KS_BARCODE_GTIN;
    ks_gtin_normalize(code, len, out->gtin);
    return KS_BARCODE_OK;
}

const char *ks_barcode_strerror(enum ks_barcode_error err)
{
    switch (err) {
    case KS_BARCODE_OK:
        return "ok";
    case KS_BARCODE_ERR_LENGTH:
        return "barcode is not 8, 12 or 13 digits long";
    case KS_BARCODE_ERR_NOT_DIGITS:
        return "barcode contains a non-digit";
    case KS_BARCODE_ERR_CHECK_DIGIT:
        return "barcode check digit is wrong";
    case KS_BARCODE_ERR_PRICE_CHECK:
        return "weight or price check digit on the label is wrong";
    case KS_BARCODE_ERR_RULE:
        return "store barcode rule is malformed";
    }
    return "unknown barcode error";
}
