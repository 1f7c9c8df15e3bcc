/* The menu screen (see kiosk/screens/menu.h). */
#include "kiosk/screens/menu.h"

#include <stdint.h>
#include <stdio.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "ui/w_badge.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"

#define RAIL_WIDTH 236
#define CARD_MIN_WIDTH 340
#define MAX_CATEGORIES 64

/* An item is listed when it can be ordered at this time of day (sold out or not). */
static bool listed(const ks_item *item, ks_local_time at)
{
    return ks_time_windows_contain(item->available, item->n_available, at);
}

/* The categories with something listed now, in menu order; returns how many. */
static size_t visible_categories(const ks_kiosk_ui *k, const ks_category **out, size_t cap)
{
    size_t n_cats, n_items, n = 0;
    const ks_category *cats = ks_catalog_categories(k->c.catalog, &n_cats);
    const ks_item *items = ks_catalog_items(k->c.catalog, &n_items);
    ks_local_time at = ks_ui_local_time(k);
    for (size_t c = 0; c < n_cats && n < cap; c++)
        for (size_t i = 0; i < n_items; i++)
            if (items[i].category == &cats[c] && listed(&items[i], at)) {
                out[n++] = &cats[c];
                break;
            }
    return n;
}

static void on_item(struct ui_widget *w, void *user)
{
    ks_ui_open_item(user, ui_widget_user_data(w));
}

static void on_category(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    size_t index = (size_t)(uintptr_t)ui_widget_user_data(w);
    if (index == k->session.category)
        return;
    k->session.category = index;
    /* A new category starts at its top; the rail stays where it is. */
    if (k->n_scrolls > 1)
        ui_scroll_set_offset(k->scrolls[1], 0);
    ks_ui_refresh(k);
}

