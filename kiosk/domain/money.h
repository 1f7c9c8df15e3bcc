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
    char code[4]; /* ISO 4217, e.g. "SAR" */
    int exponent; /* number of minor-unit digits, 0..4 */
    const char
        *symbol_en; /* shown in English text, e.g. "SAR"; borrowed, static or catalog-owned */
    const char *symbol_ar; /* shown in Arabic text, e.g. U+20C1 SAUDI RIYAL SIGN; borrowed */
} ks_currency;

/* The Saudi riyal: exponent 2, "SAR" in English, U+20C1 SAUDI RIYAL SIGN (E2 83 81) in Arabic. */
extern const ks_currency KS_CURRENCY_SAR;

enum ks_lang { KS_LANG_AR, KS_LANG_EN };
enum ks_numerals {
    KS_NUMERALS_WESTERN,      /* 0-9, '.' decimal, ',' grouping */
    KS_NUMERALS_ARABIC_INDIC, /* U+0660-0669, U+066B decimal, U+066C grouping */
};

/*
 * value * num / den rounded half away from zero (2.5 -> 3, -2.5 -> -3), e.g.
 * VAT = mul_div(net, 1500, 10000) or a weighed line = mul_div(price_per_kg,
 * grams, 1000). The product is computed in 128 bits, so only a result outside
 * int64 overflows. Returns false (and leaves *out alone) on overflow, when
 * den <= 0 or out is NULL.
 */
bool ks_money_mul_div(ks_money value, int64_t num, int64_t den, ks_money *out);

/* *out = a + b; false (and *out untouched) on overflow or NULL out. */
bool ks_money_add(ks_money a, ks_money b, ks_money *out);

/* Buffer sizes that always suffice for the two formatters below (any amount, exponent 0..4). */
#define KS_MONEY_NUMBER_CAP 52 /* "-9٬223٬372٬036٬854٬775٬808" in Arabic-Indic: 51 bytes + NUL */
#define KS_MONEY_FORMAT_CAP 64 /* number, space, and a symbol of up to 11 bytes */

/*
 * Writes the amount without a currency sign, e.g. "1,234.50" or "١٬٢٣٤٫٥٠",
 * always with exactly `exponent` decimals (none and no separator for 0) and a
 * leading ASCII '-' for negatives, in both numeral systems: U+2212 MINUS SIGN
 * would be the typographic choice, but the ASCII hyphen-minus is what the
 * bidi algorithm (class ES before EN/AN) keeps attached to the number in
 * right-to-left text, and what receipts and exports expect. Grouping puts a
 * separator every three integer digits. Returns the number of bytes written
 * (excluding NUL), or -1 if out is NULL, cap is too small (the buffer then
 * holds an empty string) or cur is NULL or has an exponent outside 0..4.
 * 48 bytes suffice below 10^14 minor units; KS_MONEY_NUMBER_CAP always does.
 */
int ks_money_format_number(char *out, size_t cap, ks_money amount, const ks_currency *cur,
                           enum ks_numerals numerals, bool grouping);

/*
 * Writes a price for display in the given language: the number followed by a
 * space and the language's symbol ("12.50 SAR", "١٢٫٥٠ ⃁"), grouped; no space
 * when the symbol is NULL or "". The text is logical order; the ui layer
 * isolates it when embedding in Arabic text. Same return convention as
 * ks_money_format_number; KS_MONEY_FORMAT_CAP (64) bytes suffice for symbols
 * of up to 11 bytes (U+20C1 is 3, an ISO code 3).
 */
int ks_money_format(char *out, size_t cap, ks_money amount, const ks_currency *cur,
                    enum ks_lang lang, enum ks_numerals numerals);

/*
 * Parses a decimal amount ("12.5", "12.50", "-3") into minor units: an
 * optional '-', one or more ASCII digits, and optionally '.' followed by 1 to
 * `exponent` digits, at most 40 bytes in all. Anything else fails: '+',
 * spaces, grouping, ".5", "5.", more decimals than the exponent allows,
 * overflow, NULL arguments. *out is written only on success.
 */
bool ks_money_parse(const char *text, const ks_currency *cur, ks_money *out);

#endif
