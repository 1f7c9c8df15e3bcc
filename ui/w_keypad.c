/* The on-screen digit keypad (see ui/w_keypad.h). */
#include "ui/w_keypad.h"

#include <string.h>

#include "ui/w_button.h"
#include "ui/w_container_class.h"
#include "ui/w_label.h"
#include "ui/widget_class.h"

enum { KEY_BACKSPACE = 9, KEY_ZERO = 10, KEY_OK = 11, KEY_COUNT = 12 };

struct keypad {
    struct ui_container base;
    enum ui_keypad_mode mode;
    enum ui_digits digits;
    int min_digits, max_digits;
    char value[UI_KEYPAD_MAX_DIGITS + 1];
    struct ui_widget *display;         /* borrowed child */
    struct ui_widget *grid;            /* borrowed child */
    struct ui_widget *keys[KEY_COUNT]; /* borrowed grandchildren */
};

/* The display: dots or digits in a field. */
struct display {
    struct ui_widget base;
    struct keypad *keypad; /* borrowed: its parent */
};

static const struct ui_widget_class keypad_class, display_class;

static struct keypad *as_keypad(const struct ui_widget *w)
{
    return ui_widget_is(w, &keypad_class) ? (struct keypad *)(void *)w : NULL;
}

static struct ui_text_style display_style(const struct ui_widget *w)
{
    return (struct ui_text_style){
        .size_px = ui_theme_type_px(w->tree->theme, UI_TYPE_TITLE),
        .weight = UI_FONT_BOLD,
        .dir = UI_TEXT_DIR_LTR, /* a number reads left to right in Arabic too */
        .align = UI_TEXT_ALIGN_CENTER,
        .max_lines = 1,
    };
}

static void display_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    struct ui_text_style st = display_style(w);
    struct ui_text_metrics m;
    ui_text_measure(w->tree->text, "0", &st, &m);
    *out_w = avail_w > 0 ? avail_w : 0;
    *out_h = m.height;
}

static void display_restyle(struct ui_widget *w)
{
    const struct ui_theme *th = w->tree->theme;
    ui_widget_set_padding_all(w, ui_theme_space(th, UI_SPACE_M));
    w->radius = ui_theme_radius(th, UI_RADIUS_KEY);
}

static void draw_dots(struct ui_widget *w, const struct keypad *k, SDL_Rect box)
{
    const struct ui_theme *th = w->tree->theme;
    int r = box.h / 4, gap = r * 2;
    int total = k->max_digits * 2 * r + (k->max_digits - 1) * gap;
    int x = box.x + (box.w - total) / 2 + r, cy = box.y + box.h / 2;
    int typed = (int)strlen(k->value);
    for (int i = 0; i < k->max_digits; i++, x += 2 * r + gap) {
        if (i < typed) {
            ui_draw_disc(w->tree->draw, x, cy, r, ui_theme_color(th, UI_COLOR_TEXT));
        } else {
            SDL_Rect ring = {x - r, cy - r, 2 * r, 2 * r};
            ui_draw_round_frame(w->tree->draw, ring, r, 3, ui_theme_color(th, UI_COLOR_BORDER));
        }
    }
}

static void display_draw(struct ui_widget *w)
{
    const struct display *d = (const struct display *)(const void *)w;
    const struct keypad *k = d->keypad;
    const struct ui_theme *th = w->tree->theme;
    ui_draw_round_fill(w->tree->draw, w->rect, w->radius, ui_theme_color(th, UI_COLOR_SURFACE));
    ui_draw_round_frame(w->tree->draw, w->rect, w->radius, 2, ui_theme_color(th, UI_COLOR_BORDER));
    SDL_Rect box = ui_widget_content(w);
    if (k->mode == UI_KEYPAD_PIN) {
        draw_dots(w, k, box);
        return;
    }
    char shown[UI_KEYPAD_MAX_DIGITS * 2 + 1];
    ui_digits_convert(k->value, k->digits, shown, sizeof shown);
    struct ui_text_style st = display_style(w);
    ui_text_draw(w->tree->text, shown, &st, ui_theme_color(th, UI_COLOR_TEXT), box.x, box.y, box.w);
}

static const struct ui_widget_class display_class = {
    .name = "keypad-display",
    .size = sizeof(struct display),
    .measure = display_measure,
    .draw = display_draw,
    .restyle = display_restyle,
};

static void changed(struct keypad *k)
{
    ui_widget_set_enabled(k->keys[KEY_OK], (int)strlen(k->value) >= k->min_digits);
    ui_widget_invalidate(k->display);
    ui_widget_notify_change(&k->base.base);
}

static void press_digit(struct keypad *k, int digit)
{
    size_t n = strlen(k->value);
    if ((int)n >= k->max_digits)
        return;
    k->value[n] = (char)('0' + digit);
    k->value[n + 1] = '\0';
    changed(k);
}

static void press_backspace(struct keypad *k)
{
    size_t n = strlen(k->value);
    if (n == 0)
        return;
    k->value[n - 1] = '\0';
    changed(k);
}

