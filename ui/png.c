/* RGBA PNG reading and writing through libpng's simplified API (see ui/png.h). */
#include "ui/png.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

bool ui_png_write(const char *path, const uint8_t *rgba, int w, int h, size_t stride)
{
    if (!path || !rgba || w <= 0 || h <= 0 || stride < (size_t)w * 4)
        return false;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)w;
    image.height = (png_uint_32)h;
    image.format = PNG_FORMAT_RGBA;
    bool ok = png_image_write_to_file(&image, path, 0, rgba, (png_int_32)stride, NULL) != 0;
    png_image_free(&image);
    return ok;
}

bool ui_png_write_surface(const char *path, SDL_Surface *surface)
{
    if (!surface)
        return false;
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_RGBA32, 0);
    if (!rgba)
        return false;
    bool ok = SDL_LockSurface(rgba) == 0;
    if (ok) {
        ok = ui_png_write(path, rgba->pixels, rgba->w, rgba->h, (size_t)rgba->pitch);
        SDL_UnlockSurface(rgba);
    }
    SDL_FreeSurface(rgba);
    return ok;
}

uint8_t *ui_png_read(const char *path, int *w, int *h)
{
    if (!path || !w || !h)
        return NULL;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path))
        return NULL;
    uint8_t *pixels = NULL;
    if (image.width == 0 || image.height == 0 || image.width > UI_PNG_MAX_SIDE ||
        image.height > UI_PNG_MAX_SIDE)
        goto error;
    image.format = PNG_FORMAT_RGBA;
    pixels = malloc(PNG_IMAGE_SIZE(image));
    if (!pixels || !png_image_finish_read(&image, NULL, pixels, 0, NULL))
        goto error;
    *w = (int)image.width;
    *h = (int)image.height;
    return pixels;
error:
    png_image_free(&image);
    free(pixels);
    return NULL;
}
