/*
 * The bagging-area check (kiosk/domain/bagging.c): expected weights and
 * tolerances from the catalog, weighed lines by their grams, weights
 * learned for products without one, and the attendant's acceptance.
 */
#include "kiosk/domain/bagging.h"

#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

/* clang-format off */
static const char MENU[] =
    "{'format': 'kiosk-menu/1', 'version': 'bagging-test', 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': true,"
    " 'tax_categories': [{'id': 'std', 'name': {'ar': 'قياسية', 'en': 'Standard'}, 'rate_bp': 1500}],"
    " 'categories': [{'id': 'all', 'name': {'ar': 'الكل', 'en': 'All'}}],"
    " 'items': ["
    "  {'id': 'water', 'category': 'all', 'name': {'ar': 'مياه', 'en': 'Water 330 ml'}, 'price': 150,"
    "   'tax': 'std', 'expected_weight_g': 345},"
    "  {'id': 'rice', 'category': 'all', 'name': {'ar': 'أرز', 'en': 'Rice 5 kg'}, 'price': 4500,"
    "   'tax': 'std', 'expected_weight_g': 5050, 'weight_tolerance_g': 40},"
    "  {'id': 'card', 'category': 'all', 'name': {'ar': 'بطاقة هدية', 'en': 'Gift Card'}, 'price': 10000,"
    "   'tax': 'std'},"
    "  {'id': 'bananas', 'category': 'all', 'name': {'ar': 'موز', 'en': 'Bananas'}, 'price': 695,"
    "   'tax': 'std', 'unit': 'kg', 'plu': '10001'}]}";
/* clang-format on */

static ks_catalog *cat;

static const ks_item *item(const char *id)
{
    return ks_catalog_find_item(cat, id);
}

static void test_tolerances(void)
{
    ks_cart *cart = ks_cart_new(cat);
    ks_line_id water, rice, bananas;
    ks_cart_add(cart, item("water"), 3, &water);
    ks_cart_add(cart, item("rice"), 2, &rice);
    ks_cart_add_weighed(cart, item("bananas"), 1234, &bananas);
    const ks_cart_line *w = ks_cart_find(cart, water), *r = ks_cart_find(cart, rice),
                       *b = ks_cart_find(cart, bananas);
    CHECK_EQ_INT(ks_bagging_line_weight(w), 3 * 345);
    CHECK_EQ_INT(ks_bagging_line_tolerance(w, 3 * 345), 52); /* 5 % of 1,035 = 51.75 */
    CHECK_EQ_INT(ks_bagging_line_weight(r), 2 * 5050);
    CHECK_EQ_INT(ks_bagging_line_tolerance(r, 2 * 5050), 2 * 40); /* the catalog's, per piece */
    CHECK_EQ_INT(ks_bagging_line_weight(b), 1234);
    CHECK_EQ_INT(ks_bagging_line_tolerance(b, 1234), 62); /* 61.7 */
    ks_cart_set_quantity(cart, water, 1);
    CHECK_EQ_INT(ks_bagging_line_tolerance(w, 345), 17);
    CHECK_EQ_INT(ks_bagging_line_tolerance(w, 100), KS_BAGGING_MIN_TOLERANCE_G); /* not 5 g */
    ks_line_id card;
    ks_cart_add(cart, item("card"), 1, &card);
    CHECK_EQ_INT(ks_bagging_line_weight(ks_cart_find(cart, card)), -1);
    ks_cart_free(cart);
}

struct reading_case {
    int64_t reading;
    enum ks_bagging_verdict verdict;
    int64_t off_by;
};

