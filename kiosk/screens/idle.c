/* The idle countdown overlay (see kiosk/screens/idle.h). */
#include "kiosk/screens/idle.h"

#include <stdio.h>

#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/widget_class.h"

#define RING_PX 300

/* The countdown ring: an arc shrinking to the deadline, the whole seconds left inside. */
struct ring {
    struct ui_widget base;
    int64_t deadline_ms, total_ms;
    enum ui_digits digits;
};

static const struct ui_widget_class ring_class;

static struct ring *as_ring(const struct ui_widget *w)
{
    return ui_widget_is(w, &ring_class) ? (struct ring *)(void *)w : NULL;
}

static int64_t remaining(const struct ring *r)
{
    int64_t left = r->deadline_ms - (int64_t)r->base.tree->now_ms;
    return left < 0 ? 0 : left > r->total_ms ? r->total_ms : left;
}

static void ring_draw(struct ui_widget *w)
{
    const struct ring *r = as_ring(w);
    const struct ui_theme *th = w->tree->theme;
    SDL_Rect box = ui_widget_content(w);
    int radius = (box.w < box.h ? box.w : box.h) / 2;
    int cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    int64_t left = remaining(r);
    double sweep = r->total_ms > 0 ? 360.0 * (double)left / (double)r->total_ms : 0.0;
    ui_draw_arc(w->tree->draw, cx, cy, radius, radius / 7, 0.0, 360.0,
                ui_theme_color(th, UI_COLOR_SURFACE_ALT));
    /* The arc empties the reading way: clockwise in English, the other way in Arabic. */
    double start = w->rtl ? 360.0 - sweep : 0.0;
    if (sweep > 0.5)
        ui_draw_arc(w->tree->draw, cx, cy, radius, radius / 7, start, sweep,
                    ui_theme_color(th, UI_COLOR_PRIMARY));
    char digits[16];
    ui_digits_format_int((long)((left + 999) / 1000), r->digits, digits, sizeof digits);
    struct ui_text_style st = {
        .size_px = radius * 4 / 5, .weight = UI_FONT_BOLD, .align = UI_TEXT_ALIGN_CENTER};
    struct ui_text_metrics m;
    if (ui_text_measure(w->tree->text, digits, &st, &m))
        ui_text_draw(w->tree->text, digits, &st, ui_theme_color(th, UI_COLOR_TEXT), box.x,
                     cy - m.height / 2, box.w);
}

static bool ring_event(struct ui_widget *w, const struct ui_event *ev)
{
    if (ev->type != UI_EVENT_TICK)
        return false;
    ui_widget_invalidate(w);
    return true;
}

static const struct ui_widget_class ring_class = {
    .name = "countdown",
    .size = sizeof(struct ring),
    .draw = ring_draw,
    .event = ring_event,
};

static struct ui_widget *ring_new(ks_kiosk_ui *k)
{
    struct ui_widget *w = ui_widget_new(&ring_class);
    struct ring *r = as_ring(w);
    if (!r)
        return NULL;
    r->deadline_ms = k->journey.idle_deadline_ms;
    r->total_ms = k->rules.idle_countdown_ms;
    r->digits = ks_kit_digits(k);
    w->width = w->height = k->session.reach ? RING_PX * 2 / 3 : RING_PX;
    w->flags |= UI_WF_TICK;
    return w;
}

static struct ui_widget *overlay_new(ks_kiosk_ui *k)
{
    struct ui_widget *veil = ui_stack_new();
    ui_container_set_background(veil, UI_COLOR_SCRIM, 0);
    ui_widget_set_flags(veil, UI_WF_MODAL, true);
    ui_widget_set_dir(veil, ks_ui_lang(k) == KS_LANG_AR ? UI_DIR_RTL : UI_DIR_LTR);
    struct ui_widget *card = ui_widget_add(veil, ui_column_new(32));
    ui_widget_set_size(card, 880, UI_SIZE_AUTO);
    ui_widget_set_align(card, UI_ALIGN_CENTER, k->session.reach ? UI_ALIGN_END : UI_ALIGN_CENTER);
    ui_widget_set_margin(card, (struct ui_insets){48, 48, 48, 48});
    ui_widget_set_padding(card, (struct ui_insets){56, 48, 48, 48});
    ui_container_set_background(card, UI_COLOR_SURFACE, 36);
    ui_container_set_align(card, UI_ALIGN_CENTER);
    struct ui_widget *title =
        ui_widget_add(card, ks_kit_centered(ks_ui_str(k, KS_STR_STILL_THERE), UI_TYPE_DISPLAY,
                                            UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_size(title, UI_SIZE_FILL, UI_SIZE_AUTO);
    ks_ui_name(ui_widget_add(card, ring_new(k)), "countdown");
    struct ui_widget *sub =
        ui_widget_add(card, ks_kit_centered(ks_ui_str(k, KS_STR_IDLE_SUB), UI_TYPE_HEADING,
                                            UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    ui_widget_set_size(sub, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *buttons = ui_widget_add(card, ui_column_new(16));
    ui_widget_set_size(buttons, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(buttons, ks_kit_event_button(k, ks_ui_str(k, KS_STR_STILL_HERE),
                                               UI_BUTTON_PRIMARY, KS_EV_STILL_HERE, "still-here"));
    ui_widget_add(buttons,
                  ks_kit_event_button(k, ks_ui_str(k, KS_STR_START_OVER), UI_BUTTON_SECONDARY,
                                      KS_EV_START_OVER, "idle-start-over"));
    return veil;
}

void ks_idle_sync(ks_kiosk_ui *k)
{
    bool want = k->journey.idle_warning;
    if (want && !k->idle.overlay) {
        struct ui_widget *overlay = overlay_new(k);
        if (overlay && ui_tree_open_overlay(k->c.tree, overlay))
            k->idle.overlay = overlay;
    } else if (!want && k->idle.overlay) {
        ui_tree_close_overlay(k->c.tree, k->idle.overlay);
        k->idle.overlay = NULL;
    }
}
