/* Looking up an item without a barcode (see kiosk/screens/lookup.h). */
#include "kiosk/screens/lookup.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"

#define CATEGORY_COLUMNS 4
#define ITEM_COLUMNS 3
#define PLU_DIGITS 5

static void on_item(struct ui_widget *w, void *user)
{
    ks_lane_add_item(user, ui_widget_user_data(w));
}

static void on_category(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    k->lane.category = (size_t)(uintptr_t)ui_widget_user_data(w);
    ks_ui_refresh(k);
}

static void on_mode(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    k->lane.by_plu = ui_widget_user_data(w) != NULL;
    k->lane.plu_unknown = false;
    ks_ui_refresh(k);
}

static void on_plu(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    const ks_item *item = ks_catalog_find_plu(k->c.catalog, ui_keypad_value(w));
    k->lane.plu_unknown = item == NULL;
    ui_keypad_clear(w);
    if (item)
        ks_lane_add_item(k, item);
    else
        ks_ui_refresh(k);
}

static struct ui_widget *mode_button(ks_kiosk_ui *k, enum ks_str text, bool plu, const char *name)
{
    struct ui_widget *b = ui_button_new(
        ks_ui_str(k, text), k->lane.by_plu == plu ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
    ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_user_data(b, plu ? (void *)k : NULL);
    ui_widget_on_click(b, on_mode, k);
    return ks_ui_name(b, name);
}

static void pictures(ks_kiosk_ui *k, struct ui_widget *body)
{
    size_t n_cats, n_items;
    const ks_category *cats = ks_catalog_categories(k->c.catalog, &n_cats);
    const ks_item *items = ks_catalog_items(k->c.catalog, &n_items);
    if (n_cats == 0)
        return;
    if (k->lane.category >= n_cats)
        k->lane.category = 0;
    struct ui_widget *chips = ui_widget_add(body, ui_grid_new(CATEGORY_COLUMNS, 8));
    ui_widget_set_size(chips, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(chips, (struct ui_insets){8, 8, KS_KIT_MARGIN, KS_KIT_MARGIN});
    for (size_t c = 0; c < n_cats; c++) {
        bool chosen = c == k->lane.category;
        struct ui_widget *b =
            ui_widget_add(chips, ui_button_new(ks_text_get(&cats[c].name, ks_ui_lang(k)),
                                               chosen ? UI_BUTTON_PRIMARY : UI_BUTTON_GHOST));
        ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_user_data(b, (void *)(uintptr_t)c);
        ui_widget_on_click(b, on_category, k);
        ks_ui_name2(b, "category", cats[c].id);
    }
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(body, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *grid = ui_widget_add(scroll, ui_grid_new(ITEM_COLUMNS, 20));
    ui_widget_set_padding(grid, (struct ui_insets){8, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    const ks_category *shown = &cats[k->lane.category];
    for (size_t i = 0; i < n_items; i++)
        if (items[i].category == shown && items[i].kind == KS_ITEM_PRODUCT)
            ui_widget_add(grid, ks_item_card_new(k, &items[i], on_item));
}

static void plu_pad(ks_kiosk_ui *k, struct ui_widget *body)
{
    struct ui_widget *col = ui_widget_add(body, ui_column_new(20));
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(col, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_add(
        col, ks_kit_centered(ks_ui_str(k, k->lane.plu_unknown ? KS_STR_PLU_UNKNOWN : KS_STR_PLU),
                             UI_TYPE_HEADING, UI_FONT_BOLD,
                             k->lane.plu_unknown ? UI_COLOR_DANGER : UI_COLOR_TEXT));
    ui_widget_add(col, ks_kit_keypad(k, UI_KEYPAD_PHONE, 1, PLU_DIGITS, 560, "plu", on_plu));
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK, NULL));
    struct ui_widget *title = ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_LOOKUP)));
    ui_label_set_align(title, UI_LABEL_ALIGN_START);
    struct ui_widget *modes = ui_widget_add(body, ui_row_new(12));
    ui_widget_set_size(modes, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(modes, (struct ui_insets){8, 8, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_add(modes, mode_button(k, KS_STR_PICTURES, false, "by-picture"));
    ui_widget_add(modes, mode_button(k, KS_STR_PLU, true, "by-plu"));
    if (k->lane.by_plu)
        plu_pad(k, body);
    else
        pictures(k, body);
    return root;
}

const ks_screen_ops ks_screen_lookup = {.build = build};
