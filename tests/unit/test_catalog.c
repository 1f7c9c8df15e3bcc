/* Catalog: text fallback, local time, time windows, orderability, indexes and lookups. */
#include "kiosk/domain/catalog.h"

#include <stdio.h>
#include <stdlib.h>

#include "kiosk/domain/gtin.h"
#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

#define DAY(d) (uint8_t)(1u << (d))

static void test_text_fallback(void)
{
    ks_text both = {"عربي", "English"}, only_ar = {"عربي", ""}, only_en = {"", "English"};
    CHECK_EQ_STR(ks_text_get(&both, KS_LANG_AR), "عربي");
    CHECK_EQ_STR(ks_text_get(&both, KS_LANG_EN), "English");
    CHECK_EQ_STR(ks_text_get(&only_ar, KS_LANG_EN), "عربي");
    CHECK_EQ_STR(ks_text_get(&only_en, KS_LANG_AR), "English");
    CHECK_EQ_STR(ks_text_get(NULL, KS_LANG_AR), "");
}

struct local_case {
    int64_t unix_seconds;
    int offset_min;
    int weekday, minute;
};

static void test_local_time(void)
{
    static const struct local_case cases[] = {
        {0, 0, THU, 0},           /* 1970-01-01 00:00 was a Thursday */
        {0, 180, THU, HM(3, 0)},  /* Riyadh is UTC+3 */
        {-1, 0, WED, HM(23, 59)}, /* one second before the epoch */
        {-1, -180, WED, HM(20, 59)},
        {-86400 * 3, 0, MON, 0}, /* 1969-12-29 */
        {-86400 * 3 - 1, 0, SUN, HM(23, 59)},
        {86400 * 2 + 3599, 0, SAT, 59},    /* 1970-01-03 00:59:59 */
        {1700000000, 0, TUE, HM(22, 13)},  /* 2023-11-14 22:13:20 UTC */
        {1700000000, 180, WED, HM(1, 13)}, /* ... 01:13 on Wednesday in Riyadh */
        {1700000000, -600, TUE, HM(12, 13)},
        {INT64_MIN, 0, -1, -1}, /* only checked for being in range */
        {INT64_MAX, 180, -1, -1},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_local_time t = ks_local_time_from_utc(cases[i].unix_seconds, cases[i].offset_min);
        CHECK(t.weekday >= 0 && t.weekday <= 6);
        CHECK(t.minute >= 0 && t.minute < 1440);
        if (cases[i].weekday >= 0) {
            CHECK_EQ_INT(t.weekday, cases[i].weekday);
            CHECK_EQ_INT(t.minute, cases[i].minute);
        }
    }
}

struct window_case {
    const char *name;
    int weekday, minute;
    bool expected;
};

static void check_windows(const ks_time_window *w, size_t n, const struct window_case *cases,
                          size_t n_cases)
{
    for (size_t i = 0; i < n_cases; i++) {
        ks_local_time at = {cases[i].weekday, cases[i].minute};
        bool got = ks_time_windows_contain(w, n, at);
        if (got != cases[i].expected)
            check_fail(__FILE__, __LINE__, "window case \"%s\": got %d", cases[i].name, got);
    }
}

static void test_window_plain(void)
{
    const ks_time_window lunch = {DAY(SUN) | DAY(THU), HM(12, 0), HM(16, 0)};
    static const struct window_case cases[] = {
        {"start is inside", SUN, HM(12, 0), true}, {"middle", THU, HM(14, 30), true},
        {"last minute", THU, HM(15, 59), true},    {"end is outside", THU, HM(16, 0), false},
        {"before", SUN, HM(11, 59), false},        {"other day", MON, HM(13, 0), false},
    };
    check_windows(&lunch, 1, cases, CHECK_COUNT(cases));
}

static void test_window_crossing_midnight(void)
{
    const ks_time_window late = {DAY(FRI), HM(22, 0), HM(2, 0)};
    static const struct window_case cases[] = {
        {"friday 22:00", FRI, HM(22, 0), true},
        {"friday 23:59", FRI, HM(23, 59), true},
        {"saturday 00:00", SAT, 0, true},
        {"saturday 01:00", SAT, HM(1, 0), true},
        {"saturday 02:00 is the end", SAT, HM(2, 0), false},
        {"friday 01:00 belongs to thursday's night", FRI, HM(1, 0), false},
        {"friday 21:59", FRI, HM(21, 59), false},
        {"saturday 22:30", SAT, HM(22, 30), false},
        {"thursday 23:00", THU, HM(23, 0), false},
    };
    check_windows(&late, 1, cases, CHECK_COUNT(cases));
}

