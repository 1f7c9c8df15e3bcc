/*
 * The self-checkout basket (kiosk/domain/basket.c): scans, labels, weighing,
 * refusals that leave the basket alone, age approval, quantity, removal,
 * voids and totals. Every amount is worked out here from the menu's
 * figures, not read back from the code under test.
 */
#include "kiosk/domain/basket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

/* clang-format off */
static const char MENU[] =
    "{'format': 'kiosk-menu/1', 'version': 'basket-test', 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': true,"
    " 'tax_categories': [{'id': 'std', 'name': {'ar': 'قياسية', 'en': 'Standard'}, 'rate_bp': 1500}],"
    " 'categories': [{'id': 'fruits', 'name': {'ar': 'الفواكه', 'en': 'Fruits'}},"
    "                {'id': 'drinks', 'name': {'ar': 'المشروبات', 'en': 'Drinks'}},"
    "                {'id': 'deli', 'name': {'ar': 'الأجبان', 'en': 'Deli'}}],"
    " 'items': ["
    "  {'id': 'bananas', 'category': 'fruits', 'name': {'ar': 'موز', 'en': 'Bananas'}, 'price': 695,"
    "   'tax': 'std', 'unit': 'kg', 'plu': '10001', 'barcodes': ['6281234000057']},"
    "  {'id': 'water', 'category': 'drinks', 'name': {'ar': 'مياه', 'en': 'Water'}, 'price': 150,"
    "   'tax': 'std', 'barcodes': ['6281234000019'], 'expected_weight_g': 345},"
    "  {'id': 'energy', 'category': 'drinks', 'name': {'ar': 'مشروب طاقة', 'en': 'Energy Drink'},"
    "   'price': 700, 'tax': 'std', 'barcodes': ['6281234000026', '62812344'], 'min_age': 16},"
    "  {'id': 'cigars', 'category': 'drinks', 'name': {'ar': 'سيجار', 'en': 'Cigars'},"
    "   'price': 9900, 'tax': 'std', 'barcodes': ['2000000000008', '6281234000064'], 'min_age': 18},"
    "  {'id': 'juice', 'category': 'drinks', 'name': {'ar': 'عصير', 'en': 'Juice'}, 'price': 500,"
    "   'tax': 'std', 'barcodes': ['6281234000033'], 'sold_out': true},"
    "  {'id': 'cheese', 'category': 'deli', 'name': {'ar': 'جبنة', 'en': 'Cheese'}, 'price': 4500,"
    "   'tax': 'std', 'unit': 'kg', 'plu': '30001'},"
    "  {'id': 'cake', 'category': 'deli', 'name': {'ar': 'كعكة', 'en': 'Cake'}, 'price': 1500,"
    "   'tax': 'std', 'plu': '30002'}],"
    " 'promotions': [{'id': 'water-3-for-2', 'name': {'ar': 'مياه 3 بسعر 2', 'en': 'Water 3 for 2'},"
    "   'kind': 'buy_x_get_y', 'target': {'items': ['water']}, 'buy': 2, 'get': 1, 'get_percent_bp': 10000}]}";
/* clang-format on */

static const struct ks_barcode_rule RULES[] = {
    {"20", 5, 5, KS_BARCODE_VALUE_GRAMS, false},
    {"22", 5, 5, KS_BARCODE_VALUE_HALALAS, false},
};

static const ks_local_time NOON = {MON, HM(12, 0)};

static ks_catalog *cat;

static const ks_item *item(const char *id)
{
    return ks_catalog_find_item(cat, id);
}

static ks_basket *new_basket(void)
{
    ks_basket *b = ks_basket_new(cat, RULES, CHECK_COUNT(RULES));
    if (!b) {
        check_fail(__FILE__, __LINE__, "no basket");
        abort();
    }
    return b;
}

static ks_scan_result scan(ks_basket *b, const char *code)
{
    return ks_basket_scan(b, code, strlen(code), NOON);
}

