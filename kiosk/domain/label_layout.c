/* Label layout text <-> barcode rules: see kiosk/domain/label_layout.h. */
#include "kiosk/domain/label_layout.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define LETTERS 10 /* digits between the prefix and the EAN-13 check digit */

__attribute__((format(printf, 3, 4))) static bool refuse(char *why, size_t cap, const char *fmt,
                                                         ...)
{
    if (why && cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, cap, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Counts the run of letter c at *p and moves past it. */
static unsigned take_run(const char **p, const char *end, char c)
{
    unsigned n = 0;
    while (*p < end && **p == c) {
        (*p)++;
        n++;
    }
    return n;
}

/* One layout, text[0..len); the number of the layout (from 1) is for messages. */
static bool parse_one(const char *text, size_t len, size_t number, struct ks_barcode_rule *rule,
                      char *why, size_t cap)
{
    int shown = len > 24 ? 24 : (int)len;
    if (len < 2 || text[0] != '2' || text[1] < '0' || text[1] > '9')
        return refuse(why, cap, "layout %zu \"%.*s\": must start with a prefix 20 to 29", number,
                      shown, text);
    if (len != 2 + LETTERS)
        return refuse(why, cap, "layout %zu \"%.*s\": %zu letters after the prefix, need %d",
                      number, shown, text, len - 2, LETTERS);
    const char *p = text + 2, *end = text + len;
    *rule = (struct ks_barcode_rule){.prefix = {text[0], text[1], '\0'}};
    rule->item_digits = take_run(&p, end, 'I');
    rule->price_check = take_run(&p, end, 'V') > 0;
    unsigned weight = take_run(&p, end, 'W');
    unsigned price = weight ? 0 : take_run(&p, end, 'P');
    rule->value_digits = weight ? weight : price;
    rule->value_kind = weight ? KS_BARCODE_VALUE_GRAMS : KS_BARCODE_VALUE_HALALAS;
    if (p != end || rule->item_digits == 0 || rule->value_digits == 0)
        return refuse(why, cap,
                      "layout %zu \"%.*s\": expected I (item), an optional V (price check), "
                      "then W (grams) or P (price), in that order",
                      number, shown, text);
    if (rule->item_digits + (rule->price_check ? 1u : 0u) != LETTERS - rule->value_digits)
        return refuse(why, cap, "layout %zu \"%.*s\": more than one V", number, shown, text);
    if (!ks_barcode_rule_valid(rule))
        return refuse(why, cap,
                      "layout %zu \"%.*s\": a price check digit V needs 4 or 5 value digits",
                      number, shown, text);
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

bool ks_label_layouts_parse(const char *text, struct ks_barcode_rule *out, size_t *n, char *why,
                            size_t why_cap)
{
    if (!text || !out || !n)
        return refuse(why, why_cap, "no text");
    *n = 0;
    size_t total = strnlen(text, KS_LABEL_LAYOUTS_TEXT_MAX + 1);
    if (total > KS_LABEL_LAYOUTS_TEXT_MAX)
        return refuse(why, why_cap, "longer than %d bytes", KS_LABEL_LAYOUTS_TEXT_MAX);
    const char *p = text, *end = text + total;
    size_t number = 0;
    while (p < end) {
        while (p < end && is_space(*p))
            p++;
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        const char *last = stop;
        while (last > p && is_space(last[-1]))
            last--;
        number++;
        if (last == p) {
            if (!comma && number == 1)
                return true; /* only spaces: no layouts */
            return refuse(why, why_cap, "layout %zu is empty", number);
        }
        if (*n == KS_LABEL_LAYOUTS_MAX)
            return refuse(why, why_cap, "more than %d layouts", KS_LABEL_LAYOUTS_MAX);
        struct ks_barcode_rule *rule = &out[*n];
        if (!parse_one(p, (size_t)(last - p), number, rule, why, why_cap))
            return false;
        for (size_t i = 0; i < *n; i++)
            if (strcmp(out[i].prefix, rule->prefix) == 0)
                return refuse(why, why_cap, "layout %zu: prefix %s is given twice", number,
                              rule->prefix);
        (*n)++;
        if (!comma)
            break;
        p = comma + 1;
        if (p == end)
            return refuse(why, why_cap, "layout %zu is empty", number + 1);
    }
    return true;
}

bool ks_label_layout_format(const struct ks_barcode_rule *rule, char out[13])
{
    if (!ks_barcode_rule_valid(rule))
        return false;
    char *p = out;
    *p++ = rule->prefix[0];
    *p++ = rule->prefix[1];
    for (unsigned i = 0; i < rule->item_digits; i++)
        *p++ = 'I';
    if (rule->price_check)
        *p++ = 'V';
    for (unsigned i = 0; i < rule->value_digits; i++)
        *p++ = rule->value_kind == KS_BARCODE_VALUE_GRAMS ? 'W' : 'P';
    *p = '\0';
    return true;
}
