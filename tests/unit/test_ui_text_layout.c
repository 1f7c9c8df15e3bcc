/*
 * Layout, measuring, caches and drawing of the ui text engine: wrapping in
 * both directions, the ellipsis at the logical end, alignment that follows
 * the paragraph direction, metrics, the shaped-text LRU, the glyph atlas,
 * UTF-8 decoding and PNG files. Byte offsets are counted by hand (Arabic
 * letters 2 bytes, U+20C1 3 bytes, ASCII 1).
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/lru.h"
#include "ui/offscreen.h"
#include "ui/png.h"
#include "ui/text.h"
#include "ui/utf8.h"

#define SIZE_PX 32

static struct ui_text *engine; /* measure-only engine */
static struct ui_fonts *fonts; /* for cmap look-ups */
static const char *font_dir;

static struct ui_text_style style(int max_width, int max_lines)
{
    return (struct ui_text_style){
        .size_px = SIZE_PX, .max_width = max_width, .max_lines = max_lines};
}

static int width_of(const char *text)
{
    struct ui_text_style st = style(0, 0);
    struct ui_text_metrics m;
    return ui_text_measure(engine, text, &st, &m) ? m.width : -1;
}

static uint32_t nominal(enum ui_font_role role, uint32_t cp)
{
    unsigned face = ui_fonts_face(UI_FONT_REGULAR, role);
    return FT_Get_Char_Index(ui_fonts_ft_face(fonts, face, SIZE_PX), cp);
}

static const struct ui_line_glyph *first_glyph(const struct ui_lines *l, size_t line)
{
    return &l->glyphs[l->lines[line].first_glyph];
}

static const struct ui_line_glyph *last_glyph(const struct ui_lines *l, size_t line)
{
    return &l->glyphs[l->lines[line].first_glyph + l->lines[line].n_glyphs - 1];
}

static void test_wrap_arabic_at_spaces(void)
{
    /* برجر 0..7, sp 8, دجاج 9..16, sp 17, مع 18..21, sp 22, جبن 23..28. */
    const char *text = "برجر دجاج مع جبن";
    int w = width_of("برجر دجاج") + 1;
    CHECK(width_of("مع جبن") < w);
    struct ui_text_style st = style(w, 0);
    const struct ui_lines *l = ui_text_lines(engine, text, &st);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 2);
    CHECK_EQ_INT(l->lines[0].start, 0);
    CHECK_EQ_INT(l->lines[0].end, 17); /* the space at 17 hangs */
    CHECK_EQ_INT(l->lines[0].next, 18);
    CHECK_EQ_INT(l->lines[1].start, 18);
    CHECK_EQ_INT(l->lines[1].end, 29);
    CHECK(l->lines[0].width <= w * 64);
    /* Each line right to left on its own: its logical end is at its left. */
    CHECK_EQ_INT(first_glyph(l, 0)->cluster, 15);
    CHECK_EQ_INT(last_glyph(l, 0)->cluster, 0);
    CHECK_EQ_INT(first_glyph(l, 1)->cluster, 27);
    CHECK_EQ_INT(last_glyph(l, 1)->cluster, 18);
}

static void test_wrap_english_at_spaces(void)
{
    const char *text = "Chicken burger with fries";
    int w = width_of("Chicken burger") + 1;
    CHECK(width_of("with fries") < w);
    struct ui_text_style st = style(w, 0);
    const struct ui_lines *l = ui_text_lines(engine, text, &st);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 2);
    CHECK_EQ_INT(l->lines[0].end, 14);
    CHECK_EQ_INT(l->lines[1].start, 15);
    CHECK_EQ_INT(first_glyph(l, 1)->cluster, 15);
}

