/*
 * Bidi and shaping of the ui text engine: glyph order (visual, left to
 * right) and clusters (byte offsets into the UTF-8 text) for the strings a
 * Saudi kiosk shows. The byte offsets in the expected arrays are counted by
 * hand: Arabic letters and U+00D7 take 2 bytes, U+20C1 takes 3, ASCII 1.
 */
#include "tests/support/check.h"

#include <stdio.h>

#include "ui/lines.h"
#include "ui/text.h"

static struct ui_text *engine; /* measure-only engine, no renderer */
static struct ui_fonts *fonts; /* a second copy, for cmap look-ups */

#define SIZE_PX 32
#define AR ui_fonts_face(UI_FONT_REGULAR, UI_FONT_ROLE_ARABIC)
#define LATIN ui_fonts_face(UI_FONT_REGULAR, UI_FONT_ROLE_LATIN)
#define SYMBOLS ui_fonts_face(UI_FONT_REGULAR, UI_FONT_ROLE_SYMBOLS)

static const struct ui_lines *lay_out(const char *text, enum ui_text_dir dir)
{
    struct ui_text_style st = {.size_px = SIZE_PX, .dir = dir};
    return ui_text_lines(engine, text, &st);
}

static bool is_rtl(const char *text, enum ui_text_dir dir)
{
    struct ui_text_style st = {.size_px = SIZE_PX, .dir = dir};
    struct ui_text_metrics m;
    return ui_text_measure(engine, text, &st, &m) && m.rtl;
}

/* True when text lays out on one line whose glyph clusters, left to right, are want[]. */
static bool clusters_are(const char *text, enum ui_text_dir dir, const uint32_t *want, size_t n)
{
    const struct ui_lines *l = lay_out(text, dir);
    bool ok = l && l->n_lines == 1 && l->lines[0].n_glyphs == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = l->glyphs[i].cluster == want[i];
    if (!ok && l) {
        fprintf(stderr, "  \"%s\": got clusters", text);
        for (size_t i = 0; i < l->n_glyphs; i++)
            fprintf(stderr, " %u", l->glyphs[i].cluster);
        fprintf(stderr, " on %zu line(s)\n", l->n_lines);
    }
    return ok;
}

#define CHECK_CLUSTERS(text, dir, ...)                                                             \
    do {                                                                                           \
        static const uint32_t want_[] = {__VA_ARGS__};                                             \
        CHECK(clusters_are(text, dir, want_, CHECK_COUNT(want_)));                                 \
    } while (0)

/* The glyph of cp in face when nothing shapes it (the cmap's answer). */
static uint32_t nominal(unsigned face, uint32_t cp)
{
    return FT_Get_Char_Index(ui_fonts_ft_face(fonts, face, SIZE_PX), cp);
}

/* Glyph at visual position i of a one-line text. */
static struct ui_line_glyph glyph_at(const char *text, size_t i)
{
    const struct ui_lines *l = lay_out(text, UI_TEXT_DIR_AUTO);
    return l && i < l->n_glyphs ? l->glyphs[i] : (struct ui_line_glyph){0};
}

static void test_arabic_word_reversed_and_joined(void)
{
    /* م ر ح ب ا at bytes 0 2 4 6 8; right to left, so alef (8) is leftmost. */
    CHECK(is_rtl("مرحبا", UI_TEXT_DIR_AUTO));
    CHECK_CLUSTERS("مرحبا", UI_TEXT_DIR_AUTO, 8, 6, 4, 2, 0);
    /* Joined: every letter takes a contextual form, never the isolated one
     * that shaping the letter alone (or the bare cmap) gives. */
    static const char *const letters[] = {"ا", "ب", "ح", "ر", "م"};
    static const uint32_t cps[] = {0x627, 0x628, 0x62D, 0x631, 0x645};
    for (size_t i = 0; i < CHECK_COUNT(letters); i++) {
        struct ui_line_glyph joined = glyph_at("مرحبا", i);
        struct ui_line_glyph alone = glyph_at(letters[i], 0);
        CHECK_EQ_INT(joined.face, AR);
        CHECK_EQ_INT(alone.glyph, nominal(AR, cps[i]));
        CHECK(joined.glyph != alone.glyph);
    }
}

