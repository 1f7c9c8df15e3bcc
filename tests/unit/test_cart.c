/* Cart editing rules, unit prices, notes, and validation with its Arabic and English reasons. */
#include "kiosk/domain/cart.h"
#include "kiosk/domain/pricing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/check.h"
#include "tests/support/menu_fixture.h"

/* The menu, written with ' for " to stay readable. Prices include 15 % VAT. */
/* clang-format off */
static const char MENU[] =
    "{'format': 'kiosk-menu/1', 'version': 'cart-test', 'currency': {'code': 'SAR', 'exponent': 2},"
    " 'prices_include_tax': true,"
    " 'tax_categories': [{'id': 'std', 'name': {'ar': 'قياسية', 'en': 'Standard'}, 'rate_bp': 1500}],"
    " 'categories': ["
    "  {'id': 'burgers', 'name': {'ar': 'برجر', 'en': 'Burgers'}},"
    "  {'id': 'sides', 'name': {'ar': 'أطباق جانبية', 'en': 'Sides'}},"
    "  {'id': 'drinks', 'name': {'ar': 'مشروبات', 'en': 'Drinks'}},"
    "  {'id': 'meals', 'name': {'ar': 'وجبات', 'en': 'Meals'}}],"
    " 'modifier_groups': ["
    "  {'id': 'cheese', 'name': {'ar': 'الجبن', 'en': 'Cheese'}, 'min': 0, 'max': 1, 'options': ["
    "    {'id': 'cheddar', 'name': {'ar': 'شيدر', 'en': 'Cheddar'}, 'price_delta': 200},"
    "    {'id': 'swiss', 'name': {'ar': 'سويسري', 'en': 'Swiss'}, 'price_delta': 250}]},"
    "  {'id': 'sauces', 'name': {'ar': 'الصلصات', 'en': 'Sauces'}, 'min': 0, 'max': 2, 'options': ["
    "    {'id': 'ketchup', 'name': {'ar': 'كاتشب', 'en': 'Ketchup'}, 'price_delta': 0, 'default': true},"
    "    {'id': 'mayo', 'name': {'ar': 'مايونيز', 'en': 'Mayo'}, 'price_delta': 0},"
    "    {'id': 'bbq', 'name': {'ar': 'باربكيو', 'en': 'BBQ'}, 'price_delta': 100},"
    "    {'id': 'garlic', 'name': {'ar': 'ثوم', 'en': 'Garlic'}, 'price_delta': 50, 'sold_out': true}]},"
    "  {'id': 'bread', 'name': {'ar': 'الخبز', 'en': 'Bread'}, 'min': 1, 'max': 1, 'options': ["
    "    {'id': 'white', 'name': {'ar': 'أبيض', 'en': 'White'}, 'price_delta': 0, 'default': true},"
    "    {'id': 'brown', 'name': {'ar': 'أسمر', 'en': 'Brown'}, 'price_delta': 0}]},"
    "  {'id': 'drink', 'name': {'ar': 'المشروب', 'en': 'Drink'}, 'min': 1, 'max': 1, 'options': ["
    "    {'id': 'juice-box', 'name': {'ar': 'عصير', 'en': 'Juice'}, 'price_delta': 0},"
    "    {'id': 'milk', 'name': {'ar': 'حليب', 'en': 'Milk'}, 'price_delta': 100}]}],"
    " 'items': ["
    "  {'id': 'burger', 'category': 'burgers', 'name': {'ar': 'برجر كلاسيك', 'en': 'Classic Burger'},"
    "   'price': 1800, 'tax': 'std', 'modifier_groups': ['cheese', 'sauces', 'bread']},"
    "  {'id': 'chicken', 'category': 'burgers', 'name': {'ar': 'دجاج', 'en': 'Chicken Burger'},"
    "   'price': 1700, 'tax': 'std', 'modifier_groups': ['cheese']},"
    "  {'id': 'fries', 'category': 'sides', 'name': {'ar': 'بطاطس', 'en': 'Fries'}, 'price': 700, 'tax': 'std'},"
    "  {'id': 'rings', 'category': 'sides', 'name': {'ar': 'حلقات البصل', 'en': 'Onion Rings'}, 'price': 900, 'tax': 'std'},"
    "  {'id': 'cola', 'category': 'drinks', 'name': {'ar': 'كولا', 'en': 'Cola'}, 'price': 500, 'tax': 'std'},"
    "  {'id': 'juice', 'category': 'drinks', 'name': {'ar': 'عصير برتقال', 'en': 'Orange Juice'}, 'price': 800, 'tax': 'std'},"
    "  {'id': 'kids-box', 'category': 'meals', 'name': {'ar': 'صندوق الأطفال', 'en': 'Kids Box'},"
    "   'price': 1500, 'tax': 'std', 'modifier_groups': ['drink']},"
    "  {'id': 'pancakes', 'category': 'meals', 'name': {'ar': 'بان كيك', 'en': 'Pancakes'}, 'price': 1200, 'tax': 'std',"
    "   'available': [{'days': ['sun','mon','tue','wed','thu','fri','sat'], 'from': '06:00', 'to': '11:00'}]},"
    "  {'id': 'ice-cream', 'category': 'sides', 'name': {'ar': 'آيس كريم', 'en': 'Ice Cream'}, 'price': 600,"
    "   'tax': 'std', 'sold_out': true},"
    "  {'id': 'dates', 'category': 'sides', 'name': {'ar': 'تمر', 'en': 'Dates'}, 'price': 4000, 'tax': 'std', 'unit': 'kg'},"
    "  {'id': 'bananas', 'category': 'sides', 'name': {'ar': 'موز', 'en': 'Bananas'}, 'price': 695, 'tax': 'std', 'unit': 'kg'}],"
    " 'combos': ["
    "  {'id': 'meal', 'category': 'meals', 'name': {'ar': 'وجبة برجر', 'en': 'Burger Meal'}, 'price': 2600, 'tax': 'std',"
    "   'slots': ["
    "    {'id': 'main', 'name': {'ar': 'الساندويتش', 'en': 'Sandwich'}, 'default': 'burger',"
    "     'choices': [{'item': 'burger', 'price_delta': 0}, {'item': 'chicken', 'price_delta': 0}]},"
    "    {'id': 'side', 'name': {'ar': 'الطبق الجانبي', 'en': 'Side'}, 'default': 'fries',"
    "     'choices': [{'item': 'fries', 'price_delta': 0}, {'item': 'rings', 'price_delta': 100}]},"
    "    {'id': 'drink', 'name': {'ar': 'المشروب', 'en': 'Drink'}, 'default': 'cola',"
    "     'choices': [{'item': 'cola', 'price_delta': 0}, {'item': 'juice', 'price_delta': 200}]}],"
    "   'sizes': [{'id': 'regular', 'name': {'ar': 'عادي', 'en': 'Regular'}, 'price_delta': 0},"
    "             {'id': 'large', 'name': {'ar': 'كبير', 'en': 'Large'}, 'price_delta': 300}]}]}";
