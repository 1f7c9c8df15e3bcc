/*
 * Rasterised glyphs in 8-bit coverage atlases. FreeType renders each glyph
 * once per (face, pixel size, glyph index, quarter-pixel x phase) with light
 * hinting and grayscale anti-aliasing into an atlas page in memory, one byte
 * a texel. To draw, the glyph's coverage becomes the alpha of white texels
 * on a small stamp texture, whose colour and alpha modulation give every
 * colour: the texels and the blend are those of a 32-bit texture atlas, so
 * the pixels are too, at a quarter of its memory (SDL2 has no alpha-only
 * texture format).
 *
 * Atlas pages are packed in shelves. When every page is full the whole
 * cache is flushed and refilled: glyph sets in a kiosk are small and stable,
 * so this is rare and cheaper than tracking per-glyph recency.
 *
 * Bound to one SDL_Renderer (textures belong to it); UI thread only.
 */
#ifndef UI_GLYPH_CACHE_H
#define UI_GLYPH_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "ui/cache_stats.h"
#include "ui/font.h"

struct ui_glyph_cache;

/*
 * A cache drawing through renderer with glyphs of fonts (both borrowed: they
 * must outlive the cache). page_px is the side of a square atlas page
 * (clamped to 256..4096), max_pages how many pages at most (>= 1). NULL when
 * renderer or fonts is NULL or memory runs out.
 */
struct ui_glyph_cache *ui_glyph_cache_new(SDL_Renderer *renderer, struct ui_fonts *fonts,
                                          int page_px, int max_pages);

/* Destroys the textures; accepts NULL. */
void ui_glyph_cache_free(struct ui_glyph_cache *cache);

/*
 * Draws glyph of face at size_px with its origin (the pen position on the
 * baseline) at (x, y), both in 26.6 pixels of the render target, modulated
 * by color (alpha included). x is honoured to a quarter pixel, y to a pixel.
 * False when the glyph cannot be rendered or uploaded (nothing drawn).
 */
bool ui_glyph_cache_draw(struct ui_glyph_cache *cache, unsigned face, int size_px, uint32_t glyph,
                         int32_t x, int32_t y, SDL_Color color);

void ui_glyph_cache_stats(const struct ui_glyph_cache *cache, struct ui_cache_stats *out);

#endif
