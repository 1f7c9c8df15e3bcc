/*
 * Widget trees for the widget tests: no renderer, the repository's fonts
 * (one text engine for the whole test program) and the default theme.
 *
 *   struct ui_tree *t = ui_fixture_tree(root, 400, 300, UI_DIR_RTL);
 *   ...
 *   ui_fixture_free(); // at the end of main
 */
#ifndef TESTS_SUPPORT_UI_FIXTURE_H
#define TESTS_SUPPORT_UI_FIXTURE_H

#include "ui/theme.h"
#include "ui/tree.h"

/* A tree w x h laid out around root in dir (at time 0); NULL when it cannot be made. */
struct ui_tree *ui_fixture_tree(struct ui_widget *root, int w, int h, enum ui_dir dir);

/* The theme those trees start with (ui_theme_defaults). */
const struct ui_theme *ui_fixture_theme(void);

/* Frees the shared text engine; the trees made must be freed before. */
void ui_fixture_free(void);

#endif
