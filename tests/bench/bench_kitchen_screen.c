/*
 * The kitchen screen at volume: 100 active tickets of 50 lines each on a
 * real display database (the expo screen: every line), drawn at 1920 x 1080
 * by the software renderer in Arabic (right to left):
 *
 *   1. a change: the working set read again after one ticket was bumped
 *      (ks_kds_queue_reload: orders kept, struck lines and the all-day
 *      counts read and worked out again);
 *   2. one screen update: the screen built from the data (a page of four
 *      tickets, the header with the true count, the all-day panel), laid
 *      out and drawn in full, as each second for the ages.
 *
 * Figures only (median, p99, memory), no assertion on time.
 *
 *   bench_kitchen_screen [TICKETS [LINES [OUT.png]]]   (OUT.png: the last frame)
 */
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/common/log.h"
#include "kiosk/kitchen/kds_screen.h"
#include "tests/bench/bench_util.h"
#include "tests/unit/test_kitchen_fixture.h"
#include "ui/render_png.h"

#define RUNS 100

static const char *dir(void)
{
    const char *d = getenv("KIOSK_TEST_TMPDIR");
    return d && d[0] ? d : ".";
}

/* Ticket `index` with `lines` lines of ten items (11.50 SAR each, 15 % VAT included). */
static char *big_order(unsigned index, int lines)
{
    static const char *const items[10][3] = {
        {"burger", "برجر", "Burger"},    {"fries", "بطاطس", "Fries"},    {"cola", "كولا", "Cola"},
        {"nuggets", "ناجتس", "Nuggets"}, {"wrap", "راب", "Wrap"},        {"salad", "سلطة", "Salad"},
        {"water", "ماء", "Water"},       {"shake", "ميلك شيك", "Shake"}, {"pie", "فطيرة", "Pie"},
        {"coffee", "قهوة", "Coffee"},
    };
    size_t cap = 2048 + (size_t)lines * 512, len = 0;
    char *json = malloc(cap), uuid[37];
    if (!json)
        return NULL;
    fixture_uuid(index, uuid);
    len += (size_t)snprintf(
        json + len, cap - len,
        "{\"format\":\"kiosk-order/1\",\"uuid\":\"%s\",\"store_id\":\"riyadh-01\","
        "\"kiosk_id\":\"kiosk-01\",\"number\":%u,\"business_date\":\"2026-11-24\","
        "\"service\":\"takeaway\",\"status\":\"paid\",\"lang\":\"ar\",\"currency\":\"SAR\","
        "\"exponent\":2,\"prices_include_tax\":true,\"menu_version\":\"1\","
        "\"created_at\":%d,\"updated_at\":%d,\"lines\":[",
        uuid, 1000 + index, KITCHEN_NOON, KITCHEN_NOON);
    for (int i = 0; i < lines; i++) {
        const char *const *item = items[(index + (unsigned)i) % 10];
        len += (size_t)snprintf(
            json + len, cap - len,
            "%s{\"item_id\":\"%s\",\"category_id\":\"burgers\",\"name\":{\"ar\":\"%s\","
            "\"en\":\"%s\"},\"unit\":\"each\",\"quantity\":1,\"unit_price\":1150,\"details\":[],"
            "\"note\":\"\",\"vat_rate_bp\":1500,\"discount\":0,\"net\":1000,\"vat\":150,"
            "\"gross\":1150,\"promo_note\":{\"ar\":\"\",\"en\":\"\"}}",
            i ? "," : "", item[0], item[1], item[2]);
    }
    snprintf(json + len, cap - len,
             "],\"vat\":[{\"rate_bp\":1500,\"taxable\":%d,\"vat\":%d}],\"subtotal\":%d,"
             "\"discount\":0,\"total_net\":%d,\"total_vat\":%d,\"total\":%d}",
             1000 * lines, 150 * lines, 1150 * lines, 1000 * lines, 150 * lines, 1150 * lines);
    return json;
}

