/*
 * Menu import speed: a generated 10,000-product menu (Arabic and English
 * names and descriptions, modifier groups, EAN-13 barcodes with valid check
 * digits, weighed items with PLUs, time windows, combos, promotions, upsells)
 * imported 20 times. Prints the menu size, median and p99 import time, the
 * lookup cost and the peak resident memory.
 *
 *   bench_menu_import [ITEMS] [RUNS]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/gtin.h"
#include "kiosk/domain/menu_import.h"
#include "tests/bench/bench_util.h"

#define N_CATEGORIES 100
#define N_GROUPS 40
#define N_COMBOS 100
#define N_PROMOTIONS 50
#define N_UPSELLS 500

struct buf {
    char *data;
    size_t len, cap;
};

__attribute__((format(printf, 2, 3))) static void put(struct buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n < 0)
            abort();
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + (size_t)n;
        b->data = realloc(b->data, b->cap);
        if (!b->data)
            abort();
    }
}

static const char *const ar_words[] = {"برجر", "دجاج", "لحم",  "مشوي", "حار",    "كبير", "صغير",
                                       "جبن",  "خبز",  "طازج", "عصير", "برتقال", "أرز",  "سلطة"};
static const char *const en_words[] = {"Burger", "Chicken", "Beef",   "Grilled", "Spicy",
                                       "Large",  "Small",   "Cheese", "Bread",   "Fresh",
                                       "Juice",  "Orange",  "Rice",   "Salad"};
#define N_WORDS (sizeof en_words / sizeof en_words[0])

/* A 13-digit EAN unique to n: prefix 628 (Saudi Arabia), 9 digits of n, check digit. */
static void ean13(unsigned n, char out[14])
{
    snprintf(out, 14, "628%09u", n);
    out[12] = (char)('0' + ks_gtin_check_digit(out, 12));
    out[13] = '\0';
}

static void put_name(struct buf *b, const char *member, unsigned seed, unsigned words)
{
    put(b, "\"%s\": {\"ar\": \"", member);
    for (unsigned w = 0; w < words; w++)
        put(b, "%s%s", w ? " " : "", ar_words[(seed + w * 7) % N_WORDS]);
    put(b, " %u\", \"en\": \"", seed);
    for (unsigned w = 0; w < words; w++)
        put(b, "%s%s", w ? " " : "", en_words[(seed + w * 7) % N_WORDS]);
    put(b, " %u\"}", seed);
}

