/*
 * Presenting only what changed (ui_window_present, ui/window.c) keeps the
 * X server's copy of the kiosk window exactly the frame drawn: under Xvfb,
 * with SDL's x11 driver and the software renderer drawing into the
 * window's shared-memory buffer, a screen is drawn whole and then changed
 * a little at a time (a label's text, a colour, a scroll that moves
 * pixels); after each present the window's pixels read back from the
 * server (XGetImage) must equal the buffer's. Before each present they
 * must differ, which shows that the comparison sees a missed area. And
 * the window's buffer is all mapped and written with the first frame's
 * background before the first frame is drawn (on a thread, off the first
 * frame's path), the X server paints the window that background itself,
 * so the first present sends only the rows that are not all background
 * and the window is still the frame, and Xlib's input method is given no
 * Compose table to parse (XCOMPOSEFILE), all on the way to the first frame
 * (kiosk/docs/ARCHITECTURE.md, "Start-up").
 *
 * The buffer is the kiosk's own image (ui/x11_image.c: a memfd the X
 * server maps, no System V segment), and all of the above holds the same
 * when the image is refused (KIOSK_X11_OWN_IMAGE=0: SDL's window surface,
 * a System V segment, and no memfd). A window resized gives its image up
 * for SDL's surface and still shows the frame; a window closed leaves no
 * image mapped or open in the kiosk and none mapped in the X server.
 */
#include "tests/support/check.h"
#include "tests/support/xvfb.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <SDL2/SDL_syswm.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include "ui/text.h"
#include "ui/theme.h"
#include "ui/tree.h"
#include "ui/w_container.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/window.h"

/* As in test_x11_wm.c: libdbus keeps the session bus's buffers until exit. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libdbus-1.so\n";
}

/* Pixels of the window that differ between the X server and the buffer s; -1 on error. */
static long differing_pixels(Display *d, Window xw, SDL_Surface *s)
{
    XImage *img = XGetImage(d, xw, 0, 0, (unsigned)s->w, (unsigned)s->h, AllPlanes, ZPixmap);
    if (!img)
        return -1;
    long differ = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            Uint32 mine = ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
            Uint8 r, g, b;
            SDL_GetRGB(mine, s->format, &r, &g, &b);
            unsigned long theirs = XGetPixel(img, x, y);
            differ +=
                ((theirs >> 16) & 0xff) != r || ((theirs >> 8) & 0xff) != g || (theirs & 0xff) != b;
        }
    XDestroyImage(img);
    return differ;
}

/* Pages of the surface's pixels not mapped in this process (mincore); -1 on error. */
static long pages_not_resident(const SDL_Surface *s)
{
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t start = (uintptr_t)s->pixels & ~(uintptr_t)(page - 1);
    uintptr_t end = (uintptr_t)s->pixels + (uintptr_t)s->pitch * (uintptr_t)s->h;
    size_t n = (end - start + (uintptr_t)page - 1) / (uintptr_t)page;
    unsigned char *in = malloc(n);
    if (!in || mincore((void *)start, end - start, in) != 0) {
        free(in);
        return -1;
    }
    long missing = 0;
    for (size_t i = 0; i < n; i++)
        missing += !(in[i] & 1);
    free(in);
    return missing;
}

/* Pixels of s that are not c; -1 on error. */
static long pixels_not(const SDL_Surface *s, SDL_Color c)
{
    if (s->format->BytesPerPixel != 4)
        return -1;
    long differ = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            Uint8 r, g, b;
            SDL_GetRGB(((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x], s->format,
                       &r, &g, &b);
            differ += r != c.r || g != c.g || b != c.b;
        }
    return differ;
}

