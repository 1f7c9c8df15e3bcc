/* The fixed demo order: see kiosk/render/receipt_demo.h. */
#include "kiosk/render/receipt_demo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bounded_file.h"
#include "kiosk/domain/basket.h"
#include "kiosk/domain/cart.h"
#include "kiosk/domain/gtin.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/domain/order_build.h"
#include "kiosk/domain/pricing.h"

/* One line of the demo: an item, a quantity, up to two options, an optional combo size. */
struct demo_line {
    const char *item;
    int32_t quantity;
    struct {
        const char *group, *option;
    } options[2];
    const char *size; /* combo size id, or NULL */
    const char *note;
};

static const struct demo_line demo_lines[] = {
    {"cheeseburger-meal", 1, {{NULL, NULL}, {NULL, NULL}}, "large", NULL},
    {"mushroom-swiss-burger",
     2,
     {{"burger-extras", "beef-bacon"}, {"burger-remove", "no-onion"}},
     NULL,
     "بدون ملح / no salt"},
    {"fries", 2, {{NULL, NULL}, {NULL, NULL}}, NULL, NULL},
    {"cola", 2, {{"drink-size", "large"}, {"ice", "no-ice"}}, NULL, NULL},
    {"kunafa", 1, {{NULL, NULL}, {NULL, NULL}}, NULL, NULL},
    {"water", 1, {{NULL, NULL}, {NULL, NULL}}, NULL, NULL},
};