static void test_lam_alef_is_one_ligature(void)
{
    CHECK_CLUSTERS("لا", UI_TEXT_DIR_AUTO, 0);
    struct ui_line_glyph g = glyph_at("لا", 0);
    CHECK(g.glyph != nominal(AR, 0x644) && g.glyph != nominal(AR, 0x627));
    CHECK(g.glyph != 0);
}

static void test_arabic_with_latin_word(void)
{
    /* برجر = bytes 0..7, space 8, Classic 9..15. The Latin word keeps its
     * order and sits left of the Arabic one in the RTL paragraph. */
    CHECK(is_rtl("برجر Classic", UI_TEXT_DIR_AUTO));
    CHECK_CLUSTERS("برجر Classic", UI_TEXT_DIR_AUTO, 9, 10, 11, 12, 13, 14, 15, 8, 6, 4, 2, 0);
    CHECK_EQ_INT(glyph_at("برجر Classic", 0).face, LATIN);
    CHECK_EQ_INT(glyph_at("برجر Classic", 0).glyph, nominal(LATIN, 'C'));
    CHECK_EQ_INT(glyph_at("برجر Classic", 11).face, AR);
}

static void test_latin_paragraph_with_arabic_and_number(void)
{
    /* LTR paragraph: Burger 0..5, space 6, برجر 7..14, space 15, 12 at 16.
     * The digits follow Arabic letters (UAX #9 W2: AN, level 2), so the
     * right-to-left part reads "برجر 12" from the right. */
    CHECK(!is_rtl("Burger برجر 12", UI_TEXT_DIR_AUTO));
    CHECK_CLUSTERS("Burger برجر 12", UI_TEXT_DIR_AUTO, 0, 1, 2, 3, 4, 5, 6, 16, 17, 15, 13, 11, 9,
                   7);
}

static void test_arabic_indic_digit_and_times(void)
{
    /* ٣ 0..1, space 2, × 3..4, space 5, برجر 6..13: the quantity reads first, at the right. */
    CHECK_CLUSTERS("٣ × برجر", UI_TEXT_DIR_AUTO, 12, 10, 8, 6, 5, 3, 2, 0);
    CHECK_EQ_INT(glyph_at("٣ × برجر", 7).glyph, nominal(AR, 0x663));
    CHECK_EQ_INT(glyph_at("٣ × برجر", 5).face, LATIN); /* the Arabic face has no × */
}

static void test_price_with_riyal_sign_after_space(void)
{
    /* السعر 0..9, space 10, 12.50 at 11..15, space 16, ⃁ 17..19. The amount
     * stays left-to-right; the sign is after it in reading order, so left of
     * it on screen, as SAMA asks ("the symbol to the left of the number"). */
    CHECK_CLUSTERS("السعر 12.50 ⃁", UI_TEXT_DIR_AUTO, 17, 16, 11, 12, 13, 14, 15, 10, 8, 6,
                   4, 2, 0);
    struct ui_line_glyph sign = glyph_at("السعر 12.50 ⃁", 0);
    CHECK_EQ_INT(sign.face, SYMBOLS);
    CHECK_EQ_INT(sign.glyph, nominal(SYMBOLS, UI_SIGN_SAUDI_RIYAL));
    CHECK_EQ_INT(glyph_at("السعر 12.50 ⃁", 2).glyph, nominal(AR, '1'));
}

static void test_price_with_riyal_sign_attached(void)
{
    /* No space: ⃁ at 16..18. With FriBidi's own class L the sign would join
     * the level-2 number run and land right of "12.50"; as ET (next to a
     * number that W2 made AN) it resolves to R and stays left of it. */
    CHECK_CLUSTERS("السعر 12.50⃁", UI_TEXT_DIR_AUTO, 16, 11, 12, 13, 14, 15, 10, 8, 6, 4, 2,
                   0);
}

static void test_riyal_sign_is_not_strong(void)
{
    /* As class L the leading sign would make this label LTR (UAX #9 P2). */
    CHECK(is_rtl("⃁ 12 برجر", UI_TEXT_DIR_AUTO));
    /* ⃁ 0..2, space 3, 12 at 4..5, space 6, برجر 7..14 */
    CHECK_CLUSTERS("⃁ 12 برجر", UI_TEXT_DIR_AUTO, 13, 11, 9, 7, 6, 4, 5, 3, 0);
    /* With no strong character at all the paragraph is LTR. */
    CHECK(!is_rtl("12.50 ⃁", UI_TEXT_DIR_AUTO));
    CHECK_CLUSTERS("12.50 ⃁", UI_TEXT_DIR_AUTO, 0, 1, 2, 3, 4, 5, 6);
}

