/* The kiosk window: mode, logical size and renderer choice (see ui/window.h). */
#include "ui/window.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <SDL2/SDL_syswm.h>
#include <X11/Xlib.h>

#include "ui/x11_image.h"
#include "ui/x11_wm.h"

#define PORTRAIT_W 1080
#define PORTRAIT_H 1920

/* The buffer the software renderer draws into, and how it reaches the screen. */
enum buffer_kind {
    BUFFER_SDL,       /* SDL's window surface, presented by SDL (an X11 System V segment) */
    BUFFER_OFFSCREEN, /* own: anonymous memory under the offscreen driver, shown nowhere */
    BUFFER_X11_IMAGE, /* own: the kiosk's memfd image under X11, presented by ui_x11_image_put */
    /* own's fields point at SDL's window surface, presented by SDL: the X11 image was given
     * up after a resize, and the renderer (made for own) follows SDL's surface from then on. */
    BUFFER_FOLLOWS_SDL,
};

struct ui_window {
    SDL_Window *window;     /* owned */
    SDL_Renderer *renderer; /* owned */
    int w, h;               /* logical size */
    bool software;
    bool kiosk, allow_quit;
    bool hidden; /* opened unmapped: ui_window_show maps it */
    /* The first fill of the window's buffer, on its own thread (ui_window_wait_fill). */
    pthread_t filler;
    bool filling;
    void *fill_pixels; /* borrowed from the window's surface, for the filler alone */
    size_t fill_words; /* 32-bit pixels from fill_pixels, pitch included */
    size_t fill_span;  /* bytes from the page start before fill_pixels to the buffer's end */
    Uint32 fill_value; /* first_fill in the surface's format */
    /* The X server paints the window with fill_value (its background): the first present
     * sends only the rows that are not all that colour. */
    bool x11_background;
    bool presented; /* a frame went to the window system */
    /* Under the offscreen driver or X11, the buffer the renderer draws into instead of SDL's
     * (own_buffer, own_x11_image): own_bytes of anonymous memory at own->pixels, or the
     * pixels of x11_image. Owned, freed in free_own_buffer. */
    SDL_Surface *own;
    size_t own_bytes;
    enum buffer_kind buffer;
    struct ui_x11_image *x11_image; /* owned, freed in free_own_buffer; NULL: none */
    char buffer_note[224];          /* ui_window_buffer_note */
};

/* At most this many bands of rows in the first present; rows closer than BAND_GAP_ROWS join. */
#define FIRST_BANDS_MAX 16
#define BAND_GAP_ROWS 16