static void fail(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(char *err, size_t cap, const char *fmt, ...)
{
    if (!err || cap == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
}

/* Selects option_id of group_id on line id; false when the menu lacks either. */
static bool choose(ks_cart *cart, ks_line_id id, const char *group_id, const char *option_id)
{
    const ks_item *item = ks_cart_find(cart, id)->item;
    for (size_t g = 0; g < item->n_modifier_groups; g++) {
        const ks_modifier_group *group = item->modifier_groups[g];
        if (strcmp(group->id, group_id) != 0)
            continue;
        for (size_t o = 0; o < group->n_options; o++)
            if (strcmp(group->options[o].id, option_id) == 0)
                return ks_cart_option_chosen(ks_cart_find(cart, id), KS_CART_NO_SLOT, g, o) ||
                       ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, g, o) == KS_CART_OK;
    }
    return false;
}

static bool choose_size(ks_cart *cart, ks_line_id id, const char *size_id)
{
    const ks_item *item = ks_cart_find(cart, id)->item;
    for (size_t s = 0; s < item->n_sizes; s++)
        if (strcmp(item->sizes[s].id, size_id) == 0)
            return ks_cart_choose_size(cart, id, s) == KS_CART_OK;
    return false;
}

static bool is_demo_item(const ks_item *item)
{
    for (size_t i = 0; i < sizeof demo_lines / sizeof demo_lines[0]; i++)
        if (strcmp(item->id, demo_lines[i].item) == 0)
            return true;
    return false;
}

/* The fixed lines, then one each of the plain products orderable at `at` up to `lines`. */
static bool fill_cart(ks_cart *cart, const ks_catalog *cat, size_t lines, ks_local_time at,
                      char *err, size_t cap)
{
    for (size_t i = 0; i < sizeof demo_lines / sizeof demo_lines[0]; i++) {
        const struct demo_line *d = &demo_lines[i];
        const ks_item *item = ks_catalog_find_item(cat, d->item);
        ks_line_id id;
        bool ok = item && ks_cart_add(cart, item, d->quantity, &id) == KS_CART_OK;
        for (size_t o = 0; ok && o < 2 && d->options[o].group; o++)
            ok = choose(cart, id, d->options[o].group, d->options[o].option);
        if (ok && d->size)
            ok = choose_size(cart, id, d->size);
        if (ok && d->note)
            ok = ks_cart_set_note(cart, id, d->note) == KS_CART_OK;
        if (!ok) {
            fail(err, cap, "the menu lacks demo item \"%s\" or one of its choices", d->item);
            return false;
        }
    }
    size_t n_items;
    const ks_item *items = ks_catalog_items(cat, &n_items);
    for (size_t i = 0; i < n_items && ks_cart_count(cart) < lines; i++) {
        const ks_item *item = &items[i];
        if (item->kind == KS_ITEM_PRODUCT && item->unit == KS_UNIT_EACH &&
            item->n_modifier_groups == 0 && ks_item_orderable(item, at) && !is_demo_item(item) &&
            ks_cart_add(cart, item, 1, NULL) != KS_CART_OK)
            return false;
    }
    if (ks_cart_count(cart) < lines) {
        fail(err, cap, "the menu has too few plain products for %zu lines", lines);
        return false;
    }
    return true;
}

/* The menu file imported; NULL with a reason in err. */
static ks_catalog *load_catalog(const char *menu_path, char *err, size_t err_cap)
{
    size_t len = 0;
    char why[256];
    char *json = ks_bounded_file_read(menu_path, KS_MENU_MAX_BYTES, &len, why, sizeof why);
    if (!json) {
        fail(err, err_cap, "%s", why);
        return NULL;
    }
    ks_menu_error menu_err;
    ks_catalog *cat = ks_menu_import(json, len, &menu_err);
    free(json);
    if (!cat)
        fail(err, err_cap, "menu %s refused: %s: %s", menu_path, menu_err.path, menu_err.reason);
    return cat;
}

/* The cart priced at `at` and frozen into the demo order; NULL with a reason in err. */
static ks_order *build_order(const ks_cart *cart, ks_local_time at, const ks_config *cfg,
                             enum ks_lang lang, enum ks_service service, char *err, size_t err_cap)
{
    if (ks_cart_validate(cart, at, NULL, NULL, NULL, 0) != 0) {
        fail(err, err_cap, "the demo cart cannot be ordered at the demo time");
        return NULL;
    }
    ks_pricing *pricing = ks_pricing_new(cart, at);
    char date[11];
    ks_business_date(KS_RECEIPT_DEMO_CREATED_AT, cfg->utc_offset_min, cfg->business_day_start_min,
                     date);
    const ks_order_meta meta = {
        .uuid = KS_RECEIPT_DEMO_UUID,
        .store_id = cfg->store_id,
        .kiosk_id = cfg->kiosk_id,
        .number = KS_RECEIPT_DEMO_NUMBER,
        .business_date = date,
        .service = service,
        .lang = lang,
        .created_at = KS_RECEIPT_DEMO_CREATED_AT,
    };
    ks_order *order = pricing ? ks_order_build(cart, pricing, &meta) : NULL;
    if (!order)
        fail(err, err_cap, "the demo order cannot be priced or built");
    ks_pricing_free(pricing);
    return order;
}

ks_order *ks_receipt_demo_order(const char *menu_path, const ks_config *cfg, enum ks_lang lang,
                                size_t lines, char *err, size_t err_cap)
{
    if (lines < KS_RECEIPT_DEMO_LINES || lines > 40) {
        fail(err, err_cap, "the demo order has 6 to 40 lines, not %zu", lines);
        return NULL;
    }
    ks_catalog *cat = load_catalog(menu_path, err, err_cap);
    ks_cart *cart = cat ? ks_cart_new(cat) : NULL;
    ks_local_time at = ks_local_time_from_utc(KS_RECEIPT_DEMO_CREATED_AT, cfg->utc_offset_min);
    ks_order *order = NULL;
    if (cart && fill_cart(cart, cat, lines, at, err, err_cap))
        order = build_order(cart, at, cfg, lang, KS_SERVICE_DINE_IN, err, err_cap);
    ks_cart_free(cart);
    ks_catalog_free(cat);
    return order;
}

/* A scanned EAN-13 of a variable-measure label: prefix, item code, value, check digit. */
static void label_code(const char *prefix, const char *plu, unsigned value, char out[14])
{
    snprintf(out, 14, "%s%s%05u", prefix, plu, value);
    out[12] = (char)('0' + ks_gtin_check_digit(out, 12));
    out[13] = '\0';
}

/* Scans code into the basket; false with a reason in err when it is not added. */
static bool scan(ks_basket *basket, const char *code, ks_local_time at, char *err, size_t err_cap)
{
    ks_scan_result r = ks_basket_scan(basket, code, strlen(code), at);
    if (!ks_scan_added(&r))
        fail(err, err_cap, "demo code %s: %s", code, ks_scan_outcome_name(r.outcome));
    return ks_scan_added(&r);
}

/* Weighs the product of PLU plu on the lane's scale; false with a reason in err. */
static bool weigh(ks_basket *basket, const char *plu, int32_t grams, ks_local_time at, char *err,
                  size_t err_cap)
{
    const ks_item *item = ks_catalog_find_plu(ks_cart_catalog(ks_basket_cart(basket)), plu);
    ks_scan_result r = ks_basket_add_weighed(basket, item, grams, at);
    if (!ks_scan_added(&r))
        fail(err, err_cap, "demo PLU %s: %s", plu, ks_scan_outcome_name(r.outcome));
    return ks_scan_added(&r);
}

ks_order *ks_receipt_demo_supermarket_order(const char *menu_path, const ks_config *cfg,
                                            enum ks_lang lang, char *err, size_t err_cap)
{
    ks_catalog *cat = load_catalog(menu_path, err, err_cap);
    ks_basket *basket = cat ? ks_basket_new(cat, cfg->labels, cfg->n_labels) : NULL;
    ks_local_time at = ks_local_time_from_utc(KS_RECEIPT_DEMO_CREATED_AT, cfg->utc_offset_min);
    ks_order *order = NULL;
    char apples[14], lamb[14];
    label_code("20", "10002", 850, apples); /* 0.850 kg of red apples, weighed at the counter */
    label_code("22", "20001", 2345, lamb);  /* a meat pack priced 23.45 by the butcher's scale */
    bool ok = basket && scan(basket, "6285593036887", at, err, err_cap) &&
              scan(basket, "6285593036887", at, err, err_cap) &&
              scan(basket, "6285593036887", at, err, err_cap) &&
              scan(basket, "6282314047610", at, err, err_cap) &&
              weigh(basket, "10001", 1234, at, err, err_cap) &&
              scan(basket, apples, at, err, err_cap) && scan(basket, lamb, at, err, err_cap) &&
              ks_basket_approve_age(basket, "attendant-1", KS_RECEIPT_DEMO_CREATED_AT);
    if (ok)
        order =
            build_order(ks_basket_cart(basket), at, cfg, lang, KS_SERVICE_TAKEAWAY, err, err_cap);
    ks_basket_free(basket);
    ks_catalog_free(cat);
    return order;
}

ks_receipt_payment ks_receipt_demo_payment(const ks_order *order)
{
    return (ks_receipt_payment){
        .tender = KS_TENDER_CARD,
        .scheme = "mada",
        .masked_card = "484783******1234",
        .approval_code = "043817",
        .amount = order->total,
    };
}
