/*
 * A progress bar: a rounded track filled from the start side (the right
 * in right-to-left) to a value in thousandths; a new value is reached in a
 * short eased animation.
 */
#ifndef UI_W_PROGRESS_H
#define UI_W_PROGRESS_H

#include "ui/widget.h"

/* A bar at 0 ‰. NULL on error. */
struct ui_widget *ui_progress_new(void);

/* Moves to permille (clamped to 0..1000), animated from where the bar is now. */
void ui_progress_set_value(struct ui_widget *w, int permille);

#endif
