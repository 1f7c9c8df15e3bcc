/*
 * Printer profiles: what the ESC/POS job builder must know about a model.
 * Print width is a per-model value (an 80 mm Epson TM-T88V has 512 dots at
 * 180 dpi, a generic 80 mm clone 576 at 203 dpi), and so are the cutter and
 * which raster command the firmware prefers.
 */
#ifndef DEVICES_PRINTER_PROFILE_H
#define DEVICES_PRINTER_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Rows per raster command: bands of 24-256 rows print without gaps on every model we know. */
#define DEV_PROFILE_MAX_BAND_ROWS 256
#define DEV_PROFILE_DEFAULT_BAND_ROWS 128

enum dev_cut_mode {
    DEV_CUT_FULL,         /* GS V 0: cut where the paper is */
    DEV_CUT_PARTIAL,      /* GS V 1 */
    DEV_CUT_FEED_FULL,    /* GS V 65 n: feed to the cutter + n units, full cut */
    DEV_CUT_FEED_PARTIAL, /* GS V 66 n: feed to the cutter + n units, partial cut */
};

enum dev_graphics_command {
    DEV_GRAPHICS_GS_V0, /* GS v 0 bands: every clone supports it */
    DEV_GRAPHICS_GS_L,  /* GS ( L fn 112 store + fn 50 print: Epson's current command */
};

typedef struct dev_printer_profile {
    const char *name;    /* stable key used in configuration, static */
    uint16_t width_dots; /* printable width; rasters may be narrower */
    uint16_t dpi;
    uint16_t band_rows; /* rows per raster command, 1..DEV_PROFILE_MAX_BAND_ROWS */
    uint8_t feed_lines; /* ESC d n before the cut; 0 sends nothing */
    enum dev_cut_mode cut;
    uint8_t cut_feed;     /* n of GS V 65/66 n */
    bool disable_dle_dc4; /* GS ( D: image bytes cannot pulse drawer or power off */
    enum dev_graphics_command graphics;
} dev_printer_profile;

/* The profile called name, or NULL. NULL name gives NULL. */
const dev_printer_profile *dev_printer_profile_find(const char *name);

/* The profile used when none is configured: generic-80mm-203dpi. Never NULL. */
const dev_printer_profile *dev_printer_profile_default(void);

/* Number of built-in profiles, and the i-th one (NULL when i is out of range). */
size_t dev_printer_profile_count(void);
const dev_printer_profile *dev_printer_profile_at(size_t i);

#endif
