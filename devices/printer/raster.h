/*
 * A 1-bit raster as thermal printers take it: rows of bytes, the most
 * significant bit is the leftmost dot, 1 is black. The receipt renderer draws
 * into one, the ESC/POS builder sends it, the simulator rebuilds it.
 *
 * The struct is public so that a caller can also describe pixels it owns
 * (fill the fields, point bits at its memory, never call dev_raster_free).
 */
#ifndef DEVICES_PRINTER_RASTER_H
#define DEVICES_PRINTER_RASTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Widest raster, in dots: above GS ( L's 2047 and any receipt printer. */
#define DEV_RASTER_MAX_WIDTH 2048
/* Tallest raster, in rows: 8 m of paper at 203 dpi. Caps memory at 16 MiB. */
#define DEV_RASTER_MAX_HEIGHT 65535

typedef struct dev_raster {
    uint32_t width;    /* dots, 1..DEV_RASTER_MAX_WIDTH */
    uint32_t height;   /* rows, 0..DEV_RASTER_MAX_HEIGHT */
    size_t stride;     /* bytes per row, at least (width + 7) / 8 */
    uint8_t *bits;     /* height * stride bytes; owned when made by dev_raster_new */
    uint32_t cap_rows; /* rows allocated; used by dev_raster_grow only */
} dev_raster;

/*
 * A white raster of width x height dots with stride (width + 7) / 8.
 * NULL when a dimension is out of range (height 0 is allowed) or memory runs out.
 */
dev_raster *dev_raster_new(uint32_t width, uint32_t height);

/*
 * Adds white rows until height is new_height (never shrinks), reallocating
 * geometrically. False, with the raster unchanged, above
 * DEV_RASTER_MAX_HEIGHT or when memory runs out. Only for rasters from
 * dev_raster_new.
 */
bool dev_raster_grow(dev_raster *raster, uint32_t new_height);

/* Frees a raster made by dev_raster_new. Accepts NULL. */
void dev_raster_free(dev_raster *raster);

/* The dot at (x, y); false (white) outside the raster. */
bool dev_raster_get(const dev_raster *raster, uint32_t x, uint32_t y);

/* Sets the dot at (x, y) to black or white; ignored outside the raster. */
void dev_raster_set(dev_raster *raster, uint32_t x, uint32_t y, bool black);

/*
 * True when both have the same width and height and the same dots. Bits past
 * the width in a row's last byte and stride differences are ignored. NULL
 * equals only NULL.
 */
bool dev_raster_equal(const dev_raster *a, const dev_raster *b);

#endif
