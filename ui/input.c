/*
 * The input path (see ui/input.h): pointer gestures with hit-testing,
 * long press, drag and fling, and keyboard focus traversal.
 */
#include "ui/input.h"

#include <stdlib.h>

#include "ui/w_scroll.h"
#include "ui/widget_class.h"

#define VELOCITY_WINDOW_MS 100

void ui_input_config_defaults(struct ui_input_config *cfg)
{
    *cfg = (struct ui_input_config){
        .long_press_ms = 600,
        .drag_threshold_px = 16,
        .fling_time_ms = 325,
        .min_fling_speed = 60,
        .max_overscroll_px = 120,
    };
}

bool ui_input_pointer_down(const struct ui_tree *t)
{
    return t && t->input.down;
}

void ui_input_set_config(struct ui_tree *t, const struct ui_input_config *cfg)
{
    if (!t)
        return;
    struct ui_input_config *c = &t->input.cfg;
    ui_input_config_defaults(c);
    if (!cfg)
        return;
#define TAKE(field) c->field = cfg->field > 0 ? cfg->field : c->field
    TAKE(long_press_ms);
    TAKE(drag_threshold_px);
    TAKE(fling_time_ms);
    TAKE(min_fling_speed);
    TAKE(max_overscroll_px);
#undef TAKE
}

void ui_input_reset(struct ui_tree *t)
{
    struct ui_input_state *in = &t->input;
    struct ui_widget *target = in->target, *scroller = in->scroller;
    bool dragging = in->dragging;
    in->down = in->dragging = in->long_pressed = false;
    in->target = in->scroller = NULL;
    in->n_samples = in->next_sample = 0;
    ui_widget_set_flags(target, UI_WF_PRESSED, false);
    if (dragging)
        ui_scroll_release(scroller, 0.0, t->now_ms);
}

static void set_now(struct ui_tree *t, uint64_t now_ms)
{
    if (now_ms > t->now_ms)
        t->now_ms = now_ms;
}

static void add_sample(struct ui_input_state *in, uint64_t now_ms, int y)
{
    in->samples[in->next_sample].ms = now_ms;
    in->samples[in->next_sample].y = y;
    in->next_sample = (in->next_sample + 1) % UI_INPUT_SAMPLES;
    if (in->n_samples < UI_INPUT_SAMPLES)
        in->n_samples++;
}

/*
 * Scroll velocity in pixels per ms (positive: the finger moved up, the
 * content scrolls down), from the oldest sample within the last
 * VELOCITY_WINDOW_MS to the newest.
 */
static double release_velocity(const struct ui_input_state *in)
{
    if (in->n_samples < 2)
        return 0.0;
    int newest = (in->next_sample + UI_INPUT_SAMPLES - 1) % UI_INPUT_SAMPLES;
    int oldest = newest;
    for (int k = 1; k < in->n_samples; k++) {
        int i = (newest + UI_INPUT_SAMPLES - k) % UI_INPUT_SAMPLES;
        if (in->samples[newest].ms - in->samples[i].ms > VELOCITY_WINDOW_MS)
            break;
        oldest = i;
    }
    uint64_t dt = in->samples[newest].ms - in->samples[oldest].ms;
    if (dt == 0)
        return 0.0;
    return (double)(in->samples[oldest].y - in->samples[newest].y) / (double)dt;
}

/* The clickable widget owning hit, or NULL (also when it is disabled). */
static struct ui_widget *press_target(struct ui_widget *hit)
{
    for (struct ui_widget *w = hit; w; w = w->parent)
        if (w->flags & UI_WF_CLICKABLE)
            return ui_widget_is_enabled(w) ? w : NULL;
    return NULL;
}

