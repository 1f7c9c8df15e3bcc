/*
 * Building orders from priced carts (names, details, notes, VAT rows,
 * promotion notes; totals always consistent) and the order JSON: round
 * trips, and refusal of malformed or inconsistent input with a clear path.
 */
#include "kiosk/domain/order_build.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/order_json.h"
#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

/* Written with ' for " to stay readable. Prices include VAT. */
/* clang-format off */
static const char MENU[] =
    "{'format': 'kiosk-menu/1', 'version': '2026-11-24.1', 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': true,"
    " 'tax_categories': ["
    "  {'id': 'std', 'name': {'ar': 'قياسية', 'en': 'Standard'}, 'rate_bp': 1500},"
    "  {'id': 'zero', 'name': {'ar': 'صفرية', 'en': 'Zero rated'}, 'rate_bp': 0,"
    "   'vat_category': 'Z', 'exemption_code': 'VATEX-SA-35'}],"
    " 'categories': ["
    "  {'id': 'burgers', 'name': {'ar': 'برجر', 'en': 'Burgers'}},"
    "  {'id': 'sides', 'name': {'ar': 'أطباق جانبية', 'en': 'Sides'}},"
    "  {'id': 'drinks', 'name': {'ar': 'مشروبات', 'en': 'Drinks'}},"
    "  {'id': 'meals', 'name': {'ar': 'وجبات', 'en': 'Meals'}}],"
    " 'modifier_groups': ["
    "  {'id': 'cheese', 'name': {'ar': 'الجبن', 'en': 'Cheese'}, 'min': 0, 'max': 1, 'options': ["
    "    {'id': 'cheddar', 'name': {'ar': 'شيدر', 'en': 'Cheddar'}, 'price_delta': 200}]},"
    "  {'id': 'sauces', 'name': {'ar': 'الصلصات', 'en': 'Sauces'}, 'min': 0, 'max': 1, 'options': ["
    "    {'id': 'ketchup', 'name': {'ar': 'كاتشب', 'en': 'Ketchup'}, 'price_delta': 0, 'default': true}]}],"
    " 'items': ["
    "  {'id': 'burger', 'category': 'burgers', 'name': {'ar': 'برجر كلاسيك', 'en': 'Classic Burger'},"
    "   'price': 1800, 'tax': 'std', 'modifier_groups': ['cheese', 'sauces']},"
    "  {'id': 'fries', 'category': 'sides', 'name': {'ar': 'بطاطس', 'en': 'Fries'}, 'price': 700, 'tax': 'std'},"
    "  {'id': 'cola', 'category': 'drinks', 'name': {'ar': 'كولا', 'en': 'Cola'}, 'price': 500, 'tax': 'std'},"
    "  {'id': 'juice', 'category': 'drinks', 'name': {'ar': 'عصير', 'en': 'Juice'}, 'price': 800, 'tax': 'std'},"
    "  {'id': 'water', 'category': 'drinks', 'name': {'ar': 'ماء', 'en': 'Water'}, 'price': 300, 'tax': 'zero'},"
    "  {'id': 'dates', 'category': 'sides', 'name': {'ar': 'تمر', 'en': 'Dates'}, 'price': 4000,"
    "   'tax': 'std', 'unit': 'kg'}],"
    " 'combos': ["
    "  {'id': 'meal', 'category': 'meals', 'name': {'ar': 'وجبة برجر', 'en': 'Burger Meal'}, 'price': 2600, 'tax': 'std',"
    "   'slots': ["
    "    {'id': 'main', 'name': {'ar': 'الساندويتش', 'en': 'Sandwich'}, 'default': 'burger',"
    "     'choices': [{'item': 'burger', 'price_delta': 0}]},"
    "    {'id': 'side', 'name': {'ar': 'الطبق الجانبي', 'en': 'Side'}, 'default': 'fries',"
    "     'choices': [{'item': 'fries', 'price_delta': 0}]},"
    "    {'id': 'drink', 'name': {'ar': 'المشروب', 'en': 'Drink'}, 'default': 'cola',"
    "     'choices': [{'item': 'cola', 'price_delta': 0}, {'item': 'juice', 'price_delta': 200}]}],"
    "   'sizes': [{'id': 'regular', 'name': {'ar': 'عادي', 'en': 'Regular'}, 'price_delta': 0},"
    "             {'id': 'large', 'name': {'ar': 'كبير', 'en': 'Large'}, 'price_delta': 300}]}],"
    " 'promotions': ["
    "  {'id': 'fries-bogo', 'name': {'ar': 'بطاطس مجانية', 'en': 'Fries BOGO'}, 'kind': 'buy_x_get_y',"
    "   'target': {'items': ['fries']}, 'buy': 1, 'get': 1, 'get_percent_bp': 10000}]}";
/* clang-format on */