/* clang-format on */

/* Indexes into the menu above. */
enum { G_CHEESE, G_SAUCES, G_BREAD };        /* burger's groups */
enum { O_KETCHUP, O_MAYO, O_BBQ, O_GARLIC }; /* sauces */
enum { S_MAIN, S_SIDE, S_DRINK };            /* meal slots */

static const ks_local_time MONDAY_NOON = {MON, HM(12, 0)};

static ks_catalog *cat;
static ks_cart *cart;

/* A fresh, empty cart for each case. */
static void setup(void)
{
    ks_cart_free(cart);
    cart = ks_cart_new(cat);
}

static const ks_item *item(const char *id)
{
    return ks_catalog_find_item(cat, id);
}

static ks_line_id add(const char *id, int32_t quantity)
{
    ks_line_id line = 0;
    if (menu_fixture_add(cart, item(id), quantity, &line) != KS_CART_OK)
        return 0;
    return line;
}

static ks_money unit_price(ks_line_id id)
{
    ks_money price = -1;
    const ks_cart_line *line = ks_cart_find(cart, id);
    if (!line || !ks_cart_line_unit_price(line, &price))
        return -1;
    return price;
}

static ks_line_issue validate(ks_line_id id, ks_local_time at, ks_sold_out_fn fn, void *ctx)
{
    return ks_cart_validate_line(ks_cart_find(cart, id), at, fn, ctx);
}