/* Lines of /proc/PID/maps (0: this process's) naming what, or -1 when unreadable. */
static int maps_lines_with(pid_t pid, const char *what)
{
    char path[64], line[512];
    snprintf(path, sizeof path, pid ? "/proc/%ld/maps" : "/proc/self/maps", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int n = 0;
    while (fgets(line, sizeof line, f))
        n += strstr(line, what) != NULL;
    fclose(f);
    return n;
}

/* This process's open descriptors that are the kiosk's frame memfd; -1 when unreadable. */
static int frame_memfds_open(void)
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        char path[300], target[256];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t len = readlink(path, target, sizeof target - 1);
        if (len > 0) {
            target[len] = '\0';
            n += strstr(target, "memfd:kiosk-frame") != NULL;
        }
    }
    closedir(dir);
    return n;
}

/* The screen: a title, a status line, and a scroll view of 30 rows. */
static struct ui_widget *screen(struct ui_widget **status, struct ui_widget **scroll)
{
    struct ui_widget *root = ui_column_new(8);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_widget_add(root, ui_label_new("Menu — القائمة", UI_TYPE_TITLE));
    *status = ui_label_new("Ready", UI_TYPE_BODY);
    ui_widget_add(root, *status);
    /* Rows of nothing but the background, which the first present leaves to the X server. */
    struct ui_widget *gap = ui_column_new(0);
    ui_widget_set_size(gap, UI_SIZE_AUTO, 400);
    ui_widget_add(root, gap);
    *scroll = ui_scroll_new();
    ui_widget_set_size(*scroll, UI_SIZE_AUTO, UI_SIZE_FILL);
    struct ui_widget *rows = ui_column_new(12);
    for (int i = 0; i < 30; i++) {
        char text[64];
        snprintf(text, sizeof text, "Row %d: برجر لحم %d ر.س", i, 10 + i);
        ui_widget_add(rows, ui_label_new(text, UI_TYPE_TITLE));
    }
    ui_widget_add(*scroll, rows);
    ui_widget_add(root, *scroll);
    return root;
}

/* A portrait Xvfb for SDL, its windows' own image allowed or refused; its pid, or -1. */
/* The repository's fonts on win's renderer (*text, NULL when none) and a 1080 x 1920 tree on
 * them (NULL when none). */
static struct ui_tree *tree_on(struct ui_window *win, const struct ui_theme *theme,
                               struct ui_text **text)
{
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    *text = win ? ui_text_new(fonts, ui_window_renderer(win), NULL) : NULL;
    return *text ? ui_tree_new(ui_window_renderer(win), *text, theme, 1080, 1920, NULL) : NULL;
}

static pid_t start_server(bool own_image, char *display, size_t cap)
{
    if (own_image)
        unsetenv("KIOSK_X11_OWN_IMAGE");
    else
        setenv("KIOSK_X11_OWN_IMAGE", "0", 1);
    return xvfb_start_for_sdl("1080x1920x24", display, cap);
}

