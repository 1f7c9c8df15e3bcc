/*
 * The tree bound to a screen: root, overlays, transitions, focus, and the
 * update and render passes (see ui/tree.h).
 */
#include "ui/widget_class.h"

#include <stdlib.h>
#include <string.h>

/* Gap between a focused widget and its focus ring, pixels. */
#define FOCUS_GAP 4

struct ui_tree *ui_tree_new(SDL_Renderer *renderer, struct ui_text *text,
                            const struct ui_theme *theme, int w, int h,
                            const struct ui_tree_config *cfg)
{
    if (!text || !theme || w <= 0 || h <= 0)
        return NULL;
    struct ui_tree_config c = cfg ? *cfg : (struct ui_tree_config){0};
    struct ui_tree *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->renderer = renderer;
    t->text = text;
    t->theme = theme;
    t->w = w;
    t->h = h;
    t->dir = UI_DIR_LTR;
    t->style_gen = 1;
    ui_dirty_reset(&t->dirty, w, h);
    ui_input_set_config(t, NULL);
    if (renderer) {
        t->draw = ui_draw_new(renderer);
        size_t budget = c.image_budget ? c.image_budget : ui_images_screen_budget(w, h);
        t->images = ui_images_new(renderer, budget, c.threaded_images);
        if (!t->draw || !t->images)
            goto error;
    }
    return t;
error:
    ui_tree_free(t);
    return NULL;
}

static void free_layer(struct ui_tree *t, struct ui_widget *w)
{
    if (!w)
        return;
    ui_tree_forget(t, w);
    /* Detached first, so freeing does not come back to the tree's slots. */
    ui_widget_set_tree(w, NULL);
    ui_widget_free(w);
}

void ui_tree_free(struct ui_tree *t)
{
    if (!t)
        return;
    free_layer(t, t->root);
    free_layer(t, t->transition.old_root);
    for (int i = 0; i < t->n_overlays; i++)
        free_layer(t, t->overlays[i]);
    for (int i = 0; i < t->n_retired; i++)
        free_layer(t, t->retired[i]);
    ui_images_free(t->images);
    ui_draw_free(t->draw);
    free(t);
}

int ui_tree_width(const struct ui_tree *t)
{
    return t ? t->w : 0;
}

int ui_tree_height(const struct ui_tree *t)
{
    return t ? t->h : 0;
}

const struct ui_theme *ui_tree_theme(const struct ui_tree *t)
{
    return t ? t->theme : NULL;
}

struct ui_draw *ui_tree_draw(const struct ui_tree *t)
{
    return t ? t->draw : NULL;
}

struct ui_images *ui_tree_images(const struct ui_tree *t)
{
    return t ? t->images : NULL;
}

uint64_t ui_tree_now(const struct ui_tree *t)
{
    return t ? t->now_ms : 0;
}

struct ui_widget *ui_tree_root(const struct ui_tree *t)
{
    return t ? t->root : NULL;
}

void ui_tree_invalidate_all(struct ui_tree *t)
{
    if (t)
        ui_dirty_add_all(&t->dirty);
}

void ui_tree_set_full_redraw(struct ui_tree *t, bool full)
{
    if (t)
        t->full_redraw = full;
}

void ui_tree_set_pixels(struct ui_tree *t, SDL_Surface *surface)
{
    if (!t)
        return;
    t->pixels = surface && surface->w >= t->w && surface->h >= t->h ? surface : NULL;
    ui_draw_set_pixels(t->draw, t->pixels);
    ui_dirty_add_all(&t->dirty);
}

/* ---- scrolling by moving pixels ---- */

static bool dirty_meets(const struct ui_tree *t, SDL_Rect area)
{
    for (int i = 0; i < t->dirty.n_areas; i++)
        if (SDL_HasIntersection(&t->dirty.areas[i], &area))
            return true;
    return false;
}

/* Drops a pending move: its whole area is redrawn instead. */
static void cancel_pixel_scroll(struct ui_tree *t)
{
    if (t->scroll.view)
        ui_dirty_add(&t->dirty, t->scroll.area);
    t->scroll.view = NULL;
}

void ui_tree_scroll_pixels(struct ui_tree *t, struct ui_widget *view, SDL_Rect area, int dy,
                           SDL_Rect redraw)
{
    struct ui_pixel_scroll *ps = &t->scroll;
    bool movable = t->pixels && t->renderer && !t->transition.active && !t->full_redraw;
    bool same_view = ps->view == view && SDL_RectEquals(&ps->area, &area);
    /*
     * Anything already marked inside the area was placed before this move
     * and would be moved along, stale: then redraw the area.
     */
    if (movable && (same_view || !ps->view) && !dirty_meets(t, area)) {
        *ps = (struct ui_pixel_scroll){view, area, (same_view ? ps->dy : 0) + dy, redraw};
        return;
    }
    if (same_view)
        cancel_pixel_scroll(t);
    ui_dirty_add(&t->dirty, area);
}

