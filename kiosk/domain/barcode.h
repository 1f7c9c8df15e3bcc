/*
 * What a scanned retail barcode means: a plain GTIN to look up in the
 * catalogue (EAN-13, EAN-8, UPC-A), or a GS1 variable-measure label (EAN-13
 * with prefix 20-29) printed by a store's scale, carrying a 5-digit item code
 * (the catalogue's plu) and either a weight or a price. Which prefix carries
 * what is the store's choice, so the layouts come in a small rules table.
 * Pure: no I/O, no allocation.
 */
#ifndef KIOSK_DOMAIN_BARCODE_H
#define KIOSK_DOMAIN_BARCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest input considered; anything longer is refused before it is read. */
#define KS_BARCODE_MAX 32

enum ks_barcode_kind {
    KS_BARCODE_GTIN,   /* look up gtin with ks_catalog_find_barcode */
    KS_BARCODE_WEIGHT, /* look up plu with ks_catalog_find_plu; grams is the weight */
    KS_BARCODE_PRICE,  /* look up plu; halalas is the price printed on the label */
};

enum ks_barcode_value {
    KS_BARCODE_VALUE_GRAMS,
    KS_BARCODE_VALUE_HALALAS,
};

/*
 * One store layout of a variable-measure EAN-13:
 *   prefix (2 digits) | item code | [price check digit] | value | check digit
 * so item_digits + price_check + value_digits must be 10. A price check digit
 * (GS1 General Specifications 7.9.3) needs 4 or 5 value digits.
 */
struct ks_barcode_rule {
    char prefix[3];        /* "20".."29", NUL-terminated */
    unsigned item_digits;  /* the plu length, normally 5 */
    unsigned value_digits; /* 4 or 5 */
    enum ks_barcode_value value_kind;
    bool price_check;
};

struct ks_barcode {
    enum ks_barcode_kind kind;
    char gtin[15];   /* KS_BARCODE_GTIN: the 14-digit form, NUL-terminated; else "" */
    char plu[11];    /* WEIGHT and PRICE: the item code, NUL-terminated; else "" */
    int64_t grams;   /* KS_BARCODE_WEIGHT, else 0 */
    int64_t halalas; /* KS_BARCODE_PRICE, else 0 */
};

enum ks_barcode_error {
    KS_BARCODE_OK,
    KS_BARCODE_ERR_LENGTH,      /* not 8, 12 or 13 bytes */
    KS_BARCODE_ERR_NOT_DIGITS,  /* a byte other than 0-9 */
    KS_BARCODE_ERR_CHECK_DIGIT, /* the GTIN check digit is wrong */
    KS_BARCODE_ERR_PRICE_CHECK, /* the variable-measure value check digit is wrong */
    KS_BARCODE_ERR_RULE,        /* the matching rule is malformed */
};

/*
 * Interprets code[0..len) with the store's rules (rules may be NULL when
 * n_rules is 0; the first rule whose prefix matches an EAN-13 is used; an
 * EAN-13 with prefix 20-29 and no rule is returned as a plain GTIN). out is
 * always written (zeroed on error). NULL code or out gives KS_BARCODE_ERR_LENGTH.
 */
enum ks_barcode_error ks_barcode_parse(const char *code, size_t len,
                                       const struct ks_barcode_rule *rules, size_t n_rules,
                                       struct ks_barcode *out);

/* True when the rule's prefix is 20-29 and its digit counts add up as described above. */
bool ks_barcode_rule_valid(const struct ks_barcode_rule *rule);

/* The GS1 price/weight check digit (0-9) of a 4- or 5-digit value field; -1 otherwise. */
int ks_barcode_value_check_digit(const char *digits, size_t n);

/* A static English description of err; never NULL. */
const char *ks_barcode_strerror(enum ks_barcode_error err);

#endif
