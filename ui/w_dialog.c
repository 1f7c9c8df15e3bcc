/* Modal dialogs: a scrim stack with a centred card (see ui/w_dialog.h). */
#include "ui/w_dialog.h"

#include "ui/w_container_class.h"
#include "ui/w_label.h"
#include "ui/widget_class.h"

#define DIALOG_MAX_WIDTH 760

struct dialog {
    struct ui_container base;
    struct ui_widget *box;     /* borrowed child: the card */
    struct ui_widget *buttons; /* borrowed: the button row */
};

static const struct ui_widget_class dialog_class;

static struct dialog *as_dialog(const struct ui_widget *w)
{
    return ui_widget_is(w, &dialog_class) ? (struct dialog *)(void *)w : NULL;
}

static void dialog_restyle(struct ui_widget *w)
{
    struct dialog *d = as_dialog(w);
    const struct ui_theme *th = w->tree->theme;
    int margin = ui_theme_space(th, UI_SPACE_XL);
    int width = w->tree->w - 2 * margin;
    ui_widget_set_size(d->box, width < DIALOG_MAX_WIDTH ? width : DIALOG_MAX_WIDTH, UI_SIZE_AUTO);
    ui_widget_set_padding_all(d->box, ui_theme_space(th, UI_SPACE_L));
    ui_container_set_gap(d->box, ui_theme_space(th, UI_SPACE_M));
    ui_container_set_background(d->box, UI_COLOR_SURFACE, ui_theme_radius(th, UI_RADIUS_DIALOG));
    ui_container_set_gap(d->buttons, ui_theme_space(th, UI_SPACE_S));
    ui_widget_set_margin(d->buttons, (struct ui_insets){ui_theme_space(th, UI_SPACE_S), 0, 0, 0});
}

static void dialog_draw(struct ui_widget *w)
{
    ui_draw_fill(w->tree->draw, w->rect, ui_theme_color(w->tree->theme, UI_COLOR_SCRIM));
}

static const struct ui_widget_class dialog_class = {
    .name = "dialog",
    .base = &ui_container_class,
    .size = sizeof(struct dialog),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = dialog_draw,
    .restyle = dialog_restyle,
};

static bool add_text(struct ui_widget *box, const char *text, enum ui_type_role type,
                     enum ui_font_weight weight, enum ui_color_role color)
{
    if (!text)
        return true;
    return ui_widget_add(box, ui_label_new_styled(text, type, weight, color)) != NULL;
}

struct ui_widget *ui_dialog_new(const char *title, const char *message)
{
    struct ui_widget *w = ui_widget_new(&dialog_class);
    if (!w)
        return NULL;
    ui_container_init(w, UI_LAYOUT_STACK, 0);
    ui_container_set_align(w, UI_ALIGN_CENTER);
    w->flags |= UI_WF_MODAL;
    struct dialog *d = as_dialog(w);
    d->box = ui_widget_add(w, ui_column_new(0));
    if (!d->box || !add_text(d->box, title, UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_TEXT) ||
        !add_text(d->box, message, UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED) ||
        !(d->buttons = ui_widget_add(d->box, ui_row_new(0)))) {
        ui_widget_free(w);
        return NULL;
    }
    return w;
}

struct ui_widget *ui_dialog_add_button(struct ui_widget *dialog, const char *text,
                                       enum ui_button_style style)
{
    struct dialog *d = as_dialog(dialog);
    if (!d)
        return NULL;
    struct ui_widget *b = ui_widget_add(d->buttons, ui_button_new(text, style));
    ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
    return b;
}
