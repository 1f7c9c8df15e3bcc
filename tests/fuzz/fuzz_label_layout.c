/*
 * Fuzz target: arbitrary bytes as the [supermarket] labels value
 * (kiosk/domain/label_layout.c). Accepted text gives valid rules with
 * distinct prefixes that write back to text parsing to the same rules; a
 * refusal always says why.
 */
#include "kiosk/domain/label_layout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct ks_barcode_rule rules[KS_LABEL_LAYOUTS_MAX], again[KS_LABEL_LAYOUTS_MAX];
    size_t n = 0, n_again = 0;
    char why[160] = "";
    if (!ks_label_layouts_parse(text, rules, &n, why, sizeof why)) {
        if (why[0] == '\0')
            __builtin_trap();
        free(text);
        return 0;
    }
    if (n > KS_LABEL_LAYOUTS_MAX)
        __builtin_trap();
    char written[KS_LABEL_LAYOUTS_MAX * 14 + 1] = "";
    for (size_t i = 0; i < n; i++) {
        char one[13];
        if (!ks_barcode_rule_valid(&rules[i]) || !ks_label_layout_format(&rules[i], one))
            __builtin_trap();
        for (size_t j = 0; j < i; j++)
            if (strcmp(rules[i].prefix, rules[j].prefix) == 0)
                __builtin_trap();
        size_t used = strlen(written);
        snprintf(written + used, sizeof written - used, "%s%s", i ? "," : "", one);
    }
    if (!ks_label_layouts_parse(written, again, &n_again, why, sizeof why) || n_again != n)
        __builtin_trap();
    for (size_t i = 0; i < n; i++)
        if (strcmp(again[i].prefix, rules[i].prefix) != 0 ||
            again[i].item_digits != rules[i].item_digits ||
            again[i].value_digits != rules[i].value_digits ||
            again[i].value_kind != rules[i].value_kind ||
            again[i].price_check != rules[i].price_check)
            __builtin_trap();
    free(text);
    return 0;
}