static void test_long_word_breaks_between_clusters(void)
{
    /* Four lam-alef ligatures of 4 bytes each, 1 px wide lines: one
     * ligature per line, never a lam without its alef. */
    struct ui_text_style st = style(1, 0);
    const struct ui_lines *l = ui_text_lines(engine, "لالالالا", &st);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 4);
    for (size_t i = 0; i < 4; i++) {
        CHECK_EQ_INT(l->lines[i].start, 4 * i);
        CHECK_EQ_INT(l->lines[i].n_glyphs, 1);
    }
}

static void test_riyal_sign_never_starts_a_line(void)
{
    /* السعر 0..9, sp 10, 12.50 at 11..15, sp 16, ⃁ 17..19. The first line
     * could hold "السعر 12.50" but then the sign would be alone below: the
     * break moves before the amount. */
    const char *text = "السعر 12.50 ⃁";
    struct ui_text_style st = style(width_of("السعر 12.50") + 1, 0);
    const struct ui_lines *l = ui_text_lines(engine, text, &st);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 2);
    CHECK_EQ_INT(l->lines[0].end, 10);
    CHECK_EQ_INT(l->lines[1].start, 11);
    CHECK_EQ_INT(first_glyph(l, 1)->cluster, 17); /* sign left of the amount */
}

static void test_ellipsis_at_left_of_rtl_paragraph(void)
{
    const char *text = "برجر دجاج مع بطاطس وصلصة";
    int w = width_of("برجر دجاج") + 1;
    struct ui_text_style st = style(w, 1);
    struct ui_text_metrics m;
    CHECK(ui_text_measure(engine, text, &st, &m));
    CHECK(m.truncated);
    CHECK(m.rtl);
    CHECK_EQ_INT(m.lines, 1);
    CHECK(m.width <= w);
    const struct ui_lines *l = ui_text_lines(engine, text, &st);
    CHECK(l);
    CHECK_EQ_INT(first_glyph(l, 0)->glyph, nominal(UI_FONT_ROLE_LATIN, 0x2026));
    CHECK_EQ_INT(last_glyph(l, 0)->cluster, 0); /* the first letter stays at the right */
}

static void test_ellipsis_at_right_of_ltr_paragraph(void)
{
    const char *text = "Chicken burger with fries";
    int w = width_of("Chicken burger") + 1;
    struct ui_text_style st = style(w, 1);
    const struct ui_lines *l = ui_text_lines(engine, text, &st);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 1);
    CHECK(l->width <= w * 64);
    CHECK_EQ_INT(first_glyph(l, 0)->cluster, 0);
    CHECK_EQ_INT(last_glyph(l, 0)->glyph, nominal(UI_FONT_ROLE_LATIN, 0x2026));
    /* "Chicken burger" alone fits, not with "…" after it: the cut falls
     * inside "burger" (bytes 8..13), as close to the limit as fits. */
    CHECK(l->lines[0].n_glyphs >= 10);
    CHECK(l->glyphs[l->lines[0].n_glyphs - 2].cluster >= 8);
    CHECK(l->glyphs[l->lines[0].n_glyphs - 2].cluster < 13);
}

static void test_ellipsis_after_latin_word_in_rtl(void)
{
    /* The last kept word is Latin; the ellipsis still goes to the logical
     * end of the RTL paragraph, the far left, not after "Classic". */
    const char *text = "برجر Classic مع بطاطس";
    struct ui_text_style st = style(width_of("برجر Classic") + width_of("…") + 1, 1);
    const struct ui_lines *l = ui_text_lines(engine, text, &st);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 1);
    CHECK_EQ_INT(first_glyph(l, 0)->glyph, nominal(UI_FONT_ROLE_LATIN, 0x2026));
    CHECK_EQ_INT(l->glyphs[1].cluster, 9); /* then "C" of Classic (bytes 9..15) */
}

