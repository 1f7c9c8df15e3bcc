/* Labels through the text engine (see ui/w_label.h). */
#include "ui/w_label.h"

#include <stdlib.h>
#include <string.h>

#include "ui/widget_class.h"

struct label {
    struct ui_widget base;
    char *text; /* owned, NUL-terminated */
    enum ui_type_role type;
    enum ui_font_weight weight;
    enum ui_color_role color;
    enum ui_label_align align;
    int max_lines;
};

static const struct ui_widget_class label_class;

static struct label *as_label(const struct ui_widget *w)
{
    return ui_widget_is(w, &label_class) ? (struct label *)(void *)w : NULL;
}

static struct ui_text_style style_of(const struct label *l, int max_width)
{
    return (struct ui_text_style){
        .size_px = ui_theme_type_px(l->base.tree->theme, l->type),
        .weight = l->weight,
        .dir = UI_TEXT_DIR_AUTO,
        .align = UI_TEXT_ALIGN_START,
        .max_width = max_width > 0 ? max_width : 0,
        .max_lines = l->max_lines,
    };
}

static void label_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    struct label *l = as_label(w);
    *out_w = *out_h = 0;
    if (!w->tree || !l->text[0])
        return;
    struct ui_text_style st = style_of(l, avail_w);
    struct ui_text_metrics m;
    if (ui_text_measure(w->tree->text, l->text, &st, &m)) {
        *out_w = m.width;
        *out_h = m.height;
    }
}

/* The engine aligns by the text's direction; turn layout-relative alignments into that. */
static enum ui_text_align engine_align(const struct label *l, bool text_rtl)
{
    switch (l->align) {
    case UI_LABEL_ALIGN_CENTER:
        return UI_TEXT_ALIGN_CENTER;
    case UI_LABEL_ALIGN_START:
        return text_rtl == l->base.rtl ? UI_TEXT_ALIGN_START : UI_TEXT_ALIGN_END;
    case UI_LABEL_ALIGN_END:
        return text_rtl == l->base.rtl ? UI_TEXT_ALIGN_END : UI_TEXT_ALIGN_START;
    case UI_LABEL_ALIGN_TEXT:
    default:
        return UI_TEXT_ALIGN_START;
    }
}

static void label_draw(struct ui_widget *w)
{
    struct label *l = as_label(w);
    if (!l->text[0])
        return;
    SDL_Rect box = ui_widget_content(w);
    struct ui_text_style st = style_of(l, box.w);
    struct ui_text_metrics m;
    if (!ui_text_measure(w->tree->text, l->text, &st, &m))
        return;
    st.align = engine_align(l, m.rtl);
    int y = box.y + (box.h > m.height ? (box.h - m.height) / 2 : 0);
    ui_text_draw(w->tree->text, l->text, &st, ui_theme_color(w->tree->theme, l->color), box.x, y,
                 box.w);
}

static void label_destroy(struct ui_widget *w)
{
    free(as_label(w)->text);
}

static const struct ui_widget_class label_class = {
    .name = "label",
    .size = sizeof(struct label),
    .measure = label_measure,
    .draw = label_draw,
    .destroy = label_destroy,
};

struct ui_widget *ui_label_new(const char *utf8, enum ui_type_role type)
{
    struct ui_widget *w = ui_widget_new(&label_class);
    if (!w)
        return NULL;
    struct label *l = as_label(w);
    l->type = type;
    l->weight = UI_FONT_REGULAR;
    l->color = UI_COLOR_TEXT;
    l->align = UI_LABEL_ALIGN_TEXT;
    l->text = calloc(1, 1);
    if (!l->text || !ui_label_set_text(w, utf8 ? utf8 : "")) {
        ui_widget_free(w);
        return NULL;
    }
    return w;
}

struct ui_widget *ui_label_new_styled(const char *utf8, enum ui_type_role type,
                                      enum ui_font_weight weight, enum ui_color_role color)
{
    struct ui_widget *l = ui_label_new(utf8, type);
    ui_label_set_weight(l, weight);
    ui_label_set_color(l, color);
    ui_label_set_align(l, UI_LABEL_ALIGN_START);
    return l;
}

bool ui_label_set_text(struct ui_widget *w, const char *utf8)
{
    struct label *l = as_label(w);
    if (!l || !utf8)
        return false;
    size_t len = strnlen(utf8, UI_TEXT_MAX_BYTES + 1);
    if (len > UI_TEXT_MAX_BYTES)
        return false;
    if (strcmp(l->text, utf8) == 0)
        return true;
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, utf8, len + 1);
    free(l->text);
    l->text = copy;
    ui_widget_invalidate(w);
    ui_widget_request_layout(w);
    return true;
}

const char *ui_label_text(const struct ui_widget *w)
{
    const struct label *l = as_label(w);
    return l ? l->text : NULL;
}

void ui_label_set_type(struct ui_widget *w, enum ui_type_role type)
{
    struct label *l = as_label(w);
    if (!l || l->type == type)
        return;
    l->type = type;
    ui_widget_invalidate(w);
    ui_widget_request_layout(w);
}

void ui_label_set_weight(struct ui_widget *w, enum ui_font_weight weight)
{
    struct label *l = as_label(w);
    if (!l || l->weight == weight)
        return;
    l->weight = weight;
    ui_widget_invalidate(w);
    ui_widget_request_layout(w);
}

void ui_label_set_color(struct ui_widget *w, enum ui_color_role color)
{
    struct label *l = as_label(w);
    if (!l || l->color == color)
        return;
    l->color = color;
    ui_widget_invalidate(w);
}

void ui_label_set_align(struct ui_widget *w, enum ui_label_align align)
{
    struct label *l = as_label(w);
    if (!l || l->align == align)
        return;
    l->align = align;
    ui_widget_invalidate(w);
}

void ui_label_set_max_lines(struct ui_widget *w, int max_lines)
{
    struct label *l = as_label(w);
    if (!l)
        return;
    l->max_lines = max_lines > 0 ? max_lines : 0;
    ui_widget_invalidate(w);
    ui_widget_request_layout(w);
}