static void changed_areas_reach_the_server(bool own_image)
{
    char display[32];
    pid_t xvfb = start_server(own_image, display, sizeof display);
    CHECK(xvfb > 0); /* returns when not */
    struct ui_theme theme;
    ui_theme_defaults(&theme);
    /* The screen's background, as the kiosk gives its attract screen's. */
    const SDL_Color background = ui_theme_color(&theme, UI_COLOR_BACKGROUND);
    const struct ui_window_config wc = {
        .kiosk = true, .orientation = UI_ORIENTATION_PORTRAIT, .first_fill = background};
    unsetenv("XCOMPOSEFILE");
    struct ui_window *win = ui_window_new(&wc);
    CHECK(win != NULL);
    ui_window_wait_fill(win);
    const char *compose = getenv("XCOMPOSEFILE");
    CHECK(compose && strcmp(compose, "/dev/null") == 0);
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    SDL_Window *sw = ui_window_sdl(win);
    bool wm = sw && SDL_GetWindowWMInfo(sw, &info) && info.subsystem == SDL_SYSWM_X11;
    CHECK(wm);
    /* The kiosk's own image, or SDL's System V segment when the image is refused. */
    const char *note = ui_window_buffer_note(win);
    if (own_image) {
        if (strncmp(note, "the kiosk's own image", 21) != 0)
            fprintf(stderr, "  %s\n", note);
        CHECK(strncmp(note, "the kiosk's own image", 21) == 0);
        CHECK_EQ_INT(maps_lines_with(0, "/memfd:kiosk-frame"), 1);
        CHECK_EQ_INT(frame_memfds_open(), 1);
        CHECK_EQ_INT(maps_lines_with(0, "SYSV"), 0);
    } else {
        CHECK(strcmp(note, "SDL's window surface: KIOSK_X11_OWN_IMAGE=0") == 0);
        CHECK_EQ_INT(maps_lines_with(0, "/memfd:kiosk-frame"), 0);
        CHECK_EQ_INT(maps_lines_with(0, "SYSV"), 1);
    }
    SDL_Surface *s = ui_window_surface(win);
    CHECK(s != NULL); /* the whole screen, pixel for pixel: presents go by area */
    if (s) {
        CHECK_EQ_INT(pages_not_resident(s), 0);     /* mapped before anything is drawn */
        CHECK_EQ_INT(pixels_not(s, background), 0); /* and written once, with the background */
    }
    struct ui_text *text = NULL;
    struct ui_tree *t = s ? tree_on(win, &theme, &text) : NULL;
    CHECK(t != NULL);
    Display *d = wm ? XOpenDisplay(display) : NULL;
    struct ui_widget *status = NULL, *scroll = NULL;
    if (t && d) {
        ui_tree_set_pixels(t, s);
        ui_tree_set_root(t, screen(&status, &scroll));
        ui_tree_update(t, 0);
        /* Before any present, the X server has painted the window's background itself. */
        CHECK_EQ_INT(differing_pixels(d, info.info.x11.window, s), 0);
        CHECK(ui_tree_render(t, NULL));
        SDL_RenderFlush(ui_window_renderer(win));
        /* A row of background but for its last pixel (the screen's last): a band too. */
        Uint32 *corner = (Uint32 *)((Uint8 *)s->pixels + (size_t)(s->h - 1) * (size_t)s->pitch);
        corner[s->w - 1] ^= 0xFFFFFF;
        /* The first present sends the rows that are not all background, and the window is the
         * frame. */
        CHECK(differing_pixels(d, info.info.x11.window, s) > 0);
        ui_window_present(win, t);
        CHECK_EQ_INT(differing_pixels(d, info.info.x11.window, s), 0);

        /* Each change: drawn (not yet on the server), presented by area, then equal. */
        for (int step = 0; step < 6; step++) {
            if (step < 3) { /* the status line: its text, then its colour */
                char line[64];
                snprintf(line, sizeof line, "Paid %d — تم الدفع", step);
                ui_label_set_text(status, line);
                ui_label_set_color(status, step == 1 ? UI_COLOR_PRIMARY : UI_COLOR_TEXT);
            } else { /* the rows scrolled: pixels moved, the uncovered strip drawn */
                CHECK(ui_scroll_max_offset(scroll) > 120);
                ui_scroll_set_offset(scroll, 40 * (step - 2));
            }
            ui_tree_update(t, 16 * (uint64_t)(step + 1));
            struct ui_frame_stats st;
            CHECK(ui_tree_render(t, &st));
            const SDL_Rect *areas = NULL;
            int n = ui_tree_changed_areas(t, &areas);
            CHECK(n > 0 && st.pixels < 1080L * 1920L); /* a part of the screen, not all */
            if (step >= 3)
                CHECK(st.moved > 0);
            CHECK(differing_pixels(d, info.info.x11.window, s) > 0);
            ui_window_present(win, t);
            CHECK_EQ_INT(differing_pixels(d, info.info.x11.window, s), 0);
        }
        /* The X server maps the image it reads (a memfd, or SDL's segment). */
        CHECK_EQ_INT(maps_lines_with(xvfb, "/memfd:kiosk-frame"), own_image ? 1 : 0);
    }
    ui_tree_free(t);
    ui_text_free(text);
    ui_window_free(win);
    /* Closed: the image unmapped and its memfd closed here, detached in the server. */
    CHECK_EQ_INT(maps_lines_with(0, "/memfd:kiosk-frame"), 0);
    CHECK_EQ_INT(frame_memfds_open(), 0);
    if (d) {
        /* ui_window_free waited for the server to handle the detach (a round trip). */
        CHECK_EQ_INT(maps_lines_with(xvfb, "/memfd:kiosk-frame"), 0);
        XCloseDisplay(d);
    }
    SDL_Quit();
    xvfb_stop(xvfb);
    unsetenv("KIOSK_X11_OWN_IMAGE");
}

