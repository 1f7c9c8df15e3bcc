/*
 * The kiosk's window. Kiosk mode: fullscreen on the whole display, no
 * cursor, no screen saver, the keyboard grabbed, and no way out through
 * the window system (Alt+F4 and other close requests are ignored unless
 * allow_quit is set; SDL installs no signal handlers, so SIGTERM from the
 * service manager still ends the process). Development mode: an ordinary,
 * resizable window at a fraction of the screen's size.
 *
 * The screen is drawn at a fixed logical size, 1080 x 1920 in portrait or
 * 1920 x 1080 in landscape, scaled to the window. Rendering is software by
 * default (the appliance has no GPU to rely on). Works with any SDL video
 * driver: x11, wayland, kmsdrm, and offscreen or dummy for tests.
 */
#ifndef UI_WINDOW_H
#define UI_WINDOW_H

#include <stdbool.h>

#include <SDL2/SDL.h>

#include "ui/tree.h"

enum ui_orientation {
    UI_ORIENTATION_AUTO, /* from the display's shape; landscape when unknown */
    UI_ORIENTATION_PORTRAIT,
    UI_ORIENTATION_LANDSCAPE,
};

struct ui_window_config {
    bool kiosk;       /* fullscreen kiosk mode; false: development window */
    bool allow_quit;  /* honour close requests in kiosk mode (service builds) */
    bool accelerated; /* try a GPU renderer, falling back to software */
    enum ui_orientation orientation;
    int window_percent; /* development window: percent of the logical size; 0: 50 */
    const char *title;  /* NULL: "Kiosk" */
    /* Opened unmapped under X11 (nothing on the screen) until ui_window_show; other drivers
     * show it at once. */
    bool hidden;
    /*
     * The colour most of the first frame is (the first screen's background):
     * a software window's new buffer is filled with it on a thread of its
     * own while the caller goes on (ui_window_wait_fill). Alpha 0: not filled.
     */
    SDL_Color first_fill;
};

struct ui_window;

/*
 * Initialises SDL's video subsystem and opens the window and renderer.
 * NULL on failure; SDL_GetError() says why.
 */
struct ui_window *ui_window_new(const struct ui_window_config *cfg);

/*
 * Waits for the fill of the window's new buffer (ui_window_config's
 * first_fill) to end. Call it before anything draws into the window or
 * SDL's events are read (a resize would replace the buffer the fill
 * writes); ui_window_present and ui_window_free wait too. Returns at once
 * after the first call, or when no fill runs; accepts NULL.
 */
void ui_window_wait_fill(struct ui_window *win);

/* Maps a window opened hidden (ui_window_config); else nothing. Accepts NULL. */
void ui_window_show(struct ui_window *win);

/* Destroys the renderer and window and quits the video subsystem; accepts NULL. */
void ui_window_free(struct ui_window *win);

SDL_Renderer *ui_window_renderer(const struct ui_window *win);
/* Logical size: what a ui_tree for this window should be. */
int ui_window_width(const struct ui_window *win);
int ui_window_height(const struct ui_window *win);
/* True when drawing in software (every frame keeps the last one's pixels). */
bool ui_window_is_software(const struct ui_window *win);

/*
 * The surface the software renderer draws into, when it is pixel for
 * pixel the logical screen (no scaling); NULL otherwise. For
 * ui_tree_set_pixels(). Borrowed; valid until the window is resized: ask
 * again after SDL_WINDOWEVENT_SIZE_CHANGED (under X11 a resize gives the
 * kiosk's own image up for SDL's window surface, here or at the next
 * present).
 */
SDL_Surface *ui_window_surface(struct ui_window *win);

/*
 * What the software renderer draws into and why, in words, for the
 * program's log: "the kiosk's own image (a memfd attached with MIT-SHM
 * 1.2), 1080 x 1920", or "SDL's window surface: <why not>" (the reason the
 * own image could not serve under X11: KIOSK_X11_OWN_IMAGE=0, no MIT-SHM
 * 1.2, a remote display, another visual, a resize). Owned by win, changed
 * only by a resize; "" for NULL.
 */
const char *ui_window_buffer_note(const struct ui_window *win);

/* SDL's window (owned by win), for tests that read its pixels back; NULL for NULL. */
SDL_Window *ui_window_sdl(const struct ui_window *win);

/* True when ev asks to quit and the mode allows it (SDL_QUIT, a window close). */
bool ui_window_should_quit(const struct ui_window *win, const SDL_Event *ev);

/*
 * Shows the frame tree drew. When the software renderer draws into the
 * window's own buffer pixel for pixel (ui_window_surface) and the tree's
 * last render changed less than half the screen, only those areas go to
 * the window system (an X11 shared-memory put per area, instead of the
 * whole 8 MiB screen); else, or when tree is NULL, the whole frame. Under
 * X11 it returns once the X server has copied the pixels (a round trip),
 * so the next frame may be drawn at once.
 */
void ui_window_present(struct ui_window *win, const struct ui_tree *tree);

#endif
