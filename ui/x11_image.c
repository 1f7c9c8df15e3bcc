/* The kiosk's own shared image for an X11 window (see ui/x11_image.h). */
#define _GNU_SOURCE /* memfd_create */
#include "ui/x11_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <X11/Xlib-xcb.h>
#include <xcb/shm.h>
#include <xcb/xcb.h>

#include "devices/common/library_on_demand.h"

/*
 * The libraries, loaded on the first image rather than before main
 * (devices/common/library_on_demand.h): SDL2 loads libX11-xcb and libxcb
 * itself, so their dlopen only counts a reference; libxcb-shm (18 KB) is
 * the one new shared object, mapped when the window opens. The functions
 * are called through these tables, not forwarders of the same names,
 * which would interpose on SDL's own calls to them.
 */
#define XCB_FUNCTIONS(F, V)                                                                        \
    F(const xcb_query_extension_reply_t *, xcb_get_extension_data,                                 \
      (xcb_connection_t * c, xcb_extension_t * ext), (c, ext), NULL)                               \
    F(uint32_t, xcb_generate_id, (xcb_connection_t * c), (c), 0)                                   \
    F(xcb_generic_error_t *, xcb_request_check, (xcb_connection_t * c, xcb_void_cookie_t cookie),  \
      (c, cookie), NULL)                                                                           \
    F(xcb_void_cookie_t, xcb_create_gc,                                                            \
      (xcb_connection_t * c, xcb_gcontext_t cid, xcb_drawable_t drawable, uint32_t mask,           \
       const void *values),                                                                        \
      (c, cid, drawable, mask, values), (xcb_void_cookie_t){0})                                    \
    F(xcb_void_cookie_t, xcb_free_gc, (xcb_connection_t * c, xcb_gcontext_t gc), (c, gc),          \
      (xcb_void_cookie_t){0})                                                                      \
    F(int, xcb_connection_has_error, (xcb_connection_t * c), (c), 1)

#define XCB_SHM_FUNCTIONS(F, V)                                                                    \
    F(xcb_shm_query_version_cookie_t, xcb_shm_query_version, (xcb_connection_t * c), (c),          \
      (xcb_shm_query_version_cookie_t){0})                                                         \
    F(xcb_shm_query_version_reply_t *, xcb_shm_query_version_reply,                                \
      (xcb_connection_t * c, xcb_shm_query_version_cookie_t cookie, xcb_generic_error_t * *e),     \
      (c, cookie, e), NULL)                                                                        \
    F(xcb_void_cookie_t, xcb_shm_attach_fd_checked,                                                \
      (xcb_connection_t * c, xcb_shm_seg_t seg, int32_t fd, uint8_t read_only),                    \
      (c, seg, fd, read_only), (xcb_void_cookie_t){0})                                             \
    F(xcb_void_cookie_t, xcb_shm_put_image,                                                        \
      (xcb_connection_t * c, xcb_drawable_t drawable, xcb_gcontext_t gc, uint16_t total_width,     \
       uint16_t total_height, uint16_t src_x, uint16_t src_y, uint16_t src_width,                  \
       uint16_t src_height, int16_t dst_x, int16_t dst_y, uint8_t depth, uint8_t format,           \
       uint8_t send_event, xcb_shm_seg_t seg, uint32_t offset),                                    \
      (c, drawable, gc, total_width, total_height, src_x, src_y, src_width, src_height, dst_x,     \
       dst_y, depth, format, send_event, seg, offset),                                             \
      (xcb_void_cookie_t){0})                                                                      \
    F(xcb_void_cookie_t, xcb_shm_detach, (xcb_connection_t * c, xcb_shm_seg_t seg), (c, seg),      \
      (xcb_void_cookie_t){0})

