/*
 * The kiosk's own shared image for an X11 window: pixels in a memfd that
 * the kiosk maps and the X server maps too (MIT-SHM 1.2, the segment
 * attached by its file descriptor), presented a rectangle at a time with
 * ShmPutImage on SDL's own X connection. It replaces SDL's window buffer, a
 * System V segment, which the X server faults in a 4 KiB page at a time on
 * the first present; a memfd is file-backed memory, which the kernel maps
 * in 16 pages a fault (fault-around). ui/window.c draws into it with the
 * software renderer. kiosk/docs/ARCHITECTURE.md, "Start-up".
 */
#ifndef UI_X11_IMAGE_H
#define UI_X11_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL2/SDL.h>
#include <X11/Xlib.h>

struct ui_x11_image;

/*
 * An image of w x h pixels, 32-bit XRGB (SDL_PIXELFORMAT_RGB888), rows of
 * w pixels, for window on display (SDL's connection: the image's requests
 * go on it, in order with SDL's own). NULL, with the reason in why (never
 * more than why_size bytes), when the image cannot serve this window: the
 * environment says KIOSK_X11_OWN_IMAGE=0, the connection is not a local
 * socket (a remote display: no file descriptors pass), the server has no
 * MIT-SHM 1.2, the window's visual is not 24-bit TrueColor or DirectColor
 * in 32-bit little-endian pixels, or a call failed. Then nothing is left
 * attached or open. libX11-xcb, libxcb and libxcb-shm are loaded here on the first
 * call (dlopen: none before main).
 */
struct ui_x11_image *ui_x11_image_new(Display *display, Window window, int w, int h, char *why,
                                      size_t why_size);

/* The pixels (owned by img, mapped until ui_x11_image_free) and the bytes between rows. */
void *ui_x11_image_pixels(const struct ui_x11_image *img);
int ui_x11_image_pitch(const struct ui_x11_image *img);

/*
 * Copies the n rectangles of the image (image coordinates, clipped to it)
 * to the same places in the window, then waits until the server has
 * carried them out (a round trip, as SDL's XSync after its puts), so that
 * the caller may draw into the image again at once: no put ever reads
 * pixels being overwritten. False when the connection failed.
 */
bool ui_x11_image_put(struct ui_x11_image *img, const SDL_Rect *rects, int n);

/* Detaches the segment from the server, unmaps the pixels and closes the memfd. Accepts NULL. */
void ui_x11_image_free(struct ui_x11_image *img);

#endif
