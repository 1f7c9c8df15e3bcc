/* Menu item cards (see ui/w_card.h). */
#include "ui/w_card.h"

#include "ui/w_badge.h"
#include "ui/w_container_class.h"
#include "ui/w_icon.h"
#include "ui/w_image.h"
#include "ui/w_label.h"
#include "ui/widget_class.h"

struct card {
    struct ui_container base;
    struct ui_widget *body;  /* borrowed child: the column of texts */
    struct ui_widget *add;   /* borrowed: the add mark */
    struct ui_widget *badge; /* borrowed, or NULL */
};

static const struct ui_widget_class card_class;

static struct card *as_card(const struct ui_widget *w)
{
    return ui_widget_is(w, &card_class) ? (struct card *)(void *)w : NULL;
}

static void card_restyle(struct ui_widget *w)
{
    struct card *c = as_card(w);
    const struct ui_theme *th = w->tree->theme;
    int s = ui_theme_space(th, UI_SPACE_S), xs = ui_theme_space(th, UI_SPACE_XS);
    w->padding = (struct ui_insets){s, ui_theme_space(th, UI_SPACE_M), s, s};
    w->radius = ui_theme_radius(th, UI_RADIUS_CARD);
    w->overflow =
        ui_theme_metric(th, UI_METRIC_SHADOW_BLUR) + ui_theme_metric(th, UI_METRIC_SHADOW_OFFSET);
    c->base.gap = s;
    c->body->padding = (struct ui_insets){0, 0, xs, xs};
    if (c->badge)
        c->badge->margin = (struct ui_insets){s, 0, s, 0};
    ui_container_set_gap(c->body, xs);
    int add = ui_theme_type_px(th, UI_TYPE_PRICE) * 8 / 5;
    ui_widget_set_size(c->add, add, add);
}

static void card_draw(struct ui_widget *w)
{
    const struct ui_theme *th = w->tree->theme;
    struct ui_draw *d = w->tree->draw;
    ui_draw_shadow(d, w->rect, w->radius, ui_theme_metric(th, UI_METRIC_SHADOW_BLUR),
                   ui_theme_metric(th, UI_METRIC_SHADOW_OFFSET),
                   ui_theme_color(th, UI_COLOR_SHADOW), true);
    SDL_Color surface = ui_theme_color(th, UI_COLOR_SURFACE);
    if (w->flags & UI_WF_PRESSED)
        surface = ui_color_mix(surface, ui_theme_color(th, UI_COLOR_TEXT), 20);
    ui_draw_round_fill(d, w->rect, w->radius, surface);
    if (th->high_contrast)
        ui_draw_round_frame(d, w->rect, w->radius, 2, ui_theme_color(th, UI_COLOR_BORDER));
}

static bool card_event(struct ui_widget *w, const struct ui_event *ev)
{
    if (ev->type == UI_EVENT_STATE)
        ui_widget_invalidate(w);
    return false;
}

static const struct ui_widget_class card_class = {
    .name = "card",
    .base = &ui_container_class,
    .size = sizeof(struct card),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = card_draw,
    .event = card_event,
    .restyle = card_restyle,
};

static struct ui_widget *text_label(struct ui_widget *parent, const char *text,
                                    enum ui_type_role type, enum ui_font_weight weight,
                                    enum ui_color_role color, int max_lines)
{
    struct ui_widget *l = ui_widget_add(parent, ui_label_new(text, type));
    ui_label_set_weight(l, weight);
    ui_label_set_color(l, color);
    ui_label_set_max_lines(l, max_lines);
    return l;
}

static bool build(struct card *c, const struct ui_card_content *content)
{
    struct ui_widget *w = &c->base.base;
    struct ui_widget *media = ui_widget_add(w, ui_stack_new());
    struct ui_widget *image = ui_widget_add(media, ui_image_new(content->image, UI_IMAGE_COVER));
    ui_image_set_aspect(image, 4, 3);
    ui_image_set_radius(image, UI_RADIUS_IMAGE);
    if (content->badge) {
        c->badge = ui_widget_add(media, ui_badge_new(content->badge, UI_BADGE_ACCENT));
        ui_widget_set_align(c->badge, UI_ALIGN_START, UI_ALIGN_START);
        if (!c->badge)
            return false;
    }
    c->body = ui_widget_add(w, ui_column_new(0));
    if (!media || !image || !c->body ||
        !text_label(c->body, content->title, UI_TYPE_BODY, UI_FONT_BOLD, UI_COLOR_TEXT, 2))
        return false;
    if (content->subtitle && !text_label(c->body, content->subtitle, UI_TYPE_CAPTION,
                                         UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED, 2))
        return false;
    struct ui_widget *line = ui_widget_add(c->body, ui_row_new(0));
    ui_container_set_justify(line, UI_JUSTIFY_SPACE_BETWEEN);
    if (!line || (content->price && !text_label(line, content->price, UI_TYPE_PRICE, UI_FONT_BOLD,
                                                UI_COLOR_PRIMARY, 1)))
        return false;
    c->add = ui_widget_add(line, ui_icon_new(UI_ICON_PLUS, 44));
    ui_icon_set_disc(c->add, UI_COLOR_PRIMARY);
    ui_icon_set_color(c->add, UI_COLOR_ON_PRIMARY);
    return c->add != NULL;
}

struct ui_widget *ui_card_new(const struct ui_card_content *content)
{
    if (!content || !content->title)
        return NULL;
    struct ui_widget *w = ui_widget_new(&card_class);
    if (!w)
        return NULL;
    ui_container_init(w, UI_LAYOUT_COLUMN, 0);
    /* Drawn by card_draw; set so that the picture's corners are rounded on the surface. */
    as_card(w)->base.background = UI_COLOR_SURFACE;
    w->flags |= UI_WF_CLICKABLE | UI_WF_FOCUSABLE;
    if (!build(as_card(w), content)) {
        ui_widget_free(w);
        return NULL;
    }
    return w;
}