static void test_defaults(void)
{
    setup();
    ks_line_id id = add("burger", 1);
    CHECK(id != 0);
    const ks_cart_line *line = ks_cart_find(cart, id);
    CHECK(ks_cart_option_chosen(line, KS_CART_NO_SLOT, G_SAUCES, O_KETCHUP));
    CHECK(!ks_cart_option_chosen(line, KS_CART_NO_SLOT, G_SAUCES, O_MAYO));
    CHECK(ks_cart_option_chosen(line, KS_CART_NO_SLOT, G_BREAD, 0)); /* white */
    CHECK(!ks_cart_option_chosen(line, KS_CART_NO_SLOT, G_CHEESE, 0));
    CHECK(!ks_cart_option_chosen(line, KS_CART_NO_SLOT, 9, 0));
    CHECK_EQ_INT(line->quantity, 1);
    CHECK_EQ_STR(line->note, "");
    CHECK_EQ_INT(unit_price(id), 1800); /* ketchup and white bread cost nothing */
    CHECK_EQ_INT(validate(id, MONDAY_NOON, NULL, NULL).problem, KS_LINE_OK);
}

static void test_max_one_group_replaces(void)
{
    setup();
    ks_line_id id = add("burger", 1);
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_CHEESE, 0), KS_CART_OK);
    CHECK_EQ_INT(unit_price(id), 2000); /* 1800 + cheddar 200 */
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_CHEESE, 1), KS_CART_OK);
    const ks_cart_line *line = ks_cart_find(cart, id);
    CHECK(!ks_cart_option_chosen(line, KS_CART_NO_SLOT, G_CHEESE, 0));
    CHECK(ks_cart_option_chosen(line, KS_CART_NO_SLOT, G_CHEESE, 1));
    CHECK_EQ_INT(unit_price(id), 2050); /* 1800 + swiss 250 */
    /* Toggling the chosen one clears it. */
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_CHEESE, 1), KS_CART_OK);
    CHECK_EQ_INT(unit_price(id), 1800);
}

static void test_max_n_group_refuses(void)
{
    setup();
    ks_line_id id = add("burger", 1);
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_SAUCES, O_MAYO), KS_CART_OK);
    /* ketchup (default) + mayo = max 2 */
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_SAUCES, O_BBQ),
                 KS_CART_MAX_REACHED);
    CHECK(!ks_cart_option_chosen(ks_cart_find(cart, id), KS_CART_NO_SLOT, G_SAUCES, O_BBQ));
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_SAUCES, O_KETCHUP), KS_CART_OK);
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_SAUCES, O_BBQ), KS_CART_OK);
    CHECK_EQ_INT(unit_price(id), 1900); /* 1800 + mayo 0 + bbq 100 */
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, G_SAUCES, 17), KS_CART_NOT_FOUND);
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, 0, G_SAUCES, 0), KS_CART_NOT_FOUND); /* no slots */
    CHECK_EQ_INT(ks_cart_toggle_option(cart, 999, KS_CART_NO_SLOT, 0, 0), KS_CART_NO_LINE);
}

static void test_required_group(void)
{
    setup();
    char text[512];
    ks_line_id id = add("kids-box", 1);
    ks_line_issue issue = validate(id, MONDAY_NOON, NULL, NULL);
    CHECK_EQ_INT(issue.problem, KS_LINE_REQUIRED);
    CHECK_EQ_INT(issue.line_id, id);
    CHECK_EQ_STR(issue.group->id, "drink");
    CHECK(issue.slot == NULL);
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_EN, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "Choose at least 1 from \"Drink\"");
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_AR, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "اختر 1 على الأقل من \"المشروب\"");
    CHECK_EQ_INT(ks_cart_issue_describe(&issue, KS_LANG_EN, text, 10), -1);
    CHECK_EQ_STR(text, "");
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, 0, 1), KS_CART_OK);
    CHECK_EQ_INT(validate(id, MONDAY_NOON, NULL, NULL).problem, KS_LINE_OK);
    CHECK_EQ_INT(unit_price(id), 1600); /* 1500 + milk 100 */
    /* Deselecting is allowed; validation catches it again. */
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, KS_CART_NO_SLOT, 0, 1), KS_CART_OK);
    CHECK_EQ_INT(validate(id, MONDAY_NOON, NULL, NULL).problem, KS_LINE_REQUIRED);
}

