/* The order review (see kiosk/screens/cart.h). */
#include "kiosk/screens/cart.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/w_stepper.h"

#define DETAILS_MAX 1024

static ks_line_id line_id_of(struct ui_widget *w)
{
    return (ks_line_id)(uintptr_t)ui_widget_user_data(w);
}

static void on_quantity(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_cart_set_quantity(k->cart, line_id_of(w), ui_stepper_value(w));
    ks_ui_cart_changed(k);
}

static void on_remove(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_cart_remove(k->cart, line_id_of(w));
    ks_ui_cart_changed(k);
}

static void on_edit(struct ui_widget *w, void *user)
{
    ks_ui_edit_line(user, line_id_of(w));
}

static void on_pay(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_line_issue issue;
    if (ks_cart_validate(k->cart, ks_ui_local_time(k), ks_ui_sold_out_check, k, &issue, 1) > 0) {
        char why[512];
        if (ks_cart_issue_describe(&issue, ks_ui_lang(k), why, sizeof why) >= 0)
            ks_ui_toast(k, why);
        return;
    }
    ks_ui_send(k, KS_EV_CHECKOUT);
}

/* Appends text to out (a list joined by the language's comma). */
static void append(char *out, size_t cap, const char *sep, const char *text)
{
    size_t len = strlen(out);
    if (len < cap)
        snprintf(out + len, cap - len, "%s%s", len ? sep : "", text);
}

static void append_options(const ks_kiosk_ui *k, const ks_cart_line *line, size_t slot,
                           const ks_item *product, char *out, size_t cap, const char *sep)
{
    for (size_t g = 0; g < product->n_modifier_groups; g++) {
        const ks_modifier_group *group = product->modifier_groups[g];
        for (size_t o = 0; o < group->n_options; o++) {
            /* Defaults of a required group say nothing the customer did not expect. */
            if (ks_cart_option_chosen(line, slot, g, o) &&
                !(group->options[o].is_default && group->min_choices > 0))
                append(out, cap, sep, ks_text_get(&group->options[o].name, ks_ui_lang(k)));
        }
    }
}

/* The line's choices in one sentence: size, each slot's product, options. */
static void details(const ks_kiosk_ui *k, const ks_cart_line *line, char *out, size_t cap)
{
    const char *sep = ks_ui_lang(k) == KS_LANG_AR ? "، " : ", ";
    out[0] = '\0';
    const ks_item *item = line->item;
    enum ks_lang lang = ks_ui_lang(k);
    if (item->n_sizes > 1)
        append(out, cap, sep, ks_text_get(&item->sizes[line->size].name, lang));
    for (size_t s = 0; s < item->n_slots; s++) {
        const ks_item *product = line->slots[s].mods.item;
        append(out, cap, sep, ks_text_get(&product->name, lang));
        append_options(k, line, s, product, out, cap, sep);
    }
    append_options(k, line, KS_CART_NO_SLOT, item, out, cap, sep);
}

static const ks_priced_line *priced(const ks_pricing *pricing, ks_line_id id)
{
    for (size_t i = 0; pricing && i < pricing->n_lines; i++)
        if (pricing->lines[i].line_id == id)
            return &pricing->lines[i];
    return NULL;
}

static struct ui_widget *small_button(ks_kiosk_ui *k, enum ks_str text, bool remove,
                                      ui_widget_fn fn, ks_line_id id, const char *prefix)
{
    struct ui_widget *b = ui_button_new(ks_ui_str(k, text), UI_BUTTON_GHOST);
    if (remove)
        ui_button_set_icon(b, UI_ICON_CLOSE);
    ui_widget_set_user_data(b, (void *)(uintptr_t)id);
    ui_widget_on_click(b, fn, k);
    char id_text[16];
    snprintf(id_text, sizeof id_text, "%u", (unsigned)id);
    return ks_ui_name2(b, prefix, id_text);
}

