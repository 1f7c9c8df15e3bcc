/* Buttons: a row container with a state-dependent background (see ui/w_button.h). */
#include "ui/w_button.h"

#include "ui/w_container_class.h"
#include "ui/w_icon.h"
#include "ui/w_label.h"
#include "ui/widget_class.h"

struct button {
    struct ui_container base;
    enum ui_button_style style;
    bool pill;
    struct ui_widget *label; /* borrowed child, or NULL */
    struct ui_widget *icon;  /* borrowed child, or NULL */
};

static const struct ui_widget_class button_class;

static struct button *as_button(const struct ui_widget *w)
{
    return ui_widget_is(w, &button_class) ? (struct button *)(void *)w : NULL;
}

/* Background (alpha 0: none) and content colour for the button's style and state. */
static SDL_Color button_colors(const struct button *b, enum ui_color_role *fg)
{
    const struct ui_widget *w = &b->base.base;
    const struct ui_theme *th = w->tree->theme;
    bool pressed = (w->flags & UI_WF_PRESSED) != 0;
    SDL_Color ink = ui_theme_color(th, UI_COLOR_TEXT);
    if (!ui_widget_is_enabled(w)) {
        *fg = UI_COLOR_ON_DISABLED;
        return b->style == UI_BUTTON_GHOST ? (SDL_Color){0, 0, 0, 0}
                                           : ui_theme_color(th, UI_COLOR_DISABLED);
    }
    switch (b->style) {
    case UI_BUTTON_PRIMARY: {
        *fg = UI_COLOR_ON_PRIMARY;
        SDL_Color bg = ui_theme_color(th, UI_COLOR_PRIMARY);
        return pressed ? ui_color_mix(bg, (SDL_Color){0, 0, 0, 255}, 56) : bg;
    }
    case UI_BUTTON_SECONDARY: {
        *fg = UI_COLOR_ON_SECONDARY;
        SDL_Color bg = ui_theme_color(th, UI_COLOR_SECONDARY);
        return pressed ? ui_color_mix(bg, ink, 40) : bg;
    }
    case UI_BUTTON_GHOST:
    default:
        *fg = UI_COLOR_PRIMARY;
        return pressed ? ui_theme_color(th, UI_COLOR_SECONDARY) : (SDL_Color){0, 0, 0, 0};
    }
}

/* Gives the label and icon the content colour of the current state. */
static void update_content(struct button *b)
{
    if (!b->base.base.tree)
        return;
    enum ui_color_role fg;
    button_colors(b, &fg);
    ui_label_set_color(b->label, fg);
    ui_icon_set_color(b->icon, fg);
}

static void button_restyle(struct ui_widget *w)
{
    struct button *b = as_button(w);
    const struct ui_theme *th = w->tree->theme;
    int side = b->label ? ui_theme_space(th, UI_SPACE_L) : 0;
    w->padding = (struct ui_insets){0, 0, side, side};
    int min = ui_theme_metric(th, UI_METRIC_BUTTON_HEIGHT);
    w->min_height = w->height == UI_SIZE_AUTO ? min : 0;
    w->min_width = w->width == UI_SIZE_AUTO ? min : 0;
    w->radius = ui_theme_radius(th, UI_RADIUS_BUTTON);
    b->base.gap = ui_theme_space(th, UI_SPACE_S);
    if (b->icon) {
        int icon = ui_theme_type_px(th, UI_TYPE_BUTTON) * 6 / 5;
        b->icon->width = b->icon->height = icon;
    }
    update_content(b);
}

static void button_draw(struct ui_widget *w)
{
    struct button *b = as_button(w);
    if (b->pill)
        w->radius = (w->rect.w < w->rect.h ? w->rect.w : w->rect.h) / 2;
    enum ui_color_role fg;
    SDL_Color bg = button_colors(b, &fg);
    ui_draw_round_fill(w->tree->draw, w->rect, w->radius, bg);
}

static bool button_event(struct ui_widget *w, const struct ui_event *ev)
{
    if (ev->type == UI_EVENT_STATE)
        update_content(as_button(w));
    return false;
}

static const struct ui_widget_class button_class = {
    .name = "button",
    .base = &ui_container_class,
    .size = sizeof(struct button),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = button_draw,
    .event = button_event,
    .restyle = button_restyle,
};

struct ui_widget *ui_button_new(const char *text, enum ui_button_style style)
{
    struct ui_widget *w = ui_widget_new(&button_class);
    if (!w)
        return NULL;
    ui_container_init(w, UI_LAYOUT_ROW, 0);
    ui_container_set_justify(w, UI_JUSTIFY_CENTER);
    struct button *b = as_button(w);
    b->style = style;
    w->flags |= UI_WF_CLICKABLE | UI_WF_FOCUSABLE;
    if (text && !ui_button_set_text(w, text)) {
        ui_widget_free(w);
        return NULL;
    }
    return w;
}

bool ui_button_set_text(struct ui_widget *w, const char *text)
{
    struct button *b = as_button(w);
    if (!b)
        return false;
    if (!b->label) {
        b->label = ui_widget_add(w, ui_label_new(NULL, UI_TYPE_BUTTON));
        if (!b->label)
            return false;
        ui_label_set_weight(b->label, UI_FONT_BOLD);
        ui_label_set_max_lines(b->label, 1);
        w->style_gen = 0;
    }
    return ui_label_set_text(b->label, text);
}

bool ui_button_set_icon(struct ui_widget *w, enum ui_icon icon)
{
    struct button *b = as_button(w);
    if (!b)
        return false;
    ui_widget_free(b->icon);
    b->icon = ui_widget_add(w, ui_icon_new(icon, 36));
    if (!b->icon)
        return false;
    /* The icon goes first: the start side. */
    for (int i = w->n_children - 1; i > 0; i--)
        w->children[i] = w->children[i - 1];
    w->children[0] = b->icon;
    w->style_gen = 0;
    return true;
}

void ui_button_set_style(struct ui_widget *w, enum ui_button_style style)
{
    struct button *b = as_button(w);
    if (!b || b->style == style)
        return;
    b->style = style;
    update_content(b);
    ui_widget_invalidate(w);
}

void ui_button_set_pill(struct ui_widget *w, bool pill)
{
    struct button *b = as_button(w);
    if (!b)
        return;
    b->pill = pill;
    if (!pill)
        w->style_gen = 0;
    ui_widget_invalidate(w);
}
