/*
 * 1-bit raster to PNG with libpng. PNG's 1-bit grey has 0 = black, the
 * printer's raster 1 = black, so rows go out through png_set_invert_mono
 * unchanged otherwise (same bit order: most significant bit leftmost).
 */
#include "devices/printer/raster_png.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>

/* libpng longjmps here on error; kept apart so no local of the caller is clobbered. */
static bool write_rows(png_structp png, png_infop info, FILE *file, const dev_raster *raster)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_init_io(png, file);
    png_set_IHDR(png, info, raster->width, raster->height, 1, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_set_invert_mono(png);
    for (uint32_t y = 0; y < raster->height; y++)
        png_write_row(png, raster->bits + (size_t)y * raster->stride);
    png_write_end(png, NULL);
    return true;
}

/* The PNG of raster into file (left open). */
static bool write_png(const dev_raster *raster, FILE *file)
{
    bool ok = false;
    png_infop info = NULL;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png)
        goto done;
    info = png_create_info_struct(png);
    if (!info)
        goto done;
    ok = write_rows(png, info, file, raster);
done:
    if (png)
        png_destroy_write_struct(&png, info ? &info : NULL);
    return ok;
}

bool dev_raster_write_png(const dev_raster *raster, const char *path)
{
    if (!raster || raster->height == 0 || !path)
        return false;
    FILE *file = fopen(path, "wb");
    if (!file)
        return false;
    bool ok = write_png(raster, file);
    return fclose(file) == 0 && ok;
}

char *dev_raster_png(const dev_raster *raster, size_t *len)
{
    if (!raster || raster->height == 0 || !len)
        return NULL;
    char *data = NULL;
    size_t size = 0;
    FILE *file = open_memstream(&data, &size);
    if (!file)
        return NULL;
    bool ok = write_png(raster, file);
    if (fclose(file) != 0 || !ok) {
        free(data);
        return NULL;
    }
    *len = size;
    return data;
}
