/*
 * A spinner for waits of unknown length: an arc that turns once a second
 * and breathes between a short and a long sweep, over a faint track.
 * Driven by the tree's time, so a given time always draws the same frame.
 */
#ifndef UI_W_SPINNER_H
#define UI_W_SPINNER_H

#include "ui/widget.h"

/* A spinner size_px square. NULL on error. */
struct ui_widget *ui_spinner_new(int size_px);

#endif
