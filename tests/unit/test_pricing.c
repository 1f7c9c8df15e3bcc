/*
 * Pricing: line amounts, VAT per rate distributed by largest remainder, and
 * totals that add up exactly (checked for every case), with prices that
 * include or exclude tax, weighed items and an order-level discount.
 */
#include "kiosk/domain/pricing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

/* The menu, written with ' for " to stay readable; prices_include_tax goes between the halves. */
/* clang-format off */
static const char MENU_HEAD[] =
    "{'format': 'kiosk-menu/1', 'version': 'pricing-test', 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': ";
static const char MENU_TAIL[] =
    ", 'tax_categories': ["
    "  {'id': 'std', 'name': {'ar': 'قياسية', 'en': 'Standard'}, 'rate_bp': 1500},"
    "  {'id': 'zero', 'name': {'ar': 'صفرية', 'en': 'Zero rated'}, 'rate_bp': 0}],"
    " 'categories': [{'id': 'all', 'name': {'ar': 'الكل', 'en': 'All'}}],"
    " 'items': ["
    "  {'id': 'a100', 'category': 'all', 'name': {'ar': 'أ', 'en': 'A'}, 'price': 100, 'tax': 'std'},"
    "  {'id': 'b150', 'category': 'all', 'name': {'ar': 'ب', 'en': 'B'}, 'price': 150, 'tax': 'std'},"
    "  {'id': 'c50', 'category': 'all', 'name': {'ar': 'ج', 'en': 'C'}, 'price': 50, 'tax': 'std'},"
    "  {'id': 'd70', 'category': 'all', 'name': {'ar': 'د', 'en': 'D'}, 'price': 70, 'tax': 'std'},"
    "  {'id': 'e110', 'category': 'all', 'name': {'ar': 'ه', 'en': 'E'}, 'price': 110, 'tax': 'std'},"
    "  {'id': 'f120', 'category': 'all', 'name': {'ar': 'و', 'en': 'F'}, 'price': 120, 'tax': 'std'},"
    "  {'id': 't10', 'category': 'all', 'name': {'ar': 'ز', 'en': 'T'}, 'price': 10, 'tax': 'std'},"
    "  {'id': 'x1000', 'category': 'all', 'name': {'ar': 'ح', 'en': 'X'}, 'price': 1000, 'tax': 'std'},"
    "  {'id': 'y333', 'category': 'all', 'name': {'ar': 'ط', 'en': 'Y'}, 'price': 333, 'tax': 'std'},"
    "  {'id': 'meal1150', 'category': 'all', 'name': {'ar': 'وجبة', 'en': 'Meal'}, 'price': 1150, 'tax': 'std'},"
    "  {'id': 'water500', 'category': 'all', 'name': {'ar': 'ماء', 'en': 'Water'}, 'price': 500, 'tax': 'zero'},"
    "  {'id': 'cheese-kg', 'category': 'all', 'name': {'ar': 'جبن', 'en': 'Cheese'}, 'price': 1299,"
    "   'tax': 'std', 'unit': 'kg'}],"
    " 'promotions': ["
    "  {'id': 'friday-riyal', 'name': {'ar': 'ريال الجمعة', 'en': 'Friday riyal'}, 'kind': 'amount_off',"
    "   'whole_order': true, 'amount': 100, 'available': [{'days': ['fri'], 'from': '00:00', 'to': '24:00'}]}]}";
/* clang-format on */

static ks_catalog *inclusive, *exclusive;

static const ks_local_time MONDAY = {MON, HM(12, 0)}, FRIDAY = {FRI, HM(12, 0)};

struct line_spec {
    const char *item;
    int32_t quantity;
    ks_money amount, discount, vat;
};

struct row_spec {
    int32_t rate_bp;
    ks_money taxable, vat;
};

struct pricing_case {
    const char *name;
    bool exclusive;
    ks_local_time at;
    struct line_spec lines[4];
    struct row_spec rows[2];
    ks_money subtotal, discount, total_net, total_vat, total;
};

