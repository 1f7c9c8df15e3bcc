/*
 * Picture files decoded into 32-bit ARGB8888 surfaces: PNG (libpng), JPEG
 * (libjpeg-turbo) and WebP (libwebp), told apart by their first bytes, the
 * three formats the backend accepts for menu pictures. Each library is the
 * one SDL2_image would have called, used directly, so the pixels are the
 * ones SDL2_image gave (no gamma or colour management: sRGB bytes as
 * stored), without the TIFF, LERC, JBIG and C++ libraries SDL2_image brings to
 * every start (kiosk/docs/ARCHITECTURE.md, "Start-up").
 *
 * Pictures come from outside (menus pulled from the backend): a file that is
 * not one of the three, truncated, corrupt, or larger than max_side on a
 * side is refused before any pixel memory is taken for it. Thread-safe: the
 * picture loader decodes on its own thread.
 */
#ifndef UI_PICTURE_DECODE_H
#define UI_PICTURE_DECODE_H

#include <stddef.h>

#include <SDL2/SDL.h>

/* Files over this many bytes are refused unread (a 8192 x 8192 PNG of noise is under it). */
#define UI_PICTURE_MAX_FILE_BYTES ((size_t)64 * 1024 * 1024)

/*
 * The picture in bytes[len] as a new ARGB8888 surface (SDL_FreeSurface), or
 * NULL with the reason in SDL_GetError(): an unknown format, a corrupt or
 * truncated file, a side of 0 or over max_side, or out of memory.
 */
SDL_Surface *ui_picture_decode(const void *bytes, size_t len, int max_side);

/* ui_picture_decode of the file at path (mapped, not copied); NULL also when it cannot be read. */
SDL_Surface *ui_picture_load(const char *path, int max_side);

#endif