int main(int argc, char **argv)
{
    long tickets = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    long lines = argc > 2 ? strtol(argv[2], NULL, 10) : 50;
    if (tickets < 1 || tickets > 100000 || lines < 1 || lines > 500) {
        fprintf(stderr,
                "usage: bench_kitchen_screen [TICKETS (1-100000) [LINES (1-500) [OUT.png]]]\n");
        return 2;
    }
    ks_log_set_level(KS_LOG_WARN);
    char path[4200];
    fixture_fresh_db(dir(), "bench-kitchen-screen.db", path, sizeof path);
    ks_kds_store *store = ks_kds_store_open(path, NULL);
    for (int i = 0; store && i < tickets; i++) {
        char *json = big_order((unsigned)i + 1, (int)lines);
        ks_order_json_error why;
        ks_order *o = json ? ks_order_from_json(json, strlen(json), &why) : NULL;
        bool duplicate;
        if (!o || ks_kds_store_add(store, o, json, strlen(json), KITCHEN_NOON + i, &duplicate) !=
                      KS_DB_OK) {
            fprintf(stderr, "ticket %d not stored: %s %s\n", i, o ? "" : why.path,
                    o ? "" : why.reason);
            return 1;
        }
        ks_order_free(o);
        free(json);
    }
    const char *src = getenv("KIOSK_SOURCE_DIR") ? getenv("KIOSK_SOURCE_DIR") : ".";
    char fonts[2048];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", src);
    struct ui_theme theme;
    ks_kds_screen_theme(&theme);
    struct ui_render_png *rp = ui_render_png_new(KS_KDS_SCREEN_W, KS_KDS_SCREEN_H, fonts, &theme);
    ks_kds_queue *queue = store ? ks_kds_queue_new(store, NULL) : NULL;
    if (!rp || !queue || ks_kds_queue_reload(queue) != KS_DB_OK) {
        fprintf(stderr, "bench_kitchen_screen: run from the repository root (or set "
                        "KIOSK_SOURCE_DIR)\n");
        return 1;
    }
    struct ui_tree *tree = ui_render_png_tree(rp);
    ui_tree_set_dir(tree, UI_DIR_RTL);
    printf("kitchen screen, %zu active tickets of %d lines, 1920x1080, software renderer, "
           "%d runs\n",
           ks_kds_queue_count(queue), (int)lines, RUNS);

    double change[RUNS], update[RUNS];
    for (int i = 0; i < RUNS; i++) {
        /* A line struck and unstruck (a change the receiver would announce), then the reload. */
        const ks_kds_ticket *t = ks_kds_queue_ticket(queue, (size_t)i % ks_kds_queue_count(queue));
        ks_kds_store_set_line_done(store, t->order->uuid, 0, i % 2 == 0, KITCHEN_NOON + 600);
        int64_t t0 = bench_now_ns();
        ks_kds_queue_reload(queue);
        int64_t t1 = bench_now_ns();
        change[i] = (double)(t1 - t0) / 1e6;

        ks_kds_queue_select(queue, (i * 4) % (int)ks_kds_queue_count(queue));
        const ks_kds_kitchen_view view = {.queue = queue,
                                          .lang = KS_LANG_AR,
                                          .amber_s = 300,
                                          .red_s = 600,
                                          .now = KITCHEN_NOON + 600 + i};
        t0 = bench_now_ns();
        bool ok = ui_tree_set_root(tree, ks_kds_kitchen_screen(&view)) &&
                  ui_render_png_frame(rp, (uint64_t)i * 1000);
        t1 = bench_now_ns();
        if (!ok) {
            fprintf(stderr, "the screen could not be drawn\n");
            return 1;
        }
        update[i] = (double)(t1 - t0) / 1e6;
    }
    bench_report("a change: the tickets read again", change, RUNS, "ms");
    bench_report("one screen update: build, layout, full draw", update, RUNS, "ms");
    printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    if (argc > 3)
        ui_render_png_save(rp, argv[3]);
    ks_kds_queue_free(queue);
    ui_render_png_free(rp);
    ks_kds_store_close(store);
    return 0;
}