/* clang-format off */
static const struct pricing_case cases[] = {
    /* 300 * 1500 / 11500 = 39.13 -> 39; each line 39 * 100 / 300 = 13 exactly */
    {"three lines of 1.00 including 15 %", false, {MON, HM(12, 0)},
     {{"a100", 1, 100, 0, 13}, {"a100", 1, 100, 0, 13}, {"a100", 1, 100, 0, 13}},
     {{1500, 261, 39}},
     300, 0, 261, 39, 300},
    /* row 39; shares 19.5, 13, 6.5 -> 19, 13, 6 + 1 halala to the tied .5 of the lower line id */
    {"equal remainders go to the lower line id", false, {MON, HM(12, 0)},
     {{"b150", 1, 150, 0, 20}, {"a100", 1, 100, 0, 13}, {"c50", 1, 50, 0, 6}},
     {{1500, 261, 39}},
     300, 0, 261, 39, 300},
    /* row 39; shares 9.1, 14.3, 15.6 -> 9, 14, 15 + 1 to the largest remainder (.6) */
    {"the largest remainder gets the halala", false, {MON, HM(12, 0)},
     {{"d70", 1, 70, 0, 9}, {"e110", 1, 110, 0, 14}, {"f120", 1, 120, 0, 16}},
     {{1500, 261, 39}},
     300, 0, 261, 39, 300},
    /* per line round(10 * 1500 / 11500 = 1.30) = 1 each would give 2; the row owes
       round(20 * 1500 / 11500 = 2.61) = 3, split 1.5 / 1.5 -> 2 / 1 */
    {"row VAT, not the sum of rounded line VATs", false, {MON, HM(12, 0)},
     {{"t10", 1, 10, 0, 2}, {"t10", 1, 10, 0, 1}},
     {{1500, 17, 3}},
     20, 0, 17, 3, 20},
    /* 0 %: 500 taxable, 0 VAT; 15 %: round(1150 * 1500 / 11500) = 150, taxable 1000 */
    {"mixed rates 15 % and 0 %", false, {MON, HM(12, 0)},
     {{"meal1150", 1, 1150, 0, 150}, {"water500", 1, 500, 0, 0}},
     {{0, 500, 0}, {1500, 1000, 150}},
     1650, 0, 1500, 150, 1650},
    /* 7 * 100 = 700; round(700 * 1500 / 11500 = 91.30) = 91 */
    {"quantity multiplies the unit price", false, {MON, HM(12, 0)},
     {{"a100", 7, 700, 0, 91}},
     {{1500, 609, 91}},
     700, 0, 609, 91, 700},
    /* net 3000 + 333 = 3333; VAT round(3333 * 0.15 = 499.95) = 500;
       shares 500 * 3000 / 3333 = 450.045 and 49.955 -> 450 and 49 + 1 -> 450 / 50 */
    {"prices exclude tax", true, {MON, HM(12, 0)},
     {{"x1000", 3, 3000, 0, 450}, {"y333", 1, 333, 0, 50}},
     {{1500, 3333, 500}},
     3333, 0, 3333, 500, 3833},
    /* 1299 * 345 / 1000 = 448.155 -> 448; VAT round(448 * 1500 / 11500 = 58.43) = 58 */
    {"0.345 kg at 12.99 per kg", false, {MON, HM(12, 0)},
     {{"cheese-kg", 345, 448, 0, 58}},
     {{1500, 390, 58}},
     448, 0, 390, 58, 448},
    /* 1299 * 500 / 1000 = 649.5 -> 650 (half up); VAT round(84.78) = 85 */
    {"0.5 kg rounds half up", false, {MON, HM(12, 0)},
     {{"cheese-kg", 500, 650, 0, 85}},
     {{1500, 565, 85}},
     650, 0, 565, 85, 650},
    /* Friday: 100 off the order, shares 50, 33.33, 16.67 -> 50, 33, 16 + 1 to the .67 -> 50/33/17;
       left 100, 67, 33 = 200; VAT round(200 * 1500 / 11500 = 26.09) = 26,
       shares 13, 8.71, 4.29 -> 13, 8, 4 + 1 to the .71 -> 13/9/4 */
    {"order discount spread by largest remainder", false, {FRI, HM(12, 0)},
     {{"b150", 1, 150, 50, 13}, {"a100", 1, 100, 33, 9}, {"c50", 1, 50, 17, 4}},
     {{1500, 174, 26}},
     300, 100, 174, 26, 200},
    {"empty cart", false, {MON, HM(12, 0)}, {{NULL, 0, 0, 0, 0}}, {{0, 0, 0}}, 0, 0, 0, 0, 0},
};
/* clang-format on */

/* Every invariant of pricing.h, whatever the case. */
static bool invariants_hold(const ks_pricing *pr)
{
    ks_money amount = 0, discount = 0, net = 0, vat = 0, rows_net = 0, rows_vat = 0;
    for (size_t i = 0; i < pr->n_lines; i++) {
        const ks_priced_line *l = &pr->lines[i];
        ks_money shares = 0;
        for (size_t s = 0; s < l->n_promos; s++)
            shares += l->promos[s].amount;
        if (l->net + l->vat != l->gross || shares != l->discount || l->discount > l->amount ||
            l->net < 0 || l->vat < 0)
            return false;
        if ((pr->prices_include_tax ? l->gross : l->net) != l->amount - l->discount)
            return false;
        amount += l->amount;
        discount += l->discount;
        net += l->net;
        vat += l->vat;
    }
    for (size_t r = 0; r < pr->n_vat; r++) {
        ks_money row_net = 0, row_vat = 0;
        for (size_t i = 0; i < pr->n_lines; i++) {
            if (pr->lines[i].vat_rate_bp == pr->vat[r].rate_bp) {
                row_net += pr->lines[i].net;
                row_vat += pr->lines[i].vat;
            }
        }
        if (row_net != pr->vat[r].taxable || row_vat != pr->vat[r].vat)
            return false;
        if (r > 0 && pr->vat[r].rate_bp <= pr->vat[r - 1].rate_bp)
            return false;
        rows_net += pr->vat[r].taxable;
        rows_vat += pr->vat[r].vat;
    }
    return amount == pr->subtotal && discount == pr->discount && net == pr->total_net &&
           vat == pr->total_vat && rows_net == net && rows_vat == vat &&
           pr->total == pr->total_net + pr->total_vat &&
           (pr->prices_include_tax ? pr->total : pr->total_net) == pr->subtotal - pr->discount;
}