static struct {
    XCB_FUNCTIONS(DEV_LIBRARY_SLOT, DEV_LIBRARY_VOID_SLOT)
} xcb;
static struct {
    XCB_SHM_FUNCTIONS(DEV_LIBRARY_SLOT, DEV_LIBRARY_VOID_SLOT)
    xcb_extension_t *xcb_shm_id; /* the extension's record, a variable of libxcb-shm */
} xcb_shm;
static struct {
    xcb_connection_t *(*XGetXCBConnection)(Display *display);
} x11_xcb;

/* The symbol tables name their struct `real` (library_on_demand.h). */
#define real xcb
static const struct dev_library_symbol xcb_symbols[] = {
    XCB_FUNCTIONS(DEV_LIBRARY_SYMBOL, DEV_LIBRARY_VOID_SYMBOL)};
#undef real
#define real xcb_shm
static const struct dev_library_symbol xcb_shm_symbols[] = {
    XCB_SHM_FUNCTIONS(DEV_LIBRARY_SYMBOL, DEV_LIBRARY_VOID_SYMBOL){"xcb_shm_id", &real.xcb_shm_id}};
#undef real
static const struct dev_library_symbol x11_xcb_symbols[] = {
    {"XGetXCBConnection", &x11_xcb.XGetXCBConnection}};

static struct dev_library libxcb = DEV_LIBRARY_INIT("libxcb.so.1", xcb_symbols, NULL);
static struct dev_library libxcb_shm = DEV_LIBRARY_INIT("libxcb-shm.so.0", xcb_shm_symbols, NULL);
static struct dev_library libx11_xcb = DEV_LIBRARY_INIT("libX11-xcb.so.1", x11_xcb_symbols, NULL);

struct ui_x11_image {
    Display *display;       /* borrowed: SDL's connection */
    xcb_connection_t *conn; /* borrowed: the same connection, seen through XCB */
    Window window;          /* borrowed: SDL's window */
    xcb_gcontext_t gc;      /* owned, freed in ui_x11_image_free; 0: none */
    xcb_shm_seg_t seg;      /* owned, detached in ui_x11_image_free; 0: not attached */
    int fd;                 /* the memfd, owned, closed in ui_x11_image_free; -1: none */
    void *pixels;           /* owned: bytes of the memfd mapped, unmapped in ui_x11_image_free */
    size_t bytes;
    int w, h, pitch;
};

