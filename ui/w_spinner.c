/* Spinners (see ui/w_spinner.h). */
#include "ui/w_spinner.h"

#include <math.h>

#include "ui/widget_class.h"

#define TURN_MS 1000
#define BREATH_MS 1600

static void spinner_draw(struct ui_widget *w)
{
    const struct ui_theme *th = w->tree->theme;
    SDL_Rect box = ui_widget_content(w);
    int radius = (box.w < box.h ? box.w : box.h) / 2;
    int thickness = radius / 5 > 2 ? radius / 5 : 2;
    int cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    uint64_t t = w->tree->now_ms;
    double turn = (double)(t % TURN_MS) * 360.0 / TURN_MS;
    double breath = 0.5 - 0.5 * cos((double)(t % BREATH_MS) * 2.0 * M_PI / BREATH_MS);
    double sweep = 40.0 + 230.0 * breath;
    /* Mirrored in right-to-left: the arc turns the reading way. */
    double start = w->rtl ? 360.0 - turn - sweep : turn;
    ui_draw_arc(w->tree->draw, cx, cy, radius, thickness, 0.0, 360.0,
                ui_theme_color(th, UI_COLOR_SURFACE_ALT));
    ui_draw_arc(w->tree->draw, cx, cy, radius, thickness, start, sweep,
                ui_theme_color(th, UI_COLOR_PRIMARY));
}

static bool spinner_event(struct ui_widget *w, const struct ui_event *ev)
{
    if (ev->type != UI_EVENT_TICK)
        return false;
    ui_widget_invalidate(w);
    return true;
}

static const struct ui_widget_class spinner_class = {
    .name = "spinner",
    .size = sizeof(struct ui_widget),
    .draw = spinner_draw,
    .event = spinner_event,
};

struct ui_widget *ui_spinner_new(int size_px)
{
    struct ui_widget *w = ui_widget_new(&spinner_class);
    if (!w)
        return NULL;
    w->width = w->height = size_px > 0 ? size_px : 1;
    w->flags |= UI_WF_TICK;
    return w;
}
