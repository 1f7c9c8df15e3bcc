/*
 * The card of a menu item, as the menu grid and the suggestions show it:
 * its picture, name, calories and price, badges for offers, new and spicy
 * items, and for a sold-out item a dimmed picture marked "sold out" on a
 * disabled card. Also the short text of the offer an item takes part in.
 */
#ifndef KIOSK_SCREENS_ITEM_CARD_H
#define KIOSK_SCREENS_ITEM_CARD_H

#include <stddef.h>

#include "kiosk/screens/screen.h"

/*
 * The card for item (borrowed from the catalog), its user data the item,
 * calling fn(card, k) on a tap; registered as "item:ID". NULL on error.
 */
struct ui_widget *ks_item_card_new(ks_kiosk_ui *k, const ks_item *item, ui_widget_fn fn);

/*
 * The badge text of the first offer active now that includes item ("-20%",
 * "1+1", or "Offer"), written to out; false when none applies.
 */
bool ks_item_offer_badge(const ks_kiosk_ui *k, const ks_item *item, char *out, size_t cap);

/* "480 kcal" in the customer's language and digits; "" when unknown. */
void ks_item_calories(const ks_kiosk_ui *k, int32_t calories, char *out, size_t cap);

/*
 * The file of a menu image path: in the image cache when the catalog came
 * from the backend with that picture, else under the assets folder; ""
 * when it has none.
 */
void ks_item_picture(const ks_kiosk_ui *k, const char *image, char *out, size_t cap);

#endif
