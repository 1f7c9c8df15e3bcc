/* Icon widgets (see ui/w_icon.h). */
#include "ui/w_icon.h"

#include "ui/widget_class.h"

struct icon {
    struct ui_widget base;
    enum ui_icon icon;
    enum ui_color_role color;
    enum ui_color_role disc; /* UI_COLOR_COUNT: none */
};

static const struct ui_widget_class icon_class;

static struct icon *as_icon(const struct ui_widget *w)
{
    return ui_widget_is(w, &icon_class) ? (struct icon *)(void *)w : NULL;
}

static void icon_draw(struct ui_widget *w)
{
    const struct icon *ic = as_icon(w);
    const struct ui_theme *th = w->tree->theme;
    SDL_Rect box = ui_widget_content(w);
    SDL_Rect glyph = box;
    if (ic->disc != UI_COLOR_COUNT) {
        int side = box.w < box.h ? box.w : box.h;
        ui_draw_disc(w->tree->draw, box.x + box.w / 2, box.y + box.h / 2, side / 2,
                     ui_theme_color(th, ic->disc));
        /* The glyph takes the middle of the disc. */
        int g = side * 11 / 20;
        glyph = (SDL_Rect){box.x + (box.w - g) / 2, box.y + (box.h - g) / 2, g, g};
    }
    ui_draw_icon(w->tree->draw, ic->icon, glyph, ui_theme_color(th, ic->color),
                 w->rtl && ic->icon == UI_ICON_ARROW_BACK);
}

static const struct ui_widget_class icon_class = {
    .name = "icon",
    .size = sizeof(struct icon),
    .draw = icon_draw,
};

struct ui_widget *ui_icon_new(enum ui_icon icon, int size_px)
{
    struct ui_widget *w = ui_widget_new(&icon_class);
    if (!w)
        return NULL;
    struct icon *ic = as_icon(w);
    ic->icon = icon;
    ic->color = UI_COLOR_TEXT;
    ic->disc = UI_COLOR_COUNT;
    w->width = w->height = size_px > 0 ? size_px : 1;
    return w;
}

void ui_icon_set_color(struct ui_widget *w, enum ui_color_role color)
{
    struct icon *ic = as_icon(w);
    if (!ic || ic->color == color)
        return;
    ic->color = color;
    ui_widget_invalidate(w);
}

void ui_icon_set_disc(struct ui_widget *w, enum ui_color_role role)
{
    struct icon *ic = as_icon(w);
    if (!ic)
        return;
    ic->disc = (unsigned)role < UI_COLOR_COUNT ? role : UI_COLOR_COUNT;
    w->radius = ic->disc != UI_COLOR_COUNT ? w->width / 2 : 0;
    ui_widget_invalidate(w);
}