static const ks_local_time MONDAY = {MON, HM(12, 0)};
static const ks_order_meta META = {
    .uuid = "0f8fad5b-d9cb-469f-a165-70867728950e",
    .store_id = "riyadh-01",
    .kiosk_id = "k3",
    .number = 17,
    .business_date = "2026-11-24",
    .service = KS_SERVICE_TAKEAWAY,
    .lang = KS_LANG_AR,
    .created_at = 1795500000,
};

static ks_catalog *cat;

static const ks_item *item(const char *id)
{
    return ks_catalog_find_item(cat, id);
}

/* Burger with cheddar and a note; a large meal with juice and cheddar; 345 g dates; a water. */
static ks_cart *sample_cart(void)
{
    ks_cart *cart = ks_cart_new(cat);
    ks_line_id burger, meal;
    ks_cart_add(cart, item("burger"), 2, &burger);
    ks_cart_toggle_option(cart, burger, KS_CART_NO_SLOT, 0, 0);
    ks_cart_set_note(cart, burger, "بدون بصل");
    ks_cart_add(cart, item("meal"), 1, &meal);
    ks_cart_choose_size(cart, meal, 1);
    ks_cart_choose_slot(cart, meal, 2, 1);
    ks_cart_toggle_option(cart, meal, 0, 0, 0);
    ks_cart_add_weighed(cart, item("dates"), 345, NULL);
    ks_cart_add(cart, item("water"), 1, NULL);
    return cart;
}

static ks_order *build(const ks_cart *cart, const ks_order_meta *meta)
{
    ks_pricing *pr = ks_pricing_new(cart, MONDAY);
    ks_order *order = pr ? ks_order_build(cart, pr, meta) : NULL;
    ks_pricing_free(pr);
    return order;
}

struct detail_spec {
    enum ks_order_detail_kind kind;
    const char *id, *name_en;
    ks_money price_delta;
    int32_t depth;
};

static void test_build_copies_everything(void)
{
    ks_cart *cart = sample_cart();
    ks_order *o = build(cart, &META);
    ks_cart_free(cart);
    CHECK(o != NULL);
    CHECK(ks_order_totals_consistent(o));
    CHECK_EQ_STR(o->uuid, META.uuid);
    CHECK_EQ_STR(o->store_id, "riyadh-01");
    CHECK_EQ_STR(o->kiosk_id, "k3");
    CHECK_EQ_INT(o->number, 17);
    CHECK_EQ_STR(o->business_date, "2026-11-24");
    CHECK_EQ_INT(o->service, KS_SERVICE_TAKEAWAY);
    CHECK_EQ_INT(o->status, KS_ORDER_CREATED);
    CHECK_EQ_INT(o->lang, KS_LANG_AR);
    CHECK_EQ_STR(o->currency, "SAR");
    CHECK_EQ_INT(o->exponent, 2);
    CHECK(o->prices_include_tax);
    CHECK_EQ_STR(o->menu_version, "2026-11-24.1");
    CHECK_EQ_INT(o->created_at, 1795500000);
    CHECK_EQ_INT(o->updated_at, 1795500000);
    CHECK_EQ_INT(o->n_lines, 4);

    const ks_order_line *burger = &o->lines[0];
    CHECK_EQ_STR(burger->item_id, "burger");
    CHECK_EQ_STR(burger->category_id, "burgers");
    CHECK_EQ_STR(burger->name_ar, "برجر كلاسيك");
    CHECK_EQ_STR(burger->name_en, "Classic Burger");
    CHECK_EQ_STR(burger->note, "بدون بصل");
    CHECK_EQ_INT(burger->quantity, 2);
    CHECK_EQ_INT(burger->unit_price, 2000); /* 1800 + cheddar 200 */
    CHECK_EQ_INT(burger->n_details, 2);
    CHECK_EQ_STR(burger->details[0].id, "cheddar");
    CHECK_EQ_STR(burger->details[0].name_ar, "شيدر");
    CHECK_EQ_STR(burger->details[1].id, "ketchup");
    CHECK_EQ_STR(burger->promo_note_en, "");

    /* size first, then each slot's product with its own options one level down */
    static const struct detail_spec meal_details[] = {
        {KS_DETAIL_SIZE, "large", "Large", 300, 0},
        {KS_DETAIL_COMBO_ITEM, "burger", "Classic Burger", 0, 0},
        {KS_DETAIL_MODIFIER, "cheddar", "Cheddar", 200, 1},
        {KS_DETAIL_MODIFIER, "ketchup", "Ketchup", 0, 1},
        {KS_DETAIL_COMBO_ITEM, "fries", "Fries", 0, 0},
        {KS_DETAIL_COMBO_ITEM, "juice", "Juice", 200, 0},
    };
    const ks_order_line *meal = &o->lines[1];
    CHECK_EQ_INT(meal->n_details, CHECK_COUNT(meal_details));
    for (size_t i = 0; i < CHECK_COUNT(meal_details); i++) {
        const ks_order_detail *d = &meal->details[i];
        CHECK_EQ_INT(d->kind, meal_details[i].kind);
        CHECK_EQ_STR(d->id, meal_details[i].id);
        CHECK_EQ_STR(d->name_en, meal_details[i].name_en);
        CHECK_EQ_INT(d->price_delta, meal_details[i].price_delta);
        CHECK_EQ_INT(d->depth, meal_details[i].depth);
    }
    CHECK_EQ_INT(meal->unit_price, 3300); /* 2600 + large 300 + juice 200 + cheddar 200 */

    const ks_order_line *dates = &o->lines[2];
    CHECK_EQ_INT(dates->unit, KS_UNIT_KG);
    CHECK_EQ_INT(dates->quantity, 345);
    /* 4000 * 345 / 1000 = 1380; VAT at 15 % share of the row */
    CHECK_EQ_INT(dates->gross, 1380);

    /* Each line carries its tax category's ZATCA treatment. */
    CHECK_EQ_INT(dates->vat_treatment.category, 'S');
    CHECK_EQ_STR(dates->vat_treatment.exemption, "");
    const ks_order_line *water = &o->lines[3];
    CHECK_EQ_STR(water->item_id, "water");
    CHECK_EQ_INT(water->vat_treatment.category, 'Z');
    CHECK_EQ_STR(water->vat_treatment.exemption, "VATEX-SA-35");

    /* Rows: 0 % holds the water (300, no VAT); 15 % holds 4000 + 3300 + 1380 = 8680,
       VAT round(8680 * 1500 / 11500 = 1132.17) = 1132 */
    CHECK_EQ_INT(o->n_vat, 2);
    CHECK_EQ_INT(o->vat[0].rate_bp, 0);
    CHECK_EQ_INT(o->vat[0].taxable, 300);
    CHECK_EQ_INT(o->vat[0].vat, 0);
    CHECK_EQ_INT(o->vat[1].rate_bp, 1500);
    CHECK_EQ_INT(o->vat[1].vat, 1132);
    CHECK_EQ_INT(o->vat[1].taxable, 8680 - 1132);
    CHECK_EQ_INT(o->subtotal, 8980);
    CHECK_EQ_INT(o->total, 8980);
    CHECK_EQ_INT(o->total_vat, 1132);
    ks_order_free(o);
}