static struct ui_widget *line_card(ks_kiosk_ui *k, const ks_cart_line *line,
                                   const ks_priced_line *p)
{
    enum ks_lang lang = ks_ui_lang(k);
    struct ui_widget *card = ui_column_new(12);
    ui_container_set_background(card, UI_COLOR_SURFACE, 28);
    ui_widget_set_padding(card, (struct ui_insets){20, 12, 20, 20});

    struct ui_widget *top = ui_widget_add(card, ui_row_new(20));
    ui_container_set_align(top, UI_ALIGN_START);
    char path[2048];
    ks_item_picture(k, line->item->image, path, sizeof path);
    struct ui_widget *pic =
        ui_widget_add(top, ui_image_new(path[0] ? path : NULL, UI_IMAGE_CONTAIN));
    ui_widget_set_size(pic, 128, 128);
    struct ui_widget *text = ui_widget_add(top, ui_column_new(6));
    ui_widget_set_size(text, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(text, ui_label_new_styled(ks_text_get(&line->item->name, lang), UI_TYPE_HEADING,
                                            UI_FONT_BOLD, UI_COLOR_TEXT));
    char more[DETAILS_MAX];
    details(k, line, more, sizeof more);
    if (more[0]) {
        struct ui_widget *d = ui_widget_add(
            text, ui_label_new_styled(more, UI_TYPE_CAPTION, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        ui_label_set_max_lines(d, 3);
    }
    if (line->note[0]) {
        char note[KS_CART_NOTE_MAX + 64];
        snprintf(note, sizeof note, "%s %s", ks_ui_str(k, KS_STR_NOTE_LABEL), line->note);
        ui_widget_add(
            text, ui_label_new_styled(note, UI_TYPE_CAPTION, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    }
    for (size_t i = 0; p && i < p->n_promos; i++) {
        /* One line per offer, its amount shown like every other amount on screen. */
        char promo[512], amount[KS_KIT_MONEY_CAP];
        ks_kit_money(k, -p->promos[i].amount, false, amount, sizeof amount);
        snprintf(promo, sizeof promo, "%s: %s", ks_text_get(&p->promos[i].promo->name, lang),
                 amount);
        ks_ui_name(ui_widget_add(text, ui_label_new_styled(promo, UI_TYPE_CAPTION, UI_FONT_BOLD,
                                                           UI_COLOR_SUCCESS)),
                   "promo-note");
    }
    struct ui_widget *prices = ui_widget_add(top, ui_column_new(4));
    ui_container_set_align(prices, UI_ALIGN_END);
    if (p)
        ks_ui_name2(ui_widget_add(prices, ks_kit_price(k, p->amount - p->discount, UI_TYPE_PRICE,
                                                       UI_COLOR_TEXT)),
                    "line-price", line->item->id);

    struct ui_widget *actions = ui_widget_add(card, ui_row_new(12));
    ui_widget_set_size(actions, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *stepper =
        ui_widget_add(actions, ui_stepper_new(1, KS_CART_MAX_COUNT, line->quantity));
    ui_stepper_set_digits(stepper, ks_kit_digits(k));
    ui_widget_set_user_data(stepper, (void *)(uintptr_t)line->id);
    ui_widget_on_change(stepper, on_quantity, k);
    char id_text[16];
    snprintf(id_text, sizeof id_text, "%u", (unsigned)line->id);
    ks_ui_name2(ui_widget_child(stepper, 2), "line-plus", id_text);
    ks_ui_name2(ui_widget_child(stepper, 0), "line-minus", id_text);
    ui_widget_add(actions, ks_kit_fill());
    bool editable = line->item->kind == KS_ITEM_COMBO || line->item->n_modifier_groups > 0;
    if (editable)
        ui_widget_add(actions, small_button(k, KS_STR_EDIT, false, on_edit, line->id, "edit"));
    ui_widget_add(actions, small_button(k, KS_STR_REMOVE, true, on_remove, line->id, "remove"));
    return card;
}

static struct ui_widget *total_row(const ks_kiosk_ui *k, const char *label, ks_money amount,
                                   bool big, bool negative)
{
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    enum ui_type_role type = big ? UI_TYPE_TITLE : UI_TYPE_BODY;
    enum ui_font_weight weight = big ? UI_FONT_BOLD : UI_FONT_REGULAR;
    struct ui_widget *l =
        ui_widget_add(row, ui_label_new_styled(label, type, weight, UI_COLOR_TEXT));
    ui_widget_set_size(l, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(row, ks_kit_price(k, negative ? -amount : amount, type,
                                    negative ? UI_COLOR_SUCCESS : UI_COLOR_TEXT));
    return row;
}

/* "VAT 15% (included)" for a rate in basis points. */
static void vat_label(const ks_kiosk_ui *k, int32_t rate_bp, bool included, char *out, size_t cap)
{
    char rate[16];
    ks_kit_int(k, rate_bp / 100, rate, sizeof rate);
    const char *percent = ks_kit_digits(k) == UI_DIGITS_ARABIC_INDIC ? "\xD9\xAA" : "%";
    snprintf(out, cap, "%s %s%s%s%s", ks_ui_str(k, KS_STR_VAT), rate, percent, included ? " " : "",
             included ? ks_ui_str(k, KS_STR_VAT_INCLUDED) : "");
}

static struct ui_widget *totals(ks_kiosk_ui *k, const ks_pricing *p)
{
    struct ui_widget *panel = ui_column_new(8);
    ui_container_set_background(panel, UI_COLOR_SURFACE, 0);
    ui_widget_set_padding(panel, (struct ui_insets){20, 8, KS_KIT_MARGIN + 8, KS_KIT_MARGIN + 8});
    ui_widget_add(panel, total_row(k, ks_ui_str(k, KS_STR_SUBTOTAL), p->subtotal, false, false));
    if (p->discount > 0)
        ks_ui_name(ui_widget_add(panel, total_row(k, ks_ui_str(k, KS_STR_DISCOUNT), p->discount,
                                                  false, true)),
                   "discount");
    for (size_t i = 0; i < p->n_vat; i++) {
        char label[160];
        vat_label(k, p->vat[i].rate_bp, p->prices_include_tax, label, sizeof label);
        ui_widget_add(panel, total_row(k, label, p->vat[i].vat, false, false));
    }
    ks_ui_name(
        ui_widget_add(panel, total_row(k, ks_ui_str(k, KS_STR_TOTAL), p->total, true, false)),
        "total");
    return panel;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_START_OVER, NULL));
    struct ui_widget *title = ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_CART_TITLE)));
    ui_label_set_align(title, UI_LABEL_ALIGN_START);
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(body, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *list = ui_widget_add(scroll, ui_column_new(20));
    ui_widget_set_padding(list, (struct ui_insets){0, 32, KS_KIT_MARGIN, KS_KIT_MARGIN});
    const ks_pricing *pricing = ks_ui_pricing(k);
    size_t n = ks_cart_count(k->cart);
    for (size_t i = 0; i < n; i++) {
        const ks_cart_line *line = ks_cart_line_at(k->cart, i);
        ui_widget_add(list, line_card(k, line, priced(pricing, line->id)));
    }
    if (n == 0)
        ui_widget_add(list, ks_kit_centered(ks_ui_str(k, KS_STR_ORDER_EMPTY), UI_TYPE_HEADING,
                                            UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    if (pricing)
        ui_widget_add(body, totals(k, pricing));
    struct ui_widget *bar = ui_widget_add(body, ks_kit_action_bar(k));
    struct ui_widget *more =
        ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_ADD_MORE),
                                               UI_BUTTON_SECONDARY, KS_EV_BACK, "add-more"));
    ui_button_set_icon(more, UI_ICON_PLUS);
    char text[256], price[KS_KIT_MONEY_CAP] = "";
    if (pricing)
        ks_kit_money(k, pricing->total, false, price, sizeof price);
    snprintf(text, sizeof text, "%s   %s", ks_ui_str(k, KS_STR_PAY), price);
    struct ui_widget *pay = ui_widget_add(bar, ui_button_new(text, UI_BUTTON_PRIMARY));
    ui_widget_set_size(pay, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_enabled(pay, n > 0 && pricing);
    ui_widget_on_click(pay, on_pay, k);
    ks_ui_name(pay, "pay");
    return root;
}

const ks_screen_ops ks_screen_cart = {.build = build};