/* Half-up VAT included in a tax-inclusive amount at 15 %. */
static ks_money vat_in(ks_money gross)
{
    return (gross * 1500 * 2 + 11500) / (2 * 11500);
}

static void test_same_item_adds_to_its_line(void)
{
    ks_basket *b = new_basket();
    ks_scan_result r = scan(b, "6281234000019");
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(r.item == item("water"));
    ks_line_id water = r.line;
    CHECK(water != 0);
    r = scan(b, "6281234000019");
    CHECK_EQ_INT(r.outcome, KS_SCAN_MORE);
    CHECK_EQ_INT(r.line, water);
    /* The same product by look-up (picture grid) joins the line too. */
    r = ks_basket_add_item(b, item("water"), NOON);
    CHECK_EQ_INT(r.outcome, KS_SCAN_MORE);
    CHECK_EQ_INT(ks_cart_count(ks_basket_cart(b)), 1);
    CHECK_EQ_INT(ks_cart_find(ks_basket_cart(b), water)->quantity, 3);
    /* Another product: a new line; then water again still finds its line. */
    CHECK_EQ_INT(scan(b, "6281234000026").outcome, KS_SCAN_ADDED);
    r = scan(b, "6281234000019");
    CHECK_EQ_INT(r.outcome, KS_SCAN_MORE);
    CHECK_EQ_INT(ks_cart_find(ks_basket_cart(b), water)->quantity, 4);
    /* The EAN-8 of the same energy drink finds the same product. */
    CHECK_EQ_INT(scan(b, "62812344").outcome, KS_SCAN_MORE);
    ks_basket_free(b);
}

static void test_labels(void)
{
    ks_basket *b = new_basket();
    /* 1,234 g of bananas (PLU 10001) at 6.95 per kg = 857.63 -> 858. */
    ks_scan_result r = scan(b, "2010001012344");
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(r.item == item("bananas"));
    CHECK_EQ_INT(r.code.grams, 1234);
    const ks_cart_line *line = ks_cart_find(ks_basket_cart(b), r.line);
    CHECK_EQ_INT(line->quantity, 1234);
    ks_money amount = 0;
    CHECK(ks_cart_line_amount(line, &amount));
    CHECK_EQ_INT(amount, (695 * 1234 + 500) / 1000);
    /* The same label again is another package: a line of its own. */
    CHECK_EQ_INT(scan(b, "2010001012344").outcome, KS_SCAN_ADDED);
    CHECK_EQ_INT(ks_cart_count(ks_basket_cart(b)), 2);
    /* A price label: cheese (PLU 30001, per kg) at the label's 12.34, one piece. */
    r = scan(b, "2230001012346");
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(r.item == item("cheese"));
    line = ks_cart_find(ks_basket_cart(b), r.line);
    CHECK_EQ_INT(ks_cart_line_unit(line), KS_UNIT_EACH);
    CHECK_EQ_INT(line->quantity, 1);
    CHECK(ks_cart_line_amount(line, &amount));
    CHECK_EQ_INT(amount, 1234);
    CHECK_EQ_INT(ks_basket_set_quantity(b, r.line, 2), KS_CART_LABELLED);
    /* A price label on a counted product (cake, PLU 30002): 7.50. */
    r = scan(b, "2230002007501");
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(ks_cart_line_amount(ks_cart_find(ks_basket_cart(b), r.line), &amount));
    CHECK_EQ_INT(amount, 750);
    size_t before = ks_cart_count(ks_basket_cart(b));
    /* A weight label on a counted product (cake) has no price per gram: refused. */
    r = scan(b, "2030002010002");
    CHECK_EQ_INT(r.outcome, KS_SCAN_NOT_FOR_SALE);
    CHECK(r.item == item("cake"));
    /* A weight of 0 g. */
    r = scan(b, "2010001000006");
    CHECK_EQ_INT(r.outcome, KS_SCAN_BAD_WEIGHT);
    CHECK(r.item == item("bananas"));
    /* A PLU no product has. */
    r = scan(b, "2099999010006");
    CHECK_EQ_INT(r.outcome, KS_SCAN_UNKNOWN);
    CHECK_EQ_STR(r.code.plu, "99999");
    CHECK_EQ_INT(ks_cart_count(ks_basket_cart(b)), before);
    ks_basket_free(b);
}

