/*
 * Pictures for image widgets: PNG, JPEG or WebP files (ui/picture_decode.h) decoded,
 * scaled to the size they are shown at (area averaging, then bilinear) and
 * kept as textures in an LRU bounded by bytes. Decoding can run on one
 * loader thread, so a frame never waits for a file: until a picture
 * arrives its widget draws a placeholder, and ui_images_poll() on the UI
 * thread turns finished pictures into textures.
 *
 * Bound to one renderer; every function but the loader's internals runs on
 * the UI thread.
 */
#ifndef UI_IMAGES_H
#define UI_IMAGES_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL2/SDL.h>

#include "ui/cache_stats.h"

#define UI_IMAGES_PATH_MAX 1024

enum ui_image_fit {
    UI_IMAGE_CONTAIN, /* the whole picture, letterboxed inside the box */
    UI_IMAGE_COVER,   /* the box filled, the picture's overflow cut off evenly */
};

enum ui_image_status {
    UI_IMAGE_READY,
    UI_IMAGE_LOADING,
    UI_IMAGE_FAILED, /* missing, unreadable or too large; not retried */
};

struct ui_images;

/*
 * A cache drawing through renderer (borrowed) holding at most budget_bytes
 * of pictures (0: 12 MiB), or one frame's pictures when they take more. threaded: decode on a
 * loader thread; otherwise ui_images_get() decodes at once. NULL on error.
 */
struct ui_images *ui_images_new(SDL_Renderer *renderer, size_t budget_bytes, bool threaded);

/* Stops the loader thread and destroys the textures; accepts NULL. */
void ui_images_free(struct ui_images *images);

/*
 * The picture at path scaled into w x h pixels by fit: a texture exactly
 * w x h for COVER, at most w x h keeping its proportions for CONTAIN.
 * Borrowed until the next call on images. NULL with *status LOADING while
 * the loader works on it, or FAILED.
 */
SDL_Texture *ui_images_get(struct ui_images *images, const char *path, int w, int h,
                           enum ui_image_fit fit, enum ui_image_status *status);

/*
 * A budget for a screen of w x h pixels: pictures covering a quarter of
 * the screen at 4 bytes a pixel; at least 1 MiB, 12 MiB when the size is
 * unknown (w or h <= 0). A screen that shows more is not starved: the
 * budget grows to what the largest frame asked for (ui_images_frame_begin),
 * a menu's category (its sidebar and a page of cards) for instance.
 */
size_t ui_images_screen_budget(int w, int h);

/*
 * Starts a frame: the pictures asked for (ui_images_get) until the next
 * call are the frame's, and the cache's budget grows, for good, to hold
 * them all when they need more than it. So a picture on screen is never
 * evicted by another of the same frame (no decoding again and again), and
 * the cache keeps at most the larger of its budget and the biggest frame.
 * Accepts NULL.
 */
void ui_images_frame_begin(struct ui_images *images);

/*
 * Moves finished loads into the cache; returns how many arrived. When the
 * loader has nothing left to do, the memory its decoding freed is given
 * back to the system (glibc's malloc_trim).
 */
int ui_images_poll(struct ui_images *images);

/* Blocks until every requested load finished, then polls. For headless renders and tests. */
void ui_images_wait(struct ui_images *images);

void ui_images_stats(const struct ui_images *images, struct ui_cache_stats *out);

/*
 * Decodes path and scales it as ui_images_get() would, into a new ARGB8888
 * surface the caller frees. *opaque tells whether every pixel is opaque.
 * NULL when the file is missing, unreadable or over 8192 pixels a side.
 * Thread-safe.
 */
SDL_Surface *ui_images_load_scaled(const char *path, int w, int h, enum ui_image_fit fit,
                                   bool *opaque);

#endif
