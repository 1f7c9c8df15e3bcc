/*
 * For widget classes built on a container (buttons, cards, dialogs...):
 * the container's struct, to embed first, and its class functions, to
 * reuse or wrap. Screens use ui/w_container.h.
 */
#ifndef UI_W_CONTAINER_CLASS_H
#define UI_W_CONTAINER_CLASS_H

#include "ui/w_container.h"
#include "ui/widget_class.h"

struct ui_container {
    struct ui_widget base;
    enum ui_layout_kind kind;
    int gap;
    int columns;
    enum ui_align align;
    enum ui_justify justify;
    enum ui_color_role background; /* UI_COLOR_COUNT: none */
};

extern const struct ui_widget_class ui_container_class;

/* Sets a freshly allocated container (of a derived class) up as kind. */
void ui_container_init(struct ui_widget *w, enum ui_layout_kind kind, int gap);

/* The colour role under w: its nearest ancestor container's background, else BACKGROUND. */
enum ui_color_role ui_container_backdrop(const struct ui_widget *w);

/* The container's class functions, for derived classes to reuse or wrap. */
void ui_container_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h);
void ui_container_layout(struct ui_widget *w);
void ui_container_draw(struct ui_widget *w);

#endif
