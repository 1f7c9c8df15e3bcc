/* The upsell screen (see kiosk/screens/upsell.h). */
#include "kiosk/screens/upsell.h"

#include <stdio.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"

static bool in_cart(const ks_kiosk_ui *k, const ks_item *item)
{
    for (size_t i = 0; i < ks_cart_count(k->cart); i++)
        if (ks_cart_line_at(k->cart, i)->item == item)
            return true;
    return false;
}

static bool added_here(const ks_kiosk_ui *k, const ks_item *item)
{
    for (size_t i = 0; i < k->session.n_added; i++)
        if (k->session.added[i] == item)
            return true;
    return false;
}

size_t ks_upsell_list(ks_kiosk_ui *k, const ks_item **out, size_t cap)
{
    const ks_item *found[KS_UPSELL_MAX];
    size_t n = 0;
    ks_local_time at = ks_ui_local_time(k);
    for (size_t i = 0; i < ks_cart_count(k->cart) && n < KS_UPSELL_MAX; i++) {
        const ks_upsell *up =
            ks_catalog_upsell_for(k->c.catalog, ks_cart_line_at(k->cart, i)->item);
        for (size_t s = 0; up && s < up->n_suggestions && n < KS_UPSELL_MAX; s++) {
            const ks_item *item = up->suggestions[s];
            bool listed = false;
            for (size_t j = 0; j < n; j++)
                listed = listed || found[j] == item;
            if (listed || ks_ui_sold_out(k, item) || !ks_item_orderable(item, at) ||
                (in_cart(k, item) && !added_here(k, item)))
                continue;
            found[n++] = item;
        }
    }
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = found[i];
    return n;
}

static void on_add(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    const ks_item *item = ui_widget_user_data(w);
    ks_line_id id;
    if (ks_cart_add(k->cart, item, 1, &id) != KS_CART_OK)
        return;
    const ks_cart_line *line = ks_cart_find(k->cart, id);
    if (ks_cart_validate_line(line, ks_ui_local_time(k), ks_ui_sold_out_check, k).problem !=
        KS_LINE_OK) {
        /* It needs choices first: let the customer make them on its page. */
        ks_cart_remove(k->cart, id);
        ks_ui_open_item(k, item);
        return;
    }
    if (k->session.n_added < KS_UI_MAX_ADDED)
        k->session.added[k->session.n_added++] = item;
    ks_ui_toast(k, ks_ui_str(k, KS_STR_ADDED));
    ks_ui_cart_changed(k);
}

static struct ui_widget *suggestion(ks_kiosk_ui *k, const ks_item *item)
{
    struct ui_widget *card = ui_column_new(12);
    ui_container_set_background(card, UI_COLOR_SURFACE, 28);
    ui_widget_set_padding(card, (struct ui_insets){20, 20, 20, 20});
    ui_container_set_align(card, UI_ALIGN_CENTER);
    char path[2048];
    ks_item_picture(k, item->image, path, sizeof path);
    struct ui_widget *pic =
        ui_widget_add(card, ui_image_new(path[0] ? path : NULL, UI_IMAGE_CONTAIN));
    ui_widget_set_size(pic, 220, 220);
    struct ui_widget *name =
        ui_widget_add(card, ks_kit_centered(ks_text_get(&item->name, ks_ui_lang(k)), UI_TYPE_BODY,
                                            UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_label_set_max_lines(name, 2);
    ui_widget_set_size(name, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *price =
        ui_widget_add(card, ks_kit_price(k, item->price, UI_TYPE_PRICE, UI_COLOR_PRIMARY));
    ui_label_set_align(price, UI_LABEL_ALIGN_CENTER);
    bool added = added_here(k, item);
    ui_widget_add(card, ks_kit_fill()); /* the buttons of a row of cards line up */
    struct ui_widget *b =
        ui_widget_add(card, ui_button_new(ks_ui_str(k, added ? KS_STR_ADDED : KS_STR_ADD),
                                          added ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY));
    ui_button_set_icon(b, added ? UI_ICON_CHECK : UI_ICON_PLUS);
    ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_enabled(b, !added);
    ui_widget_set_user_data(b, (void *)item);
    ui_widget_on_click(b, on_add, k);
    ks_ui_name2(b, "suggest", item->id);
    return card;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_START_OVER, NULL));
    ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_UPSELL_TITLE)));
    ui_widget_add(body, ks_kit_centered(ks_ui_str(k, KS_STR_UPSELL_SUBTITLE), UI_TYPE_HEADING,
                                        UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(body, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    int columns = ui_tree_width(k->c.tree) / 340 > 2 ? ui_tree_width(k->c.tree) / 340 : 2;
    struct ui_widget *grid = ui_widget_add(scroll, ui_grid_new(columns > 4 ? 4 : columns, 28));
    ui_widget_set_padding(grid, (struct ui_insets){32, 32, KS_KIT_MARGIN, KS_KIT_MARGIN});
    const ks_item *items[KS_UPSELL_MAX];
    size_t n = ks_upsell_list(k, items, KS_UPSELL_MAX);
    for (size_t i = 0; i < n; i++)
        ui_widget_add(grid, suggestion(k, items[i]));
    struct ui_widget *bar = ui_widget_add(body, ks_kit_action_bar(k));
    ui_widget_add(bar, ks_kit_fill());
    bool any = k->session.n_added > 0;
    struct ui_widget *next = ui_widget_add(
        bar, ks_kit_event_button(k, ks_ui_str(k, any ? KS_STR_CONTINUE : KS_STR_NO_THANKS),
                                 any ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY, KS_EV_VIEW_CART,
                                 "no-thanks"));
    ui_widget_set_size(next, 420, UI_SIZE_AUTO);
    return root;
}

const ks_screen_ops ks_screen_upsell = {.build = build};