static void test_describe_too_many(void)
{
    setup();
    char text[512];
    const ks_item *burger = item("burger");
    ks_line_issue issue = {
        .problem = KS_LINE_TOO_MANY, .item = burger, .group = burger->modifier_groups[G_SAUCES]};
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_EN, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "Choose at most 2 from \"Sauces\"");
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_AR, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "اختر 2 كحد أقصى من \"الصلصات\"");
}

/* Staff marks: fries and cola as items, cheddar on the burger. */
static bool staff_sold_out(void *ctx, const char *item_id, const char *option_id)
{
    int *calls = ctx;
    (*calls)++;
    if (!option_id)
        return strcmp(item_id, "fries") == 0 || strcmp(item_id, "cola") == 0;
    return strcmp(item_id, "burger") == 0 && strcmp(option_id, "cheddar") == 0;
}

static void test_sold_out(void)
{
    setup();
    char text[512];
    int calls = 0;
    /* Sold out in the menu itself. */
    ks_line_id ice = add("ice-cream", 1);
    ks_line_issue issue = validate(ice, MONDAY_NOON, NULL, NULL);
    CHECK_EQ_INT(issue.problem, KS_LINE_ITEM_SOLD_OUT);
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_EN, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "\"Ice Cream\" is sold out");
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_AR, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "نفدت كمية \"آيس كريم\"");

    ks_line_id burger = add("burger", 1);
    CHECK_EQ_INT(ks_cart_toggle_option(cart, burger, KS_CART_NO_SLOT, G_SAUCES, O_GARLIC),
                 KS_CART_OK);
    issue = validate(burger, MONDAY_NOON, NULL, NULL);
    CHECK_EQ_INT(issue.problem, KS_LINE_OPTION_SOLD_OUT);
    CHECK_EQ_STR(issue.option->id, "garlic");
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_EN, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "\"Garlic\" is sold out");
    CHECK_EQ_INT(ks_cart_toggle_option(cart, burger, KS_CART_NO_SLOT, G_SAUCES, O_GARLIC),
                 KS_CART_OK);
    CHECK_EQ_INT(validate(burger, MONDAY_NOON, NULL, NULL).problem, KS_LINE_OK);

    /* Staff marks at run time override what the menu says is available. */
    ks_line_id fries = add("fries", 2);
    CHECK_EQ_INT(validate(fries, MONDAY_NOON, NULL, NULL).problem, KS_LINE_OK);
    CHECK_EQ_INT(validate(fries, MONDAY_NOON, staff_sold_out, &calls).problem,
                 KS_LINE_ITEM_SOLD_OUT);
    CHECK(calls > 0);
    CHECK_EQ_INT(validate(burger, MONDAY_NOON, staff_sold_out, &calls).problem, KS_LINE_OK);
    CHECK_EQ_INT(ks_cart_toggle_option(cart, burger, KS_CART_NO_SLOT, G_CHEESE, 0), KS_CART_OK);
    issue = validate(burger, MONDAY_NOON, staff_sold_out, &calls);
    CHECK_EQ_INT(issue.problem, KS_LINE_OPTION_SOLD_OUT);
    CHECK_EQ_STR(issue.option->id, "cheddar");

    /* A combo whose default drink is marked sold out names the slot. */
    ks_line_id meal = add("meal", 1);
    issue = validate(meal, MONDAY_NOON, staff_sold_out, &calls);
    CHECK_EQ_INT(issue.problem, KS_LINE_ITEM_SOLD_OUT);
    CHECK_EQ_STR(issue.item->id, "fries"); /* the side slot comes before the drink */
    CHECK_EQ_STR(issue.slot->id, "side");
    CHECK_EQ_INT(ks_cart_choose_slot(cart, meal, S_SIDE, 1), KS_CART_OK); /* rings */
    issue = validate(meal, MONDAY_NOON, staff_sold_out, &calls);
    CHECK_EQ_STR(issue.item->id, "cola");
    CHECK_EQ_STR(issue.slot->id, "drink");
    CHECK_EQ_INT(ks_cart_choose_slot(cart, meal, S_DRINK, 1), KS_CART_OK); /* juice */
    CHECK_EQ_INT(validate(meal, MONDAY_NOON, staff_sold_out, &calls).problem, KS_LINE_OK);

    /* The whole cart: ice cream and fries are bad, burger (cheddar) too. */
    ks_line_issue issues[2];
    CHECK_EQ_INT(ks_cart_validate(cart, MONDAY_NOON, staff_sold_out, &calls, issues, 2), 3);
    CHECK_EQ_INT(issues[0].line_id, ice);
    CHECK_EQ_INT(issues[1].line_id, burger);
    CHECK_EQ_INT(ks_cart_validate(cart, MONDAY_NOON, NULL, NULL, NULL, 0), 1); /* ice cream */
}