static void test_sum_keeps_signs_with_amounts(void)
{
    /* المجموع 0..13, sp 14, 12 at 15..16, sp 17, ⃁ 18, sp 21, + 22, sp 23,
     * 3 at 24, sp 25, ⃁ 26. As class L the first sign would turn "3" into L
     * (W7) and "⃁ + 3 ⃁" into one LTR run reading "12 ⃁ 3 + ⃁". Here it
     * reads from the right: المجموع 12 ⃁ + 3 ⃁. */
    CHECK_CLUSTERS("المجموع 12 ⃁ + 3 ⃁", UI_TEXT_DIR_AUTO, 26, 25, 24, 23, 22, 21, 18,
                   17, 15, 16, 14, 12, 10, 8, 6, 4, 2, 0);
}

static void test_arabic_indic_price(void)
{
    /* السعر 0..9, sp 10, ١٢٫٥٠ at 11,13,15,17,19, sp 21, ⃁ 22. */
    CHECK_CLUSTERS("السعر ١٢٫٥٠ ⃁", UI_TEXT_DIR_AUTO, 22, 21, 11, 13, 15, 17, 19, 10, 8,
                   6, 4, 2, 0);
    CHECK_EQ_INT(glyph_at("السعر ١٢٫٥٠ ⃁", 2).glyph, nominal(AR, 0x661));
    CHECK_EQ_INT(glyph_at("السعر ١٢٫٥٠ ⃁", 4).glyph, nominal(AR, 0x66B));
}

static void test_parentheses_mirrored(void)
{
    /* ( 0, جديد 1..8, ) 9. The closing parenthesis is leftmost and must be
     * drawn with the glyph of "(" so the pair still encloses the word. */
    CHECK_CLUSTERS("(جديد)", UI_TEXT_DIR_AUTO, 9, 7, 5, 3, 1, 0);
    CHECK_EQ_INT(glyph_at("(جديد)", 0).glyph, nominal(LATIN, '('));
    CHECK_EQ_INT(glyph_at("(جديد)", 5).glyph, nominal(LATIN, ')'));
    /* In an LTR paragraph they stay as typed. */
    CHECK_EQ_INT(glyph_at("New (جديد)", 4).glyph, nominal(LATIN, '('));
}

static void test_tashkeel_positioned_by_gpos(void)
{
    /* م ُ ح َ م ّ َ د: three mark glyphs (shadda+fatha is one in Noto Sans
     * Arabic), each with no advance, offset by GPOS onto its base, in its
     * base's cluster. */
    const char *text = "مُحَمَّد";
    struct ui_shape_params p = {.size_px = SIZE_PX};
    struct ui_shaped *sh = ui_shape_text(fonts, text, strlen(text), &p);
    CHECK(sh);
    size_t marks = 0, bases = 0;
    bool ok = true;
    for (size_t i = 0; i < sh->n_glyphs; i++) {
        const struct ui_shaped_glyph *g = &sh->glyphs[i];
        if (g->x_advance == 0) {
            marks++;
            ok = ok && (g->x_offset != 0 || g->y_offset != 0);
            ok = ok && i + 1 < sh->n_glyphs && sh->glyphs[i + 1].cluster == g->cluster;
        } else {
            bases++;
        }
    }
    ui_shaped_free(sh);
    CHECK(ok);
    CHECK_EQ_INT(marks, 3);
    CHECK_EQ_INT(bases, 4);
    /* Visual order, marks before their base within each cluster (HarfBuzz's RTL order). */
    CHECK_CLUSTERS(text, UI_TEXT_DIR_AUTO, 14, 8, 8, 4, 4, 0, 0);
}

