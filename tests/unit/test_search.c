/*
 * Product search (kiosk/domain/search.c): folding of Arabic and English,
 * matching by word prefixes, PLUs and categories, ranking; and on the demo
 * supermarket the index agrees with a plain scan of every name.
 */
#include "kiosk/domain/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/menu_import.h"
#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

/* clang-format off */
static const char MENU[] =
    "{'format': 'kiosk-menu/1', 'version': 'search-test', 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': true,"
    " 'tax_categories': [{'id': 'std', 'name': {'ar': 'قياسية', 'en': 'Standard'}, 'rate_bp': 1500}],"
    " 'categories': [{'id': 'fruits', 'name': {'ar': 'الفواكه', 'en': 'Fruits'}, 'sort': 1},"
    "                {'id': 'pantry', 'name': {'ar': 'المؤن', 'en': 'Pantry'}, 'sort': 2},"
    "                {'id': 'empty', 'name': {'ar': 'فارغ', 'en': 'Empty'}, 'sort': 3}],"
    " 'items': ["
    "  {'id': 'bananas', 'category': 'fruits', 'name': {'ar': 'مَوْز', 'en': 'Bananas'}, 'price': 695,"
    "   'tax': 'std', 'unit': 'kg', 'plu': '10001'},"
    "  {'id': 'red-apples', 'category': 'fruits', 'name': {'ar': 'تفاح أحمر', 'en': 'Red Apples'},"
    "   'price': 899, 'tax': 'std', 'unit': 'kg', 'plu': '10002'},"
    "  {'id': 'green-apples', 'category': 'fruits', 'name': {'ar': 'تفاح أخضر', 'en': 'Green Apples'},"
    "   'price': 950, 'tax': 'std', 'unit': 'kg', 'plu': '10003'},"
    "  {'id': 'pineapple', 'category': 'fruits', 'name': {'ar': 'أناناس', 'en': 'Pineapple'},"
    "   'price': 950, 'tax': 'std', 'unit': 'kg', 'plu': '10100'},"
    "  {'id': 'coffee', 'category': 'pantry', 'name': {'ar': 'قهوة عربيـــة بالهيل', 'en': 'Arabic Coffee with Cardamom'},"
    "   'price': 2500, 'tax': 'std', 'barcodes': ['6281234000019']},"
    "  {'id': 'sweets', 'category': 'pantry', 'name': {'ar': 'حلوى المَنّ والسلوى', 'en': 'Manna Sweets'},"
    "   'price': 1500, 'tax': 'std'},"
    "  {'id': 'water', 'category': 'pantry', 'name': {'ar': 'مياه إيفال ٣٣٠ مل', 'en': 'Evian Water 330 ml'},"
    "   'price': 300, 'tax': 'std'},"
    "  {'id': 'apple-juice', 'category': 'pantry', 'name': {'ar': 'عصير تفاح', 'en': 'Apple Juice'},"
    "   'price': 450, 'tax': 'std'}],"
    " 'combos': [{'id': 'fruit-box', 'category': 'fruits', 'name': {'ar': 'صندوق فواكه', 'en': 'Apple Box'},"
    "   'price': 2000, 'tax': 'std', 'slots': [{'id': 's', 'name': {'ar': 'فاكهة', 'en': 'Fruit'},"
    "   'choices': [{'item': 'bananas', 'price_delta': 0}], 'default': 'bananas'}]}]}";
/* clang-format on */

struct fold_case {
    const char *text, *folded;
};

static const struct fold_case fold_cases[] = {
    {"مَوْز", "موز"},
    {"طـــماطم", "طماطم"},
    {"أناناس إجاص آيس ٱلله", "اناناس اجاص ايس الله"},
    {"قهوة", "قهوه"},
    {"حلوى", "حلوي"},
    {"مُسْتَشْفَىٰ", "مستشفي"},
    {"  Hello, WORLD!  ", "hello world"},
    {"مياه ٣٣٠ مل", "مياه 330 مل"},
    {"7-Up (2.25 L)", "7 up 2 25 l"},
    {"Café", "café"},
    {"", ""},
    {"\xff\xfe abc", "abc"},
};

