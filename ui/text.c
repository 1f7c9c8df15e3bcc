/*
 * The text engine facade (see ui/text.h): cache lookup, ellipsis,
 * alignment and drawing on top of ui/shape.h, ui/lines.h and
 * ui/glyph_cache.h.
 */
#include "ui/text.h"

#include <stdlib.h>
#include <string.h>

#include "ui/glyph_cache.h"
#include "ui/lru.h"

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */
#define ELLIPSIS_LEN 3
#define DEFAULT_SHAPE_CACHE_BYTES ((size_t)2 * 1024 * 1024)
#define DEFAULT_ATLAS_PAGE_PX 1024
#define DEFAULT_ATLAS_MAX_PAGES 4
#define MAX_CUT_RETRIES 4
#define MAX_BOX_PX (1 << 16) /* keeps widths in 26.6 inside int32_t */

/* Cache value: what one (text, style) looks like once laid out. */
struct block {
    struct ui_shaped *shaped; /* owned; of the text as drawn (ellipsis included) */
    struct ui_lines *layout;  /* owned */
    bool truncated;
};

/* Cache key prefix; the text's bytes follow it. Every field is normalised. */
struct key_header {
    int32_t size_px, weight, dir, max_width, max_lines;
};

struct ui_text {
    struct ui_fonts *fonts;             /* owned */
    struct ui_lru *blocks;              /* owned: key_header + text -> struct block */
    struct ui_glyph_cache *glyphs;      /* owned; NULL without a renderer */
    unsigned char *key;                 /* owned scratch: header + UI_TEXT_MAX_BYTES */
    int atlas_page_px, atlas_max_pages; /* for the glyph cache, made with the renderer */
};

static void block_free(void *value)
{
    struct block *b = value;
    if (!b)
        return;
    ui_lines_free(b->layout);
    ui_shaped_free(b->shaped);
    free(b);
}

struct ui_text *ui_text_new(const char *font_dir, SDL_Renderer *renderer,
                            const struct ui_text_config *cfg)
{
    struct ui_text_config c = cfg ? *cfg : (struct ui_text_config){0};
    struct ui_text *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->fonts = ui_fonts_new(font_dir);
    t->blocks = ui_lru_new(c.shape_cache_bytes ? c.shape_cache_bytes : DEFAULT_SHAPE_CACHE_BYTES,
                           block_free);
    t->key = malloc(sizeof(struct key_header) + UI_TEXT_MAX_BYTES);
    t->atlas_page_px = c.atlas_page_px ? c.atlas_page_px : DEFAULT_ATLAS_PAGE_PX;
    t->atlas_max_pages = c.atlas_max_pages ? c.atlas_max_pages : DEFAULT_ATLAS_MAX_PAGES;
    if (!t->fonts || !t->blocks || !t->key || (renderer && !ui_text_set_renderer(t, renderer)))
        goto error;
    return t;
error:
    ui_text_free(t);
    return NULL;
}

bool ui_text_set_renderer(struct ui_text *t, SDL_Renderer *renderer)
{
    if (!t || !renderer || t->glyphs)
        return false;
    t->glyphs = ui_glyph_cache_new(renderer, t->fonts, t->atlas_page_px, t->atlas_max_pages);
    return t->glyphs != NULL;
}

void ui_text_free(struct ui_text *t)
{
    if (!t)
        return;
    ui_glyph_cache_free(t->glyphs);
    ui_lru_free(t->blocks);
    ui_fonts_free(t->fonts);
    free(t->key);
    free(t);
}

static struct key_header normalise_style(const struct ui_text_style *st)
{
    struct key_header h = {
        .size_px = ui_fonts_clamp_px(st->size_px),
        .weight = st->weight == UI_FONT_BOLD ? UI_FONT_BOLD : UI_FONT_REGULAR,
        .dir = st->dir == UI_TEXT_DIR_LTR || st->dir == UI_TEXT_DIR_RTL ? (int32_t)st->dir
                                                                        : UI_TEXT_DIR_AUTO,
        .max_width = st->max_width <= 0           ? 0
                     : st->max_width > MAX_BOX_PX ? MAX_BOX_PX
                                                  : st->max_width,
        .max_lines = st->max_lines > 0 ? st->max_lines : 0,
    };
    return h;
}