static void test_forced_directions(void)
{
    /* Forcing a direction changes the paragraph, not the Arabic word's own order. */
    CHECK(!is_rtl("مرحبا", UI_TEXT_DIR_LTR));
    CHECK_CLUSTERS("مرحبا", UI_TEXT_DIR_LTR, 8, 6, 4, 2, 0);
    CHECK(is_rtl("Menu", UI_TEXT_DIR_RTL));
    CHECK_CLUSTERS("Menu", UI_TEXT_DIR_RTL, 0, 1, 2, 3);
    /* A number after Latin letters becomes L (UAX #9 W7), so "Menu: 1"
     * stays one left-to-right run even in a RTL paragraph... */
    CHECK_CLUSTERS("Menu: 1", UI_TEXT_DIR_RTL, 0, 1, 2, 3, 4, 5, 6);
    /* ...while a number after Arabic letters reads after them, to their left. */
    CHECK_CLUSTERS("قائمة: 1", UI_TEXT_DIR_LTR, 12, 11, 10, 8, 6, 4, 2, 0);
}

static void test_newline_splits_paragraphs(void)
{
    /* One direction for the text (its first strong character): RTL. */
    const struct ui_lines *l = lay_out("سلطة\nSalad", UI_TEXT_DIR_AUTO);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 2);
    CHECK_EQ_INT(l->lines[0].n_glyphs, 4);
    CHECK_EQ_INT(l->glyphs[0].cluster, 6);
    CHECK_EQ_INT(l->lines[1].n_glyphs, 5);
    CHECK_EQ_INT(l->glyphs[l->lines[1].first_glyph].cluster, 9); /* "S" after "\n" at 8 */
    CHECK(is_rtl("سلطة\nSalad", UI_TEXT_DIR_AUTO));
}

static void test_invalid_utf8_shows_replacement(void)
{
    /* 0xFF can never start a sequence; "\xD8" lacks its continuation byte. */
    const struct ui_lines *l = lay_out("a\xFF"
                                       "b\xD8",
                                       UI_TEXT_DIR_AUTO);
    CHECK(l);
    CHECK_EQ_INT(l->n_glyphs, 4);
    CHECK_EQ_INT(l->glyphs[1].cluster, 1);
    CHECK_EQ_INT(l->glyphs[1].glyph, nominal(LATIN, 0xFFFD));
    CHECK_EQ_INT(l->glyphs[3].cluster, 3);
    CHECK_EQ_INT(l->glyphs[3].glyph, nominal(LATIN, 0xFFFD));
}

static void test_bidi_controls_are_invisible(void)
{
    /* RLM (U+200F, bytes 5..7) steers bidi but must draw nothing: of its 8
     * code points only "Menu: 1" (7) leave a glyph. Noto Sans maps U+200F
     * to a visible glyph, which must not appear. */
    const struct ui_lines *l = lay_out("Menu:\xE2\x80\x8F 1", UI_TEXT_DIR_AUTO);
    CHECK(l);
    CHECK_EQ_INT(l->n_glyphs, 7);
    for (size_t i = 0; i < l->n_glyphs; i++)
        CHECK(l->glyphs[i].glyph != nominal(LATIN, 0x200F));
}

static const struct check_case cases[] = {
    {"arabic word reversed and joined", test_arabic_word_reversed_and_joined},
    {"lam alef is one ligature", test_lam_alef_is_one_ligature},
    {"arabic with latin word", test_arabic_with_latin_word},
    {"latin paragraph with arabic and number", test_latin_paragraph_with_arabic_and_number},
    {"arabic-indic digit and times sign", test_arabic_indic_digit_and_times},
    {"price with riyal sign after a space", test_price_with_riyal_sign_after_space},
    {"price with riyal sign attached", test_price_with_riyal_sign_attached},
    {"riyal sign is not a strong character", test_riyal_sign_is_not_strong},
    {"sum keeps signs with amounts", test_sum_keeps_signs_with_amounts},
    {"arabic-indic price", test_arabic_indic_price},
    {"parentheses mirrored", test_parentheses_mirrored},
    {"tashkeel positioned by gpos", test_tashkeel_positioned_by_gpos},
    {"forced directions", test_forced_directions},
    {"newline splits paragraphs", test_newline_splits_paragraphs},
    {"invalid utf-8 shows replacement", test_invalid_utf8_shows_replacement},
    {"bidi controls are invisible", test_bidi_controls_are_invisible},
};

int main(int argc, char **argv)
{
    const char *dir = check_path(check_source_dir(), "assets/fonts");
    fonts = ui_fonts_new(dir);
    engine = ui_text_new(dir, NULL, NULL);
    if (!fonts || !engine) {
        fprintf(stderr, "cannot load the fonts of %s\n", dir);
        return 1;
    }
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ui_text_free(engine);
    ui_fonts_free(fonts);
    return rc;
}
