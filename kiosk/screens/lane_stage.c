/*
 * Demonstration states of the self-checkout's screens (see
 * kiosk/screens/stage.h), filled from assets/menus/supermarket.json: a
 * basket of scanned products, a weighed and a price-labelled line, a
 * refused code, the scale showing a weight, the attendant called (for a
 * removal, or by the bagging-area check). Items are
 * found by id and scanned by their own barcodes; a stage refuses a menu
 * without them.
 */
#include "kiosk/screens/lane_stage.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/screens/screen.h"

/* GS1 variable-measure labels in the default layouts: bananas 1.234 kg, red apples 18.75 SAR. */
#define BANANAS_LABEL "2010001012344"
#define APPLES_PRICE_LABEL "2210002018752"
#define UNKNOWN_CODE "6290000000009"
#define SCALE_GRAMS 1234

static const char *const lane_stages[] = {KS_LANE_STAGE_NAMES};

bool ks_lane_stage_known(const char *name)
{
    for (size_t i = 0; name && i < sizeof lane_stages / sizeof lane_stages[0]; i++)
        if (strcmp(lane_stages[i], name) == 0)
            return true;
    return false;
}

/* Scans item id's first barcode (count times), as the scanner would; false when it cannot. */
static bool scan_item(ks_kiosk_ui *k, const char *id, int count, char *why, size_t cap)
{
    const ks_item *item = ks_catalog_find_item(k->c.catalog, id);
    if (!item || item->n_barcodes == 0) {
        snprintf(why, cap, "the menu has no item \"%s\" with a barcode", id);
        return false;
    }
    for (int i = 0; i < count; i++)
        ks_lane_scan(k, item->barcodes[0]);
    return true;
}

static bool scan_code(ks_kiosk_ui *k, const char *code, char *why, size_t cap)
{
    size_t before = ks_cart_count(ks_ui_cart(k));
    ks_lane_scan(k, code);
    if (ks_cart_count(ks_ui_cart(k)) > before)
        return true;
    snprintf(why, cap, "the menu does not take the label %s", code);
    return false;
}

/* A basket as a shopper leaves it after a few minutes of scanning. */
static bool fill_basket(ks_kiosk_ui *k, char *why, size_t cap)
{
    return scan_item(k, "murooj-full-fat-fresh-milk-1-l", 2, why, cap) &&
           scan_item(k, "al-dana-spaghetti-pasta-400-g", 3, why, cap) &&
           scan_code(k, APPLES_PRICE_LABEL, why, cap) && scan_code(k, BANANAS_LABEL, why, cap) &&
           scan_item(k, "sharara-original-energy-drink-250-ml", 1, why, cap);
}

bool ks_lane_stage_enter(ks_kiosk_ui *k, const char *name, char *why, size_t cap)
{
    if (!k->basket) {
        snprintf(why, cap, "the %s screen needs [kiosk] mode = supermarket", name);
        return false;
    }
    bool ok = true;
    k->scale.configured = true;
    if (strcmp(name, "lane-attract") == 0)
        return true;
    if (strcmp(name, "basket") == 0) {
        ok = fill_basket(k, why, cap);
        ks_lane_scan(k, UNKNOWN_CODE); /* the banner in both languages */
    } else if (strcmp(name, "lookup") == 0 || strcmp(name, "plu") == 0) {
        ok = fill_basket(k, why, cap);
        ks_ui_send(k, KS_EV_LOOKUP);
        k->lane.by_plu = strcmp(name, "plu") == 0;
    } else if (strcmp(name, "weigh") == 0) {
        ok = fill_basket(k, why, cap);
        const ks_item *bananas = ks_catalog_find_item(k->c.catalog, "bananas");
        if (ok && !bananas) {
            snprintf(why, cap, "the menu has no item \"bananas\"");
            ok = false;
        }
        if (ok) {
            ks_lane_add_item(k, bananas);
            const struct dev_scale_state shown = {
                .link = DEV_SCALE_LINK_UP,
                .reading = {.status = DEV_SCALE_STABLE, .grams = SCALE_GRAMS},
            };
            ks_kiosk_ui_scale(k, &shown);
        }
    } else if (strcmp(name, "quantity") == 0) {
        ok = fill_basket(k, why, cap);
        k->lane.chosen = ks_cart_line_at(ks_ui_cart(k), 0)->id;
        ks_ui_send(k, KS_EV_EDIT_QUANTITY);
    } else if (strcmp(name, "bagging") == 0) {
        /* Something unscanned in the bagging area: the lane waits for the attendant. */
        ok = fill_basket(k, why, cap);
        k->bagging.verdict = KS_BAGGING_UNEXPECTED_ITEM;
        ks_ui_send(k, KS_EV_BAGGING_ALERT);
    } else {
        ok = fill_basket(k, why, cap);
        k->lane.chosen = ks_cart_line_at(ks_ui_cart(k), 0)->id;
        ks_ui_send(k, KS_EV_REMOVE_LINE);
    }
    return ok;
}