static bool shape_and_lay_out(struct ui_fonts *fonts, const char *utf8, size_t len,
                              const struct ui_shape_params *params, int32_t max_width,
                              struct block *out)
{
    out->shaped = ui_shape_text(fonts, utf8, len, params);
    out->layout = ui_lines_new(out->shaped, max_width);
    return out->layout != NULL;
}

/* Index of the code point starting at byte offset (a line boundary). */
static size_t cp_at(const struct ui_shaped *sh, uint32_t offset)
{
    size_t lo = 0, hi = sh->n_chars;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sh->offsets[mid] < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The code point where the kept part of the last allowed line should end so
 * that it and the ellipsis fit max_width: the end of the widest fitting
 * prefix of whole clusters (advances from the untruncated shaping).
 */
static size_t estimate_cut(const struct ui_shaped *sh, size_t start, size_t end, int32_t max_width,
                           int32_t ellipsis_width)
{
    if (max_width <= 0)
        return end;
    int32_t width = 0;
    size_t cut = start;
    for (size_t i = start; i < end; i++) {
        if ((sh->flags[i] & UI_CHAR_CLUSTER_START) && width + ellipsis_width <= max_width)
            cut = i;
        width += sh->advances[i];
    }
    return width + ellipsis_width <= max_width ? end : cut;
}

/*
 * Replaces b (more lines than max_lines) by the text cut inside its last
 * allowed line, followed by "…". The cut text is shaped again as a whole, so
 * the ellipsis takes its bidi level from its neighbours and the paragraph
 * direction, which puts it at the logical end (left in a RTL paragraph). The
 * estimate can be off when the shorter text shapes differently; then the cut
 * moves back one cluster at a time, a few times at most before giving up the
 * whole line, so a text costs a bounded number of shapings.
 */
static bool truncate_block(struct ui_fonts *fonts, const char *utf8, const struct key_header *h,
                           struct block *b)
{
    const struct ui_shaped *sh = b->shaped;
    const struct ui_line *line = &b->layout->lines[h->max_lines - 1];
    struct ui_shape_params params = {
        .size_px = h->size_px,
        .weight = (enum ui_font_weight)h->weight,
        .dir = sh->rtl ? UI_TEXT_DIR_RTL : UI_TEXT_DIR_LTR,
    };
    int32_t max_width = h->max_width * 64;
    struct block ell = {0};
    bool ok = shape_and_lay_out(fonts, ELLIPSIS, ELLIPSIS_LEN, &params, 0, &ell);
    int32_t ell_width = ok ? ell.layout->width : 0;
    ui_lines_free(ell.layout);
    ui_shaped_free(ell.shaped);
    if (!ok)
        return false;

    size_t start = cp_at(sh, line->start), end = cp_at(sh, line->end);
    size_t cut = estimate_cut(sh, start, end, max_width, ell_width);
    char *buf = malloc(line->end + ELLIPSIS_LEN);
    if (!buf)
        return false;
    struct block next = {0};
    for (int attempt = 0;; attempt++) {
        while (cut > start && (sh->flags[cut - 1] & UI_CHAR_SPACE))
            cut--;
        size_t bytes = sh->offsets[cut];
        memcpy(buf, utf8, bytes);
        memcpy(buf + bytes, ELLIPSIS, ELLIPSIS_LEN);
        if (!shape_and_lay_out(fonts, buf, bytes + ELLIPSIS_LEN, &params, max_width, &next))
            break;
        if (next.layout->n_lines <= (size_t)h->max_lines || cut == start)
            break;
        ui_lines_free(next.layout);
        ui_shaped_free(next.shaped);
        next = (struct block){0};
        do
            cut--;
        while (cut > start && !(sh->flags[cut] & UI_CHAR_CLUSTER_START));
        if (attempt == MAX_CUT_RETRIES)
            cut = start;
    }
    free(buf);
    if (!next.layout) {
        ui_shaped_free(next.shaped);
        return false;
    }
    ui_lines_free(b->layout);
    ui_shaped_free(b->shaped);
    *b = next;
    b->truncated = true;
    return true;
}

/* The cached block of (utf8, style), built on a miss. Borrowed until the next lookup. */
static const struct block *lookup(struct ui_text *t, const char *utf8,
                                  const struct ui_text_style *style)
{
    if (!t || !utf8 || !style)
        return NULL;
    size_t len = strnlen(utf8, UI_TEXT_MAX_BYTES + 1);
    if (len > UI_TEXT_MAX_BYTES)
        return NULL;
    struct key_header h = normalise_style(style);
    memcpy(t->key, &h, sizeof h);
    memcpy(t->key + sizeof h, utf8, len);
    size_t key_len = sizeof h + len;
    struct block *b = ui_lru_get(t->blocks, t->key, key_len);
    if (b)
        return b;

    b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    struct ui_shape_params params = {
        .size_px = h.size_px,
        .weight = (enum ui_font_weight)h.weight,
        .dir = (enum ui_text_dir)h.dir,
    };
    if (!shape_and_lay_out(t->fonts, utf8, len, &params, h.max_width * 64, b) ||
        (h.max_lines > 0 && b->layout->n_lines > (size_t)h.max_lines &&
         !truncate_block(t->fonts, utf8, &h, b))) {
        block_free(b);
        return NULL;
    }
    size_t bytes = sizeof *b + b->shaped->bytes + b->layout->bytes;
    if (!ui_lru_put(t->blocks, t->key, key_len, b, bytes))
        return NULL;
    return b;
}

static int ceil_px(int32_t v)
{
    return (int)((v + 63) / 64);
}

static void fill_metrics(const struct block *b, struct ui_text_metrics *out)
{
    out->ascent = ceil_px(b->shaped->ascent);
    out->descent = ceil_px(b->shaped->descent);
    out->line_height = out->ascent + out->descent;
    out->lines = (int)b->layout->n_lines;
    out->height = out->lines * out->line_height;
    out->width = ceil_px(b->layout->width);
    out->rtl = b->shaped->rtl;
    out->truncated = b->truncated;
}

bool ui_text_measure(struct ui_text *t, const char *utf8, const struct ui_text_style *style,
                     struct ui_text_metrics *out)
{
    if (!out)
        return false;
    *out = (struct ui_text_metrics){0};
    const struct block *b = lookup(t, utf8, style);
    if (!b)
        return false;
    fill_metrics(b, out);
    return true;
}

const struct ui_lines *ui_text_lines(struct ui_text *t, const char *utf8,
                                     const struct ui_text_style *style)
{
    const struct block *b = lookup(t, utf8, style);
    return b ? b->layout : NULL;
}

/* Left edge offset of a line in the box, 26.6 pixels. */
static int32_t align_offset(enum ui_text_align align, bool rtl, int32_t free_space)
{
    switch (align) {
    case UI_TEXT_ALIGN_CENTER:
        return free_space / 2;
    case UI_TEXT_ALIGN_END:
        return rtl ? 0 : free_space;
    case UI_TEXT_ALIGN_START:
    default:
        return rtl ? free_space : 0;
    }
}

bool ui_text_draw(struct ui_text *t, const char *utf8, const struct ui_text_style *style,
                  SDL_Color color, int x, int y, int box_width)
{
    if (!t || !t->glyphs)
        return false;
    const struct block *b = lookup(t, utf8, style);
    if (!b)
        return false;
    struct ui_text_metrics m;
    fill_metrics(b, &m);
    const struct ui_lines *lay = b->layout;
    int32_t box = box_width > 0 && box_width <= MAX_BOX_PX ? box_width * 64 : lay->width;
    bool ok = true;
    for (size_t k = 0; k < lay->n_lines; k++) {
        const struct ui_line *line = &lay->lines[k];
        int32_t left = x * 64 + align_offset(style->align, m.rtl, box - line->width);
        int32_t baseline = (y + m.ascent + (int)k * m.line_height) * 64;
        for (uint32_t g = line->first_glyph; g < line->first_glyph + line->n_glyphs; g++) {
            const struct ui_line_glyph *lg = &lay->glyphs[g];
            if (!ui_glyph_cache_draw(t->glyphs, lg->face, b->shaped->size_px, lg->glyph,
                                     left + lg->x, baseline - lg->y_offset, color))
                ok = false;
        }
    }
    return ok;
}

void ui_text_stats(const struct ui_text *t, struct ui_cache_stats *shaping,
                   struct ui_cache_stats *glyphs)
{
    if (shaping)
        ui_lru_stats(t->blocks, shaping);
    if (glyphs) {
        if (t->glyphs)
            ui_glyph_cache_stats(t->glyphs, glyphs);
        else
            *glyphs = (struct ui_cache_stats){0};
    }
}
