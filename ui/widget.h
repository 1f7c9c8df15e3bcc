/*
 * The retained widget tree, as screens use it: widgets are created by their
 * class's constructor (ui_label_new(), ui_row_new(), ...), put together
 * with ui_widget_add(), and handed to a tree (ui/tree.h) that lays them
 * out, draws what changed and routes input (ui/input.h) to them.
 *
 * Geometry is logical: padding and margins have a start and an end side,
 * and a widget or a whole subtree has a direction. In right-to-left, rows
 * lay out their children from the right and grids fill from the right:
 * layout mirrors every child inside its parent, so screens never test the
 * direction themselves.
 *
 * Sizes: a width or height is a number of pixels, UI_SIZE_AUTO (the
 * content's size) or UI_SIZE_FILL (the space left along a row or column,
 * shared equally between the FILL children; the whole cell across it).
 *
 * All widgets belong to the UI thread. Every function accepts NULL for the
 * widget and then does nothing (getters return 0, false or NULL).
 */
#ifndef UI_WIDGET_H
#define UI_WIDGET_H

#include <stdbool.h>

#include <SDL2/SDL.h>

#define UI_SIZE_AUTO 0
#define UI_SIZE_FILL (-1)

enum ui_dir {
    UI_DIR_INHERIT, /* the parent's, the tree's for a root */
    UI_DIR_LTR,
    UI_DIR_RTL,
};

enum ui_align {
    UI_ALIGN_AUTO, /* a child's own alignment: whatever its container says */
    UI_ALIGN_START,
    UI_ALIGN_CENTER,
    UI_ALIGN_END,
    UI_ALIGN_STRETCH,
};

/* Edges by logical side: start is the left in left-to-right, the right in right-to-left. */
struct ui_insets {
    int top, bottom, start, end;
};

struct ui_widget;
struct ui_tree;

/* A callback with the user pointer given when it was set. */
typedef void (*ui_widget_fn)(struct ui_widget *w, void *user);

/* Detaches w from its parent or tree and frees it with its subtree. */
void ui_widget_free(struct ui_widget *w);

/*
 * Appends child to parent, which owns it from then on. Returns child, or
 * NULL when parent or child is NULL, child already has a parent, or memory
 * runs out: child is then freed, so builders may chain constructors.
 */
struct ui_widget *ui_widget_add(struct ui_widget *parent, struct ui_widget *child);

struct ui_widget *ui_widget_parent(const struct ui_widget *w);
int ui_widget_child_count(const struct ui_widget *w);
/* The i-th child (0-based), NULL when out of range. */
struct ui_widget *ui_widget_child(const struct ui_widget *w, int i);
/* Name of the widget's class ("button", "label", ...). */
const char *ui_widget_class_name(const struct ui_widget *w);

/* Requested size: pixels, UI_SIZE_AUTO or UI_SIZE_FILL. */
void ui_widget_set_size(struct ui_widget *w, int width, int height);
void ui_widget_set_min_size(struct ui_widget *w, int min_width, int min_height);
void ui_widget_set_padding(struct ui_widget *w, struct ui_insets padding);
void ui_widget_set_margin(struct ui_widget *w, struct ui_insets margin);
/* Same padding on every side. */
void ui_widget_set_padding_all(struct ui_widget *w, int px);
/* The widget's own placement: across a row or column, and on both axes in a stack. */
void ui_widget_set_align(struct ui_widget *w, enum ui_align x, enum ui_align y);
void ui_widget_set_dir(struct ui_widget *w, enum ui_dir dir);
/* Resolved direction as of the last layout. */
bool ui_widget_is_rtl(const struct ui_widget *w);

void ui_widget_set_visible(struct ui_widget *w, bool visible);
/* A disabled widget (or one inside a disabled widget) ignores input and looks disabled. */
void ui_widget_set_enabled(struct ui_widget *w, bool enabled);
/* Whether keyboard focus may land on w (buttons and cards are focusable by default). */
void ui_widget_set_focusable(struct ui_widget *w, bool focusable);
bool ui_widget_is_visible(const struct ui_widget *w);
/* False when w or an ancestor is disabled. */
bool ui_widget_is_enabled(const struct ui_widget *w);
bool ui_widget_is_pressed(const struct ui_widget *w);
bool ui_widget_is_focused(const struct ui_widget *w);

/* Called on a tap or Enter on w (fn NULL clears). */
void ui_widget_on_click(struct ui_widget *w, ui_widget_fn fn, void *user);
/* Called when a press on w lasts the tree's long-press time without moving. */
void ui_widget_on_long_press(struct ui_widget *w, ui_widget_fn fn, void *user);
/* Called when a value widget (stepper, keypad) changes. */
void ui_widget_on_change(struct ui_widget *w, ui_widget_fn fn, void *user);

/* Attaches data of the screen's own to w (borrowed: w never frees it), e.g. a product id. */
void ui_widget_set_user_data(struct ui_widget *w, void *data);
void *ui_widget_user_data(const struct ui_widget *w);

/*
 * Names w (copied; NULL or "" clears) so that tests, scripts and the
 * program find it later by name (as LVGL's widget names), e.g. "start" or
 * "item:beef-burger". False when memory runs out (w keeps no name).
 */
bool ui_widget_set_name(struct ui_widget *w, const char *name);
/* w's name, or NULL. */
const char *ui_widget_name(const struct ui_widget *w);
/* The first widget named name in root's subtree, root first, depth first; NULL when none. */
struct ui_widget *ui_widget_find(struct ui_widget *root, const char *name);
/* Calls fn for every named widget of root's subtree in the order ui_widget_find looks. */
void ui_widget_each_named(struct ui_widget *root,
                          void (*fn)(struct ui_widget *w, const char *name, void *ctx), void *ctx);

/* Border box in tree pixels, as of the last layout. */
SDL_Rect ui_widget_rect(const struct ui_widget *w);

/*
 * The deepest visible widget under (x, y) in the subtree of root, children
 * above their parent and later siblings above earlier ones; parts clipped
 * away by a scroll view do not count. NULL when none.
 */
struct ui_widget *ui_widget_hit_test(struct ui_widget *root, int x, int y);

/* Asks for w's area to be redrawn at the next render. */
void ui_widget_invalidate(struct ui_widget *w);

/* Asks for the tree to be laid out again at the next update. */
void ui_widget_request_layout(struct ui_widget *w);

#endif