static void say(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *why, size_t size, const char *fmt, ...)
{
    if (!why || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
}

/* True when display's connection is a local (Unix) socket, which carries file descriptors. */
static bool connection_is_local(Display *display)
{
    struct sockaddr_storage addr;
    socklen_t len = sizeof addr;
    return getsockname(ConnectionNumber(display), (struct sockaddr *)&addr, &len) == 0 &&
           addr.ss_family == AF_UNIX;
}

/*
 * True when the window's pixels are the image's: a 24-bit TrueColor or
 * DirectColor visual (SDL prefers DirectColor, for gamma ramps, and gives
 * the window an identity colormap) with red in bits 16-23, 32 bits a
 * pixel, least significant byte first (as this machine stores a
 * uint32_t): the pixels SDL's own buffer would hold.
 */
static bool visual_is_xrgb(Display *display, Window window, char *why, size_t size)
{
    XWindowAttributes attr;
    if (!XGetWindowAttributes(display, window, &attr) || !attr.visual) {
        say(why, size, "the window's attributes cannot be read");
        return false;
    }
    const Visual *v = attr.visual;
    int bpp = 0, n = 0;
    XPixmapFormatValues *formats = XListPixmapFormats(display, &n);
    for (int i = 0; formats && i < n; i++)
        if (formats[i].depth == attr.depth)
            bpp = formats[i].bits_per_pixel;
    if (formats)
        XFree(formats);
    const uint32_t one = 1;
    bool lsb_host = *(const unsigned char *)&one == 1;
    if (attr.depth != 24 || (v->class != TrueColor && v->class != DirectColor) ||
        v->red_mask != 0xFF0000 || v->green_mask != 0xFF00 || v->blue_mask != 0xFF || bpp != 32 ||
        ImageByteOrder(display) != (lsb_host ? LSBFirst : MSBFirst)) {
        say(why, size,
            "the window's visual is not 24-bit XRGB in 32-bit pixels (class %d, depth %d, "
            "masks %06lx %06lx %06lx, %d bpp, %s first)",
            v->class, attr.depth, v->red_mask, v->green_mask, v->blue_mask, bpp,
            ImageByteOrder(display) == LSBFirst ? "LSB" : "MSB");
        return false;
    }
    return true;
}

/* The libraries loaded and the server's MIT-SHM at 1.2 or later; false with why. */
static bool shm_fd_attach_supported(struct ui_x11_image *img, char *why, size_t size)
{
    struct dev_library *libs[] = {&libxcb, &libxcb_shm, &libx11_xcb};
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
        if (!dev_library_ready(libs[i])) {
            say(why, size, "%s", dev_library_error(libs[i]));
            return false;
        }
    img->conn = x11_xcb.XGetXCBConnection(img->display);
    if (!img->conn || xcb.xcb_connection_has_error(img->conn)) {
        say(why, size, "no XCB connection under Xlib's");
        return false;
    }
    const xcb_query_extension_reply_t *ext =
        xcb.xcb_get_extension_data(img->conn, xcb_shm.xcb_shm_id);
    if (!ext || !ext->present) {
        say(why, size, "the X server has no MIT-SHM");
        return false;
    }
    xcb_shm_query_version_reply_t *version = xcb_shm.xcb_shm_query_version_reply(
        img->conn, xcb_shm.xcb_shm_query_version(img->conn), NULL);
    bool fd_attach = version && (version->major_version > 1 ||
                                 (version->major_version == 1 && version->minor_version >= 2));
    if (!fd_attach)
        say(why, size, "the X server's MIT-SHM is %u.%u, not 1.2 (no attach by file descriptor)",
            version ? version->major_version : 0, version ? version->minor_version : 0);
    free(version);
    return fd_attach;
}

/* The memfd made, sized, sealed at that size and mapped; false with why. */
static bool map_memfd(struct ui_x11_image *img, char *why, size_t size)
{
    img->fd = memfd_create("kiosk-frame", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (img->fd < 0 || ftruncate(img->fd, (off_t)img->bytes) != 0) {
        say(why, size, "memfd: %s", strerror(errno));
        return false;
    }
    /* Its size is fixed: neither side can shrink it under the other's mapping. */
    (void)fcntl(img->fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
    void *p = mmap(NULL, img->bytes, PROT_READ | PROT_WRITE, MAP_SHARED, img->fd, 0);
    if (p == MAP_FAILED) {
        say(why, size, "mmap of the memfd: %s", strerror(errno));
        return false;
    }
    img->pixels = p;
    return true;
}

/* The segment attached by the server (read-only) and a GC for the puts; false with why. */
static bool attach(struct ui_x11_image *img, char *why, size_t size)
{
    /* XCB closes the descriptor it sends: it gets a copy, the image keeps its own. */
    int copy = fcntl(img->fd, F_DUPFD_CLOEXEC, 0);
    if (copy < 0) {
        say(why, size, "dup of the memfd: %s", strerror(errno));
        return false;
    }
    xcb_shm_seg_t seg = xcb.xcb_generate_id(img->conn);
    xcb_generic_error_t *error = xcb.xcb_request_check(
        img->conn, xcb_shm.xcb_shm_attach_fd_checked(img->conn, seg, copy, 1));
    if (error) {
        say(why, size, "the X server refused the segment (X error %u)", error->error_code);
        free(error);
        return false;
    }
    img->seg = seg;
    xcb_gcontext_t gc = xcb.xcb_generate_id(img->conn);
    uint32_t no_exposures = 0;
    error = xcb.xcb_request_check(
        img->conn,
        xcb.xcb_create_gc(img->conn, gc, img->window, XCB_GC_GRAPHICS_EXPOSURES, &no_exposures));
    if (error) {
        say(why, size, "no graphics context for the window (X error %u)", error->error_code);
        free(error);
        return false;
    }
    img->gc = gc;
    return true;
}

struct ui_x11_image *ui_x11_image_new(Display *display, Window window, int w, int h, char *why,
                                      size_t why_size)
{
    say(why, why_size, "%s", "");
    const char *off = getenv("KIOSK_X11_OWN_IMAGE");
    if (off && strcmp(off, "0") == 0) {
        say(why, why_size, "KIOSK_X11_OWN_IMAGE=0");
        return NULL;
    }
    if (!display || !window || w <= 0 || h <= 0 || w > 32767 || h > 32767) {
        say(why, why_size, "no X11 window of a size to serve");
        return NULL;
    }
    if (!connection_is_local(display)) {
        say(why, why_size, "the X server is not on a local socket (no shared memory)");
        return NULL;
    }
    struct ui_x11_image *img = calloc(1, sizeof *img);
    if (!img) {
        say(why, why_size, "out of memory");
        return NULL;
    }
    img->display = display;
    img->window = window;
    img->fd = -1;
    img->w = w;
    img->h = h;
    img->pitch = w * 4;
    img->bytes = (size_t)img->pitch * (size_t)h;
    if (!visual_is_xrgb(display, window, why, why_size) ||
        !shm_fd_attach_supported(img, why, why_size) || !map_memfd(img, why, why_size) ||
        !attach(img, why, why_size))
        goto error;
    return img;
error:
    ui_x11_image_free(img);
    return NULL;
}

void *ui_x11_image_pixels(const struct ui_x11_image *img)
{
    return img ? img->pixels : NULL;
}

int ui_x11_image_pitch(const struct ui_x11_image *img)
{
    return img ? img->pitch : 0;
}

bool ui_x11_image_put(struct ui_x11_image *img, const SDL_Rect *rects, int n)
{
    if (!img || !img->seg || !img->gc)
        return false;
    for (int i = 0; i < n; i++) {
        int x0 = rects[i].x < 0 ? 0 : rects[i].x, y0 = rects[i].y < 0 ? 0 : rects[i].y;
        int x1 = rects[i].x + rects[i].w, y1 = rects[i].y + rects[i].h;
        x1 = x1 > img->w ? img->w : x1;
        y1 = y1 > img->h ? img->h : y1;
        if (x1 <= x0 || y1 <= y0)
            continue;
        xcb_shm.xcb_shm_put_image(img->conn, (xcb_drawable_t)img->window, img->gc, (uint16_t)img->w,
                                  (uint16_t)img->h, (uint16_t)x0, (uint16_t)y0, (uint16_t)(x1 - x0),
                                  (uint16_t)(y1 - y0), (int16_t)x0, (int16_t)y0, 24,
                                  XCB_IMAGE_FORMAT_Z_PIXMAP, 0, img->seg, 0);
    }
    /*
     * As SDL after its puts: XSync sends the puts (XCB's queue goes first)
     * and waits for the reply to a request behind them, which the server
     * sends once it has copied their pixels. A ShmCompletion event would
     * say the same, but the events of SDL's connection are Xlib's to read.
     */
    XSync(img->display, False);
    return !xcb.xcb_connection_has_error(img->conn);
}

void ui_x11_image_free(struct ui_x11_image *img)
{
    if (!img)
        return;
    if (img->conn && img->gc)
        xcb.xcb_free_gc(img->conn, img->gc);
    if (img->conn && img->seg)
        xcb_shm.xcb_shm_detach(img->conn, img->seg);
    if (img->conn && (img->gc || img->seg))
        XSync(img->display, False); /* the server lets go of the segment before it is unmapped */
    if (img->pixels)
        munmap(img->pixels, img->bytes);
    if (img->fd >= 0)
        close(img->fd);
    free(img);
}