struct window_case {
    const char *name;
    ks_local_time at;
    enum ks_line_problem expected;
};

static void test_availability_window(void)
{
    setup();
    static const struct window_case cases[] = {
        {"opening minute", {MON, HM(6, 0)}, KS_LINE_OK},
        {"mid morning", {FRI, HM(9, 30)}, KS_LINE_OK},
        {"last minute", {SAT, HM(10, 59)}, KS_LINE_OK},
        {"closing minute is outside", {SAT, HM(11, 0)}, KS_LINE_ITEM_UNAVAILABLE},
        {"noon", {MON, HM(12, 0)}, KS_LINE_ITEM_UNAVAILABLE},
        {"night", {TUE, HM(2, 0)}, KS_LINE_ITEM_UNAVAILABLE},
    };
    ks_line_id id = add("pancakes", 1);
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_line_issue issue = validate(id, cases[i].at, NULL, NULL);
        if (issue.problem != cases[i].expected)
            check_fail(__FILE__, __LINE__, "window case \"%s\": got %d", cases[i].name,
                       (int)issue.problem);
    }
    char text[512];
    ks_line_issue issue = validate(id, MONDAY_NOON, NULL, NULL);
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_EN, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "\"Pancakes\" is not available at this time");
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_AR, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "\"بان كيك\" غير متاح في هذا الوقت");
}

struct quantity_case {
    const char *item;
    int32_t quantity;
    enum ks_cart_status expected;
};

static void test_quantity(void)
{
    setup();
    static const struct quantity_case cases[] = {
        {"fries", 1, KS_CART_OK},
        {"fries", 99, KS_CART_OK},
        {"fries", 0, KS_CART_BAD_QUANTITY},
        {"fries", 100, KS_CART_BAD_QUANTITY},
        {"fries", -3, KS_CART_BAD_QUANTITY},
        {"dates", 345, KS_CART_OK}, /* grams */
        {"dates", 100000, KS_CART_OK},
        {"dates", 100001, KS_CART_BAD_QUANTITY},
        {"dates", 0, KS_CART_BAD_QUANTITY},
    };
    ks_line_id fries = add("fries", 1), dates = add("dates", 500);
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_line_id id = strcmp(cases[i].item, "fries") == 0 ? fries : dates;
        enum ks_cart_status got = ks_cart_set_quantity(cart, id, cases[i].quantity);
        if (got != cases[i].expected)
            check_fail(__FILE__, __LINE__, "%s x %d: got %s", cases[i].item, (int)cases[i].quantity,
                       ks_cart_strerror(got));
        ks_line_id added = 0;
        if (menu_fixture_add(cart, item(cases[i].item), cases[i].quantity, &added) !=
            cases[i].expected)
            check_fail(__FILE__, __LINE__, "adding %s x %d", cases[i].item, (int)cases[i].quantity);
    }
    CHECK_EQ_INT(ks_cart_find(cart, fries)->quantity, 99); /* the last accepted */
    CHECK_EQ_INT(ks_cart_find(cart, dates)->quantity, 100000);

    char text[512];
    ks_line_issue issue = {.problem = KS_LINE_BAD_QUANTITY, .item = item("dates")};
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_EN, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "The weight must be 1 to 100000 g");
    issue.item = item("fries");
    CHECK(ks_cart_issue_describe(&issue, KS_LANG_AR, text, sizeof text) > 0);
    CHECK_EQ_STR(text, "يجب أن تكون الكمية من 1 إلى 99");
}

