/* Shared building blocks of the kiosk screens (see kiosk/screens/kit.h). */
#include "kiosk/screens/kit.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ui/w_container.h"
#include "ui/w_icon.h"
#include "ui/w_label.h"

#define RLM "\xE2\x80\x8F" /* U+200F RIGHT-TO-LEFT MARK: makes a price an RTL paragraph */
#define LRI "\xE2\x81\xA6" /* U+2066 LEFT-TO-RIGHT ISOLATE ... */
#define PDI "\xE2\x81\xA9" /* ... U+2069 POP DIRECTIONAL ISOLATE */

enum ui_digits ks_kit_digits(const ks_kiosk_ui *k)
{
    return k->c.cfg->numerals == KS_NUMERALS_ARABIC_INDIC ? UI_DIGITS_ARABIC_INDIC
                                                          : UI_DIGITS_WESTERN;
}

void ks_kit_money(const ks_kiosk_ui *k, ks_money amount, bool signed_delta, char *out, size_t cap)
{
    char number[KS_MONEY_NUMBER_CAP];
    const ks_currency *cur = ks_catalog_currency(k->c.catalog);
    if (ks_money_format_number(number, sizeof number, amount, cur, k->c.cfg->numerals, true) < 0)
        number[0] = '\0';
    const char *plus = signed_delta && amount > 0 ? "+" : "";
    if (ks_ui_lang(k) == KS_LANG_EN) {
        snprintf(out, cap, "%s%s %s", plus, number, cur->symbol_en ? cur->symbol_en : "");
        return;
    }
    /*
     * Arabic: amount then sign, read right to left, so the sign lands on the
     * number's left. The number itself is isolated left to right, or bidi
     * would move its "+" or "-" to its right ("2.00-").
     */
    snprintf(out, cap, RLM LRI "%s%s" PDI " %s", plus, number,
             cur->symbol_ar ? cur->symbol_ar : "");
}

void ks_kit_int(const ks_kiosk_ui *k, long value, char *out, size_t cap)
{
    if (!ui_digits_format_int(value, ks_kit_digits(k), out, cap) && cap > 0)
        out[0] = '\0';
}

struct ui_widget *ks_kit_centered(const char *text, enum ui_type_role type,
                                  enum ui_font_weight weight, enum ui_color_role color)
{
    struct ui_widget *l = ui_label_new_styled(text, type, weight, color);
    ui_label_set_align(l, UI_LABEL_ALIGN_CENTER);
    return l;
}

struct ui_widget *ks_kit_price(const ks_kiosk_ui *k, ks_money amount, enum ui_type_role type,
                               enum ui_color_role color)
{
    char text[KS_KIT_MONEY_CAP];
    ks_kit_money(k, amount, false, text, sizeof text);
    struct ui_widget *l = ui_label_new_styled(text, type, UI_FONT_BOLD, color);
    ui_label_set_max_lines(l, 1);
    return l;
}

struct ui_widget *ks_kit_fill(void)
{
    struct ui_widget *w = ui_column_new(0);
    ui_widget_set_size(w, UI_SIZE_FILL, UI_SIZE_FILL);
    return w;
}

