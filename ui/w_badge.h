/* A badge: a short bold text on a pill ("New", "-20%", a count), at least as wide as tall. */
#ifndef UI_W_BADGE_H
#define UI_W_BADGE_H

#include <stdbool.h>

#include "ui/widget.h"

enum ui_badge_style {
    UI_BADGE_ACCENT,
    UI_BADGE_PRIMARY,
    UI_BADGE_DANGER,
    UI_BADGE_SUCCESS,
};

/* A badge showing a copy of text. NULL on error. */
struct ui_widget *ui_badge_new(const char *text, enum ui_badge_style style);

/* Replaces the text; false when w is not a badge or the text is refused. */
bool ui_badge_set_text(struct ui_widget *w, const char *text);

#endif
