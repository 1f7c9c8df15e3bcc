/*
 * Menu import: a menu using every feature imported and read back; a table of
 * broken menus, each a small edit of that good menu, asserting the exact
 * path and a reason; raw inputs that are not menus at all; the example in
 * kiosk/docs/menu-format.md; and the demo menus in assets/menus.
 *
 * Menus are written with ' for " to stay readable; menu_fixture_json() swaps them.
 */
#include "kiosk/domain/menu_import.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

static const char GOOD_MENU[] =
    "{'format': 'kiosk-menu/1', 'version': 'test-1',"
    " 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': true,"
    " 'tax_categories': ["
    "  {'id': 'standard', 'name': {'ar': 'القياسية', 'en': 'Standard'}, 'rate_bp': 1500},"
    "  {'id': 'zero', 'name': {'ar': 'صفرية', 'en': 'Zero rated'}, 'rate_bp': 0},"
    "  {'id': 'medicine', 'name': {'ar': 'أدوية', 'en': 'Medicines'}, 'rate_bp': 0,"
    "   'vat_category': 'Z', 'exemption_code': 'VATEX-SA-35'}],"
    " 'categories': ["
    "  {'id': 'drinks', 'name': {'ar': 'مشروبات', 'en': 'Drinks'}, 'sort': 30},"
    "  {'id': 'burgers', 'name': {'ar': 'برجر', 'en': 'Burgers'},"
    "   'image': 'pictures/burgers.png', 'sort': 10},"
    "  {'id': 'meals', 'name': {'ar': 'وجبات', 'en': ''}, 'sort': 10},"
    "  {'id': 'produce', 'name': {'ar': 'خضار', 'en': 'Produce'}}],"
    " 'modifier_groups': ["
    "  {'id': 'cheese', 'name': {'ar': 'الجبن', 'en': 'Cheese'}, 'min': 0, 'max': 2, 'options': ["
    "    {'id': 'cheddar', 'name': {'ar': 'شيدر', 'en': 'Cheddar'}, 'price_delta': 200,"
    "     'calories': 60, 'default': true},"
    "    {'id': 'swiss', 'name': {'ar': 'سويسري', 'en': 'Swiss'}, 'price_delta': 250,"
    "     'sold_out': true}]},"
    "  {'id': 'bun', 'name': {'ar': 'الخبز', 'en': 'Bun'}, 'min': 1, 'max': 1, 'options': ["
    "    {'id': 'brioche', 'name': {'ar': 'بريوش', 'en': 'Brioche'}, 'price_delta': 0,"
    "     'default': true},"
    "    {'id': 'lettuce-wrap', 'name': {'ar': 'خس', 'en': 'Lettuce wrap'},"
    "     'price_delta': -300, 'calories': -150}]}],"
    " 'items': ["
    "  {'id': 'classic-burger', 'category': 'burgers',"
    "   'name': {'ar': 'برجر كلاسيك', 'en': 'Classic Burger'},"
    "   'description': {'ar': 'لحم بقري', 'en': 'Beef patty\\nwith pickles'},"
    "   'image': 'pictures/classic-burger.png', 'price': 1800, 'tax': 'standard',"
    "   'calories': 550, 'tags': ['beef', 'spicy'], 'unit': 'each',"
    "   'barcodes': ['6281234567895'], 'sold_out': false,"
    "   'available': [{'days': ['fri'], 'from': '22:00', 'to': '02:00'},"
    "                 {'days': ['sun', 'mon'], 'from': '06:00', 'to': '24:00'}],"
    "   'modifier_groups': ['bun', 'cheese']},"
    "  {'id': 'fries', 'category': 'burgers', 'name': {'ar': 'بطاطس', 'en': 'Fries'},"
    "   'price': 700, 'tax': 'standard', 'barcodes': ['036000291452', '96385074']},"
    "  {'id': 'cola', 'category': 'drinks', 'name': {'ar': 'كولا', 'en': 'Cola'},"
    "   'price': 500, 'tax': 'standard', 'sold_out': true, 'min_age': 18, 'expected_weight_g': "
    "345},"
    "  {'id': 'tomatoes', 'category': 'produce', 'name': {'ar': 'طماطم', 'en': 'Tomatoes'},"
    "   'price': 899, 'tax': 'zero', 'unit': 'kg', 'plu': '20431', 'weight_tolerance_g': 25}],"
    " 'combos': ["
    "  {'id': 'classic-meal', 'category': 'meals',"
    "   'name': {'ar': 'وجبة برجر كلاسيك', 'en': 'Classic Burger Meal'},"
    "   'price': 2600, 'tax': 'standard', 'calories': 1100,"
    "   'slots': ["
    "    {'id': 'main', 'name': {'ar': 'الساندويتش', 'en': 'Sandwich'},"
    "     'choices': [{'item': 'classic-burger', 'price_delta': 0}], 'default': 'classic-burger'},"
    "    {'id': 'side', 'name': {'ar': 'الطبق الجانبي', 'en': 'Side'},"
    "     'choices': [{'item': 'fries', 'price_delta': 0},"
    "                 {'item': 'tomatoes', 'price_delta': -100}], 'default': 'fries'},"
    "    {'id': 'drink', 'name': {'ar': 'المشروب', 'en': 'Drink'},"
    "     'choices': [{'item': 'cola', 'price_delta': 0}], 'default': 'cola'}],"
    "   'sizes': [{'id': 'regular', 'name': {'ar': 'عادي', 'en': 'Regular'}, 'price_delta': 0},"
    "             {'id': 'large', 'name': {'ar': 'كبير', 'en': 'Large'}, 'price_delta': 300}]}],"
    " 'promotions': ["
    "  {'id': 'fries-bogo', 'name': {'ar': 'عرض البطاطس', 'en': 'Fries 1+1'},"
    "   'kind': 'buy_x_get_y', 'target': {'items': ['fries']}, 'buy': 1, 'get': 1,"
    "   'get_percent_bp': 10000,"
    "   'available': [{'days': ['thu'], 'from': '12:00', 'to': '16:00'}]},"
    "  {'id': 'drinks-10', 'name': {'ar': 'خصم المشروبات', 'en': 'Drinks -10%'},"
    "   'kind': 'percent_off', 'percent_bp': 1000,"
    "   'target': {'categories': ['drinks'], 'items': ['classic-meal']}},"
    "  {'id': 'order-5', 'name': {'ar': 'خصم الطلب', 'en': '5 off 50'},"
    "   'kind': 'amount_off', 'amount': 500, 'whole_order': true, 'min_order': 5000},"
    "  {'id': 'burger-deal', 'name': {'ar': 'صفقة', 'en': 'Burger deal'},"
    "   'kind': 'bundle_price', 'bundle_price': 2500, 'components': ["
    "    {'items': ['classic-burger']}, {'items': ['fries']}, {'categories': ['drinks']}]}],"
    " 'upsells': ["
    "  {'item': 'classic-burger', 'suggest': ['fries', 'cola']},"
    "  {'item': 'classic-meal', 'suggest': ['tomatoes']}]}";