struct refusal_case {
    const char *code;
    enum ks_scan_outcome outcome;
    enum ks_barcode_error barcode_error;
    const char *en, *ar; /* in the shopper's message */
};

static const struct refusal_case refusals[] = {
    {"6281234000018", KS_SCAN_MALFORMED, KS_BARCODE_ERR_CHECK_DIGIT,
     "The barcode could not be read", "تعذّرت قراءة الباركود"},
    {"12345", KS_SCAN_MALFORMED, KS_BARCODE_ERR_LENGTH, "scan it again", "مسحه مرة أخرى"},
    {"62812340000a9", KS_SCAN_MALFORMED, KS_BARCODE_ERR_NOT_DIGITS, "could not be read", "تعذّرت"},
    {"628123400001962812340000196281234000019", KS_SCAN_MALFORMED, KS_BARCODE_ERR_LENGTH,
     "could not be read", "تعذّرت"},
    {"6281234000040", KS_SCAN_UNKNOWN, KS_BARCODE_OK, "Item not found (code 6281234000040)",
     "المنتج غير موجود (الرمز 6281234000040)"},
    {"6281234000033", KS_SCAN_NOT_FOR_SALE, KS_BARCODE_OK, "\"Juice\" cannot be sold here now",
     "لا يمكن بيع \"عصير\""},
    {"6281234000057", KS_SCAN_NEEDS_WEIGHT, KS_BARCODE_OK, "Place \"Bananas\" on the scale",
     "ضع \"موز\" على الميزان"},
    {"2010001000006", KS_SCAN_BAD_WEIGHT, KS_BARCODE_OK, "label of \"Bananas\" is not valid",
     "ملصق \"موز\" غير صالح"},
};

static void test_refusals_leave_the_basket_alone(void)
{
    ks_basket *b = new_basket();
    scan(b, "6281234000019");
    for (size_t i = 0; i < CHECK_COUNT(refusals); i++) {
        const struct refusal_case *c = &refusals[i];
        ks_scan_result r = scan(b, c->code);
        char en[KS_SCAN_TEXT_CAP], ar[KS_SCAN_TEXT_CAP];
        CHECK(ks_scan_describe(&r, KS_LANG_EN, en, sizeof en) > 0);
        CHECK(ks_scan_describe(&r, KS_LANG_AR, ar, sizeof ar) > 0);
        if (r.outcome != c->outcome || r.barcode_error != c->barcode_error || !strstr(en, c->en) ||
            !strstr(ar, c->ar) || ks_scan_added(&r))
            check_fail(__FILE__, __LINE__, "%s: got %s (%s) \"%s\" / \"%s\"", c->code,
                       ks_scan_outcome_name(r.outcome), ks_barcode_strerror(r.barcode_error), en,
                       ar);
        CHECK_EQ_INT(ks_cart_count(ks_basket_cart(b)), 1);
        CHECK_EQ_INT(ks_cart_line_at(ks_basket_cart(b), 0)->quantity, 1);
    }
    /* Non-printable bytes are not echoed to the screen. */
    ks_scan_result r = ks_basket_scan(b, "62\x01\n", 4, NOON);
    CHECK_EQ_STR(r.scanned, "62??");
    CHECK_EQ_INT(ks_basket_scan(b, NULL, 0, NOON).outcome, KS_SCAN_MALFORMED);
    char tiny[8];
    CHECK_EQ_INT(ks_scan_describe(&r, KS_LANG_EN, tiny, sizeof tiny), -1);
    CHECK_EQ_STR(tiny, "");
    ks_basket_free(b);
}

