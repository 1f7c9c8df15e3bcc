/* Software rendering into a surface (see ui/offscreen.h). */
#include "ui/offscreen.h"

#include <stdlib.h>

#include "ui/png.h"

struct ui_offscreen *ui_offscreen_new(int w, int h)
{
    if (w <= 0 || h <= 0)
        return NULL;
    struct ui_offscreen *off = calloc(1, sizeof *off);
    if (!off)
        return NULL;
    off->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!off->surface)
        goto error;
    off->renderer = SDL_CreateSoftwareRenderer(off->surface);
    if (!off->renderer)
        goto error;
    SDL_SetRenderDrawColor(off->renderer, 0, 0, 0, 0);
    SDL_RenderClear(off->renderer);
    return off;
error:
    ui_offscreen_free(off);
    return NULL;
}

void ui_offscreen_free(struct ui_offscreen *off)
{
    if (!off)
        return;
    if (off->renderer)
        SDL_DestroyRenderer(off->renderer);
    if (off->surface)
        SDL_FreeSurface(off->surface);
    free(off);
}

bool ui_offscreen_save_png(const struct ui_offscreen *off, const char *path)
{
    if (!off)
        return false;
    /* The software renderer may batch draws; flush them into the surface. */
    SDL_RenderFlush(off->renderer);
    return ui_png_write_surface(path, off->surface);
}
