/*
 * Rendering without a display: an RGBA SDL_Surface with SDL's software
 * renderer drawing into it, for golden-image tests, screenshots and
 * benchmarks. Needs no window and no SDL_Init(); callers that do init SDL
 * should set SDL_VIDEODRIVER=offscreen (or dummy) first.
 */
#ifndef UI_OFFSCREEN_H
#define UI_OFFSCREEN_H

#include <stdbool.h>

#include <SDL2/SDL.h>

struct ui_offscreen {
    SDL_Surface *surface;   /* owned: RGBA32 pixels */
    SDL_Renderer *renderer; /* owned: software renderer onto surface */
};

/* A w x h target cleared to transparent black; NULL on error. */
struct ui_offscreen *ui_offscreen_new(int w, int h);

/* Destroys the renderer, then the surface; accepts NULL. */
void ui_offscreen_free(struct ui_offscreen *off);

/* Writes the surface to path as an RGBA PNG. */
bool ui_offscreen_save_png(const struct ui_offscreen *off, const char *path);

#endif
