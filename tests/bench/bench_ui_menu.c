/*
 * The menu screen under a kinetic scroll: a 1080 x 1920 software-rendered
 * window (SDL's offscreen driver unless SDL_VIDEODRIVER says otherwise)
 * with a category rail and a scroll view of 40 item cards (pictures from
 * assets/pictures/restaurant, Arabic and English titles, prices), flung up
 * and down for 300 frames of 16 ms with injected time.
 *
 * Prints frame time (update + render + present: median, p99), the time of
 * a whole-screen redraw (a category change), of a tap's feedback frame
 * (a card pressed or released: a small area drawn and presented), time to
 * the first presented frame (from main, and from process start as the
 * kernel records it, to its 10 ms tick), peak RSS, pixels redrawn per
 * frame, and the text and picture cache hit rates. KIOSK_BENCH_PNG=FILE
 * also saves the last frame.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/bench_util.h"
#include "kiosk/screens/theme_file.h"
#include "ui/input.h"
#include "ui/png.h"
#include "ui/tree.h"
#include "ui/w_button.h"
#include "ui/w_card.h"
#include "ui/w_container.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/window.h"

#define FRAMES 300
#define FRAME_MS 16
#define CARDS 40
#define TAPS 40
#define MAX_PICTURES 64
#define RIYAL "\xE2\x83\x81"

static const char *const arabic_titles[] = {
    "برجر لحم مشوي",    "شاورما دجاج",   "بروستد ٤ قطع", "فلافل بالطحينة",
    "عصير برتقال طازج", "كنافة بالقشطة", "سلطة فتوش",    "بطاطس مقلية كبيرة",
};
static const char *const english_titles[] = {
    "Grilled Beef Burger", "Chicken Shawarma",  "Broast, 4 pieces", "Falafel with Tahini",
    "Fresh Orange Juice",  "Kunafa with Cream", "Fattoush Salad",   "Large Fries",
};
static const char *const categories[] = {
    "الأكثر طلبًا", "برجر", "دجاج", "وجبات", "مشروبات", "حلويات", "إفطار", "أطفال",
};

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Item pictures of assets/pictures/restaurant, sorted; 0 if none. */
static int find_pictures(const char *root, char **paths)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/assets/pictures/restaurant", root);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < MAX_PICTURES;) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".png") != 0 ||
            strncmp(e->d_name, "category-", 9) == 0)
            continue;
        size_t need = strlen(dir) + len + 2;
        paths[n] = malloc(need);
        if (!paths[n])
            break;
        snprintf(paths[n], need, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(paths, (size_t)n, sizeof *paths, compare_names);
    return n;
}

static struct ui_widget *build_menu(char **pictures, int n_pictures, struct ui_widget **scroll)
{
    struct ui_widget *root = ui_row_new(0);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_container_set_align(root, UI_ALIGN_STRETCH);

    struct ui_widget *rail = ui_widget_add(root, ui_column_new(12));
    ui_widget_set_size(rail, 240, UI_SIZE_FILL);
    ui_widget_set_padding(rail, (struct ui_insets){40, 40, 16, 16});
    ui_container_set_background(rail, UI_COLOR_SURFACE_ALT, 0);
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
        ui_widget_add(rail,
                      ui_button_new(categories[i], i == 1 ? UI_BUTTON_PRIMARY : UI_BUTTON_GHOST));

