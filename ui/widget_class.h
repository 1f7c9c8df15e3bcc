/*
 * Inside the widget tree: what a widget class implements and what it may
 * read. Screens include ui/widget.h and the widgets' own headers; widget
 * classes, the input path and the tree include this.
 *
 * As in LVGL, each class is a constant record of functions; a widget's
 * struct starts with its base class's struct (struct ui_widget first), and
 * a class may reuse its base's functions. The core lays out top-down: a
 * class's layout function only places its children, in left-to-right
 * terms; the core then mirrors them if the widget is right-to-left and
 * lays out each child in turn.
 */
#ifndef UI_WIDGET_CLASS_H
#define UI_WIDGET_CLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "ui/dirty.h"
#include "ui/input.h"
#include "ui/tree.h"
#include "ui/widget.h"

enum ui_event_type {
    UI_EVENT_PRESS,      /* the pointer went down on w */
    UI_EVENT_RELEASE,    /* the pointer went up after pressing w */
    UI_EVENT_PRESS_LOST, /* the press became a drag or slid off w */
    UI_EVENT_CLICK,      /* a tap or Enter; on_click follows unless consumed */
    UI_EVENT_LONG_PRESS, /* on_long_press follows unless consumed */
    UI_EVENT_KEY,        /* a key not used for focus; bubbles from the focus up */
    UI_EVENT_STATE,      /* pressed, enabled or focused changed */
    UI_EVENT_TICK,       /* every update, to widgets flagged UI_WF_TICK */
    UI_EVENT_ASSETS,     /* pictures arrived: re-check placeholders */
};

struct ui_event {
    enum ui_event_type type;
    int x, y;        /* pointer events: tree pixels */
    enum ui_key key; /* UI_EVENT_KEY */
    uint64_t now_ms;
};

enum {
    UI_WF_HIDDEN = 1u << 0,
    UI_WF_DISABLED = 1u << 1,
    UI_WF_PRESSED = 1u << 2,
    UI_WF_FOCUSED = 1u << 3,
    UI_WF_FOCUSABLE = 1u << 4,
    UI_WF_CLICKABLE = 1u << 5,    /* takes presses (a press target) */
    UI_WF_CLIP = 1u << 6,         /* children are drawn and hit only inside rect */
    UI_WF_MODAL = 1u << 7,        /* an overlay that traps input */
    UI_WF_PASS_THROUGH = 1u << 8, /* the subtree is never hit (a toast) */
    UI_WF_TICK = 1u << 9,         /* wants UI_EVENT_TICK */
    UI_WF_CLOSING = 1u << 10,     /* an overlay freed at the next update */
};

struct ui_widget_class {
    const char *name;
    const struct ui_widget_class *base; /* the class extended, or NULL */
    size_t size;                        /* bytes of the class's widget struct */
    /*
     * Content size wanted (padding excluded) when avail_w x avail_h content
     * pixels are offered (< 0: unbounded). NULL: 0 x 0.
     */
    void (*measure)(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h);
    /* Sets each child's rect inside w->rect, left-to-right. NULL: children fill the content box. */
    void (*layout)(struct ui_widget *w);
    /* Draws w below its children. NULL: nothing. */
    void (*draw)(struct ui_widget *w);
    /* Draws w above its children. NULL: nothing. */
    void (*draw_over)(struct ui_widget *w);
    /* Handles an event; true when consumed. NULL: nothing consumed. */
    bool (*event)(struct ui_widget *w, const struct ui_event *ev);
    /* Frees what this class (not its base) owns; the core calls the chain. NULL: nothing. */
    void (*destroy)(struct ui_widget *w);
    /*
     * Copies theme-dependent geometry (padding, radius, minimum sizes,
     * overflow) into w; the core calls it before w is first measured in
     * a tree and after the theme or the screen size changes. Only the most
     * derived class's is called (it may call its base's). NULL: nothing.
     */
    void (*restyle)(struct ui_widget *w);
};

struct ui_callback {
    ui_widget_fn fn;
    void *user; /* borrowed */
};

