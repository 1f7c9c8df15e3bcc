/* The scroll view: clipping, rubber band, fling and settle (see ui/w_scroll.h). */
#include "ui/w_scroll.h"

#include <math.h>
#include <stdlib.h>

#include "ui/widget_class.h"

#define SETTLE_MS 300
#define INDICATOR_FADE_MS 400
#define INDICATOR_WIDTH 6
#define INDICATOR_INSET 8
#define STOP_SPEED 0.02 /* pixels per ms under which a fling ends */

enum motion { MOTION_IDLE, MOTION_DRAG, MOTION_FLING, MOTION_SETTLE };

struct scroll {
    struct ui_widget base;
    int offset;
    int max_offset;
    int content_h;
    enum motion motion;
    double fling_v; /* pixels per ms */
    int fling_from;
    uint64_t fling_start_ms;
    struct ui_tween settle;
    uint64_t last_motion_ms; /* for the indicator's fade */
};

static const struct ui_widget_class scroll_class;

static struct scroll *as_scroll(const struct ui_widget *w)
{
    return ui_widget_is(w, &scroll_class) ? (struct scroll *)(void *)w : NULL;
}

static struct ui_widget *content_of(const struct ui_widget *w)
{
    for (int i = 0; i < w->n_children; i++)
        if (!(w->children[i]->flags & UI_WF_HIDDEN))
            return w->children[i];
    return NULL;
}

static void scroll_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    /* A scroll view wants the space offered; its content scrolls inside. */
    struct ui_widget *c = content_of(w);
    int cw = 0, ch = 0;
    if (c)
        ui_widget_measure(c, avail_w, -1, &cw, &ch);
    *out_w = avail_w >= 0 ? avail_w : cw;
    *out_h = avail_h >= 0 ? avail_h : ch;
}

static SDL_Rect indicator_strip(const struct ui_widget *w);

static void move_content(struct scroll *s, int offset)
{
    if (offset == s->offset)
        return;
    struct ui_widget *w = &s->base, *c = content_of(w);
    int dy = s->offset - offset;
    if (c)
        ui_widget_translate(c, 0, dy);
    s->offset = offset;
    SDL_Rect area = w->rect;
    if (w->tree && ui_widget_clip_to_view(w, &area))
        ui_tree_scroll_pixels(w->tree, w, area, dy, indicator_strip(w));
}

static void scroll_layout(struct ui_widget *w)
{
    struct scroll *s = as_scroll(w);
    SDL_Rect box = ui_widget_content_ltr(w);
    struct ui_widget *c = content_of(w);
    if (!c)
        return;
    int cw, ch;
    ui_widget_measure(c, box.w, -1, &cw, &ch);
    s->content_h = ch > box.h ? ch : box.h;
    s->max_offset = s->content_h - box.h;
    if (s->motion == MOTION_IDLE)
        s->offset = s->offset < 0 ? 0 : s->offset > s->max_offset ? s->max_offset : s->offset;
    c->rect = (SDL_Rect){box.x, box.y - s->offset, box.w, s->content_h};
}

static void set_moving(struct scroll *s, enum motion m, uint64_t now_ms)
{
    s->motion = m;
    s->last_motion_ms = now_ms;
    s->base.flags |= UI_WF_TICK;
}

static void start_settle(struct scroll *s, int target, uint64_t now_ms)
{
    ui_tween_start(&s->settle, s->offset, target, SETTLE_MS, UI_EASE_OUT_CUBIC, now_ms);
    set_moving(s, MOTION_SETTLE, now_ms);
}

static int clamp_offset(const struct scroll *s, int offset)
{
    return offset < 0 ? 0 : offset > s->max_offset ? s->max_offset : offset;
}

static double fling_tau(const struct scroll *s)
{
    return s->base.tree ? s->base.tree->input.cfg.fling_time_ms : 325.0;
}

static void step_fling(struct scroll *s, uint64_t now_ms)
{
    double tau = fling_tau(s);
    double t = (double)(now_ms - s->fling_start_ms);
    double decay = exp(-t / tau);
    double pos = s->fling_from + s->fling_v * tau * (1.0 - decay);
    bool stop = fabs(s->fling_v * decay) < STOP_SPEED;
    if (pos <= 0.0 || pos >= s->max_offset) {
        pos = pos <= 0.0 ? 0.0 : s->max_offset;
        stop = true;
    }
    move_content(s, (int)lround(pos));
    s->last_motion_ms = now_ms;
    if (stop)
        s->motion = MOTION_IDLE;
}

/* The column the indicator may occupy, on the end side of the view. */
static SDL_Rect indicator_strip(const struct ui_widget *w)
{
    SDL_Rect view = w->rect;
    int x = w->rtl ? view.x + INDICATOR_INSET : view.x + view.w - INDICATOR_INSET - INDICATOR_WIDTH;
    return (SDL_Rect){x, view.y, INDICATOR_WIDTH, view.h};
}

static bool scroll_event(struct ui_widget *w, const struct ui_event *ev)
{
    struct scroll *s = as_scroll(w);
    if (ev->type != UI_EVENT_TICK)
        return false;
    switch (s->motion) {
    case MOTION_FLING:
        step_fling(s, ev->now_ms);
        break;
    case MOTION_SETTLE:
        move_content(s, ui_tween_value(&s->settle, ev->now_ms));
        s->last_motion_ms = ev->now_ms;
        if (ui_tween_done(&s->settle, ev->now_ms))
            s->motion = MOTION_IDLE;
        break;
    case MOTION_DRAG:
        break;
    case MOTION_IDLE:
        /* Let the indicator fade, then stop ticking. */
        ui_widget_invalidate_rect(w, indicator_strip(w));
        if (ev->now_ms - s->last_motion_ms > INDICATOR_FADE_MS)
            w->flags &= ~UI_WF_TICK;
        break;
    }
    return true;
}