static void test_build_promo_notes(void)
{
    /* Two fries with buy 1 get 1: 700 off, shown on the line in both languages. */
    ks_cart *cart = ks_cart_new(cat);
    ks_cart_add(cart, item("fries"), 2, NULL);
    ks_order *o = build(cart, &META);
    ks_cart_free(cart);
    CHECK(o != NULL);
    CHECK(ks_order_totals_consistent(o));
    CHECK_EQ_INT(o->lines[0].discount, 700);
    CHECK_EQ_STR(o->lines[0].promo_note_en, "Fries BOGO: -7.00 SAR");
    CHECK_EQ_STR(o->lines[0].promo_note_ar, "بطاطس مجانية: -7.00 \xE2\x83\x81");
    /* 1400 - 700 = 700; VAT round(700 * 1500 / 11500 = 91.30) = 91 */
    CHECK_EQ_INT(o->subtotal, 1400);
    CHECK_EQ_INT(o->discount, 700);
    CHECK_EQ_INT(o->total, 700);
    CHECK_EQ_INT(o->total_vat, 91);
    ks_order_free(o);
}

static void test_build_refusals(void)
{
    ks_cart *cart = ks_cart_new(cat);
    CHECK(build(cart, &META) == NULL); /* empty */
    ks_cart_add(cart, item("cola"), 1, NULL);
    ks_pricing *pr = ks_pricing_new(cart, MONDAY);
    CHECK(pr != NULL);
    ks_order_meta meta = META;
    meta.uuid = "0f8fad5b";
    CHECK(ks_order_build(cart, pr, &meta) == NULL);
    meta = META;
    meta.store_id = "a-store-id-that-is-longer-than-32-bytes";
    CHECK(ks_order_build(cart, pr, &meta) == NULL);
    meta = META;
    meta.number = -1; /* 0 is allowed: storage numbers the order */
    CHECK(ks_order_build(cart, pr, &meta) == NULL);
    meta = META;
    meta.business_date = NULL;
    CHECK(ks_order_build(cart, pr, &meta) == NULL);
    /* pricing made before the cart changed */
    ks_cart_add(cart, item("fries"), 1, NULL);
    CHECK(ks_order_build(cart, pr, &META) == NULL);
    ks_pricing_free(pr);
    ks_cart_free(cart);
}