static bool display_is_portrait(void)
{
    SDL_DisplayMode mode;
    return SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.h > mode.w;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* The page start at or before p. */
static uintptr_t page_start(const void *p)
{
    long page = sysconf(_SC_PAGESIZE);
    return (uintptr_t)p & ~(uintptr_t)(page > 0 ? page - 1 : 0);
}

/* Bytes populate_pixels maps per system call: 64 pages. */
#define POPULATE_CHUNK ((size_t)256 * 1024)

/*
 * Maps every page of the window's buffer before the first frame writes
 * it. The buffer is new (8 MiB at 1080 x 1920: the kiosk's X11 image, or
 * the offscreen driver's allocation), and the first frame writes every
 * pixel: left alone, that is one page fault per 4 KiB page, 2,025 of
 * them, each a trap to the kernel, and to the hypervisor's on a virtual
 * machine. A chunk at a time: the kernel holds the process's address-space
 * lock for each call, and the main thread's own mappings (a thread's
 * stack, a large malloc) wait behind it, 8 ms at a time for one 8 MiB
 * call (strace of a fullscreen start under Xvfb). Older kernels refuse the
 * advice and the frame faults the pages in as before.
 */
static void populate_pixels(void *pixels, size_t span)
{
    uintptr_t start = page_start(pixels);
    for (size_t done = 0; done < span; done += POPULATE_CHUNK) {
        size_t len = span - done < POPULATE_CHUNK ? span - done : POPULATE_CHUNK;
        if (madvise((void *)(start + done), len, MADV_POPULATE_WRITE) != 0)
            return;
    }
}

/*
 * The filler thread: the buffer mapped, then written once with the first
 * frame's background. On a virtual machine a page's first write costs far
 * more than the next ones even once it is mapped (an 8 MiB memset of fresh
 * pages 31-78 ms, of pages written before 0.4 ms): here it is paid beside
 * the main thread's fonts and widget tree, which then draw the frame over
 * pages already written. No SDL call: the pixels are plain memory.
 */
static void *fill_buffer(void *arg)
{
    struct ui_window *win = arg;
    populate_pixels(win->fill_pixels, win->fill_span);
    Uint32 *px = win->fill_pixels;
    Uint32 value = win->fill_value;
    for (size_t i = 0; i < win->fill_words; i++)
        px[i] = value;
    return NULL;
}

/*
 * Under the offscreen driver the window shows nothing, and the buffer SDL
 * makes for it (SDL_GetWindowSurface) is a new allocation SDL clears with
 * memset: on a virtual machine that is the first touch of every page, on
 * the main thread, before the first frame (about 10 ms for the kiosk's
 * 1024 x 768; 8 MiB for a script's 1080 x 1920). The renderer draws into a
 * buffer of the same size and format that the kernel hands over already
 * zeroed (mmap), which the filler then writes beside the main thread. The
 * pixels are those SDL's buffer would hold. False: SDL's buffer, as before.
 */
static bool own_buffer(struct ui_window *win)
{
    snprintf(win->buffer_note, sizeof win->buffer_note,
             "the kiosk's own memory (offscreen driver)");
    int w = 0, h = 0;
    SDL_GetWindowSize(win->window, &w, &h);
    if (w <= 0 || h <= 0)
        return false;
    size_t pitch = (size_t)w * 4, bytes = pitch * (size_t)h;
    void *pixels = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pixels == MAP_FAILED)
        return false;
    /* SDL's offscreen window buffer: 32-bit RGB888, rows of w pixels. */
    win->own =
        SDL_CreateRGBSurfaceWithFormatFrom(pixels, w, h, 32, (int)pitch, SDL_PIXELFORMAT_RGB888);
    if (!win->own) {
        munmap(pixels, bytes);
        return false;
    }
    win->own_bytes = bytes;
    win->buffer = BUFFER_OFFSCREEN;
    return true;
}

/*
 * Under X11, the renderer draws into an image of the kiosk's own, a memfd
 * the X server maps too (ui/x11_image.h), instead of SDL's window buffer,
 * a System V segment: on the first present the server faults a memfd in
 * 16 pages at a time, a System V segment one page at a time (1,237 faults
 * and 18-24 ms of the server's CPU for the 8 MiB fullscreen image). False,
 * with the reason in buffer_note, where it cannot serve (no MIT-SHM 1.2, a
 * remote display, another visual, any failure): SDL's buffer, as before.
 */
static bool own_x11_image(struct ui_window *win)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    int w = 0, h = 0;
    SDL_GetWindowSize(win->window, &w, &h);
    char why[160] = "no X11 window";
    struct ui_x11_image *img = NULL;
    if (SDL_GetWindowWMInfo(win->window, &info) && info.subsystem == SDL_SYSWM_X11)
        img = ui_x11_image_new(info.info.x11.display, info.info.x11.window, w, h, why, sizeof why);
    SDL_Surface *s =
        img ? SDL_CreateRGBSurfaceWithFormatFrom(ui_x11_image_pixels(img), w, h, 32,
                                                 ui_x11_image_pitch(img), SDL_PIXELFORMAT_RGB888)
            : NULL;
    if (img && !s)
        snprintf(why, sizeof why, "%s", SDL_GetError());
    if (!s) {
        ui_x11_image_free(img);
        snprintf(win->buffer_note, sizeof win->buffer_note, "SDL's window surface: %s", why);
        return false;
    }
    win->own = s;
    win->x11_image = img;
    win->buffer = BUFFER_X11_IMAGE;
    snprintf(win->buffer_note, sizeof win->buffer_note,
             "the kiosk's own image (a memfd attached with MIT-SHM 1.2), %d x %d", w, h);
    return true;
}