/*
 * True when something drawn after view (a later sibling of it or of an
 * ancestor, an overlay above) meets area.
 */
static bool drawn_over(const struct ui_tree *t, const struct ui_widget *view, SDL_Rect area)
{
    const struct ui_widget *w = view;
    for (; w->parent; w = w->parent) {
        const struct ui_widget *p = w->parent;
        bool later = false;
        for (int i = 0; i < p->n_children; i++) {
            const struct ui_widget *sib = p->children[i];
            if (sib == w) {
                later = true;
            } else if (later && !(sib->flags & UI_WF_HIDDEN)) {
                SDL_Rect r = ui_widget_paint_rect(sib);
                if (SDL_HasIntersection(&r, &area))
                    return true;
            }
        }
    }
    int first_above = 0;
    if (w != t->root) {
        while (first_above < t->n_overlays && t->overlays[first_above] != w)
            first_above++;
        if (first_above == t->n_overlays)
            return true; /* not on screen */
        first_above++;
    }
    for (int i = first_above; i < t->n_overlays; i++) {
        const struct ui_widget *o = t->overlays[i];
        SDL_Rect r = ui_widget_paint_rect(o);
        if (!(o->flags & UI_WF_HIDDEN) && SDL_HasIntersection(&r, &area))
            return true;
    }
    return false;
}

static void move_rows(SDL_Surface *s, SDL_Rect area, int dy)
{
    int bpp = s->format->BytesPerPixel;
    size_t len = (size_t)area.w * (size_t)bpp;
    bool lock = SDL_MUSTLOCK(s);
    if (lock && SDL_LockSurface(s) != 0)
        return;
    Uint8 *base = (Uint8 *)s->pixels + (size_t)area.x * (size_t)bpp;
    if (dy < 0) {
        for (int y = area.y; y < area.y + area.h + dy; y++)
            memcpy(base + (size_t)y * s->pitch, base + (size_t)(y - dy) * s->pitch, len);
    } else {
        for (int y = area.y + area.h - 1; y >= area.y + dy; y--)
            memcpy(base + (size_t)y * s->pitch, base + (size_t)(y - dy) * s->pitch, len);
    }
    if (lock)
        SDL_UnlockSurface(s);
}

/* Carries out a pending move: returns the pixels moved (0 when the area is redrawn instead). */
static int64_t apply_pixel_scroll(struct ui_tree *t, SDL_Rect *moved_area)
{
    struct ui_pixel_scroll ps = t->scroll;
    t->scroll.view = NULL;
    if (!ps.view || ps.dy == 0)
        return 0;
    int shift = ps.dy < 0 ? -ps.dy : ps.dy;
    if (shift >= ps.area.h || drawn_over(t, ps.view, ps.area)) {
        ui_dirty_add(&t->dirty, ps.area);
        return 0;
    }
    /* Whatever the renderer still has queued must land before the pixels move. */
    SDL_RenderFlush(t->renderer);
    move_rows(t->pixels, ps.area, ps.dy);
    *moved_area = ps.area;
    SDL_Rect uncovered = {ps.area.x, ps.dy < 0 ? ps.area.y + ps.area.h - shift : ps.area.y,
                          ps.area.w, shift};
    ui_dirty_add(&t->dirty, uncovered);
    if (SDL_IntersectRect(&ps.redraw, &ps.area, &ps.redraw))
        ui_dirty_add(&t->dirty, ps.redraw);
    return (int64_t)ps.area.w * (ps.area.h - shift);
}

static void relayout_all(struct ui_tree *t)
{
    t->layout_needed = true;
    ui_dirty_add_all(&t->dirty);
}

void ui_tree_resize(struct ui_tree *t, int w, int h)
{
    if (!t || w <= 0 || h <= 0)
        return;
    t->w = w;
    t->h = h;
    t->style_gen++; /* some styles follow the screen's size (a dialog's width) */
    ui_dirty_reset(&t->dirty, w, h);
    relayout_all(t);
}

void ui_tree_set_dir(struct ui_tree *t, enum ui_dir dir)
{
    if (!t)
        return;
    t->dir = dir == UI_DIR_RTL ? UI_DIR_RTL : UI_DIR_LTR;
    relayout_all(t);
}

