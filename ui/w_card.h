/*
 * A card: the tile of a menu item. A picture (4:3, rounded) with an
 * optional badge on its start corner, a bold title (two lines at most), a
 * quiet subtitle, and a price line ending in an add mark, on a rounded
 * surface with a soft shadow. The whole card is one button: it presses,
 * takes focus and clicks as one.
 */
#ifndef UI_W_CARD_H
#define UI_W_CARD_H

#include "ui/widget.h"

struct ui_card_content {
    const char *image;    /* picture file; NULL: placeholder */
    const char *title;    /* required */
    const char *subtitle; /* NULL: none */
    const char *price;    /* formatted by the caller, e.g. "18.50 \u20C1"; NULL: none */
    const char *badge;    /* NULL: none */
};

/* A card showing copies of content's texts. NULL when content or its title is NULL, or on error. */
struct ui_widget *ui_card_new(const struct ui_card_content *content);

#endif