static char *generate_menu(unsigned n_items, size_t *len)
{
    struct buf b = {malloc(1 << 20), 0, 1 << 20};
    if (!b.data)
        abort();
    put(&b,
        "{\"format\": \"kiosk-menu/1\", \"version\": \"bench-%u\",\n"
        "\"currency\": {\"code\": \"SAR\", \"exponent\": 2}, \"prices_include_tax\": true,\n"
        "\"tax_categories\": [{\"id\": \"standard\", \"name\": {\"ar\": \"القياسية\", "
        "\"en\": \"Standard\"}, \"rate_bp\": 1500},\n"
        " {\"id\": \"zero\", \"name\": {\"ar\": \"صفرية\", \"en\": \"Zero\"}, \"rate_bp\": 0}],\n"
        "\"categories\": [\n",
        n_items);
    for (unsigned c = 0; c < N_CATEGORIES; c++) {
        put(&b, "%s {\"id\": \"cat-%u\", ", c ? ",\n" : "", c);
        put_name(&b, "name", c, 2);
        put(&b, ", \"image\": \"pictures/cat-%u.png\", \"sort\": %u}", c, (c * 37) % 50);
    }
    put(&b, "],\n\"modifier_groups\": [\n");
    for (unsigned g = 0; g < N_GROUPS; g++) {
        unsigned n_opts = 3 + g % 6;
        put(&b, "%s {\"id\": \"group-%u\", ", g ? ",\n" : "", g);
        put_name(&b, "name", g, 1);
        put(&b, ", \"min\": %u, \"max\": %u, \"options\": [", g % 2, 1 + g % 3);
        for (unsigned o = 0; o < n_opts; o++) {
            put(&b, "%s{\"id\": \"opt-%u\", ", o ? ", " : "", o);
            put_name(&b, "name", g * 10 + o, 1);
            put(&b, ", \"price_delta\": %d, \"calories\": %d%s}", (int)(o * 150) - 100,
                (int)(o * 20) - 10, o == 0 ? ", \"default\": true" : "");
        }
        put(&b, "]}");
    }
    put(&b, "],\n\"items\": [\n");
    for (unsigned i = 0; i < n_items; i++) {
        bool weighed = i % 50 == 49;
        char code[14];
        put(&b, "%s {\"id\": \"item-%u\", \"category\": \"cat-%u\", ", i ? ",\n" : "", i,
            i % N_CATEGORIES);
        put_name(&b, "name", i, 3);
        put(&b,
            ", \"description\": {\"ar\": \"وصف المنتج رقم %u مع مكونات طازجة\", "
            "\"en\": \"Product %u, made with fresh ingredients\"}, "
            "\"image\": \"pictures/item-%u.png\", \"price\": %u, \"tax\": \"%s\", "
            "\"calories\": %u, \"tags\": [\"tag-%u\"]",
            i, i, i, 500 + (i * 37) % 5000, i % 10 ? "standard" : "zero", 100 + i % 900, i % 7);
        if (weighed) {
            put(&b, ", \"unit\": \"kg\", \"plu\": \"%05u\"", 10000 + i / 50);
        } else {
            ean13(i * 2, code);
            put(&b, ", \"barcodes\": [\"%s\"", code);
            if (i % 3 == 0) {
                ean13(i * 2 + 1, code);
                put(&b, ", \"%s\"", code);
            }
            put(&b, "]");
        }
        if (i % 4 == 0)
            put(&b, ", \"available\": [{\"days\": [\"sun\", \"mon\", \"tue\", \"wed\", \"thu\"], "
                    "\"from\": \"06:00\", \"to\": \"11:30\"}, {\"days\": [\"fri\"], "
                    "\"from\": \"22:00\", \"to\": \"02:00\"}]");
        if (!weighed && i % 5 != 0) {
            /* Option deltas go down to -100; every price is at least 500. */
            put(&b, ", \"modifier_groups\": [\"group-%u\", \"group-%u\"]", i % N_GROUPS,
                (i + 1) % N_GROUPS);
        }
        put(&b, "}");
    }
    put(&b, "],\n\"combos\": [\n");
    for (unsigned c = 0; c < N_COMBOS; c++) {
        put(&b, "%s {\"id\": \"combo-%u\", \"category\": \"cat-%u\", ", c ? ",\n" : "", c,
            c % N_CATEGORIES);
        put_name(&b, "name", c, 3);
        put(&b, ", \"price\": 2900, \"tax\": \"standard\", \"slots\": [");
        for (unsigned s = 0; s < 3; s++) {
            unsigned first = (c * 3 + s) * 7 % n_items;
            put(&b, "%s{\"id\": \"slot-%u\", ", s ? ", " : "", s);
            put_name(&b, "name", s, 1);
            put(&b, ", \"choices\": [");
            for (unsigned k = 0; k < 4; k++)
                put(&b, "%s{\"item\": \"item-%u\", \"price_delta\": %u}", k ? ", " : "",
                    (first + k) % n_items, k * 100);
            put(&b, "], \"default\": \"item-%u\"}", first);
        }
        put(&b, "], \"sizes\": [{\"id\": \"regular\", \"name\": {\"ar\": \"عادي\", \"en\": "
                "\"Regular\"}, \"price_delta\": 0}, {\"id\": \"large\", \"name\": {\"ar\": "
                "\"كبير\", \"en\": \"Large\"}, \"price_delta\": 300}]}");
    }
    put(&b, "],\n\"promotions\": [\n");
    for (unsigned p = 0; p < N_PROMOTIONS; p++) {
        put(&b, "%s {\"id\": \"promo-%u\", ", p ? ",\n" : "", p);
        put_name(&b, "name", p, 2);
        put(&b,
            ", \"kind\": \"percent_off\", \"percent_bp\": %u, \"target\": {\"items\": "
            "[\"item-%u\", \"item-%u\"], \"categories\": [\"cat-%u\"]}}",
            500 + p * 10, p * 2, p * 2 + 1, p % N_CATEGORIES);
    }
    put(&b, "],\n\"upsells\": [\n");
    for (unsigned u = 0; u < N_UPSELLS; u++)
        put(&b, "%s {\"item\": \"item-%u\", \"suggest\": [\"item-%u\", \"combo-%u\"]}",
            u ? ",\n" : "", u, (u + 1) % n_items, u % N_COMBOS);
    put(&b, "]}\n");
    *len = b.len;
    return b.data;
}

int main(int argc, char **argv)
{
    unsigned n_items = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 10000;
    size_t runs = argc > 2 ? strtoul(argv[2], NULL, 10) : 20;
    if (n_items < 10 || runs < 1 || runs > 10000) {
        fprintf(stderr, "usage: %s [ITEMS >= 10] [RUNS 1..10000]\n", argv[0]);
        return 2;
    }
    size_t len;
    char *json = generate_menu(n_items, &len);
    printf("menu: %u products, %d combos, %zu bytes of JSON\n", n_items, N_COMBOS, len);

    double *ms = calloc(runs, sizeof *ms);
    if (!ms)
        return 1;
    ks_catalog *cat = NULL;
    for (size_t r = 0; r < runs; r++) {
        ks_menu_error err;
        ks_catalog_free(cat);
        int64_t t0 = bench_now_ns();
        cat = ks_menu_import(json, len, &err);
        ms[r] = (double)(bench_now_ns() - t0) / 1e6;
        if (!cat) {
            fprintf(stderr, "import refused: %s: %s\n", err.path, err.reason);
            return 1;
        }
    }
    bench_report("ks_menu_import", ms, runs, "ms");

    /* Lookups as the kiosk does them per tap and per scan. */
    enum { LOOKUPS = 1000000 };
    char code[14];
    size_t found = 0;
    int64_t t0 = bench_now_ns();
    for (unsigned i = 0; i < LOOKUPS; i++) {
        char id[32];
        snprintf(id, sizeof id, "item-%u", i % n_items);
        ean13((i % n_items) * 2, code);
        found += ks_catalog_find_item(cat, id) != NULL;
        found += ks_catalog_find_barcode(cat, code) != NULL;
    }
    double ns = (double)(bench_now_ns() - t0) / (2.0 * LOOKUPS);
    printf("lookup (id or barcode, incl. formatting the key): %.0f ns each, %zu found\n", ns,
           found);
    printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    ks_catalog_free(cat);
    free(ms);
    free(json);
    return 0;
}