static void test_ellipsis_on_last_allowed_line(void)
{
    const char *text = "برجر دجاج مع بطاطس وصلصة حارة";
    int w = width_of("برجر دجاج") + 1;
    struct ui_text_style st = style(w, 2);
    const struct ui_lines *l = ui_text_lines(engine, text, &st);
    CHECK(l);
    CHECK_EQ_INT(l->n_lines, 2);
    CHECK_EQ_INT(l->lines[0].end, 17);
    CHECK(l->lines[1].width <= w * 64);
    CHECK_EQ_INT(first_glyph(l, 1)->glyph, nominal(UI_FONT_ROLE_LATIN, 0x2026));
    /* Without a limit the same text needs more lines and no ellipsis. */
    struct ui_text_style free_st = style(w, 0);
    struct ui_text_metrics m;
    CHECK(ui_text_measure(engine, text, &free_st, &m));
    CHECK(m.lines > 2);
    CHECK(!m.truncated);
}

static void test_metrics(void)
{
    struct ui_text_style st = style(0, 0);
    struct ui_text_metrics m;
    /* Noto Sans Arabic: ascender 1374, descender 738 per 1000 units.
     * 1374 * 32 / 1000 = 43.97 -> 44; 738 * 32 / 1000 = 23.6 -> 24. */
    CHECK(ui_text_measure(engine, "مرحبا", &st, &m));
    CHECK_EQ_INT(m.ascent, 44);
    CHECK_EQ_INT(m.descent, 24);
    CHECK_EQ_INT(m.line_height, 68);
    CHECK_EQ_INT(m.height, 68);
    /* Noto Sans: 1069 and 293 -> 34.2 -> 35 and 9.4 -> 10. */
    CHECK(ui_text_measure(engine, "Menu", &st, &m));
    CHECK_EQ_INT(m.ascent, 35);
    CHECK_EQ_INT(m.descent, 10);
    /* Mixed text takes the larger of the faces it uses. */
    CHECK(ui_text_measure(engine, "Menu قائمة", &st, &m));
    CHECK_EQ_INT(m.ascent, 44);
    /* The lam-alef ligature advances 582 units: 582 * 32 / 1000 = 18.6 -> 19 px. */
    CHECK(ui_text_measure(engine, "لا", &st, &m));
    CHECK_EQ_INT(m.width, 19);
    /* Two lines are twice as tall. */
    CHECK(ui_text_measure(engine, "مرحبا\nمرحبا", &st, &m));
    CHECK_EQ_INT(m.lines, 2);
    CHECK_EQ_INT(m.height, 136);
}

static void test_empty_and_oversized_text(void)
{
    struct ui_text_style st = style(0, 0);
    struct ui_text_metrics m;
    CHECK(ui_text_measure(engine, "", &st, &m));
    CHECK_EQ_INT(m.lines, 1);
    CHECK_EQ_INT(m.width, 0);
    CHECK(!m.rtl);
    char *big = malloc(UI_TEXT_MAX_BYTES + 2);
    CHECK(big);
    memset(big, 'a', UI_TEXT_MAX_BYTES + 1);
    big[UI_TEXT_MAX_BYTES + 1] = '\0';
    bool refused = !ui_text_measure(engine, big, &st, &m);
    big[UI_TEXT_MAX_BYTES] = '\0';
    bool accepted = ui_text_measure(engine, big, &st, &m);
    free(big);
    CHECK(refused);
    CHECK(accepted);
    CHECK(!ui_text_measure(engine, NULL, &st, &m));
}

static void test_fonts_come_only_from_the_folder(void)
{
    /* No fallback to the host's fonts: a folder without them is an error. */
    CHECK(ui_text_new(check_tmp_dir(), NULL, NULL) == NULL);
    CHECK(ui_fonts_new("/nonexistent") == NULL);
    CHECK(ui_fonts_new(NULL) == NULL);
}