struct ui_widget {
    const struct ui_widget_class *cls;
    struct ui_tree *tree;        /* borrowed; set while in a tree */
    struct ui_widget *parent;    /* borrowed; NULL for a root or overlay */
    struct ui_widget **children; /* owned array of owned children */
    int n_children, cap_children;
    SDL_Rect rect;      /* border box, tree pixels, set by layout */
    SDL_Rect laid_rect; /* rect when last drawn, to redraw where a widget moved from */
    int width, height;  /* pixels, UI_SIZE_AUTO or UI_SIZE_FILL */
    int min_width, min_height;
    struct ui_insets padding, margin;
    enum ui_align align_x, align_y;
    enum ui_dir dir;
    bool rtl;           /* resolved at layout */
    unsigned flags;     /* UI_WF_* */
    int overflow;       /* pixels drawn beyond rect on each side (shadows) */
    int radius;         /* corner radius of the outline, followed by the focus ring */
    unsigned style_gen; /* the tree's style_gen when last restyled */
    struct ui_callback on_click, on_long_press, on_change;
    void *user_data; /* borrowed: the screen's */
    char *name;      /* owned: what scripts and tests find it by (ui_widget_find), or NULL */
};

#define UI_INPUT_SAMPLES 8
#define UI_TREE_MAX_OVERLAYS 8

/* The pointer's state between events; owned by ui/input.c. */
struct ui_input_state {
    struct ui_input_config cfg;
    bool down;
    bool dragging;     /* the press became a scroll drag */
    bool long_pressed; /* a long press was sent for this press */
    int down_x, down_y, x, y;
    uint64_t down_ms;
    struct ui_widget *target;   /* borrowed: what was pressed, or NULL */
    struct ui_widget *scroller; /* borrowed: the scroll view a drag would move, or NULL */
    int drag_y0, drag_offset0;  /* where the drag started, and the view's offset then */
    struct {
        uint64_t ms;
        int y;
    } samples[UI_INPUT_SAMPLES];
    int n_samples, next_sample;
    bool finger_down;
    SDL_FingerID finger;
};

struct ui_transition_state {
    bool active;
    enum ui_transition_kind kind;
    struct ui_widget *old_root; /* owned while active */
    uint64_t start_ms;
    int duration_ms;
    struct ui_transition_frame frame; /* offsets currently applied */
};

/* A scroll view's content moved on screen since the last frame; see ui_tree_scroll_pixels(). */
struct ui_pixel_scroll {
    struct ui_widget *view; /* borrowed; NULL: none pending */
    SDL_Rect area;          /* the view's visible area, tree pixels */
    int dy;                 /* how far its content moved down (negative: up) */
    SDL_Rect redraw;        /* drawn over the content: redrawn whatever moved */
};

struct ui_tree {
    SDL_Renderer *renderer;       /* borrowed; NULL: no drawing */
    SDL_Surface *pixels;          /* borrowed: what renderer draws into, 1:1; NULL: unknown */
    struct ui_text *text;         /* borrowed */
    const struct ui_theme *theme; /* borrowed */
    struct ui_draw *draw;         /* owned; NULL without renderer */
    struct ui_images *images;     /* owned; NULL without renderer */
    int w, h;
    enum ui_dir dir;
    struct ui_widget *root;                           /* owned */
    struct ui_widget *overlays[UI_TREE_MAX_OVERLAYS]; /* owned, bottom first */
    int n_overlays;
    struct ui_widget *retired[UI_TREE_MAX_OVERLAYS]; /* owned: replaced roots, freed at update */
    int n_retired;
    struct ui_dirty dirty;
    /* What the last render changed on screen (ui_tree_changed_areas): its redrawn areas and
     * the area a scroll moved */
    SDL_Rect changed[UI_TREE_MAX_CHANGED];
    int n_changed;
    struct ui_input_state input;
    struct ui_widget *focus; /* borrowed */
    bool focus_visible;      /* the focus ring shows: the keyboard was used last */
    bool layout_needed;
    bool full_redraw;
    unsigned style_gen; /* bumped when the theme or size changes; starts at 1 */
    uint64_t now_ms;
    struct ui_transition_state transition;
    struct ui_pixel_scroll scroll;
};

/* ---- for classes ---- */