struct ui_widget *ks_kit_title(const char *text)
{
    struct ui_widget *l = ks_kit_centered(text, UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT);
    ui_widget_set_margin(l, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    return l;
}

struct ui_widget *ks_kit_screen(ks_kiosk_ui *k, struct ui_widget **body)
{
    struct ui_widget *root = ui_column_new(0);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    if (k->session.reach) {
        /* The upper half stays quiet: only a note saying why the screen moved. */
        struct ui_widget *top = ui_widget_add(root, ui_column_new(24));
        ui_widget_set_size(top, UI_SIZE_FILL, ui_tree_height(k->c.tree) / 2);
        ui_container_set_background(top, UI_COLOR_SURFACE_ALT, 0);
        ui_container_set_justify(top, UI_JUSTIFY_CENTER);
        ui_container_set_align(top, UI_ALIGN_CENTER);
        struct ui_widget *icon = ui_widget_add(top, ks_picto_new(KS_PICTO_REACH, 120));
        ks_picto_set_color(icon, UI_COLOR_TEXT_MUTED);
        struct ui_widget *note =
            ui_widget_add(top, ks_kit_centered(ks_ui_str(k, KS_STR_REACH_HINT), UI_TYPE_HEADING,
                                               UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        ui_widget_set_size(note, UI_SIZE_FILL, UI_SIZE_AUTO);
    }
    *body = ui_widget_add(root, ui_column_new(0));
    ui_widget_set_size(*body, UI_SIZE_FILL, UI_SIZE_FILL);
    return root;
}

static void on_event_button(struct ui_widget *w, void *user)
{
    ks_ui_send(user, (enum ks_event_kind)(uintptr_t)ui_widget_user_data(w));
}

struct ui_widget *ks_kit_event_button(ks_kiosk_ui *k, const char *text, enum ui_button_style style,
                                      enum ks_event_kind kind, const char *name)
{
    struct ui_widget *b = ui_button_new(text, style);
    ui_widget_set_user_data(b, (void *)(uintptr_t)kind);
    ui_widget_on_click(b, on_event_button, k);
    return name ? ks_ui_name(b, name) : b;
}

struct ui_widget *ks_kit_header(ks_kiosk_ui *k, unsigned flags, ui_widget_fn back_fn)
{
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_padding(row, (struct ui_insets){20, 12, 24, 24});
    ui_widget_set_min_size(row, 0, 136);
    if (flags & KS_KIT_HEADER_BACK) {
        struct ui_widget *back =
            ui_widget_add(row, ks_kit_event_button(k, ks_ui_str(k, KS_STR_BACK), UI_BUTTON_GHOST,
                                                   KS_EV_BACK, "back"));
        ui_button_set_icon(back, UI_ICON_ARROW_BACK);
        if (back_fn)
            ui_widget_on_click(back, back_fn, k);
    }
    const char *store =
        ks_ui_lang(k) == KS_LANG_AR ? k->c.cfg->store_name_ar : k->c.cfg->store_name_en;
    struct ui_widget *brand = ui_widget_add(
        row, ui_label_new_styled(store, UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_PRIMARY));
    ui_label_set_max_lines(brand, 1);
    ui_widget_set_size(brand, UI_SIZE_FILL, UI_SIZE_AUTO);
    if (!(flags & KS_KIT_HEADER_BACK))
        ui_widget_set_margin(brand, (struct ui_insets){0, 0, 16, 0});
    if (flags & KS_KIT_HEADER_START_OVER) {
        struct ui_widget *cancel = ui_widget_add(
            row, ks_kit_event_button(k, ks_ui_str(k, KS_STR_START_OVER), UI_BUTTON_GHOST,
                                     KS_EV_START_OVER, "start-over"));
        ui_button_set_icon(cancel, UI_ICON_CLOSE);
    }
    return row;
}

static void on_reach(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    k->session.reach = !k->session.reach;
    ks_ui_refresh(k);
}

struct ui_widget *ks_kit_action_bar(ks_kiosk_ui *k)
{
    struct ui_widget *bar = ui_row_new(20);
    ui_container_set_background(bar, UI_COLOR_SURFACE, 0);
    ui_widget_set_padding(bar, (struct ui_insets){24, 24, 24, KS_KIT_MARGIN});
    struct ui_widget *reach = ui_widget_add(
        bar, ui_button_new(NULL, k->session.reach ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY));
    ui_widget_set_size(reach, KS_KIT_TOUCH_MIN + 8, KS_KIT_TOUCH_MIN + 8);
    struct ui_widget *icon = ui_widget_add(reach, ks_picto_new(KS_PICTO_REACH, 56));
    ks_picto_set_color(icon, k->session.reach ? UI_COLOR_ON_PRIMARY : UI_COLOR_ON_SECONDARY);
    ui_widget_on_click(reach, on_reach, k);
    ks_ui_name(reach, "reach");
    return bar;
}

struct ui_widget *ks_kit_tile(ks_kiosk_ui *k, enum ks_picto picto, const char *title,
                              const char *subtitle, ui_widget_fn fn, void *data, const char *name)
{
    struct ui_widget *card = ui_stack_new();
    ui_container_set_background(card, UI_COLOR_SURFACE, 28);
    struct ui_widget *button = ui_widget_add(card, ui_button_new(NULL, UI_BUTTON_GHOST));
    ui_widget_set_size(button, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(button, (struct ui_insets){32, 32, 24, 24});
    struct ui_widget *col = ui_widget_add(button, ui_column_new(16));
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_add(col, ks_picto_new(picto, 200));
    struct ui_widget *t =
        ui_widget_add(col, ks_kit_centered(title, UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_size(t, UI_SIZE_FILL, UI_SIZE_AUTO);
    if (subtitle) {
        struct ui_widget *s = ui_widget_add(
            col, ks_kit_centered(subtitle, UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        ui_widget_set_size(s, UI_SIZE_FILL, UI_SIZE_AUTO);
    }
    ui_widget_set_user_data(button, data);
    ui_widget_on_click(button, fn, k);
    if (name)
        ks_ui_name(button, name);
    return card;
}

struct ui_widget *ks_kit_keypad(ks_kiosk_ui *k, enum ui_keypad_mode mode, int min_digits,
                                int max_digits, int px, const char *prefix, ui_widget_fn fn)
{
    struct ui_widget *keypad = ui_keypad_new(mode, min_digits, max_digits, ks_ui_str(k, KS_STR_OK));
    ui_widget_set_size(keypad, px, UI_SIZE_AUTO);
    ui_keypad_set_digits(keypad, ks_kit_digits(k));
    ui_widget_on_click(keypad, fn, k);
    ks_ui_name(keypad, prefix);
    /* The grid's keys in their order: 1-9, back, 0, OK. */
    static const char *const keys[12] = {"1", "2", "3", "4",    "5", "6",
                                         "7", "8", "9", "back", "0", "ok"};
    struct ui_widget *grid = ui_widget_child(keypad, 1);
    for (int i = 0; i < 12 && i < ui_widget_child_count(grid); i++) {
        char name[KS_UI_NAME_MAX];
        snprintf(name, sizeof name, "%s-%s", prefix, keys[i]);
        ks_ui_name(ui_widget_child(grid, i), name);
    }
    return keypad;
}
