/*
 * The kiosk's screens built and drawn headlessly at 1080 x 1920 (software
 * renderer, fonts from assets/fonts): for every demonstration stage, the
 * time to build the screen for the journey's state and lay it out (what a
 * tap that changes the screen costs before the first frame), and the time
 * to draw the whole screen; then the steady frames of the screens that move
 * by themselves (the attract screen's slides, the idle overlay's countdown):
 * drawn once, then 120 frames 16 ms apart, each redrawing only what changed,
 * as the kiosk's loop does; and a customer's browse of the menu, a tap on
 * every category followed by a second of frames on the 60 Hz beat: the
 * time of each frame and how many missed the beat (took longer than
 * 16.7 ms): once with the pictures decoded on the drawing thread, between
 * frames as fast as they go, and once as the kiosk runs, the pictures
 * decoded on the loader thread while frames keep the real 60 Hz beat
 * (ui/frame_clock.h; frames drawn before a picture arrives show its
 * placeholder, the one after shows it). Prints median and p99 per screen
 * and per frame, the pixels redrawn per frame, the frames that missed the
 * beat, and peak RSS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/domain/menu_import.h"
#include "kiosk/screens/kiosk_ui.h"
#include "kiosk/screens/lane_stage.h"
#include "kiosk/screens/screen_render.h"
#include "kiosk/screens/services.h"
#include "kiosk/screens/stage.h"
#include "tests/bench/bench_util.h"
#include "ui/frame_clock.h"
#include "ui/input.h"
#include "ui/render_png.h"
#include "ui/tree.h"

#define RUNS 20
#define FRAMES 120
#define FRAME_MS 16
#define BEAT_MS (1000.0 / 60.0)
#define BROWSE_MS 1000 /* frames drawn after each category tap */
#define MAX_CATEGORIES 64

static int64_t render_clock(void *ctx)
{
    return KS_RENDER_UTC;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(KS_MENU_MAX_BYTES);
    *len = buf ? fread(buf, 1, KS_MENU_MAX_BYTES, f) : 0;
    fclose(f);
    return buf;
}

/* FRAMES steady frames of stage after its first full draw: the time of each and its pixels. */
static bool steady_frames(const ks_kiosk_ui_config *kc, struct ui_render_png *rp, const char *stage)
{
    ks_kiosk_ui *k = ks_kiosk_ui_new(kc, 0);
    char why[256];
    if (!k || !ks_stage_enter(k, stage, KS_LANG_AR, NULL, false, why, sizeof why)) {
        fprintf(stderr, "%s: cannot stage\n", stage);
        ks_kiosk_ui_free(k);
        return false;
    }
    struct ui_tree *tree = ui_render_png_tree(rp);
    int64_t now = 1000;
    ks_kiosk_ui_update(k, now);
    ui_render_png_frame(rp, (uint64_t)now);
    double ms[FRAMES], pixels[FRAMES];
    for (int f = 0; f < FRAMES; f++) {
        now += FRAME_MS;
        struct ui_frame_stats stats;
        int64_t t0 = bench_now_ns();
        ks_kiosk_ui_update(k, now);
        ui_tree_update(tree, (uint64_t)now);
        ui_tree_render(tree, &stats);
        ui_render_png_surface(rp); /* flushes the renderer */
        ms[f] = (double)(bench_now_ns() - t0) / 1e6;
        pixels[f] = (double)stats.pixels;
    }
    char name[96];
    snprintf(name, sizeof name, "%s: steady frame", stage);
    bench_report(name, ms, FRAMES, "ms");
    snprintf(name, sizeof name, "%s: pixels redrawn per frame", stage);
    bench_report(name, pixels, FRAMES, "px");
    ks_kiosk_ui_free(k);
    return true;
}

struct category_names {
    char name[MAX_CATEGORIES][128];
    int n;
};

