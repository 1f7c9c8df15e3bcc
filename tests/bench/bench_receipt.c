/*
 * Receipts from "payment approved" to paper: with the order in hand, the
 * time until the first byte of the receipt's job is handed to the printer
 * transport (layout, raster with the text engine, ESC/POS job, the status
 * request before the job), median and p99, as the print worker does it
 * (fonts and glyph atlas already loaded; the first document, which loads
 * them, is timed on its own). The printer is the in-process simulator, so
 * the figures are the kiosk's own cost, without a link's latency. Also the
 * size of what is sent: the fixed demo receipt (6 order lines, about 30
 * printed lines) and a 20-line order.
 *
 *   bench_receipt [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>

#include "devices/printer/printer.h"
#include "devices/printer/profile.h"
#include "devices/sim/printer_sim.h"
#include "kiosk/render/print_render.h"
#include "kiosk/render/receipt_demo.h"
#include "tests/bench/bench_util.h"

#define DEFAULT_RUNS 200

static char source[4096];

static const char *path_in_source(const char *rel)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/%s", source, rel);
    return path;
}

/* Measures `runs` receipts of an order of `lines` lines; false when one fails. */
static bool measure(ks_print_renderer *renderer, dev_printer *printer, const ks_config *cfg,
                    size_t lines, long runs)
{
    char err[256] = "";
    ks_order *order = ks_receipt_demo_order(path_in_source("assets/menus/restaurant.json"), cfg,
                                            KS_LANG_AR, lines, err, sizeof err);
    if (!order) {
        fprintf(stderr, "bench_receipt: %s\n", err);
        return false;
    }
    ks_receipt_payment pay = ks_receipt_demo_payment(order);
    const ks_print_request req = {.kind = KS_PRINT_RECEIPT,
                                  .order = order,
                                  .payment = &pay,
                                  .issued_at = KS_RECEIPT_DEMO_PAID_AT,
                                  .lang = KS_LANG_AR};
    double *first_byte_ms = calloc((size_t)runs, sizeof(double));
    double *render_ms = calloc((size_t)runs, sizeof(double));
    size_t job_bytes = 0;
    uint32_t height = 0;
    bool ok = first_byte_ms && render_ms;
    for (long i = 0; ok && i < runs; i++) {
        int64_t approved = bench_now_ns();
        dev_buffer job;
        dev_buffer_init(&job, (size_t)16 << 20);
        ok = ks_print_render_job(renderer, &req, &job);
        int64_t rendered = bench_now_ns();
        dev_print_report report;
        ok = ok && dev_printer_print(printer, job.data, job.len, &report) == DEV_PRINTER_OK;
        first_byte_ms[i] = (double)((int64_t)report.first_byte_ns - approved) / 1e6;
        render_ms[i] = (double)(rendered - approved) / 1e6;
        job_bytes = job.len;
        dev_buffer_free(&job);
        dev_sim_job *paper = dev_printer_sim_take_job(dev_printer_sim_of(printer));
        if (paper && paper->raster)
            height = paper->raster->height;
        dev_sim_job_free(paper);
    }
    if (ok) {
        printf("receipt of %zu order lines: %u dots long (%.1f cm), %zu bytes of ESC/POS\n",
               order->n_lines, height, height * 2.54 / dev_printer_profile_default()->dpi,
               job_bytes);
        char name[96];
        snprintf(name, sizeof name, "  %zu lines, approved -> first receipt byte", lines);
        bench_report(name, first_byte_ms, (size_t)runs, "ms");
        snprintf(name, sizeof name, "  %zu lines, of which layout + raster + job", lines);
        bench_report(name, render_ms, (size_t)runs, "ms");
    } else {
        fprintf(stderr, "bench_receipt: a receipt of %zu lines failed\n", lines);
    }
    free(first_byte_ms);
    free(render_ms);
    ks_order_free(order);
    return ok;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_RUNS;
    if (runs < 1 || runs > 100000) {
        fprintf(stderr, "usage: bench_receipt [RUNS 1..100000]\n");
        return 2;
    }
    const char *dir = getenv("KIOSK_SOURCE_DIR");
    snprintf(source, sizeof source, "%s", dir && *dir ? dir : ".");
    ks_config cfg;
    ks_config_defaults(&cfg);

    int64_t t0 = bench_now_ns();
    ks_print_renderer *renderer = ks_print_renderer_new(
        path_in_source("assets/fonts"), dev_printer_profile_default(), &cfg, KS_LANG_AR);
    dev_printer *printer = dev_printer_new("sim://", NULL, NULL);
    if (!renderer || !printer) {
        fprintf(stderr, "bench_receipt: no fonts in %s/assets/fonts?\n", source);
        return 1;
    }
    int64_t t1 = bench_now_ns();
    printf("renderer ready (fonts loaded): %.1f ms\n", (double)(t1 - t0) / 1e6);
    /* The first document fills the glyph atlas: timed once, apart from the steady state. */
    bool ok = measure(renderer, printer, &cfg, KS_RECEIPT_DEMO_LINES, 1) &&
              measure(renderer, printer, &cfg, KS_RECEIPT_DEMO_LINES, runs) &&
              measure(renderer, printer, &cfg, 20, runs);
    printf("peak memory: %ld KiB\n", bench_peak_rss_kib());
    dev_printer_free(printer);
    ks_print_renderer_free(renderer);
    return ok ? 0 : 1;
}
