/*
 * The text engine of the ui layer: measure and draw paragraphs of Arabic
 * and English (and both mixed) as their readers expect them: bidi order
 * (UAX #9), joined and ligated Arabic, marks placed by the font, wrapping,
 * an ellipsis at the logical end, and alignment that follows the paragraph's
 * direction ("start" is the right edge of a right-to-left paragraph).
 *
 *   struct ui_text *t = ui_text_new("assets/fonts", renderer, NULL);
 *   struct ui_text_style st = {.size_px = 28, .align = UI_TEXT_ALIGN_START,
 *                              .max_width = 300, .max_lines = 2};
 *   ui_text_draw(t, "برجر دجاج مع بطاطس", &st, white, x, y, 300);
 *
 * Shaped and laid-out texts are kept in an LRU keyed by text and style;
 * glyphs in an atlas per renderer (ui/glyph_cache.h). UI thread only.
 */
#ifndef UI_TEXT_H
#define UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL2/SDL.h>

#include "ui/cache_stats.h"
#include "ui/font.h"
#include "ui/lines.h"
#include "ui/shape.h"

enum ui_text_align {
    UI_TEXT_ALIGN_START, /* left in a LTR paragraph, right in a RTL one */
    UI_TEXT_ALIGN_END,
    UI_TEXT_ALIGN_CENTER,
};

/* Longest text measured or drawn, in bytes: the shaping limit less room for an ellipsis. */
#define UI_TEXT_MAX_BYTES (UI_SHAPE_MAX_BYTES - 4)

struct ui_text_style {
    int size_px; /* pixels per em, clamped to the ui/font.h range */
    enum ui_font_weight weight;
    enum ui_text_dir dir; /* base direction; AUTO: first strong character */
    enum ui_text_align align;
    int max_width; /* wrap width in pixels; <= 0: no wrapping */
    int max_lines; /* <= 0: unlimited; else the last line kept ends in "…" */
};

/*
 * Metrics come from the faces a text uses, so an Arabic line is taller than
 * a Latin one at the same size (see assets/fonts/README.md). To put labels
 * of different content on one baseline, draw each at baseline - ascent.
 */
struct ui_text_metrics {
    int width;       /* pixels, widest line (ceil) */
    int height;      /* pixels, lines * line_height */
    int ascent;      /* pixels above the baseline of a line (ceil) */
    int descent;     /* pixels below it (ceil) */
    int line_height; /* ascent + descent */
    int lines;
    bool rtl;       /* resolved paragraph direction */
    bool truncated; /* lines were dropped and an ellipsis added */
};

struct ui_text_config {
    size_t shape_cache_bytes; /* budget of the shaped-text LRU; 0: 2 MiB */
    int atlas_page_px;        /* side of a glyph atlas page; 0: 1024 */
    int atlas_max_pages;      /* 0: 4 */
};

struct ui_text;

/*
 * An engine with the fonts of font_dir (see ui/font.h) drawing through
 * renderer (borrowed; NULL for an engine that only measures). cfg may be
 * NULL for defaults. NULL when fonts or memory are missing.
 */
struct ui_text *ui_text_new(const char *font_dir, SDL_Renderer *renderer,
                            const struct ui_text_config *cfg);

/*
 * Gives an engine made without a renderer the one it draws through from
 * now on (borrowed), so the fonts can open before the window does (they
 * need no SDL). False when text or renderer is NULL, text has a renderer
 * already, or memory runs out (text then still only measures).
 */
bool ui_text_set_renderer(struct ui_text *text, SDL_Renderer *renderer);

/* Accepts NULL. Destroys the atlas textures, so the renderer must still exist. */
void ui_text_free(struct ui_text *text);

/*
 * Measures utf8 (NUL-terminated, at most UI_TEXT_MAX_BYTES bytes) as
 * ui_text_draw() would lay it out. False (out zeroed) when an argument is
 * NULL, the text is too long or memory runs out.
 */
bool ui_text_measure(struct ui_text *text, const char *utf8, const struct ui_text_style *style,
                     struct ui_text_metrics *out);

/*
 * Draws utf8 with the top of its first line at y (pixels) and each line
 * aligned inside [x, x + box_width) (box_width <= 0: the widest line's width).
 * color's alpha applies to every glyph. False when measuring fails, the
 * engine has no renderer or a glyph could not be drawn.
 */
bool ui_text_draw(struct ui_text *text, const char *utf8, const struct ui_text_style *style,
                  SDL_Color color, int x, int y, int box_width);

/*
 * The laid-out form of utf8 under style, for callers placing carets or
 * testing glyph order: borrowed from the cache, valid until the next call
 * on text. NULL when measuring would fail.
 */
const struct ui_lines *ui_text_lines(struct ui_text *text, const char *utf8,
                                     const struct ui_text_style *style);

/* Counters of the shaped-text cache and of the glyph atlas (zeroed without a renderer). */
void ui_text_stats(const struct ui_text *text, struct ui_cache_stats *shaping,
                   struct ui_cache_stats *glyphs);

#endif
