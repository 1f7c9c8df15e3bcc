/*
 * A widget tree bound to a screen: the root screen, overlays above it
 * (dialogs, toasts), screen transitions, keyboard focus, the text engine,
 * theme and pictures, and the frame loop:
 *
 *   ui_input_sdl_event(tree, &ev, now);   for each SDL event (ui/input.h)
 *   ui_tree_update(tree, now);            timers, animations, pictures, layout
 *   if (ui_tree_render(tree, &stats))     redraws only the dirty areas
 *       SDL_RenderPresent(renderer);
 *
 * Time is always given (milliseconds of any monotonic clock), never read,
 * so tests and benchmarks drive a tree deterministically. Drawing relies on
 * the target keeping its pixels between frames, as the software renderer
 * does; otherwise set full redraw. UI thread only.
 */
#ifndef UI_TREE_H
#define UI_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "ui/anim.h"
#include "ui/dirty.h"
#include "ui/draw.h"
#include "ui/images.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/widget.h"

struct ui_tree_config {
    bool threaded_images; /* decode pictures on a loader thread */
    size_t image_budget;  /* bytes of picture textures; 0: ui_images_screen_budget(w, h) */
};

struct ui_frame_stats {
    int areas;      /* dirty areas redrawn */
    int64_t pixels; /* pixels they cover */
    int64_t moved;  /* pixels moved by scrolling instead of redrawn */
};

/*
 * A tree of w x h pixels drawing through renderer with text and theme (all
 * borrowed, outliving the tree). renderer may be NULL for a tree that only
 * lays out and takes input (text may then measure only). cfg may be NULL.
 * NULL when text or theme is NULL or memory runs out.
 */
struct ui_tree *ui_tree_new(SDL_Renderer *renderer, struct ui_text *text,
                            const struct ui_theme *theme, int w, int h,
                            const struct ui_tree_config *cfg);

/* Frees the root, overlays and caches; accepts NULL. */
void ui_tree_free(struct ui_tree *tree);

int ui_tree_width(const struct ui_tree *tree);
int ui_tree_height(const struct ui_tree *tree);
/* New screen size (a rotated display): lays out and redraws everything. */
void ui_tree_resize(struct ui_tree *tree, int w, int h);

/* The direction of the whole tree (UI_DIR_LTR or UI_DIR_RTL); relayouts. */
void ui_tree_set_dir(struct ui_tree *tree, enum ui_dir dir);
/* Another theme, or the same one after a mode changed: relayouts and redraws. */
void ui_tree_set_theme(struct ui_tree *tree, const struct ui_theme *theme);

const struct ui_theme *ui_tree_theme(const struct ui_tree *tree);
/* NULL for a tree without renderer. */
struct ui_draw *ui_tree_draw(const struct ui_tree *tree);
struct ui_images *ui_tree_images(const struct ui_tree *tree);
/* The time of the last update or input, milliseconds. */
uint64_t ui_tree_now(const struct ui_tree *tree);

struct ui_widget *ui_tree_root(const struct ui_tree *tree);
/* Makes root the screen (the tree owns it) and frees the previous one. False if root is NULL. */
bool ui_tree_set_root(struct ui_tree *tree, struct ui_widget *root);

/*
 * Replaces the screen by next (owned by the tree) through a transition of
 * duration_ms starting at the tree's current time; input is ignored until
 * it ends. A transition under way is finished first. False if next is NULL.
 */
bool ui_tree_transition(struct ui_tree *tree, struct ui_widget *next, enum ui_transition_kind kind,
                        int duration_ms);
bool ui_tree_in_transition(const struct ui_tree *tree);

/*
 * Shows overlay above the screen (the tree owns it): a dialog, a toast.
 * False (overlay freed) when overlay is NULL or too many are open.
 */
bool ui_tree_open_overlay(struct ui_tree *tree, struct ui_widget *overlay);
/*
 * Hides overlay at once and frees it at the next update, so a button may
 * close its own dialog from its click callback.
 */
void ui_tree_close_overlay(struct ui_tree *tree, struct ui_widget *overlay);

/*
 * The widget named name (ui_widget_set_name) on what the user sees and
 * touches: the open overlays, topmost first, then the screen (the new one
 * during a transition). NULL when none.
 */
struct ui_widget *ui_tree_find(const struct ui_tree *tree, const char *name);
/* Calls fn for every named widget in the order ui_tree_find looks. */
void ui_tree_each_named(const struct ui_tree *tree,
                        void (*fn)(struct ui_widget *w, const char *name, void *ctx), void *ctx);

/* The focused widget, or NULL. */
struct ui_widget *ui_tree_focus(const struct ui_tree *tree);
/* Moves keyboard focus to w (NULL clears); false when w cannot take focus. */
bool ui_tree_set_focus(struct ui_tree *tree, struct ui_widget *w);

/*
 * Advances the tree to now_ms: frees closed overlays, runs timers
 * (long press, toasts), animations and kinetic scrolling, takes in
 * finished pictures, and lays out what changed.
 */
void ui_tree_update(struct ui_tree *tree, uint64_t now_ms);

/*
 * Redraws the dirty areas (every area if full redraw is set) and clears
 * them. stats may be NULL. False when there was nothing to draw or the tree
 * has no renderer. On return the frame is in the target (SDL's command
 * batch is flushed), so its pixels may be read before the present.
 */
bool ui_tree_render(struct ui_tree *tree, struct ui_frame_stats *stats);

/* The most rectangles ui_tree_changed_areas gives: every dirty area and a moved one. */
#define UI_TREE_MAX_CHANGED (UI_DIRTY_MAX_AREAS + 1)

/*
 * The rectangles (tree pixels) the last ui_tree_render changed, for a
 * present of only those (ui_window_present): *areas points into the tree,
 * valid until its next render; their count, 0 when it drew nothing.
 */
int ui_tree_changed_areas(const struct ui_tree *tree, const SDL_Rect **areas);

/* Marks the whole screen dirty. */
void ui_tree_invalidate_all(struct ui_tree *tree);
/* Redraw everything every frame: for renderers that do not keep their pixels. */
void ui_tree_set_full_redraw(struct ui_tree *tree, bool full);

/*
 * The surface the software renderer draws into, pixel for pixel the
 * tree's (no logical scaling), or NULL. With it, scrolling moves the
 * pixels already drawn and redraws only what comes into view. Borrowed;
 * set it again if the surface changes (a resized window).
 */
void ui_tree_set_pixels(struct ui_tree *tree, SDL_Surface *surface);

#endif
