/*
 * Promotions: each kind, competition for the same units, whole-order
 * promotions with a minimum, time windows, deterministic ties, the greedy
 * search beyond KS_PROMO_EXHAUSTIVE_MAX candidates, and the per-line notes.
 */
#include "kiosk/domain/promotion.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

/* Written with ' for " to stay readable; the promotions array follows. */
/* clang-format off */
static const char MENU_HEAD[] =
    "{'format': 'kiosk-menu/1', 'version': 'promo-test', 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': true,"
    " 'tax_categories': [{'id': 'std', 'name': {'ar': 'قياسية', 'en': 'Standard'}, 'rate_bp': 1500}],"
    " 'categories': ["
    "  {'id': 'burgers', 'name': {'ar': 'برجر', 'en': 'Burgers'}},"
    "  {'id': 'sides', 'name': {'ar': 'أطباق جانبية', 'en': 'Sides'}},"
    "  {'id': 'drinks', 'name': {'ar': 'مشروبات', 'en': 'Drinks'}}],"
    " 'items': ["
    "  {'id': 'burger', 'category': 'burgers', 'name': {'ar': 'برجر', 'en': 'Burger'}, 'price': 2000, 'tax': 'std'},"
    "  {'id': 'chicken', 'category': 'burgers', 'name': {'ar': 'دجاج', 'en': 'Chicken'}, 'price': 1800, 'tax': 'std'},"
    "  {'id': 'mini', 'category': 'burgers', 'name': {'ar': 'ميني', 'en': 'Mini'}, 'price': 1200, 'tax': 'std'},"
    "  {'id': 'fries', 'category': 'sides', 'name': {'ar': 'بطاطس', 'en': 'Fries'}, 'price': 700, 'tax': 'std'},"
    "  {'id': 'cola', 'category': 'drinks', 'name': {'ar': 'كولا', 'en': 'Cola'}, 'price': 500, 'tax': 'std'},"
    "  {'id': 'water', 'category': 'drinks', 'name': {'ar': 'ماء', 'en': 'Water'}, 'price': 300, 'tax': 'std'}],"
    " 'promotions': [";

#define NAME(en) "'name': {'ar': 'عرض', 'en': '" en "'}, "
#define BURGERS_10                                                                                 \
    "{'id': 'burgers-10', " NAME("Burgers 10%") "'kind': 'percent_off', 'percent_bp': 1000,"        \
    " 'target': {'categories': ['burgers']}}"
#define MEAL_DEAL                                                                                  \
    "{'id': 'meal-deal', " NAME("Meal deal") "'kind': 'bundle_price', 'bundle_price': 2500,"        \
    " 'components': [{'items': ['burger', 'chicken']}, {'categories': ['sides']},"                  \
    " {'categories': ['drinks']}]}"
#define FRIES_HALF                                                                                 \
    "{'id': 'fries-half', " NAME("Fries half price") "'kind': 'percent_off', 'percent_bp': 5000,"   \
    " 'target': {'items': ['fries']}}"
/* clang-format on */

static const ks_local_time MONDAY = {MON, HM(13, 0)};

struct line_spec {
    const char *item;
    int32_t units;
    ks_money discount;
    const char *first_promo; /* id of the line's first share, NULL for none */
};

struct promo_case {
    const char *name;
    const char *promos;
    ks_local_time at;
    struct line_spec lines[5];
    ks_money item_discount;
    const char *order_promo;
    ks_money order_discount;
};

