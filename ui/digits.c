/* Western and Arabic-Indic digits (see ui/digits.h). */
#include "ui/digits.h"

#include <stdio.h>

bool ui_digits_convert(const char *ascii, enum ui_digits digits, char *out, size_t size)
{
    if (!out || size == 0)
        return false;
    out[0] = '\0';
    if (!ascii)
        return false;
    size_t n = 0;
    for (const char *p = ascii; *p; p++) {
        bool digit = *p >= '0' && *p <= '9' && digits == UI_DIGITS_ARABIC_INDIC;
        size_t need = digit ? 2 : 1;
        if (n + need >= size) {
            out[0] = '\0';
            return false;
        }
        if (digit) {
            /* U+0660 + d is D9 A0+d in UTF-8. */
            out[n++] = (char)0xD9;
            out[n++] = (char)(0xA0 + (*p - '0'));
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return true;
}

bool ui_digits_format_int(long value, enum ui_digits digits, char *out, size_t size)
{
    char ascii[24];
    snprintf(ascii, sizeof ascii, "%ld", value);
    return ui_digits_convert(ascii, digits, out, size);
}