static void test_weighing(void)
{
    ks_basket *b = new_basket();
    ks_scan_result r = ks_basket_add_item(b, item("bananas"), NOON);
    CHECK_EQ_INT(r.outcome, KS_SCAN_NEEDS_WEIGHT);
    CHECK_EQ_INT(ks_cart_count(ks_basket_cart(b)), 0);
    r = ks_basket_add_weighed(b, r.item, 720, NOON);
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    ks_money amount;
    CHECK(ks_cart_line_amount(ks_cart_find(ks_basket_cart(b), r.line), &amount));
    CHECK_EQ_INT(amount, 500); /* 695 x 0.720 = 500.4 */
    CHECK_EQ_INT(ks_basket_set_quantity(b, r.line, 800), KS_CART_WRONG_UNIT);
    CHECK_EQ_INT(ks_basket_add_weighed(b, item("bananas"), 0, NOON).outcome, KS_SCAN_BAD_WEIGHT);
    CHECK_EQ_INT(ks_basket_add_weighed(b, item("bananas"), KS_CART_MAX_GRAMS + 1, NOON).outcome,
                 KS_SCAN_BAD_WEIGHT);
    CHECK_EQ_INT(ks_basket_add_weighed(b, item("water"), 500, NOON).outcome, KS_SCAN_NOT_FOR_SALE);
    ks_item stranger = *item("bananas");
    CHECK_EQ_INT(ks_basket_add_weighed(b, &stranger, 500, NOON).outcome, KS_SCAN_UNKNOWN);
    CHECK_EQ_INT(ks_cart_count(ks_basket_cart(b)), 1);
    ks_basket_free(b);
}

static void test_age_approval(void)
{
    ks_basket *b = new_basket();
    CHECK(!ks_basket_approve_age(b, "att-7", 1000)); /* nothing waits */
    scan(b, "6281234000019");
    CHECK_EQ_INT(ks_basket_age_pending(b), 0);
    ks_scan_result r = scan(b, "6281234000026");
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(r.needs_age_approval);
    char en[KS_SCAN_TEXT_CAP], ar[KS_SCAN_TEXT_CAP];
    ks_scan_describe(&r, KS_LANG_EN, en, sizeof en);
    ks_scan_describe(&r, KS_LANG_AR, ar, sizeof ar);
    CHECK_CONTAINS(en, "you are 16 or over before you pay");
    CHECK_CONTAINS(ar, "عمرك 16 سنة أو أكثر");
    CHECK_EQ_INT(ks_basket_age_pending(b), 16);
    /* The shopper keeps scanning meanwhile. */
    CHECK_EQ_INT(scan(b, "6281234000019").outcome, KS_SCAN_MORE);
    CHECK(!ks_basket_approve_age(b, "", 1000));
    CHECK(!ks_basket_approve_age(b, "an-attendant-id-longer-than-32-bytes", 1000));
    CHECK(ks_basket_approve_age(b, "att-7", 1700000000));
    CHECK_EQ_INT(ks_basket_age_pending(b), 0);
    const ks_age_approval *a = ks_basket_age_approval(b);
    CHECK_EQ_INT(a->approved_age, 16);
    CHECK_EQ_STR(a->by, "att-7");
    CHECK_EQ_INT(a->at, 1700000000);
    /* Covered: another energy drink. Not covered: an 18+ product. */
    r = scan(b, "6281234000026");
    CHECK(!r.needs_age_approval);
    r = scan(b, "6281234000064");
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(r.needs_age_approval);
    CHECK_EQ_INT(ks_basket_age_pending(b), 18);
    /* Taking it off lifts the wait. */
    CHECK_EQ_INT(ks_basket_remove(b, r.line), KS_CART_OK);
    CHECK_EQ_INT(ks_basket_age_pending(b), 0);
    ks_basket_clear(b);
    CHECK_EQ_INT(ks_basket_age_approval(b)->approved_age, 0);
    ks_basket_free(b);
}