static void collect_category(const char *name, void *ctx)
{
    struct category_names *c = ctx;
    if (strncmp(name, "category:", 9) == 0 && c->n < MAX_CATEGORIES)
        snprintf(c->name[c->n++], sizeof c->name[0], "%s", name);
}

/* Sleeps until the clock's next beat, on the monotonic clock. */
static void wait_for_beat(const struct ui_frame_clock *clock)
{
    int64_t now_us = bench_now_ns() / 1000;
    int64_t due_us = clock->next_us > now_us ? clock->next_us - now_us : 0;
    struct timespec ts = {.tv_sec = (time_t)(due_us / 1000000),
                          .tv_nsec = (long)(due_us % 1000000) * 1000};
    while (due_us > 0 && nanosleep(&ts, &ts) != 0)
        ;
}

/*
 * The menu in lang, a tap on each category in turn and BROWSE_MS of frames
 * on the 60 Hz beat after each, each frame what the loop does (update,
 * redraw what changed); the frames' times and how many missed the beat.
 * With a tree whose pictures decode at once (on_beat false), frames follow
 * each other at once and the first frame of a category decodes its
 * pictures; with the kiosk's loader thread (on_beat true), each frame waits
 * for its beat in real time, as the kiosk's loop does, while the loader
 * decodes beside it.
 */
static bool browse_frames(const ks_kiosk_ui_config *kc, struct ui_render_png *rp, enum ks_lang lang,
                          bool on_beat)
{
    ks_kiosk_ui *k = ks_kiosk_ui_new(kc, 0);
    char why[256];
    if (!k || !ks_stage_enter(k, "menu", lang, NULL, false, why, sizeof why)) {
        fprintf(stderr, "menu: cannot stage\n");
        ks_kiosk_ui_free(k);
        return false;
    }
    struct ui_tree *tree = ui_render_png_tree(rp);
    double now = 1000;
    ks_kiosk_ui_update(k, (int64_t)now);
    ui_render_png_frame(rp, (uint64_t)now);
    static struct category_names cats;
    cats.n = 0;
    ks_kiosk_ui_names(k, collect_category, &cats);
    const int per_tap = (int)(BROWSE_MS / BEAT_MS);
    double *ms = malloc((size_t)(cats.n * per_tap + 1) * sizeof *ms);
    int n = 0, missed = 0, missed_first = 0; /* of which the first frame after a tap */
    struct ui_frame_clock clock;
    ui_frame_clock_start(&clock, UI_FRAME_CLOCK_60HZ_US, bench_now_ns() / 1000);
    for (int c = 0; ms && c < cats.n; c++) {
        struct ui_widget *w = ks_kiosk_ui_find(k, cats.name[c]);
        if (!w)
            continue;
        SDL_Rect r = ui_widget_rect(w);
        ui_input_pointer(tree, UI_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2, (uint64_t)now);
        ui_input_pointer(tree, UI_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2, (uint64_t)now);
        for (int f = 0; f < per_tap; f++) {
            now += BEAT_MS;
            if (on_beat)
                wait_for_beat(&clock);
            int64_t t0 = bench_now_ns();
            ks_kiosk_ui_update(k, (int64_t)now);
            ui_tree_update(tree, (uint64_t)now);
            ui_tree_render(tree, NULL);
            ui_render_png_surface(rp); /* flushes the renderer */
            ms[n] = (double)(bench_now_ns() - t0) / 1e6;
            ui_frame_clock_drawn(&clock, bench_now_ns() / 1000);
            missed += ms[n] > BEAT_MS;
            missed_first += f == 0 && ms[n] > BEAT_MS;
            n++;
        }
    }
    const char *language = lang == KS_LANG_AR ? "ar" : "en";
    const char *how = on_beat ? "loader thread, real 60 Hz beat" : "pictures decoded in the frame";
    char name[128];
    snprintf(name, sizeof name, "menu (%s), browsing %d categories (%s): frame", language, cats.n,
             how);
    if (n > 0) {
        bench_report(name, ms, (size_t)n, "ms");
        printf("menu (%s), browsing %d categories (%s): %d of %d frames missed the 16.7 ms beat, "
               "%d of them the first after a tap\n",
               language, cats.n, how, missed, n, missed_first);
    }
    free(ms);
    ks_kiosk_ui_free(k);
    return n > 0;
}

