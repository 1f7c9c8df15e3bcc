/* The self-checkout basket (see kiosk/screens/basket.h). */
#include "kiosk/screens/basket.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"

static ks_line_id line_id_of(struct ui_widget *w)
{
    return (ks_line_id)(uintptr_t)ui_widget_user_data(w);
}

static void on_remove(struct ui_widget *w, void *user)
{
    ks_lane_remove(user, line_id_of(w));
}

static void on_quantity(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    k->lane.chosen = line_id_of(w);
    ks_ui_send(k, KS_EV_EDIT_QUANTITY);
}

static void on_bag(struct ui_widget *w, void *user)
{
    ks_lane_add_item(user, ui_widget_user_data(w));
}

/* The catalog's carrier bag (an item tagged "bag"), or NULL. */
static const ks_item *carrier_bag(const ks_kiosk_ui *k)
{
    size_t n;
    const ks_item *items = ks_catalog_items(k->c.catalog, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < items[i].n_tags; t++)
            if (strcmp(items[i].tags[t], "bag") == 0)
                return &items[i];
    return NULL;
}

static const ks_priced_line *priced(const ks_pricing *pricing, ks_line_id id)
{
    for (size_t i = 0; pricing && i < pricing->n_lines; i++)
        if (pricing->lines[i].line_id == id)
            return &pricing->lines[i];
    return NULL;
}

/* "2 x 3.50 SAR" for pieces, "1.234 kg x 6.95 SAR per kg" for weights, the price for a label. */
static void quantity_text(const ks_kiosk_ui *k, const ks_cart_line *line, const ks_priced_line *p,
                          char *out, size_t cap)
{
    char unit[KS_KIT_MONEY_CAP];
    ks_kit_money(k, p ? p->unit_price : 0, false, unit, sizeof unit);
    if (line->label_amount > 0) {
        snprintf(out, cap, "%s", ks_ui_str(k, KS_STR_PRICE_LABEL));
    } else if (ks_cart_line_unit(line) == KS_UNIT_KG) {
        char kg[64];
        ks_lane_kg(k, line->quantity, kg, sizeof kg);
        snprintf(out, cap, "%s \xC3\x97 %s %s", kg, unit, ks_ui_str(k, KS_STR_PER_KG));
    } else {
        char count[16];
        ks_kit_int(k, line->quantity, count, sizeof count);
        snprintf(out, cap, "%s \xC3\x97 %s", count, unit);
    }
}

static struct ui_widget *small_button(ks_kiosk_ui *k, const char *text, ui_widget_fn fn,
                                      ks_line_id id, const char *prefix)
{
    struct ui_widget *b = ui_button_new(text, UI_BUTTON_GHOST);
    ui_widget_set_user_data(b, (void *)(uintptr_t)id);
    ui_widget_on_click(b, fn, k);
    char id_text[16];
    snprintf(id_text, sizeof id_text, "%u", (unsigned)id);
    return ks_ui_name2(b, prefix, id_text);
}

static struct ui_widget *line_row(ks_kiosk_ui *k, const ks_cart_line *line, const ks_priced_line *p)
{
    bool newest = line->id == k->lane.newest;
    struct ui_widget *card = ui_column_new(6);
    /* The line the last scan touched stands out, so the shopper sees it was taken. */
    ui_container_set_background(card, newest ? UI_COLOR_SURFACE_ALT : UI_COLOR_SURFACE, 20);
    ui_widget_set_padding(card, (struct ui_insets){16, 8, 20, 20});
    char id_text[16];
    snprintf(id_text, sizeof id_text, "%u", (unsigned)line->id);
    ks_ui_name2(card, newest ? "newest" : "line", id_text);

