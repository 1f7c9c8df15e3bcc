/* Money arithmetic, formatting and parsing: see kiosk/domain/money.h. */
#include "kiosk/domain/money.h"

#include <string.h>

const ks_currency KS_CURRENCY_SAR = {
    .code = "SAR",
    .exponent = 2,
    .symbol_en = "SAR",
    .symbol_ar = "\xE2\x83\x81", /* U+20C1 SAUDI RIYAL SIGN */
};

bool ks_money_mul_div(ks_money value, int64_t num, int64_t den, ks_money *out)
{
    if (den <= 0 || !out)
        return false;
    __int128 product = (__int128)value * num; /* |product| < 2^126: cannot overflow */
    __int128 q = product / den, r = product % den;
    __int128 abs_r = r < 0 ? -r : r;
    if (2 * abs_r >= den)
        q += product < 0 ? -1 : 1;
    if (q > INT64_MAX || q < INT64_MIN)
        return false;
    *out = (ks_money)q;
    return true;
}

bool ks_money_add(ks_money a, ks_money b, ks_money *out)
{
    ks_money sum;
    if (!out || __builtin_add_overflow(a, b, &sum))
        return false;
    *out = sum;
    return true;
}

/* Appends a digit or separator in the chosen numeral system; buf has room by construction. */
static size_t put_digit(char *buf, size_t len, int digit, enum ks_numerals numerals)
{
    if (numerals == KS_NUMERALS_ARABIC_INDIC) {
        buf[len] = '\xD9'; /* U+0660 + digit */
        buf[len + 1] = (char)(0xA0 + digit);
        return len + 2;
    }
    buf[len] = (char)('0' + digit);
    return len + 1;
}

static size_t put_separator(char *buf, size_t len, bool decimal, enum ks_numerals numerals)
{
    if (numerals == KS_NUMERALS_ARABIC_INDIC) {
        buf[len] = '\xD9'; /* U+066B decimal, U+066C thousands */
        buf[len + 1] = decimal ? '\xAB' : '\xAC';
        return len + 2;
    }
    buf[len] = decimal ? '.' : ',';
    return len + 1;
}

int ks_money_format_number(char *out, size_t cap, ks_money amount, const ks_currency *cur,
                           enum ks_numerals numerals, bool grouping)
{
    if (!out || cap == 0)
        return -1;
    out[0] = '\0';
    if (!cur || cur->exponent < 0 || cur->exponent > 4)
        return -1;
    int exp = cur->exponent;
    /* Unsigned negation keeps INT64_MIN exact. */
    uint64_t mag = amount < 0 ? 0 - (uint64_t)amount : (uint64_t)amount;
    int digits[24], n = 0; /* least significant first */
    do {
        digits[n++] = (int)(mag % 10);
        mag /= 10;
    } while (mag);
    while (n <= exp) /* at least one integer digit: "0.05" */
        digits[n++] = 0;

    char buf[KS_MONEY_NUMBER_CAP];
    size_t len = 0;
    if (amount < 0)
        buf[len++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        len = put_digit(buf, len, digits[i], numerals);
        int place = i - exp; /* 0 = units; negative = decimals */
        if (grouping && place > 0 && place % 3 == 0)
            len = put_separator(buf, len, false, numerals);
        if (place == 0 && exp > 0)
            len = put_separator(buf, len, true, numerals);
    }
    if (len + 1 > cap)
        return -1;
    memcpy(out, buf, len);
    out[len] = '\0';
    return (int)len;
}

int ks_money_format(char *out, size_t cap, ks_money amount, const ks_currency *cur,
                    enum ks_lang lang, enum ks_numerals numerals)
{
    char number[KS_MONEY_NUMBER_CAP];
    int n = ks_money_format_number(number, sizeof number, amount, cur, numerals, true);
    if (n < 0 || !out || cap == 0) {
        if (out && cap)
            out[0] = '\0';
        return -1;
    }
    const char *symbol = lang == KS_LANG_AR ? cur->symbol_ar : cur->symbol_en;
    size_t sym_len = symbol ? strlen(symbol) : 0;
    size_t len = (size_t)n + (sym_len ? 1 + sym_len : 0);
    if (len + 1 > cap) {
        out[0] = '\0';
        return -1;
    }
    memcpy(out, number, (size_t)n);
    if (sym_len) {
        out[n] = ' ';
        memcpy(out + n + 1, symbol, sym_len);
    }
    out[len] = '\0';
    return (int)len;
}

#define PARSE_MAX_BYTES 40

bool ks_money_parse(const char *text, const ks_currency *cur, ks_money *out)
{
    if (!text || !cur || !out || cur->exponent < 0 || cur->exponent > 4)
        return false;
    if (strnlen(text, PARSE_MAX_BYTES + 1) > PARSE_MAX_BYTES)
        return false;
    const char *p = text;
    bool negative = *p == '-';
    if (negative)
        p++;
    uint64_t acc = 0;
    int int_digits = 0, decimals = 0;
    for (; *p >= '0' && *p <= '9'; p++, int_digits++)
        if (__builtin_mul_overflow(acc, 10u, &acc) || __builtin_add_overflow(acc, *p - '0', &acc))
            return false;
    if (int_digits == 0)
        return false;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, decimals++)
            if (decimals == cur->exponent || __builtin_mul_overflow(acc, 10u, &acc) ||
                __builtin_add_overflow(acc, *p - '0', &acc))
                return false;
        if (decimals == 0)
            return false;
    }
    if (*p != '\0')
        return false;
    for (; decimals < cur->exponent; decimals++)
        if (__builtin_mul_overflow(acc, 10u, &acc))
            return false;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (acc > limit)
        return false;
    *out = negative ? (ks_money)(0 - acc) : (ks_money)acc;
    return true;
}
