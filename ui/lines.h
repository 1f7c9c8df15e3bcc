/*
 * Line breaking and visual order: the second half of the text pipeline.
 * A shaped text (ui/shape.h, logical order) is broken into lines no wider
 * than a limit, at the opportunities the shaper marked, and each line is put
 * in visual order: its runs are cut to the line and reversed by level
 * (UAX #9 L2); inside a right-to-left run HarfBuzz's order already is visual.
 * White space at the end of a line hangs: it is neither drawn nor measured
 * (UAX #9 L1 puts it at the paragraph level, at the line's logical end).
 */
#ifndef UI_LINES_H
#define UI_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/shape.h"

struct ui_line_glyph {
    uint32_t glyph;   /* glyph index in face */
    int32_t x;        /* 26.6 pixels from the line's left edge, offset included */
    int32_t y_offset; /* 26.6 pixels, positive up */
    uint32_t cluster; /* byte offset in the text of the glyph's cluster */
    uint8_t face;
};

struct ui_line {
    uint32_t first_glyph, n_glyphs; /* into ui_lines.glyphs, left to right */
    int32_t width;                  /* 26.6 pixels, hanging white space excluded */
    uint32_t start, end;            /* bytes [start, end) of the text drawn on this line */
    uint32_t next;                  /* byte where the next line starts */
};

struct ui_lines {
    struct ui_line *lines; /* owned; at least one line, even for "" */
    size_t n_lines;
    struct ui_line_glyph *glyphs; /* owned */
    size_t n_glyphs;
    int32_t width; /* 26.6 pixels, widest line */
    size_t bytes;  /* memory held, for cache budgets */
};

/*
 * Lays out shaped (borrowed only during the call) in lines of at most
 * max_width 26.6 pixels (<= 0: break only at newlines). A word wider than
 * max_width is broken between clusters; a cluster wider than max_width gets
 * a line of its own. Returns NULL when shaped is NULL or memory runs out;
 * the caller owns the result (ui_lines_free).
 */
struct ui_lines *ui_lines_new(const struct ui_shaped *shaped, int32_t max_width);

/* Accepts NULL. */
void ui_lines_free(struct ui_lines *layout);

#endif