static void test_window_week_wrap(void)
{
    /* Saturday night runs into Sunday: weekday 6 -> 0. */
    const ks_time_window sat = {DAY(SAT), HM(20, 0), HM(3, 0)};
    static const struct window_case sat_cases[] = {
        {"sunday 02:59", SUN, HM(2, 59), true},
        {"sunday 03:00", SUN, HM(3, 0), false},
        {"saturday 02:00", SAT, HM(2, 0), false},
    };
    check_windows(&sat, 1, sat_cases, CHECK_COUNT(sat_cases));
    /* Sunday night runs into Monday, and Sunday's small hours belong to Saturday. */
    const ks_time_window sun = {DAY(SUN), HM(23, 0), HM(1, 0)};
    static const struct window_case sun_cases[] = {
        {"monday 00:30", MON, HM(0, 30), true},
        {"sunday 00:30", SUN, HM(0, 30), false},
        {"sunday 23:00", SUN, HM(23, 0), true},
    };
    check_windows(&sun, 1, sun_cases, CHECK_COUNT(sun_cases));
}

static void test_window_whole_day_and_empty(void)
{
    const ks_time_window whole = {DAY(MON), 0, 1440};
    static const struct window_case whole_cases[] = {
        {"monday 00:00", MON, 0, true},
        {"monday 23:59", MON, HM(23, 59), true},
        {"tuesday 00:00", TUE, 0, false},
        {"sunday 23:59", SUN, HM(23, 59), false},
    };
    check_windows(&whole, 1, whole_cases, CHECK_COUNT(whole_cases));
    const ks_time_window empty = {0x7f, HM(9, 0), HM(9, 0)};
    static const struct window_case empty_cases[] = {
        {"09:00 in an empty window", MON, HM(9, 0), false},
        {"10:00 in an empty window", MON, HM(10, 0), false},
    };
    check_windows(&empty, 1, empty_cases, CHECK_COUNT(empty_cases));
    /* Ending at midnight as 00:00: nothing spills into the next day. */
    const ks_time_window to_midnight = {DAY(TUE), HM(18, 0), 0};
    static const struct window_case midnight_cases[] = {
        {"tuesday 23:59", TUE, HM(23, 59), true},
        {"wednesday 00:00", WED, 0, false},
    };
    check_windows(&to_midnight, 1, midnight_cases, CHECK_COUNT(midnight_cases));
}

static void test_windows_several_and_none(void)
{
    const ks_time_window meals[] = {
        {0x7f, HM(6, 0), HM(11, 0)},                 /* breakfast every day */
        {DAY(THU) | DAY(FRI), HM(18, 0), HM(23, 0)}, /* weekend dinner */
    };
    static const struct window_case cases[] = {
        {"breakfast monday", MON, HM(7, 0), true},
        {"dinner friday", FRI, HM(19, 0), true},
        {"dinner monday", MON, HM(19, 0), false},
        {"afternoon friday", FRI, HM(15, 0), false},
    };
    check_windows(meals, 2, cases, CHECK_COUNT(cases));
    CHECK(ks_time_windows_contain(NULL, 0, (ks_local_time){MON, 0}));
    CHECK(!ks_time_windows_contain(meals, 2, (ks_local_time){7, HM(7, 0)}));
    CHECK(!ks_time_windows_contain(meals, 2, (ks_local_time){-1, HM(7, 0)}));
}

static void test_orderable(void)
{
    const ks_time_window evening = {DAY(FRI), HM(22, 0), HM(2, 0)};
    ks_item item = {.id = "x", .available = &evening, .n_available = 1};
    CHECK(ks_item_orderable(&item, (ks_local_time){SAT, HM(1, 0)}));
    CHECK(!ks_item_orderable(&item, (ks_local_time){FRI, HM(1, 0)}));
    item.sold_out = true;
    CHECK(!ks_item_orderable(&item, (ks_local_time){SAT, HM(1, 0)}));
    ks_item always = {.id = "y"};
    CHECK(ks_item_orderable(&always, (ks_local_time){WED, HM(4, 0)}));
    CHECK(!ks_item_orderable(NULL, (ks_local_time){WED, HM(4, 0)}));
}