/* clang-format off */
static const struct promo_case cases[] = {
    /* 2 * 2000 * 10 % = 400; 1800 * 10 % = 180; fries not targeted */
    {"percent off a category", BURGERS_10, {MON, HM(13, 0)},
     {{"burger", 2, 400, "burgers-10"}, {"chicken", 1, 180, "burgers-10"}, {"fries", 1, 0, NULL}},
     580, NULL, 0},
    /* 600 off each unit, but never below zero: water 2 * 300, cola 500 */
    {"amount off, never below zero",
     "{'id': 'drinks-6', " NAME("6 off drinks") "'kind': 'amount_off', 'amount': 600,"
     " 'target': {'items': ['water', 'cola']}}",
     {MON, HM(13, 0)},
     {{"water", 2, 600, "drinks-6"}, {"cola", 1, 500, "drinks-6"}, {"fries", 1, 0, NULL}},
     1100, NULL, 0},
    /* 2000, 1800, 1200: one group of three, the cheapest (mini) free */
    {"buy 2 get 1 free: the cheapest unit",
     "{'id': 'b2g1', " NAME("Buy 2 get 1") "'kind': 'buy_x_get_y', 'buy': 2, 'get': 1,"
     " 'get_percent_bp': 10000, 'target': {'categories': ['burgers']}}",
     {MON, HM(13, 0)},
     {{"mini", 1, 1200, "b2g1"}, {"burger", 1, 0, NULL}, {"chicken", 1, 0, NULL}},
     1200, NULL, 0},
    /* 2000, 2000, 1800 | 1200: the group's cheapest is the chicken; the mini is left over */
    {"buy 2 get 1 free: leftover units pay",
     "{'id': 'b2g1', " NAME("Buy 2 get 1") "'kind': 'buy_x_get_y', 'buy': 2, 'get': 1,"
     " 'get_percent_bp': 10000, 'target': {'categories': ['burgers']}}",
     {MON, HM(13, 0)},
     {{"burger", 2, 0, NULL}, {"chicken", 1, 1800, "b2g1"}, {"mini", 1, 0, NULL}},
     1800, NULL, 0},
    /* 2000 + 700 + 500 = 3200 for 2500: 700 off, spread 437.5 / 153.125 / 109.375 -> 438/153/109 */
    {"bundle meal deal", MEAL_DEAL, {MON, HM(13, 0)},
     {{"burger", 1, 438, "meal-deal"}, {"fries", 1, 153, "meal-deal"}, {"cola", 1, 109, "meal-deal"}},
     700, NULL, 0},
    /* Bundles from the most expensive units: burger+fries+cola (3200), burger+fries+water (3000),
       then no side is left. 6200 - 2 * 2500 = 1200 off, by value 4000/0/1400/500/300:
       774.19, 0, 270.97, 96.77, 58.06 -> 774, 0, 270, 96, 58 + 1 to .97 and .77 */
    {"bundles take the most expensive units", MEAL_DEAL, {MON, HM(13, 0)},
     {{"burger", 2, 774, "meal-deal"}, {"chicken", 1, 0, NULL}, {"fries", 2, 271, "meal-deal"},
      {"cola", 1, 97, "meal-deal"}, {"water", 2, 58, "meal-deal"}},
     1200, NULL, 0},
    /* deal alone 100 (2700 for 2600); half price burger alone 1000; both: the deal takes the
       burger first, 100. The better combination (half price alone) must win. */
    {"the better combination wins, not all promotions",
     "{'id': 'deal', " NAME("Deal") "'kind': 'bundle_price', 'bundle_price': 2600,"
     " 'components': [{'items': ['burger']}, {'items': ['fries']}]},"
     "{'id': 'half-burgers', " NAME("Half burgers") "'kind': 'percent_off', 'percent_bp': 5000,"
     " 'target': {'categories': ['burgers']}}",
     {MON, HM(13, 0)},
     {{"burger", 1, 1000, "half-burgers"}, {"fries", 1, 0, NULL}},
     1000, NULL, 0},
    /* deal alone 700, fries half alone 2 * 350 = 700, both 700 + 350 = 1050: both.
       fries line: fries-half 350 + its bundle share 153 */
    {"two promotions together beat either", FRIES_HALF "," MEAL_DEAL, {MON, HM(13, 0)},
     {{"burger", 1, 438, "meal-deal"}, {"fries", 2, 503, "fries-half"}, {"cola", 1, 109, "meal-deal"}},
     1050, NULL, 0},
    /* two colas: buy 1 get 1 = 500, 30 % = 300; together the bogo takes both units: 500 with
       two promotions, so the bogo alone wins */
    {"competing for the same units",
     "{'id': 'cola-bogo', " NAME("Cola BOGO") "'kind': 'buy_x_get_y', 'buy': 1, 'get': 1,"
     " 'get_percent_bp': 10000, 'target': {'items': ['cola']}},"
     "{'id': 'cola-30', " NAME("Cola 30%") "'kind': 'percent_off', 'percent_bp': 3000,"
     " 'target': {'items': ['cola']}}",
     {MON, HM(13, 0)},
     {{"cola", 2, 500, "cola-bogo"}},
     500, NULL, 0},
    /* three colas: bogo on two (500) and 30 % on the third (150) = 650 > 500 or 450 */
    {"competing: the odd unit goes to the other promotion",
     "{'id': 'cola-bogo', " NAME("Cola BOGO") "'kind': 'buy_x_get_y', 'buy': 1, 'get': 1,"
     " 'get_percent_bp': 10000, 'target': {'items': ['cola']}},"
     "{'id': 'cola-30', " NAME("Cola 30%") "'kind': 'percent_off', 'percent_bp': 3000,"
     " 'target': {'items': ['cola']}}",
     {MON, HM(13, 0)},
     {{"cola", 3, 650, "cola-30"}},
     650, NULL, 0},
    /* subtotal 2 * 2000 + 700 = 4700 < 5000 */
    {"whole order below min_order",
     "{'id': 'big-order', " NAME("Big order 10%") "'kind': 'percent_off', 'percent_bp': 1000,"
     " 'whole_order': true, 'min_order': 5000}",
     {MON, HM(13, 0)},
     {{"burger", 2, 0, NULL}, {"fries", 1, 0, NULL}},
     0, NULL, 0},
    /* 5200 >= 5000: 520 off, spread 4000/700/500 -> 400/70/50 exactly */
    {"whole order at min_order",
     "{'id': 'big-order', " NAME("Big order 10%") "'kind': 'percent_off', 'percent_bp': 1000,"
     " 'whole_order': true, 'min_order': 5000}",
     {MON, HM(13, 0)},
     {{"burger", 2, 400, "big-order"}, {"fries", 1, 70, "big-order"}, {"cola", 1, 50, "big-order"}},
     0, "big-order", 520},
    /* items: burgers 10 % = 400; left 4800: 5.00 off beats 10 % (480). 500 spread over
       3600/700/500: 375, 72.92, 52.08 -> 375, 72 + 1, 52. burger 400 + 375. */
    {"whole order after item promotions, the best single one",
     BURGERS_10 ","
     "{'id': 'order-5', " NAME("5 off") "'kind': 'amount_off', 'amount': 500, 'whole_order': true},"
     "{'id': 'order-10pct', " NAME("10% off") "'kind': 'percent_off', 'percent_bp': 1000,"
     " 'whole_order': true}",
     {MON, HM(13, 0)},
     {{"burger", 2, 775, "burgers-10"}, {"fries", 1, 73, "order-5"}, {"cola", 1, 52, "order-5"}},
     400, "order-5", 500},
    /* amount off the order never exceeds what is left: 700 */
    {"whole order amount capped at the total",
     "{'id': 'order-50', " NAME("50 off") "'kind': 'amount_off', 'amount': 5000, 'whole_order': true}",
     {MON, HM(13, 0)},
     {{"fries", 1, 700, "order-50"}},
     0, "order-50", 700},
    {"outside its time window",
     "{'id': 'lunch-fries', " NAME("Lunch fries") "'kind': 'buy_x_get_y', 'buy': 1, 'get': 1,"
     " 'get_percent_bp': 10000, 'target': {'items': ['fries']},"
     " 'available': [{'days': ['thu'], 'from': '12:00', 'to': '16:00'}]}",
     {MON, HM(13, 0)},
     {{"fries", 2, 0, NULL}},
     0, NULL, 0},
    {"inside its time window",
     "{'id': 'lunch-fries', " NAME("Lunch fries") "'kind': 'buy_x_get_y', 'buy': 1, 'get': 1,"
     " 'get_percent_bp': 10000, 'target': {'items': ['fries']},"
     " 'available': [{'days': ['thu'], 'from': '12:00', 'to': '16:00'}]}",
     {THU, HM(13, 0)},
     {{"fries", 2, 700, "lunch-fries"}},
     700, NULL, 0},
    /* 10 % of 2000 = 200 = 2.00 off: equal discount, equal count: the smaller id */
    {"tie: the smaller id wins",
     "{'id': 'b-burger-10', " NAME("B") "'kind': 'percent_off', 'percent_bp': 1000,"
     " 'target': {'items': ['burger']}},"
     "{'id': 'a-burger-200', " NAME("A") "'kind': 'amount_off', 'amount': 200,"
     " 'target': {'items': ['burger']}}",
     {MON, HM(13, 0)},
     {{"burger", 1, 200, "a-burger-200"}},
     200, NULL, 0},
    {"tie: the smaller id wins whatever the menu order",
     "{'id': 'a-burger-200', " NAME("A") "'kind': 'amount_off', 'amount': 200,"
     " 'target': {'items': ['burger']}},"
     "{'id': 'b-burger-10', " NAME("B") "'kind': 'percent_off', 'percent_bp': 1000,"
     " 'target': {'items': ['burger']}}",
     {MON, HM(13, 0)},
     {{"burger", 1, 200, "a-burger-200"}},
     200, NULL, 0},
};
/* clang-format on */

