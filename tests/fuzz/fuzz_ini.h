/*
 * For the fuzz targets of the programs' INI configurations: one input is
 * one file's text, in a buffer of exactly its size. parse reads it
 * (into the target's own configuration); when it accepts, check must find
 * that what it holds keeps the parser's promises; when it refuses, the
 * error must name a line (0 for a rule between settings) and a reason.
 * Anything else traps.
 */
#ifndef TESTS_FUZZ_FUZZ_INI_H
#define TESTS_FUZZ_FUZZ_INI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/ini_text.h"

static inline void fuzz_ini(const uint8_t *data, size_t size,
                            bool (*parse)(const char *text, size_t len, ks_ini_error *err),
                            bool (*check)(void))
{
    char *text = malloc(size ? size : 1);
    if (!text)
        return;
    memcpy(text, data, size);
    ks_ini_error err = {0};
    if (parse(text, size, &err)) {
        if (!check())
            __builtin_trap();
    } else if (err.line < 0 || !err.message[0]) {
        __builtin_trap();
    }
    free(text);
}

#endif