static bool inside(SDL_Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static void hide_focus_ring(struct ui_tree *t)
{
    if (!t->focus_visible)
        return;
    ui_widget_invalidate(t->focus);
    t->focus_visible = false;
}

static void pointer_down(struct ui_tree *t, int x, int y, uint64_t now_ms)
{
    struct ui_input_state *in = &t->input;
    if (in->down)
        ui_input_reset(t);
    struct ui_widget *layer = ui_tree_input_layer(t);
    if (!layer)
        return;
    hide_focus_ring(t);
    struct ui_widget *hit = ui_widget_hit_test(layer, x, y);
    in->down = true;
    in->down_x = in->x = x;
    in->down_y = in->y = y;
    in->down_ms = now_ms;
    add_sample(in, now_ms, y);
    in->scroller = ui_scroll_find(hit);
    /* A touch that stops a moving list only stops it. */
    bool caught = in->scroller && ui_scroll_grab(in->scroller);
    in->target = caught ? NULL : press_target(hit);
    if (in->target) {
        ui_widget_set_flags(in->target, UI_WF_PRESSED, true);
        struct ui_event ev = {.type = UI_EVENT_PRESS, .x = x, .y = y, .now_ms = now_ms};
        ui_widget_send(in->target, &ev);
    }
}

static void lose_press(struct ui_input_state *in, int x, int y, uint64_t now_ms)
{
    struct ui_widget *target = in->target;
    in->target = NULL;
    ui_widget_set_flags(target, UI_WF_PRESSED, false);
    struct ui_event ev = {.type = UI_EVENT_PRESS_LOST, .x = x, .y = y, .now_ms = now_ms};
    ui_widget_send(target, &ev);
}

static void pointer_move(struct ui_tree *t, int x, int y, uint64_t now_ms)
{
    struct ui_input_state *in = &t->input;
    if (!in->down)
        return;
    in->x = x;
    in->y = y;
    add_sample(in, now_ms, y);
    if (!in->dragging && in->scroller && abs(y - in->down_y) > in->cfg.drag_threshold_px) {
        in->dragging = true;
        /* Start from here, so the content does not jump by the threshold. */
        in->drag_y0 = y;
        in->drag_offset0 = ui_scroll_offset(in->scroller);
        if (in->target)
            lose_press(in, x, y, now_ms);
    }
    if (in->dragging) {
        ui_scroll_drag(in->scroller, in->drag_offset0 + (in->drag_y0 - y), now_ms);
        return;
    }
    if (in->target)
        ui_widget_set_flags(in->target, UI_WF_PRESSED, inside(in->target->rect, x, y));
}

static void pointer_up(struct ui_tree *t, int x, int y, uint64_t now_ms, bool cancel)
{
    struct ui_input_state *in = &t->input;
    if (!in->down)
        return;
    add_sample(in, now_ms, y);
    if (in->dragging) {
        struct ui_widget *scroller = in->scroller;
        double v = cancel ? 0.0 : release_velocity(in);
        in->dragging = false;
        ui_input_reset(t);
        ui_scroll_release(scroller, v, now_ms);
        return;
    }
    struct ui_widget *target = in->target;
    bool click = target && !cancel && !in->long_pressed && (target->flags & UI_WF_PRESSED) &&
                 inside(target->rect, x, y);
    /* State is cleared before callbacks run: a click may replace the whole screen. */
    ui_input_reset(t);
    if (!target)
        return;
    struct ui_event ev = {.type = UI_EVENT_RELEASE, .x = x, .y = y, .now_ms = now_ms};
    ui_widget_send(target, &ev);
    if (click) {
        ev.type = UI_EVENT_CLICK;
        ui_widget_send(target, &ev);
    }
}

void ui_input_pointer(struct ui_tree *t, enum ui_pointer_phase phase, int x, int y, uint64_t now_ms)
{
    if (!t)
        return;
    set_now(t, now_ms);
    switch (phase) {
    case UI_POINTER_DOWN:
        pointer_down(t, x, y, now_ms);
        break;
    case UI_POINTER_MOVE:
        pointer_move(t, x, y, now_ms);
        break;
    case UI_POINTER_UP:
        pointer_up(t, x, y, now_ms, false);
        break;
    case UI_POINTER_CANCEL:
        pointer_up(t, t->input.x, t->input.y, now_ms, true);
        break;
    }
}

void ui_input_tick(struct ui_tree *t, uint64_t now_ms)
{
    struct ui_input_state *in = &t->input;
    if (!in->down || in->dragging || !in->target || in->long_pressed)
        return;
    if (abs(in->x - in->down_x) > in->cfg.drag_threshold_px ||
        abs(in->y - in->down_y) > in->cfg.drag_threshold_px)
        return;
    if (now_ms - in->down_ms < (uint64_t)in->cfg.long_press_ms)
        return;
    struct ui_event ev = {.type = UI_EVENT_LONG_PRESS, .x = in->x, .y = in->y, .now_ms = now_ms};
    /* Unhandled, the release still clicks: people who hold a button long still mean it. */
    in->long_pressed = ui_widget_send(in->target, &ev);
}

/* ---- keyboard focus ---- */

struct focus_walk {
    const struct ui_widget *current;
    bool seen_current;
    struct ui_widget *first, *last, *before, *after;
    enum ui_key dir; /* spatial search: arrow key, else UI_KEY_NONE */
    struct ui_widget *best;
    long best_score;
};

static SDL_Point centre(SDL_Rect r)
{
    return (SDL_Point){r.x + r.w / 2, r.y + r.h / 2};
}

/*
 * How far cand is from the current widget in the arrow's direction: the
 * distance along it plus twice the offset across it (so a widget in line
 * beats a nearer one off to the side); -1 when not in that direction.
 */
static long spatial_score(enum ui_key dir, SDL_Rect from, SDL_Rect cand)
{
    SDL_Point a = centre(from), b = centre(cand);
    long along, across;
    switch (dir) {
    case UI_KEY_RIGHT:
        along = b.x - a.x, across = labs((long)b.y - a.y);
        break;
    case UI_KEY_LEFT:
        along = a.x - b.x, across = labs((long)b.y - a.y);
        break;
    case UI_KEY_DOWN:
        along = b.y - a.y, across = labs((long)b.x - a.x);
        break;
    case UI_KEY_UP:
        along = a.y - b.y, across = labs((long)b.x - a.x);
        break;
    default:
        return -1;
    }
    return along > 0 ? along + 2 * across : -1;
}

static bool visit_focusable(struct ui_widget *w, void *user)
{
    struct focus_walk *fw = user;
    if ((w->flags & (UI_WF_HIDDEN | UI_WF_DISABLED)))
        return false;
    if (!(w->flags & UI_WF_FOCUSABLE))
        return true;
    if (w == fw->current) {
        fw->seen_current = true;
    } else {
        if (!fw->first)
            fw->first = w;
        fw->last = w;
        if (!fw->seen_current)
            fw->before = w;
        else if (!fw->after)
            fw->after = w;
        if (fw->dir != UI_KEY_NONE && fw->current) {
            long score = spatial_score(fw->dir, fw->current->rect, w->rect);
            if (score >= 0 && (!fw->best || score < fw->best_score)) {
                fw->best = w;
                fw->best_score = score;
            }
        }
    }
    return true;
}

static void move_focus(struct ui_tree *t, struct ui_widget *layer, enum ui_key key)
{
    struct focus_walk fw = {.current = t->focus};
    if (key != UI_KEY_TAB && key != UI_KEY_BACKTAB)
        fw.dir = key;
    ui_widget_walk(layer, visit_focusable, &fw);
    struct ui_widget *next;
    if (!fw.seen_current)
        next = key == UI_KEY_BACKTAB ? fw.last : fw.first; /* nothing focused in this layer yet */
    else if (key == UI_KEY_TAB)
        next = fw.after ? fw.after : fw.first;
    else if (key == UI_KEY_BACKTAB)
        next = fw.before ? fw.before : fw.last;
    else
        next = fw.best;
    if (!next)
        return;
    ui_tree_set_focus(t, next);
    ui_scroll_reveal(ui_scroll_find(next->parent), next);
}

void ui_input_key(struct ui_tree *t, enum ui_key key, uint64_t now_ms)
{
    if (!t || key == UI_KEY_NONE)
        return;
    set_now(t, now_ms);
    struct ui_widget *layer = ui_tree_input_layer(t);
    if (!layer)
        return;
    if (t->focus && !ui_widget_is_enabled(t->focus))
        ui_tree_set_focus(t, NULL);
    if (!t->focus_visible) {
        t->focus_visible = true;
        ui_widget_invalidate(t->focus);
    }
    switch (key) {
    case UI_KEY_TAB:
    case UI_KEY_BACKTAB:
    case UI_KEY_UP:
    case UI_KEY_DOWN:
    case UI_KEY_LEFT:
    case UI_KEY_RIGHT:
        move_focus(t, layer, key);
        return;
    case UI_KEY_ENTER:
        if (t->focus) {
            struct ui_event ev = {.type = UI_EVENT_CLICK, .now_ms = now_ms};
            ui_widget_send(t->focus, &ev);
            return;
        }
        break;
    default:
        break;
    }
    struct ui_event ev = {.type = UI_EVENT_KEY, .key = key, .now_ms = now_ms};
    for (struct ui_widget *w = t->focus ? t->focus : layer; w; w = w->parent)
        if (ui_widget_send(w, &ev) || w == layer)
            break;
}

/* ---- SDL events ---- */

enum ui_key ui_input_key_from_sdl(SDL_Keycode sym, Uint16 mod)
{
    if (sym >= SDLK_0 && sym <= SDLK_9)
        return (enum ui_key)(UI_KEY_0 + (sym - SDLK_0));
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        return (enum ui_key)(UI_KEY_0 + 1 + (sym - SDLK_KP_1));
    switch (sym) {
    case SDLK_KP_0:
        return UI_KEY_0;
    case SDLK_UP:
        return UI_KEY_UP;
    case SDLK_DOWN:
        return UI_KEY_DOWN;
    case SDLK_LEFT:
        return UI_KEY_LEFT;
    case SDLK_RIGHT:
        return UI_KEY_RIGHT;
    case SDLK_TAB:
        return (mod & KMOD_SHIFT) ? UI_KEY_BACKTAB : UI_KEY_TAB;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        return UI_KEY_ENTER;
    case SDLK_ESCAPE:
        return UI_KEY_ESCAPE;
    case SDLK_BACKSPACE:
        return UI_KEY_BACKSPACE;
    default:
        return UI_KEY_NONE;
    }
}

static int scale_unit(float v, int size)
{
    int p = (int)(v * (float)size);
    return p < 0 ? 0 : p >= size ? size - 1 : p;
}

bool ui_input_sdl_event(struct ui_tree *t, const SDL_Event *ev, uint64_t now_ms)
{
    if (!t || !ev)
        return false;
    struct ui_input_state *in = &t->input;
    switch (ev->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        const SDL_TouchFingerEvent *f = &ev->tfinger;
        if (ev->type == SDL_FINGERDOWN && !in->finger_down) {
            in->finger_down = true;
            in->finger = f->fingerId;
        } else if (!in->finger_down || f->fingerId != in->finger) {
            return false; /* a second finger: one-finger gestures only */
        }
        enum ui_pointer_phase phase = ev->type == SDL_FINGERDOWN ? UI_POINTER_DOWN
                                      : ev->type == SDL_FINGERUP ? UI_POINTER_UP
                                                                 : UI_POINTER_MOVE;
        if (phase == UI_POINTER_UP)
            in->finger_down = false;
        ui_input_pointer(t, phase, scale_unit(f->x, t->w), scale_unit(f->y, t->h), now_ms);
        return true;
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return false;
        ui_input_pointer(t, ev->type == SDL_MOUSEBUTTONDOWN ? UI_POINTER_DOWN : UI_POINTER_UP,
                         ev->button.x, ev->button.y, now_ms);
        return true;
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
            return false;
        ui_input_pointer(t, UI_POINTER_MOVE, ev->motion.x, ev->motion.y, now_ms);
        return true;
    case SDL_KEYDOWN: {
        enum ui_key key = ui_input_key_from_sdl(ev->key.keysym.sym, ev->key.keysym.mod);
        if (key == UI_KEY_NONE)
            return false;
        ui_input_key(t, key, now_ms);
        return true;
    }
    case SDL_WINDOWEVENT:
        if (ev->window.event != SDL_WINDOWEVENT_FOCUS_LOST || !in->down)
            return false;
        in->finger_down = false;
        ui_input_pointer(t, UI_POINTER_CANCEL, 0, 0, now_ms);
        return true;
    default:
        return false;
    }
}
