/*
 * The widget tree core: creation and freeing, properties, layout
 * (measure, place, mirror for right-to-left), hit-testing, damage and the
 * drawing walk. Classes do the rest through their function tables.
 */
#include "ui/widget_class.h"

#include <stdlib.h>
#include <string.h>

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

struct ui_widget *ui_widget_new(const struct ui_widget_class *cls)
{
    if (!cls || cls->size < sizeof(struct ui_widget))
        return NULL;
    struct ui_widget *w = calloc(1, cls->size);
    if (!w)
        return NULL;
    w->cls = cls;
    return w;
}

bool ui_widget_is(const struct ui_widget *w, const struct ui_widget_class *cls)
{
    for (const struct ui_widget_class *c = w ? w->cls : NULL; c; c = c->base)
        if (c == cls)
            return true;
    return false;
}

static void free_subtree(struct ui_widget *w)
{
    for (int i = 0; i < w->n_children; i++)
        free_subtree(w->children[i]);
    for (const struct ui_widget_class *c = w->cls; c; c = c->base)
        if (c->destroy)
            c->destroy(w);
    free(w->children);
    free(w->name);
    free(w);
}

static void detach(struct ui_widget *w)
{
    struct ui_widget *p = w->parent;
    if (!p)
        return;
    for (int i = 0; i < p->n_children; i++) {
        if (p->children[i] == w) {
            memmove(&p->children[i], &p->children[i + 1],
                    (size_t)(p->n_children - i - 1) * sizeof *p->children);
            p->n_children--;
            break;
        }
    }
    w->parent = NULL;
    ui_widget_request_layout(p);
}

void ui_widget_free(struct ui_widget *w)
{
    if (!w)
        return;
    if (w->tree) {
        ui_widget_invalidate(w);
        ui_tree_forget(w->tree, w);
        if (!w->parent)
            ui_tree_unlink(w->tree, w);
    }
    detach(w);
    free_subtree(w);
}

void ui_widget_set_tree(struct ui_widget *w, struct ui_tree *tree)
{
    w->tree = tree;
    for (int i = 0; i < w->n_children; i++)
        ui_widget_set_tree(w->children[i], tree);
}

struct ui_widget *ui_widget_add(struct ui_widget *parent, struct ui_widget *child)
{
    if (!parent || !child) {
        ui_widget_free(child);
        return NULL;
    }
    if (child->parent || child->tree || child == parent)
        return NULL;
    if (parent->n_children == parent->cap_children) {
        int cap = parent->cap_children ? 2 * parent->cap_children : 4;
        struct ui_widget **grown = realloc(parent->children, (size_t)cap * sizeof *grown);
        if (!grown) {
            ui_widget_free(child);
            return NULL;
        }
        parent->children = grown;
        parent->cap_children = cap;
    }
    parent->children[parent->n_children++] = child;
    child->parent = parent;
    ui_widget_set_tree(child, parent->tree);
    ui_widget_request_layout(parent);
    return child;
}

struct ui_widget *ui_widget_parent(const struct ui_widget *w)
{
    return w ? w->parent : NULL;
}

int ui_widget_child_count(const struct ui_widget *w)
{
    return w ? w->n_children : 0;
}

struct ui_widget *ui_widget_child(const struct ui_widget *w, int i)
{
    return w && i >= 0 && i < w->n_children ? w->children[i] : NULL;
}

const char *ui_widget_class_name(const struct ui_widget *w)
{
    return w ? w->cls->name : NULL;
}

void ui_widget_request_layout(struct ui_widget *w)
{
    if (w && w->tree)
        w->tree->layout_needed = true;
}

void ui_widget_set_size(struct ui_widget *w, int width, int height)
{
    if (!w)
        return;
    w->width = width < UI_SIZE_FILL ? UI_SIZE_AUTO : width;
    w->height = height < UI_SIZE_FILL ? UI_SIZE_AUTO : height;
    ui_widget_request_layout(w);
}

void ui_widget_set_min_size(struct ui_widget *w, int min_width, int min_height)
{
    if (!w)
        return;
    w->min_width = max_int(min_width, 0);
    w->min_height = max_int(min_height, 0);
    ui_widget_request_layout(w);
}

void ui_widget_set_padding(struct ui_widget *w, struct ui_insets padding)
{
    if (!w)
        return;
    w->padding = padding;
    ui_widget_request_layout(w);
}

void ui_widget_set_padding_all(struct ui_widget *w, int px)
{
    ui_widget_set_padding(w, (struct ui_insets){px, px, px, px});
}

void ui_widget_set_margin(struct ui_widget *w, struct ui_insets margin)
{
    if (!w)
        return;
    w->margin = margin;
    ui_widget_request_layout(w);
}

