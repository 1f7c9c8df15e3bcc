/*
 * Drawing a printable document (kiosk/render/doc.h) as the 1-bit raster a
 * thermal printer prints: text with the ui text engine (FriBidi, HarfBuzz,
 * FreeType; fonts from assets/fonts only) into a greyscale strip that is
 * thresholded row by row, rules and QR codes straight into the raster. A QR
 * code is never scaled or smoothed: each module is an integer square of
 * dots with a four-module quiet zone, so a scanner reads it at any printer
 * resolution.
 *
 * Type sizes are millimetres on paper, so a 180 dpi printer gets the same
 * receipt as a 203 dpi one, and a 58 mm roll the same type with more lines
 * wrapped.
 *
 * A renderer holds the text engine and its glyph atlas on a software
 * surface (no display, no SDL_Init needed); it is used by one thread at a
 * time, the print worker's or a test's.
 */
#ifndef KIOSK_RENDER_DOC_RASTER_H
#define KIOSK_RENDER_DOC_RASTER_H

#include <stdint.h>

#include "devices/printer/raster.h"
#include "kiosk/render/doc.h"

typedef struct ks_doc_renderer ks_doc_renderer;

/*
 * A renderer for paper width_dots wide (8..DEV_RASTER_MAX_WIDTH) at dpi
 * dots per inch (100..600), with the fonts of font_dir (borrowed during the
 * call). NULL when fonts are missing, an argument is out of range or memory
 * runs out.
 */
ks_doc_renderer *ks_doc_renderer_new(const char *font_dir, uint32_t width_dots, uint16_t dpi);

/* Accepts NULL. */
void ks_doc_renderer_free(ks_doc_renderer *renderer);

/*
 * The document as a raster width_dots wide and as tall as it needs, owned
 * by the caller (dev_raster_free). NULL when the document failed while
 * being built, a text cannot be shaped, a QR payload does not fit a QR
 * code, the result would exceed DEV_RASTER_MAX_HEIGHT rows, or memory runs
 * out.
 */
dev_raster *ks_doc_render(ks_doc_renderer *renderer, const ks_doc *doc);

#endif