static ks_catalog *import_text(const char *json, ks_menu_error *err)
{
    return ks_menu_import(json, strlen(json), err);
}

static void test_good_menu_header(void)
{
    char *json = menu_fixture_json(GOOD_MENU, NULL);
    ks_menu_error err;
    ks_catalog *cat = import_text(json, &err);
    free(json);
    if (!cat)
        check_fail(__FILE__, __LINE__, "refused: %s: %s", err.path, err.reason);
    CHECK(cat);
    CHECK_EQ_STR(err.path, "");
    CHECK_EQ_STR(err.reason, "");
    CHECK_EQ_STR(ks_catalog_version(cat), "test-1");
    const ks_currency *cur = ks_catalog_currency(cat);
    CHECK_EQ_STR(cur->code, "SAR");
    CHECK_EQ_INT(cur->exponent, 2);
    CHECK_EQ_STR(cur->symbol_ar, "\xE2\x83\x81");
    CHECK(ks_catalog_prices_include_tax(cat));
    size_t n;
    const ks_tax_category *taxes = ks_catalog_tax_categories(cat, &n);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_STR(taxes[1].id, "zero");
    CHECK_EQ_INT(taxes[0].rate_bp, 1500);
    CHECK_EQ_STR(taxes[0].name.ar, "القياسية");
    /* ZATCA's categories: S by default, a 0 % rate out of scope, or as declared. */
    CHECK_EQ_INT(taxes[0].vat.category, 'S');
    CHECK_EQ_STR(taxes[0].vat.exemption, "");
    CHECK_EQ_INT(taxes[1].vat.category, 'O');
    CHECK_EQ_STR(taxes[1].vat.exemption, "VATEX-SA-OOS");
    CHECK_EQ_INT(taxes[2].vat.category, 'Z');
    CHECK_EQ_STR(taxes[2].vat.exemption, "VATEX-SA-35");
    /* Categories by (sort, id): produce 0, burgers 10, meals 10, drinks 30. */
    const ks_category *cats = ks_catalog_categories(cat, &n);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(cats[0].id, "produce");
    CHECK_EQ_STR(cats[1].id, "burgers");
    CHECK_EQ_STR(cats[2].id, "meals");
    CHECK_EQ_STR(cats[3].id, "drinks");
    CHECK_EQ_STR(cats[1].image, "pictures/burgers.png");
    CHECK_EQ_STR(cats[0].image, "");
    CHECK_EQ_INT(cats[0].sort, 0);
    CHECK_EQ_STR(ks_text_get(&cats[2].name, KS_LANG_EN), "وجبات");
    ks_catalog_free(cat);
}

