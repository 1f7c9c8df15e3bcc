/*
 * Fuzz target: arbitrary bytes as a kiosk script (kiosk/screens/script.h).
 * The input is copied into a buffer of exactly its size (no terminator), so
 * reading past the end is caught; whatever parses must respect the limits.
 */
#include "kiosk/screens/script.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    ks_script script;
    char why[256];
    if (ks_script_parse(text, size, &script, why, sizeof why)) {
        if (script.n > KS_SCRIPT_MAX_STEPS)
            __builtin_trap();
        for (size_t i = 0; i < script.n; i++) {
            const ks_script_step *st = &script.steps[i];
            if (strlen(st->arg) > KS_SCRIPT_ARG_MAX || st->ms < 0 || st->ms > KS_SCRIPT_MS_MAX ||
                st->line < 1)
                __builtin_trap();
            /* A code to scan and a text to find are never empty; only "says" has a text;
             * "hold" has nothing. */
            if ((st->op == KS_SCRIPT_SCAN && !st->arg[0]) ||
                (st->op == KS_SCRIPT_HOLD && (st->arg[0] || st->ms != 0)) ||
                (st->op == KS_SCRIPT_SAYS) != (st->text[0] != '\0') ||
                strlen(st->text) > KS_SCRIPT_ARG_MAX)
                __builtin_trap();
        }
        ks_script_free(&script);
    } else if (script.n != 0 || !why[0]) {
        __builtin_trap();
    }
    free(text);
    return 0;
}