void ui_widget_set_align(struct ui_widget *w, enum ui_align x, enum ui_align y)
{
    if (!w)
        return;
    w->align_x = x;
    w->align_y = y;
    ui_widget_request_layout(w);
}

void ui_widget_set_dir(struct ui_widget *w, enum ui_dir dir)
{
    if (!w)
        return;
    w->dir = dir;
    ui_widget_request_layout(w);
    ui_widget_invalidate(w);
}

bool ui_widget_is_rtl(const struct ui_widget *w)
{
    return w && w->rtl;
}

void ui_widget_set_flags(struct ui_widget *w, unsigned flags, bool on)
{
    if (!w)
        return;
    unsigned old = w->flags;
    unsigned next = on ? old | flags : old & ~flags;
    if (next == old)
        return;
    /* Before and after: the focus ring changes the painted area. */
    ui_widget_invalidate(w);
    w->flags = next;
    ui_widget_invalidate(w);
    if ((old ^ next) & (UI_WF_PRESSED | UI_WF_DISABLED | UI_WF_FOCUSED)) {
        struct ui_event ev = {.type = UI_EVENT_STATE, .now_ms = w->tree ? w->tree->now_ms : 0};
        ui_widget_send(w, &ev);
    }
}

void ui_widget_set_visible(struct ui_widget *w, bool visible)
{
    if (!w || visible == !(w->flags & UI_WF_HIDDEN))
        return;
    if (!visible && w->tree)
        ui_tree_forget(w->tree, w);
    ui_widget_set_flags(w, UI_WF_HIDDEN, !visible);
    ui_widget_request_layout(w);
}

void ui_widget_set_enabled(struct ui_widget *w, bool enabled)
{
    if (!w)
        return;
    if (!enabled && w->tree)
        ui_tree_forget(w->tree, w);
    ui_widget_set_flags(w, UI_WF_DISABLED, !enabled);
}

void ui_widget_set_focusable(struct ui_widget *w, bool focusable)
{
    if (!w)
        return;
    if (!focusable && w->tree && w->tree->focus == w)
        ui_tree_set_focus(w->tree, NULL);
    ui_widget_set_flags(w, UI_WF_FOCUSABLE, focusable);
}

bool ui_widget_is_visible(const struct ui_widget *w)
{
    return w && !(w->flags & UI_WF_HIDDEN);
}

bool ui_widget_is_enabled(const struct ui_widget *w)
{
    if (!w)
        return false;
    for (; w; w = w->parent)
        if (w->flags & UI_WF_DISABLED)
            return false;
    return true;
}

bool ui_widget_is_pressed(const struct ui_widget *w)
{
    return w && (w->flags & UI_WF_PRESSED);
}

bool ui_widget_is_focused(const struct ui_widget *w)
{
    return w && (w->flags & UI_WF_FOCUSED);
}

static void set_callback(struct ui_callback *cb, ui_widget_fn fn, void *user)
{
    cb->fn = fn;
    cb->user = user;
}

void ui_widget_on_click(struct ui_widget *w, ui_widget_fn fn, void *user)
{
    if (w)
        set_callback(&w->on_click, fn, user);
}

void ui_widget_on_long_press(struct ui_widget *w, ui_widget_fn fn, void *user)
{
    if (w)
        set_callback(&w->on_long_press, fn, user);
}

void ui_widget_on_change(struct ui_widget *w, ui_widget_fn fn, void *user)
{
    if (w)
        set_callback(&w->on_change, fn, user);
}

void ui_widget_notify_change(struct ui_widget *w)
{
    if (w && w->on_change.fn)
        w->on_change.fn(w, w->on_change.user);
}

bool ui_widget_send(struct ui_widget *w, const struct ui_event *ev)
{
    if (!w)
        return false;
    if (w->cls->event && w->cls->event(w, ev))
        return true;
    const struct ui_callback *cb = ev->type == UI_EVENT_CLICK        ? &w->on_click
                                   : ev->type == UI_EVENT_LONG_PRESS ? &w->on_long_press
                                                                     : NULL;
    if (cb && cb->fn) {
        cb->fn(w, cb->user);
        return true;
    }
    return false;
}

void ui_widget_walk(struct ui_widget *w, bool (*fn)(struct ui_widget *, void *), void *user)
{
    if (!w || !fn(w, user))
        return;
    for (int i = 0; i < w->n_children; i++)
        ui_widget_walk(w->children[i], fn, user);
}

void ui_widget_set_user_data(struct ui_widget *w, void *data)
{
    if (w)
        w->user_data = data;
}

void *ui_widget_user_data(const struct ui_widget *w)
{
    return w ? w->user_data : NULL;
}