static void test_combo(void)
{
    setup();
    ks_line_id id = add("meal", 2);
    const ks_cart_line *line = ks_cart_find(cart, id);
    CHECK(line->slots != NULL);
    CHECK_EQ_INT(line->slots[S_MAIN].choice, 0);
    CHECK_EQ_STR(line->slots[S_MAIN].mods.item->id, "burger");
    CHECK_EQ_STR(line->slots[S_DRINK].mods.item->id, "cola");
    CHECK_EQ_INT(line->size, 0);
    /* The burger in the slot starts with its own defaults (ketchup). */
    CHECK(ks_cart_option_chosen(line, S_MAIN, G_SAUCES, O_KETCHUP));
    CHECK_EQ_INT(unit_price(id), 2600);
    CHECK_EQ_INT(ks_cart_choose_size(cart, id, 1), KS_CART_OK);
    CHECK_EQ_INT(unit_price(id), 2900); /* + large 300 */
    CHECK_EQ_INT(ks_cart_choose_slot(cart, id, S_DRINK, 1), KS_CART_OK);
    CHECK_EQ_INT(unit_price(id), 3100); /* + juice 200 */
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, S_MAIN, G_CHEESE, 0), KS_CART_OK);
    CHECK_EQ_INT(unit_price(id), 3300); /* + cheddar on the burger 200 */
    /* Choosing the same product keeps its options; another starts from its defaults. */
    CHECK_EQ_INT(ks_cart_choose_slot(cart, id, S_MAIN, 0), KS_CART_OK);
    CHECK_EQ_INT(unit_price(id), 3300);
    CHECK_EQ_INT(ks_cart_choose_slot(cart, id, S_MAIN, 1), KS_CART_OK); /* chicken */
    line = ks_cart_find(cart, id);
    CHECK(!ks_cart_option_chosen(line, S_MAIN, 0, 0));
    CHECK_EQ_INT(unit_price(id), 3100);
    CHECK_EQ_INT(ks_cart_choose_slot(cart, id, S_MAIN, 2), KS_CART_NOT_FOUND);
    CHECK_EQ_INT(ks_cart_choose_slot(cart, id, 3, 0), KS_CART_NOT_FOUND);
    CHECK_EQ_INT(ks_cart_choose_size(cart, id, 2), KS_CART_NOT_FOUND);
    CHECK_EQ_INT(ks_cart_toggle_option(cart, id, S_SIDE, 0, 0),
                 KS_CART_NOT_FOUND); /* fries: no groups */
    ks_line_id fries = add("fries", 1);
    CHECK_EQ_INT(ks_cart_choose_size(cart, fries, 0), KS_CART_NOT_FOUND);
    CHECK_EQ_INT(ks_cart_choose_slot(cart, fries, 0, 0), KS_CART_NOT_FOUND);
}

struct note_case {
    const char *name;
    const char *note;
    enum ks_cart_status expected;
};