static void test_verdicts(void)
{
    ks_cart *cart = ks_cart_new(cat);
    ks_bagging *bag = ks_bagging_new(120); /* the shopper's own bag */
    /* Empty basket: only the bag. */
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 120).verdict, KS_BAGGING_OK);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 400).verdict, KS_BAGGING_UNEXPECTED_ITEM);
    ks_cart_add(cart, item("water"), 2, NULL);             /* 690 +/- 35 */
    ks_cart_add_weighed(cart, item("bananas"), 800, NULL); /* 800 +/- 40 */
    int64_t expected = 120 + 690 + 800, tolerance = 35 + 40;
    const struct reading_case cases[] = {
        {expected, KS_BAGGING_OK, 0},
        {expected + tolerance, KS_BAGGING_OK, 0},
        {expected - tolerance, KS_BAGGING_OK, 0},
        {expected + tolerance + 1, KS_BAGGING_UNEXPECTED_ITEM, 1},
        {expected + 345, KS_BAGGING_UNEXPECTED_ITEM,
         345 - tolerance}, /* a third, unscanned water */
        {expected - 345, KS_BAGGING_ITEM_NOT_PLACED, 345 - tolerance}, /* one water left out */
        {120 + 690, KS_BAGGING_ITEM_NOT_PLACED, 800 - tolerance},      /* bananas not placed */
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_bagging_result r = ks_bagging_check(bag, cart, cases[i].reading);
        if (r.verdict != cases[i].verdict || r.off_by_g != cases[i].off_by ||
            r.expected_g != expected || r.min_g != expected - tolerance ||
            r.max_g != expected + tolerance)
            check_fail(__FILE__, __LINE__, "%lld g: got %s off by %lld, range %lld-%lld",
                       (long long)cases[i].reading, ks_bagging_verdict_name(r.verdict),
                       (long long)r.off_by_g, (long long)r.min_g, (long long)r.max_g);
    }
    /* A line taken off: its product must leave the bag too. */
    ks_cart_remove(cart, ks_cart_line_at(cart, 1)->id);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, expected).verdict, KS_BAGGING_UNEXPECTED_ITEM);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 120 + 690).verdict, KS_BAGGING_OK);
    ks_bagging_free(bag);
    ks_cart_free(cart);
}

static void test_learned_weight(void)
{
    ks_cart *cart = ks_cart_new(cat);
    ks_bagging *bag = ks_bagging_new(0);
    ks_cart_add(cart, item("water"), 1, NULL);
    ks_line_id card;
    ks_cart_add(cart, item("card"), 1, &card);
    /* The gift card has no expected weight: nothing more than the water yet means not placed. */
    ks_bagging_result r = ks_bagging_check(bag, cart, 345);
    CHECK_EQ_INT(r.verdict, KS_BAGGING_ITEM_NOT_PLACED);
    CHECK_EQ_INT(r.learned, 0);
    /* Placed: the card's 25 g are learned, and then checked like any weight. */
    r = ks_bagging_check(bag, cart, 370);
    CHECK_EQ_INT(r.verdict, KS_BAGGING_OK);
    CHECK_EQ_INT(r.learned, card);
    CHECK_EQ_INT(r.expected_g, 370);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 370 + 200).verdict, KS_BAGGING_UNEXPECTED_ITEM);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 345).verdict, KS_BAGGING_OK); /* within 10 + 17 g */
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 300).verdict, KS_BAGGING_ITEM_NOT_PLACED);
    ks_bagging_free(bag);
    ks_cart_free(cart);
}

static void test_attendant_accepts(void)
{
    ks_cart *cart = ks_cart_new(cat);
    ks_bagging *bag = ks_bagging_new(0);
    ks_cart_add(cart, item("rice"), 1, NULL);
    /* A heavy bag of the shopper's own on the scale with the rice: unexpected until cleared. */
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 5050 + 700).verdict, KS_BAGGING_UNEXPECTED_ITEM);
    ks_bagging_accept(bag, cart, 5050 + 700);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 5050 + 700).verdict, KS_BAGGING_OK);
    ks_cart_add(cart, item("water"), 1, NULL);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 5050 + 700 + 345).verdict, KS_BAGGING_OK);
    /* A product that will not go on the scale (a gift card kept in hand), accepted at 0 g. */
    ks_cart_add(cart, item("card"), 1, NULL);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 5050 + 700 + 345).verdict, KS_BAGGING_ITEM_NOT_PLACED);
    ks_bagging_accept(bag, cart, 5050 + 700 + 345);
    CHECK_EQ_INT(ks_bagging_check(bag, cart, 5050 + 700 + 345).verdict, KS_BAGGING_OK);
    ks_bagging_free(bag);
    ks_bagging_free(NULL);
    ks_cart_free(cart);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"line weights and tolerances", test_tolerances},
        {"ok, unexpected item, item not placed", test_verdicts},
        {"a weight learned for a product without one", test_learned_weight},
        {"the attendant clears an alert", test_attendant_accepts},
    };
    cat = menu_fixture_import(MENU, NULL);
    if (!cat)
        return 1;
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ks_catalog_free(cat);
    return rc;
}