static void free_own_buffer(struct ui_window *win)
{
    if (!win->own)
        return;
    void *pixels = win->own->pixels;
    SDL_FreeSurface(win->own); /* pixels are not SDL's to free */
    if (win->buffer == BUFFER_OFFSCREEN)
        munmap(pixels, win->own_bytes);
    ui_x11_image_free(win->x11_image); /* SDL's connection is still open: before the window */
    win->x11_image = NULL;
    win->own = NULL;
}

/* own made to describe SDL's window surface s (the same format), or nothing when s is NULL. */
static void point_own_at(struct ui_window *win, const SDL_Surface *s)
{
    win->own->pixels = s ? s->pixels : NULL;
    win->own->w = s ? s->w : 0;
    win->own->h = s ? s->h : 0;
    win->own->pitch = s ? s->pitch : 0;
    SDL_SetClipRect(win->own, NULL);
    /* The renderer reads its output size from the surface: scale and viewport again. */
    SDL_RenderSetLogicalSize(win->renderer, win->w, win->h);
}

/*
 * With the kiosk's own X11 image, a window whose size is no longer the
 * image's (a resize) gives the image up for SDL's window surface, as
 * without it, and the renderer, made for own, draws there from then on:
 * own is pointed at SDL's surface, again each time SDL replaces it (every
 * resize; SDL frees the old one only inside SDL_GetWindowSurface, which
 * only this calls). SDL's surface has own's format: both are the window's
 * visual, 32-bit XRGB.
 */
static void follow_window(struct ui_window *win)
{
    if (win->buffer == BUFFER_X11_IMAGE) {
        int w = 0, h = 0;
        SDL_GetWindowSize(win->window, &w, &h);
        if (w == win->own->w && h == win->own->h)
            return;
        ui_window_wait_fill(win);
        SDL_RenderFlush(win->renderer); /* draws still batched land in the image, not in SDL's */
        ui_x11_image_free(win->x11_image);
        win->x11_image = NULL;
        point_own_at(win, NULL);
        win->buffer = BUFFER_FOLLOWS_SDL;
        snprintf(win->buffer_note, sizeof win->buffer_note,
                 "SDL's window surface: the window was resized to %d x %d", w, h);
    }
    if (win->buffer != BUFFER_FOLLOWS_SDL)
        return;
    SDL_Surface *s = SDL_GetWindowSurface(win->window);
    if (s && s->format->format != win->own->format->format)
        s = NULL; /* never seen: the visual is checked; the renderer then draws nothing */
    if (!s || s->pixels != win->own->pixels || s->w != win->own->w || s->h != win->own->h)
        point_own_at(win, s);
}

/* The buffer the software renderer draws into: the offscreen one, or the window's. */
static SDL_Surface *software_buffer(const struct ui_window *win)
{
    return win->own ? win->own : SDL_GetWindowSurface(win->window);
}

/*
 * Under X11, the window's own background, which the X server paints
 * itself (in its screen, not in the kiosk's shared-memory image), is set
 * to the first frame's background: the first present then leaves out the
 * rows that are all that colour, and the X server reads (and takes the
 * first touch of) only the pages of the rest of the image. False where
 * there is no X11 window or its pixels are not the buffer's.
 */
static bool set_x11_background(struct ui_window *win, const SDL_Surface *s)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win->window, &info) || info.subsystem != SDL_SYSWM_X11)
        return false;
    /* The buffer is in the window's visual (SDL makes it so): 32-bit XRGB or ARGB. */
    Uint32 rgb = s->format->Rmask | s->format->Gmask | s->format->Bmask;
    if (rgb != 0xFFFFFF || s->format->Rmask != 0xFF0000)
        return false;
    XSetWindowBackground(info.info.x11.display, info.info.x11.window, win->fill_value & rgb);
    XClearWindow(info.info.x11.display, info.info.x11.window);
    return true;
}

/*
 * The first present's bands: the rows of s not all background (merged
 * when closer than BAND_GAP_ROWS; at most max bands, the last one grown).
 * Returns how many; -1 without memory.
 */
