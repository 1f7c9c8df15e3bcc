/*
 * Fuzz target: input reports from a HID POS barcode scanner
 * (devices/scanner/scanner_hidraw.c). The first byte picks the length
 * limit (low 6 bits) and whether reports arrive 1 ms or 700 ms apart (bit
 * 7: continuations time out); then each report is one length byte (its
 * size, up to 80) and that many bytes. Every delivered code must be
 * printable and within the limit, its AIM id empty or "]xx", and no report
 * may be counted twice.
 */
#include "devices/scanner/scanner_hidraw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct check {
    const struct dev_scanner_hidraw *h;
    size_t max;
};

static void check_code(void *user, const char *code, size_t len)
{
    const struct check *c = user;
    if (len == 0 || len > c->max || strlen(code) != len)
        __builtin_trap();
    for (size_t i = 0; i < len; i++)
        if (code[i] < 0x20 || code[i] > 0x7e)
            __builtin_trap();
    const char *aim = c->h->aim;
    if (aim[0] != '\0' && (aim[0] != ']' || strlen(aim) != 3))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 8192)
        return 0;
    struct dev_scanner_hidraw h;
    dev_scanner_hidraw_init(&h, &(struct dev_scanner_hidraw_config){.max_len = data[0] & 0x3f});
    struct check c = {&h, h.config.max_len};
    uint64_t step = (data[0] & 0x80) ? 700 : 1;
    uint64_t now = 0;
    unsigned long reports = 0;
    size_t i = 1;
    while (i < size) {
        size_t len = data[i++] % 81;
        if (len > size - i)
            len = size - i;
        /* an exact-size copy, so reading past the report is caught by ASan */
        uint8_t *report = malloc(len ? len : 1);
        if (!report)
            return 0;
        memcpy(report, data + i, len);
        now += step;
        dev_scanner_hidraw_feed(&h, report, len, now, check_code, &c);
        free(report);
        i += len;
        reports += len > 0;
    }
    unsigned long counted = h.stats.codes + h.stats.too_long + h.stats.garbage + h.other_reports;
    if (counted > reports || h.len > h.config.max_len)
        __builtin_trap();
    return 0;
}
