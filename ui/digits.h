/*
 * Digits as shown to a customer: Western (0-9) or Arabic-Indic
 * (U+0660..U+0669), chosen by the kiosk's configuration. Values are
 * always kept in ASCII; only what is drawn is converted.
 */
#ifndef UI_DIGITS_H
#define UI_DIGITS_H

#include <stdbool.h>
#include <stddef.h>

enum ui_digits {
    UI_DIGITS_WESTERN,
    UI_DIGITS_ARABIC_INDIC,
};

/*
 * Copies the NUL-terminated ascii into out (size bytes) with each ASCII
 * digit written in digits; other bytes are copied as they are. False (out
 * holding "" when size > 0) when it does not fit.
 */
bool ui_digits_convert(const char *ascii, enum ui_digits digits, char *out, size_t size);

/* Writes value in decimal with digits into out; false when it does not fit. */
bool ui_digits_format_int(long value, enum ui_digits digits, char *out, size_t size);

#endif