static void test_good_menu_products(void)
{
    ks_catalog *cat = menu_fixture_import(GOOD_MENU, NULL);
    CHECK(cat);
    size_t n;
    const ks_item *items = ks_catalog_items(cat, &n);
    CHECK_EQ_INT(n, 5); /* 4 products, then the combo */
    CHECK_EQ_STR(items[0].id, "classic-burger");
    CHECK_EQ_STR(items[1].id, "fries");
    CHECK_EQ_STR(items[2].id, "cola");
    CHECK_EQ_STR(items[3].id, "tomatoes");
    CHECK_EQ_STR(items[4].id, "classic-meal");
    const ks_item *burger = &items[0];
    CHECK_EQ_INT(burger->kind, KS_ITEM_PRODUCT);
    CHECK(burger->category == ks_catalog_find_category(cat, "burgers"));
    CHECK(burger->tax == ks_catalog_find_tax(cat, "standard"));
    CHECK_EQ_STR(burger->name.en, "Classic Burger");
    CHECK_EQ_STR(burger->description.en, "Beef patty\nwith pickles");
    CHECK_EQ_STR(burger->image, "pictures/classic-burger.png");
    CHECK_EQ_INT(burger->price, 1800);
    CHECK_EQ_INT(burger->unit, KS_UNIT_EACH);
    CHECK_EQ_INT(burger->calories, 550);
    CHECK_EQ_INT(burger->n_tags, 2);
    CHECK_EQ_STR(burger->tags[1], "spicy");
    CHECK_EQ_INT(burger->n_barcodes, 1);
    CHECK_EQ_STR(burger->barcodes[0], "6281234567895");
    CHECK_EQ_STR(burger->plu, "");
    CHECK(!burger->sold_out);
    CHECK_EQ_INT(burger->n_available, 2);
    CHECK_EQ_INT(burger->available[0].days, 1 << 5); /* fri */
    CHECK_EQ_INT(burger->available[0].start_min, 22 * 60);
    CHECK_EQ_INT(burger->available[0].end_min, 2 * 60);
    CHECK_EQ_INT(burger->available[1].days, (1 << 0) | (1 << 1)); /* sun, mon */
    CHECK_EQ_INT(burger->available[1].end_min, 1440);
    CHECK_EQ_INT(burger->n_modifier_groups, 2);
    CHECK(burger->modifier_groups[0] == ks_catalog_find_modifier_group(cat, "bun"));
    CHECK_EQ_STR(burger->modifier_groups[1]->id, "cheese");
    /* Defaults for members left out. */
    const ks_item *fries = &items[1];
    CHECK_EQ_INT(fries->calories, -1);
    CHECK_EQ_STR(fries->description.ar, "");
    CHECK_EQ_STR(fries->image, "");
    CHECK_EQ_INT(fries->n_available, 0);
    CHECK_EQ_INT(fries->n_modifier_groups, 0);
    CHECK_EQ_INT(fries->n_barcodes, 2);
    CHECK(items[2].sold_out);
    const ks_item *tomatoes = &items[3];
    CHECK_EQ_INT(tomatoes->unit, KS_UNIT_KG);
    CHECK_EQ_STR(tomatoes->plu, "20431");
    CHECK_EQ_STR(tomatoes->tax->id, "zero");
    /* Self-checkout members, and their defaults. */
    CHECK_EQ_INT(items[2].min_age, 18);
    CHECK_EQ_INT(items[2].expected_weight_g, 345);
    CHECK_EQ_INT(items[2].weight_tolerance_g, 0);
    CHECK_EQ_INT(tomatoes->weight_tolerance_g, 25);
    CHECK_EQ_INT(tomatoes->expected_weight_g, 0);
    CHECK_EQ_INT(burger->min_age, 0);
    CHECK_EQ_INT(burger->expected_weight_g, 0);
    /* Modifier groups and options. */
    const ks_modifier_group *groups = ks_catalog_modifier_groups(cat, &n);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_INT(groups[1].min_choices, 1);
    CHECK_EQ_INT(groups[1].max_choices, 1);
    CHECK_EQ_INT(groups[1].n_options, 2);
    CHECK_EQ_INT(groups[1].options[1].price_delta, -300);
    CHECK_EQ_INT(groups[1].options[1].calories, -150);
    CHECK(groups[1].options[0].is_default);
    CHECK(!groups[1].options[1].is_default);
    CHECK(groups[0].options[1].sold_out);
    CHECK_EQ_INT(groups[0].options[1].calories, 0);
    ks_catalog_free(cat);
}

static void test_good_menu_combos_promotions_upsells(void)
{
    ks_catalog *cat = menu_fixture_import(GOOD_MENU, NULL);
    CHECK(cat);
    const ks_item *meal = ks_catalog_find_item(cat, "classic-meal");
    CHECK(meal);
    CHECK_EQ_INT(meal->kind, KS_ITEM_COMBO);
    CHECK_EQ_STR(meal->plu, "");
    CHECK_EQ_STR(meal->image, "");
    CHECK_EQ_INT(meal->price, 2600);
    CHECK_EQ_INT(meal->n_slots, 3);
    CHECK_EQ_STR(meal->slots[1].id, "side");
    CHECK_EQ_INT(meal->slots[1].n_choices, 2);
    CHECK(meal->slots[1].choices[1].item == ks_catalog_find_item(cat, "tomatoes"));
    CHECK_EQ_INT(meal->slots[1].choices[1].price_delta, -100);
    CHECK_EQ_INT(meal->slots[1].default_choice, 0);
    CHECK_EQ_INT(meal->n_sizes, 2);
    CHECK_EQ_INT(meal->sizes[1].price_delta, 300);
    CHECK_EQ_STR(meal->sizes[1].name.ar, "كبير");
    size_t n;
    const ks_promotion *p = ks_catalog_promotions(cat, &n);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_INT(p[0].kind, KS_PROMO_BUY_X_GET_Y);
    CHECK_EQ_INT(p[0].buy_qty, 1);
    CHECK_EQ_INT(p[0].get_qty, 1);
    CHECK_EQ_INT(p[0].get_percent_bp, 10000);
    CHECK_EQ_INT(p[0].target.n_items, 1);
    CHECK_EQ_STR(p[0].target.items[0]->id, "fries");
    CHECK_EQ_INT(p[0].n_available, 1);
    CHECK_EQ_INT(p[0].available[0].days, 1 << 4); /* thu */
    CHECK_EQ_INT(p[1].kind, KS_PROMO_PERCENT_OFF);
    CHECK_EQ_INT(p[1].percent_bp, 1000);
    CHECK(!p[1].whole_order);
    CHECK_EQ_INT(p[1].target.n_categories, 1);
    CHECK(p[1].target.categories[0] == ks_catalog_find_category(cat, "drinks"));
    CHECK(p[1].target.items[0] == meal);
    CHECK_EQ_INT(p[2].kind, KS_PROMO_AMOUNT_OFF);
    CHECK(p[2].whole_order);
    CHECK_EQ_INT(p[2].amount, 500);
    CHECK_EQ_INT(p[2].min_order, 5000);
    CHECK_EQ_INT(p[2].target.n_items + p[2].target.n_categories, 0);
    CHECK_EQ_INT(p[3].kind, KS_PROMO_BUNDLE_PRICE);
    CHECK_EQ_INT(p[3].bundle_price, 2500);
    CHECK_EQ_INT(p[3].n_components, 3);
    CHECK_EQ_STR(p[3].components[2].categories[0]->id, "drinks");
    CHECK(ks_catalog_find_promotion(cat, "order-5") == &p[2]);
    const ks_upsell *u = ks_catalog_upsell_for(cat, meal);
    CHECK(u);
    CHECK(u->trigger == meal);
    CHECK_EQ_INT(u->n_suggestions, 1);
    CHECK_EQ_STR(u->suggestions[0]->id, "tomatoes");
    CHECK_EQ_INT(
        ks_catalog_upsell_for(cat, ks_catalog_find_item(cat, "classic-burger"))->n_suggestions, 2);
    CHECK(ks_catalog_find_barcode(cat, "0036000291452") == ks_catalog_find_item(cat, "fries"));
    ks_catalog_free(cat);
}