void ui_tree_set_theme(struct ui_tree *t, const struct ui_theme *theme)
{
    if (!t || !theme)
        return;
    t->theme = theme;
    t->style_gen++;
    relayout_all(t);
}

int ui_tree_focus_outset(const struct ui_tree *t)
{
    return FOCUS_GAP + ui_theme_metric(t->theme, UI_METRIC_FOCUS_RING);
}

/* Makes w a layer of the tree: attached, laid out at the next update, drawn whole. */
static void adopt(struct ui_tree *t, struct ui_widget *w)
{
    ui_widget_set_tree(w, t);
    w->laid_rect = (SDL_Rect){0, 0, 0, 0};
    relayout_all(t);
}

bool ui_tree_set_root(struct ui_tree *t, struct ui_widget *root)
{
    if (!t || !root)
        return false;
    if (root->parent || root->tree)
        return false;
    struct ui_widget *old = t->root;
    if (old) {
        /* Freed at the next update: this may run inside a callback of the old screen. */
        ui_tree_forget(t, old);
        if (t->n_retired == UI_TREE_MAX_OVERLAYS) {
            free_layer(t, t->retired[0]);
            memmove(&t->retired[0], &t->retired[1], sizeof t->retired - sizeof t->retired[0]);
            t->n_retired--;
        }
        t->retired[t->n_retired++] = old;
    }
    ui_input_reset(t);
    t->root = root;
    adopt(t, root);
    return true;
}

/* ---- transitions ---- */

/* Moves the two screens to the offsets of frame f. */
static void apply_transition_frame(struct ui_tree *t, const struct ui_transition_frame *f)
{
    struct ui_transition_state *tr = &t->transition;
    if (tr->old_root)
        ui_widget_translate(tr->old_root, f->old_dx - tr->frame.old_dx, 0);
    if (t->root)
        ui_widget_translate(t->root, f->new_dx - tr->frame.new_dx, 0);
    tr->frame = *f;
}

static void end_transition(struct ui_tree *t)
{
    struct ui_transition_state *tr = &t->transition;
    if (!tr->active)
        return;
    struct ui_transition_frame rest = {.draw_new = true};
    apply_transition_frame(t, &rest);
    free_layer(t, tr->old_root);
    *tr = (struct ui_transition_state){0};
    ui_dirty_add_all(&t->dirty);
}

bool ui_tree_transition(struct ui_tree *t, struct ui_widget *next, enum ui_transition_kind kind,
                        int duration_ms)
{
    if (!t || !next || next->parent || next->tree)
        return false;
    end_transition(t);
    if (kind == UI_TRANSITION_NONE || duration_ms <= 0 || !t->root)
        return ui_tree_set_root(t, next);
    ui_input_reset(t);
    if (t->focus)
        ui_tree_set_focus(t, NULL);
    struct ui_transition_state *tr = &t->transition;
    tr->active = true;
    tr->kind = kind;
    tr->old_root = t->root;
    tr->start_ms = t->now_ms;
    tr->duration_ms = duration_ms;
    tr->frame = (struct ui_transition_frame){.draw_old = true, .draw_new = true};
    t->root = next;
    adopt(t, next);
    return true;
}

bool ui_tree_in_transition(const struct ui_tree *t)
{
    return t && t->transition.active;
}

static void step_transition(struct ui_tree *t)
{
    struct ui_transition_state *tr = &t->transition;
    if (!tr->active)
        return;
    uint64_t elapsed = t->now_ms - tr->start_ms;
    if (elapsed >= (uint64_t)tr->duration_ms) {
        end_transition(t);
        return;
    }
    double p = ui_ease(UI_EASE_IN_OUT_CUBIC, (double)elapsed / tr->duration_ms);
    struct ui_transition_frame f;
    ui_transition_frame(tr->kind, t->dir == UI_DIR_RTL, t->w, p, &f);
    apply_transition_frame(t, &f);
    ui_dirty_add_all(&t->dirty);
}

/* ---- overlays ---- */

bool ui_tree_open_overlay(struct ui_tree *t, struct ui_widget *overlay)
{
    if (!t || !overlay || overlay->parent || overlay->tree ||
        t->n_overlays == UI_TREE_MAX_OVERLAYS) {
        if (overlay && !overlay->parent && !overlay->tree)
            ui_widget_free(overlay);
        return false;
    }
    t->overlays[t->n_overlays++] = overlay;
    adopt(t, overlay);
    if (overlay->flags & UI_WF_MODAL) {
        /* A modal layer takes the input: a press under way belongs to a screen now covered. */
        ui_input_reset(t);
        if (t->focus)
            ui_tree_set_focus(t, NULL);
    }
    return true;
}

