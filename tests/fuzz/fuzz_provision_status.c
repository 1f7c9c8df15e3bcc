/*
 * Fuzz target: arbitrary bytes as the provisioning status file
 * (kiosk/app/provision_status.c). A refusal is reported only for a text
 * starting "refused\n"; what it hands back is a non-empty prefix of the
 * second line, printable ASCII, cut to the buffer; nothing else leaves
 * anything in it.
 */
#include "kiosk/app/provision_status.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char out[48];
    memset(out, 'x', sizeof out);
    bool refused = ks_provision_status_refusal(text, size, out, sizeof out);
    size_t n = strnlen(out, sizeof out);
    if (n == sizeof out)
        __builtin_trap(); /* not terminated */
    if (!refused) {
        if (n != 0)
            __builtin_trap();
        return 0;
    }
    if (size < 8 || memcmp(text, "refused\n", 8) != 0 || n == 0 || size > KS_PROVISION_STATUS_MAX ||
        memcmp(out, text + 8, n) != 0)
        __builtin_trap();
    for (size_t i = 0; i < n; i++)
        if (out[i] < 0x20 || out[i] > 0x7e)
            __builtin_trap();
    /* Cut only to fit: a shorter answer is the whole line. */
    if (n < sizeof out - 1 && size > 8 + n && text[8 + n] != '\n')
        __builtin_trap();
    return 0;
}