static void test_quantity_remove_void(void)
{
    ks_basket *b = new_basket();
    ks_line_id water = scan(b, "6281234000019").line;
    ks_line_id energy = scan(b, "6281234000026").line;
    CHECK_EQ_INT(ks_basket_set_quantity(b, water, 6), KS_CART_OK);
    CHECK_EQ_INT(ks_cart_find(ks_basket_cart(b), water)->quantity, 6);
    CHECK_EQ_INT(ks_basket_set_quantity(b, water, 0), KS_CART_BAD_QUANTITY);
    CHECK_EQ_INT(ks_basket_set_quantity(b, water, KS_CART_MAX_COUNT + 1), KS_CART_BAD_QUANTITY);
    CHECK_EQ_INT(ks_basket_set_quantity(b, 999, 2), KS_CART_NO_LINE);
    /* At the line's maximum the next scan starts a new line. */
    CHECK_EQ_INT(ks_basket_set_quantity(b, water, KS_CART_MAX_COUNT), KS_CART_OK);
    ks_scan_result r = scan(b, "6281234000019");
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(r.line != water);
    CHECK_EQ_INT(ks_basket_remove(b, r.line), KS_CART_OK);
    CHECK_EQ_INT(ks_basket_remove(b, r.line), KS_CART_NO_LINE);
    /* A void keeps what was taken off, by whom and when. */
    CHECK_EQ_INT(ks_basket_void(b, energy, "att-2", 1700000100), KS_CART_OK);
    CHECK(ks_cart_find(ks_basket_cart(b), energy) == NULL);
    size_t n;
    const ks_voided_line *v = ks_basket_voids(b, &n);
    CHECK_EQ_INT(n, 1);
    CHECK(v[0].item == item("energy"));
    CHECK_EQ_INT(v[0].quantity, 1);
    CHECK_EQ_INT(v[0].amount, 700);
    CHECK_EQ_STR(v[0].by, "att-2");
    CHECK_EQ_INT(v[0].at, 1700000100);
    CHECK_EQ_INT(ks_basket_void(b, energy, "att-2", 1700000100), KS_CART_NO_LINE);
    ks_basket_free(b);
}

/* The attendant's decisions kept for the order; a void fills in its decision's line and amount. */
static void test_interventions(void)
{
    ks_basket *b = new_basket();
    ks_line_id energy = scan(b, "6281234000026").line;
    ks_order_intervention iv = {.need = KS_INTERVENTION_HELP,
                                .decision = KS_INTERVENTION_HELP_GIVEN,
                                .staff = "staff-07",
                                .raised_at = 1700000000,
                                .decided_at = 1700000020};
    CHECK(ks_basket_intervene(b, &iv));
    iv = (ks_order_intervention){.need = KS_INTERVENTION_UNASKED,
                                 .decision = KS_INTERVENTION_VOID_LINE,
                                 .staff = "staff-07",
                                 .raised_at = 1700000030,
                                 .decided_at = 1700000030};
    CHECK(ks_basket_intervene(b, &iv));
    /* Another attendant's void is not this decision's. */
    CHECK_EQ_INT(ks_basket_void(b, scan(b, "6281234000019").line, "staff-03", 1700000031),
                 KS_CART_OK);
    size_t n;
    CHECK_EQ_STR(ks_basket_interventions(b, &n)[1].void_item, "");
    CHECK_EQ_INT(ks_basket_void(b, energy, "staff-07", 1700000031), KS_CART_OK);
    const ks_order_intervention *kept = ks_basket_interventions(b, &n);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(kept[0].void_item, "");
    CHECK_EQ_STR(kept[1].void_item, "energy");
    CHECK_EQ_INT(kept[1].void_amount, 700);
    /* Refused: decided before raised, a staff id that is not one, a void given in advance. */
    iv.decided_at = iv.raised_at - 1;
    CHECK(!ks_basket_intervene(b, &iv));
    iv.decided_at = iv.raised_at;
    snprintf(iv.staff, sizeof iv.staff, "Staff 7");
    CHECK(!ks_basket_intervene(b, &iv));
    snprintf(iv.staff, sizeof iv.staff, "staff-07");
    snprintf(iv.void_item, sizeof iv.void_item, "energy");
    CHECK(!ks_basket_intervene(b, &iv));
    ks_basket_interventions(b, &n);
    CHECK_EQ_INT(n, 2);
    ks_basket_clear(b);
    ks_basket_interventions(b, &n);
    CHECK_EQ_INT(n, 0);
    ks_basket_free(b);
}