static struct ui_widget *category_button(ks_kiosk_ui *k, const ks_category *cat, size_t index,
                                         bool chosen)
{
    struct ui_widget *b = ui_button_new(NULL, chosen ? UI_BUTTON_PRIMARY : UI_BUTTON_GHOST);
    ui_widget_set_padding(b, (struct ui_insets){16, 16, 8, 8});
    struct ui_widget *col = ui_widget_add(b, ui_column_new(8));
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(col, UI_ALIGN_CENTER);
    char picture[2048];
    ks_item_picture(k, cat->image, picture, sizeof picture);
    struct ui_widget *image =
        ui_widget_add(col, ui_image_new(picture[0] ? picture : NULL, UI_IMAGE_CONTAIN));
    ui_widget_set_size(image, 112, 112);
    struct ui_widget *name = ui_widget_add(
        col, ks_kit_centered(ks_text_get(&cat->name, ks_ui_lang(k)), UI_TYPE_CAPTION, UI_FONT_BOLD,
                             chosen ? UI_COLOR_ON_PRIMARY : UI_COLOR_TEXT));
    ui_label_set_max_lines(name, 2);
    ui_widget_set_size(name, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_user_data(b, (void *)(uintptr_t)index);
    ui_widget_on_click(b, on_category, k);
    return ks_ui_name2(b, "category", cat->id);
}

static struct ui_widget *rail(ks_kiosk_ui *k, const ks_category **cats, size_t n)
{
    struct ui_widget *panel = ui_column_new(0);
    ui_widget_set_size(panel, RAIL_WIDTH, UI_SIZE_FILL);
    ui_container_set_background(panel, UI_COLOR_SURFACE, 0);
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(panel, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *list = ui_widget_add(scroll, ui_column_new(8));
    ui_widget_set_padding(list, (struct ui_insets){16, 16, 12, 12});
    for (size_t i = 0; i < n; i++)
        ui_widget_add(list, category_button(k, cats[i], i, i == k->session.category));
    return panel;
}

static struct ui_widget *items_panel(ks_kiosk_ui *k, const ks_category *cat)
{
    struct ui_widget *panel = ui_column_new(0);
    ui_widget_set_size(panel, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *title =
        ui_widget_add(panel, ui_label_new_styled(ks_text_get(&cat->name, ks_ui_lang(k)),
                                                 UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_padding(title, (struct ui_insets){16, 8, 28, 28});
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(panel, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    int width = ui_tree_width(k->c.tree) - RAIL_WIDTH - 56;
    int columns = width / CARD_MIN_WIDTH > 1 ? width / CARD_MIN_WIDTH : 1;
    struct ui_widget *grid = ui_widget_add(scroll, ui_grid_new(columns, 24));
    ui_widget_set_padding(grid, (struct ui_insets){12, 40, 28, 28});
    size_t n;
    const ks_item *items = ks_catalog_items(k->c.catalog, &n);
    ks_local_time at = ks_ui_local_time(k);
    for (size_t i = 0; i < n; i++)
        if (items[i].category == cat && listed(&items[i], at))
            ui_widget_add(grid, ks_item_card_new(k, &items[i], on_item));
    return panel;
}

/* The order bar: how many items, the total, and "view order". */
static struct ui_widget *order_bar(ks_kiosk_ui *k)
{
    struct ui_widget *bar = ks_kit_action_bar(k);
    const ks_pricing *pricing = ks_ui_pricing(k);
    int32_t pieces = 0;
    for (size_t i = 0; i < ks_cart_count(k->cart); i++) {
        const ks_cart_line *line = ks_cart_line_at(k->cart, i);
        pieces += line->item->unit == KS_UNIT_KG ? 1 : line->quantity;
    }
    struct ui_widget *summary = ui_widget_add(bar, ui_row_new(16));
    ui_widget_set_size(summary, UI_SIZE_FILL, UI_SIZE_AUTO);
    if (pieces == 0) {
        ui_widget_add(summary, ui_label_new_styled(ks_ui_str(k, KS_STR_ORDER_EMPTY), UI_TYPE_BODY,
                                                   UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    } else {
        char count[16];
        ks_kit_int(k, pieces, count, sizeof count);
        /* A bag with the number of pieces on its corner. */
        struct ui_widget *bag = ui_widget_add(summary, ui_stack_new());
        ui_widget_set_size(bag, 84, 84);
        struct ui_widget *icon = ui_widget_add(bag, ks_picto_new(KS_PICTO_TAKEAWAY, 68));
        ui_widget_set_align(icon, UI_ALIGN_START, UI_ALIGN_END);
        struct ui_widget *badge = ui_widget_add(bag, ui_badge_new(count, UI_BADGE_ACCENT));
        ui_widget_set_align(badge, UI_ALIGN_END, UI_ALIGN_START);
        ks_ui_name(badge, "order-count");
        struct ui_widget *col = ui_widget_add(summary, ui_column_new(0));
        ui_widget_add(col, ui_label_new_styled(ks_ui_str(k, KS_STR_ITEMS_IN_ORDER), UI_TYPE_CAPTION,
                                               UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        if (pricing)
            ks_ui_name(
                ui_widget_add(col, ks_kit_price(k, pricing->total, UI_TYPE_TITLE, UI_COLOR_TEXT)),
                "order-total");
    }
    struct ui_widget *view =
        ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_VIEW_ORDER),
                                               UI_BUTTON_PRIMARY, KS_EV_VIEW_CART, "view-cart"));
    ui_widget_set_size(view, 380, UI_SIZE_AUTO);
    ui_widget_set_enabled(view, pieces > 0);
    return bar;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    const ks_category *cats[MAX_CATEGORIES];
    size_t n = visible_categories(k, cats, MAX_CATEGORIES);
    if (k->session.category >= n)
        k->session.category = 0;
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK | KS_KIT_HEADER_START_OVER, NULL));
    struct ui_widget *main = ui_widget_add(body, ui_row_new(0));
    ui_widget_set_size(main, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_align(main, UI_ALIGN_STRETCH);
    ui_widget_add(main, rail(k, cats, n));
    if (n > 0)
        ui_widget_add(main, items_panel(k, cats[k->session.category]));
    ui_widget_add(body, order_bar(k));
    return root;
}

const ks_screen_ops ks_screen_menu = {.build = build};