/*
 * Edits to the good menu: path is '/'-separated member names and array
 * indexes ("-" appends); value is JSON with ' for ", or NULL to delete.
 */
struct edit {
    const char *path, *value;
};

struct bad_case {
    const char *name;
    struct edit edits[4];
    const char *path;   /* exactly */
    const char *reason; /* a substring */
};

/* clang-format off */
static const struct bad_case bad_cases[] = {
    /* The header. */
    {"wrong format", {{"format", "'kiosk-menu/2'"}}, "format", "must be \"kiosk-menu/1\""},
    {"unknown top-level member", {{"colour", "1"}}, "colour", "unknown member \"colour\""},
    {"missing version", {{"version", NULL}}, "", "missing member \"version\""},
    {"version with a control character", {{"version", "'a\\u0001b'"}}, "version", "only contain printable ASCII"},
    {"lower-case currency", {{"currency/code", "'sar'"}}, "currency.code", "ISO 4217"},
    {"currency exponent 5", {{"currency/exponent", "5"}}, "currency.exponent",
     "between 0 and 4 (got 5)"},
    {"currency not an object", {{"currency", "'SAR'"}}, "currency", "must be an object"},
    {"prices_include_tax as a string", {{"prices_include_tax", "'yes'"}}, "prices_include_tax",
     "must be true or false"},
    /* Tax categories and categories. */
    {"no tax categories", {{"tax_categories", "[]"}}, "tax_categories", "between 1 and 64"},
    {"tax rate over 100 %", {{"tax_categories/0/rate_bp", "10001"}}, "tax_categories[0].rate_bp",
     "between 0 and 10000 (got 10001)"},
    {"duplicate tax id", {{"tax_categories/1/id", "'standard'"}}, "tax_categories[1].id",
     "duplicate tax category id \"standard\" (also tax_categories[0])"},
    {"unknown VAT category", {{"tax_categories/2/vat_category", "'X'"}},
     "tax_categories[2].vat_category", "expected S, Z, E or O"},
    {"unknown exemption code", {{"tax_categories/2/exemption_code", "'VATEX-SA-99'"}},
     "tax_categories[2].vat_category", "unknown exemption code"},
    {"zero rated with a rate", {{"tax_categories/2/rate_bp", "500"}},
     "tax_categories[2].vat_category", "need rate_bp 0"},
    {"zero rated without a reason", {{"tax_categories/2/exemption_code", NULL}},
     "tax_categories[2].vat_category", "need an exemption code"},
    {"exemption code of another category", {{"tax_categories/2/exemption_code", "'VATEX-SA-29'"}},
     "tax_categories[2].vat_category", "for category E"},
    {"education needs the buyer", {{"tax_categories/2/exemption_code", "'VATEX-SA-EDU'"}},
     "tax_categories[2].vat_category", "buyer's name and national ID"},
    {"exemption code without a category", {{"tax_categories/2/vat_category", NULL}},
     "tax_categories[2].exemption_code", "needs vat_category"},
    {"standard rated at 0 %", {{"tax_categories/1/vat_category", "'S'"}},
     "tax_categories[1].vat_category", "needs a rate above 0"},
    {"standard rated with a reason",
     {{"tax_categories/0/vat_category", "'S'"}, {"tax_categories/0/exemption_code", "'VATEX-SA-32'"}},
     "tax_categories[0].vat_category", "takes no exemption code"},
    {"duplicate category id across sort values", {{"categories/3/id", "'drinks'"}},
     "categories[3].id", "duplicate category id \"drinks\" (also categories[0])"},
    {"upper-case id", {{"categories/0/id", "'Drinks'"}}, "categories[0].id", "may only contain a-z, 0-9"},
    {"id over 64 characters",
     {{"categories/0/id", "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"}},
     "categories[0].id", "must be 1 to 64 bytes long (has 65)"},
    {"empty id", {{"categories/0/id", "''"}}, "categories[0].id", "(has 0)"},
    {"id as a number", {{"categories/0/id", "7"}}, "categories[0].id", "must be a string"},
    {"name empty in both languages", {{"categories/0/name", "{'ar': '', 'en': ''}"}},
     "categories[0].name", "both empty"},
    {"name without en", {{"categories/0/name/en", NULL}}, "categories[0].name",
     "missing member \"en\""},
    {"name with a typo member", {{"categories/0/name/fr", "'Boissons'"}}, "categories[0].name.fr",
     "unknown member \"fr\""},
    {"name with a tab", {{"categories/0/name/en", "'a\\tb'"}}, "categories[0].name.en",
     "may not contain control characters"},
    {"name not an object", {{"categories/0/name", "'Drinks'"}}, "categories[0].name",
     "must be an object"},
    {"image climbing out", {{"categories/1/image", "'../etc/passwd'"}}, "categories[1].image",
     "relative path"},
    {"absolute image", {{"categories/1/image", "'/srv/a.png'"}}, "categories[1].image",
     "relative path"},
    {"fractional sort", {{"categories/0/sort", "1.5"}}, "categories[0].sort",
     "must be an integer"},
    {"no categories", {{"categories", "[]"}}, "categories", "between 1 and 1000"},
    /* Modifier groups. */
    {"min above max", {{"modifier_groups/1/min", "2"}}, "modifier_groups[1].max",
     "max (1) is less than min (2)"},
    {"max above the number of options", {{"modifier_groups/0/max", "3"}}, "modifier_groups[0].max",
     "max (3) is more than the number of options (2)"},
    {"max zero", {{"modifier_groups/0/max", "0"}}, "modifier_groups[0].max", "between 1 and 64"},
    {"negative min", {{"modifier_groups/0/min", "-1"}}, "modifier_groups[0].min",
     "between 0 and 64"},
    {"more defaults than max", {{"modifier_groups/1/options/1/default", "true"}},
     "modifier_groups[1].options", "2 options are marked default but max is 1"},
    {"duplicate option id", {{"modifier_groups/0/options/1/id", "'cheddar'"}},
     "modifier_groups[0].options[1].id", "duplicate option id \"cheddar\" (also options[0])"},
    {"group without options", {{"modifier_groups/0/options", "[]"}}, "modifier_groups[0].options",
     "between 1 and 64"},
    {"option without price_delta", {{"modifier_groups/0/options/0/price_delta", NULL}},
     "modifier_groups[0].options[0]", "missing member \"price_delta\""},
    {"option default as a number", {{"modifier_groups/0/options/0/default", "1"}},
     "modifier_groups[0].options[0].default", "must be true or false"},
    {"duplicate group id", {{"modifier_groups/1/id", "'cheese'"}}, "modifier_groups[1].id",
     "duplicate modifier group id \"cheese\" (also modifier_groups[0])"},
    /* Items. */
    {"unknown modifier group", {{"items/0/modifier_groups/1", "'sauces'"}},
     "items[0].modifier_groups[1]", "unknown modifier group \"sauces\""},
    {"modifier group listed twice", {{"items/0/modifier_groups/1", "'bun'"}},
     "items[0].modifier_groups[1]", "modifier group \"bun\" is listed twice"},
    {"option takes more than the price", {{"items/0/price", "200"}}, "items[0].modifier_groups[0]",
     "option \"lettuce-wrap\" of group \"bun\" takes 300 off, more than the item price 200"},
    {"unknown category", {{"items/1/category", "'sides'"}}, "items[1].category",
     "unknown category \"sides\""},
    {"unknown tax", {{"items/1/tax", "'reduced'"}}, "items[1].tax",
     "unknown tax category \"reduced\""},
    {"negative price", {{"items/1/price", "-1"}}, "items[1].price",
     "between 0 and 1000000000000 (got -1)"},
    {"price as a string", {{"items/1/price", "'700'"}}, "items[1].price", "must be an integer"},
    {"price as a real", {{"items/1/price", "700.0"}}, "items[1].price", "must be an integer"},
    {"missing price", {{"items/1/price", NULL}}, "items[1]", "missing member \"price\""},
    {"duplicate item id", {{"items/2/id", "'fries'"}}, "items[2].id",
     "duplicate item id \"fries\" (also items[1])"},
    {"combo id taken by an item", {{"combos/0/id", "'cola'"}}, "combos[0].id",
     "duplicate item id \"cola\" (also items[2])"},
    {"typo in an item member", {{"items/1/prce", "700"}}, "items[1].prce",
     "unknown member \"prce\""},
    {"item not an object", {{"items/1", "42"}}, "items[1]", "must be an object"},
    {"items not an array", {{"items", "{}"}}, "items", "must be an array"},
    {"no items at all",
     {{"items", "[]"}, {"combos", NULL}, {"promotions", NULL}, {"upsells", NULL}},
     "items", "the menu has no items"},
    {"bad barcode check digit", {{"items/0/barcodes/0", "'6281234567892'"}},
     "items[0].barcodes[0]", "wrong check digit (should end in 5)"},
    {"barcode with a letter", {{"items/0/barcodes/0", "'62812345678a5'"}}, "items[0].barcodes[0]",
     "is not a GTIN"},
    {"barcode of 11 digits", {{"items/0/barcodes/0", "'62812345678'"}}, "items[0].barcodes[0]",
     "is not a GTIN"},
    {"barcode as a number", {{"items/0/barcodes/0", "6281234567895"}}, "items[0].barcodes[0]",
     "must be a string"},
    {"barcode used by two items", {{"items/2/barcodes", "['6281234567895']"}},
     "items[2].barcodes[0]", "barcode \"6281234567895\" is already used by items[0]"},
    {"barcode used twice in another length", {{"items/2/barcodes", "['0036000291452']"}},
     "items[2].barcodes[0]", "is already used by items[1]"},
    {"barcode listed twice", {{"items/1/barcodes/-", "'96385074'"}}, "items[1].barcodes[2]",
     "barcode \"96385074\" is listed twice"},
    {"short PLU", {{"items/3/plu", "'2043'"}}, "items[3].plu", "5 digits"},
    {"PLU used twice", {{"items/2/plu", "'20431'"}}, "items[3].plu",
     "PLU \"20431\" is already used by items[2]"},
    {"unknown unit", {{"items/0/unit", "'litre'"}}, "items[0].unit", "must be \"each\" or \"kg\""},
    {"min_age of 100", {{"items/0/min_age", "100"}}, "items[0].min_age", "between 0 and 99 (got 100)"},
    {"min_age as text", {{"items/0/min_age", "'18'"}}, "items[0].min_age", "must be an integer"},
    {"negative min_age", {{"items/0/min_age", "-1"}}, "items[0].min_age", "between 0 and 99"},
    {"expected weight of a weighed product", {{"items/3/expected_weight_g", "500"}},
     "items[3].expected_weight_g", "no fixed weight: the scale gives it"},
    {"expected weight of 0 g", {{"items/0/expected_weight_g", "0"}}, "items[0].expected_weight_g",
     "between 1 and 100000 (got 0)"},
    {"expected weight over 100 kg", {{"items/0/expected_weight_g", "100001"}},
     "items[0].expected_weight_g", "between 1 and 100000"},
    {"expected weight as a float", {{"items/0/expected_weight_g", "250.5"}},
     "items[0].expected_weight_g", "must be an integer"},
    {"tolerance of 0 g", {{"items/3/weight_tolerance_g", "0"}}, "items[3].weight_tolerance_g",
     "between 1 and 100000 (got 0)"},
    {"combo with a minimum age", {{"combos/0/min_age", "18"}}, "combos[0].min_age",
     "unknown member \"min_age\""},
    {"hour 25", {{"items/0/available/0/from", "'25:00'"}}, "items[0].available[0].from",
     "\"25:00\" is not a time"},
    {"from at 24:00", {{"items/0/available/0/from", "'24:00'"}}, "items[0].available[0].from",
     "00:00 to 23:59"},
    {"to past 24:00", {{"items/0/available/0/to", "'24:30'"}}, "items[0].available[0].to",
     "00:00 to 24:00"},
    {"minute 60", {{"items/0/available/0/to", "'12:60'"}}, "items[0].available[0].to",
     "is not a time"},
    {"one-digit hour", {{"items/0/available/0/to", "'7:00'"}}, "items[0].available[0].to",
     "is not a time"},
    {"empty days", {{"items/0/available/0/days", "[]"}}, "items[0].available[0].days",
     "between 1 and 7"},
    {"unknown day", {{"items/0/available/0/days/0", "'friday'"}}, "items[0].available[0].days[0]",
     "must be one of sun, mon"},
    {"day listed twice", {{"items/0/available/1/days/1", "'sun'"}},
     "items[0].available[1].days[1]", "\"sun\" is listed twice"},
    {"empty window", {{"items/0/available/0/to", "'22:00'"}}, "items[0].available[0].to",
     "the window would be empty"},
    {"window with a typo", {{"items/0/available/0/until", "'23:00'"}},
     "items[0].available[0].until", "unknown member \"until\""},
    {"upper-case tag", {{"items/0/tags/0", "'Beef'"}}, "items[0].tags[0]", "may only contain a-z"},
    {"negative item calories", {{"items/0/calories", "-5"}}, "items[0].calories",
     "between 0 and 100000"},
    {"sold_out as a string", {{"items/0/sold_out", "'no'"}}, "items[0].sold_out",
     "must be true or false"},
    {"description with a tab", {{"items/0/description/en", "'a\\tb'"}},
     "items[0].description.en", "other than line feeds"},
    /* Combos. */
    {"slot default not among its choices", {{"combos/0/slots/1/default", "'cola'"}},
     "combos[0].slots[1].default", "\"cola\" is not one of the slot's choices"},
    {"slot without default", {{"combos/0/slots/1/default", NULL}}, "combos[0].slots[1]",
     "missing member \"default\""},
    {"combo choice naming a combo",
     {{"combos/0/slots/2/choices/-", "{'item': 'classic-meal', 'price_delta': 0}"}},
     "combos[0].slots[2].choices[1].item", "\"classic-meal\" is a combo"},
    {"combo choice naming nothing", {{"combos/0/slots/0/choices/0/item", "'veggie'"}},
     "combos[0].slots[0].choices[0].item", "unknown item \"veggie\""},
    {"combo choice listed twice", {{"combos/0/slots/1/choices/1/item", "'fries'"}},
     "combos[0].slots[1].choices[1].item", "\"fries\" is listed twice in this slot"},
    {"choice takes more than the combo price",
     {{"combos/0/slots/1/choices/1/price_delta", "-2601"}},
     "combos[0].slots[1].choices[1].price_delta", "takes 2601 off, more than the combo price 2600"},
    {"size takes more than the combo price", {{"combos/0/sizes/1/price_delta", "-3000"}},
     "combos[0].sizes[1].price_delta", "more than the combo price"},
    {"duplicate slot id", {{"combos/0/slots/2/id", "'main'"}}, "combos[0].slots[2].id",
     "duplicate slot id \"main\" (also slots[0])"},
    {"duplicate size id", {{"combos/0/sizes/1/id", "'regular'"}}, "combos[0].sizes[1].id",
     "duplicate size id \"regular\""},
    {"combo without slots", {{"combos/0/slots", "[]"}}, "combos[0].slots", "between 1 and 16"},
    {"combo with a unit", {{"combos/0/unit", "'each'"}}, "combos[0].unit",
     "unknown member \"unit\""},
    {"combo with modifier groups", {{"combos/0/modifier_groups", "['cheese']"}},
     "combos[0].modifier_groups", "unknown member"},
    /* Promotions. */
    {"percent over 10000", {{"promotions/1/percent_bp", "10001"}}, "promotions[1].percent_bp",
     "between 1 and 10000 (got 10001)"},
    {"whole_order with a target", {{"promotions/2/target", "{'items': ['fries']}"}},
     "promotions[2].target", "a whole_order promotion cannot have a target"},
    {"neither target nor whole_order", {{"promotions/1/target", NULL}}, "promotions[1]",
     "missing member \"target\""},
    {"min_order without whole_order", {{"promotions/1/min_order", "100"}},
     "promotions[1].min_order", "applies only to whole_order promotions"},
    {"bundle with one component", {{"promotions/3/components", "[{'items': ['fries']}]"}},
     "promotions[3].components", "between 2 and 8"},
    {"member of another kind", {{"promotions/1/amount", "100"}}, "promotions[1].amount",
     "\"amount\" does not apply to kind \"percent_off\""},
    {"unknown promotion member", {{"promotions/1/amout", "100"}}, "promotions[1].amout",
     "unknown member \"amout\""},
    {"unknown kind", {{"promotions/0/kind", "'free_stuff'"}}, "promotions[0].kind",
     "must be one of percent_off"},
    {"empty target", {{"promotions/0/target", "{}"}}, "promotions[0].target",
     "the target names no items and no categories"},
    {"target naming an unknown item", {{"promotions/0/target/items/0", "'onion-rings'"}},
     "promotions[0].target.items[0]", "unknown item \"onion-rings\""},
    {"target naming an unknown category", {{"promotions/1/target/categories/0", "'desserts'"}},
     "promotions[1].target.categories[0]", "unknown category \"desserts\""},
    {"target listing a category twice", {{"promotions/1/target/categories/-", "'drinks'"}},
     "promotions[1].target.categories[1]", "\"drinks\" is listed twice"},
    {"bundle component naming nothing", {{"promotions/3/components/2/categories/0", "'sweets'"}},
     "promotions[3].components[2].categories[0]", "unknown category \"sweets\""},
    {"buy zero", {{"promotions/0/buy", "0"}}, "promotions[0].buy", "between 1 and 1000"},
    {"amount zero", {{"promotions/2/amount", "0"}}, "promotions[2].amount", "between 1 and"},
    {"duplicate promotion id", {{"promotions/1/id", "'fries-bogo'"}}, "promotions[1].id",
     "duplicate promotion id \"fries-bogo\" (also promotions[0])"},
    {"promotion window with a bad time", {{"promotions/0/available/0/to", "'16h'"}},
     "promotions[0].available[0].to", "\"16h\" is not a time"},
    /* Upsells. */
    {"upsell for an unknown item", {{"upsells/0/item", "'nothing'"}}, "upsells[0].item",
     "unknown item \"nothing\""},
    {"upsell suggesting an unknown item", {{"upsells/0/suggest/1", "'pepsi'"}},
     "upsells[0].suggest[1]", "unknown item \"pepsi\""},
    {"upsell suggesting itself", {{"upsells/0/suggest/1", "'classic-burger'"}},
     "upsells[0].suggest[1]", "cannot be suggested with itself"},
    {"two upsells for one item", {{"upsells/1/item", "'classic-burger'"}}, "upsells[1].item",
     "\"classic-burger\" already has suggestions (upsells[0])"},
    {"upsell suggesting twice", {{"upsells/0/suggest/1", "'fries'"}}, "upsells[0].suggest[1]",
     "\"fries\" is listed twice"},
    {"upsell suggesting nothing", {{"upsells/0/suggest", "[]"}}, "upsells[0].suggest",
     "between 1 and 8"},
};
/* clang-format on */

