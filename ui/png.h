/*
 * RGBA PNG files, for screenshots and golden-image tests: pixels are 8-bit
 * R, G, B, A in that byte order, rows top to bottom.
 */
#ifndef UI_PNG_H
#define UI_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

/* Largest width or height ui_png_read() accepts. */
#define UI_PNG_MAX_SIDE 8192

/* Writes w x h pixels (stride bytes between rows) to path. False on any error. */
bool ui_png_write(const char *path, const uint8_t *rgba, int w, int h, size_t stride);

/* Writes any SDL surface to path, converting it to RGBA first. False on any error. */
bool ui_png_write_surface(const char *path, SDL_Surface *surface);

/*
 * Reads path as RGBA (any PNG colour type is converted). Returns a malloc'd
 * buffer of w * h * 4 bytes (caller frees), or NULL when the file is
 * missing, not a PNG, or larger than UI_PNG_MAX_SIDE in either side.
 */
uint8_t *ui_png_read(const char *path, int *w, int *h);

#endif