static void test_note(void)
{
    setup();
    char exact[KS_CART_NOTE_MAX + 2];
    memset(exact, 'a', KS_CART_NOTE_MAX);
    exact[KS_CART_NOTE_MAX] = '\0';
    char over[KS_CART_NOTE_MAX + 2];
    memset(over, 'a', KS_CART_NOTE_MAX + 1);
    over[KS_CART_NOTE_MAX + 1] = '\0';
    /* 70 two-byte letters = 140 bytes; 71 = 142 */
    char arabic[160] = "", arabic_over[160] = "";
    for (int i = 0; i < 70; i++)
        memcpy(arabic + 2 * i, "ب", 3);
    memcpy(arabic_over, arabic, 141);
    memcpy(arabic_over + 140, "ب", 3);
    const struct note_case cases[] = {
        {"english", "no onions, please", KS_CART_OK},
        {"arabic", "بدون بصل من فضلك", KS_CART_OK},
        {"emoji", "extra hot \xF0\x9F\x94\xA5", KS_CART_OK},
        {"exactly 140 bytes", exact, KS_CART_OK},
        {"140 bytes of arabic", arabic, KS_CART_OK},
        {"141 bytes", over, KS_CART_BAD_NOTE},
        {"142 bytes of arabic", arabic_over, KS_CART_BAD_NOTE},
        {"empty", "", KS_CART_OK},
        {"newline", "two\nlines", KS_CART_BAD_NOTE},
        {"escape", "\x1b[1m", KS_CART_BAD_NOTE},
        {"delete", "a\x7f", KS_CART_BAD_NOTE},
        {"C1 control", "a\xC2\x85", KS_CART_BAD_NOTE},
        {"lone continuation", "a\x80", KS_CART_BAD_NOTE},
        {"overlong slash", "\xC0\xAF", KS_CART_BAD_NOTE},
        {"overlong 3 bytes", "\xE0\x80\xAF", KS_CART_BAD_NOTE},
        {"surrogate", "\xED\xA0\x80", KS_CART_BAD_NOTE},
        {"beyond U+10FFFF", "\xF4\x90\x80\x80", KS_CART_BAD_NOTE},
        {"truncated", "ab\xD8", KS_CART_BAD_NOTE},
    };
    ks_line_id id = add("burger", 1);
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        enum ks_cart_status got = ks_cart_set_note(cart, id, cases[i].note);
        if (got != cases[i].expected)
            check_fail(__FILE__, __LINE__, "note case \"%s\": got %s", cases[i].name,
                       ks_cart_strerror(got));
        if (got == KS_CART_OK && strcmp(ks_cart_find(cart, id)->note, cases[i].note) != 0)
            check_fail(__FILE__, __LINE__, "note case \"%s\": not stored", cases[i].name);
    }
    CHECK_EQ_INT(ks_cart_set_note(cart, id, "keep me"), KS_CART_OK);
    CHECK_EQ_INT(ks_cart_set_note(cart, id, "bad\n"), KS_CART_BAD_NOTE);
    CHECK_EQ_STR(ks_cart_find(cart, id)->note, "keep me"); /* a refused note changes nothing */
    CHECK_EQ_INT(ks_cart_set_note(cart, id, NULL), KS_CART_OK);
    CHECK_EQ_STR(ks_cart_find(cart, id)->note, "");
}

static void test_line_ids_stable(void)
{
    setup();
    ks_line_id a = add("burger", 1), b = add("fries", 2), c = add("cola", 3);
    CHECK_EQ_INT(a, 1);
    CHECK_EQ_INT(b, 2);
    CHECK_EQ_INT(c, 3);
    CHECK_EQ_INT(ks_cart_remove(cart, b), KS_CART_OK);
    CHECK_EQ_INT(ks_cart_remove(cart, b), KS_CART_NO_LINE);
    CHECK_EQ_INT(ks_cart_count(cart), 2);
    CHECK_EQ_INT(ks_cart_line_at(cart, 0)->id, a);
    CHECK_EQ_INT(ks_cart_line_at(cart, 1)->id, c);
    CHECK_EQ_INT(ks_cart_find(cart, c)->quantity, 3);
    CHECK(ks_cart_line_at(cart, 2) == NULL);
    CHECK_EQ_INT(add("juice", 1), 4); /* never reuses 2 */
    ks_cart_clear(cart);
    CHECK_EQ_INT(ks_cart_count(cart), 0);
    CHECK(ks_cart_find(cart, a) == NULL);
    CHECK_EQ_INT(add("juice", 1), 5);
}

static void test_add_refusals(void)
{
    setup();
    /* A copy looks the same but is not the catalog's: lines always point into the catalog. */
    ks_item stranger = *item("fries");
    CHECK_EQ_INT(ks_cart_add(cart, &stranger, 1, NULL), KS_CART_NOT_FOUND);
    CHECK_EQ_INT(ks_cart_add(cart, NULL, 1, NULL), KS_CART_NOT_FOUND);
    for (int i = 0; i < KS_CART_MAX_LINES; i++)
        CHECK_EQ_INT(ks_cart_add(cart, item("fries"), 1, NULL), KS_CART_OK);
    CHECK_EQ_INT(ks_cart_add(cart, item("fries"), 1, NULL), KS_CART_FULL);
    CHECK_EQ_STR(ks_cart_strerror(KS_CART_FULL), "the cart is full");
}

