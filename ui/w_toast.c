/* Toasts: a pass-through overlay animated by ticks (see ui/w_toast.h). */
#include "ui/w_toast.h"

#include "ui/w_container_class.h"
#include "ui/w_label.h"
#include "ui/widget_class.h"

#define SLIDE_MS 250

struct toast {
    struct ui_container base;
    struct ui_widget *pill; /* borrowed child */
    uint64_t start_ms;
    int duration_ms;
    int drop; /* pixels the pill is currently below its resting place */
};

static const struct ui_widget_class toast_class;

static struct toast *as_toast(const struct ui_widget *w)
{
    return ui_widget_is(w, &toast_class) ? (struct toast *)(void *)w : NULL;
}

/* How far below its place the pill is at now_ms: all the way out, sliding, or 0. */
static int drop_at(const struct toast *t, uint64_t now_ms)
{
    const struct ui_widget *w = &t->base.base;
    int out = w->rect.y + w->rect.h - t->pill->rect.y + t->drop; /* to below the screen */
    uint64_t age = now_ms - t->start_ms;
    struct ui_tween tw;
    if (age < SLIDE_MS)
        ui_tween_start(&tw, out, 0, SLIDE_MS, UI_EASE_OUT_CUBIC, t->start_ms);
    else if (age + SLIDE_MS < (uint64_t)t->duration_ms)
        return 0;
    else
        ui_tween_start(&tw, 0, out, SLIDE_MS, UI_EASE_IN_OUT_CUBIC,
                       t->start_ms + (uint64_t)t->duration_ms - SLIDE_MS);
    return ui_tween_value(&tw, now_ms);
}

static void toast_layout(struct ui_widget *w)
{
    struct toast *t = as_toast(w);
    ui_container_layout(w);
    t->pill->rect.y += t->drop;
}

static void toast_restyle(struct ui_widget *w)
{
    struct toast *t = as_toast(w);
    const struct ui_theme *th = w->tree->theme;
    int s = ui_theme_space(th, UI_SPACE_M), l = ui_theme_space(th, UI_SPACE_L);
    ui_widget_set_padding(t->pill, (struct ui_insets){s, s, l, l});
    ui_widget_set_margin(t->pill, (struct ui_insets){0, ui_theme_space(th, UI_SPACE_XL), l, l});
    ui_container_set_background(t->pill, UI_COLOR_TEXT, ui_theme_type_px(th, UI_TYPE_BODY) + s);
}

static bool toast_event(struct ui_widget *w, const struct ui_event *ev)
{
    struct toast *t = as_toast(w);
    if (ev->type != UI_EVENT_TICK)
        return false;
    if (ev->now_ms >= t->start_ms + (uint64_t)t->duration_ms) {
        ui_tree_close_overlay(w->tree, w);
        return true;
    }
    if (w->rect.h == 0)
        return true; /* not laid out yet */
    int drop = drop_at(t, ev->now_ms);
    if (drop != t->drop) {
        ui_widget_invalidate(t->pill);
        ui_widget_translate(t->pill, 0, drop - t->drop);
        t->drop = drop;
        ui_widget_invalidate(t->pill);
    }
    return true;
}

static const struct ui_widget_class toast_class = {
    .name = "toast",
    .base = &ui_container_class,
    .size = sizeof(struct toast),
    .measure = ui_container_measure,
    .layout = toast_layout,
    .event = toast_event,
    .restyle = toast_restyle,
};

bool ui_toast_show(struct ui_tree *tree, const char *text, int duration_ms)
{
    if (!tree || !text || duration_ms <= 0)
        return false;
    struct ui_widget *w = ui_widget_new(&toast_class);
    if (!w)
        return false;
    ui_container_init(w, UI_LAYOUT_STACK, 0);
    w->flags |= UI_WF_PASS_THROUGH | UI_WF_TICK;
    struct toast *t = as_toast(w);
    t->start_ms = tree->now_ms;
    t->duration_ms = duration_ms;
    t->drop = tree->h; /* starts below the screen */
    t->pill = ui_widget_add(w, ui_row_new(0));
    struct ui_widget *label = ui_widget_add(t->pill, ui_label_new(text, UI_TYPE_BODY));
    if (!t->pill || !label) {
        ui_widget_free(w);
        return false;
    }
    ui_label_set_color(label, UI_COLOR_SURFACE);
    ui_label_set_max_lines(label, 2);
    ui_widget_set_align(t->pill, UI_ALIGN_CENTER, UI_ALIGN_END);
    return ui_tree_open_overlay(tree, w);
}
