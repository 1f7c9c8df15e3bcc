/* Weighing an item sold by the kilogram (see kiosk/screens/weigh.h). */
#include "kiosk/screens/weigh.h"

#include <stdio.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_label.h"

/* The "add" button's names: scripts await the first. */
#define ADD_READY "add-weight"
#define ADD_WAITING "add-weight-waiting"

static void on_add(struct ui_widget *w, void *user)
{
    (void)w;
    ks_lane_take_weight(user);
}

/* What the scale says, in words: settle, too heavy, not connected, or nothing (a weight). */
static enum ks_str scale_words(const ks_kiosk_ui *k, bool *problem)
{
    const struct dev_scale_state *s = &k->scale.state;
    *problem = true;
    if (!k->scale.configured || s->link != DEV_SCALE_LINK_UP)
        return KS_STR_NO_SCALE;
    switch (s->reading.status) {
    case DEV_SCALE_STABLE:
        *problem = false;
        return s->reading.grams > 0 ? KS_STR_ADD_TO_BASKET : KS_STR_PLACE_ON_SCALE;
    case DEV_SCALE_OVERLOAD:
        return KS_STR_WEIGHT_OVER;
    case DEV_SCALE_UNSTABLE:
        *problem = false;
        return KS_STR_WEIGHT_SETTLING;
    default:
        return KS_STR_PLACE_ON_SCALE;
    }
}

static bool can_add(const ks_kiosk_ui *k)
{
    int64_t grams;
    return ks_lane_tradable_grams(k, &grams) && grams > 0;
}

/* "add" enabled, and named for scripts, only while a weight may be sold. */
static void show_add(struct ui_widget *add, bool can)
{
    ui_widget_set_enabled(add, can);
    ks_ui_name(add, can ? ADD_READY : ADD_WAITING);
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK, NULL));
    const ks_item *item = k->lane.weighing;
    struct ui_widget *col = ui_widget_add(body, ui_column_new(24));
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(col, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    if (item) {
        char path[2048];
        ks_item_picture(k, item->image, path, sizeof path);
        struct ui_widget *pic =
            ui_widget_add(col, ui_image_new(path[0] ? path : NULL, UI_IMAGE_CONTAIN));
        ui_widget_set_size(pic, 240, 240);
        ui_widget_add(col, ks_kit_centered(ks_text_get(&item->name, ks_ui_lang(k)), UI_TYPE_TITLE,
                                           UI_FONT_BOLD, UI_COLOR_TEXT));
        char price[KS_KIT_MONEY_CAP], per[KS_KIT_MONEY_CAP + 64];
        ks_kit_money(k, item->price, false, price, sizeof price);
        snprintf(per, sizeof per, "%s %s", price, ks_ui_str(k, KS_STR_PER_KG));
        ks_ui_name(ui_widget_add(col, ks_kit_centered(per, UI_TYPE_HEADING, UI_FONT_REGULAR,
                                                      UI_COLOR_TEXT_MUTED)),
                   "price-per-kg");
    }
    ui_widget_add(col, ks_kit_fill());
    /* The live weight, large: what the scale reads now, stable or not. */
    const struct dev_scale_state *s = &k->scale.state;
    char weight[64] = "-.--- ";
    if (s->link == DEV_SCALE_LINK_UP && s->reading.status == DEV_SCALE_STABLE)
        ks_lane_kg(k, s->reading.grams, weight, sizeof weight);
    else
        snprintf(weight, sizeof weight, "-.--- %s", ks_ui_str(k, KS_STR_KG));
    struct ui_widget *big =
        ui_widget_add(col, ks_kit_centered(weight, UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_min_size(big, 0, 160);
    ks_ui_name(big, "weight");
    bool problem;
    enum ks_str words = scale_words(k, &problem);
    ks_ui_name(
        ui_widget_add(col, ks_kit_centered(ks_ui_str(k, words), UI_TYPE_HEADING, UI_FONT_BOLD,
                                           problem ? UI_COLOR_DANGER : UI_COLOR_TEXT_MUTED)),
        "scale-status");
    ui_widget_add(col, ks_kit_fill());
    struct ui_widget *bar = ui_widget_add(body, ks_kit_action_bar(k));
    struct ui_widget *add =
        ui_widget_add(bar, ui_button_new(ks_ui_str(k, KS_STR_ADD_TO_BASKET), UI_BUTTON_PRIMARY));
    ui_widget_set_size(add, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_on_click(add, on_add, k);
    show_add(add, can_add(k));
    return root;
}

/* The trade rule also ages: a weight too old to sell by greys "add" without a scale event. */
static void update(ks_kiosk_ui *k, int64_t now_ms)
{
    (void)now_ms;
    struct ui_widget *add = ks_kiosk_ui_find(k, ADD_READY);
    if (!add)
        add = ks_kiosk_ui_find(k, ADD_WAITING);
    bool want = can_add(k);
    if (add && ui_widget_is_enabled(add) != want)
        show_add(add, want);
}

const ks_screen_ops ks_screen_weigh = {.build = build, .update = update};
