/*
 * A toast: a short message on a dark pill near the bottom of the screen
 * that slides in, stays for a while and slides out, then closes itself.
 * It never takes input: touches go to the screen beneath.
 */
#ifndef UI_W_TOAST_H
#define UI_W_TOAST_H

#include <stdbool.h>

#include "ui/tree.h"

/*
 * Shows text (copied) on tree from its current time for duration_ms
 * (the slides included). False on error.
 */
bool ui_toast_show(struct ui_tree *tree, const char *text, int duration_ms);

#endif