/* The test menu with promos (written with ' for ") as its promotions; a check failure when refused.
 */
static ks_catalog *import_with(const char *promos)
{
    return menu_fixture_import(MENU_HEAD, promos, "]}", NULL);
}

/* Applies the catalog's promotions to lines built from specs[0..n). */
static ks_promo_result *apply(const ks_catalog *cat, const struct line_spec *specs, size_t n,
                              ks_local_time at)
{
    ks_promo_line lines[5];
    for (size_t i = 0; i < n; i++) {
        const ks_item *item = ks_catalog_find_item(cat, specs[i].item);
        lines[i] =
            (ks_promo_line){.item = item, .units = specs[i].units, .unit_price = item->price};
    }
    size_t n_promos;
    const ks_promotion *promos = ks_catalog_promotions(cat, &n_promos);
    return ks_promotion_apply(promos, n_promos, lines, n, at);
}

/* Shares add up per line and over the result, and never exceed a line's amount. */
static bool result_consistent(const ks_promo_result *r, const ks_catalog *cat,
                              const struct line_spec *specs)
{
    ks_money all = 0;
    for (size_t i = 0; i < r->n_lines; i++) {
        ks_money sum = 0;
        for (size_t s = 0; s < r->lines[i].n_shares; s++)
            sum += r->lines[i].shares[s].amount;
        ks_money amount = ks_catalog_find_item(cat, specs[i].item)->price * specs[i].units;
        if (sum != r->lines[i].discount || sum > amount)
            return false;
        all += sum;
    }
    return all == r->item_discount + r->order_discount;
}

