/*
 * The self-checkout's domain at scale, with the demo supermarket (2,074
 * products, assets/menus/supermarket.json) and a generated 100,000-product
 * one (tests/support/big_menu.c): menu import time, search index build
 * time, "Look up item" search latency (Arabic and English words and
 * prefixes, PLUs, with and without diacritics) and scan-to-line latency
 * (a scanned code to a priced basket: barcode parsed, product found, line
 * added, basket totals with promotions and VAT), median and p99, and the
 * peak resident memory. The screen's part of scan-to-line-drawn is the
 * lane's benchmark.
 *
 *   bench_supermarket [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/basket.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/domain/search.h"
#include "tests/bench/bench_util.h"
#include "tests/support/big_menu.h"
#include "tests/support/check.h"

#define SCAN_BASKET 40 /* lines before the basket is paid for and cleared */

static const char *const fixed_queries[] = {
    "حليب", "حليب طازج",  "حَلِيب", "أرز",       "ارز بسمتي", "إرز",      "تمر",
    "قهوة", "قهوه عربية", "جبنه", "milk",      "Full Fat",  "rice bas", "ban",
    "a",    "ز",          "choc", "water 330", "10001",     "100",
};

/* Search latency over the fixed queries and each product's first name word's first letters. */
static void bench_search(const char *label, const ks_catalog *cat, size_t runs)
{
    int64_t t0 = bench_now_ns();
    ks_search_index *ix = ks_search_index_new(cat);
    double build_ms = (double)(bench_now_ns() - t0) / 1e6;
    if (!ix) {
        fprintf(stderr, "%s: no search index\n", label);
        exit(1);
    }
    printf("%s: search index built in %.1f ms\n", label, build_ms);
    size_t n_items;
    const ks_item *items = ks_catalog_items(cat, &n_items);
    size_t n_fixed = sizeof fixed_queries / sizeof fixed_queries[0];
    size_t n = runs;
    double *ms = calloc(n, sizeof *ms);
    const ks_item *out[48];
    size_t results = 0;
    double slowest = 0;
    char slowest_query[64] = "";
    for (size_t r = 0; r < n; r++) {
        char q[64];
        if (r % 2 == 0) {
            snprintf(q, sizeof q, "%s", fixed_queries[(r / 2) % n_fixed]);
        } else {
            /* The first 4 bytes (2 Arabic letters, or 4 Latin) of a product's name. */
            const ks_item *it = &items[(r * 7919) % n_items];
            const char *name = r % 4 == 1 ? it->name.ar : it->name.en;
            snprintf(q, sizeof q, "%.4s", name);
        }
        int64_t s = bench_now_ns();
        results += ks_search(ix, q, out, 48);
        ms[r] = (double)(bench_now_ns() - s) / 1e6;
        if (ms[r] > slowest) {
            slowest = ms[r];
            snprintf(slowest_query, sizeof slowest_query, "%s", q);
        }
    }
    char name[128];
    snprintf(name, sizeof name, "%s: search (%zu results on average)", label, results / n);
    bench_report(name, ms, n, "ms");
    printf("%s: slowest query \"%s\": %.3f ms\n", label, slowest_query, slowest);
    free(ms);
    ks_search_index_free(ix);
}

/* Scan-to-line: codes of counted products (with repeats) into a basket priced after each scan. */
static void bench_scan(const char *label, const ks_catalog *cat, size_t runs)
{
    static const struct ks_barcode_rule rules[] = {
        {"20", 5, 5, KS_BARCODE_VALUE_GRAMS, false},
        {"22", 5, 5, KS_BARCODE_VALUE_HALALAS, false},
    };
    size_t n_items;
    const ks_item *items = ks_catalog_items(cat, &n_items);
    const char **codes = calloc(n_items, sizeof *codes);
    size_t n_codes = 0;
    for (size_t i = 0; i < n_items; i++)
        if (items[i].n_barcodes > 0 && items[i].unit == KS_UNIT_EACH)
            codes[n_codes++] = items[i].barcodes[0];
    ks_basket *b = ks_basket_new(cat, rules, 2);
    double *ms = calloc(runs, sizeof *ms);
    if (!b || !ms || n_codes == 0) {
        fprintf(stderr, "%s: cannot scan\n", label);
        exit(1);
    }
    ks_local_time at = {1, 12 * 60};
    ks_money paid = 0;
    for (size_t r = 0; r < runs; r++) {
        /* Every fourth scan repeats the previous product. */
        const char *code = codes[(r % 4 == 3 ? r - 1 : r) * 104729 % n_codes];
        int64_t s = bench_now_ns();
        ks_scan_result res = ks_basket_scan(b, code, strlen(code), at);
        ks_basket_totals t;
        bool ok = ks_scan_added(&res) && ks_basket_get_totals(b, at, &t);
        ms[r] = (double)(bench_now_ns() - s) / 1e6;
        if (!ok) {
            fprintf(stderr, "%s: %s not added (%s)\n", label, code,
                    ks_scan_outcome_name(res.outcome));
            exit(1);
        }
        if (t.lines == SCAN_BASKET) {
            paid += t.total;
            ks_basket_clear(b);
        }
    }
    char name[128];
    snprintf(name, sizeof name, "%s: scan to priced line (baskets of up to %d lines)", label,
             SCAN_BASKET);
    bench_report(name, ms, runs, "ms");
    printf("%s: %.2f SAR paid in full baskets\n", label, (double)paid / 100);
    free(ms);
    free(codes);
    ks_basket_free(b);
}

static ks_catalog *import(const char *label, const char *json, size_t len, size_t runs)
{
    double *ms = calloc(runs, sizeof *ms);
    ks_catalog *cat = NULL;
    for (size_t r = 0; r < runs; r++) {
        ks_menu_error err;
        ks_catalog_free(cat);
        int64_t s = bench_now_ns();
        cat = ks_menu_import(json, len, &err);
        ms[r] = (double)(bench_now_ns() - s) / 1e6;
        if (!cat) {
            fprintf(stderr, "%s refused: %s: %s\n", label, err.path, err.reason);
            exit(1);
        }
    }
    char name[128];
    size_t n;
    ks_catalog_items(cat, &n);
    snprintf(name, sizeof name, "%s: import of %zu products (%zu bytes)", label, n, len);
    bench_report(name, ms, runs, "ms");
    free(ms);
    return cat;
}

/* Imports json, then measures search and scanning on it; exits when the menu is refused. */
static void bench_menu(const char *label, char *json, size_t len, size_t import_runs, size_t runs)
{
    if (!json) {
        fprintf(stderr, "%s: no menu\n", label);
        exit(1);
    }
    ks_catalog *cat = import(label, json, len, import_runs);
    free(json);
    bench_search(label, cat, runs);
    bench_scan(label, cat, runs);
    ks_catalog_free(cat);
}

int main(int argc, char **argv)
{
    size_t runs = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000;
    if (runs < 10) {
        fprintf(stderr, "usage: %s [RUNS >= 10]\n", argv[0]);
        return 2;
    }
    size_t len = 0;
    char *json =
        check_read_file(check_path(check_source_dir(), "assets/menus/supermarket.json"), &len);
    bench_menu("demo", json, len, 20, runs);
    json = big_menu_json(100000, &len);
    bench_menu("100k", json, len, 5, runs);
    printf("peak resident memory: %ld KiB\n", bench_peak_rss_kib());
    return 0;
}
