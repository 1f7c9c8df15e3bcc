/*
 * Scan to line drawn on the self-checkout: a code handed to the controller
 * as the scanner's worker hands it (ks_kiosk_ui_scan), the basket updated
 * and priced, the basket screen rebuilt and laid out, and the frame drawn
 * (software renderer, 1080 x 1920), timed per scan. Baskets of 30 scans
 * (new lines and repeats), then cancelled by the attendant. Prints median
 * and p99 per catalog, and peak RSS.
 *
 *   bench_lane_scan [MENU.json ...]   assets/menus/supermarket.json (2,074
 *                                     products), the generated 100,000-product
 *                                     menu (tests/support/big_menu.h), then
 *                                     any menus given
 */
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/domain/menu_import.h"
#include "kiosk/screens/kiosk_ui.h"
#include "kiosk/screens/screen_render.h"
#include "kiosk/screens/services.h"
#include "tests/bench/bench_util.h"
#include "tests/support/big_menu.h"
#include "ui/render_png.h"

#define SCANS 600
#define PER_BASKET 30
#define DISTINCT 20

static int64_t render_clock(void *ctx)
{
    (void)ctx;
    return KS_RENDER_UTC;
}

/* The menu at path, or the generated 100,000-product one for path NULL. */
static ks_catalog *load(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (path) {
        FILE *f = fopen(path, "rb");
        if (!f)
            return NULL;
        buf = malloc(KS_MENU_MAX_BYTES);
        len = buf ? fread(buf, 1, KS_MENU_MAX_BYTES, f) : 0;
        fclose(f);
    } else {
        buf = big_menu_json(100000, &len);
    }
    ks_menu_error err = {0};
    ks_catalog *cat = buf ? ks_menu_import(buf, len, &err) : NULL;
    if (!cat)
        fprintf(stderr, "%s: %s: %s\n", path ? path : "generated", err.path, err.reason);
    free(buf);
    return cat;
}

/* Counted products with a barcode and no minimum age, spread over the catalog. */
static size_t pick_codes(const ks_catalog *cat, const char **codes, size_t cap)
{
    size_t n_items, n = 0;
    const ks_item *items = ks_catalog_items(cat, &n_items);
    size_t step = n_items / (cap * 4) + 1;
    for (size_t i = 0; i < n_items && n < cap; i += step)
        if (items[i].unit == KS_UNIT_EACH && items[i].n_barcodes > 0 && items[i].min_age == 0)
            codes[n++] = items[i].barcodes[0];
    return n;
}

static int bench_menu(const char *path, ks_config *cfg, struct ui_render_png *rp,
                      struct ui_theme *theme, ks_services *services)
{
    int64_t t0 = bench_now_ns();
    ks_catalog *cat = load(path);
    if (!cat)
        return 1;
    size_t n_items;
    ks_catalog_items(cat, &n_items);
    printf("%s: %zu products imported in %.0f ms\n", path ? path : "generated menu", n_items,
           (double)(bench_now_ns() - t0) / 1e6);
    const char *codes[DISTINCT];
    size_t n_codes = pick_codes(cat, codes, DISTINCT);
    const ks_kiosk_ui_config kc = {.cfg = cfg,
                                   .catalog = cat,
                                   .tree = ui_render_png_tree(rp),
                                   .theme = theme,
                                   .services = services,
                                   .utc_now = render_clock};
    ks_kiosk_ui *k = ks_kiosk_ui_new(&kc, 0);
    if (!k || n_codes < 2) {
        fprintf(stderr, "%s: no controller, or too few products to scan\n",
                path ? path : "generated menu");
        return 1;
    }
    static double samples[SCANS];
    int64_t now = 0;
    for (int i = 0; i < SCANS; i++) {
        if (i % PER_BASKET == 0 && i > 0) {
            ks_kiosk_ui_decide(k, KS_DECIDE_CANCEL, "bench", 0);
            now += 1000;
            ks_kiosk_ui_update(k, now);
            ui_render_png_frame(rp, (uint64_t)now);
        }
        /* Every third scan repeats a product already in the basket. */
        const char *code = codes[(i % 3 == 2 ? i / 3 : i) % n_codes];
        now += 1000; /* past any transition: the steady basket screen */
        int64_t a = bench_now_ns();
        ks_kiosk_ui_scan(k, code);
        ks_kiosk_ui_update(k, now);
        ui_render_png_frame(rp, (uint64_t)now);
        samples[i] = (double)(bench_now_ns() - a) / 1e6;
    }
    char name[512];
    snprintf(name, sizeof name, "scan to line drawn, %zu products", n_items);
    bench_report(name, samples, SCANS, "ms");
    ks_kiosk_ui_free(k);
    ks_catalog_free(cat);
    return 0;
}

int main(int argc, char **argv)
{
    const char *src = getenv("KIOSK_SOURCE_DIR") ? getenv("KIOSK_SOURCE_DIR") : ".";
    ks_config cfg;
    ks_config_defaults(&cfg);
    cfg.mode = KS_MODE_SUPERMARKET;
    snprintf(cfg.assets, sizeof cfg.assets, "%s/assets", src);
    char path[2048], menu[2048];
    struct ui_theme theme;
    ui_theme_defaults(&theme);
    snprintf(path, sizeof path, "%s/fonts", cfg.assets);
    struct ui_render_png *rp = ui_render_png_new(1080, 1920, path, &theme);
    ks_services *services = ks_services_sim_new(&(ks_services_sim_config){0});
    if (!rp || !services) {
        fprintf(stderr, "bench_lane_scan: no fonts in %s, or out of memory\n", path);
        return 1;
    }
    snprintf(menu, sizeof menu, "%s/menus/supermarket.json", cfg.assets);
    int rc = bench_menu(menu, &cfg, rp, &theme, services);
    if (rc == 0)
        rc = bench_menu(NULL, &cfg, rp, &theme, services);
    for (int i = 1; i < argc && rc == 0; i++)
        rc = bench_menu(argv[i], &cfg, rp, &theme, services);
    printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    ks_services_free(services);
    ui_render_png_free(rp);
    return rc;
}