/* Sets (value, stolen) or deletes (value NULL) what path names; false when the path does not exist.
 */
static bool set_at(json_t *root, const char *path, json_t *value)
{
    char buf[640];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *node = root;
    char *seg = buf, *slash;
    while ((slash = strchr(seg, '/'))) {
        *slash = '\0';
        node = json_is_object(node) ? json_object_get(node, seg)
                                    : json_array_get(node, strtoul(seg, NULL, 10));
        seg = slash + 1;
    }
    if (json_is_object(node))
        return value ? json_object_set_new(node, seg, value) == 0 : json_object_del(node, seg) == 0;
    if (json_is_array(node) && strcmp(seg, "-") == 0)
        return value && json_array_append_new(node, value) == 0;
    if (json_is_array(node)) {
        size_t i = strtoul(seg, NULL, 10);
        return value ? json_array_set_new(node, i, value) == 0 : json_array_remove(node, i) == 0;
    }
    json_decref(value);
    return false;
}

static bool apply_edit(json_t *root, const struct edit *e)
{
    json_t *value = NULL;
    if (e->value) {
        char *text = menu_fixture_json(e->value, NULL);
        value = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
        free(text);
        if (!value)
            return false;
    }
    return set_at(root, e->path, value);
}

static void test_bad_menus(void)
{
    char *good = menu_fixture_json(GOOD_MENU, NULL);
    json_t *pristine = json_loads(good, 0, NULL);
    free(good);
    CHECK(pristine);
    for (size_t i = 0; i < CHECK_COUNT(bad_cases); i++) {
        const struct bad_case *bc = &bad_cases[i];
        json_t *root = json_deep_copy(pristine);
        bool edited = true;
        for (size_t k = 0; k < 4 && bc->edits[k].path; k++)
            edited = edited && apply_edit(root, &bc->edits[k]);
        char *json = json_dumps(root, 0);
        json_decref(root);
        ks_menu_error err;
        ks_catalog *cat = edited && json ? import_text(json, &err) : NULL;
        free(json);
        if (!edited) {
            check_fail(__FILE__, __LINE__, "case \"%s\": the edit does not apply", bc->name);
        } else if (cat) {
            check_fail(__FILE__, __LINE__, "case \"%s\": accepted", bc->name);
            ks_catalog_free(cat);
        } else if (strcmp(err.path, bc->path) != 0 || !strstr(err.reason, bc->reason)) {
            check_fail(__FILE__, __LINE__, "case \"%s\": got %s: %s; want %s: ...%s...", bc->name,
                       err.path, err.reason, bc->path, bc->reason);
        }
    }
    json_decref(pristine);
}

