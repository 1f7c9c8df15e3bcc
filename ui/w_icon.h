/*
 * An icon (ui/draw.h's stroked set) in a theme colour, optionally on a
 * disc of another colour. Directional icons (the back arrow) mirror in
 * right-to-left.
 */
#ifndef UI_W_ICON_H
#define UI_W_ICON_H

#include "ui/draw.h"
#include "ui/theme.h"
#include "ui/widget.h"

/* An icon size_px square (the widget's size). NULL on error. */
struct ui_widget *ui_icon_new(enum ui_icon icon, int size_px);

void ui_icon_set_color(struct ui_widget *w, enum ui_color_role color);
/* A disc of role behind the icon, filling the widget; UI_COLOR_COUNT: none. */
void ui_icon_set_disc(struct ui_widget *w, enum ui_color_role role);

#endif
