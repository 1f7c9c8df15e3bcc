/*
 * Font loading and the fallback chain (see ui/font.h). Each file is the
 * process's one read-only mapping of it (ui/font_file.h), shared by this
 * set's FreeType and HarfBuzz faces and by every other font set, so shaping
 * and rasterising always see the same font data and no set copies it.
 */
#include "ui/font.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/font_file.h"

/* Indexed by face number: weight * UI_FONT_ROLE_COUNT + role. */
static const char *const FACE_FILES[UI_FONT_FACE_COUNT] = {
    "NotoSansArabic-Regular.ttf", "NotoSans-Regular.ttf", "SaudiRiyal-Regular.otf",
    "NotoSansArabic-Bold.ttf",    "NotoSans-Bold.ttf",    "SaudiRiyal-Bold.otf",
};

struct face {
    struct ui_font_file *file; /* held: the font's bytes, shared by ft and hb */
    FT_Face ft;                /* owned */
    hb_font_t *hb;             /* owned */
    int ft_px;                 /* size ft is set to, 0 before the first use */
    int hb_px;                 /* size hb is scaled to, 0 before the first use */
};

struct ui_fonts {
    FT_Library library; /* owned */
    struct face faces[UI_FONT_FACE_COUNT];
};

static bool load_face(FT_Library library, struct face *face, const char *dir, const char *file)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, file);
    if (n < 0 || (size_t)n >= sizeof path)
        return false;
    face->file = ui_font_file_acquire(path);
    if (!face->file)
        return false;
    const unsigned char *data = ui_font_file_data(face->file);
    size_t size = ui_font_file_size(face->file);
    if (FT_New_Memory_Face(library, data, (FT_Long)size, 0, &face->ft) != 0) {
        face->ft = NULL;
        return false;
    }
    hb_blob_t *blob =
        hb_blob_create((const char *)data, (unsigned)size, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *hb_face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    if (hb_face_get_glyph_count(hb_face) == 0) {
        hb_face_destroy(hb_face);
        return false;
    }
    face->hb = hb_font_create(hb_face);
    hb_face_destroy(hb_face);
    return face->hb != hb_font_get_empty();
}

struct ui_fonts *ui_fonts_new(const char *dir)
{
    if (!dir)
        return NULL;
    struct ui_fonts *fonts = calloc(1, sizeof *fonts);
    if (!fonts)
        return NULL;
    if (FT_Init_FreeType(&fonts->library) != 0) {
        fonts->library = NULL;
        goto error;
    }
    for (unsigned i = 0; i < UI_FONT_FACE_COUNT; i++)
        if (!load_face(fonts->library, &fonts->faces[i], dir, FACE_FILES[i]))
            goto error;
    return fonts;
error:
    ui_fonts_free(fonts);
    return NULL;
}

void ui_fonts_free(struct ui_fonts *fonts)
{
    if (!fonts)
        return;
    for (unsigned i = 0; i < UI_FONT_FACE_COUNT; i++) {
        struct face *face = &fonts->faces[i];
        if (face->hb)
            hb_font_destroy(face->hb);
        if (face->ft)
            FT_Done_Face(face->ft);
        ui_font_file_release(face->file); /* after both faces that read it */
    }
    if (fonts->library)
        FT_Done_FreeType(fonts->library);
    free(fonts);
}

unsigned ui_fonts_face(enum ui_font_weight weight, enum ui_font_role role)
{
    return (weight == UI_FONT_BOLD ? 1u : 0u) * UI_FONT_ROLE_COUNT + (unsigned)role;
}

bool ui_fonts_has(const struct ui_fonts *fonts, unsigned face, uint32_t cp)
{
    return face < UI_FONT_FACE_COUNT && FT_Get_Char_Index(fonts->faces[face].ft, cp) != 0;
}

unsigned ui_fonts_pick(const struct ui_fonts *fonts, enum ui_font_weight weight, hb_script_t script,
                       uint32_t cp)
{
    static const enum ui_font_role ARABIC_FIRST[] = {UI_FONT_ROLE_ARABIC, UI_FONT_ROLE_LATIN,
                                                     UI_FONT_ROLE_SYMBOLS};
    static const enum ui_font_role LATIN_FIRST[] = {UI_FONT_ROLE_LATIN, UI_FONT_ROLE_ARABIC,
                                                    UI_FONT_ROLE_SYMBOLS};
    const enum ui_font_role *chain = script == HB_SCRIPT_ARABIC ? ARABIC_FIRST : LATIN_FIRST;
    for (unsigned i = 0; i < UI_FONT_ROLE_COUNT; i++) {
        unsigned face = ui_fonts_face(weight, chain[i]);
        if (ui_fonts_has(fonts, face, cp))
            return face;
    }
    return ui_fonts_face(weight, chain[0]);
}

int ui_fonts_clamp_px(int size_px)
{
    if (size_px < UI_FONT_MIN_PX)
        return UI_FONT_MIN_PX;
    return size_px > UI_FONT_MAX_PX ? UI_FONT_MAX_PX : size_px;
}

FT_Face ui_fonts_ft_face(struct ui_fonts *fonts, unsigned face, int size_px)
{
    struct face *f = &fonts->faces[face % UI_FONT_FACE_COUNT];
    size_px = ui_fonts_clamp_px(size_px);
    if (f->ft_px != size_px && FT_Set_Pixel_Sizes(f->ft, 0, (FT_UInt)size_px) == 0)
        f->ft_px = size_px;
    return f->ft;
}

hb_font_t *ui_fonts_hb_font(struct ui_fonts *fonts, unsigned face, int size_px)
{
    struct face *f = &fonts->faces[face % UI_FONT_FACE_COUNT];
    size_px = ui_fonts_clamp_px(size_px);
    if (f->hb_px != size_px) {
        /* Scale in 26.6 so HarfBuzz positions need no conversion; the
         * default hb-ot functions give unhinted advances, which match
         * FT_LOAD_TARGET_LIGHT (it never hints horizontally). */
        hb_font_set_scale(f->hb, size_px * 64, size_px * 64);
        hb_font_set_ppem(f->hb, (unsigned)size_px, (unsigned)size_px);
        f->hb_px = size_px;
    }
    return f->hb;
}

void ui_fonts_vmetrics(const struct ui_fonts *fonts, unsigned face, int size_px, int32_t *ascent,
                       int32_t *descent)
{
    const FT_Face ft = fonts->faces[face % UI_FONT_FACE_COUNT].ft;
    long scale = (long)ui_fonts_clamp_px(size_px) * 64;
    long upem = ft->units_per_EM > 0 ? ft->units_per_EM : 1000;
    *ascent = (int32_t)(FT_MulDiv(ft->ascender, scale, upem));
    *descent =
        (int32_t)(FT_MulDiv(ft->descender < 0 ? -ft->descender : ft->descender, scale, upem));
}
