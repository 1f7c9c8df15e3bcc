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
 * placeholder, the one after shows it). Then, as the kiosk runs, what moves
 * under a finger, in English and Arabic: flings through the menu's item
 * list (the longest category's) and the item and combo screens' lists,
 * through the real input path (a finger down, moves a beat apart, up with
 * its velocity, then the frames until the list stops), and screen changes
 * with their animation (the menu to an item's details and back, the
 * attract screen to the language screen), every frame timed on the beat.
 * Prints median and p99 per screen and per frame, the pixels redrawn per
 * frame, the frames that missed the beat, and peak RSS. --check (the
 * suite's smoke check) runs one fling and one of each screen change, and
 * fails unless their figures were made and are consistent (never on time).
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
#include "ui/w_scroll.h"

#define RUNS 20
#define FRAMES 120
#define FRAME_MS 16
#define BEAT_MS (1000.0 / 60.0)
#define BROWSE_MS 1000 /* frames drawn after each category tap */
#define MAX_NAMES 64
#define FLING_MOVES 6             /* moves of the finger before it lets go, a beat apart */
#define FLING_STEP_PX 60          /* each move: 3.6 px/ms, a brisk flick */
#define FLING_MAX_FRAMES 600      /* of one fling: ten seconds */
#define TRANSITION_MAX_FRAMES 120 /* of one screen change: two seconds */
#define FLING_ROUNDS 5
#define TRANSITION_ROUNDS 10

/* The trees' virtual time, in ms: every run goes on from where the last one stopped, as a
 * tree's time never goes back (a fling or a transition starts at the tree's time). */
static double tree_now_ms = 1000;

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

/* The frames of one run: each frame's time and pixels redrawn, and how many missed the beat. */
struct frame_log {
    double *ms, *pixels; /* owned, cap each; freed in frame_log_free */
    int n, cap, missed;
};

static bool frame_log_init(struct frame_log *log, int cap)
{
    *log = (struct frame_log){.cap = cap};
    log->ms = malloc((size_t)cap * sizeof *log->ms);
    log->pixels = malloc((size_t)cap * sizeof *log->pixels);
    return log->ms && log->pixels;
}

static void frame_log_free(struct frame_log *log)
{
    free(log->ms);
    free(log->pixels);
    *log = (struct frame_log){0};
}

/*
 * Prints "what: frame" and "what: pixels redrawn per frame" (median, p99),
 * and the misses. False, said, unless the figures are consistent: frames
 * drawn, none taking negative time, the misses those over the beat, and
 * pixels redrawn when the run moved something (moved).
 */
static bool frame_log_report(struct frame_log *log, const char *what, bool moved)
{
    char name[352];
    int n = log->n, over = 0;
    double redrawn = 0, shortest = n > 0 ? log->ms[0] : 0;
    for (int i = 0; i < n; i++) {
        redrawn += log->pixels[i];
        shortest = log->ms[i] < shortest ? log->ms[i] : shortest;
        over += log->ms[i] > BEAT_MS;
    }
    if (n == 0 || shortest < 0 || over != log->missed || (moved && redrawn <= 0)) {
        fprintf(stderr,
                "%s: inconsistent figures: %d frames, the shortest %.3f ms, %.0f px redrawn, "
                "%d missed of %d over the beat\n",
                what, n, shortest, redrawn, log->missed, over);
        return false;
    }
    snprintf(name, sizeof name, "%s: frame", what);
    bench_report(name, log->ms, (size_t)n, "ms");
    snprintf(name, sizeof name, "%s: pixels redrawn per frame", what);
    bench_report(name, log->pixels, (size_t)n, "px");
    printf("%s: %d of %d frames missed the 16.7 ms beat\n", what, log->missed, n);
    return true;
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
 * One frame at now_ms as the kiosk's loop draws it: the controller's update,
 * the tree's, a redraw of what changed, the renderer flushed. With a clock,
 * it first waits for its beat in real time. Its time and pixels go to log
 * (while it has room); false when log is full.
 */
static bool draw_frame(ks_kiosk_ui *k, struct ui_render_png *rp, struct ui_frame_clock *clock,
                       uint64_t now_ms, struct frame_log *log)
{
    if (log->n >= log->cap)
        return false;
    if (clock)
        wait_for_beat(clock);
    struct ui_tree *tree = ui_render_png_tree(rp);
    struct ui_frame_stats stats = {0};
    int64_t t0 = bench_now_ns();
    ks_kiosk_ui_update(k, (int64_t)now_ms);
    ui_tree_update(tree, now_ms);
    ui_tree_render(tree, &stats);
    ui_render_png_surface(rp); /* flushes the renderer */
    double ms = (double)(bench_now_ns() - t0) / 1e6;
    if (clock)
        ui_frame_clock_drawn(clock, bench_now_ns() / 1000);
    log->ms[log->n] = ms;
    log->pixels[log->n] = (double)stats.pixels;
    log->missed += ms > BEAT_MS;
    log->n++;
    return true;
}

/* The controller's update and a whole frame at now_ms, untimed: what a tap changed, shown. */
static void show(ks_kiosk_ui *k, struct ui_render_png *rp, uint64_t now_ms)
{
    ks_kiosk_ui_update(k, (int64_t)now_ms);
    ui_render_png_frame(rp, now_ms);
}

/* A controller on kc showing stage in lang, drawn once whole at now_ms; NULL when it cannot. */
static ks_kiosk_ui *staged(const ks_kiosk_ui_config *kc, struct ui_render_png *rp,
                           const char *stage, enum ks_lang lang, uint64_t now_ms)
{
    ks_kiosk_ui *k = ks_kiosk_ui_new(kc, (int64_t)now_ms); /* idle from now, not before */
    char why[256];
    if (!k || !ks_stage_enter(k, stage, lang, NULL, false, why, sizeof why)) {
        fprintf(stderr, "%s: cannot stage\n", stage);
        ks_kiosk_ui_free(k);
        return NULL;
    }
    show(k, rp, now_ms);
    return k;
}

static const char *lang_code(enum ks_lang lang)
{
    return lang == KS_LANG_AR ? "ar" : "en";
}

/* FRAMES steady frames of stage after its first full draw: the time of each and its pixels. */
static bool steady_frames(const ks_kiosk_ui_config *kc, struct ui_render_png *rp, const char *stage)
{
    struct frame_log log;
    bool ok = frame_log_init(&log, FRAMES);
    ks_kiosk_ui *k = ok ? staged(kc, rp, stage, KS_LANG_AR, (uint64_t)tree_now_ms) : NULL;
    ok = k != NULL;
    for (int f = 0; ok && f < FRAMES; f++) {
        tree_now_ms += FRAME_MS;
        draw_frame(k, rp, NULL, (uint64_t)tree_now_ms, &log);
    }
    char name[96];
    snprintf(name, sizeof name, "%s: steady", stage);
    ok = ok && frame_log_report(&log, name, false);
    frame_log_free(&log);
    ks_kiosk_ui_free(k);
    return ok;
}

/* The names on k's screen that start with a prefix ("category:", "item:"). */
struct names {
    const char *prefix;
    char name[MAX_NAMES][128];
    int n;
};

static void collect_name(const char *name, void *ctx)
{
    struct names *c = ctx;
    if (strncmp(name, c->prefix, strlen(c->prefix)) == 0 && c->n < MAX_NAMES)
        snprintf(c->name[c->n++], sizeof c->name[0], "%s", name);
}

static void collect_names(const ks_kiosk_ui *k, const char *prefix, struct names *out)
{
    out->prefix = prefix;
    out->n = 0;
    ks_kiosk_ui_names(k, collect_name, out);
}

/* A finger's event at (x, y) as the kiosk's loop hands it on: to the tree, then to the
 * controller as the customer's activity (which keeps the idle overlay away). */
static void finger(ks_kiosk_ui *k, struct ui_tree *tree, enum ui_pointer_phase phase, int x, int y,
                   uint64_t now_ms)
{
    ui_input_pointer(tree, phase, x, y, now_ms);
    ks_kiosk_ui_activity(k, (int64_t)now_ms);
}

/* A finger down and up on the centre of the widget called name; false when it is not there. */
static bool tap_at(ks_kiosk_ui *k, struct ui_tree *tree, const char *name, uint64_t now_ms)
{
    struct ui_widget *w = ks_kiosk_ui_find(k, name);
    if (!w)
        return false;
    SDL_Rect r = ui_widget_rect(w);
    finger(k, tree, UI_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2, now_ms);
    finger(k, tree, UI_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2, now_ms);
    return true;
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
    ks_kiosk_ui *k = staged(kc, rp, "menu", lang, (uint64_t)tree_now_ms);
    if (!k)
        return false;
    struct ui_tree *tree = ui_render_png_tree(rp);
    static struct names cats;
    collect_names(k, "category:", &cats);
    const int per_tap = (int)(BROWSE_MS / BEAT_MS);
    struct frame_log log;
    int missed_first = 0; /* frames that missed the beat, the first after a tap */
    struct ui_frame_clock clock;
    ui_frame_clock_start(&clock, UI_FRAME_CLOCK_60HZ_US, bench_now_ns() / 1000);
    bool ok = frame_log_init(&log, cats.n * per_tap + 1);
    for (int c = 0; ok && c < cats.n; c++) {
        if (!tap_at(k, tree, cats.name[c], (uint64_t)tree_now_ms))
            continue;
        for (int f = 0; f < per_tap; f++) {
            tree_now_ms += BEAT_MS;
            draw_frame(k, rp, on_beat ? &clock : NULL, (uint64_t)tree_now_ms, &log);
            missed_first += f == 0 && log.ms[log.n - 1] > BEAT_MS;
        }
    }
    const char *how = on_beat ? "loader thread, real 60 Hz beat" : "pictures decoded in the frame";
    char name[128];
    snprintf(name, sizeof name, "menu (%s), browsing %d categories (%s)", lang_code(lang), cats.n,
             how);
    ok = ok && frame_log_report(&log, name, false);
    if (ok)
        printf("%s: %d of the misses the first frame after a tap\n", name, missed_first);
    frame_log_free(&log);
    ks_kiosk_ui_free(k);
    return ok;
}

/*
 * Frames on the real 60 Hz beat, now_ms a beat further each, while the
 * scroll view moves (scroll non-NULL) or the tree is in a screen
 * transition; the first frame always. False when log filled first.
 */
static bool frames_while_moving(ks_kiosk_ui *k, struct ui_render_png *rp,
                                struct ui_frame_clock *clock, struct ui_widget *scroll,
                                double *now_ms, struct frame_log *log)
{
    struct ui_tree *tree = ui_render_png_tree(rp);
    do {
        *now_ms += BEAT_MS;
        if (!draw_frame(k, rp, clock, (uint64_t)*now_ms, log))
            return false;
    } while (scroll ? ui_scroll_is_moving(scroll) : ui_tree_in_transition(tree));
    return true;
}

/*
 * One fling of the scroll view through the real input path (ui/input.h): a
 * finger down at its centre, FLING_MOVES moves of step pixels a beat apart
 * (a frame drawn after each), up, then the frames on the beat until the view
 * stops. False when the view did not move, did not go on moving after the
 * finger left (unless it was at an end) or never stopped.
 */
static bool fling(ks_kiosk_ui *k, struct ui_render_png *rp, struct ui_frame_clock *clock,
                  struct ui_widget *scroll, int step, double *now_ms, struct frame_log *log)
{
    struct ui_tree *tree = ui_render_png_tree(rp);
    SDL_Rect view = ui_widget_rect(scroll);
    int x = view.x + view.w / 2, y = view.y + view.h / 2 + FLING_MOVES * step / 2;
    int before = ui_scroll_offset(scroll);
    finger(k, tree, UI_POINTER_DOWN, x, y, (uint64_t)*now_ms);
    for (int i = 1; i <= FLING_MOVES; i++) {
        *now_ms += BEAT_MS;
        finger(k, tree, UI_POINTER_MOVE, x, y - i * step, (uint64_t)*now_ms);
        if (!draw_frame(k, rp, clock, (uint64_t)*now_ms, log))
            return false;
    }
    finger(k, tree, UI_POINTER_UP, x, y - FLING_MOVES * step, (uint64_t)*now_ms);
    int released = ui_scroll_offset(scroll);
    if (!frames_while_moving(k, rp, clock, scroll, now_ms, log))
        return false;
    int after = ui_scroll_offset(scroll);
    bool at_end = after == 0 || after == ui_scroll_max_offset(scroll);
    return after != before && (after != released || at_end);
}

/* The list (scroll view) holding the first widget on k's screen whose name starts with
 * prefix; NULL when there is none. */
static struct ui_widget *list_of(const ks_kiosk_ui *k, const char *prefix)
{
    static struct names found;
    collect_names(k, prefix, &found);
    return found.n ? ui_scroll_find(ks_kiosk_ui_find(k, found.name[0])) : NULL;
}

/*
 * Flings through the list holding the first widget named prefix... on
 * stage in lang (on the menu, the items of the category whose list is the
 * longest), to the end and back, rounds times, on the real 60 Hz beat, as
 * the kiosk's loop draws them: each frame's time and pixels. A list that
 * does not scroll is said and skipped. False when a fling did not move the
 * list or the frames overran the log.
 */
static bool fling_frames(const ks_kiosk_ui_config *kc, struct ui_render_png *rp, const char *stage,
                         const char *prefix, enum ks_lang lang, int rounds)
{
    ks_kiosk_ui *k = staged(kc, rp, stage, lang, (uint64_t)tree_now_ms);
    if (!k)
        return false;
    struct ui_tree *tree = ui_render_png_tree(rp);
    static struct names cats;
    collect_names(k, "category:", &cats);
    int longest = -1, length = 0;
    for (int c = 0; c < cats.n; c++) {
        tree_now_ms += BEAT_MS;
        if (tap_at(k, tree, cats.name[c], (uint64_t)tree_now_ms))
            show(k, rp, (uint64_t)tree_now_ms);
        struct ui_widget *list = list_of(k, prefix);
        if (list && ui_scroll_max_offset(list) > length) {
            length = ui_scroll_max_offset(list);
            longest = c;
        }
    }
    tree_now_ms += BEAT_MS;
    if (longest >= 0 && tap_at(k, tree, cats.name[longest], (uint64_t)tree_now_ms))
        show(k, rp, (uint64_t)tree_now_ms);
    struct ui_widget *scroll = list_of(k, prefix);
    char what[320];
    snprintf(what, sizeof what, "%s (%s), flinging the list of %s%s (%d px to scroll)", stage,
             lang_code(lang), longest >= 0 ? cats.name[longest] : prefix, longest >= 0 ? "" : "...",
             scroll ? ui_scroll_max_offset(scroll) : 0);
    if (!scroll || ui_scroll_max_offset(scroll) == 0) {
        printf("%s (%s): the list of %s... does not scroll\n", stage, lang_code(lang), prefix);
        ks_kiosk_ui_free(k);
        return true;
    }
    struct frame_log log;
    struct ui_frame_clock clock;
    ui_frame_clock_start(&clock, UI_FRAME_CLOCK_60HZ_US, bench_now_ns() / 1000);
    bool ok = frame_log_init(&log, rounds * 2 * FLING_MAX_FRAMES);
    for (int r = 0; ok && r < rounds; r++)
        ok = fling(k, rp, &clock, scroll, FLING_STEP_PX, &tree_now_ms, &log) &&
             fling(k, rp, &clock, scroll, -FLING_STEP_PX, &tree_now_ms, &log);
    if (!ok)
        fprintf(stderr, "%s: a fling did not move the list or did not stop\n", what);
    ok = ok && frame_log_report(&log, what, true);
    frame_log_free(&log);
    ks_kiosk_ui_free(k);
    return ok;
}

static bool screen_is(const ks_kiosk_ui *k, enum ks_screen screen)
{
    return ks_kiosk_ui_journey(k)->screen == screen;
}

/* A tap on the widget called name, then the frames of the screen change it makes, until the
 * transition ends; false when the screen shown then is not want, or came in one frame (a
 * transition spans several beats). */
static bool tap_through(ks_kiosk_ui *k, struct ui_render_png *rp, struct ui_frame_clock *clock,
                        const char *name, enum ks_screen want, double *now_ms,
                        struct frame_log *log)
{
    int first = log->n;
    bool ok = tap_at(k, ui_render_png_tree(rp), name, (uint64_t)*now_ms) &&
              frames_while_moving(k, rp, clock, NULL, now_ms, log) && screen_is(k, want);
    if (!ok || log->n - first < 2)
        fprintf(stderr,
                "a tap on %s did not lead to the %s screen through a transition (on %s, "
                "%d frames)\n",
                name, ks_screen_name(want), ks_screen_name(ks_kiosk_ui_journey(k)->screen),
                log->n - first);
    return ok && log->n - first >= 2;
}

/*
 * Screen changes with their animation, as the kiosk shows them (animate):
 * on the menu in lang a tap on an item opens its details and "back"
 * returns, rounds times; and a tap on "start" on a new attract screen,
 * rounds times. Every frame of each transition is timed on the real 60 Hz
 * beat, the first (which builds the next screen) included. False when a
 * screen did not come.
 */
static bool transition_frames(const ks_kiosk_ui_config *kc, struct ui_render_png *rp,
                              enum ks_lang lang, int rounds)
{
    ks_kiosk_ui_config animated = *kc;
    animated.animate = true;
    struct frame_log menu_log, start_log;
    struct ui_frame_clock clock;
    bool ok = frame_log_init(&menu_log, rounds * 2 * TRANSITION_MAX_FRAMES) &&
              frame_log_init(&start_log, rounds * TRANSITION_MAX_FRAMES);
    ks_kiosk_ui *k = ok ? staged(&animated, rp, "menu", lang, (uint64_t)tree_now_ms) : NULL;
    static struct names items;
    ok = k != NULL;
    if (ok)
        collect_names(k, "item:", &items);
    ui_frame_clock_start(&clock, UI_FRAME_CLOCK_60HZ_US, bench_now_ns() / 1000);
    for (int r = 0; ok && r < rounds; r++)
        ok = items.n > 0 &&
             tap_through(k, rp, &clock, items.name[0], KS_SCREEN_ITEM, &tree_now_ms, &menu_log) &&
             tap_through(k, rp, &clock, "back", KS_SCREEN_MENU, &tree_now_ms, &menu_log);
    ks_kiosk_ui_free(k);
    for (int r = 0; ok && r < rounds; r++) {
        k = staged(&animated, rp, "attract", lang, (uint64_t)tree_now_ms);
        ok = k && tap_through(k, rp, &clock, "start", KS_SCREEN_LANGUAGE, &tree_now_ms, &start_log);
        ks_kiosk_ui_free(k);
    }
    char what[320];
    snprintf(what, sizeof what, "menu (%s) to %s's details and back, %d transitions",
             lang_code(lang), ok ? items.name[0] : "an item", 2 * rounds);
    ok = ok && frame_log_report(&menu_log, what, true);
    snprintf(what, sizeof what, "attract (%s) to language, %d transitions", lang_code(lang),
             rounds);
    ok = ok && frame_log_report(&start_log, what, true);
    frame_log_free(&menu_log);
    frame_log_free(&start_log);
    return ok;
}

/* For every demonstration stage (but the self-checkout's): build + layout, and a full draw. */
static bool stage_figures(const ks_kiosk_ui_config *kc, struct ui_render_png *rp)
{
    for (size_t s = 0; s < ks_stage_count; s++) {
        if (ks_lane_stage_known(ks_stage_names[s]))
            continue; /* the self-checkout's: bench_lane_scan */
        double build[RUNS], draw[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ks_kiosk_ui *k = ks_kiosk_ui_new(kc, 0);
            char why[256];
            if (!k || !ks_stage_enter(k, ks_stage_names[s], i % 2 ? KS_LANG_EN : KS_LANG_AR, NULL,
                                      false, why, sizeof why)) {
                fprintf(stderr, "%s: cannot stage\n", ks_stage_names[s]);
                return false;
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
    return true;
}

/*
 * What moves under a finger, in English and Arabic, on the real 60 Hz beat:
 * flings through the menu's item list and, where they scroll, the item and
 * combo screens' (fling_rounds each), and the screen transitions
 * (transition_rounds each).
 */
static bool moving_frames(const ks_kiosk_ui_config *kc, struct ui_render_png *rp, int fling_rounds,
                          int transition_rounds)
{
    static const enum ks_lang langs[] = {KS_LANG_EN, KS_LANG_AR};
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof langs / sizeof langs[0]; i++)
        ok = fling_frames(kc, rp, "menu", "item:", langs[i], fling_rounds) &&
             fling_frames(kc, rp, "item", "option:", langs[i], fling_rounds) &&
             fling_frames(kc, rp, "combo", "slot:", langs[i], fling_rounds) &&
             transition_frames(kc, rp, langs[i], transition_rounds);
    return ok;
}

int main(int argc, char **argv)
{
    /* --check (the ctest smoke check): one fling and one of each transition, English and
     * Arabic, each run's figures checked made; none of the rest. */
    bool check = argc == 2 && strcmp(argv[1], "--check") == 0;
    if (argc > 1 && !check) {
        fputs("usage: bench_screens [--check]\n", stderr);
        return 2;
    }
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
    ks_kiosk_ui_config kc_loader = kc;
    kc_loader.tree = ui_render_png_tree(rp_loader);
    bool ok;
    if (check) {
        ok = moving_frames(&kc_loader, rp_loader, 1, 1);
    } else {
        printf("screens at 1080x1920, software renderer, %d runs each\n", RUNS);
        ok = stage_figures(&kc, rp) && steady_frames(&kc, rp, "attract") &&
             steady_frames(&kc, rp, "idle") && browse_frames(&kc, rp, KS_LANG_EN, false) &&
             browse_frames(&kc, rp, KS_LANG_AR, false) &&
             browse_frames(&kc_loader, rp_loader, KS_LANG_EN, true) &&
             browse_frames(&kc_loader, rp_loader, KS_LANG_AR, true) &&
             moving_frames(&kc_loader, rp_loader, FLING_ROUNDS, TRANSITION_ROUNDS);
    }
    if (!ok)
        return 1;
    printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    ks_services_free(services);
    ui_render_png_free(rp_loader);
    ui_render_png_free(rp);
    ks_catalog_free(cat);
    return 0;
}
