/*
 * Money: a signed 64-bit count of the currency's minor units (halalas for
 * SAR, exponent 2). Never a float. Arithmetic helpers round half up (away
 * from zero for negatives) as the Saudi simplified tax invoice requires, and
 * report overflow instead of wrapping.
 */
#ifndef KIOSK_DOMAIN_MONEY_H
#define KIOSK_DOMAIN_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t ks_money;

typedef struct ks_currency {
    char code[4];          /* ISO 4217, e.g. "SAR" */
    int exponent;          /* number of minor-unit digits, 0..4 */
    const char *symbol_en; /* shown in English text, e.g. "SAR"; borrowed, static or catalog-owned */
    const char *symbol_ar; /* shown in Arabic text, e.g. U+20C1 SAUDI RIYAL SIGN; borrowed */
} ks_currency;

/* The Saudi riyal: exponent 2, "SAR" in English, U+20C1 in Arabic. */
extern const ks_currency KS_CURRENCY_SAR;

enum ks_lang { KS_LANG_AR, KS_LANG_EN };
enum ks_numerals {
    KS_NUMERALS_WESTERN,      /* 0-9, '.' decimal, ',' grouping */
    KS_NUMERALS_ARABIC_INDIC, /* U+0660-0669, U+066B decimal, U+066C grouping */
};

/*
 * value * num / den rounded half away from zero. den > 0. Returns false on
 * overflow (the intermediate product is computed in 128 bits).
 */
bool ks_money_mul_div(ks_money value, int64_t num, int64_t den, ks_money *out);

/* a + b with overflow check. */
bool ks_money_add(ks_money a, ks_money b, ks_money *out);

/*
 * Writes the amount without a currency sign, e.g. "1,234.50" or "١٬٢٣٤٫٥٠",
 * always with exactly `exponent` decimals and a leading '-' for negatives.
 * Returns the number of bytes written (excluding NUL), or -1 if cap is too
 * small (the buffer then holds an empty string). 48 bytes always suffice.
 */
int ks_money_format_number(char *out, size_t cap, ks_money amount, const ks_currency *cur,
                           enum ks_numerals numerals, bool grouping);

/*
 * Writes a price for display in the given language: the number followed by a
 * space and the language's symbol ("12.50 SAR", "١٢٫٥٠ ⃁"). The text is
 * logical order; the ui layer isolates it when embedding in Arabic text.
 * Same return convention as ks_money_format_number; 64 bytes always suffice.
 */
int ks_money_format(char *out, size_t cap, ks_money amount, const ks_currency *cur,
                    enum ks_lang lang, enum ks_numerals numerals);

/*
 * Parses a decimal amount ("12.5", "12.50", "-3") into minor units. More
 * decimals than the exponent allows, stray characters or overflow fail.
 */
bool ks_money_parse(const char *text, const ks_currency *cur, ks_money *out);

#endif
