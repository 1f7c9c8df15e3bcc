/*
 * A program whose screen changes at known moments, for checking bench_first_frame's
 * answers (tests/bench/first_frame_steps.sh): a window the size of the screen,
 * left undrawn for STEP_MS (a slow start), then grey, its final picture STEP_MS
 * later; a click in its left half shows blue at once and green STEP_MS later,
 * a click in the right half changes nothing. With "loop" it never settles: after the grey it
 * changes colour every 50 ms until killed.
 *
 *   paint_steps [loop]
 */
#include <X11/Xlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#define STEP_MS 1000

static void fill(Display *dpy, Window win, GC gc, unsigned long rgb, int w, int h)
{
    XSetForeground(dpy, gc, rgb);
    XFillRectangle(dpy, win, gc, 0, 0, (unsigned)w, (unsigned)h);
    XSync(dpy, False);
}

int main(int argc, char **argv)
{
    bool loop = argc > 1 && strcmp(argv[1], "loop") == 0;
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy)
        return 1;
    int screen = DefaultScreen(dpy);
    int w = DisplayWidth(dpy, screen), h = DisplayHeight(dpy, screen);
    /* No background: nothing reaches the screen until the first fill. */
    Window win =
        XCreateSimpleWindow(dpy, RootWindow(dpy, screen), 0, 0, (unsigned)w, (unsigned)h, 0, 0, 0);
    XSetWindowBackgroundPixmap(dpy, win, None);
    XSelectInput(dpy, win, ExposureMask | ButtonPressMask);
    GC gc = XCreateGC(dpy, win, 0, NULL);
    XMapWindow(dpy, win);
    XEvent ev;
    do
        XNextEvent(dpy, &ev);
    while (ev.type != Expose);
    usleep(STEP_MS * 1000);
    fill(dpy, win, gc, 0x808080, w, h);
    if (loop)
        for (unsigned long i = 0;; i++) {
            usleep(50 * 1000);
            fill(dpy, win, gc, i % 2 ? 0xb71c1c : 0x1c1cb7, w, h);
        }
    usleep(STEP_MS * 1000);
    fill(dpy, win, gc, 0xb71c1c, w, h);
    for (;;) {
        XNextEvent(dpy, &ev);
        if (ev.type != ButtonPress || ev.xbutton.x >= w / 2)
            continue;
        fill(dpy, win, gc, 0x1c1cb7, w, h);
        usleep(STEP_MS * 1000);
        fill(dpy, win, gc, 0x1cb71c, w, h);
    }
}
