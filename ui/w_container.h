/*
 * Containers: the layouts of the tree.
 *
 *   row     children side by side from the start side, gap pixels apart;
 *           UI_SIZE_FILL widths share what is left
 *   column  children stacked top to bottom; UI_SIZE_FILL heights share
 *   grid    n equal columns filled from the start side, row by row; a row
 *           is as tall as its tallest child, cells are gap pixels apart
 *   stack   children on top of each other, each placed by its own
 *           alignment (default: filling the container)
 *
 * In right-to-left, rows and grids start from the right: the core mirrors
 * every child inside its parent at layout time. A container can paint a
 * rounded background of a theme colour.
 */
#ifndef UI_W_CONTAINER_H
#define UI_W_CONTAINER_H

#include <stdbool.h>

#include "ui/theme.h"
#include "ui/widget.h"

enum ui_layout_kind {
    UI_LAYOUT_ROW,
    UI_LAYOUT_COLUMN,
    UI_LAYOUT_GRID,
    UI_LAYOUT_STACK,
};

enum ui_justify {
    UI_JUSTIFY_START,
    UI_JUSTIFY_CENTER,
    UI_JUSTIFY_END,
    UI_JUSTIFY_SPACE_BETWEEN,
};

/* Constructors; NULL on error. gap is in pixels; columns >= 1. */
struct ui_widget *ui_row_new(int gap);
struct ui_widget *ui_column_new(int gap);
struct ui_widget *ui_grid_new(int columns, int gap);
struct ui_widget *ui_stack_new(void);

/* Where children sit across the main axis (rows: CENTER; others: STRETCH by default). */
void ui_container_set_align(struct ui_widget *w, enum ui_align cross);
/* Where children sit along the main axis when they leave space (rows and columns). */
void ui_container_set_justify(struct ui_widget *w, enum ui_justify justify);
void ui_container_set_gap(struct ui_widget *w, int gap);
/* Paints a background of role with corner radius; role UI_COLOR_COUNT removes it. */
void ui_container_set_background(struct ui_widget *w, enum ui_color_role role, int radius);

#endif