static void test_shape_cache_hits_and_budget(void)
{
    struct ui_text *t = ui_text_new(font_dir, NULL, NULL);
    CHECK(t);
    struct ui_text_style st = style(0, 0);
    struct ui_text_metrics m;
    struct ui_cache_stats s;
    ui_text_measure(t, "برجر", &st, &m);
    ui_text_measure(t, "برجر", &st, &m);
    st.size_px = 20; /* another key */
    ui_text_measure(t, "برجر", &st, &m);
    ui_text_stats(t, &s, NULL);
    ui_text_free(t);
    CHECK_EQ_INT(s.hits, 1);
    CHECK_EQ_INT(s.misses, 2);
    CHECK_EQ_INT(s.entries, 2);
    CHECK(s.bytes > 0 && s.bytes <= s.budget);

    /* A budget too small for two entries keeps only the newest. */
    struct ui_text_config cfg = {.shape_cache_bytes = 1};
    t = ui_text_new(font_dir, NULL, &cfg);
    CHECK(t);
    ui_text_measure(t, "one", &st, &m);
    ui_text_measure(t, "two", &st, &m);
    ui_text_measure(t, "three", &st, &m);
    ui_text_stats(t, &s, NULL);
    ui_text_free(t);
    CHECK_EQ_INT(s.entries, 1);
    CHECK_EQ_INT(s.evictions, 2);
}

static int freed_values;
static void count_free(void *value)
{
    (void)value;
    freed_values++;
}

static void test_lru_evicts_least_recent(void)
{
    static int a, b, c;
    freed_values = 0;
    /* Room for the table (about 1 KiB) and two 1000-byte values, not three. */
    struct ui_lru *lru = ui_lru_new(4000, count_free);
    CHECK(lru);
    struct ui_cache_stats s;
    ui_lru_stats(lru, &s);
    size_t overhead = s.bytes;
    ui_lru_free(lru);
    lru = ui_lru_new(overhead + 2 * 1100, count_free);
    CHECK(lru);
    CHECK(ui_lru_put(lru, "a", 1, &a, 1000));
    CHECK(ui_lru_put(lru, "b", 1, &b, 1000));
    CHECK(ui_lru_get(lru, "a", 1) == &a); /* a is now the most recent */
    CHECK(ui_lru_put(lru, "c", 1, &c, 1000));
    bool b_gone = ui_lru_get(lru, "b", 1) == NULL;
    bool a_kept = ui_lru_get(lru, "a", 1) == &a;
    ui_lru_stats(lru, &s);
    ui_lru_free(lru);
    CHECK(b_gone);
    CHECK(a_kept);
    CHECK_EQ_INT(s.evictions, 1);
    CHECK_EQ_INT(freed_values, 3); /* b on eviction, a and c on free */
}

struct utf8_case {
    const char *name, *in;
    size_t len;
    uint32_t want[6];
    size_t n;
};

static void test_utf8_decoding(void)
{
    static const struct utf8_case cases[] = {
        {"ascii", "a", 1, {0x61}, 1},
        {"two bytes", "\xC3\xA9", 2, {0xE9}, 1},
        {"three bytes", "\xE2\x82\xAC", 3, {0x20AC}, 1},
        {"four bytes", "\xF0\x9F\x98\x80", 4, {0x1F600}, 1},
        {"overlong slash", "\xC0\xAF", 2, {0xFFFD, 0xFFFD}, 2},
        {"surrogate", "\xED\xA0\x80", 3, {0xFFFD, 0xFFFD, 0xFFFD}, 3},
        {"above U+10FFFF", "\xF4\x90\x80\x80", 4, {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}, 4},
        {"truncated then ascii",
         "\xE2\x82"
         "a",
         3,
         {0xFFFD, 0x61},
         2},
        {"lone continuation",
         "\x80"
         "b",
         2,
         {0xFFFD, 0x62},
         2},
        {"nul inside", "a\0b", 3, {0x61, 0, 0x62}, 3},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        uint32_t cps[8], offsets[8];
        size_t n = ui_utf8_decode(cases[i].in, cases[i].len, cps, offsets);
        if (n != cases[i].n)
            fprintf(stderr, "  case %s\n", cases[i].name);
        CHECK_EQ_INT(n, cases[i].n);
        for (size_t k = 0; k < n; k++)
            CHECK_EQ_INT(cps[k], cases[i].want[k]);
    }
    uint32_t cps[4], offsets[4];
    CHECK_EQ_INT(ui_utf8_decode("\xE2\x82"
                                "a",
                                3, cps, offsets),
                 2);
    CHECK_EQ_INT(offsets[1], 2); /* "a" resumes right after the broken sequence */
}

