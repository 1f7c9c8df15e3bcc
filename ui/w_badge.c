/* Badges (see ui/w_badge.h). */
#include "ui/w_badge.h"

#include <stdlib.h>
#include <string.h>

#include "ui/widget_class.h"

struct badge {
    struct ui_widget base;
    char *text; /* owned */
    enum ui_badge_style style;
};

static const struct ui_widget_class badge_class;

static struct badge *as_badge(const struct ui_widget *w)
{
    return ui_widget_is(w, &badge_class) ? (struct badge *)(void *)w : NULL;
}

static struct ui_text_style badge_text_style(const struct ui_widget *w)
{
    return (struct ui_text_style){
        .size_px = ui_theme_type_px(w->tree->theme, UI_TYPE_BADGE),
        .weight = UI_FONT_BOLD,
        .align = UI_TEXT_ALIGN_CENTER,
        .max_lines = 1,
    };
}

static void badge_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    struct ui_text_style st = badge_text_style(w);
    struct ui_text_metrics m;
    ui_text_measure(w->tree->text, as_badge(w)->text, &st, &m);
    *out_w = m.width;
    *out_h = m.height;
}

static void badge_restyle(struct ui_widget *w)
{
    const struct ui_theme *th = w->tree->theme;
    int v = ui_theme_space(th, UI_SPACE_XS) / 2, h = ui_theme_space(th, UI_SPACE_S);
    w->padding = (struct ui_insets){v, v, h, h};
    /* A single character makes a circle. */
    w->min_width = ui_theme_type_px(th, UI_TYPE_BADGE) * 3 / 2 + 2 * v;
}

static void badge_draw(struct ui_widget *w)
{
    const struct badge *b = as_badge(w);
    const struct ui_theme *th = w->tree->theme;
    static const enum ui_color_role fills[] = {UI_COLOR_ACCENT, UI_COLOR_PRIMARY, UI_COLOR_DANGER,
                                               UI_COLOR_SUCCESS};
    enum ui_color_role fg = b->style == UI_BADGE_ACCENT ? UI_COLOR_ON_ACCENT : UI_COLOR_ON_PRIMARY;
    w->radius = w->rect.h / 2;
    ui_draw_round_fill(w->tree->draw, w->rect, w->radius, ui_theme_color(th, fills[b->style]));
    struct ui_text_style st = badge_text_style(w);
    struct ui_text_metrics m;
    if (!ui_text_measure(w->tree->text, b->text, &st, &m))
        return;
    ui_text_draw(w->tree->text, b->text, &st, ui_theme_color(th, fg), w->rect.x,
                 w->rect.y + (w->rect.h - m.height) / 2, w->rect.w);
}

static void badge_destroy(struct ui_widget *w)
{
    free(as_badge(w)->text);
}

static const struct ui_widget_class badge_class = {
    .name = "badge",
    .size = sizeof(struct badge),
    .measure = badge_measure,
    .draw = badge_draw,
    .destroy = badge_destroy,
    .restyle = badge_restyle,
};

struct ui_widget *ui_badge_new(const char *text, enum ui_badge_style style)
{
    struct ui_widget *w = ui_widget_new(&badge_class);
    if (!w)
        return NULL;
    struct badge *b = as_badge(w);
    b->style = (unsigned)style <= UI_BADGE_SUCCESS ? style : UI_BADGE_ACCENT;
    if (!ui_badge_set_text(w, text ? text : "")) {
        ui_widget_free(w);
        return NULL;
    }
    return w;
}

bool ui_badge_set_text(struct ui_widget *w, const char *text)
{
    struct badge *b = as_badge(w);
    if (!b || !text)
        return false;
    size_t len = strnlen(text, UI_TEXT_MAX_BYTES + 1);
    char *copy = len <= UI_TEXT_MAX_BYTES ? malloc(len + 1) : NULL;
    if (!copy)
        return false;
    memcpy(copy, text, len + 1);
    free(b->text);
    b->text = copy;
    ui_widget_invalidate(w);
    ui_widget_request_layout(w);
    return true;
}
