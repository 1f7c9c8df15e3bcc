/* A generated supermarket menu of any size: see tests/support/big_menu.h. */
#include "tests/support/big_menu.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/gtin.h"

#define N_CATEGORIES 40

struct word {
    const char *ar, *en;
};

static const struct word brands[] = {
    {"المراعي", "Almarai"},    {"نادك", "Nadec"},        {"الصافي", "Al Safi"},
    {"السعودية", "Saudia"},    {"الربيع", "Al Rabie"},   {"سدافكو", "Sadafco"},
    {"أمريكانا", "Americana"}, {"الوطنية", "Alwatania"}, {"قودي", "Goody"},
    {"الفوزان", "Al Fozan"},   {"هرفي", "Herfy"},        {"العثيم", "Othaim"},
    {"الخليج", "Gulf"},        {"واحة", "Waha"},         {"نجمة", "Najma"},
    {"ريف", "Reef"},
};
static const struct word products[] = {
    {"حليب", "Milk"},       {"لبن", "Laban"},          {"زبادي", "Yoghurt"},  {"جبنة", "Cheese"},
    {"أرز", "Rice"},        {"معكرونة", "Pasta"},      {"عصير", "Juice"},     {"مياه", "Water"},
    {"شاي", "Tea"},         {"قهوة", "Coffee"},        {"تمر", "Dates"},      {"عسل", "Honey"},
    {"زيت", "Oil"},         {"دقيق", "Flour"},         {"سكر", "Sugar"},      {"ملح", "Salt"},
    {"بسكويت", "Biscuits"}, {"شوكولاتة", "Chocolate"}, {"رقائق", "Chips"},    {"خبز", "Bread"},
    {"دجاج", "Chicken"},    {"لحم", "Beef"},           {"سمك", "Fish"},       {"فول", "Fava Beans"},
    {"حمص", "Chickpeas"},   {"عدس", "Lentils"},        {"طحينة", "Tahini"},   {"مربى", "Jam"},
    {"صابون", "Soap"},      {"شامبو", "Shampoo"},      {"مناديل", "Tissues"}, {"منظف", "Cleaner"},
};
static const struct word variants[] = {
    {"طازج", "Fresh"},           {"كامل الدسم", "Full Fat"}, {"قليل الدسم", "Low Fat"},
    {"بالفراولة", "Strawberry"}, {"بالمانجو", "Mango"},      {"بسمتي", "Basmati"},
    {"عضوي", "Organic"},         {"حار", "Spicy"},           {"بالهيل", "Cardamom"},
    {"سكري", "Sukkari"},         {"مدخن", "Smoked"},         {"بالليمون", "Lemon"},
};
static const struct word sizes[] = {
    {"200 مل", "200 ml"}, {"1 لتر", "1 L"},  {"500 جم", "500 g"},
    {"1 كجم", "1 kg"},    {"5 كجم", "5 kg"}, {"6 × 330 مل", "6 × 330 ml"},
};
static const int size_grams[] = {215, 1070, 540, 1070, 5310, 2110};
static const struct word produce[] = {
    {"موز", "Bananas"},    {"تفاح أحمر", "Red Apples"}, {"طماطم", "Tomatoes"},
    {"خيار", "Cucumbers"}, {"بطاطس", "Potatoes"},       {"بصل", "Onions"},
    {"برتقال", "Oranges"}, {"ليمون", "Lemons"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct buf {
    char *data;
    size_t len, cap;
    bool failed;
};

__attribute__((format(printf, 2, 3))) static void put(struct buf *b, const char *fmt, ...)
{
    while (!b->failed) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = true;
            return;
        }
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)n;
        char *data = realloc(b->data, cap);
        if (!data) {
            b->failed = true;
            return;
        }
        b->data = data;
        b->cap = cap;
    }
}

void big_menu_id(unsigned i, char out[16])
{
    snprintf(out, 16, "p-%u", i);
}

