/* Formatting for printed documents: see kiosk/render/print_format.h. */
#include "kiosk/render/print_format.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void ks_print_local_time(int64_t utc, int utc_offset_min, char out[17])
{
    time_t t = (time_t)(utc + (int64_t)utc_offset_min * 60);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 17, "%Y-%m-%d %H:%M", &tm) != 16)
        memcpy(out, "0000-00-00 00:00", 17);
}

enum ks_numerals ks_print_numerals(enum ks_lang lang, enum ks_numerals numerals)
{
    return lang == KS_LANG_AR ? numerals : KS_NUMERALS_WESTERN;
}

/* Digits only, so any exponent-0 currency will do. */
static const ks_currency PLAIN = {.code = "", .exponent = 0};

void ks_print_integer(int64_t value, enum ks_lang lang, enum ks_numerals numerals, char out[24])
{
    char digits[KS_MONEY_NUMBER_CAP];
    if (ks_money_format_number(digits, sizeof digits, value, &PLAIN,
                               ks_print_numerals(lang, numerals), false) < 0 ||
        strlen(digits) >= 24) {
        out[0] = '\0';
        return;
    }
    memcpy(out, digits, strlen(digits) + 1);
}

bool ks_print_amount(const ks_order *order, ks_money amount, enum ks_lang lang,
                     enum ks_numerals numerals, bool with_symbol, char *out)
{
    ks_currency cur = KS_CURRENCY_SAR;
    if (strcmp(order->currency, KS_CURRENCY_SAR.code) != 0) {
        memcpy(cur.code, order->currency, sizeof cur.code);
        cur.exponent = order->exponent;
        cur.symbol_ar = cur.symbol_en = order->currency;
    }
    enum ks_numerals digits = ks_print_numerals(lang, numerals);
    if (!with_symbol || lang == KS_LANG_EN) {
        int n = with_symbol
                    ? ks_money_format(out, KS_MONEY_FORMAT_CAP, amount, &cur, lang, digits)
                    : ks_money_format_number(out, KS_MONEY_FORMAT_CAP, amount, &cur, digits, true);
        return n >= 0;
    }
    /*
     * Arabic: a right-to-left paragraph (RLM) in which the number is a
     * left-to-right isolate (LRI ... PDI), so the sign sits at the number's
     * left, where SAMA places it, and a minus stays at the number's start.
     */
    char number[KS_MONEY_NUMBER_CAP];
    if (ks_money_format_number(number, sizeof number, amount, &cur, digits, true) < 0)
        return false;
    int n = snprintf(out, KS_MONEY_FORMAT_CAP, "\u200F\u2066%s\u2069 %s", number, cur.symbol_ar);
    return n > 0 && n < KS_MONEY_FORMAT_CAP;
}

void ks_print_quantity(const ks_order_line *line, enum ks_lang lang, enum ks_numerals numerals,
                       char out[64])
{
    if (line->unit == KS_UNIT_EACH) {
        ks_print_integer(line->quantity, lang, numerals, out);
        return;
    }
    /* Grams as kilograms with three decimals: an amount of exponent 3. */
    static const ks_currency KG = {.code = "", .exponent = 3};
    char number[KS_MONEY_NUMBER_CAP];
    if (ks_money_format_number(number, sizeof number, line->quantity, &KG,
                               ks_print_numerals(lang, numerals), false) < 0) {
        out[0] = '\0';
        return;
    }
    snprintf(out, 64, "%s %s", number, lang == KS_LANG_AR ? "كغ" : "kg");
}