struct raw_case {
    const char *name;
    const char *json; /* used as is */
    size_t len;       /* 0 = strlen(json) */
    const char *reason;
};

static void test_not_menus(void)
{
    static const struct raw_case cases[] = {
        {"empty input", "", 0, "not valid JSON"},
        {"syntax error", "{\"format\": }", 0, "not valid JSON"},
        {"duplicate member", "{\"format\": \"kiosk-menu/1\", \"format\": \"kiosk-menu/1\"}", 0,
         "duplicate object key"},
        {"invalid UTF-8", "{\"version\": \"caf\xe9\"}", 0, "not valid JSON"},
        {"NUL escape", "{\"version\": \"a\\u0000b\"}", 0, "not valid JSON"},
        {"a top-level array", "[]", 0, "must be an object"},
        {"trailing garbage", "{} x", 0, "not valid JSON"},
        {"embedded NUL byte", "{}\0{}", 5, "not valid JSON"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_menu_error err;
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].json);
        ks_catalog *cat = ks_menu_import(cases[i].json, len, &err);
        if (cat || !strstr(err.reason, cases[i].reason))
            check_fail(__FILE__, __LINE__, "case \"%s\": got \"%s\"", cases[i].name, err.reason);
        ks_catalog_free(cat);
        CHECK_EQ_STR(err.path, "");
    }
    ks_menu_error err;
    /* The size limit is checked before a byte is read. */
    CHECK(!ks_menu_import("{}", (size_t)KS_MENU_MAX_BYTES + 1, &err));
    CHECK_CONTAINS(err.reason, "the limit is 33554432");
    CHECK(!ks_menu_import(NULL, 0, &err));
    CHECK(!ks_menu_import("[]", 2, NULL)); /* err may be NULL */
}