static void run_case(const struct promo_case *c)
{
    ks_catalog *cat = import_with(c->promos);
    if (!cat)
        return;
    size_t n = 0;
    while (n < 5 && c->lines[n].item)
        n++;
    ks_promo_result *r = apply(cat, c->lines, n, c->at);
    if (!r) {
        check_fail(__FILE__, __LINE__, "%s: no result", c->name);
        goto done;
    }
    if (!result_consistent(r, cat, c->lines))
        check_fail(__FILE__, __LINE__, "%s: shares do not add up", c->name);
    for (size_t i = 0; i < n; i++) {
        const ks_promo_line_result *l = &r->lines[i];
        const char *first = l->n_shares ? l->shares[0].promo->id : NULL;
        bool same = first && c->lines[i].first_promo ? strcmp(first, c->lines[i].first_promo) == 0
                                                     : first == c->lines[i].first_promo;
        if (l->discount != c->lines[i].discount || !same)
            check_fail(__FILE__, __LINE__, "%s line %zu: discount %lld by %s", c->name, i,
                       (long long)l->discount, first ? first : "nothing");
    }
    const char *order_id = r->order_promo ? r->order_promo->id : NULL;
    bool same_order = order_id && c->order_promo ? strcmp(order_id, c->order_promo) == 0
                                                 : order_id == c->order_promo;
    if (r->item_discount != c->item_discount || r->order_discount != c->order_discount ||
        !same_order)
        check_fail(__FILE__, __LINE__, "%s: items %lld, order %lld by %s", c->name,
                   (long long)r->item_discount, (long long)r->order_discount,
                   order_id ? order_id : "nothing");
done:
    ks_promotion_result_free(r);
    ks_catalog_free(cat);
}

