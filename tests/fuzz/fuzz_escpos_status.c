/*
 * Fuzz target: arbitrary bytes as what a printer sent back after DLE EOT
 * 1..4 (answers mixed with stray bytes). Whatever parses must be four
 * status bytes whose flags are those of each answer.
 */
#include "devices/printer/escpos_status.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dev_printer_status st;
    if (dev_escpos_status_parse(data, size, &st)) {
        unsigned flags = 0;
        for (int n = 1; n <= 4; n++) {
            if (!dev_escpos_is_status_byte(st.answers[n - 1]))
                __builtin_trap();
            flags |= dev_escpos_status_flags((enum dev_escpos_query)n, st.answers[n - 1]);
        }
        if (flags != st.flags)
            __builtin_trap();
    } else if (st.flags != 0) {
        __builtin_trap();
    }
    if (!dev_printer_condition_strerror(dev_printer_status_condition(&st)))
        __builtin_trap();
    return 0;
}
