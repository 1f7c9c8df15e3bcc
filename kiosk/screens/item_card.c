/* Menu item cards and offer badges (see kiosk/screens/item_card.h). */
#include "kiosk/screens/item_card.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/screens/kit.h"
#include "ui/w_badge.h"
#include "ui/w_card.h"
#include "ui/w_container.h"

static bool target_has(const ks_promo_target *t, const ks_item *item)
{
    for (size_t i = 0; i < t->n_items; i++)
        if (t->items[i] == item)
            return true;
    for (size_t i = 0; i < t->n_categories; i++)
        if (t->categories[i] == item->category)
            return true;
    return false;
}

static bool promotion_has(const ks_promotion *p, const ks_item *item)
{
    if (p->whole_order)
        return false;
    if (p->kind == KS_PROMO_BUNDLE_PRICE) {
        for (size_t c = 0; c < p->n_components; c++)
            if (target_has(&p->components[c], item))
                return true;
        return false;
    }
    return target_has(&p->target, item);
}

bool ks_item_offer_badge(const ks_kiosk_ui *k, const ks_item *item, char *out, size_t cap)
{
    size_t n;
    const ks_promotion *promos = ks_catalog_promotions(k->c.catalog, &n);
    ks_local_time at = ks_ui_local_time(k);
    enum ks_lang lang = ks_ui_lang(k);
    for (size_t i = 0; i < n; i++) {
        const ks_promotion *p = &promos[i];
        if (!promotion_has(p, item) || !ks_time_windows_contain(p->available, p->n_available, at))
            continue;
        char digits[16];
        if (p->kind == KS_PROMO_PERCENT_OFF && p->percent_bp % 100 == 0) {
            ks_kit_int(k, p->percent_bp / 100, digits, sizeof digits);
            /* "-20%"; with Arabic-Indic digits the Arabic percent sign. */
            snprintf(out, cap, "-%s%s", digits,
                     ks_kit_digits(k) == UI_DIGITS_ARABIC_INDIC ? "\xD9\xAA" : "%");
        } else if (p->kind == KS_PROMO_BUY_X_GET_Y && p->get_percent_bp == 10000) {
            char buy[8], get[8];
            ks_kit_int(k, p->buy_qty, buy, sizeof buy);
            ks_kit_int(k, p->get_qty, get, sizeof get);
            snprintf(out, cap, "%s+%s", buy, get);
        } else {
            snprintf(out, cap, "%s", ks_str(KS_STR_OFFER, lang));
        }
        return true;
    }
    return false;
}

static bool has_tag(const ks_item *item, const char *tag)
{
    for (size_t i = 0; i < item->n_tags; i++)
        if (strcmp(item->tags[i], tag) == 0)
            return true;
    return false;
}

void ks_item_calories(const ks_kiosk_ui *k, int32_t calories, char *out, size_t cap)
{
    if (calories < 0) {
        snprintf(out, cap, "%s", "");
        return;
    }
    char digits[16];
    ks_kit_int(k, calories, digits, sizeof digits);
    snprintf(out, cap, "%s %s", digits, ks_ui_str(k, KS_STR_KCAL));
}

void ks_item_picture(const ks_kiosk_ui *k, const char *image, char *out, size_t cap)
{
    /* A pulled menu's pictures are in the image cache by hash; the others in the assets. */
    if (!ks_image_manifest_resolve(k->c.pictures, k->c.cfg->image_cache, k->c.cfg->assets, image,
                                   out, cap) &&
        cap)
        out[0] = '\0';
}

struct ui_widget *ks_item_card_new(ks_kiosk_ui *k, const ks_item *item, ui_widget_fn fn)
{
    char picture[2048], kcal[64], price[KS_KIT_MONEY_CAP];
    ks_item_picture(k, item->image, picture, sizeof picture);
    ks_item_calories(k, item->calories, kcal, sizeof kcal);
    ks_kit_money(k, item->price, false, price, sizeof price);
    struct ui_widget *card = ui_card_new(&(struct ui_card_content){
        .image = picture[0] ? picture : NULL,
        .title = ks_text_get(&item->name, ks_ui_lang(k)),
        .subtitle = kcal[0] ? kcal : NULL,
        .price = price,
    });
    if (!card)
        return NULL;
    /* Badges go over the picture's start corner: the card's first child is its picture stack. */
    struct ui_widget *media = ui_widget_child(card, 0);
    struct ui_widget *badges = ui_widget_add(media, ui_row_new(8));
    ui_widget_set_align(badges, UI_ALIGN_START, UI_ALIGN_START);
    ui_widget_set_margin(badges, (struct ui_insets){12, 0, 12, 12});
    char offer[32];
    if (ks_item_offer_badge(k, item, offer, sizeof offer))
        ui_widget_add(badges, ui_badge_new(offer, UI_BADGE_DANGER));
    if (has_tag(item, "new"))
        ui_widget_add(badges, ui_badge_new(ks_ui_str(k, KS_STR_NEW), UI_BADGE_ACCENT));
    if (has_tag(item, "spicy"))
        ui_widget_add(badges, ui_badge_new(ks_ui_str(k, KS_STR_SPICY), UI_BADGE_PRIMARY));
    if (ks_ui_sold_out(k, item)) {
        struct ui_widget *veil = ui_widget_add(media, ui_stack_new());
        ui_container_set_background(veil, UI_COLOR_SCRIM, 20);
        ui_widget_set_align(veil, UI_ALIGN_STRETCH, UI_ALIGN_STRETCH);
        struct ui_widget *mark =
            ui_widget_add(veil, ui_badge_new(ks_ui_str(k, KS_STR_SOLD_OUT), UI_BADGE_ACCENT));
        ui_widget_set_align(mark, UI_ALIGN_CENTER, UI_ALIGN_CENTER);
        ui_widget_set_enabled(card, false);
    }
    ui_widget_set_user_data(card, (void *)item);
    ui_widget_on_click(card, fn, k);
    return ks_ui_name2(card, "item", item->id);
}