static void key_clicked(struct ui_widget *key, void *user)
{
    struct keypad *k = user;
    int i = 0;
    while (i < KEY_COUNT && k->keys[i] != key)
        i++;
    if (i < 9)
        press_digit(k, i + 1);
    else if (i == KEY_ZERO)
        press_digit(k, 0);
    else if (i == KEY_BACKSPACE)
        press_backspace(k);
    else if (i == KEY_OK && (int)strlen(k->value) >= k->min_digits) {
        struct ui_event ev = {.type = UI_EVENT_CLICK, .now_ms = key->tree ? key->tree->now_ms : 0};
        ui_widget_send(&k->base.base, &ev);
    }
}

static bool keypad_event(struct ui_widget *w, const struct ui_event *ev)
{
    struct keypad *k = as_keypad(w);
    if (ev->type != UI_EVENT_KEY)
        return false;
    if (ev->key >= UI_KEY_0 && ev->key <= UI_KEY_9) {
        press_digit(k, ev->key - UI_KEY_0);
        return true;
    }
    if (ev->key == UI_KEY_BACKSPACE) {
        press_backspace(k);
        return true;
    }
    return false;
}

static void keypad_restyle(struct ui_widget *w)
{
    struct keypad *k = as_keypad(w);
    const struct ui_theme *th = w->tree->theme;
    k->base.gap = ui_theme_space(th, UI_SPACE_M);
    ui_container_set_gap(k->grid, ui_theme_space(th, UI_SPACE_S));
    int key_h = ui_theme_metric(th, UI_METRIC_KEY_HEIGHT);
    for (int i = 0; i < KEY_COUNT; i++) {
        ui_widget_set_size(k->keys[i], UI_SIZE_AUTO, key_h);
        /* Keys are squarer than buttons: their own radius, after the button's restyle. */
        k->keys[i]->style_gen = w->tree->style_gen;
        k->keys[i]->cls->restyle(k->keys[i]);
        k->keys[i]->radius = ui_theme_radius(th, UI_RADIUS_KEY);
    }
}

static const struct ui_widget_class keypad_class = {
    .name = "keypad",
    .base = &ui_container_class,
    .size = sizeof(struct keypad),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = ui_container_draw,
    .event = keypad_event,
    .restyle = keypad_restyle,
};

static void label_keys(struct keypad *k)
{
    for (int i = 0; i < KEY_COUNT; i++) {
        int digit = i < 9 ? i + 1 : i == KEY_ZERO ? 0 : -1;
        if (digit < 0)
            continue;
        char text[8];
        ui_digits_format_int(digit, k->digits, text, sizeof text);
        ui_button_set_text(k->keys[i], text);
    }
}

static bool build(struct keypad *k, const char *ok_text)
{
    struct ui_widget *w = &k->base.base;
    k->display = ui_widget_add(w, ui_widget_new(&display_class));
    k->grid = ui_widget_add(w, ui_grid_new(3, 0));
    if (!k->display || !k->grid)
        return false;
    ((struct display *)(void *)k->display)->keypad = k;
    ui_widget_set_dir(k->grid, UI_DIR_LTR);
    for (int i = 0; i < KEY_COUNT; i++) {
        enum ui_button_style style = i == KEY_OK          ? UI_BUTTON_PRIMARY
                                     : i == KEY_BACKSPACE ? UI_BUTTON_GHOST
                                                          : UI_BUTTON_SECONDARY;
        bool text = i != KEY_BACKSPACE && (i != KEY_OK || ok_text);
        k->keys[i] =
            ui_widget_add(k->grid, ui_button_new(text && i == KEY_OK ? ok_text : NULL, style));
        if (!k->keys[i])
            return false;
        if (i == KEY_BACKSPACE && !ui_button_set_icon(k->keys[i], UI_ICON_BACKSPACE))
            return false;
        if (i == KEY_OK && !ok_text && !ui_button_set_icon(k->keys[i], UI_ICON_CHECK))
            return false;
        ui_widget_on_click(k->keys[i], key_clicked, k);
    }
    label_keys(k);
    return true;
}

struct ui_widget *ui_keypad_new(enum ui_keypad_mode mode, int min_digits, int max_digits,
                                const char *ok_text)
{
    if (min_digits < 1 || min_digits > max_digits || max_digits > UI_KEYPAD_MAX_DIGITS)
        return NULL;
    struct ui_widget *w = ui_widget_new(&keypad_class);
    if (!w)
        return NULL;
    ui_container_init(w, UI_LAYOUT_COLUMN, 0);
    struct keypad *k = as_keypad(w);
    k->mode = mode;
    k->min_digits = min_digits;
    k->max_digits = max_digits;
    if (!build(k, ok_text)) {
        ui_widget_free(w);
        return NULL;
    }
    ui_widget_set_enabled(k->keys[KEY_OK], false);
    return w;
}

const char *ui_keypad_value(const struct ui_widget *w)
{
    const struct keypad *k = as_keypad(w);
    return k ? k->value : NULL;
}

void ui_keypad_clear(struct ui_widget *w)
{
    struct keypad *k = as_keypad(w);
    if (!k || !k->value[0])
        return;
    k->value[0] = '\0';
    changed(k);
}

void ui_keypad_set_digits(struct ui_widget *w, enum ui_digits digits)
{
    struct keypad *k = as_keypad(w);
    if (!k)
        return;
    k->digits = digits;
    label_keys(k);
    ui_widget_invalidate(k->display);
}
