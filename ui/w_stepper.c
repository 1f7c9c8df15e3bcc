/* Quantity steppers (see ui/w_stepper.h). */
#include "ui/w_stepper.h"

#include "ui/w_button.h"
#include "ui/w_container_class.h"
#include "ui/w_label.h"
#include "ui/widget_class.h"

struct stepper {
    struct ui_container base;
    int min, max, value;
    enum ui_digits digits;
    struct ui_widget *minus, *plus, *label; /* borrowed children */
};

static const struct ui_widget_class stepper_class;

static struct stepper *as_stepper(const struct ui_widget *w)
{
    return ui_widget_is(w, &stepper_class) ? (struct stepper *)(void *)w : NULL;
}

static void show_value(struct stepper *s)
{
    char text[32];
    ui_digits_format_int(s->value, s->digits, text, sizeof text);
    ui_label_set_text(s->label, text);
    ui_widget_set_enabled(s->minus, s->value > s->min);
    ui_widget_set_enabled(s->plus, s->value < s->max);
}

static void step(struct ui_widget *button, void *user)
{
    struct stepper *s = user;
    int next = s->value + (button == s->plus ? 1 : -1);
    if (next < s->min || next > s->max)
        return;
    s->value = next;
    show_value(s);
    ui_widget_notify_change(&s->base.base);
}

static void stepper_restyle(struct ui_widget *w)
{
    struct stepper *s = as_stepper(w);
    const struct ui_theme *th = w->tree->theme;
    int side = ui_theme_metric(th, UI_METRIC_STEPPER_BUTTON);
    ui_widget_set_size(s->minus, side, side);
    ui_widget_set_size(s->plus, side, side);
    s->base.gap = ui_theme_space(th, UI_SPACE_S);
    /* Room for two digits, so the buttons do not move as the value changes. */
    ui_widget_set_min_size(s->label, ui_theme_type_px(th, UI_TYPE_HEADING) * 3 / 2, 0);
}

static const struct ui_widget_class stepper_class = {
    .name = "stepper",
    .base = &ui_container_class,
    .size = sizeof(struct stepper),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = ui_container_draw,
    .restyle = stepper_restyle,
};

static struct ui_widget *round_button(struct ui_widget *parent, enum ui_icon icon,
                                      struct stepper *s)
{
    struct ui_widget *b = ui_widget_add(parent, ui_button_new(NULL, UI_BUTTON_SECONDARY));
    if (!b || !ui_button_set_icon(b, icon))
        return NULL;
    ui_button_set_pill(b, true);
    ui_widget_on_click(b, step, s);
    return b;
}

struct ui_widget *ui_stepper_new(int min, int max, int value)
{
    if (min > max)
        return NULL;
    struct ui_widget *w = ui_widget_new(&stepper_class);
    if (!w)
        return NULL;
    ui_container_init(w, UI_LAYOUT_ROW, 0);
    struct stepper *s = as_stepper(w);
    s->min = min;
    s->max = max;
    s->value = value < min ? min : value > max ? max : value;
    s->minus = round_button(w, UI_ICON_MINUS, s);
    s->label = ui_widget_add(w, ui_label_new(NULL, UI_TYPE_HEADING));
    s->plus = round_button(w, UI_ICON_PLUS, s);
    if (!s->minus || !s->label || !s->plus) {
        ui_widget_free(w);
        return NULL;
    }
    ui_label_set_weight(s->label, UI_FONT_BOLD);
    ui_label_set_align(s->label, UI_LABEL_ALIGN_CENTER);
    show_value(s);
    return w;
}

int ui_stepper_value(const struct ui_widget *w)
{
    const struct stepper *s = as_stepper(w);
    return s ? s->value : 0;
}

void ui_stepper_set_value(struct ui_widget *w, int value)
{
    struct stepper *s = as_stepper(w);
    if (!s)
        return;
    s->value = value < s->min ? s->min : value > s->max ? s->max : value;
    show_value(s);
}

void ui_stepper_set_digits(struct ui_widget *w, enum ui_digits digits)
{
    struct stepper *s = as_stepper(w);
    if (!s)
        return;
    s->digits = digits;
    show_value(s);
}
