/* Progress bars (see ui/w_progress.h). */
#include "ui/w_progress.h"

#include "ui/widget_class.h"

#define BAR_HEIGHT 16
#define MOVE_MS 300

struct progress {
    struct ui_widget base;
    struct ui_tween value; /* thousandths */
};

static const struct ui_widget_class progress_class;

static struct progress *as_progress(const struct ui_widget *w)
{
    return ui_widget_is(w, &progress_class) ? (struct progress *)(void *)w : NULL;
}

static void progress_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    *out_w = avail_w > 0 ? avail_w : 0;
    *out_h = BAR_HEIGHT;
}

static void progress_draw(struct ui_widget *w)
{
    const struct progress *p = as_progress(w);
    const struct ui_theme *th = w->tree->theme;
    SDL_Rect track = ui_widget_content(w);
    int radius = track.h / 2;
    ui_draw_round_fill(w->tree->draw, track, radius, ui_theme_color(th, UI_COLOR_SURFACE_ALT));
    int permille = ui_tween_value(&p->value, w->tree->now_ms);
    if (permille <= 0)
        return;
    /* Never shorter than the bar is tall, so the rounded end keeps its shape. */
    int len = (int)((int64_t)track.w * permille / 1000);
    len = len < track.h ? track.h : len;
    SDL_Rect fill = {w->rtl ? track.x + track.w - len : track.x, track.y, len, track.h};
    ui_draw_round_fill(w->tree->draw, fill, radius, ui_theme_color(th, UI_COLOR_PRIMARY));
}

static bool progress_event(struct ui_widget *w, const struct ui_event *ev)
{
    struct progress *p = as_progress(w);
    if (ev->type != UI_EVENT_TICK)
        return false;
    ui_widget_invalidate(w);
    if (ui_tween_done(&p->value, ev->now_ms))
        w->flags &= ~UI_WF_TICK;
    return true;
}

static const struct ui_widget_class progress_class = {
    .name = "progress",
    .size = sizeof(struct progress),
    .measure = progress_measure,
    .draw = progress_draw,
    .event = progress_event,
};

struct ui_widget *ui_progress_new(void)
{
    return ui_widget_new(&progress_class);
}

void ui_progress_set_value(struct ui_widget *w, int permille)
{
    struct progress *p = as_progress(w);
    if (!p)
        return;
    uint64_t now = w->tree ? w->tree->now_ms : 0;
    int target = permille < 0 ? 0 : permille > 1000 ? 1000 : permille;
    ui_tween_start(&p->value, ui_tween_value(&p->value, now), target, w->tree ? MOVE_MS : 0,
                   UI_EASE_OUT_CUBIC, now);
    w->flags |= UI_WF_TICK;
    ui_widget_invalidate(w);
}
