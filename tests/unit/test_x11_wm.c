/*
 * The kiosk window on an X server without a window manager (ui/x11_wm.c,
 * ui/window.c): under a bare Xvfb no manager is found and the kiosk window
 * opens borderless at the screen's size, without SDL's fullscreen request
 * (whose answer SDL would wait for in vain); once a manager announces
 * itself (_NET_SUPPORTING_WM_CHECK on the root window, set here as a
 * manager does) it is found and the window asks for fullscreen again.
 */
#include "tests/support/check.h"
#include "tests/support/xvfb.h"

#include <stdlib.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>

#include "ui/window.h"
#include "ui/x11_wm.h"

/*
 * As tests/support/lsan.supp, for this process (its LSAN_OPTIONS are read
 * before main): SDL's X11 driver opens a session bus whose buffers libdbus
 * keeps until exit. Read by LeakSanitizer only.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libdbus-1.so\n";
}

/*
 * A kiosk window on the display (opened hidden when hidden), its SDL flags,
 * and it closed again; 0 when it did not open.
 */
static Uint32 kiosk_window_flags(bool hidden, int *w, int *h)
{
    const struct ui_window_config wc = {
        .kiosk = true, .orientation = UI_ORIENTATION_PORTRAIT, .hidden = hidden};
    struct ui_window *win = ui_window_new(&wc);
    if (!win) {
        fprintf(stderr, "  no window: %s\n", SDL_GetError());
        return 0;
    }
    SDL_Window *window = ui_window_sdl(win);
    Uint32 flags = SDL_GetWindowFlags(window);
    SDL_GetWindowSize(window, w, h);
    ui_window_free(win);
    return flags;
}

/* Announces a window manager on display as EWMH says: a child window named on the root. */
static Display *pretend_window_manager(const char *display)
{
    Display *d = XOpenDisplay(display);
    if (!d)
        return NULL;
    Window root = DefaultRootWindow(d);
    Window child = XCreateSimpleWindow(d, root, 0, 0, 1, 1, 0, 0, 0);
    Atom check = XInternAtom(d, "_NET_SUPPORTING_WM_CHECK", False);
    XChangeProperty(d, root, check, XA_WINDOW, 32, PropModeReplace, (unsigned char *)&child, 1);
    XChangeProperty(d, child, check, XA_WINDOW, 32, PropModeReplace, (unsigned char *)&child, 1);
    XSync(d, False);
    return d;
}

static void test_kiosk_window_without_a_manager(void)
{
    char display[32];
    pid_t xvfb = xvfb_start_for_sdl("1080x1920x24", display, sizeof display);
    if (xvfb <= 0) {
        CHECK(xvfb > 0);
        return;
    }

    Display *d = XOpenDisplay(display);
    CHECK(d != NULL);
    CHECK(!ui_x11_wm_running(d));
    int w = 0, h = 0;
    Uint32 flags = kiosk_window_flags(false, &w, &h);
    CHECK(flags & SDL_WINDOW_BORDERLESS);
    CHECK(!(flags & SDL_WINDOW_FULLSCREEN));
    CHECK(!(flags & SDL_WINDOW_HIDDEN)); /* made unmapped for the check, then mapped */
    CHECK_EQ_INT(w, 1080);
    CHECK_EQ_INT(h, 1920);
    /* One opened hidden stays so until ui_window_show (the kiosk's first frame). */
    flags = kiosk_window_flags(true, &w, &h);
    CHECK(flags & SDL_WINDOW_BORDERLESS);
    CHECK(flags & SDL_WINDOW_HIDDEN);

    Display *manager = pretend_window_manager(display);
    CHECK(manager != NULL);
    CHECK(ui_x11_wm_running(d));
    flags = kiosk_window_flags(false, &w, &h);
    CHECK((flags & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN_DESKTOP);
    if (manager)
        XCloseDisplay(manager);

    if (d)
        XCloseDisplay(d);
    /* No display says nothing: assume a manager, and wait for it. */
    CHECK(ui_x11_wm_running(NULL));
    SDL_Quit();
    xvfb_stop(xvfb);
}

static const struct check_case cases[] = {
    {"no fullscreen request where no window manager runs", test_kiosk_window_without_a_manager},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