static int first_bands(const SDL_Surface *s, Uint32 background, SDL_Rect *bands, int max)
{
    /*
     * Each row against one row of background, with memcmp, which compares
     * many pixels a step: most of the first frame's 1,920 rows are all
     * background, so the scan reads the whole 8 MiB buffer (1.2 ms of the
     * main thread's CPU a pixel at a time, perf over fullscreen starts).
     */
    size_t row_bytes = (size_t)s->w * sizeof(Uint32);
    Uint32 *plain = malloc(row_bytes);
    if (!plain)
        return -1;
    for (int x = 0; x < s->w; x++)
        plain[x] = background;
    int n = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * s->pitch;
        if (memcmp(row, plain, row_bytes) == 0)
            continue;
        SDL_Rect *last = n > 0 ? &bands[n - 1] : NULL;
        if (last && (y - (last->y + last->h) < BAND_GAP_ROWS || n == max))
            last->h = y + 1 - last->y;
        else
            bands[n++] = (SDL_Rect){0, y, s->w, 1};
    }
    free(plain);
    return n;
}

/* The first frame over the background the X server painted; false: present it whole. */
/* Areas of the software buffer to the window: through the kiosk's X11 image or SDL's surface. */
static bool put_areas(struct ui_window *win, const SDL_Rect *areas, int n)
{
    if (win->buffer == BUFFER_X11_IMAGE)
        return ui_x11_image_put(win->x11_image, areas, n);
    return SDL_UpdateWindowSurfaceRects(win->window, areas, n) == 0;
}

static bool present_first(struct ui_window *win)
{
    SDL_Surface *s = software_buffer(win);
    if (!s || s->pixels != win->fill_pixels)
        return false; /* the buffer was replaced (a resize): the X background no longer helps */
    SDL_Rect bands[FIRST_BANDS_MAX];
    Uint32 rgb = s->format->Rmask | s->format->Gmask | s->format->Bmask;
    SDL_RenderFlush(win->renderer);
    int n = first_bands(s, win->fill_value & rgb, bands, FIRST_BANDS_MAX);
    return n == 0 || (n > 0 && put_areas(win, bands, n));
}

/*
 * Starts the filler on the software window's buffer (any size: the
 * development window's scaled one too); without a thread, or for another
 * pixel size, the buffer is only mapped, here.
 */
static void start_fill(struct ui_window *win, SDL_Color color)
{
    SDL_Surface *s = win->software ? software_buffer(win) : NULL;
    if (!s || !s->pixels)
        return;
    uintptr_t end = (uintptr_t)s->pixels + (uintptr_t)s->pitch * (uintptr_t)s->h;
    win->fill_pixels = s->pixels;
    win->fill_span = end - page_start(s->pixels);
    if (color.a == 0 || s->format->BytesPerPixel != 4) {
        populate_pixels(win->fill_pixels, win->fill_span);
        return;
    }
    win->fill_words = (size_t)s->pitch / 4 * (size_t)s->h;
    win->fill_value = SDL_MapRGBA(s->format, color.r, color.g, color.b, color.a);
    win->x11_background = set_x11_background(win, s);
    win->filling = pthread_create(&win->filler, NULL, fill_buffer, win) == 0;
    if (!win->filling)
        populate_pixels(win->fill_pixels, win->fill_span);
}

void ui_window_wait_fill(struct ui_window *win)
{
    if (!win || !win->filling)
        return;
    pthread_join(win->filler, NULL);
    win->filling = false;
}

/*
 * The kiosk window under X11 where no window manager runs: a borderless
 * window the screen's size at its origin, which is the whole screen, with
 * no fullscreen request (SDL would wait 100 ms for a manager's answer).
 * The window is made unmapped, then the manager is looked for on SDL's
 * own connection (one round trip; a connection of the check's own cost a
 * connection set-up and four more round trips, on the X server's time,
 * before the first frame); mapped at once unless hidden. NULL with a
 * manager, or when that cannot be told: the window is closed again, and
 * the caller asks for fullscreen as before (the unmapped window's making
 * is then a few round trips more in front of SDL's wait for the manager).
 */