int main(void)
{
    const char *src = getenv("KIOSK_SOURCE_DIR") ? getenv("KIOSK_SOURCE_DIR") : ".";
    ks_config cfg;
    ks_config_defaults(&cfg);
    snprintf(cfg.assets, sizeof cfg.assets, "%s/assets", src);
    char path[2048];
    snprintf(path, sizeof path, "%s/menus/restaurant.json", cfg.assets);
    size_t len;
    char *json = read_all(path, &len);
    ks_catalog *cat = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    struct ui_theme theme;
    ui_theme_defaults(&theme);
    snprintf(path, sizeof path, "%s/fonts", cfg.assets);
    struct ui_render_png *rp = ui_render_png_new(1080, 1920, path, &theme);
    struct ui_render_png *rp_loader = ui_render_png_new_with(
        1080, 1920, path, &theme, &(struct ui_tree_config){.threaded_images = true});
    ks_services *services = ks_services_sim_new(&(ks_services_sim_config){0});
    if (!cat || !rp || !rp_loader || !services) {
        fprintf(stderr, "bench_screens: run from the repository root (or set KIOSK_SOURCE_DIR)\n");
        return 1;
    }
    const ks_kiosk_ui_config kc = {.cfg = &cfg,
                                   .catalog = cat,
                                   .tree = ui_render_png_tree(rp),
                                   .theme = &theme,
                                   .services = services,
                                   .utc_now = render_clock};
    printf("screens at 1080x1920, software renderer, %d runs each\n", RUNS);
    for (size_t s = 0; s < ks_stage_count; s++) {
        if (ks_lane_stage_known(ks_stage_names[s]))
            continue; /* the self-checkout's: bench_lane_scan */
        double build[RUNS], draw[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ks_kiosk_ui *k = ks_kiosk_ui_new(&kc, 0);
            char why[256];
            if (!k || !ks_stage_enter(k, ks_stage_names[s], i % 2 ? KS_LANG_EN : KS_LANG_AR, NULL,
                                      false, why, sizeof why)) {
                fprintf(stderr, "%s: cannot stage\n", ks_stage_names[s]);
                return 1;
            }
            int64_t t0 = bench_now_ns();
            ks_kiosk_ui_update(k, 1000);
            int64_t t1 = bench_now_ns();
            ui_render_png_frame(rp, 1000);
            int64_t t2 = bench_now_ns();
            build[i] = (double)(t1 - t0) / 1e6;
            draw[i] = (double)(t2 - t1) / 1e6;
            ks_kiosk_ui_free(k);
        }
        char name[96];
        snprintf(name, sizeof name, "%s: build + layout", ks_stage_names[s]);
        bench_report(name, build, RUNS, "ms");
        snprintf(name, sizeof name, "%s: full draw", ks_stage_names[s]);
        bench_report(name, draw, RUNS, "ms");
    }
    ks_kiosk_ui_config kc_loader = kc;
    kc_loader.tree = ui_render_png_tree(rp_loader);
    if (!steady_frames(&kc, rp, "attract") || !steady_frames(&kc, rp, "idle") ||
        !browse_frames(&kc, rp, KS_LANG_EN, false) || !browse_frames(&kc, rp, KS_LANG_AR, false) ||
        !browse_frames(&kc_loader, rp_loader, KS_LANG_EN, true) ||
        !browse_frames(&kc_loader, rp_loader, KS_LANG_AR, true))
        return 1;
    printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    ks_services_free(services);
    ui_render_png_free(rp_loader);
    ui_render_png_free(rp);
    ks_catalog_free(cat);
    return 0;
}