bool ui_widget_set_name(struct ui_widget *w, const char *name)
{
    if (!w)
        return false;
    char *copy = NULL;
    if (name && name[0]) {
        size_t n = strlen(name) + 1;
        copy = malloc(n);
        if (!copy)
            return false;
        memcpy(copy, name, n);
    }
    free(w->name);
    w->name = copy;
    return true;
}

const char *ui_widget_name(const struct ui_widget *w)
{
    return w ? w->name : NULL;
}

struct ui_widget *ui_widget_find(struct ui_widget *root, const char *name)
{
    if (!root || !name)
        return NULL;
    if (root->name && strcmp(root->name, name) == 0)
        return root;
    for (int i = 0; i < root->n_children; i++) {
        struct ui_widget *found = ui_widget_find(root->children[i], name);
        if (found)
            return found;
    }
    return NULL;
}

void ui_widget_each_named(struct ui_widget *root,
                          void (*fn)(struct ui_widget *w, const char *name, void *ctx), void *ctx)
{
    if (!root)
        return;
    if (root->name)
        fn(root, root->name, ctx);
    for (int i = 0; i < root->n_children; i++)
        ui_widget_each_named(root->children[i], fn, ctx);
}

SDL_Rect ui_widget_rect(const struct ui_widget *w)
{
    return w ? w->rect : (SDL_Rect){0, 0, 0, 0};
}

/* ---- geometry ---- */

static SDL_Rect inset(SDL_Rect r, int left, int top, int right, int bottom)
{
    SDL_Rect out = {r.x + left, r.y + top, r.w - left - right, r.h - top - bottom};
    out.w = max_int(out.w, 0);
    out.h = max_int(out.h, 0);
    return out;
}

static SDL_Rect outset(SDL_Rect r, int by)
{
    return (SDL_Rect){r.x - by, r.y - by, r.w + 2 * by, r.h + 2 * by};
}

SDL_Rect ui_widget_content_ltr(const struct ui_widget *w)
{
    const struct ui_insets *p = &w->padding;
    return inset(w->rect, p->start, p->top, p->end, p->bottom);
}

SDL_Rect ui_widget_content(const struct ui_widget *w)
{
    const struct ui_insets *p = &w->padding;
    return w->rtl ? inset(w->rect, p->end, p->top, p->start, p->bottom)
                  : inset(w->rect, p->start, p->top, p->end, p->bottom);
}

SDL_Rect ui_widget_paint_rect(const struct ui_widget *w)
{
    int by = w->overflow;
    if ((w->flags & UI_WF_FOCUSED) && w->tree && w->tree->focus_visible)
        by = max_int(by, ui_tree_focus_outset(w->tree));
    return outset(w->rect, by);
}

void ui_widget_translate(struct ui_widget *w, int dx, int dy)
{
    w->rect.x += dx;
    w->rect.y += dy;
    w->laid_rect.x += dx;
    w->laid_rect.y += dy;
    for (int i = 0; i < w->n_children; i++)
        ui_widget_translate(w->children[i], dx, dy);
}

/* ---- damage ---- */

static bool shown(const struct ui_widget *w)
{
    for (; w; w = w->parent)
        if (w->flags & UI_WF_HIDDEN)
            return false;
    return true;
}

bool ui_widget_clip_to_view(const struct ui_widget *w, SDL_Rect *r)
{
    for (const struct ui_widget *a = w->parent; a; a = a->parent)
        if ((a->flags & UI_WF_CLIP) && !SDL_IntersectRect(r, &a->rect, r))
            return false;
    if (w->tree) {
        SDL_Rect screen = {0, 0, w->tree->w, w->tree->h};
        return SDL_IntersectRect(r, &screen, r);
    }
    return r->w > 0 && r->h > 0;
}

/* Adds r, as drawn by w, to the dirty areas, cut to the clipping ancestors. */
static void damage(const struct ui_widget *w, SDL_Rect r)
{
    if (w->tree && shown(w) && ui_widget_clip_to_view(w, &r))
        ui_dirty_add(&w->tree->dirty, r);
}

void ui_widget_invalidate(struct ui_widget *w)
{
    if (w)
        damage(w, ui_widget_paint_rect(w));
}

void ui_widget_invalidate_rect(struct ui_widget *w, SDL_Rect r)
{
    if (w)
        damage(w, r);
}

/* ---- layout ---- */

static void ensure_style(struct ui_widget *w)
{
    if (!w->tree || w->style_gen == w->tree->style_gen)
        return;
    w->style_gen = w->tree->style_gen;
    for (const struct ui_widget_class *c = w->cls; c; c = c->base)
        if (c->restyle) {
            c->restyle(w);
            break;
        }
}