static SDL_Window *x11_unmanaged_kiosk_window(const char *title, bool hidden)
{
    SDL_DisplayMode desktop;
    if (SDL_GetDesktopDisplayMode(0, &desktop) != 0)
        return NULL;
    SDL_Window *window = SDL_CreateWindow(title, 0, 0, desktop.w, desktop.h,
                                          SDL_WINDOW_BORDERLESS | SDL_WINDOW_HIDDEN);
    if (!window)
        return NULL;
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11 ||
        ui_x11_wm_running(info.info.x11.display)) {
        SDL_DestroyWindow(window);
        return NULL;
    }
    if (!hidden)
        SDL_ShowWindow(window);
    return window;
}

static SDL_Renderer *create_renderer(SDL_Window *window, bool accelerated, bool *software)
{
    if (accelerated) {
        SDL_Renderer *r =
            SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (r) {
            *software = false;
            return r;
        }
    }
    *software = true;
    return SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
}

struct ui_window *ui_window_new(const struct ui_window_config *cfg)
{
    struct ui_window_config c = cfg ? *cfg : (struct ui_window_config){0};
    if (c.kiosk) {
        /* Signals end the process as usual; SDL must not turn them into an ignored quit. */
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    }
    /*
     * Where no session bus runs (the appliance has none), SDL's D-Bus set-up
     * (input methods, the screen saver: the kiosk needs neither) would have
     * libdbus "autolaunch" one: fork this process and run dbus-launch, on
     * the way to the first frame (4 ms for the fork alone; a whole daemon
     * where dbus-launch is installed). An address of no known transport
     * makes libdbus give up at once. A bus that runs is used as before.
     */
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    /*
     * SDL's X11 keyboard start opens an X input method, and Xlib's own
     * (no input-method server runs) parses the locale's Compose table,
     * 512 KB of dead-key and Multi_key sequences, on the way to the first
     * frame (6 ms of the main thread's CPU under Xvfb). No program here
     * takes typed text but the attendant console's badge (a wedge
     * scanner's letters and digits, which need no composing): an empty
     * table will do. A value already set is kept.
     */
    setenv("XCOMPOSEFILE", "/dev/null", 0);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return NULL;
    /*
     * Software rendering draws straight into the window system's buffer
     * (an X11 shared-memory image); left alone, SDL would route it through
     * a GPU texture. Drivers without such a buffer (kmsdrm, wayland) need
     * that texture, so only these two are told. On kmsdrm SDL would make
     * that texture's renderer the first that starts, desktop OpenGL, whose
     * frames reach the screen black through EGL on GBM (Mesa, seen in
     * QEMU on virtio-gpu and bochs-drm); OpenGL ES 2, the API SDL's kmsdrm
     * driver is made for, draws them.
     */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!c.accelerated && driver &&
        (strcmp(driver, "x11") == 0 || strcmp(driver, "offscreen") == 0))
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    else if (!c.accelerated && driver && strcmp(driver, "KMSDRM") == 0)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "opengles2");
    struct ui_window *win = calloc(1, sizeof *win);
    if (!win) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        SDL_OutOfMemory();
        return NULL;
    }
    win->kiosk = c.kiosk;
    win->allow_quit = c.allow_quit;
    bool portrait = c.orientation == UI_ORIENTATION_PORTRAIT ||
                    (c.orientation == UI_ORIENTATION_AUTO && display_is_portrait());
    win->w = portrait ? PORTRAIT_W : PORTRAIT_H;
    win->h = portrait ? PORTRAIT_H : PORTRAIT_W;

    const char *title = c.title ? c.title : "Kiosk";
    /* Unmapped until shown, where a window can be seen (X11). */
    win->hidden = c.hidden && driver && strcmp(driver, "x11") == 0;
    Uint32 hidden = win->hidden ? SDL_WINDOW_HIDDEN : 0;
    if (c.kiosk && driver && strcmp(driver, "x11") == 0)
        win->window = x11_unmanaged_kiosk_window(title, win->hidden);
    if (!win->window && c.kiosk) {
        win->window = SDL_CreateWindow(title, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                       win->w, win->h, SDL_WINDOW_FULLSCREEN_DESKTOP | hidden);
    } else if (!win->window) {
        int pct = c.window_percent > 0 ? c.window_percent : 50;
        win->window =
            SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                             win->w * pct / 100, win->h * pct / 100, SDL_WINDOW_RESIZABLE | hidden);
    }
    if (!win->window)
        goto error;
    if (!c.accelerated && driver &&
        ((strcmp(driver, "offscreen") == 0 && own_buffer(win)) ||
         (strcmp(driver, "x11") == 0 && own_x11_image(win)))) {
        win->renderer = SDL_CreateSoftwareRenderer(win->own);
        win->software = true;
    } else {
        win->renderer = create_renderer(win->window, c.accelerated, &win->software);
    }
    if (!win->renderer || SDL_RenderSetLogicalSize(win->renderer, win->w, win->h) != 0)
        goto error;
    if (!win->buffer_note[0])
        snprintf(win->buffer_note, sizeof win->buffer_note, "%s",
                 win->software ? "SDL's window surface" : "SDL's accelerated renderer");
    start_fill(win, c.first_fill);
    if (c.kiosk) {
        SDL_ShowCursor(SDL_DISABLE);
        SDL_DisableScreenSaver();
    }
    return win;