static void test_fold(void)
{
    for (size_t i = 0; i < CHECK_COUNT(fold_cases); i++) {
        char out[256];
        int n = ks_search_fold(fold_cases[i].text, out, sizeof out);
        if (n < 0 || strcmp(out, fold_cases[i].folded) != 0 || (size_t)n != strlen(out))
            check_fail(__FILE__, __LINE__, "\"%s\" folded to \"%s\", want \"%s\"",
                       fold_cases[i].text, out, fold_cases[i].folded);
    }
    char tiny[4];
    CHECK_EQ_INT(ks_search_fold("bananas", tiny, sizeof tiny), -1);
    CHECK_EQ_STR(tiny, "");
}

static ks_catalog *cat;
static ks_search_index *ix;

struct query_case {
    const char *query;
    size_t total;
    const char *ids[4]; /* the first results, best first */
};

static const struct query_case query_cases[] = {
    {"موز", 1, {"bananas"}},
    {"مُوز", 1, {"bananas"}},
    {"ban", 1, {"bananas"}},
    {"BANANAS", 1, {"bananas"}},
    {"bananasx", 0, {NULL}},
    {"اناناس", 1, {"pineapple"}},
    {"إناناس", 1, {"pineapple"}},
    {"قهوه", 1, {"coffee"}},
    {"قهـوة عربية", 1, {"coffee"}},
    {"بالهيل", 1, {"coffee"}},
    {"حلوي", 1, {"sweets"}},
    {"المن", 1, {"sweets"}}, /* "المَنّ": fatha and shadda */
    {"والسلوي", 1, {"sweets"}},
    {"red app", 1, {"red-apples"}},
    {"apples red", 1, {"red-apples"}},
    /* Names that start with the word first, then the rest; ties in catalog order. */
    {"app", 3, {"apple-juice", "red-apples", "green-apples"}},
    {"تفاح", 3, {"red-apples", "green-apples", "apple-juice"}},
    {"330", 1, {"water"}},
    {"٣٣٠ مل", 1, {"water"}},
    {"10001", 1, {"bananas"}},
    {"100", 3, {"bananas", "red-apples", "green-apples"}},
    {"1010", 1, {"pineapple"}},
    {"xyz", 0, {NULL}},
    {"", 0, {NULL}},
    {"  ,.  ", 0, {NULL}},
    {"box", 0, {NULL}}, /* combos are not searched */
};

static void test_queries(void)
{
    for (size_t i = 0; i < CHECK_COUNT(query_cases); i++) {
        const struct query_case *c = &query_cases[i];
        const ks_item *got[8] = {NULL};
        size_t total = ks_search(ix, c->query, got, 8);
        bool ok = total == c->total;
        for (size_t k = 0; ok && k < 4 && c->ids[k]; k++)
            ok = got[k] && strcmp(got[k]->id, c->ids[k]) == 0;
        if (!ok)
            check_fail(__FILE__, __LINE__, "\"%s\": %zu results (want %zu), first %s, %s", c->query,
                       total, c->total, got[0] ? got[0]->id : "-", got[1] ? got[1]->id : "-");
    }
    /* cap smaller than the matches: the best ones, and the full count. */
    const ks_item *one[1];
    CHECK_EQ_INT(ks_search(ix, "app", one, 1), 3);
    CHECK_EQ_STR(one[0]->id, "apple-juice");
    CHECK_EQ_INT(ks_search(ix, "app", NULL, 0), 3);
    CHECK_EQ_INT(ks_search(NULL, "app", one, 1), 0);
    CHECK_EQ_INT(ks_search(ix, NULL, one, 1), 0);
}

static void test_categories(void)
{
    size_t n;
    const ks_item *const *fruits =
        ks_search_category(ix, ks_catalog_find_category(cat, "fruits"), &n);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(fruits[0]->id, "bananas");
    CHECK_EQ_STR(fruits[3]->id, "pineapple");
    ks_search_category(ix, ks_catalog_find_category(cat, "pantry"), &n);
    CHECK_EQ_INT(n, 4);
    ks_search_category(ix, ks_catalog_find_category(cat, "empty"), &n);
    CHECK_EQ_INT(n, 0);
    CHECK(ks_search_category(ix, NULL, &n) != NULL);
    CHECK_EQ_INT(n, 0);
}