static void test_cases(void)
{
    for (size_t i = 0; i < CHECK_COUNT(cases); i++)
        run_case(&cases[i]);
}

static const struct promo_case *find_case(const char *name)
{
    for (size_t i = 0; i < CHECK_COUNT(cases); i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

static void test_units_per_share(void)
{
    /* Three colas: the bogo's share counts its two units, the 30 % share the third. */
    const struct promo_case *c = find_case("competing: the odd unit goes to the other promotion");
    CHECK(c != NULL);
    ks_catalog *cat = import_with(c->promos);
    CHECK(cat != NULL);
    ks_promo_result *r = apply(cat, c->lines, 1, MONDAY);
    CHECK(r != NULL);
    CHECK_EQ_INT(r->lines[0].n_shares, 2);
    CHECK_EQ_STR(r->lines[0].shares[0].promo->id, "cola-30");
    CHECK_EQ_INT(r->lines[0].shares[0].units, 1);
    CHECK_EQ_INT(r->lines[0].shares[0].amount, 150);
    CHECK_EQ_STR(r->lines[0].shares[1].promo->id, "cola-bogo");
    CHECK_EQ_INT(r->lines[0].shares[1].units, 2);
    CHECK_EQ_INT(r->lines[0].shares[1].amount, 500);
    CHECK_EQ_INT(r->n_candidates, 2);
    CHECK(r->exhaustive);
    ks_promotion_result_free(r);
    ks_catalog_free(cat);
}

static void test_greedy_beyond_limit(void)
{
    /* 13 percent promotions on the burger, 1 % .. 13 %: too many to try every subset. */
    char promos[4096] = "";
    size_t len = 0;
    for (int i = 1; i <= 13; i++)
        len += (size_t)snprintf(
            promos + len, sizeof promos - len,
            "%s{'id': 'p%02d', " NAME("P") "'kind': 'percent_off',"
                                           " 'percent_bp': %d, 'target': {'items': ['burger']}}",
            i > 1 ? "," : "", i, i * 100);
    CHECK(len < sizeof promos);
    ks_catalog *cat = import_with(promos);
    CHECK(cat != NULL);
    const struct line_spec lines[] = {{"burger", 3, 0, NULL}, {"fries", 1, 0, NULL}};
    ks_promo_result *r = apply(cat, lines, 2, MONDAY);
    CHECK(r != NULL);
    CHECK_EQ_INT(r->n_candidates, 13);
    CHECK(!r->exhaustive);
    /* 13 % of 3 * 2000 = 780 */
    CHECK_EQ_INT(r->item_discount, 780);
    CHECK_EQ_INT(r->lines[0].n_shares, 1);
    CHECK_EQ_STR(r->lines[0].shares[0].promo->id, "p13");
    ks_promotion_result_free(r);
    ks_catalog_free(cat);
}

static void test_notes(void)
{
    const struct promo_case *c = find_case("two promotions together beat either");
    CHECK(c != NULL);
    ks_catalog *cat = import_with(c->promos);
    CHECK(cat != NULL);
    ks_promo_result *r = apply(cat, c->lines, 3, MONDAY);
    CHECK(r != NULL);
    char note[256];
    const ks_promo_line_result *fries = &r->lines[1];
    CHECK(ks_promotion_note(fries->shares, fries->n_shares, &KS_CURRENCY_SAR, KS_LANG_EN, note,
                            sizeof note) > 0);
    CHECK_EQ_STR(note, "Fries half price: -3.50 SAR; Meal deal: -1.53 SAR");
    CHECK(ks_promotion_note(fries->shares, fries->n_shares, &KS_CURRENCY_SAR, KS_LANG_AR, note,
                            sizeof note) > 0);
    CHECK_EQ_STR(note, "عرض: -3.50 \xE2\x83\x81؛ عرض: -1.53 \xE2\x83\x81");
    CHECK_EQ_INT(
        ks_promotion_note(fries->shares, fries->n_shares, &KS_CURRENCY_SAR, KS_LANG_EN, note, 20),
        -1);
    CHECK_EQ_STR(note, "");
    CHECK_EQ_INT(ks_promotion_note(NULL, 0, &KS_CURRENCY_SAR, KS_LANG_EN, note, sizeof note), 0);
    CHECK_EQ_STR(note, "");
    ks_promotion_result_free(r);
    ks_catalog_free(cat);
}

static void test_random_carts(void)
{
    /* Every kind at once over random carts: shares always add up, never exceed a line, and
       the same cart always gets the same answer. */
    static const char *const ids[] = {"burger", "chicken", "mini", "fries", "cola", "water"};
    ks_catalog *cat = import_with(
        BURGERS_10
        "," MEAL_DEAL "," FRIES_HALF ","
        "{'id': 'b2g1', " NAME(
            "B2G1") "'kind': 'buy_x_get_y', 'buy': 2, 'get': 1,"
                    " 'get_percent_bp': 5000, 'target': {'categories': ['burgers', 'drinks']}},"
                    "{'id': 'drinks-1', " NAME(
                        "1 off") "'kind': 'amount_off', 'amount': 100,"
                                 " 'target': {'categories': ['drinks']}},"
                                 "{'id': 'order-5', " NAME(
                                     "5 off") "'kind': 'amount_off', 'amount': 500, 'whole_order': "
                                              "true},"
                                              "{'id': 'big-order', " NAME(
                                                  "10%") "'kind': 'percent_off', 'percent_bp': "
                                                         "1000,"
                                                         " 'whole_order': true, 'min_order': "
                                                         "5000}");
    CHECK(cat != NULL);
    for (unsigned seed = 1; seed <= 300; seed++) {
        struct line_spec lines[5];
        size_t n = 1 + seed % 5;
        unsigned x = seed;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            lines[i] = (struct line_spec){ids[(x >> 8) % CHECK_COUNT(ids)],
                                          (int32_t)(x >> 20) % 6 + 1, 0, NULL};
        }
        ks_promo_result *a = apply(cat, lines, n, MONDAY), *b = apply(cat, lines, n, MONDAY);
        bool ok = a && b && result_consistent(a, cat, lines) &&
                  a->item_discount == b->item_discount && a->order_discount == b->order_discount;
        for (size_t i = 0; ok && i < n; i++)
            ok = a->lines[i].discount == b->lines[i].discount &&
                 a->lines[i].n_shares == b->lines[i].n_shares;
        ks_promotion_result_free(a);
        ks_promotion_result_free(b);
        if (!ok) {
            check_fail(__FILE__, __LINE__, "seed %u", seed);
            break;
        }
    }
    ks_catalog_free(cat);
}

static void test_bad_input(void)
{
    const ks_promo_line negative = {.item = NULL, .units = -1, .unit_price = 100};
    CHECK(ks_promotion_apply(NULL, 0, &negative, 1, MONDAY) == NULL);
    ks_promo_result *r = ks_promotion_apply(NULL, 0, NULL, 0, MONDAY);
    CHECK(r != NULL);
    CHECK_EQ_INT(r->item_discount + r->order_discount, 0);
    ks_promotion_result_free(r);
}

int main(int argc, char **argv)
{
    static const struct check_case tests[] = {
        {"promotion cases", test_cases},
        {"units per share", test_units_per_share},
        {"greedy beyond the exhaustive limit", test_greedy_beyond_limit},
        {"notes in English and Arabic", test_notes},
        {"random carts add up, deterministically", test_random_carts},
        {"bad input", test_bad_input},
    };
    return check_run(tests, CHECK_COUNT(tests), argc, argv);
}