error:
    ui_window_free(win);
    return NULL;
}

void ui_window_show(struct ui_window *win)
{
    if (!win || !win->hidden)
        return;
    SDL_ShowWindow(win->window);
    win->hidden = false;
}

void ui_window_free(struct ui_window *win)
{
    if (!win)
        return;
    ui_window_wait_fill(win);
    if (win->renderer)
        SDL_DestroyRenderer(win->renderer);
    free_own_buffer(win);
    if (win->window)
        SDL_DestroyWindow(win->window);
    free(win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

SDL_Renderer *ui_window_renderer(const struct ui_window *win)
{
    return win ? win->renderer : NULL;
}

int ui_window_width(const struct ui_window *win)
{
    return win ? win->w : 0;
}

int ui_window_height(const struct ui_window *win)
{
    return win ? win->h : 0;
}

bool ui_window_is_software(const struct ui_window *win)
{
    return win && win->software;
}

SDL_Surface *ui_window_surface(struct ui_window *win)
{
    if (!win || !win->software)
        return NULL;
    follow_window(win);
    SDL_Surface *s = software_buffer(win);
    return s && s->w == win->w && s->h == win->h ? s : NULL;
}

bool ui_window_should_quit(const struct ui_window *win, const SDL_Event *ev)
{
    if (!win || !ev)
        return false;
    bool close = ev->type == SDL_QUIT ||
                 (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_CLOSE);
    return close && (!win->kiosk || win->allow_quit);
}

void ui_window_present(struct ui_window *win, const struct ui_tree *tree)
{
    if (!win)
        return;
    ui_window_wait_fill(win);
    follow_window(win);
    bool first = !win->presented;
    win->presented = true;
    if (win->buffer == BUFFER_OFFSCREEN) {
        /* Nothing to show: the frame is in the buffer once SDL's batched draws land. */
        SDL_RenderFlush(win->renderer);
        return;
    }
    if (first && win->x11_background && present_first(win))
        return;
    const SDL_Rect *areas = NULL;
    int n = ui_tree_changed_areas(tree, &areas);
    int64_t changed = 0;
    for (int i = 0; i < n; i++)
        changed += (int64_t)areas[i].w * areas[i].h;
    /*
     * By area only when the changes are under half the screen: a whole frame goes
     * through SDL_RenderPresent, measured 0.4-0.5 ms faster than the same frame as
     * one area (bench_ui_menu under Xvfb, "full redraw").
     */
    if (n > 0 && 2 * changed < (int64_t)win->w * win->h && ui_window_surface(win)) {
        /* What SDL_RenderPresent would do first: land the batched draws in the buffer. */
        SDL_RenderFlush(win->renderer);
        if (put_areas(win, areas, n))
            return;
    }
    if (win->own) { /* the renderer was made for own: SDL_RenderPresent would show nothing */
        SDL_RenderFlush(win->renderer);
        put_areas(win, &(SDL_Rect){0, 0, win->own->w, win->own->h}, 1);
        return;
    }
    SDL_RenderPresent(win->renderer);
}

const char *ui_window_buffer_note(const struct ui_window *win)
{
    return win ? win->buffer_note : "";
}

SDL_Window *ui_window_sdl(const struct ui_window *win)
{
    return win ? win->window : NULL;
}
