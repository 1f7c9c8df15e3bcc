/*
 * Writes a 1-bit raster as a 1-bit greyscale PNG (black where the raster has
 * a 1), so a printed receipt can be looked at, compared and scanned.
 */
#ifndef DEVICES_PRINTER_RASTER_PNG_H
#define DEVICES_PRINTER_RASTER_PNG_H

#include <stdbool.h>
#include <stddef.h>

#include "devices/printer/raster.h"

/*
 * Writes raster to path, replacing the file. False when the raster has no
 * rows, the file cannot be written or libpng fails; a partial file may remain.
 */
bool dev_raster_write_png(const dev_raster *raster, const char *path);

/*
 * The same PNG in memory: owned by the caller (free()), *len bytes. NULL
 * when the raster has no rows or libpng or memory fails.
 */
char *dev_raster_png(const dev_raster *raster, size_t *len);

#endif
