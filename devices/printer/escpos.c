/* ESC/POS raster job builder: see devices/printer/escpos.h. */
#include "devices/printer/escpos.h"

/* GS ( L's pL pH counts at most 65535 bytes: m fn a bx by c xL xH yL yH plus the data. */
#define GS_L_MAX_PARAMS 65535u

const char *dev_escpos_strerror(enum dev_escpos_error err)
{
    switch (err) {
    case DEV_ESCPOS_OK:
        return "ok";
    case DEV_ESCPOS_EMPTY:
        return "nothing to print";
    case DEV_ESCPOS_TOO_WIDE:
        return "image wider than the printer";
    case DEV_ESCPOS_BAD_PROFILE:
        return "invalid printer profile";
    case DEV_ESCPOS_TOO_LARGE:
        return "print job too large";
    }
    return "unknown error";
}

static bool put(dev_buffer *out, const uint8_t *bytes, size_t n)
{
    return dev_buffer_append(out, bytes, n);
}

/* Rows y0..y0+rows of the raster, each width_bytes long, padding bits white. */
static bool put_rows(dev_buffer *out, const dev_raster *raster, uint32_t y0, uint32_t rows,
                     size_t width_bytes)
{
    uint8_t tail = raster->width % 8 ? (uint8_t)(0xFF00u >> (raster->width % 8)) : 0xFF;
    for (uint32_t y = y0; y < y0 + rows; y++) {
        const uint8_t *row = raster->bits + (size_t)y * raster->stride;
        uint8_t last = row[width_bytes - 1] & tail;
        if (!put(out, row, width_bytes - 1) || !put(out, &last, 1))
            return false;
    }
    return true;
}

static bool put_band_gs_v0(dev_buffer *out, const dev_raster *raster, uint32_t y0, uint32_t rows)
{
    size_t width_bytes = (raster->width + 7) / 8;
    const uint8_t head[] = {
        DEV_ESCPOS_GS,
        'v',
        '0',
        0,
        (uint8_t)(width_bytes & 0xFF),
        (uint8_t)(width_bytes >> 8),
        (uint8_t)(rows & 0xFF),
        (uint8_t)(rows >> 8),
    };
    return put(out, head, sizeof head) && put_rows(out, raster, y0, rows, width_bytes);
}

static bool put_band_gs_l(dev_buffer *out, const dev_raster *raster, uint32_t y0, uint32_t rows)
{
    size_t width_bytes = (raster->width + 7) / 8;
    size_t params = DEV_ESCPOS_GS_L_STORE_HEADER + width_bytes * rows;
    const uint8_t store[] = {
        DEV_ESCPOS_GS,
        '(',
        'L',
        (uint8_t)(params & 0xFF),
        (uint8_t)(params >> 8),
        0x30,
        112, /* m, fn 112: store raster graphics */
        0x30,
        1,
        1,
        0x31, /* a = monochrome, bx = by = 1 (no scaling), c = colour 1 */
        (uint8_t)(raster->width & 0xFF),
        (uint8_t)(raster->width >> 8),
        (uint8_t)(rows & 0xFF),
        (uint8_t)(rows >> 8),
    };
    static const uint8_t print[] = {DEV_ESCPOS_GS, '(', 'L', 2, 0, 0x30, 50};
    return put(out, store, sizeof store) && put_rows(out, raster, y0, rows, width_bytes) &&
           put(out, print, sizeof print);
}

static bool put_cut(dev_buffer *out, const dev_printer_profile *profile)
{
    switch (profile->cut) {
    case DEV_CUT_FULL:
        return put(out, (const uint8_t[]){DEV_ESCPOS_GS, 'V', 0}, 3);
    case DEV_CUT_PARTIAL:
        return put(out, (const uint8_t[]){DEV_ESCPOS_GS, 'V', 1}, 3);
    case DEV_CUT_FEED_FULL:
        return put(out, (const uint8_t[]){DEV_ESCPOS_GS, 'V', 65, profile->cut_feed}, 4);
    case DEV_CUT_FEED_PARTIAL:
        return put(out, (const uint8_t[]){DEV_ESCPOS_GS, 'V', 66, profile->cut_feed}, 4);
    }
    return false;
}

static bool put_job(dev_buffer *out, const dev_printer_profile *profile, const dev_raster *raster)
{
    static const uint8_t init[] = {DEV_ESCPOS_ESC, '@'};
    /* GS ( D pL=3 pH=0 m=20 (a b): fn 1 drawer pulse and fn 2 power-off, b = 0 disables. */
    static const uint8_t no_dle_dc4[] = {
        DEV_ESCPOS_GS, '(', 'D', 3, 0, 20, 1, 0, DEV_ESCPOS_GS, '(', 'D', 3, 0, 20, 2, 0,
    };
    if (!put(out, init, sizeof init))
        return false;
    if (profile->disable_dle_dc4 && !put(out, no_dle_dc4, sizeof no_dle_dc4))
        return false;

    uint32_t band = profile->band_rows;
    if (profile->graphics == DEV_GRAPHICS_GS_L) {
        uint32_t fit =
            (GS_L_MAX_PARAMS - DEV_ESCPOS_GS_L_STORE_HEADER) / (uint32_t)((raster->width + 7) / 8);
        if (band > fit)
            band = fit;
    }
    for (uint32_t y = 0; y < raster->height; y += band) {
        uint32_t rows = raster->height - y < band ? raster->height - y : band;
        bool ok = profile->graphics == DEV_GRAPHICS_GS_L ? put_band_gs_l(out, raster, y, rows)
                                                         : put_band_gs_v0(out, raster, y, rows);
        if (!ok)
            return false;
    }
    if (profile->feed_lines &&
        !put(out, (const uint8_t[]){DEV_ESCPOS_ESC, 'd', profile->feed_lines}, 3))
        return false;
    return put_cut(out, profile);
}

enum dev_escpos_error dev_escpos_build_job(dev_buffer *out, const dev_printer_profile *profile,
                                           const dev_raster *raster)
{
    if (!profile || profile->width_dots == 0 || profile->width_dots > DEV_RASTER_MAX_WIDTH ||
        profile->band_rows == 0 || profile->band_rows > DEV_PROFILE_MAX_BAND_ROWS)
        return DEV_ESCPOS_BAD_PROFILE;
    if (!raster || raster->height == 0 || raster->width == 0)
        return DEV_ESCPOS_EMPTY;
    if (raster->width > profile->width_dots)
        return DEV_ESCPOS_TOO_WIDE;
    size_t start = out->len;
    if (!put_job(out, profile, raster)) {
        out->len = start;
        return DEV_ESCPOS_TOO_LARGE;
    }
    return DEV_ESCPOS_OK;
}
