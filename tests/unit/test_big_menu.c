/*
 * A generated 100,000-product supermarket (tests/support/big_menu.c), the
 * importer's limit, goes through the real importer and works: lookups by
 * barcode and PLU, scans into a priced basket, search, categories.
 */
#include "tests/support/big_menu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/basket.h"
#include "kiosk/domain/gtin.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/domain/search.h"
#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

#define N 100000

static ks_catalog *cat;

static void test_imports(void)
{
    size_t n;
    ks_catalog_items(cat, &n);
    CHECK_EQ_INT(n, N);
    ks_catalog_categories(cat, &n);
    CHECK_EQ_INT(n, 40);
}

static void test_lookups(void)
{
    for (unsigned i = 0; i < N; i += 997) {
        char id[16], code[14], plu[6];
        big_menu_id(i, id);
        const ks_item *item = ks_catalog_find_item(cat, id);
        CHECK(item != NULL);
        if (big_menu_weighed(i)) {
            big_menu_plu(i, plu);
            CHECK(ks_catalog_find_plu(cat, plu) == item);
            CHECK_EQ_INT(item->unit, KS_UNIT_KG);
        } else {
            big_menu_barcode(i, code);
            CHECK(ks_catalog_find_barcode(cat, code) == item);
            CHECK(item->expected_weight_g > 0);
        }
    }
}

static void test_scans_into_a_priced_basket(void)
{
    static const struct ks_barcode_rule rules[] = {{"20", 5, 5, KS_BARCODE_VALUE_GRAMS, false}};
    ks_basket *b = ks_basket_new(cat, rules, 1);
    CHECK(b != NULL);
    ks_local_time at = {MON, HM(12, 0)};
    ks_money want = 0;
    for (unsigned i = 1; i < N; i += 4999) {
        if (big_menu_weighed(i) || i % 40 == 0) /* c-0 has a promotion; left out */
            continue;
        char code[14], id[16];
        big_menu_barcode(i, code);
        big_menu_id(i, id);
        ks_scan_result r = ks_basket_scan(b, code, 13, at);
        CHECK(ks_scan_added(&r));
        CHECK(r.item == ks_catalog_find_item(cat, id));
        want += r.item->price;
    }
    /* A weight label of the last product's PLU: 1,500 g. */
    char plu[6], label[14];
    big_menu_plu(99987, plu);
    snprintf(label, sizeof label, "20%s01500", plu);
    label[12] = (char)('0' + ks_gtin_check_digit(label, 12));
    label[13] = '\0';
    ks_scan_result r = ks_basket_scan(b, label, 13, at);
    CHECK_EQ_INT(r.outcome, KS_SCAN_ADDED);
    CHECK(r.item == ks_catalog_find_item(cat, "p-99987"));
    want += (r.item->price * 1500 + 500) / 1000;
    ks_basket_totals t;
    CHECK(ks_basket_get_totals(b, at, &t));
    /* No scanned product is in c-0 (10 % off): the total is the plain sum. */
    CHECK_EQ_INT(t.savings, 0);
    CHECK_EQ_INT(t.total, want);
    ks_basket_free(b);
}

static void test_search(void)
{
    ks_search_index *ix = ks_search_index_new(cat);
    CHECK(ix != NULL);
    const ks_item *got[4];
    CHECK_EQ_INT(ks_search(ix, "ليمون 99987", got, 4), 1);
    CHECK_EQ_STR(got[0]->id, "p-99987");
    CHECK(ks_search(ix, "حليب طازج", got, 4) > 100);
    CHECK_EQ_INT(ks_search(ix, "المراعي", got, 4), ks_search(ix, "almarai", got, 4));
    char plu[6];
    big_menu_plu(20007, plu);
    CHECK(ks_search(ix, plu, got, 4) >= 1);
    CHECK_EQ_STR(got[0]->id, "p-20007");
    size_t n;
    ks_search_category(ix, ks_catalog_find_category(cat, "c-3"), &n);
    CHECK_EQ_INT(n, N / 40);
    ks_search_index_free(ix);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"100,000 products import", test_imports},
        {"every product is found by barcode or PLU", test_lookups},
        {"scans become a priced basket", test_scans_into_a_priced_basket},
        {"search and categories", test_search},
    };
    size_t len;
    char *json = big_menu_json(N, &len);
    ks_menu_error err;
    cat = json ? ks_menu_import(json, len, &err) : NULL;
    free(json);
    if (!cat) {
        fprintf(stderr, "the generated menu was refused: %s: %s\n", err.path, err.reason);
        return 1;
    }
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ks_catalog_free(cat);
    return rc;
}