    struct ui_widget *top = ui_widget_add(card, ui_row_new(16));
    ui_widget_set_size(top, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(top, UI_ALIGN_CENTER);
    char path[2048];
    ks_item_picture(k, line->item->image, path, sizeof path);
    struct ui_widget *pic =
        ui_widget_add(top, ui_image_new(path[0] ? path : NULL, UI_IMAGE_CONTAIN));
    ui_widget_set_size(pic, 88, 88);
    struct ui_widget *text = ui_widget_add(top, ui_column_new(4));
    ui_widget_set_size(text, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *name =
        ui_widget_add(text, ui_label_new_styled(ks_text_get(&line->item->name, ks_ui_lang(k)),
                                                UI_TYPE_BODY, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_label_set_max_lines(name, 2);
    char qty[256];
    quantity_text(k, line, p, qty, sizeof qty);
    ks_ui_name2(ui_widget_add(text, ui_label_new_styled(qty, UI_TYPE_CAPTION, UI_FONT_REGULAR,
                                                        UI_COLOR_TEXT_MUTED)),
                "quantity", id_text);
    if (p && p->discount > 0) {
        char saved[KS_KIT_MONEY_CAP], note[256];
        ks_kit_money(k, p->discount, false, saved, sizeof saved);
        snprintf(note, sizeof note, "%s %s", ks_ui_str(k, KS_STR_SAVINGS), saved);
        ui_widget_add(text,
                      ui_label_new_styled(note, UI_TYPE_CAPTION, UI_FONT_BOLD, UI_COLOR_SUCCESS));
    }
    struct ui_widget *right = ui_widget_add(top, ui_column_new(4));
    ui_container_set_align(right, UI_ALIGN_END);
    if (p)
        ks_ui_name2(ui_widget_add(right, ks_kit_price(k, p->amount - p->discount, UI_TYPE_PRICE,
                                                      UI_COLOR_TEXT)),
                    "line-total", id_text);
    struct ui_widget *actions = ui_widget_add(right, ui_row_new(4));
    bool counted = ks_cart_line_unit(line) == KS_UNIT_EACH && line->label_amount == 0;
    if (counted)
        ui_widget_add(actions, small_button(k, ks_ui_str(k, KS_STR_QUANTITY), on_quantity, line->id,
                                            "set-quantity"));
    struct ui_widget *remove = ui_widget_add(
        actions, small_button(k, ks_ui_str(k, KS_STR_REMOVE), on_remove, line->id, "remove"));
    ui_button_set_icon(remove, UI_ICON_CLOSE);
    return card;
}

/* A banner above the list: the refused code in both languages, or the age check waiting. */
static void banners(ks_kiosk_ui *k, struct ui_widget *body)
{
    if (k->lane.has_refused) {
        enum ks_lang lang = ks_ui_lang(k), other = lang == KS_LANG_AR ? KS_LANG_EN : KS_LANG_AR;
        char said[KS_SCAN_TEXT_CAP], other_said[KS_SCAN_TEXT_CAP];
        if (ks_scan_describe(&k->lane.refused, lang, said, sizeof said) < 0)
            said[0] = '\0';
        if (ks_scan_describe(&k->lane.refused, other, other_said, sizeof other_said) < 0)
            other_said[0] = '\0';
        struct ui_widget *b = ui_widget_add(body, ui_column_new(4));
        ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_margin(b, (struct ui_insets){0, 12, KS_KIT_MARGIN, KS_KIT_MARGIN});
        ui_widget_set_padding(b, (struct ui_insets){16, 16, 24, 24});
        ui_container_set_background(b, UI_COLOR_DANGER, 20);
        ks_ui_name(ui_widget_add(b, ui_label_new_styled(said, UI_TYPE_BODY, UI_FONT_BOLD,
                                                        UI_COLOR_ON_PRIMARY)),
                   "notice");
        /* The other language too: the attendant or a companion may read that one. */
        ui_widget_add(b, ui_label_new_styled(other_said, UI_TYPE_CAPTION, UI_FONT_REGULAR,
                                             UI_COLOR_ON_PRIMARY));
    }
    if (k->journey.attendant & KS_NEED_AGE) {
        struct ui_widget *b =
            ui_widget_add(body, ui_label_new_styled(ks_ui_str(k, KS_STR_AGE_WAITS), UI_TYPE_BODY,
                                                    UI_FONT_BOLD, UI_COLOR_DANGER));
        ui_widget_set_margin(b, (struct ui_insets){0, 8, KS_KIT_MARGIN, KS_KIT_MARGIN});
        ks_ui_name(b, "age-waits");
    }
}

static struct ui_widget *total_row(const ks_kiosk_ui *k, enum ks_str label, const char *value,
                                   bool big, const char *name)
{
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    enum ui_type_role type = big ? UI_TYPE_TITLE : UI_TYPE_BODY;
    struct ui_widget *l = ui_widget_add(
        row, ui_label_new_styled(ks_ui_str(k, label), type, big ? UI_FONT_BOLD : UI_FONT_REGULAR,
                                 UI_COLOR_TEXT));
    ui_widget_set_size(l, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *v =
        ui_widget_add(row, ui_label_new_styled(value, type, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_label_set_max_lines(v, 1);
    ks_ui_name(v, name);
    return row;
}

static struct ui_widget *totals(ks_kiosk_ui *k)
{
    ks_basket_totals t = {0};
    ks_basket_get_totals(k->basket, ks_ui_local_time(k), &t);
    struct ui_widget *panel = ui_column_new(8);
    ui_container_set_background(panel, UI_COLOR_SURFACE, 0);
    ui_widget_set_padding(panel, (struct ui_insets){16, 8, KS_KIT_MARGIN + 8, KS_KIT_MARGIN + 8});
    char text[KS_KIT_MONEY_CAP];
    ks_kit_int(k, (long)t.items, text, sizeof text);
    ui_widget_add(panel, total_row(k, KS_STR_ITEM_COUNT, text, false, "item-count"));
    if (t.savings > 0) {
        ks_kit_money(k, t.savings, false, text, sizeof text);
        ui_widget_add(panel, total_row(k, KS_STR_SAVINGS, text, false, "savings"));
    }
    ks_kit_money(k, t.total, false, text, sizeof text);
    ui_widget_add(panel, total_row(k, KS_STR_TOTAL, text, true, "total"));
    return panel;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_START_OVER, NULL));
    struct ui_widget *title = ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_BASKET_TITLE)));
    ui_label_set_align(title, UI_LABEL_ALIGN_START);
    banners(k, body);
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(body, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *list = ui_widget_add(scroll, ui_column_new(12));
    ui_widget_set_padding(list, (struct ui_insets){0, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    const ks_cart *cart = ks_ui_cart(k);
    const ks_pricing *pricing = ks_ui_pricing(k);
    size_t n = ks_cart_count(cart);
    /* Newest first: the line just scanned is always in view at the top. */
    for (size_t i = n; i-- > 0;) {
        const ks_cart_line *line = ks_cart_line_at(cart, i);
        ui_widget_add(list, line_row(k, line, priced(pricing, line->id)));
    }
    if (n == 0)
        ui_widget_add(list, ks_kit_centered(ks_ui_str(k, KS_STR_BASKET_EMPTY), UI_TYPE_HEADING,
                                            UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    ui_widget_add(body, totals(k));
    struct ui_widget *bar = ui_widget_add(body, ks_kit_action_bar(k));
    ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_HELP), UI_BUTTON_SECONDARY,
                                           KS_EV_HELP, "help"));
    const ks_item *bag = carrier_bag(k);
    if (bag) {
        struct ui_widget *b =
            ui_widget_add(bar, ui_button_new(ks_ui_str(k, KS_STR_BAGS), UI_BUTTON_SECONDARY));
        ui_widget_set_user_data(b, (void *)bag);
        ui_widget_on_click(b, on_bag, k);
        ks_ui_name(b, "bags");
    }
    ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_LOOKUP), UI_BUTTON_SECONDARY,
                                           KS_EV_LOOKUP, "lookup"));
    struct ui_widget *pay =
        ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_PAY), UI_BUTTON_PRIMARY,
                                               KS_EV_CHECKOUT, "pay"));
    ui_widget_set_size(pay, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_enabled(pay, n > 0 && pricing);
    return root;
}

const ks_screen_ops ks_screen_basket = {.build = build};
