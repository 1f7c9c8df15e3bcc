/*
 * Fuzz target: arbitrary key event sequences from a keyboard-wedge scanner
 * (devices/scanner/scanner_wedge.c). Each 4-byte record is key (2 bytes,
 * little-endian), value and the milliseconds since the previous event; every
 * delivered code must be printable and within the limit.
 */
#include "devices/scanner/scanner_wedge.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_code(void *user, const char *code, size_t len)
{
    (void)user;
    if (len == 0 || len > 20 || strlen(code) != len)
        __builtin_trap();
    for (size_t i = 0; i < len; i++)
        if (code[i] < 0x20 || code[i] > 0x7e)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    struct dev_scanner_wedge_config cfg = {.timeout_ms = 50, .max_len = 20};
    struct dev_scanner_wedge w;
    dev_scanner_wedge_init(&w, &cfg);
    uint64_t t = 0;
    for (size_t i = 0; i + 4 <= size; i += 4) {
        uint16_t key = (uint16_t)(data[i] | data[i + 1] << 8);
        t += data[i + 3];
        dev_scanner_wedge_key(&w, key, (int8_t)data[i + 2], t, check_code, NULL);
    }
    return 0;
}