static void test_index_add_and_grow(void)
{
    ks_catalog *cat = ks_catalog_new();
    CHECK(cat);
    ks_arena *arena = ks_catalog_arena(cat);
    /* 1,000 keys force several grows from the first 64 slots. */
    static int values[1000];
    for (int i = 0; i < 1000; i++) {
        char key[16];
        int n = snprintf(key, sizeof key, "k%d", i);
        const void *clash = &values[0];
        CHECK(ks_catalog_index_add(cat, KS_INDEX_PROMOTION, ks_arena_strndup(arena, key, (size_t)n),
                                   &values[i], &clash));
        CHECK(clash == NULL);
    }
    for (int i = 0; i < 1000; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        CHECK(ks_catalog_find_promotion(cat, key) == (const void *)&values[i]);
    }
    CHECK(ks_catalog_find_promotion(cat, "k1000") == NULL);
    /* Indexes are separate: the same key may name an item. */
    CHECK(ks_catalog_find_item(cat, "k1") == NULL);
    const void *clash = NULL;
    CHECK(!ks_catalog_index_add(cat, KS_INDEX_PROMOTION, "k7", &values[1], &clash));
    CHECK(clash == &values[7]);
    CHECK(!ks_catalog_index_add(cat, KS_INDEX_PROMOTION, "k7", &values[1], NULL));
    CHECK(!ks_catalog_index_add(cat, KS_INDEX_COUNT, "k7", &values[1], &clash));
    CHECK(clash == NULL);
    ks_catalog_free(cat);
}

static void test_empty_and_null_catalog(void)
{
    ks_catalog *cat = ks_catalog_new();
    CHECK(cat);
    size_t n = 99;
    CHECK(ks_catalog_items(cat, &n) == NULL);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_STR(ks_catalog_version(cat), "");
    CHECK_EQ_STR(ks_catalog_currency(cat)->code, "SAR");
    CHECK(ks_catalog_find_item(cat, "anything") == NULL);
    CHECK(ks_catalog_find_barcode(cat, "6281234567895") == NULL);
    ks_catalog_free(cat);
    n = 99;
    CHECK(ks_catalog_categories(NULL, &n) == NULL);
    CHECK_EQ_INT(n, 0);
    CHECK(ks_catalog_find_item(NULL, "x") == NULL);
    CHECK(ks_catalog_upsell_for(NULL, NULL) == NULL);
    CHECK(!ks_catalog_prices_include_tax(NULL));
    ks_catalog_free(NULL);
}

/* A small menu for the lookups, written with ' for " (swapped before parsing). */
static const char LOOKUP_MENU[] =
    "{'format': 'kiosk-menu/1', 'version': 'lookup-1',"
    " 'currency': {'code': 'SAR', 'exponent': 2}, 'prices_include_tax': false,"
    " 'tax_categories': [{'id': 'std', 'name': {'ar': 'ق', 'en': 'Std'}, 'rate_bp': 1500}],"
    " 'categories': ["
    "  {'id': 'z-last', 'name': {'ar': 'ي', 'en': 'Z'}, 'sort': 5},"
    "  {'id': 'b', 'name': {'ar': 'ب', 'en': 'B'}, 'sort': -1},"
    "  {'id': 'a', 'name': {'ar': 'أ', 'en': 'A'}, 'sort': 5},"
    "  {'id': 'c', 'name': {'ar': 'ج', 'en': 'C'}}],"
    " 'modifier_groups': [{'id': 'g', 'name': {'ar': 'م', 'en': 'G'}, 'min': 0, 'max': 1,"
    "   'options': [{'id': 'o', 'name': {'ar': 'خ', 'en': 'O'}, 'price_delta': 0}]}],"
    " 'items': ["
    "  {'id': 'upc', 'category': 'a', 'name': {'ar': 'ا', 'en': 'U'}, 'price': 100, 'tax': 'std',"
    "   'barcodes': ['036000291452', '96385074'], 'modifier_groups': ['g']},"
    "  {'id': 'ean', 'category': 'b', 'name': {'ar': 'ب', 'en': 'E'}, 'price': 200, 'tax': 'std',"
    "   'barcodes': ['6281234567895']},"
    "  {'id': 'weighed', 'category': 'c', 'name': {'ar': 'و', 'en': 'W'}, 'price': 1999,"
    "   'tax': 'std', 'unit': 'kg', 'plu': '20431'}],"
    " 'combos': [{'id': 'meal', 'category': 'z-last', 'name': {'ar': 'و', 'en': 'M'},"
    "   'price': 250, 'tax': 'std', 'slots': [{'id': 's', 'name': {'ar': 'س', 'en': 'S'},"
    "   'choices': [{'item': 'upc', 'price_delta': 0}], 'default': 'upc'}]}],"
    " 'promotions': [{'id': 'p', 'name': {'ar': 'ع', 'en': 'P'}, 'kind': 'percent_off',"
    "   'percent_bp': 500, 'whole_order': true}],"
    " 'upsells': [{'item': 'meal', 'suggest': ['ean', 'weighed']}]}";

