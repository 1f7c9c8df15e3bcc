/*
 * Fuzz target: arbitrary bytes from a serial barcode scanner
 * (devices/scanner/scanner_serial.c). The first byte picks a configuration
 * (prefix, terminator, length limit); every delivered code must be printable
 * and within the limit, and every line must be counted once.
 */
#include "devices/scanner/scanner_serial.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_code(void *user, const char *code, size_t len)
{
    size_t max = *(const size_t *)user;
    if (len == 0 || len > max || strlen(code) != len)
        __builtin_trap();
    for (size_t i = 0; i < len; i++)
        if (code[i] < 0x20 || code[i] > 0x7e)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    struct dev_scanner_serial_config cfg = {.max_len = data[0] & 0x3f};
    if (data[0] & 0x40)
        memcpy(cfg.prefix, "]E0", 4);
    if (data[0] & 0x80)
        memcpy(cfg.terminators, "\x03\n", 3);
    struct dev_scanner_serial s;
    dev_scanner_serial_init(&s, &cfg);
    size_t max = s.config.max_len;
    /* two feeds so a split inside a line is exercised */
    size_t half = (size - 1) / 2;
    dev_scanner_serial_feed(&s, data + 1, half, check_code, &max);
    dev_scanner_serial_feed(&s, data + 1 + half, size - 1 - half, check_code, &max);
    if (s.len > sizeof(s.line) - 1)
        __builtin_trap();
    return 0;
}