/* n copies of c, malloc'd. */
static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memset(s, c, n);
        s[n] = '\0';
    }
    return s;
}

/* Imports the good menu with value (stolen) set at path. */
static ks_catalog *import_with(const char *path, json_t *value, ks_menu_error *err)
{
    char *good = menu_fixture_json(GOOD_MENU, NULL);
    json_t *root = json_loads(good, 0, NULL);
    free(good);
    char *json = set_at(root, path, value) ? json_dumps(root, 0) : NULL;
    json_decref(root);
    ks_catalog *cat = json ? import_text(json, err) : NULL;
    free(json);
    return cat;
}

static void test_length_limits(void)
{
    ks_menu_error err;
    char *s = repeat('a', 256);
    ks_catalog *cat = import_with("items/0/name/en", json_string(s), &err);
    free(s);
    CHECK(cat); /* 256 bytes is the limit itself */
    ks_catalog_free(cat);
    s = repeat('a', 257);
    CHECK(!import_with("items/0/name/en", json_string(s), &err));
    free(s);
    CHECK_EQ_STR(err.path, "items[0].name.en");
    CHECK_CONTAINS(err.reason, "must be at most 256 bytes long (has 257)");
    s = repeat('x', 2049);
    CHECK(!import_with("items/0/description/ar", json_string(s), &err));
    free(s);
    CHECK_EQ_STR(err.path, "items[0].description.ar");
    CHECK_CONTAINS(err.reason, "must be at most 2048 bytes long (has 2049)");
    /* A long unknown member is shortened in both the path and the reason. */
    s = repeat('k', 500);
    char path[600];
    snprintf(path, sizeof path, "items/0/%s", s);
    free(s);
    CHECK(!import_with(path, json_integer(1), &err));
    CHECK_CONTAINS(err.path, "items[0].kkkk");
    CHECK_CONTAINS(err.path, "k...");
    CHECK_CONTAINS(err.reason, "k...\"");
    CHECK(strlen(err.reason) < 100);
    /* Arabic text cut to fit keeps whole characters (2 bytes each here). */
    memcpy(path, "items/0/", 8);
    for (int i = 0; i < 250; i++)
        memcpy(path + 8 + 2 * i, "\xD8\xB9", 3); /* U+0639 ARABIC LETTER AIN */
    CHECK(!import_with(path, json_integer(1), &err));
    size_t r = strlen(err.reason);
    CHECK(r > 4 && memcmp(err.reason + r - 4, "...\"", 4) == 0);
    CHECK(((unsigned char)err.reason[r - 5] & 0xC0) == 0x80); /* ends on a whole letter */
}

