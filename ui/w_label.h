/*
 * A label: a paragraph of text in a theme type size and colour, shaped by
 * the text engine (ui/text.h) with its direction found from the text
 * itself, wrapped to the label's width and cut with an ellipsis after
 * max_lines. By default it is aligned to the start of its own text (an
 * Arabic label to the right, an English one to the left); it may instead
 * follow the layout's direction. The text block is centred vertically in
 * the label's box.
 */
#ifndef UI_W_LABEL_H
#define UI_W_LABEL_H

#include <stdbool.h>

#include "ui/font.h"
#include "ui/theme.h"
#include "ui/widget.h"

enum ui_label_align {
    UI_LABEL_ALIGN_TEXT,  /* the start side of the text's own direction */
    UI_LABEL_ALIGN_START, /* the start side of the layout (right in a right-to-left tree) */
    UI_LABEL_ALIGN_CENTER,
    UI_LABEL_ALIGN_END, /* the end side of the layout */
};

/* A label showing a copy of utf8 (NULL: empty) in type's size. NULL on error. */
struct ui_widget *ui_label_new(const char *utf8, enum ui_type_role type);

/*
 * A label as screens mostly want one: type's size, weight and colour, on
 * the start side of the layout. NULL on error.
 */
struct ui_widget *ui_label_new_styled(const char *utf8, enum ui_type_role type,
                                      enum ui_font_weight weight, enum ui_color_role color);

/* Replaces the text (copied; at most UI_TEXT_MAX_BYTES). False when not a label or too long. */
bool ui_label_set_text(struct ui_widget *w, const char *utf8);
/* The text, borrowed until the next set; NULL when w is not a label. */
const char *ui_label_text(const struct ui_widget *w);

void ui_label_set_type(struct ui_widget *w, enum ui_type_role type);
void ui_label_set_weight(struct ui_widget *w, enum ui_font_weight weight);
void ui_label_set_color(struct ui_widget *w, enum ui_color_role color);
void ui_label_set_align(struct ui_widget *w, enum ui_label_align align);
/* Lines kept before the ellipsis; <= 0: no limit. */
void ui_label_set_max_lines(struct ui_widget *w, int max_lines);

#endif