static bool details_equal(const ks_order_line *a, const ks_order_line *b)
{
    if (a->n_details != b->n_details)
        return false;
    for (size_t j = 0; j < a->n_details; j++) {
        const ks_order_detail *x = &a->details[j], *y = &b->details[j];
        if (x->kind != y->kind || strcmp(x->id, y->id) || strcmp(x->name_ar, y->name_ar) ||
            strcmp(x->name_en, y->name_en) || x->price_delta != y->price_delta ||
            x->depth != y->depth)
            return false;
    }
    return true;
}

static bool orders_equal(const ks_order *a, const ks_order *b)
{
    if (strcmp(a->uuid, b->uuid) || strcmp(a->store_id, b->store_id) ||
        strcmp(a->kiosk_id, b->kiosk_id) || a->number != b->number ||
        strcmp(a->business_date, b->business_date) || a->service != b->service ||
        a->status != b->status || a->lang != b->lang || strcmp(a->currency, b->currency) ||
        a->exponent != b->exponent || a->prices_include_tax != b->prices_include_tax ||
        strcmp(a->menu_version, b->menu_version) || a->created_at != b->created_at ||
        a->updated_at != b->updated_at || a->n_lines != b->n_lines || a->n_vat != b->n_vat ||
        a->subtotal != b->subtotal || a->discount != b->discount || a->total_net != b->total_net ||
        a->total_vat != b->total_vat || a->total != b->total ||
        strcmp(a->receipt_token, b->receipt_token))
        return false;
    for (size_t i = 0; i < a->n_lines; i++) {
        const ks_order_line *x = &a->lines[i], *y = &b->lines[i];
        if (strcmp(x->item_id, y->item_id) || strcmp(x->category_id, y->category_id) ||
            strcmp(x->name_ar, y->name_ar) || strcmp(x->name_en, y->name_en) ||
            x->unit != y->unit || x->quantity != y->quantity || x->unit_price != y->unit_price ||
            strcmp(x->note, y->note) || x->vat_rate_bp != y->vat_rate_bp ||
            x->discount != y->discount || x->net != y->net || x->vat != y->vat ||
            x->gross != y->gross || strcmp(x->promo_note_ar, y->promo_note_ar) ||
            strcmp(x->promo_note_en, y->promo_note_en) || !details_equal(x, y))
            return false;
    }
    for (size_t r = 0; r < a->n_vat; r++)
        if (a->vat[r].rate_bp != b->vat[r].rate_bp || a->vat[r].taxable != b->vat[r].taxable ||
            a->vat[r].vat != b->vat[r].vat)
            return false;
    return true;
}

/*
 * The card terminal's reference an order carries (#15): the terminal's
 * transaction reference as the nexo simulator and a retrieval reference
 * look, kept; nothing that is not printable, too long, or shaped like a
 * card number (13 digits or more in a run, spaces and dashes inside it).
 */
