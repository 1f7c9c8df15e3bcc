/*
 * A single line of text at any pixel size (up to the text engine's 256),
 * centred in its box: the order number on the done screen and the seconds
 * of the idle countdown, which are larger than any theme type size. Digits
 * are drawn as given (convert them with ui/digits.h first).
 */
#ifndef KIOSK_SCREENS_BIG_TEXT_H
#define KIOSK_SCREENS_BIG_TEXT_H

#include <stdbool.h>

#include "ui/theme.h"
#include "ui/widget.h"

/* A copy of utf8 (at most 63 bytes) at size_px in bold. NULL on error. */
struct ui_widget *ks_big_text_new(const char *utf8, int size_px, enum ui_color_role color);

/* Replaces the text; false when w is not big text or the text is too long. */
bool ks_big_text_set(struct ui_widget *w, const char *utf8);

#endif