static void run_case(const struct pricing_case *c)
{
    const ks_catalog *cat = c->exclusive ? exclusive : inclusive;
    ks_cart *cart = ks_cart_new(cat);
    size_t n_lines = 0, n_rows = 0;
    for (; n_lines < 4 && c->lines[n_lines].item; n_lines++)
        if (menu_fixture_add(cart, ks_catalog_find_item(cat, c->lines[n_lines].item),
                             c->lines[n_lines].quantity, NULL) != KS_CART_OK)
            check_fail(__FILE__, __LINE__, "%s: cannot add %s", c->name, c->lines[n_lines].item);
    while (n_rows < 2 && (c->rows[n_rows].rate_bp || c->rows[n_rows].taxable))
        n_rows++;
    ks_pricing *pr = ks_pricing_new(cart, c->at);
    if (!pr) {
        check_fail(__FILE__, __LINE__, "%s: no pricing", c->name);
        goto done;
    }
    if (!invariants_hold(pr))
        check_fail(__FILE__, __LINE__, "%s: totals do not add up", c->name);
    if (pr->n_lines != n_lines || pr->n_vat != n_rows) {
        check_fail(__FILE__, __LINE__, "%s: %zu lines, %zu rows", c->name, pr->n_lines, pr->n_vat);
        goto done;
    }
    for (size_t i = 0; i < n_lines; i++) {
        const ks_priced_line *l = &pr->lines[i];
        const struct line_spec *e = &c->lines[i];
        if (l->amount != e->amount || l->discount != e->discount || l->vat != e->vat)
            check_fail(__FILE__, __LINE__, "%s line %zu: amount %lld discount %lld vat %lld",
                       c->name, i, (long long)l->amount, (long long)l->discount, (long long)l->vat);
    }
    for (size_t r = 0; r < n_rows; r++)
        if (pr->vat[r].rate_bp != c->rows[r].rate_bp || pr->vat[r].taxable != c->rows[r].taxable ||
            pr->vat[r].vat != c->rows[r].vat)
            check_fail(__FILE__, __LINE__, "%s row %zu: rate %d taxable %lld vat %lld", c->name, r,
                       (int)pr->vat[r].rate_bp, (long long)pr->vat[r].taxable,
                       (long long)pr->vat[r].vat);
    if (pr->subtotal != c->subtotal || pr->discount != c->discount ||
        pr->total_net != c->total_net || pr->total_vat != c->total_vat || pr->total != c->total)
        check_fail(__FILE__, __LINE__,
                   "%s: subtotal %lld discount %lld net %lld vat %lld total %lld", c->name,
                   (long long)pr->subtotal, (long long)pr->discount, (long long)pr->total_net,
                   (long long)pr->total_vat, (long long)pr->total);
done:
    ks_pricing_free(pr);
    ks_cart_free(cart);
}

static void test_pricing_cases(void)
{
    for (size_t i = 0; i < CHECK_COUNT(cases); i++)
        run_case(&cases[i]);
}

static void test_exclusive_with_discount(void)
{
    /* Net 3333 - 100 (Friday) = 3233; VAT round(3233 * 0.15 = 484.95) = 485; total 3718.
       Discount shares 100 * 3000 / 3333 = 90.009 and 9.991 -> 90 + 0, 9 + 1 -> 90 / 10. */
    ks_cart *cart = ks_cart_new(exclusive);
    ks_cart_add(cart, ks_catalog_find_item(exclusive, "x1000"), 3, NULL);
    ks_cart_add(cart, ks_catalog_find_item(exclusive, "y333"), 1, NULL);
    ks_pricing *pr = ks_pricing_new(cart, FRIDAY);
    CHECK(pr != NULL);
    CHECK(invariants_hold(pr));
    CHECK_EQ_INT(pr->lines[0].discount, 90);
    CHECK_EQ_INT(pr->lines[1].discount, 10);
    CHECK_EQ_INT(pr->total_net, 3233);
    CHECK_EQ_INT(pr->total_vat, 485);
    CHECK_EQ_INT(pr->total, 3718);
    CHECK_EQ_INT(pr->lines[0].n_promos, 1);
    CHECK_EQ_STR(pr->lines[0].promos[0].promo->id, "friday-riyal");
    ks_pricing_free(pr);
    ks_cart_free(cart);
}

