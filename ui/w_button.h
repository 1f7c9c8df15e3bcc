/*
 * A button: a label and an optional icon (on the start side) on a rounded
 * background, at least the theme's button height for a comfortable touch.
 * Its look follows its style and state: pressed darkens it, disabled greys
 * it out, the keyboard focus rings it.
 */
#ifndef UI_W_BUTTON_H
#define UI_W_BUTTON_H

#include <stdbool.h>

#include "ui/draw.h"
#include "ui/widget.h"

enum ui_button_style {
    UI_BUTTON_PRIMARY,   /* the one action a screen leads to */
    UI_BUTTON_SECONDARY, /* a quieter, tonal action */
    UI_BUTTON_GHOST,     /* text only, no background until pressed */
};

/* A button showing a copy of text (NULL: icon only, add one). NULL on error. */
struct ui_widget *ui_button_new(const char *text, enum ui_button_style style);

/* Replaces the label's text. False when w is not a button or the text is refused. */
bool ui_button_set_text(struct ui_widget *w, const char *text);
/* Puts icon before the label (replacing any icon). False on error. */
bool ui_button_set_icon(struct ui_widget *w, enum ui_icon icon);
void ui_button_set_style(struct ui_widget *w, enum ui_button_style style);
/* Fully rounded ends (a pill, or a circle when square). */
void ui_button_set_pill(struct ui_widget *w, bool pill);

#endif