static void test_terminal_ref(void)
{
    static const struct {
        const char *ref;
        bool ok;
    } cases[] = {
        {"SIM000007.V400m", true},
        {"633012345678", true}, /* a 12-digit retrieval reference */
        {"REV000001.V400m", true},
        {"123456789012 3", false},      /* 12 digits, one more after a space: 13 in a run */
        {"4847831234561234", false},    /* a card number */
        {"4847 8312 3456 1234", false}, /* spaced */
        {"4847-8312-3456-1", false},    /* 13 digits with dashes */
        {"1234567890123", false},       /* exactly 13 */
        {"123456789012.3456789012", true},
        {"", false},
        {"SIM\t1", false},
        {"\xd9\xa1", false},                                                        /* not ASCII */
        {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true}, /* 64 */
        {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefX", false},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        if (ks_terminal_ref_ok(cases[i].ref) != cases[i].ok)
            check_fail(__FILE__, __LINE__, "\"%s\": expected %s", cases[i].ref,
                       cases[i].ok ? "kept" : "refused");
        ks_order_payment p = ks_order_payment_card("visa", cases[i].ref);
        CHECK_EQ_STR(p.terminal_ref, cases[i].ok ? cases[i].ref : "");
        CHECK_EQ_STR(p.brand, "visa");
    }
    CHECK(!ks_terminal_ref_ok(NULL));
    CHECK_EQ_STR(ks_order_payment_card(NULL, NULL).terminal_ref, "");
}

static void test_json_round_trip(void)
{
    ks_cart *cart = sample_cart();
    ks_cart_add(cart, item("fries"), 3, NULL);
    ks_order *o = build(cart, &META);
    ks_cart_free(cart);
    CHECK(o != NULL);
    o->status = KS_ORDER_PAID;
    snprintf(o->receipt_token, sizeof o->receipt_token, "0123456789abcdef0123456789abcdef");
    o->payment = ks_order_payment_card("Mada", "SIM000007.V400m");
    ks_order_json_error err;
    char *text = ks_order_to_json(o, &err);
    CHECK(text != NULL);
    CHECK_CONTAINS(text, "\"payment\":{\"method\":\"card\",\"brand\":\"mada\","
                         "\"terminal_ref\":\"SIM000007.V400m\"}");
    CHECK_CONTAINS(text, "\"format\":\"kiosk-order/1\"");
    CHECK_CONTAINS(text, "\"receipt_token\":\"0123456789abcdef0123456789abcdef\"");
    CHECK_CONTAINS(text, "\"status\":\"paid\"");
    CHECK_CONTAINS(text, "\"kind\":\"combo_item\"");
    CHECK_CONTAINS(text, "\"note\":\"بدون بصل\"");
    /* A weighed line names its weight and price per kg for the backend (345 g of dates). */
    CHECK_CONTAINS(text, "\"unit\":\"kg\",\"quantity\":345,\"unit_price\":4000,\"weight_g\":345,"
                         "\"price_per_kg\":4000");
    ks_order *back = ks_order_from_json(text, strlen(text), &err);
    if (!back)
        check_fail(__FILE__, __LINE__, "refused: %s: %s", err.path, err.reason);
    bool same = back && orders_equal(o, back) && back->payment.by == KS_PAID_BY_CARD &&
                strcmp(back->payment.terminal_ref, "SIM000007.V400m") == 0;
    char *again = back ? ks_order_to_json(back, NULL) : NULL;
    bool stable = again && strcmp(text, again) == 0;
    free(again);
    free(text);
    ks_order_free(back);
    ks_order_free(o);
    CHECK(same);
    CHECK(stable);
}

static void test_many_carts_consistent(void)
{
    /* Carts of every item in varying quantities and options: every order adds up and
       survives the JSON round trip unchanged. */
    static const char *const ids[] = {"burger", "fries", "cola", "juice", "water", "dates", "meal"};
    for (unsigned seed = 1; seed <= 150; seed++) {
        ks_cart *cart = ks_cart_new(cat);
        unsigned x = seed;
        for (unsigned k = 0; k < 1 + seed % 6; k++) {
            x = x * 1103515245u + 12345u;
            const ks_item *it = item(ids[(x >> 8) % CHECK_COUNT(ids)]);
            ks_line_id id;
            int32_t q =
                it->unit == KS_UNIT_KG ? (int32_t)(x >> 3) % 3000 + 1 : (int32_t)(x >> 17) % 9 + 1;
            menu_fixture_add(cart, it, q, &id);
            if (x & 0x10000)
                ks_cart_toggle_option(cart, id, it->kind == KS_ITEM_COMBO ? 0 : KS_CART_NO_SLOT, 0,
                                      0);
        }
        ks_order *o = build(cart, &META);
        ks_cart_free(cart);
        char *text = o ? ks_order_to_json(o, NULL) : NULL;
        ks_order *back = text ? ks_order_from_json(text, strlen(text), NULL) : NULL;
        bool ok = back && ks_order_totals_consistent(o) && orders_equal(o, back);
        free(text);
        ks_order_free(back);
        ks_order_free(o);
        if (!ok) {
            check_fail(__FILE__, __LINE__, "seed %u", seed);
            return;
        }
    }
}

/* ---- Refusals: a valid order's JSON, changed one way each. ---- */

static json_t *line0(json_t *root)
{
    return json_array_get(json_object_get(root, "lines"), 0);
}

static void m_extra(json_t *r)
{
    json_object_set_new(r, "extra", json_true());
}
static void m_no_uuid(json_t *r)
{
    json_object_del(r, "uuid");
}
static void m_upper_uuid(json_t *r)
{
    json_object_set_new(r, "uuid", json_string("0F8FAD5B-D9CB-469F-A165-70867728950E"));
}
/* A receipt token is 32 lowercase hex digits (128 bits) or absent: never shorter or odd. */
static void m_token_short(json_t *r)
{
    json_object_set_new(r, "receipt_token", json_string("0123456789abcdef"));
}
static void m_token_upper(json_t *r)
{
    json_object_set_new(r, "receipt_token", json_string("0123456789ABCDEF0123456789ABCDEF"));
}
static void m_token_empty(json_t *r)
{
    json_object_set_new(r, "receipt_token", json_string(""));
}
static void m_token_long(json_t *r)
{
    json_object_set_new(r, "receipt_token", json_string("0123456789abcdef0123456789abcdef0"));
}
static void m_token_number(json_t *r)
{
    json_object_set_new(r, "receipt_token", json_integer(12345));
}
static void m_number_text(json_t *r)
{
    json_object_set_new(r, "number", json_string("17"));
}
static void m_number_zero(json_t *r)
{
    json_object_set_new(r, "number", json_integer(0));
}
static void m_bad_date(json_t *r)
{
    json_object_set_new(r, "business_date", json_string("2026-13-01"));
}
static void m_bad_format(json_t *r)
{
    json_object_set_new(r, "format", json_string("kiosk-order/2"));
}
static void m_bad_status(json_t *r)
{
    json_object_set_new(r, "status", json_string("eaten"));
}
static void m_bad_lang(json_t *r)
{
    json_object_set_new(r, "lang", json_string("fr"));
}
static void m_store_id_space(json_t *r)
{
    json_object_set_new(r, "store_id", json_string("riyadh 01"));
}
static void m_long_version(json_t *r)
{
    char v[80];
    memset(v, 'v', sizeof v - 1);
    v[sizeof v - 1] = '\0';
    json_object_set_new(r, "menu_version", json_string(v));
}
static void m_no_lines(json_t *r)
{
    json_object_set_new(r, "lines", json_array());
}
static void m_lines_object(json_t *r)
{
    json_object_set_new(r, "lines", json_object());
}
static void m_quantity_zero(json_t *r)
{
    json_object_set_new(line0(r), "quantity", json_integer(0));
}
static void m_quantity_100(json_t *r)
{
    json_object_set_new(line0(r), "quantity", json_integer(100));
}
static void m_quantity_huge(json_t *r)
{
    json_object_set_new(line0(r), "quantity", json_integer(INT64_C(1) << 40));
}
static void m_quantity_real(json_t *r)
{
    json_object_set_new(line0(r), "quantity", json_real(2.0));
}
static void m_negative_net(json_t *r)
{
    json_object_set_new(line0(r), "net", json_integer(-5));
}
static void m_huge_amount(json_t *r)
{
    json_object_set_new(line0(r), "net", json_integer(INT64_MAX));
}
static void m_total_off(json_t *r)
{
    json_object_set_new(r, "total",
                        json_integer(json_integer_value(json_object_get(r, "total")) + 1));
}
static void m_row_off(json_t *r)
{
    /* One halala more taxable in the row than its lines hold. */
    json_t *row = json_array_get(json_object_get(r, "vat"), 0);
    json_object_set_new(row, "taxable",
                        json_integer(json_integer_value(json_object_get(row, "taxable")) + 1));
}
static void m_item_id_upper(json_t *r)
{
    json_object_set_new(line0(r), "item_id", json_string("Burger"));
}
static void m_note_newline(json_t *r)
{
    json_object_set_new(line0(r), "note", json_string("a\nb"));
}
static void m_note_long(json_t *r)
{
    char v[142];
    memset(v, 'n', sizeof v - 1);
    v[sizeof v - 1] = '\0';
    json_object_set_new(line0(r), "note", json_string(v));
}
static void m_name_missing_en(json_t *r)
{
    json_object_del(json_object_get(line0(r), "name"), "en");
}
static void m_name_both_empty(json_t *r)
{
    json_object_set_new(line0(r), "name", json_pack("{s:s, s:s}", "ar", "", "en", ""));
}
static void m_detail_kind(json_t *r)
{
    json_t *d = json_array_get(json_object_get(line0(r), "details"), 0);
    json_object_set_new(d, "kind", json_string("topping"));
}
static void m_detail_depth(json_t *r)
{
    json_t *d = json_array_get(json_object_get(line0(r), "details"), 0);
    json_object_set_new(d, "depth", json_integer(2));
}
static void m_unit(json_t *r)
{
    json_object_set_new(line0(r), "unit", json_string("litre"));
}
static void m_weight_differs(json_t *r)
{
    json_object_set_new(json_array_get(json_object_get(r, "lines"), 2), "weight_g",
                        json_integer(346));
}
static void m_price_per_kg_differs(json_t *r)
{
    json_object_set_new(json_array_get(json_object_get(r, "lines"), 2), "price_per_kg",
                        json_integer(3999));
}
static void m_weight_on_pieces(json_t *r)
{
    json_object_set_new(line0(r), "weight_g", json_integer(1));
}
static void m_too_many_lines(json_t *r)
{
    json_t *lines = json_object_get(r, "lines");
    while (json_array_size(lines) <= KS_ORDER_MAX_LINES)
        json_array_append(lines, json_array_get(lines, 0));
}

struct refusal_case {
    const char *name;
    void (*mutate)(json_t *root);
    const char *path; /* expected error path */
};

static const struct refusal_case refusals[] = {
    {"unknown member", m_extra, "extra"},
    {"missing uuid", m_no_uuid, ""}, /* reason: missing member "uuid" */
    {"upper-case uuid", m_upper_uuid, "uuid"},
    {"receipt token of 16 digits", m_token_short, "receipt_token"},
    {"upper-case receipt token", m_token_upper, "receipt_token"},
    {"empty receipt token", m_token_empty, "receipt_token"},
    {"receipt token of 33 digits", m_token_long, "receipt_token"},
    {"receipt token as a number", m_token_number, "receipt_token"},
    {"number as text", m_number_text, "number"},
    {"number zero", m_number_zero, "number"},
    {"month 13", m_bad_date, "business_date"},
    {"other format", m_bad_format, "format"},
    {"unknown status", m_bad_status, "status"},
    {"unknown language", m_bad_lang, "lang"},
    {"store id with a space", m_store_id_space, "store_id"},
    {"menu version too long", m_long_version, "menu_version"},
    {"no lines", m_no_lines, "lines"},
    {"lines not an array", m_lines_object, "lines"},
    {"quantity 0", m_quantity_zero, "lines[0].quantity"},
    {"quantity 100", m_quantity_100, "lines[0].quantity"},
    {"quantity beyond 32 bits", m_quantity_huge, "lines[0].quantity"},
    {"quantity as a real", m_quantity_real, "lines[0].quantity"},
    {"negative net", m_negative_net, "lines[0].net"},
    {"amount beyond the limit", m_huge_amount, "lines[0].net"},
    {"total off by one halala", m_total_off, ""},
    {"VAT row off by one halala", m_row_off, "vat[0]"},
    {"item id upper-case", m_item_id_upper, "lines[0].item_id"},
    {"note with a newline", m_note_newline, "lines[0].note"},
    {"note of 141 bytes", m_note_long, "lines[0].note"},
    {"name without en", m_name_missing_en, "lines[0].name"}, /* missing member "en" */
    {"both names empty", m_name_both_empty, "lines[0].name"},
    {"unknown detail kind", m_detail_kind, "lines[0].details[0].kind"},
    {"detail depth 2", m_detail_depth, "lines[0].details[0].depth"},
    {"unknown unit", m_unit, "lines[0].unit"},
    {"weight_g differs from the grams", m_weight_differs, "lines[2].weight_g"},
    {"price_per_kg differs from the unit price", m_price_per_kg_differs, "lines[2].price_per_kg"},
    {"weight_g on a line of pieces", m_weight_on_pieces, "lines[0].weight_g"},
    {"more than 500 lines", m_too_many_lines, "lines"},
};

/* Orders stored before weighed lines carried weight_g and price_per_kg still read the same. */
static void test_json_without_weighed_figures(void)
{
    ks_cart *cart = sample_cart();
    ks_order *o = build(cart, &META);
    ks_cart_free(cart);
    CHECK(o != NULL);
    char *text = ks_order_to_json(o, NULL);
    json_t *root = text ? json_loads(text, 0, NULL) : NULL;
    json_t *dates = json_array_get(json_object_get(root, "lines"), 2);
    CHECK(json_object_del(dates, "weight_g") == 0 && json_object_del(dates, "price_per_kg") == 0);
    char *old = json_dumps(root, JSON_COMPACT);
    ks_order_json_error err;
    ks_order *back = old ? ks_order_from_json(old, strlen(old), &err) : NULL;
    if (!back)
        check_fail(__FILE__, __LINE__, "refused: %s: %s", err.path, err.reason);
    CHECK(back && orders_equal(o, back));
    ks_order_free(back);
    free(old);
    json_decref(root);
    free(text);
    ks_order_free(o);
}

static void test_json_refusals(void)
{
    ks_cart *cart = sample_cart();
    ks_order *o = build(cart, &META);
    ks_cart_free(cart);
    CHECK(o != NULL);
    char *valid = ks_order_to_json(o, NULL);
    ks_order_free(o);
    CHECK(valid != NULL);
    for (size_t i = 0; i < CHECK_COUNT(refusals); i++) {
        json_t *root = json_loads(valid, 0, NULL);
        refusals[i].mutate(root);
        char *text = json_dumps(root, JSON_COMPACT);
        json_decref(root);
        ks_order_json_error err = {"?", "?"};
        ks_order *got = text ? ks_order_from_json(text, strlen(text), &err) : NULL;
        if (got || strcmp(err.path, refusals[i].path) != 0 || err.reason[0] == '\0')
            check_fail(__FILE__, __LINE__, "%s: %s, path \"%s\": %s", refusals[i].name,
                       got ? "accepted" : "refused", err.path, err.reason);
        ks_order_free(got);
        free(text);
    }
    free(valid);
}

struct raw_case {
    const char *name;
    const char *text;
    const char *reason_part;
};

static void test_raw_refusals(void)
{
    static const struct raw_case raws[] = {
        {"empty", "", "not valid JSON"},
        {"truncated", "{\"format\": \"kiosk-order/1\"", "not valid JSON"},
        {"array", "[]", "must be an object"},
        {"duplicate member", "{\"format\": \"kiosk-order/1\", \"format\": \"x\"}",
         "not valid JSON"},
        {"NUL escape", "{\"format\": \"kiosk\\u0000\"}", "not valid JSON"},
        {"unbalanced nesting",
         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]",
         "not valid JSON"},
        {"missing everything", "{}", "missing member \"format\""},
    };
    for (size_t i = 0; i < CHECK_COUNT(raws); i++) {
        ks_order_json_error err = {"", ""};
        ks_order *got = ks_order_from_json(raws[i].text, strlen(raws[i].text), &err);
        if (got || !strstr(err.reason, raws[i].reason_part))
            check_fail(__FILE__, __LINE__, "%s: %s: %s", raws[i].name, got ? "accepted" : "refused",
                       err.reason);
        ks_order_free(got);
    }
    /* Too large, before parsing anything. */
    size_t big = KS_ORDER_JSON_MAX_BYTES + 1;
    char *text = malloc(big);
    CHECK(text != NULL);
    memset(text, ' ', big);
    ks_order_json_error err;
    ks_order *got = ks_order_from_json(text, big, &err);
    free(text);
    CHECK(got == NULL);
    CHECK_CONTAINS(err.reason, "larger than");
    CHECK(ks_order_from_json(NULL, 0, NULL) == NULL);
}