static void scroll_draw_over(struct ui_widget *w)
{
    struct scroll *s = as_scroll(w);
    if (s->max_offset <= 0 || !(w->flags & UI_WF_TICK))
        return;
    uint64_t now = w->tree->now_ms;
    int alpha = 255;
    if (s->motion == MOTION_IDLE) {
        uint64_t since = now - s->last_motion_ms;
        alpha = since >= INDICATOR_FADE_MS
                    ? 0
                    : (int)(255 * (INDICATOR_FADE_MS - since) / INDICATOR_FADE_MS);
    }
    if (alpha == 0)
        return;
    SDL_Rect strip = indicator_strip(w);
    int track = strip.h - 2 * INDICATOR_INSET;
    int thumb = (int)((int64_t)track * strip.h / s->content_h);
    thumb = thumb < 48 ? 48 : thumb;
    int pos = clamp_offset(s, s->offset);
    int y = strip.y + INDICATOR_INSET + (int)((int64_t)(track - thumb) * pos / s->max_offset);
    SDL_Color c = ui_theme_color(w->tree->theme, UI_COLOR_TEXT_MUTED);
    c.a = (Uint8)(alpha * 160 / 255);
    ui_draw_round_fill(w->tree->draw, (SDL_Rect){strip.x, y, INDICATOR_WIDTH, thumb},
                       INDICATOR_WIDTH / 2, c);
}

static const struct ui_widget_class scroll_class = {
    .name = "scroll",
    .size = sizeof(struct scroll),
    .measure = scroll_measure,
    .layout = scroll_layout,
    .draw_over = scroll_draw_over,
    .event = scroll_event,
};

struct ui_widget *ui_scroll_new(void)
{
    struct ui_widget *w = ui_widget_new(&scroll_class);
    if (w)
        w->flags |= UI_WF_CLIP;
    return w;
}

struct ui_widget *ui_scroll_find(struct ui_widget *w)
{
    for (; w; w = w->parent)
        if (as_scroll(w))
            return w;
    return NULL;
}

int ui_scroll_offset(const struct ui_widget *w)
{
    const struct scroll *s = as_scroll(w);
    return s ? s->offset : 0;
}

int ui_scroll_max_offset(const struct ui_widget *w)
{
    const struct scroll *s = as_scroll(w);
    return s ? s->max_offset : 0;
}

void ui_scroll_set_offset(struct ui_widget *w, int offset)
{
    struct scroll *s = as_scroll(w);
    if (!s)
        return;
    s->motion = MOTION_IDLE;
    move_content(s, clamp_offset(s, offset));
}

bool ui_scroll_is_moving(const struct ui_widget *w)
{
    const struct scroll *s = as_scroll(w);
    return s && (s->motion == MOTION_FLING || s->motion == MOTION_SETTLE);
}

bool ui_scroll_grab(struct ui_widget *w)
{
    struct scroll *s = as_scroll(w);
    if (!s)
        return false;
    bool moving = ui_scroll_is_moving(w);
    s->motion = MOTION_IDLE;
    return moving;
}

void ui_scroll_drag(struct ui_widget *w, int offset, uint64_t now_ms)
{
    struct scroll *s = as_scroll(w);
    if (!s)
        return;
    int limit = w->tree ? w->tree->input.cfg.max_overscroll_px : 0;
    if (offset < 0) {
        int over = -offset / 2;
        offset = -(over < limit ? over : limit);
    } else if (offset > s->max_offset) {
        int over = (offset - s->max_offset) / 2;
        offset = s->max_offset + (over < limit ? over : limit);
    }
    set_moving(s, MOTION_DRAG, now_ms);
    move_content(s, offset);
}

void ui_scroll_release(struct ui_widget *w, double velocity, uint64_t now_ms)
{
    struct scroll *s = as_scroll(w);
    if (!s)
        return;
    int min_speed = w->tree ? w->tree->input.cfg.min_fling_speed : 60;
    if (s->offset != clamp_offset(s, s->offset)) {
        start_settle(s, clamp_offset(s, s->offset), now_ms);
    } else if (fabs(velocity) * 1000.0 < min_speed) {
        set_moving(s, MOTION_IDLE, now_ms);
    } else {
        s->fling_v = velocity;
        s->fling_from = s->offset;
        s->fling_start_ms = now_ms;
        set_moving(s, MOTION_FLING, now_ms);
    }
}

void ui_scroll_reveal(struct ui_widget *w, struct ui_widget *child)
{
    struct scroll *s = as_scroll(w);
    if (!s || !child)
        return;
    SDL_Rect view = ui_widget_content(w), r = child->rect;
    int margin = w->tree ? ui_tree_focus_outset(w->tree) + 8 : 0;
    int target = s->offset;
    if (r.y - margin < view.y)
        target -= view.y - (r.y - margin);
    else if (r.y + r.h + margin > view.y + view.h)
        target += r.y + r.h + margin - (view.y + view.h);
    target = clamp_offset(s, target);
    if (target != s->offset)
        start_settle(s, target, w->tree ? w->tree->now_ms : 0);
}