/*
 * The weighed-line rule (the issue 10 mispricing): bananas at 6.95 SAR/kg
 * cannot be added by count (a count of 1 was read as 1 g = 0.01 SAR); by
 * weight they cost price per kg x grams / 1000, half up, in every total.
 */
static void test_weighed_line(void)
{
    setup();
    ks_line_id id = 0;
    CHECK_EQ_INT(ks_cart_add(cart, item("bananas"), 1, &id), KS_CART_WRONG_UNIT);
    CHECK_EQ_INT(ks_cart_add_weighed(cart, item("fries"), 500, &id), KS_CART_WRONG_UNIT);
    CHECK_EQ_INT(ks_cart_count(cart), 0);
    CHECK_EQ_INT(ks_cart_add_weighed(cart, item("bananas"), 0, &id), KS_CART_BAD_QUANTITY);
    CHECK_EQ_INT(ks_cart_add_weighed(cart, item("bananas"), 1234, &id), KS_CART_OK);
    ks_money amount = 0;
    CHECK(ks_cart_line_amount(ks_cart_find(cart, id), &amount));
    CHECK_EQ_INT(amount, 858); /* 695 x 1.234 = 857.63 */

    static const struct {
        enum ks_unit unit;
        ks_money price;
        int64_t quantity;
        ks_money amount;
    } cases[] = {
        {KS_UNIT_KG, 695, 1000, 695},   {KS_UNIT_KG, 695, 1, 1}, /* 0.695 -> 1 */
        {KS_UNIT_KG, 695, 720, 500},                             /* 500.4 -> 500 */
        {KS_UNIT_KG, 1000, 1005, 1005}, {KS_UNIT_KG, 10, 50, 1}, /* 0.5 -> 1, half up */
        {KS_UNIT_KG, 10, 49, 0},        {KS_UNIT_KG, 4000, 345, 1380},
        {KS_UNIT_EACH, 695, 3, 2085},   {KS_UNIT_EACH, 0, 3, 0},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_money got = -1;
        if (!ks_unit_amount(cases[i].unit, cases[i].price, cases[i].quantity, &got) ||
            got != cases[i].amount)
            check_fail(__FILE__, __LINE__, "%lld x %lld (unit %d): got %lld, want %lld",
                       (long long)cases[i].price, (long long)cases[i].quantity, (int)cases[i].unit,
                       (long long)got, (long long)cases[i].amount);
    }
    CHECK(!ks_unit_amount(KS_UNIT_KG, -1, 10, &amount));
    CHECK(!ks_unit_amount(KS_UNIT_EACH, 10, -1, &amount));
    CHECK(!ks_unit_amount((enum ks_unit)7, 10, 1, &amount));
    CHECK(!ks_unit_amount(KS_UNIT_EACH, INT64_MAX, 2, &amount));

    ks_pricing *pr = ks_pricing_new(cart, (ks_local_time){MON, HM(12, 0)});
    CHECK(pr != NULL);
    if (pr) {
        CHECK_EQ_INT(pr->lines[0].unit_price, 695);
        CHECK_EQ_INT(pr->lines[0].amount, 858);
        CHECK_EQ_INT(pr->total, 858);
    }
    ks_pricing_free(pr);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"defaults from the menu", test_defaults},
        {"max-1 group replaces its choice", test_max_one_group_replaces},
        {"max-N group refuses beyond max", test_max_n_group_refuses},
        {"required group, reason in Arabic and English", test_required_group},
        {"too many choices described", test_describe_too_many},
        {"sold out: menu, staff override, combo slot", test_sold_out},
        {"availability window", test_availability_window},
        {"quantity limits, count and grams", test_quantity},
        {"combo slots, sizes and slot modifiers", test_combo},
        {"note length and UTF-8", test_note},
        {"line ids are stable", test_line_ids_stable},
        {"adding foreign items, full cart", test_add_refusals},
        {"a weighed line: by weight only, price per kg x grams half up", test_weighed_line},
    };
    cat = menu_fixture_import(MENU, NULL);
    if (!cat)
        return 1;
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ks_cart_free(cart);
    ks_catalog_free(cat);
    return rc;
}