static void test_lookups(void)
{
    ks_catalog *cat = menu_fixture_import(LOOKUP_MENU, NULL);
    CHECK(cat);
    size_t n;
    const ks_item *items = ks_catalog_items(cat, &n);
    CHECK_EQ_INT(n, 4);
    CHECK(ks_catalog_find_item(cat, "upc") == &items[0]);
    CHECK(ks_catalog_find_item(cat, "meal") == &items[3]);
    CHECK(ks_catalog_find_item(cat, "nope") == NULL);
    CHECK(ks_catalog_find_item(cat, NULL) == NULL);
    CHECK_EQ_STR(ks_catalog_find_category(cat, "c")->id, "c");
    CHECK_EQ_INT(ks_catalog_find_tax(cat, "std")->rate_bp, 1500);
    CHECK_EQ_INT(ks_catalog_find_modifier_group(cat, "g")->n_options, 1);
    CHECK_EQ_INT(ks_catalog_find_promotion(cat, "p")->percent_bp, 500);
    CHECK(!ks_catalog_prices_include_tax(cat));
    CHECK_EQ_STR(ks_catalog_version(cat), "lookup-1");
    ks_catalog_free(cat);
}

static void test_barcode_and_plu_lookups(void)
{
    ks_catalog *cat = menu_fixture_import(LOOKUP_MENU, NULL);
    CHECK(cat);
    const ks_item *upc = ks_catalog_find_item(cat, "upc");
    const ks_item *ean = ks_catalog_find_item(cat, "ean");
    CHECK(ks_catalog_find_barcode(cat, "036000291452") == upc);   /* UPC-A as printed */
    CHECK(ks_catalog_find_barcode(cat, "0036000291452") == upc);  /* read as EAN-13 */
    CHECK(ks_catalog_find_barcode(cat, "00036000291452") == upc); /* as GTIN-14 */
    CHECK(ks_catalog_find_barcode(cat, "96385074") == upc);       /* EAN-8 */
    CHECK(ks_catalog_find_barcode(cat, "6281234567895") == ean);
    CHECK(ks_catalog_find_barcode(cat, "6281234567892") == NULL); /* wrong check digit */
    CHECK(ks_catalog_find_barcode(cat, "628123456789") == NULL);  /* 12 digits, not a GTIN here */
    CHECK(ks_catalog_find_barcode(cat, "62812345678955") == NULL);
    CHECK(ks_catalog_find_barcode(cat, "628123456789555") == NULL); /* 15 digits */
    CHECK(ks_catalog_find_barcode(cat, "") == NULL);
    CHECK(ks_catalog_find_barcode(cat, NULL) == NULL);
    CHECK_EQ_STR(ks_catalog_find_plu(cat, "20431")->id, "weighed");
    CHECK(ks_catalog_find_plu(cat, "20432") == NULL);
    ks_catalog_free(cat);
}

static void test_category_order_and_upsells(void)
{
    ks_catalog *cat = menu_fixture_import(LOOKUP_MENU, NULL);
    CHECK(cat);
    size_t n;
    const ks_category *cats = ks_catalog_categories(cat, &n);
    /* (sort, id): b (-1), c (0), a (5), z-last (5) */
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(cats[0].id, "b");
    CHECK_EQ_STR(cats[1].id, "c");
    CHECK_EQ_STR(cats[2].id, "a");
    CHECK_EQ_STR(cats[3].id, "z-last");
    CHECK(ks_catalog_find_category(cat, "a") == &cats[2]);
    CHECK(ks_catalog_find_item(cat, "upc")->category == &cats[2]);
    const ks_upsell *u = ks_catalog_upsell_for(cat, ks_catalog_find_item(cat, "meal"));
    CHECK(u);
    CHECK_EQ_INT(u->n_suggestions, 2);
    CHECK_EQ_STR(u->suggestions[0]->id, "ean");
    CHECK_EQ_STR(u->suggestions[1]->id, "weighed");
    CHECK(ks_catalog_upsell_for(cat, ks_catalog_find_item(cat, "ean")) == NULL);
    ks_catalog_free(cat);
}

