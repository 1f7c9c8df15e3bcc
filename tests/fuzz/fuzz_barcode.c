/*
 * Fuzz target: arbitrary bytes as a scanned code, interpreted with a store
 * table covering every value layout (kiosk/domain/barcode.c). An accepted code
 * must give exactly one lookup key.
 */
#include "kiosk/domain/barcode.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct ks_barcode_rule rules[] = {
    {"20", 5, 5, KS_BARCODE_VALUE_GRAMS, false},
    {"21", 5, 4, KS_BARCODE_VALUE_HALALAS, true},
    {"22", 4, 5, KS_BARCODE_VALUE_HALALAS, true},
    {"23", 5, 6, KS_BARCODE_VALUE_GRAMS, false}, /* malformed on purpose */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > KS_BARCODE_MAX)
        return 0;
    struct ks_barcode b;
    enum ks_barcode_error err =
        ks_barcode_parse((const char *)data, size, rules, sizeof(rules) / sizeof(rules[0]), &b);
    if (err != KS_BARCODE_OK) {
        if (b.gtin[0] || b.plu[0] || b.grams || b.halalas)
            __builtin_trap();
        return 0;
    }
    if ((b.kind == KS_BARCODE_GTIN) != (strlen(b.gtin) == 14) ||
        (b.kind != KS_BARCODE_GTIN) != (b.plu[0] != '\0') || b.grams < 0 || b.halalas < 0)
        __builtin_trap();
    return 0;
}
