/* 1-bit rasters: see devices/printer/raster.h. */
#include "devices/printer/raster.h"

#include <stdlib.h>
#include <string.h>

dev_raster *dev_raster_new(uint32_t width, uint32_t height)
{
    if (width == 0 || width > DEV_RASTER_MAX_WIDTH || height > DEV_RASTER_MAX_HEIGHT)
        return NULL;
    dev_raster *raster = calloc(1, sizeof *raster);
    if (!raster)
        goto error;
    raster->width = width;
    raster->stride = (width + 7) / 8;
    if (height > 0) {
        raster->bits = calloc(height, raster->stride);
        if (!raster->bits)
            goto error;
    }
    raster->height = height;
    raster->cap_rows = height;
    return raster;
error:
    dev_raster_free(raster);
    return NULL;
}

bool dev_raster_grow(dev_raster *raster, uint32_t new_height)
{
    if (new_height > DEV_RASTER_MAX_HEIGHT)
        return false;
    if (new_height <= raster->height)
        return true;
    if (new_height > raster->cap_rows) {
        uint32_t cap = raster->cap_rows ? raster->cap_rows : 64;
        while (cap < new_height)
            cap *= 2;
        if (cap > DEV_RASTER_MAX_HEIGHT)
            cap = DEV_RASTER_MAX_HEIGHT;
        uint8_t *bits = realloc(raster->bits, (size_t)cap * raster->stride);
        if (!bits)
            return false;
        raster->bits = bits;
        raster->cap_rows = cap;
    }
    memset(raster->bits + (size_t)raster->height * raster->stride, 0,
           (size_t)(new_height - raster->height) * raster->stride);
    raster->height = new_height;
    return true;
}

void dev_raster_free(dev_raster *raster)
{
    if (!raster)
        return;
    free(raster->bits);
    free(raster);
}

bool dev_raster_get(const dev_raster *raster, uint32_t x, uint32_t y)
{
    if (x >= raster->width || y >= raster->height)
        return false;
    return raster->bits[(size_t)y * raster->stride + x / 8] & (0x80u >> (x % 8));
}

void dev_raster_set(dev_raster *raster, uint32_t x, uint32_t y, bool black)
{
    if (x >= raster->width || y >= raster->height)
        return;
    uint8_t *byte = &raster->bits[(size_t)y * raster->stride + x / 8];
    uint8_t mask = (uint8_t)(0x80u >> (x % 8));
    *byte = black ? (uint8_t)(*byte | mask) : (uint8_t)(*byte & ~mask);
}

bool dev_raster_equal(const dev_raster *a, const dev_raster *b)
{
    if (!a || !b)
        return a == b;
    if (a->width != b->width || a->height != b->height)
        return false;
    size_t full = a->width / 8;
    uint8_t tail = (uint8_t)(0xFF00u >> (a->width % 8));
    for (uint32_t y = 0; y < a->height; y++) {
        const uint8_t *ra = a->bits + (size_t)y * a->stride;
        const uint8_t *rb = b->bits + (size_t)y * b->stride;
        if (memcmp(ra, rb, full) != 0)
            return false;
        if (a->width % 8 && ((ra[full] ^ rb[full]) & tail))
            return false;
    }
    return true;
}