    struct ui_widget *main = ui_widget_add(root, ui_column_new(24));
    ui_widget_set_size(main, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(main, (struct ui_insets){40, 0, 32, 32});
    struct ui_widget *title = ui_widget_add(main, ui_label_new("برجر · Burgers", UI_TYPE_TITLE));
    ui_label_set_weight(title, UI_FONT_BOLD);
    ui_label_set_align(title, UI_LABEL_ALIGN_START);
    *scroll = ui_widget_add(main, ui_scroll_new());
    ui_widget_set_size(*scroll, UI_SIZE_AUTO, UI_SIZE_FILL);
    struct ui_widget *grid = ui_widget_add(*scroll, ui_grid_new(3, 24));
    ui_widget_set_padding(grid, (struct ui_insets){8, 40, 0, 0});
    for (int i = 0; i < CARDS; i++) {
        char price[32];
        snprintf(price, sizeof price, RIYAL " %d.%02d", 9 + (i * 7) % 40, (i * 25) % 100);
        bool arabic_first = i % 2 == 0;
        struct ui_card_content c = {
            .image = n_pictures ? pictures[i % n_pictures] : NULL,
            .title = arabic_first ? arabic_titles[i % 8] : english_titles[i % 8],
            .subtitle = arabic_first ? english_titles[i % 8] : arabic_titles[i % 8],
            .price = price,
            .badge = i % 5 == 0 ? "جديد" : NULL,
        };
        ui_widget_add(grid, ui_card_new(&c));
    }
    return root;
}

/* Milliseconds since the kernel started this process (to its clock tick), or -1. */
static double since_process_start_ms(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f)
        return -1;
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* Field 22 (starttime), counted after the parenthesised command name. */
    char *p = strrchr(buf, ')');
    for (int field = 2; p && field < 22; field++)
        p = strchr(p + 1, ' ');
    if (!p)
        return -1;
    char *end;
    unsigned long long ticks = strtoull(p + 1, &end, 10);
    if (end == p + 1)
        return -1;
    struct timespec now;
    clock_gettime(CLOCK_BOOTTIME, &now);
    double now_ms = now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
    return now_ms - (double)ticks * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

/*
 * The gesture for frame f: a fling every 60 frames, alternately up and
 * down: a finger down, 6 frames moving 110 px each, up; then it coasts.
 */
static void inject_input(struct ui_tree *tree, int f, uint64_t now)
{
    int phase = f % 60, dir = (f / 60) % 2 == 0 ? -1 : 1;
    int x = 660, y0 = dir < 0 ? 1500 : 500;
    if (phase == 0)
        ui_input_pointer(tree, UI_POINTER_DOWN, x, y0, now);
    else if (phase <= 6)
        ui_input_pointer(tree, UI_POINTER_MOVE, x, y0 + dir * 110 * phase, now);
    else if (phase == 7)
        ui_input_pointer(tree, UI_POINTER_UP, x, y0 + dir * 110 * 6, now);
}

int main(void)
{
    int64_t t_main = bench_now_ns();
    const char *root_dir = getenv("KIOSK_SOURCE_DIR");
    root_dir = root_dir && *root_dir ? root_dir : ".";
    setenv("SDL_VIDEODRIVER", getenv("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER") : "offscreen",
           1);

    char path[4096];
    struct ui_theme theme;
    ks_ini_error err;
    ui_theme_defaults(&theme);
    snprintf(path, sizeof path, "%s/assets/theme/default.ini", root_dir);
    if (!ks_theme_load(&theme, path, &err)) {
        fprintf(stderr, "%s:%d: %s\n", path, err.line, err.message);
        return 1;
    }
    struct ui_window_config wc = {.orientation = UI_ORIENTATION_PORTRAIT, .window_percent = 100};
    int64_t t_theme = bench_now_ns();
    struct ui_window *win = ui_window_new(&wc);
    if (!win) {
        fprintf(stderr, "window: %s\n", SDL_GetError());
        return 1;
    }
    int64_t t_window = bench_now_ns();
    snprintf(path, sizeof path, "%s/assets/fonts", root_dir);
    struct ui_text *text = ui_text_new(path, ui_window_renderer(win), NULL);
    struct ui_tree_config tc = {.threaded_images = true};
    struct ui_tree *tree = text ? ui_tree_new(ui_window_renderer(win), text, &theme,
                                              ui_window_width(win), ui_window_height(win), &tc)
                                : NULL;
    int64_t t_fonts = bench_now_ns();
    char *pictures[MAX_PICTURES];
    int n_pictures = find_pictures(root_dir, pictures);
    struct ui_widget *scroll = NULL;
    if (!tree || !ui_tree_set_root(tree, build_menu(pictures, n_pictures, &scroll))) {
        fprintf(stderr, "cannot build the screen (fonts in %s?)\n", path);
        return 1;
    }
    ui_tree_set_dir(tree, UI_DIR_RTL);
    ui_tree_set_pixels(tree, ui_window_surface(win));

    uint64_t now = 0;
    int64_t t_built = bench_now_ns();
    ui_tree_update(tree, now);
    ui_tree_render(tree, NULL);
    ui_window_present(win, tree);
    double first_main_ms = (double)(bench_now_ns() - t_main) / 1e6;
    double first_process_ms = since_process_start_ms();

    double frame_ms[FRAMES];
    int64_t pixels = 0, moved = 0;
    int max_offset = ui_scroll_max_offset(scroll), lowest = max_offset, highest = 0;
    for (int f = 0; f < FRAMES; f++) {
        now += FRAME_MS;
        int64_t t0 = bench_now_ns();
        inject_input(tree, f, now);
        ui_tree_update(tree, now);
        struct ui_frame_stats st;
        if (ui_tree_render(tree, &st))
            ui_window_present(win, tree);
        frame_ms[f] = (double)(bench_now_ns() - t0) / 1e6;
        pixels += st.pixels;
        moved += st.moved;
        int off = ui_scroll_offset(scroll);
        lowest = off < lowest ? off : lowest;
        highest = off > highest ? off : highest;
    }

    /* A whole-screen redraw, as after a category change, once the pictures are in. */
    ui_images_wait(ui_tree_images(tree));
    double full_ms[20];
    for (int i = 0; i < 20; i++) {
        now += FRAME_MS;
        int64_t t0 = bench_now_ns();
        ui_tree_update(tree, now);
        ui_tree_invalidate_all(tree);
        ui_tree_render(tree, NULL);
        ui_window_present(win, tree);
        full_ms[i] = (double)(bench_now_ns() - t0) / 1e6;
    }

    /*
     * A tap's feedback: a card pressed, then released, each its own frame (a small area
     * redrawn, and with a window that allows it presented alone: ui_window_present).
     */
    double tap_ms[2 * TAPS];
    int64_t tap_pixels = 0;
    for (int i = 0; i < 2 * TAPS; i++) {
        now += FRAME_MS;
        int64_t t0 = bench_now_ns();
        ui_input_pointer(tree, i % 2 ? UI_POINTER_UP : UI_POINTER_DOWN, 300, 900, now);
        ui_tree_update(tree, now);
        struct ui_frame_stats st;
        if (ui_tree_render(tree, &st))
            ui_window_present(win, tree);
        tap_ms[i] = (double)(bench_now_ns() - t0) / 1e6;
        tap_pixels += st.pixels;
    }

    printf("menu screen 1080x1920, %d cards, %d pictures, software renderer (%s)\n", CARDS,
           n_pictures, SDL_GetCurrentVideoDriver());
    bench_report("frame (update+render+present)", frame_ms, FRAMES, "ms");
    bench_report("full redraw", full_ms, 20, "ms");
    bench_report("tap feedback (a card pressed or released)", tap_ms, 2 * TAPS, "ms");
    printf("  per tap frame %.0f pixels redrawn and presented (%.1f%% of the screen)\n",
           (double)tap_pixels / (2 * TAPS),
           100.0 * (double)tap_pixels / (2 * TAPS) / (1080.0 * 1920.0));
    printf("first frame: %.1f ms after main, %.0f ms after process start (10 ms tick)\n",
           first_main_ms, first_process_ms);
    printf("  of which: theme %.1f ms, window %.1f ms, fonts %.1f ms, screen built %.1f ms, "
           "first layout and render %.1f ms\n",
           (double)(t_theme - t_main) / 1e6, (double)(t_window - t_theme) / 1e6,
           (double)(t_fonts - t_window) / 1e6, (double)(t_built - t_fonts) / 1e6,
           first_main_ms - (double)(t_built - t_main) / 1e6);
    printf("scrolled over offsets %d..%d of %d; per frame %.0f pixels redrawn (%.1f%% of the "
           "screen), %.0f moved\n",
           lowest, highest, max_offset, (double)pixels / FRAMES,
           100.0 * (double)pixels / FRAMES / (1080.0 * 1920.0), (double)moved / FRAMES);
    struct ui_cache_stats shaping, glyphs, images;
    ui_text_stats(text, &shaping, &glyphs);
    ui_images_stats(ui_tree_images(tree), &images);
    printf("text cache: shaping hit rate %.1f%% (%zu entries, %zu KiB), glyph hit rate %.1f%%\n",
           100.0 * ui_cache_stats_hit_rate(&shaping), shaping.entries, shaping.bytes / 1024,
           100.0 * ui_cache_stats_hit_rate(&glyphs));
    printf("picture cache: hit rate %.1f%%, %zu entries, %zu KiB of %zu KiB\n",
           100.0 * ui_cache_stats_hit_rate(&images), images.entries, images.bytes / 1024,
           images.budget / 1024);
    printf("glyph atlas: %zu KiB\n", glyphs.bytes / 1024);
    printf("peak RSS: %.1f MiB, RSS at the end (pictures loaded): %.1f MiB\n",
           bench_peak_rss_kib() / 1024.0, bench_rss_kib() / 1024.0);
    /* KIOSK_BENCH_PNG=file keeps a screenshot of the last frame, to look at. */
    const char *shot = getenv("KIOSK_BENCH_PNG");
    if (shot && *shot && !ui_png_write_surface(shot, ui_window_surface(win)))
        fprintf(stderr, "%s: cannot write the screenshot\n", shot);

    ui_tree_free(tree);
    ui_text_free(text);
    ui_window_free(win);
    for (int i = 0; i < n_pictures; i++)
        free(pictures[i]);
    SDL_Quit();
    return 0;
}