void ui_tree_close_overlay(struct ui_tree *t, struct ui_widget *overlay)
{
    if (!t || !overlay || overlay->tree != t || overlay->parent)
        return;
    ui_widget_invalidate(overlay);
    ui_tree_forget(t, overlay);
    overlay->flags |= UI_WF_CLOSING | UI_WF_HIDDEN;
}

struct ui_widget *ui_tree_find(const struct ui_tree *t, const char *name)
{
    if (!t)
        return NULL;
    for (int i = t->n_overlays - 1; i >= 0; i--) {
        if (t->overlays[i]->flags & UI_WF_CLOSING)
            continue;
        struct ui_widget *found = ui_widget_find(t->overlays[i], name);
        if (found)
            return found;
    }
    return ui_widget_find(t->root, name);
}

void ui_tree_each_named(const struct ui_tree *t,
                        void (*fn)(struct ui_widget *w, const char *name, void *ctx), void *ctx)
{
    if (!t)
        return;
    for (int i = t->n_overlays - 1; i >= 0; i--)
        if (!(t->overlays[i]->flags & UI_WF_CLOSING))
            ui_widget_each_named(t->overlays[i], fn, ctx);
    ui_widget_each_named(t->root, fn, ctx);
}

static void reap_layers(struct ui_tree *t)
{
    for (int i = 0; i < t->n_retired; i++)
        free_layer(t, t->retired[i]);
    t->n_retired = 0;
    int kept = 0;
    for (int i = 0; i < t->n_overlays; i++) {
        struct ui_widget *o = t->overlays[i];
        if (o->flags & UI_WF_CLOSING)
            free_layer(t, o);
        else
            t->overlays[kept++] = o;
    }
    t->n_overlays = kept;
}

struct ui_widget *ui_tree_input_layer(const struct ui_tree *t)
{
    if (!t || t->transition.active)
        return NULL;
    for (int i = t->n_overlays - 1; i >= 0; i--) {
        const struct ui_widget *o = t->overlays[i];
        if ((o->flags & UI_WF_MODAL) && !(o->flags & UI_WF_CLOSING))
            return t->overlays[i];
    }
    return t->root;
}

void ui_tree_unlink(struct ui_tree *t, struct ui_widget *w)
{
    if (t->root == w)
        t->root = NULL;
    if (t->transition.old_root == w)
        t->transition.old_root = NULL;
    for (int i = 0; i < t->n_overlays; i++) {
        if (t->overlays[i] == w) {
            memmove(&t->overlays[i], &t->overlays[i + 1],
                    (size_t)(t->n_overlays - i - 1) * sizeof t->overlays[0]);
            t->n_overlays--;
            break;
        }
    }
}

/* ---- focus ---- */

static bool in_subtree(const struct ui_widget *w, const struct ui_widget *root)
{
    for (; w; w = w->parent)
        if (w == root)
            return true;
    return false;
}

void ui_tree_forget(struct ui_tree *t, struct ui_widget *w)
{
    if (!t || !w)
        return;
    if (t->focus && in_subtree(t->focus, w)) {
        t->focus->flags &= ~UI_WF_FOCUSED;
        t->focus = NULL;
    }
    if (t->scroll.view && in_subtree(t->scroll.view, w))
        cancel_pixel_scroll(t);
    const struct ui_input_state *in = &t->input;
    if ((in->target && in_subtree(in->target, w)) || (in->scroller && in_subtree(in->scroller, w)))
        ui_input_reset(t);
}

struct ui_widget *ui_tree_focus(const struct ui_tree *t)
{
    return t ? t->focus : NULL;
}

bool ui_tree_set_focus(struct ui_tree *t, struct ui_widget *w)
{
    if (!t)
        return false;
    if (w && (w->tree != t || !(w->flags & UI_WF_FOCUSABLE) || !ui_widget_is_enabled(w)))
        return false;
    if (t->focus == w)
        return true;
    struct ui_widget *old = t->focus;
    t->focus = w;
    ui_widget_set_flags(old, UI_WF_FOCUSED, false);
    ui_widget_set_flags(w, UI_WF_FOCUSED, true);
    return true;
}

/* ---- update ---- */

static bool send_tick(struct ui_widget *w, void *user)
{
    if (w->flags & UI_WF_HIDDEN)
        return false;
    if (w->flags & UI_WF_TICK) {
        struct ui_event ev = {.type = UI_EVENT_TICK, .now_ms = *(const uint64_t *)user};
        ui_widget_send(w, &ev);
    }
    return true;
}