static void test_png_round_trip(void)
{
    static const uint8_t px[2 * 3 * 4] = {
        255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4, 250, 251, 252, 253, 9, 8, 7, 6,
    };
    const char *path = check_path(check_tmp_dir(), "round_trip.png");
    CHECK(ui_png_write(path, px, 3, 2, 12));
    int w = 0, h = 0;
    uint8_t *back = ui_png_read(path, &w, &h);
    CHECK(back);
    bool same = w == 3 && h == 2 && memcmp(back, px, sizeof px) == 0;
    free(back);
    CHECK(same);
    const char *junk = check_path(check_tmp_dir(), "junk.png");
    FILE *f = fopen(junk, "wb");
    CHECK(f);
    fputs("not a png", f);
    fclose(f);
    CHECK(ui_png_read(junk, &w, &h) == NULL);
}

/* Ink bounding box (alpha > 0) of an offscreen target cleared to transparent. */
static bool ink_box(const struct ui_offscreen *off, int *x0, int *x1, int *y0, int *y1)
{
    SDL_RenderFlush(off->renderer);
    const SDL_Surface *s = off->surface;
    *x0 = s->w, *x1 = -1, *y0 = s->h, *y1 = -1;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            if (((const uint8_t *)s->pixels)[y * s->pitch + x * 4 + 3] != 0) {
                *x0 = x < *x0 ? x : *x0;
                *x1 = x > *x1 ? x : *x1;
                *y0 = y < *y0 ? y : *y0;
                *y1 = y > *y1 ? y : *y1;
            }
    return *x1 >= 0;
}

static void clear(struct ui_offscreen *off)
{
    SDL_SetRenderDrawColor(off->renderer, 0, 0, 0, 0);
    SDL_RenderClear(off->renderer);
}

static void test_alignment_follows_direction(void)
{
    struct ui_offscreen *off = ui_offscreen_new(300, 60);
    CHECK(off);
    struct ui_text *t = ui_text_new(font_dir, off->renderer, NULL);
    CHECK(t);
    static const struct {
        const char *text;
        enum ui_text_align align;
        int min_x, max_x; /* where the ink must lie in a 300 px box */
    } cases[] = {
        {"برجر", UI_TEXT_ALIGN_START, 205, 299}, /* RTL start: right */
        {"برجر", UI_TEXT_ALIGN_END, 0, 90},      /* RTL end: left */
        {"Menu", UI_TEXT_ALIGN_START, 0, 90},    /* LTR start: left */
        {"Menu", UI_TEXT_ALIGN_END, 205, 299},   /* LTR end: right */
        {"Menu", UI_TEXT_ALIGN_CENTER, 100, 200}, {"برجر", UI_TEXT_ALIGN_CENTER, 100, 200},
    };
    bool ok = true;
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        clear(off);
        struct ui_text_style st = {.size_px = 32, .align = cases[i].align};
        int x0, x1, y0, y1;
        ok = ok && ui_text_draw(t, cases[i].text, &st, (SDL_Color){255, 255, 255, 255}, 0, 0, 300);
        ok = ok && ink_box(off, &x0, &x1, &y0, &y1);
        if (ok && (x0 < cases[i].min_x || x1 > cases[i].max_x)) {
            fprintf(stderr, "  %s align %d: ink %d..%d\n", cases[i].text, cases[i].align, x0, x1);
            ok = false;
        }
    }
    ui_text_free(t);
    ui_offscreen_free(off);
    CHECK(ok);
}