static void test_other_currency(void)
{
    ks_menu_error err;
    json_t *cur = json_pack("{s:s, s:i}", "code", "KWD", "exponent", 3);
    ks_catalog *cat = import_with("currency", cur, &err);
    CHECK(cat);
    CHECK_EQ_STR(ks_catalog_currency(cat)->code, "KWD");
    CHECK_EQ_INT(ks_catalog_currency(cat)->exponent, 3);
    CHECK_EQ_STR(ks_catalog_currency(cat)->symbol_en, "KWD");
    CHECK_EQ_STR(ks_catalog_currency(cat)->symbol_ar, "KWD");
    ks_catalog_free(cat);
}

static void test_document_example(void)
{
    size_t len;
    char *doc = check_read_file(check_path(check_source_dir(), "kiosk/docs/menu-format.md"), &len);
    CHECK(doc);
    char *start = strstr(doc, "```json\n");
    char *end = start ? strstr(start + 8, "\n```") : NULL;
    if (!start || !end) {
        free(doc);
        CHECK(!"the document has a ```json example");
    }
    ks_menu_error err;
    ks_catalog *cat = ks_menu_import(start + 8, (size_t)(end - start - 8), &err);
    free(doc);
    if (!cat)
        check_fail(__FILE__, __LINE__, "example refused: %s: %s", err.path, err.reason);
    CHECK(cat);
    CHECK(ks_catalog_find_item(cat, "classic-meal"));
    CHECK(ks_catalog_upsell_for(cat, ks_catalog_find_item(cat, "classic-burger")));
    ks_catalog_free(cat);
}

/* Every demo menu in assets/menus imports cleanly (they are written against the document). */
static void test_demo_menus(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/assets/menus", check_source_dir());
    DIR *d = opendir(dir);
    CHECK(d);
    size_t found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        found++;
        size_t len;
        char *json = check_read_file(check_path(dir, e->d_name), &len);
        ks_menu_error err;
        ks_catalog *cat = json ? ks_menu_import(json, len, &err) : NULL;
        if (!cat)
            check_fail(__FILE__, __LINE__, "%s refused: %s: %s", e->d_name, json ? err.path : "",
                       json ? err.reason : "unreadable");
        ks_catalog_free(cat);
        free(json);
    }
    closedir(d);
    CHECK(found > 0);
}

static const struct check_case cases[] = {
    {"good menu: header, taxes, categories", test_good_menu_header},
    {"good menu: products and modifier groups", test_good_menu_products},
    {"good menu: combos, promotions, upsells", test_good_menu_combos_promotions_upsells},
    {"bad menus: exact path and reason", test_bad_menus},
    {"inputs that are not menus", test_not_menus},
    {"length limits and long messages", test_length_limits},
    {"a currency other than SAR", test_other_currency},
    {"the example in menu-format.md imports", test_document_example},
    {"the demo menus in assets/menus import", test_demo_menus},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