static bool send_assets(struct ui_widget *w, void *user)
{
    struct ui_event ev = {.type = UI_EVENT_ASSETS, .now_ms = *(const uint64_t *)user};
    ui_widget_send(w, &ev);
    return true;
}

static void for_each_layer(struct ui_tree *t, bool (*fn)(struct ui_widget *, void *))
{
    ui_widget_walk(t->root, fn, &t->now_ms);
    for (int i = 0; i < t->n_overlays; i++)
        ui_widget_walk(t->overlays[i], fn, &t->now_ms);
}

static void layout_all(struct ui_tree *t)
{
    /* Layout may move the view itself: its pending move no longer describes the screen. */
    cancel_pixel_scroll(t);
    SDL_Rect screen = {0, 0, t->w, t->h};
    struct ui_transition_state *tr = &t->transition;
    /* Screens are laid out in place, then put back where the transition has them. */
    struct ui_transition_frame at = tr->frame;
    tr->frame = (struct ui_transition_frame){0};
    ui_widget_layout_at(t->root, screen);
    ui_widget_layout_at(tr->old_root, screen);
    for (int i = 0; i < t->n_overlays; i++)
        ui_widget_layout_at(t->overlays[i], screen);
    if (tr->active)
        apply_transition_frame(t, &at);
    t->layout_needed = false;
}

void ui_tree_update(struct ui_tree *t, uint64_t now_ms)
{
    if (!t)
        return;
    if (now_ms > t->now_ms)
        t->now_ms = now_ms;
    reap_layers(t);
    ui_input_tick(t, t->now_ms);
    for_each_layer(t, send_tick);
    if (ui_images_poll(t->images) > 0)
        for_each_layer(t, send_assets);
    /* Ticks may change sizes (a toast's text, a value): lay out after them. */
    if (t->layout_needed)
        layout_all(t);
    step_transition(t);
}

/* ---- render ---- */

static void draw_area(struct ui_tree *t, SDL_Rect area)
{
    const struct ui_transition_state *tr = &t->transition;
    SDL_RenderSetClipRect(t->renderer, &area);
    if (!tr->active || tr->frame.draw_old)
        ui_widget_draw_subtree(tr->old_root, area);
    if (!tr->active || tr->frame.draw_new)
        ui_widget_draw_subtree(t->root, area);
    if (tr->active && tr->frame.veil_alpha > 0) {
        SDL_Color veil = ui_theme_color(t->theme, UI_COLOR_BACKGROUND);
        veil.a = (Uint8)tr->frame.veil_alpha;
        ui_draw_fill(t->draw, area, veil);
    }
    for (int i = 0; i < t->n_overlays; i++)
        ui_widget_draw_subtree(t->overlays[i], area);
}

bool ui_tree_render(struct ui_tree *t, struct ui_frame_stats *stats)
{
    if (stats)
        *stats = (struct ui_frame_stats){0};
    if (!t || !t->renderer)
        return false;
    t->n_changed = 0;
    if (t->layout_needed)
        layout_all(t);
    if (t->full_redraw)
        ui_dirty_add_all(&t->dirty);
    SDL_Rect moved_area = {0};
    int64_t moved = apply_pixel_scroll(t, &moved_area);
    if (moved > 0)
        t->changed[t->n_changed++] = moved_area;
    if (stats)
        stats->moved = moved;
    if (t->dirty.n_areas == 0)
        return moved > 0;
    ui_images_frame_begin(t->images);
    for (int i = 0; i < t->dirty.n_areas; i++)
        draw_area(t, t->dirty.areas[i]);
    SDL_RenderSetClipRect(t->renderer, NULL);
    /*
     * SDL batches draws and carries them out when it must: at a present, or
     * when a texture in the batch changes (a glyph page filled, the arc mask
     * redrawn at another size). A reader of the target's pixels before the
     * present (a screenshot) would find the frame drawn only up to the last
     * such point, over the previous one: land it all now.
     */
    SDL_RenderFlush(t->renderer);
    if (stats) {
        stats->areas = t->dirty.n_areas;
        stats->pixels = ui_dirty_pixels(&t->dirty);
        stats->moved = moved;
    }
    for (int i = 0; i < t->dirty.n_areas; i++)
        t->changed[t->n_changed++] = t->dirty.areas[i];
    ui_dirty_clear(&t->dirty);
    return true;
}

int ui_tree_changed_areas(const struct ui_tree *t, const SDL_Rect **areas)
{
    *areas = t ? t->changed : NULL;
    return t ? t->n_changed : 0;
}