static void test_to_json_refuses_invalid(void)
{
    ks_cart *cart = sample_cart();
    ks_order *o = build(cart, &META);
    ks_cart_free(cart);
    CHECK(o != NULL);
    o->total += 1;
    ks_order_json_error err;
    CHECK(ks_order_to_json(o, &err) == NULL);
    CHECK_EQ_STR(err.reason, "the totals do not add up");
    ks_order_free(o);
}

static void test_business_date_ok(void)
{
    static const char *const good[] = {"2026-11-24", "2026-01-01", "2027-12-31",
                                       "2028-02-29", "2000-02-29", "2026-04-30"};
    static const char *const bad[] = {"",           "2026-11-2",  "2026-11-240", "2026/11/24",
                                      "2026-13-01", "2026-00-10", "2026-11-00",  "2026-11-32",
                                      "today",      "2026-1a-24", " 2026-11-24", "2026-02-30",
                                      "2026-02-29", "1900-02-29", "2026-04-31",  "2026-06-31"};
    for (size_t i = 0; i < CHECK_COUNT(good); i++)
        CHECK(ks_business_date_ok(good[i]));
    for (size_t i = 0; i < CHECK_COUNT(bad); i++)
        CHECK(!ks_business_date_ok(bad[i]));
    CHECK(!ks_business_date_ok(NULL));
}