/* True when every word of the folded query starts a word of the folded text. */
static bool naive_match(const char *folded_name, const char *folded_query)
{
    char q[512];
    snprintf(q, sizeof q, "%s", folded_query);
    char *rest = q;
    for (char *w; (w = strsep(&rest, " ")) != NULL;) {
        if (!*w)
            continue;
        size_t len = strlen(w);
        bool found = false;
        for (const char *p = folded_name; *p && !found;
             p = strchr(p, ' ') ? strchr(p, ' ') + 1 : "")
            found = strncmp(p, w, len) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* On the 2,074 products of the demo supermarket the index finds exactly what a scan finds. */
static void test_demo_agrees_with_a_scan(void)
{
    size_t len;
    char *json =
        check_read_file(check_path(check_source_dir(), "assets/menus/supermarket.json"), &len);
    ks_menu_error err;
    ks_catalog *demo = json ? ks_menu_import(json, len, &err) : NULL;
    free(json);
    CHECK(demo != NULL);
    ks_search_index *dix = ks_search_index_new(demo);
    CHECK(dix != NULL);
    static const char *const queries[] = {
        "حليب", "حليب كامل", "تمر", "تمور", "ارز بسمتي", "أرز",  "milk", "Full Fat", "rice bas",
        "شاي",  "ز",         "a",   "مياه", "خبز",       "جبنة", "جبنه", "cheese",   "عسل"};
    size_t n_items;
    const ks_item *items = ks_catalog_items(demo, &n_items);
    const ks_item **got = malloc(n_items * sizeof *got);
    for (size_t qi = 0; qi < CHECK_COUNT(queries); qi++) {
        char fq[512];
        ks_search_fold(queries[qi], fq, sizeof fq);
        size_t total = ks_search(dix, queries[qi], got, n_items);
        size_t want = 0;
        for (size_t i = 0; i < n_items; i++) {
            char ar[1024], en[1024], both[2100];
            ks_search_fold(items[i].name.ar, ar, sizeof ar);
            ks_search_fold(items[i].name.en, en, sizeof en);
            snprintf(both, sizeof both, "%s %s", ar, en);
            bool match = naive_match(both, fq);
            want += match;
            bool listed = false;
            for (size_t k = 0; k < total && !listed; k++)
                listed = got[k] == &items[i];
            if (match != listed)
                check_fail(__FILE__, __LINE__, "\"%s\": %s %s", queries[qi], items[i].id,
                           match ? "missing" : "listed but does not match");
        }
        if (total != want)
            check_fail(__FILE__, __LINE__, "\"%s\": %zu results, a scan finds %zu", queries[qi],
                       total, want);
    }
    /* Real names: Arabic with and without hamza and ta marbuta. */
    CHECK(ks_search(dix, "حليب", got, n_items) > 10);
    CHECK_EQ_INT(ks_search(dix, "جبنة", got, n_items), ks_search(dix, "جبنه", got, n_items));
    CHECK_EQ_INT(ks_search(dix, "أرز", got, n_items), ks_search(dix, "ارز", got, n_items));
    CHECK_EQ_INT(ks_search(dix, "10001", got, 1), 1);
    CHECK_EQ_STR(got[0]->id, "bananas");
    free(got);
    ks_search_index_free(dix);
    ks_catalog_free(demo);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"folding: harakat, tatweel, alef, ta marbuta, alef maqsura, digits, case", test_fold},
        {"queries in Arabic and English, PLUs, ranking", test_queries},
        {"categories for the picture grid", test_categories},
        {"the demo supermarket: the index agrees with a scan", test_demo_agrees_with_a_scan},
    };
    cat = menu_fixture_import(MENU, NULL);
    ix = cat ? ks_search_index_new(cat) : NULL;
    if (!ix)
        return 1;
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ks_search_index_free(ix);
    ks_catalog_free(cat);
    ks_search_index_free(NULL);
    return rc;
}
