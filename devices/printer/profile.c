/*
 * Built-in printer profiles. Widths from receipt-print-hq/escpos-printer-db
 * (data/profile/); cut and graphics commands from the Epson, HPRT and NCR
 * ESC/POS command references.
 */
#include "devices/printer/profile.h"

#include <string.h>

static const dev_printer_profile profiles[] = {
    {
        /* 80 mm clones (TM-T20-alikes, Xprinter, HPRT): 72 mm printable. Clones may
         * print unknown commands as text, so no GS ( D. */
        .name = "generic-80mm-203dpi",
        .width_dots = 576,
        .dpi = 203,
        .band_rows = DEV_PROFILE_DEFAULT_BAND_ROWS,
        .feed_lines = 0,
        .cut = DEV_CUT_FEED_PARTIAL,
        .cut_feed = 0,
        .disable_dle_dc4 = false,
        .graphics = DEV_GRAPHICS_GS_V0,
    },
    {
        /* Epson TM-T88V: 180 dpi, 512 dots; Epson marks GS v 0 obsolete and
         * recommends GS ( D before graphics. */
        .name = "epson-tm-t88v",
        .width_dots = 512,
        .dpi = 180,
        .band_rows = DEV_PROFILE_DEFAULT_BAND_ROWS,
        .feed_lines = 0,
        .cut = DEV_CUT_FEED_PARTIAL,
        .cut_feed = 0,
        .disable_dle_dc4 = true,
        .graphics = DEV_GRAPHICS_GS_L,
    },
    {
        /* 58 mm clones (POS-5890): 48 mm printable. Many have a tear bar and no
         * feed-to-cutter function, so feed past the tear bar and send a plain
         * partial cut, which cutterless models ignore. */
        .name = "generic-58mm",
        .width_dots = 384,
        .dpi = 203,
        .band_rows = DEV_PROFILE_DEFAULT_BAND_ROWS,
        .feed_lines = 4,
        .cut = DEV_CUT_PARTIAL,
        .cut_feed = 0,
        .disable_dle_dc4 = false,
        .graphics = DEV_GRAPHICS_GS_V0,
    },
};

#define PROFILE_COUNT (sizeof profiles / sizeof profiles[0])

const dev_printer_profile *dev_printer_profile_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < PROFILE_COUNT; i++)
        if (strcmp(profiles[i].name, name) == 0)
            return &profiles[i];
    return NULL;
}

const dev_printer_profile *dev_printer_profile_default(void)
{
    return &profiles[0];
}

size_t dev_printer_profile_count(void)
{
    return PROFILE_COUNT;
}

const dev_printer_profile *dev_printer_profile_at(size_t i)
{
    return i < PROFILE_COUNT ? &profiles[i] : NULL;
}
