/* Big single-line text (see kiosk/screens/big_text.h). */
#include "kiosk/screens/big_text.h"

#include <string.h>

#include "ui/widget_class.h"

#define BIG_TEXT_MAX 63

struct big_text {
    struct ui_widget base;
    char text[BIG_TEXT_MAX + 1];
    int size_px;
    enum ui_color_role color;
};

static const struct ui_widget_class big_text_class;

static struct big_text *as_big_text(const struct ui_widget *w)
{
    return ui_widget_is(w, &big_text_class) ? (struct big_text *)(void *)w : NULL;
}

static struct ui_text_style style_of(const struct big_text *b)
{
    return (struct ui_text_style){
        .size_px = b->size_px, .weight = UI_FONT_BOLD, .align = UI_TEXT_ALIGN_CENTER};
}

static void big_text_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    const struct big_text *b = as_big_text(w);
    struct ui_text_style st = style_of(b);
    struct ui_text_metrics m;
    *out_w = *out_h = 0;
    if (b->text[0] && ui_text_measure(w->tree->text, b->text, &st, &m)) {
        *out_w = m.width;
        *out_h = m.height;
    }
}

static void big_text_draw(struct ui_widget *w)
{
    const struct big_text *b = as_big_text(w);
    struct ui_text_style st = style_of(b);
    struct ui_text_metrics m;
    if (!b->text[0] || !ui_text_measure(w->tree->text, b->text, &st, &m))
        return;
    SDL_Rect box = ui_widget_content(w);
    int y = box.y + (box.h - m.height) / 2;
    ui_text_draw(w->tree->text, b->text, &st, ui_theme_color(w->tree->theme, b->color), box.x, y,
                 box.w);
}

static const struct ui_widget_class big_text_class = {
    .name = "big-text",
    .size = sizeof(struct big_text),
    .measure = big_text_measure,
    .draw = big_text_draw,
};

struct ui_widget *ks_big_text_new(const char *utf8, int size_px, enum ui_color_role color)
{
    struct ui_widget *w = ui_widget_new(&big_text_class);
    if (!w)
        return NULL;
    struct big_text *b = as_big_text(w);
    b->size_px = size_px;
    b->color = color;
    if (!ks_big_text_set(w, utf8 ? utf8 : "")) {
        ui_widget_free(w);
        return NULL;
    }
    return w;
}

bool ks_big_text_set(struct ui_widget *w, const char *utf8)
{
    struct big_text *b = as_big_text(w);
    if (!b || !utf8)
        return false;
    size_t len = strlen(utf8);
    if (len > BIG_TEXT_MAX)
        return false;
    if (strcmp(b->text, utf8) == 0)
        return true;
    memcpy(b->text, utf8, len + 1);
    ui_widget_invalidate(w);
    ui_widget_request_layout(w);
    return true;
}