static void test_glyph_cache_and_colour(void)
{
    struct ui_offscreen *off = ui_offscreen_new(200, 60);
    CHECK(off);
    struct ui_text *t = ui_text_new(font_dir, off->renderer, NULL);
    CHECK(t);
    struct ui_text_style st = {.size_px = 32};
    int x0, x1, y0, y1;
    /* Fully transparent colour draws nothing. */
    bool drawn = ui_text_draw(t, "برجر", &st, (SDL_Color){255, 0, 0, 0}, 0, 0, 0);
    bool invisible = !ink_box(off, &x0, &x1, &y0, &y1);
    struct ui_cache_stats first;
    ui_text_stats(t, NULL, &first);
    drawn = drawn && ui_text_draw(t, "برجر", &st, (SDL_Color){255, 0, 0, 255}, 0, 0, 0);
    bool inked = ink_box(off, &x0, &x1, &y0, &y1);
    /* The colour reaches the pixels: red ink, no green or blue. */
    SDL_Surface *s = off->surface;
    uint8_t max_g = 0, max_r = 0;
    for (int i = 0; i < s->w * s->h; i++) {
        const uint8_t *p = (const uint8_t *)s->pixels + (i / s->w) * s->pitch + (i % s->w) * 4;
        max_r = p[0] > max_r ? p[0] : max_r;
        max_g = p[1] > max_g ? p[1] : max_g;
    }
    struct ui_cache_stats shaping, glyphs;
    ui_text_stats(t, &shaping, &glyphs);
    ui_text_free(t);
    ui_offscreen_free(off);
    CHECK(drawn);
    CHECK(invisible);
    CHECK(inked);
    CHECK_EQ_INT(max_r, 255);
    CHECK_EQ_INT(max_g, 0);
    /* برجر: 4 glyphs, each rasterised at most once (the two final ر share
     * one unless they sit at different quarter-pixel phases); the second
     * draw finds all 4 in the atlas. */
    CHECK(first.misses >= 3 && first.misses <= 4);
    CHECK_EQ_INT(first.hits + first.misses, 4);
    CHECK_EQ_INT(glyphs.misses, first.misses);
    CHECK_EQ_INT(glyphs.hits, first.hits + 4);
    CHECK_EQ_INT(shaping.hits, 1);
    CHECK(glyphs.bytes >= 1024u * 1024u); /* one 1024 px page, a byte a texel */
}

static void test_atlas_flushes_when_full(void)
{
    struct ui_offscreen *off = ui_offscreen_new(400, 400);
    CHECK(off);
    struct ui_text_config cfg = {.atlas_page_px = 256, .atlas_max_pages = 1};
    struct ui_text *t = ui_text_new(font_dir, off->renderer, &cfg);
    CHECK(t);
    struct ui_text_style st = {.size_px = 120};
    bool ok = true;
    static const char *const words[] = {"برجر", "دجاج", "Classic", "Burger", "بطاطس", "Fries"};
    for (size_t i = 0; i < CHECK_COUNT(words); i++)
        ok = ok && ui_text_draw(t, words[i], &st, (SDL_Color){0, 0, 0, 255}, 0, 0, 0);
    struct ui_cache_stats glyphs;
    ui_text_stats(t, NULL, &glyphs);
    ui_text_free(t);
    ui_offscreen_free(off);
    CHECK(ok);
    CHECK(glyphs.evictions > 0);
    CHECK_EQ_INT(glyphs.budget, 256 * 256);
}

/*
 * "Burger" in colour over grey after the words of `before` went through a
 * one-page atlas of page_px: a copy of the pixels, NULL on failure.
 */
