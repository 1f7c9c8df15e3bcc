/*
 * The fonts of the text engine and their fallback chain. Faces are loaded
 * from one folder (assets/fonts) and never from the host: there is no
 * fontconfig, so a kiosk renders the same pixels on every machine.
 *
 * Three roles, each in a regular and a bold weight: Arabic (Noto Sans
 * Arabic), Latin (Noto Sans) and symbols (the Saudi Riyal sign U+20C1,
 * missing from both Noto faces). A code point goes to the first face of the
 * chain that has it; the chain starts with the face of the run's script, so
 * digits and punctuation inside Arabic text use the Arabic face's forms and
 * inside English text the Latin face's.
 *
 * Not thread-safe: faces are resized in place; use from the UI thread only.
 */
#ifndef UI_FONT_H
#define UI_FONT_H

#include <stdbool.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

enum ui_font_weight {
    UI_FONT_REGULAR,
    UI_FONT_BOLD,
};

enum ui_font_role {
    UI_FONT_ROLE_ARABIC,
    UI_FONT_ROLE_LATIN,
    UI_FONT_ROLE_SYMBOLS,
    UI_FONT_ROLE_COUNT,
};

/* Faces are numbered weight * UI_FONT_ROLE_COUNT + role. */
#define UI_FONT_FACE_COUNT (2 * UI_FONT_ROLE_COUNT)

/* Pixel sizes outside this range are clamped by every function taking one. */
#define UI_FONT_MIN_PX 4
#define UI_FONT_MAX_PX 256

struct ui_fonts;

/*
 * Loads the six faces from dir (e.g. "assets/fonts"; file names are fixed,
 * see assets/fonts/README.md) over the process's shared read-only mappings
 * of the files (ui/font_file.h): a second set copies no font bytes. Returns NULL if dir is NULL, a
 * file is missing or larger than 32 MiB, or FreeType/HarfBuzz reject it.
 */
struct ui_fonts *ui_fonts_new(const char *dir);

/* Frees everything; accepts NULL. Shaped text and glyph caches built on these fonts must go first.
 */
void ui_fonts_free(struct ui_fonts *fonts);

/* Face number of a role in a weight. */
unsigned ui_fonts_face(enum ui_font_weight weight, enum ui_font_role role);

/*
 * Face for code point cp in a run of the given script: the first face of the
 * chain (script's own role, then the others, symbols last) whose cmap has
 * cp; the chain's first face when none has it (its .notdef shows the gap).
 */
unsigned ui_fonts_pick(const struct ui_fonts *fonts, enum ui_font_weight weight, hb_script_t script,
                       uint32_t cp);

/* True when face's cmap maps cp to a glyph. */
bool ui_fonts_has(const struct ui_fonts *fonts, unsigned face, uint32_t cp);

/* FreeType face set to size_px pixels per em; borrowed, valid until ui_fonts_free(). */
FT_Face ui_fonts_ft_face(struct ui_fonts *fonts, unsigned face, int size_px);

/*
 * HarfBuzz font of face scaled so that positions come out in 26.6 pixels at
 * size_px; borrowed, valid until ui_fonts_free().
 */
hb_font_t *ui_fonts_hb_font(struct ui_fonts *fonts, unsigned face, int size_px);

/* Face's ascent and descent (both >= 0) at size_px, in 26.6 pixels, unrounded. */
void ui_fonts_vmetrics(const struct ui_fonts *fonts, unsigned face, int size_px, int32_t *ascent,
                       int32_t *descent);

/* size_px clamped to [UI_FONT_MIN_PX, UI_FONT_MAX_PX]. */
int ui_fonts_clamp_px(int size_px);

#endif
