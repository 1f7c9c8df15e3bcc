/*
 * A modal dialog: a card in the middle of the screen with a title, a
 * message and a row of buttons, over a scrim that dims everything behind.
 * Open it with ui_tree_open_overlay(); while open, it alone gets input.
 * Its buttons close it through their own callbacks
 * (ui_tree_close_overlay() is safe there).
 */
#ifndef UI_W_DIALOG_H
#define UI_W_DIALOG_H

#include "ui/w_button.h"
#include "ui/widget.h"

/* A dialog showing copies of title and message (NULL: none). NULL on error. */
struct ui_widget *ui_dialog_new(const char *title, const char *message);

/*
 * Adds a button (sharing the row equally with the others) and returns it,
 * owned by the dialog: set its on_click. NULL on error.
 */
struct ui_widget *ui_dialog_add_button(struct ui_widget *dialog, const char *text,
                                       enum ui_button_style style);

#endif