static uint32_t *burger_after(int page_px, const char *const *before, size_t n_before)
{
    struct ui_offscreen *off = ui_offscreen_new(400, 200);
    struct ui_text_config cfg = {.atlas_page_px = page_px, .atlas_max_pages = 1};
    struct ui_text *t = off ? ui_text_new(font_dir, off->renderer, &cfg) : NULL;
    struct ui_text_style st = {.size_px = 96};
    bool ok = t != NULL;
    for (size_t i = 0; ok && i < n_before; i++)
        ok = ui_text_draw(t, before[i], &st, (SDL_Color){0, 0, 0, 255}, 0, 0, 0);
    uint32_t *pixels = NULL;
    if (ok) {
        SDL_SetRenderDrawColor(off->renderer, 128, 128, 128, 255);
        SDL_RenderClear(off->renderer);
        ok = ui_text_draw(t, "Burger", &st, (SDL_Color){200, 30, 60, 230}, 10, 20, 0);
        SDL_RenderFlush(off->renderer);
        size_t bytes = (size_t)off->surface->pitch * (size_t)off->surface->h;
        pixels = ok ? malloc(bytes) : NULL;
        if (pixels)
            memcpy(pixels, off->surface->pixels, bytes);
    }
    ui_text_free(t);
    ui_offscreen_free(off);
    return pixels;
}

/* Coverage kept in 8-bit pages draws the same after its page was flushed and refilled. */
static void test_atlas_refill_draws_the_same(void)
{
    static const char *const words[] = {"برجر", "دجاج", "Classic", "بطاطس", "Fries", "Cola"};
    uint32_t *fresh = burger_after(1024, NULL, 0);
    uint32_t *refilled = burger_after(256, words, CHECK_COUNT(words));
    bool same = fresh && refilled && memcmp(fresh, refilled, (size_t)400 * 200 * 4) == 0;
    bool inked = false;
    for (size_t i = 0; fresh && i < (size_t)400 * 200; i++)
        inked = inked || (fresh[i] & 0xFFFFFFu) != 0x808080u;
    free(fresh);
    free(refilled);
    CHECK(inked);
    CHECK(same);
}

static const struct check_case cases[] = {
    {"wrap arabic at spaces", test_wrap_arabic_at_spaces},
    {"wrap english at spaces", test_wrap_english_at_spaces},
    {"long word breaks between clusters", test_long_word_breaks_between_clusters},
    {"riyal sign never starts a line", test_riyal_sign_never_starts_a_line},
    {"ellipsis at left of rtl paragraph", test_ellipsis_at_left_of_rtl_paragraph},
    {"ellipsis at right of ltr paragraph", test_ellipsis_at_right_of_ltr_paragraph},
    {"ellipsis after latin word in rtl", test_ellipsis_after_latin_word_in_rtl},
    {"ellipsis on last allowed line", test_ellipsis_on_last_allowed_line},
    {"metrics", test_metrics},
    {"empty and oversized text", test_empty_and_oversized_text},
    {"fonts come only from the folder", test_fonts_come_only_from_the_folder},
    {"shape cache hits and budget", test_shape_cache_hits_and_budget},
    {"lru evicts least recent", test_lru_evicts_least_recent},
    {"utf-8 decoding", test_utf8_decoding},
    {"png round trip", test_png_round_trip},
    {"alignment follows direction", test_alignment_follows_direction},
    {"glyph cache and colour", test_glyph_cache_and_colour},
    {"atlas flushes when full", test_atlas_flushes_when_full},
    {"atlas refill draws the same", test_atlas_refill_draws_the_same},
};

int main(int argc, char **argv)
{
    /* No display: SDL's offscreen driver, software rendering into surfaces. */
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    font_dir = strdup(check_path(check_source_dir(), "assets/fonts"));
    fonts = ui_fonts_new(font_dir);
    engine = ui_text_new(font_dir, NULL, NULL);
    int rc = 1;
    if (fonts && engine)
        rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    else
        fprintf(stderr, "cannot load the fonts of %s\n", font_dir);
    ui_text_free(engine);
    ui_fonts_free(fonts);
    free((char *)font_dir);
    SDL_Quit();
    return rc;
}