/* Days since 1970-01-01: fixed points, and each good date back through ks_business_date. */
static void test_business_date_days(void)
{
    CHECK_EQ_INT(ks_business_date_days("1970-01-01"), 0);
    CHECK_EQ_INT(ks_business_date_days("1969-12-31"), -1);
    CHECK_EQ_INT(ks_business_date_days("2000-03-01"), 11017);
    CHECK_EQ_INT(ks_business_date_days("2026-03-01") - ks_business_date_days("2026-02-28"), 1);
    CHECK_EQ_INT(ks_business_date_days("2028-03-01") - ks_business_date_days("2028-02-28"), 2);
    CHECK_EQ_INT(ks_business_date_days("2027-01-01") - ks_business_date_days("2026-01-01"), 365);
    static const char *const dates[] = {"2026-11-24", "2026-01-01", "2027-12-31", "2028-02-29",
                                        "2000-02-29", "1999-12-31", "2100-03-01", "1601-01-01"};
    for (size_t i = 0; i < CHECK_COUNT(dates); i++) {
        char back[11];
        ks_business_date(ks_business_date_days(dates[i]) * 86400, 0, 0, back);
        CHECK_EQ_STR(back, dates[i]);
    }
}

int main(int argc, char **argv)
{
    static const struct check_case tests[] = {
        {"business dates: shape and days of the calendar", test_business_date_ok},
        {"business dates: days since 1970", test_business_date_days},
        {"build copies names, details, VAT rows", test_build_copies_everything},
        {"build writes promotion notes", test_build_promo_notes},
        {"build refuses empty carts, stale pricing, bad meta", test_build_refusals},
        {"JSON round trip", test_json_round_trip},
        {"a terminal reference is never shaped like a card number", test_terminal_ref},
        {"JSON of orders stored before weight_g and price_per_kg",
         test_json_without_weighed_figures},
        {"many carts: consistent and round trip", test_many_carts_consistent},
        {"JSON refusals with their path", test_json_refusals},
        {"raw input refusals", test_raw_refusals},
        {"writing refuses an inconsistent order", test_to_json_refuses_invalid},
    };
    cat = menu_fixture_import(MENU, NULL);
    if (!cat)
        return 1;
    int rc = check_run(tests, CHECK_COUNT(tests), argc, argv);
    ks_catalog_free(cat);
    return rc;
}