static void test_totals(void)
{
    ks_basket *b = new_basket();
    ks_basket_totals t;
    CHECK(ks_basket_get_totals(b, NOON, &t));
    CHECK_EQ_INT(t.items, 0);
    CHECK_EQ_INT(t.total, 0);
    for (int i = 0; i < 3; i++)
        scan(b, "6281234000019"); /* 3 water, the third free */
    scan(b, "6281234000026");     /* energy drink 7.00 */
    scan(b, "2010001012344");     /* bananas 1,234 g */
    scan(b, "2230001012346");     /* cheese, label 12.34 */
    CHECK(ks_basket_get_totals(b, NOON, &t));
    ks_money bananas = (695 * 1234 + 500) / 1000;
    ks_money subtotal = 3 * 150 + 700 + bananas + 1234;
    CHECK_EQ_INT(t.lines, 4);
    CHECK_EQ_INT(t.items, 3 + 1 + 1 + 1);
    CHECK_EQ_INT(t.subtotal, subtotal);
    CHECK_EQ_INT(t.savings, 150);
    CHECK_EQ_INT(t.total, subtotal - 150);
    CHECK_EQ_INT(t.vat, vat_in(subtotal - 150));
    ks_basket_free(b);
}

static void test_bad_arguments(void)
{
    CHECK(ks_basket_new(NULL, NULL, 0) == NULL);
    struct ks_barcode_rule many[KS_LABEL_LAYOUTS_MAX + 1] = {
        {"20", 5, 5, KS_BARCODE_VALUE_GRAMS, false}};
    CHECK(ks_basket_new(cat, many, CHECK_COUNT(many)) == NULL);
    ks_basket *b = ks_basket_new(cat, NULL, 0);
    CHECK(b != NULL);
    /* Without layouts a 20-29 code is a plain GTIN: the cigars' code. */
    CHECK_EQ_INT(ks_basket_scan(b, "2000000000008", 13, NOON).outcome, KS_SCAN_ADDED);
    CHECK_EQ_INT(ks_basket_scan(b, "2010001012344", 13, NOON).outcome, KS_SCAN_UNKNOWN);
    CHECK_EQ_INT(ks_basket_add_item(b, NULL, NOON).outcome, KS_SCAN_UNKNOWN);
    ks_basket_free(b);
    ks_basket_free(NULL);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"the same item again adds to its line", test_same_item_adds_to_its_line},
        {"weight and price labels", test_labels},
        {"refusals say why in both languages and change nothing",
         test_refusals_leave_the_basket_alone},
        {"weighing: only a weight adds a weighed product", test_weighing},
        {"age-restricted products wait for the attendant", test_age_approval},
        {"quantity keypad, removal and voids", test_quantity_remove_void},
        {"attendant interventions kept for the order, with their voids", test_interventions},
        {"totals: items, savings, VAT", test_totals},
        {"bad arguments", test_bad_arguments},
    };
    cat = menu_fixture_import(MENU, NULL);
    if (!cat)
        return 1;
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ks_catalog_free(cat);
    return rc;
}