static void test_changed_areas_reach_the_server(void)
{
    changed_areas_reach_the_server(true);
}

static void test_own_image_refused(void)
{
    changed_areas_reach_the_server(false);
}

/*
 * A development window at full size draws into the kiosk's own image;
 * resized, it gives the image up for SDL's window surface (the renderer
 * follows it, scaled), and the frame presented whole is what the server
 * shows; resized again, SDL replaces its surface and the renderer follows.
 */
static void test_resize_falls_back_to_sdl(void)
{
    char display[32];
    pid_t xvfb = start_server(true, display, sizeof display);
    CHECK(xvfb > 0); /* returns when not */
    struct ui_theme theme;
    ui_theme_defaults(&theme);
    const struct ui_window_config wc = {.orientation = UI_ORIENTATION_PORTRAIT,
                                        .window_percent = 100};
    struct ui_window *win = ui_window_new(&wc);
    CHECK(win != NULL);
    CHECK(strncmp(ui_window_buffer_note(win), "the kiosk's own image", 21) == 0);
    struct ui_text *text = NULL;
    struct ui_tree *t = tree_on(win, &theme, &text);
    CHECK(t != NULL);
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    SDL_Window *sw = ui_window_sdl(win);
    Display *d = sw && SDL_GetWindowWMInfo(sw, &info) ? XOpenDisplay(display) : NULL;
    CHECK(d != NULL);
    struct ui_widget *status = NULL, *scroll = NULL;
    if (t && d) {
        ui_tree_set_root(t, screen(&status, &scroll));
        const int sizes[][2] = {{540, 960}, {720, 1280}};
        for (int i = 0; i < 2; i++) {
            SDL_SetWindowSize(sw, sizes[i][0], sizes[i][1]);
            SDL_PumpEvents();
            ui_tree_set_pixels(t, ui_window_surface(win)); /* scaled now: NULL */
            CHECK(ui_window_surface(win) == NULL);
            CHECK(strcmp(ui_window_buffer_note(win),
                         "SDL's window surface: the window was resized to 540 x 960") == 0);
            ui_tree_invalidate_all(t);
            ui_tree_update(t, 16 * (uint64_t)(i + 1));
            CHECK(ui_tree_render(t, NULL));
            ui_window_present(win, t);
            SDL_Surface *s = SDL_GetWindowSurface(sw); /* the one the renderer drew into */
            CHECK(s && s->w == sizes[i][0] && s->h == sizes[i][1]);
            CHECK(s && pixels_not(s, ui_theme_color(&theme, UI_COLOR_BACKGROUND)) > 0);
            if (s)
                CHECK_EQ_INT(differing_pixels(d, info.info.x11.window, s), 0);
        }
        CHECK_EQ_INT(maps_lines_with(0, "/memfd:kiosk-frame"), 0);
        CHECK_EQ_INT(frame_memfds_open(), 0);
    }
    if (d)
        XCloseDisplay(d);
    ui_tree_free(t);
    ui_text_free(text);
    ui_window_free(win);
    SDL_Quit();
    xvfb_stop(xvfb);
}

static const struct check_case cases[] = {
    {"changed areas reach the X server", test_changed_areas_reach_the_server},
    {"own image refused: SDL's surface, the same pixels", test_own_image_refused},
    {"a resize falls back to SDL's surface", test_resize_falls_back_to_sdl},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