/* A zeroed widget of cls with the defaults (visible, enabled); NULL on error. */
struct ui_widget *ui_widget_new(const struct ui_widget_class *cls);

/* True when w's class is cls or extends it. */
bool ui_widget_is(const struct ui_widget *w, const struct ui_widget_class *cls);

/*
 * Border-box size w wants when offered avail_w x avail_h pixels (< 0:
 * unbounded), from its requested size, its class's content size, padding
 * and minimum size. Margins excluded.
 */
void ui_widget_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h);

/* rect less padding, start padding on the left: for layout functions. */
SDL_Rect ui_widget_content_ltr(const struct ui_widget *w);
/* rect less padding, start padding on w's start side: for drawing. */
SDL_Rect ui_widget_content(const struct ui_widget *w);

/*
 * Cuts r to what can show of w: its clipping ancestors' rects and the
 * screen. False when nothing is left.
 */
bool ui_widget_clip_to_view(const struct ui_widget *w, SDL_Rect *r);

/* Asks for r (tree pixels, drawn by w) to be redrawn, cut to w's clipping ancestors. */
void ui_widget_invalidate_rect(struct ui_widget *w, SDL_Rect r);

/* Moves w and its subtree by (dx, dy) without layout; the caller invalidates. */
void ui_widget_translate(struct ui_widget *w, int dx, int dy);

/* Sets or clears flag bits; a PRESSED, DISABLED or FOCUSED change sends UI_EVENT_STATE. */
void ui_widget_set_flags(struct ui_widget *w, unsigned flags, bool on);

/*
 * Delivers ev to w's class; for CLICK, LONG_PRESS not consumed, calls the
 * matching callback. Returns true when the class consumed it.
 */
bool ui_widget_send(struct ui_widget *w, const struct ui_event *ev);

/* Calls w's on_change callback. */
void ui_widget_notify_change(struct ui_widget *w);

/* Calls fn on w and every descendant, parents first; fn returns false to skip a subtree. */
void ui_widget_walk(struct ui_widget *w, bool (*fn)(struct ui_widget *, void *), void *user);

/* Draws w's subtree where it meets clip (for the tree's render pass). */
void ui_widget_draw_subtree(struct ui_widget *w, SDL_Rect clip);

/* Lays out w's subtree as if w had been placed at rect (for roots and overlays). */
void ui_widget_layout_at(struct ui_widget *w, SDL_Rect rect);

/* The pixels w's drawing may touch: rect plus overflow, plus the focus ring when focused. */
SDL_Rect ui_widget_paint_rect(const struct ui_widget *w);

/* Sets w's tree pointer in its whole subtree. */
void ui_widget_set_tree(struct ui_widget *w, struct ui_tree *tree);

/* ---- tree internals shared by widget.c, input.c and tree.c ---- */

/* Drops every borrowed pointer the tree holds into w's subtree (focus, press). */
void ui_tree_forget(struct ui_tree *tree, struct ui_widget *w);

/* Takes w out of the tree's root, overlay or transition slot, if it is in one. */
void ui_tree_unlink(struct ui_tree *tree, struct ui_widget *w);

/*
 * For scroll views: the content shown in area moved by dy pixels. When the
 * target's pixels are reachable and nothing else is drawn or pending over
 * area, the render pass moves the pixels already there and redraws only
 * the strip uncovered, and redraw (what the view draws over its content:
 * the indicator); otherwise all of area is redrawn.
 */
void ui_tree_scroll_pixels(struct ui_tree *tree, struct ui_widget *view, SDL_Rect area, int dy,
                           SDL_Rect redraw);

/* Pixels the focus ring reaches beyond a focused widget's rect. */
int ui_tree_focus_outset(const struct ui_tree *tree);

/* The layer that takes input: the top modal overlay, else the root. NULL when none. */
struct ui_widget *ui_tree_input_layer(const struct ui_tree *tree);

/* Drops the pointer state of ui/input.c (a widget went away or input is blocked). */
void ui_input_reset(struct ui_tree *tree);

/* Long press timing; called by ui_tree_update(). */
void ui_input_tick(struct ui_tree *tree, uint64_t now_ms);

#endif
