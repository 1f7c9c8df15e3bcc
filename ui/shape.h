/*
 * Bidi and shaping of a UTF-8 text: the first half of the text pipeline.
 *
 *   UTF-8 -> code points (U+FFFD for ill-formed bytes)
 *         -> paragraphs (split at newlines), one base direction for all
 *         -> FriBidi embedding levels (UAX #9, with paired brackets)
 *         -> runs of one level, one script (Common and Inherited characters
 *            take the script of their neighbours) and one face (ui/font.h)
 *         -> HarfBuzz per run, with the run's direction, script and
 *            language ("ar" for Arabic, "en" otherwise)
 *
 * The result stays in logical order; ui/lines.h breaks it into lines and
 * puts each line in visual order. Line-break opportunities are marked here
 * because they need the shaped clusters: a line never starts inside one.
 *
 * U+20C1 SAUDI RIYAL SIGN: FriBidi 1.0.8 (Debian 12) predates Unicode 17 and
 * gives it bidi class L. A strong L sign inside Arabic text pulls the numbers
 * after it to the left-to-right side (rule W7) and makes a label such as
 * "⃁ 12 برجر" left-to-right as a whole (rule P2). Unicode 17 classes it ET,
 * like every currency sign, so its type is patched to ET before the levels
 * are resolved: "12.50⃁" then joins the number (W5) and "12.50 ⃁" follows
 * the number in reading order on either side of it, exactly as "$" and "€".
 *
 * Digits: the caller chooses them. Arabic-Indic digits (U+0660..U+0669 with
 * U+066B/U+066C separators) are class AN and shape with the Arabic face;
 * European digits are class EN. The engine never converts one to the other.
 */
#ifndef UI_SHAPE_H
#define UI_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/font.h"

/* Longest text shaped, in bytes; longer texts are refused, not cut. */
#define UI_SHAPE_MAX_BYTES 4096

#define UI_SIGN_SAUDI_RIYAL 0x20C1u

enum ui_text_dir {
    UI_TEXT_DIR_AUTO, /* first strong character (UAX #9 P2/P3); LTR if none */
    UI_TEXT_DIR_LTR,
    UI_TEXT_DIR_RTL,
};

/* Per code point flags. */
enum {
    UI_CHAR_CLUSTER_START = 1 << 0, /* starts a shaped cluster; never a mark or joiner */
    UI_CHAR_BREAK_BEFORE = 1 << 1,  /* a line may be broken before it */
    UI_CHAR_SPACE = 1 << 2,         /* white space that hangs at the end of a line */
    UI_CHAR_NEWLINE = 1 << 3,       /* ends a paragraph; never drawn */
};

struct ui_shaped_glyph {
    uint32_t glyph;    /* glyph index in face */
    uint32_t cluster;  /* index of the first code point of its cluster */
    int32_t x_advance; /* 26.6 pixels */
    int32_t x_offset;  /* 26.6 pixels, from the pen position */
    int32_t y_offset;  /* 26.6 pixels, positive up */
    uint8_t face;      /* ui/font.h face number */
};

struct ui_shaped_run {
    uint32_t start, end;  /* code points [start, end) */
    uint32_t first_glyph; /* glyphs[first_glyph .. +n_glyphs), left to right */
    uint32_t n_glyphs;
    uint8_t level; /* bidi embedding level; odd is right-to-left */
    uint8_t face;
    hb_script_t script;
};

struct ui_shaped {
    size_t n_chars;
    uint32_t *cps;              /* owned: code points after decoding, logical order */
    uint32_t *offsets;          /* owned: byte offset of each code point; [n_chars] = text length */
    uint8_t *levels;            /* owned: embedding level of each code point */
    uint8_t *flags;             /* owned: UI_CHAR_* of each code point */
    int32_t *advances;          /* owned: 26.6 advance of each cluster, on its first code point */
    struct ui_shaped_run *runs; /* owned, logical order */
    size_t n_runs;
    struct ui_shaped_glyph *glyphs; /* owned */
    size_t n_glyphs;
    bool rtl; /* resolved base direction */
    int size_px;
    int32_t ascent, descent; /* 26.6, the largest of the faces used (>= 0) */
    size_t bytes;            /* memory held, for cache budgets */
};

struct ui_shape_params {
    int size_px; /* clamped to the ui/font.h range */
    enum ui_font_weight weight;
    enum ui_text_dir dir;
};

/*
 * Shapes len bytes of utf8 (need not be NUL-terminated). Tabs shape as
 * spaces; "\n", "\r", U+0085, U+2028 and U+2029 end a paragraph; other
 * control characters show as U+FFFD. Returns NULL when utf8 is NULL, len
 * exceeds UI_SHAPE_MAX_BYTES, or memory runs out. The result is owned by
 * the caller (ui_shaped_free) and borrows nothing.
 */
struct ui_shaped *ui_shape_text(struct ui_fonts *fonts, const char *utf8, size_t len,
                                const struct ui_shape_params *params);

/* Accepts NULL. */
void ui_shaped_free(struct ui_shaped *shaped);

#endif