static void test_every_cart_adds_up(void)
{
    /* A sweep of carts mixing every item in several quantities, both tax modes. */
    static const char *const ids[] = {"a100", "b150",  "c50",  "d70",      "e110",     "f120",
                                      "t10",  "x1000", "y333", "meal1150", "water500", "cheese-kg"};
    for (int mode = 0; mode < 2; mode++) {
        const ks_catalog *cat = mode ? exclusive : inclusive;
        for (unsigned seed = 1; seed < 200; seed++) {
            ks_cart *cart = ks_cart_new(cat);
            unsigned x = seed;
            for (int k = 0; k < 1 + (int)(seed % 7); k++) {
                x = x * 1103515245u + 12345u;
                const ks_item *item = ks_catalog_find_item(cat, ids[(x >> 8) % CHECK_COUNT(ids)]);
                int32_t q = item->unit == KS_UNIT_KG ? (int32_t)(x >> 4) % 5000 + 1
                                                     : (int32_t)(x >> 16) % 12 + 1;
                menu_fixture_add(cart, item, q, NULL);
            }
            ks_pricing *pr = ks_pricing_new(cart, seed % 2 ? FRIDAY : MONDAY);
            bool ok = pr && invariants_hold(pr);
            ks_pricing_free(pr);
            ks_cart_free(cart);
            if (!ok) {
                check_fail(__FILE__, __LINE__, "mode %d seed %u does not add up", mode, seed);
                return;
            }
        }
    }
}

struct allocate_case {
    const char *name;
    ks_money total;
    ks_money weights[4];
    size_t n;
    bool ok;
    ks_money expected[4];
};

static void test_allocate(void)
{
    static const struct allocate_case acases[] = {
        /* 3.33 each; the one halala left goes to the first of three equal remainders */
        {"equal thirds", 10, {1, 1, 1}, 3, true, {4, 3, 3}},
        /* 50, 33.33, 16.67 -> 50, 33, 16 + 1 to .67 */
        {"proportional", 100, {150, 100, 50}, 3, true, {50, 33, 17}},
        /* .75 each: three halalas to the first three */
        {"more parts than halalas", 3, {1, 1, 1, 1}, 4, true, {1, 1, 1, 0}},
        {"zero weights get nothing", 5, {0, 0, 3}, 3, true, {0, 0, 5}},
        {"nothing to split", 0, {5, 5}, 2, true, {0, 0}},
        {"no parts, nothing to split", 0, {0}, 0, true, {0}},
        {"nowhere to put it", 7, {0, 0}, 2, false, {0}},
        {"negative total", -1, {1}, 1, false, {0}},
        {"negative weight", 1, {-1, 2}, 2, false, {0}},
        {"weights overflow", 1, {INT64_MAX, 1}, 2, false, {0}},
        /* the product total * weight needs more than 64 bits */
        {"large amounts",
         INT64_MAX / 2,
         {INT64_MAX / 2, INT64_MAX / 2},
         2,
         true,
         {INT64_MAX / 4 + 1, INT64_MAX / 4}},
    };
    for (size_t i = 0; i < CHECK_COUNT(acases); i++) {
        const struct allocate_case *c = &acases[i];
        ks_money out[4] = {-1, -1, -1, -1};
        bool ok = ks_pricing_allocate(c->total, c->weights, c->n, out);
        if (ok != c->ok) {
            check_fail(__FILE__, __LINE__, "%s: returned %d", c->name, ok);
            continue;
        }
        for (size_t k = 0; ok && k < c->n; k++)
            if (out[k] != c->expected[k])
                check_fail(__FILE__, __LINE__, "%s: part %zu is %lld", c->name, k,
                           (long long)out[k]);
    }
}

int main(int argc, char **argv)
{
    static const struct check_case tests[] = {
        {"pricing cases", test_pricing_cases},
        {"prices exclude tax, with an order discount", test_exclusive_with_discount},
        {"random carts always add up", test_every_cart_adds_up},
        {"largest remainder allocation", test_allocate},
    };
    inclusive = menu_fixture_import(MENU_HEAD, "true", MENU_TAIL, NULL);
    exclusive = menu_fixture_import(MENU_HEAD, "false", MENU_TAIL, NULL);
    int rc = inclusive && exclusive ? check_run(tests, CHECK_COUNT(tests), argc, argv) : 1;
    ks_catalog_free(inclusive);
    ks_catalog_free(exclusive);
    return rc;
}