bool big_menu_weighed(unsigned i)
{
    return i % 20 == 7;
}

void big_menu_barcode(unsigned i, char out[14])
{
    snprintf(out, 14, "628%09u", i);
    out[12] = (char)('0' + ks_gtin_check_digit(out, 12));
    out[13] = '\0';
}

void big_menu_plu(unsigned i, char out[6])
{
    snprintf(out, 6, "%05u", 10000 + i / 20 % 90000);
}

static void put_product(struct buf *b, unsigned i)
{
    char id[16];
    big_menu_id(i, id);
    put(b, "%s{\"id\": \"%s\", \"category\": \"c-%u\", \"image\": \"pictures/c-%u.png\", ",
        i ? ",\n" : "", id, i % N_CATEGORIES, i % N_CATEGORIES);
    if (big_menu_weighed(i)) {
        const struct word *p = &produce[i / 20 % COUNT(produce)];
        char plu[6];
        big_menu_plu(i, plu);
        put(b,
            "\"name\": {\"ar\": \"%s %u\", \"en\": \"%s %u\"}, \"price\": %u, \"tax\": "
            "\"standard\", "
            "\"unit\": \"kg\", \"plu\": \"%s\"}",
            p->ar, i, p->en, i, 300 + i % 2700, plu);
        return;
    }
    /* Mixed radix over the tables, so neighbours differ in every word. */
    unsigned x = i * 2654435761u;
    const struct word *br = &brands[x % COUNT(brands)], *pr = &products[(x >> 4) % COUNT(products)],
                      *va = &variants[(x >> 9) % COUNT(variants)];
    unsigned s = (x >> 13) % COUNT(sizes);
    char code[14];
    big_menu_barcode(i, code);
    put(b,
        "\"name\": {\"ar\": \"%s %s %s %s\", \"en\": \"%s %s %s %s\"}, \"price\": %u, "
        "\"tax\": \"standard\", \"barcodes\": [\"%s\"], \"expected_weight_g\": %d",
        br->ar, pr->ar, va->ar, sizes[s].ar, br->en, pr->en, va->en, sizes[s].en,
        150 + (x >> 17) % 9000, code, size_grams[s]);
    if (i % 100 == 13)
        put(b, ", \"min_age\": 18");
    put(b, "}");
}

char *big_menu_json(unsigned n_products, size_t *len)
{
    struct buf b = {malloc(1 << 20), 0, 1 << 20, false};
    if (!b.data)
        return NULL;
    put(&b,
        "{\"format\": \"kiosk-menu/1\", \"version\": \"big-%u\",\n"
        "\"currency\": {\"code\": \"SAR\", \"exponent\": 2}, \"prices_include_tax\": true,\n"
        "\"tax_categories\": [{\"id\": \"standard\", \"name\": {\"ar\": \"القياسية\", "
        "\"en\": \"Standard\"}, \"rate_bp\": 1500}],\n\"categories\": [\n",
        n_products);
    for (unsigned c = 0; c < N_CATEGORIES; c++)
        put(&b,
            "%s{\"id\": \"c-%u\", \"name\": {\"ar\": \"قسم %s\", \"en\": \"%s aisle\"}, \"sort\": "
            "%u}",
            c ? ",\n" : "", c, products[c % COUNT(products)].ar, products[c % COUNT(products)].en,
            c);
    put(&b, "],\n\"items\": [\n");
    for (unsigned i = 0; i < n_products; i++)
        put_product(&b, i);
    put(&b, "],\n\"promotions\": [{\"id\": \"c0-10\", \"name\": {\"ar\": \"خصم 10%%\", \"en\": "
            "\"10%% off\"}, \"kind\": \"percent_off\", \"percent_bp\": 1000, \"target\": "
            "{\"categories\": [\"c-0\"]}}]}\n");
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    *len = b.len;
    return b.data;
}
