/*
 * Throughput of the ui text engine: shaping without caches (bidi, HarfBuzz,
 * line breaking), measuring through the shaped-text cache, and drawing a
 * menu screen of Arabic and English labels with the software renderer into
 * an offscreen 1280x800 surface; then the hit rates and memory of both
 * caches. Prints figures only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/bench/bench_util.h"
#include "ui/lines.h"
#include "ui/offscreen.h"
#include "ui/shape.h"
#include "ui/text.h"

static const char *const LABELS[] = {
    "برجر دجاج مقرمش",
    "Crispy Chicken Burger",
    "السعر 24.50 ⃁",
    "⃁ 24.50",
    "وجبة برجر لحم مع بطاطس ومشروب",
    "Beef burger meal with fries and a drink",
    "٣ × برجر Classic",
    "سلطة (جديد)",
    "الإجمالي شامل ضريبة القيمة المضافة 15٪",
    "Total includes 15% VAT",
    "مُحَمَّد",
    "أضف إلى السلة",
    "Add to cart",
    "الدفع بالبطاقة",
    "Pay by card",
};
#define N_LABELS (sizeof LABELS / sizeof LABELS[0])

static const char *source_dir(void)
{
    const char *d = getenv("KIOSK_SOURCE_DIR");
    return d && *d ? d : ".";
}

static void bench_shaping(struct ui_fonts *fonts)
{
    enum { ROUNDS = 200 };
    double *samples = malloc(ROUNDS * sizeof *samples);
    if (!samples)
        return;
    size_t glyphs = 0;
    /* Round -1 warms HarfBuzz's shape plans and is not counted. */
    for (int r = -1; r < ROUNDS; r++) {
        int64_t t0 = bench_now_ns();
        for (size_t i = 0; i < N_LABELS; i++) {
            struct ui_shape_params p = {.size_px = 28};
            struct ui_shaped *sh = ui_shape_text(fonts, LABELS[i], strlen(LABELS[i]), &p);
            struct ui_lines *lay = ui_lines_new(sh, 300 * 64);
            glyphs += lay && r >= 0 ? lay->n_glyphs : 0;
            ui_lines_free(lay);
            ui_shaped_free(sh);
        }
        if (r >= 0)
            samples[r] = (double)(bench_now_ns() - t0) / 1e3 / (double)N_LABELS;
    }
    double median = bench_percentile(samples, ROUNDS, 50);
    bench_report("shape+wrap one label, uncached", samples, ROUNDS, "us");
    printf("  = %.0f labels/s, %.0f glyphs/s\n", 1e6 / median,
           1e6 / median * (double)glyphs / (double)(ROUNDS * N_LABELS));
    free(samples);
}

static void bench_drawing(const char *fonts_dir)
{
    enum { FRAMES = 300, COLS = 3, ROWS = 10 };
    struct ui_offscreen *off = ui_offscreen_new(1280, 800);
    struct ui_text *text = off ? ui_text_new(fonts_dir, off->renderer, NULL) : NULL;
    double *measure = malloc(FRAMES * sizeof *measure);
    double *frame = malloc(FRAMES * sizeof *frame);
    if (!text || !measure || !frame)
        goto done;
    SDL_Color ink = {20, 20, 20, 255};
    size_t labels_per_frame = COLS * ROWS;
    double cold_ms = 0;
    /* Frame -1 fills both caches (atlas page creation, rasterising) and is reported apart. */
    for (int f = -1; f < FRAMES; f++) {
        struct ui_text_style st = {
            .size_px = 24, .max_width = 400, .max_lines = 2, .align = UI_TEXT_ALIGN_START};
        int64_t t0 = bench_now_ns();
        struct ui_text_metrics m;
        for (size_t i = 0; i < labels_per_frame; i++)
            ui_text_measure(text, LABELS[i % N_LABELS], &st, &m);
        int64_t t1 = bench_now_ns();
        SDL_SetRenderDrawColor(off->renderer, 255, 255, 255, 255);
        SDL_RenderClear(off->renderer);
        for (size_t i = 0; i < labels_per_frame; i++)
            ui_text_draw(text, LABELS[(i + (size_t)f) % N_LABELS], &st, ink,
                         20 + (int)(i % COLS) * 420, 10 + (int)(i / COLS) * 78, 400);
        SDL_RenderFlush(off->renderer);
        int64_t t2 = bench_now_ns();
        if (f < 0) {
            cold_ms = (double)(t2 - t0) / 1e6;
            continue;
        }
        measure[f] = (double)(t1 - t0) / 1e3 / (double)labels_per_frame;
        frame[f] = (double)(t2 - t1) / 1e6;
    }
    printf("first frame, cold caches (shape, rasterise, draw 30 labels): %.3f ms\n", cold_ms);
    bench_report("measure one label, cached", measure, FRAMES, "us");
    bench_report("draw 30 labels (1280x800 software)", frame, FRAMES, "ms");
    printf("  = %.0f labels drawn/s\n",
           1e3 / bench_percentile(frame, FRAMES, 50) * (double)labels_per_frame);
    struct ui_cache_stats shaping, glyphs;
    ui_text_stats(text, &shaping, &glyphs);
    printf("shaped-text cache: hit rate %.4f, %zu entries, %zu of %zu bytes, %llu evictions\n",
           ui_cache_stats_hit_rate(&shaping), shaping.entries, shaping.bytes, shaping.budget,
           (unsigned long long)shaping.evictions);
    printf("glyph atlas: hit rate %.4f, %zu glyphs, %zu of %zu bytes, %llu evictions\n",
           ui_cache_stats_hit_rate(&glyphs), glyphs.entries, glyphs.bytes, glyphs.budget,
           (unsigned long long)glyphs.evictions);
done:
    free(measure);
    free(frame);
    ui_text_free(text);
    ui_offscreen_free(off);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/assets/fonts", source_dir());
    struct ui_fonts *fonts = ui_fonts_new(dir);
    if (!fonts) {
        fprintf(stderr, "cannot load fonts from %s (set KIOSK_SOURCE_DIR)\n", dir);
        SDL_Quit();
        return 1;
    }
    bench_shaping(fonts);
    ui_fonts_free(fonts);
    bench_drawing(dir);
    printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    SDL_Quit();
    return 0;
}
