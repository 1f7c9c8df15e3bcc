/*
 * A vertical scroll view: one content child (usually a column or a grid)
 * as wide as the view and as tall as it wants, moved under a clipped
 * viewport. Touch drags it (rubber-banding past the ends at half speed, up
 * to the tree's overscroll limit); on release it flings with the finger's
 * velocity and slows exponentially,
 *
 *   offset(t) = offset0 + v * T * (1 - exp(-t / T)),   T = fling time constant,
 *
 * stopping dead at an end, or settles back from an overscroll. A thin
 * indicator shows on the end side while it moves. The input path drives it
 * (ui/input.h); screens only build it and may set the offset.
 */
#ifndef UI_W_SCROLL_H
#define UI_W_SCROLL_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/widget.h"

/* An empty scroll view; add exactly one content child with ui_widget_add(). NULL on error. */
struct ui_widget *ui_scroll_new(void);

/* The nearest scroll view containing w (w itself included), or NULL. */
struct ui_widget *ui_scroll_find(struct ui_widget *w);

/* Pixels the content is scrolled up: 0 at the top, negative or above max when overscrolled. */
int ui_scroll_offset(const struct ui_widget *scroll);
/* Content height less viewport height (>= 0), as of the last layout. */
int ui_scroll_max_offset(const struct ui_widget *scroll);
/* Jumps to offset, clamped to [0, max], stopping any motion. */
void ui_scroll_set_offset(struct ui_widget *scroll, int offset);
/* True while flinging or settling. */
bool ui_scroll_is_moving(const struct ui_widget *scroll);

/* Input path: a finger came down on the view; stops any motion. True when it was moving. */
bool ui_scroll_grab(struct ui_widget *scroll);
/* Input path: the finger dragged to the unclamped offset; ends are rubber-banded. */
void ui_scroll_drag(struct ui_widget *scroll, int offset, uint64_t now_ms);
/* Input path: the finger left at velocity (pixels per ms, positive scrolls down the content). */
void ui_scroll_release(struct ui_widget *scroll, double velocity, uint64_t now_ms);

/* Scrolls (animated) so that child, a descendant, is fully in view. */
void ui_scroll_reveal(struct ui_widget *scroll, struct ui_widget *child);

#endif