struct gtin_case {
    const char *code;
    bool valid;
    const char *gtin14; /* when valid */
};

static void test_gtin(void)
{
    /* 628123456789: from the right 9x3 + 8 + 7x3 + 6 + 5x3 + 4 + 3x3 + 2 + 1x3 + 8 + 2x3 + 6
     * = 115, so the check digit is (10 - 5) % 10 = 5. */
    CHECK_EQ_INT(ks_gtin_check_digit("628123456789", 12), 5);
    CHECK_EQ_INT(ks_gtin_check_digit("0000000", 7), 0);
    CHECK_EQ_INT(ks_gtin_check_digit("12a", 3), -1);
    CHECK_EQ_INT(ks_gtin_check_digit("", 0), -1);
    static const struct gtin_case cases[] = {
        {"6281234567895", true, "06281234567895"},  /* EAN-13 */
        {"036000291452", true, "00036000291452"},   /* UPC-A */
        {"96385074", true, "00000096385074"},       /* EAN-8 */
        {"10614141000415", true, "10614141000415"}, /* GTIN-14 */
        {"6281234567892", false, NULL},             /* wrong check digit */
        {"628123456789", false, NULL},              /* 12 digits, check digit 9 is wrong */
        {"62812345678955", false, NULL},
        {"1234567", false, NULL},         /* 7 digits */
        {"628123456789555", false, NULL}, /* 15 digits */
        {"62812345678 5", false, NULL},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        char out[15] = "unchanged";
        size_t len = strlen(cases[i].code);
        CHECK_EQ_INT(ks_gtin_valid(cases[i].code, len), cases[i].valid);
        CHECK_EQ_INT(ks_gtin_normalize(cases[i].code, len, out), cases[i].valid);
        CHECK_EQ_STR(out, cases[i].valid ? cases[i].gtin14 : "unchanged");
    }
}

static void test_arena(void)
{
    ks_arena *arena = ks_arena_new();
    CHECK(arena);
    /* Odd-sized strings do not misalign the structures after them. */
    for (int i = 0; i < 5000; i++) {
        char *s = ks_arena_strndup(arena, "abcdefg", (size_t)(i % 7));
        CHECK(s && strlen(s) == (size_t)(i % 7));
        long double *x = ks_arena_alloc(arena, sizeof *x);
        CHECK(x && (uintptr_t)x % _Alignof(max_align_t) == 0 && *x == 0);
    }
    /* A block larger than a chunk gets its own, zeroed; the current chunk keeps filling. */
    unsigned char *big = ks_arena_alloc(arena, 3u << 20);
    CHECK(big && big[0] == 0 && big[(3u << 20) - 1] == 0);
    memset(big, 0xab, 3u << 20);
    int *after = ks_arena_array(arena, 16, sizeof *after);
    CHECK(after && after[15] == 0);
    CHECK(ks_arena_array(arena, SIZE_MAX / 2, 4) == NULL); /* n * size overflows */
    CHECK(ks_arena_alloc(arena, 0) != NULL);
    ks_arena_free(arena);
    ks_arena_free(NULL);
}

static const struct check_case cases[] = {
    {"text falls back to the other language", test_text_fallback},
    {"local time from UTC, weekdays, negative times", test_local_time},
    {"plain window", test_window_plain},
    {"window crossing midnight belongs to its start day", test_window_crossing_midnight},
    {"window crossing the week boundary", test_window_week_wrap},
    {"whole-day, empty and to-midnight windows", test_window_whole_day_and_empty},
    {"several windows, none, bad weekday", test_windows_several_and_none},
    {"orderable", test_orderable},
    {"GS1 check digits and GTIN-14", test_gtin},
    {"arena alignment, big blocks, overflow", test_arena},
    {"index add, clash and grow", test_index_add_and_grow},
    {"empty and NULL catalog", test_empty_and_null_catalog},
    {"lookups by id", test_lookups},
    {"barcode and PLU lookups", test_barcode_and_plu_lookups},
    {"category order and upsells", test_category_order_and_upsells},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