void ui_widget_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    ensure_style(w);
    int pad_w = w->padding.start + w->padding.end, pad_h = w->padding.top + w->padding.bottom;
    int cw_avail = w->width > 0  ? max_int(w->width - pad_w, 0)
                   : avail_w < 0 ? -1
                                 : max_int(avail_w - pad_w, 0);
    int ch_avail = w->height > 0 ? max_int(w->height - pad_h, 0)
                   : avail_h < 0 ? -1
                                 : max_int(avail_h - pad_h, 0);
    int cw = 0, ch = 0;
    if ((w->width <= 0 || w->height <= 0) && w->cls->measure)
        w->cls->measure(w, cw_avail, ch_avail, &cw, &ch);
    *out_w = max_int(w->width > 0 ? w->width : cw + pad_w, w->min_width);
    *out_h = max_int(w->height > 0 ? w->height : ch + pad_h, w->min_height);
}

static bool resolve_rtl(const struct ui_widget *w)
{
    if (w->dir != UI_DIR_INHERIT)
        return w->dir == UI_DIR_RTL;
    if (w->parent)
        return w->parent->rtl;
    return w->tree && w->tree->dir == UI_DIR_RTL;
}

static void fill_content(struct ui_widget *w)
{
    SDL_Rect box = ui_widget_content_ltr(w);
    for (int i = 0; i < w->n_children; i++) {
        struct ui_widget *c = w->children[i];
        c->rect = inset(box, c->margin.start, c->margin.top, c->margin.end, c->margin.bottom);
    }
}

static void layout_node(struct ui_widget *w)
{
    ensure_style(w);
    w->rtl = resolve_rtl(w);
    if (w->flags & UI_WF_HIDDEN)
        return;
    if (!SDL_RectEquals(&w->laid_rect, &w->rect)) {
        damage(w, outset(w->laid_rect, w->overflow));
        damage(w, ui_widget_paint_rect(w));
        w->laid_rect = w->rect;
    }
    if (w->n_children == 0)
        return;
    if (w->cls->layout)
        w->cls->layout(w);
    else
        fill_content(w);
    for (int i = 0; i < w->n_children; i++) {
        struct ui_widget *c = w->children[i];
        if (w->rtl)
            c->rect.x = 2 * w->rect.x + w->rect.w - c->rect.x - c->rect.w;
        layout_node(c);
    }
}

void ui_widget_layout_at(struct ui_widget *w, SDL_Rect rect)
{
    if (!w)
        return;
    w->rect = rect;
    layout_node(w);
}

/* ---- hit-testing ---- */

static bool point_in(SDL_Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

struct ui_widget *ui_widget_hit_test(struct ui_widget *w, int x, int y)
{
    if (!w || (w->flags & (UI_WF_HIDDEN | UI_WF_PASS_THROUGH)))
        return NULL;
    bool inside = point_in(w->rect, x, y);
    if (!inside && (w->flags & UI_WF_CLIP))
        return NULL;
    for (int i = w->n_children - 1; i >= 0; i--) {
        struct ui_widget *hit = ui_widget_hit_test(w->children[i], x, y);
        if (hit)
            return hit;
    }
    return inside ? w : NULL;
}

/* ---- drawing ---- */

static void draw_focus_ring(struct ui_widget *w)
{
    struct ui_tree *t = w->tree;
    int ring = ui_theme_metric(t->theme, UI_METRIC_FOCUS_RING);
    int outset_px = ui_tree_focus_outset(t);
    ui_draw_round_frame(t->draw, outset(w->rect, outset_px), w->radius + outset_px, ring,
                        ui_theme_color(t->theme, UI_COLOR_FOCUS));
}

void ui_widget_draw_subtree(struct ui_widget *w, SDL_Rect clip)
{
    if (!w || (w->flags & UI_WF_HIDDEN) || !w->tree || !w->tree->draw)
        return;
    SDL_Rect paint = ui_widget_paint_rect(w);
    if (!SDL_HasIntersection(&paint, &clip))
        return;
    SDL_Renderer *r = w->tree->renderer;
    if (w->cls->draw)
        w->cls->draw(w);
    SDL_Rect inner = clip;
    bool clipped = (w->flags & UI_WF_CLIP) != 0;
    if (!clipped || SDL_IntersectRect(&clip, &w->rect, &inner)) {
        if (clipped)
            SDL_RenderSetClipRect(r, &inner);
        for (int i = 0; i < w->n_children; i++)
            ui_widget_draw_subtree(w->children[i], inner);
        if (clipped)
            SDL_RenderSetClipRect(r, &clip);
    }
    if (w->cls->draw_over)
        w->cls->draw_over(w);
    if ((w->flags & UI_WF_FOCUSED) && w->tree->focus_visible)
        draw_focus_ring(w);
}
