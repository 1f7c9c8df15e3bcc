/*
 * Glyph atlas (see ui/glyph_cache.h): an open-addressing table from packed
 * glyph keys to atlas rectangles, shelf-packed 8-bit coverage pages in
 * memory, and one small stamp texture through which each glyph is drawn.
 */
#include "ui/glyph_cache.h"

#include <stdlib.h>
#include <string.h>

#include FT_OUTLINE_H

#define SUBPIXEL_BINS 4

struct slot {
    uint64_t key;        /* 0: empty */
    uint16_t x, y, w, h; /* rectangle in the page; w or h 0 for blank glyphs */
    int16_t left, top;   /* bitmap offset from the origin, FreeType's convention */
    uint8_t page;
};

struct shelf {
    int y, h, x_used;
};

struct page {
    uint8_t *coverage;     /* owned: page_px x page_px, one byte a texel */
    struct shelf *shelves; /* owned */
    int n_shelves, cap_shelves;
    int y_used; /* height taken by shelves */
};

struct ui_glyph_cache {
    SDL_Renderer *renderer; /* borrowed */
    struct ui_fonts *fonts; /* borrowed */
    int page_px, max_pages, n_pages;
    struct page *pages; /* owned, max_pages entries */
    struct slot *slots; /* owned */
    size_t n_slots;     /* a power of two */
    size_t used_slots;
    SDL_Texture *stamp;   /* owned; the glyph last drawn in its top-left corner */
    int stamp_w, stamp_h; /* the stamp's size, 0 before the first glyph */
    uint64_t stamped;     /* key of the glyph on the stamp, 0: none */
    SDL_Color mod;        /* modulation last set on the stamp */
    struct ui_cache_stats stats;
};

static uint64_t pack_key(unsigned face, int size_px, uint32_t glyph, unsigned bin)
{
    return (uint64_t)glyph | (uint64_t)size_px << 32 | (uint64_t)face << 41 | (uint64_t)bin << 45 |
           (uint64_t)1 << 47;
}

static size_t slot_index(uint64_t key, size_t n)
{
    uint64_t h = key * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 32) & (n - 1);
}

static size_t table_bytes(size_t n_slots)
{
    return n_slots * sizeof(struct slot);
}

static void update_bytes(struct ui_glyph_cache *c)
{
    c->stats.bytes = (size_t)c->n_pages * (size_t)c->page_px * (size_t)c->page_px +
                     (size_t)c->stamp_w * (size_t)c->stamp_h * 4 + table_bytes(c->n_slots);
}

struct ui_glyph_cache *ui_glyph_cache_new(SDL_Renderer *renderer, struct ui_fonts *fonts,
                                          int page_px, int max_pages)
{
    if (!renderer || !fonts)
        return NULL;
    struct ui_glyph_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->renderer = renderer;
    c->fonts = fonts;
    c->page_px = page_px < 256 ? 256 : page_px > 4096 ? 4096 : page_px;
    c->max_pages = max_pages < 1 ? 1 : max_pages > 255 ? 255 : max_pages;
    c->pages = calloc((size_t)c->max_pages, sizeof *c->pages);
    c->n_slots = 1024;
    c->slots = calloc(c->n_slots, sizeof *c->slots);
    if (!c->pages || !c->slots)
        goto error;
    c->stats.budget = (size_t)c->max_pages * (size_t)c->page_px * (size_t)c->page_px;
    update_bytes(c);
    return c;
error:
    ui_glyph_cache_free(c);
    return NULL;
}

void ui_glyph_cache_free(struct ui_glyph_cache *c)
{
    if (!c)
        return;
    for (int i = 0; c->pages && i < c->n_pages; i++) {
        free(c->pages[i].coverage);
        free(c->pages[i].shelves);
    }
    if (c->stamp)
        SDL_DestroyTexture(c->stamp);
    free(c->pages);
    free(c->slots);
    free(c);
}

static bool add_page(struct ui_glyph_cache *c)
{
    if (c->n_pages == c->max_pages)
        return false;
    /* Only the rectangles of glyphs are ever read, each after it is
     * written, so the page needs no clearing: untouched rows stay unmapped. */
    uint8_t *coverage = malloc((size_t)c->page_px * (size_t)c->page_px);
    if (!coverage)
        return false;
    c->pages[c->n_pages++] = (struct page){.coverage = coverage};
    update_bytes(c);
    return true;
}

/* Finds room for a w x h rectangle in page p; false when the page is full. */
static bool page_alloc(struct ui_glyph_cache *c, struct page *p, int w, int h, int *x, int *y)
{
    for (int i = 0; i < p->n_shelves; i++) {
        struct shelf *s = &p->shelves[i];
        /* Only shelves not much taller than the glyph, so small glyphs do not waste tall rows. */
        if (h <= s->h && h * 4 >= s->h * 3 - 8 && s->x_used + w <= c->page_px) {
            *x = s->x_used;
            *y = s->y;
            s->x_used += w;
            return true;
        }
    }
    if (p->y_used + h > c->page_px || w > c->page_px)
        return false;
    if (p->n_shelves == p->cap_shelves) {
        int cap = p->cap_shelves ? p->cap_shelves * 2 : 16;
        struct shelf *n = realloc(p->shelves, (size_t)cap * sizeof *n);
        if (!n)
            return false;
        p->shelves = n;
        p->cap_shelves = cap;
    }
    p->shelves[p->n_shelves++] = (struct shelf){.y = p->y_used, .h = h, .x_used = w};
    *x = 0;
    *y = p->y_used;
    p->y_used += h;
    return true;
}

/* Forgets every glyph; pages stay allocated and are refilled from the top. */
static void flush(struct ui_glyph_cache *c)
{
    memset(c->slots, 0, table_bytes(c->n_slots));
    c->used_slots = 0;
    for (int i = 0; i < c->n_pages; i++) {
        c->pages[i].n_shelves = 0;
        c->pages[i].y_used = 0;
    }
    c->stats.evictions += c->stats.entries;
    c->stats.entries = 0;
    c->stamped = 0; /* its key may come back at another place */
}

static bool atlas_alloc(struct ui_glyph_cache *c, int w, int h, int *page, int *x, int *y)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        for (int i = 0; i < c->n_pages; i++)
            if (page_alloc(c, &c->pages[i], w, h, x, y)) {
                *page = i;
                return true;
            }
        if (add_page(c) && page_alloc(c, &c->pages[c->n_pages - 1], w, h, x, y)) {
            *page = c->n_pages - 1;
            return true;
        }
        if (attempt == 0)
            flush(c);
    }
    return false;
}

static bool grow_table(struct ui_glyph_cache *c)
{
    size_t n = c->n_slots * 2;
    struct slot *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i < c->n_slots; i++) {
        if (!c->slots[i].key)
            continue;
        size_t j = slot_index(c->slots[i].key, n);
        while (s[j].key)
            j = (j + 1) & (n - 1);
        s[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = s;
    c->n_slots = n;
    update_bytes(c);
    return true;
}

/* Renders the glyph into an atlas slot; the slot's key is set by the caller. */
static bool rasterise(struct ui_glyph_cache *c, struct slot *out, unsigned face, int size_px,
                      uint32_t glyph, unsigned bin)
{
    FT_Face ft = ui_fonts_ft_face(c->fonts, face, size_px);
    if (FT_Load_Glyph(ft, glyph, FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP) != 0)
        return false;
    FT_GlyphSlot gs = ft->glyph;
    if (gs->format != FT_GLYPH_FORMAT_OUTLINE)
        return false;
    FT_Outline_Translate(&gs->outline, (FT_Pos)(bin * (64 / SUBPIXEL_BINS)), 0);
    if (FT_Render_Glyph(gs, FT_RENDER_MODE_NORMAL) != 0 ||
        gs->bitmap.pixel_mode != FT_PIXEL_MODE_GRAY)
        return false;
    const FT_Bitmap *bm = &gs->bitmap;
    *out = (struct slot){.left = (int16_t)gs->bitmap_left, .top = (int16_t)gs->bitmap_top};
    if (bm->width == 0 || bm->rows == 0)
        return true;
    int w = (int)bm->width, h = (int)bm->rows, page, x, y;
    if (!atlas_alloc(c, w, h, &page, &x, &y))
        return false;
    uint8_t *dst = c->pages[page].coverage + (size_t)y * (size_t)c->page_px + (size_t)x;
    for (unsigned r = 0; r < bm->rows; r++)
        memcpy(dst + (size_t)r * (size_t)c->page_px, bm->buffer + (ptrdiff_t)r * bm->pitch,
               bm->width);
    out->page = (uint8_t)page;
    out->x = (uint16_t)x;
    out->y = (uint16_t)y;
    out->w = (uint16_t)bm->width;
    out->h = (uint16_t)bm->rows;
    update_bytes(c);
    return true;
}

static const struct slot *lookup(struct ui_glyph_cache *c, unsigned face, int size_px,
                                 uint32_t glyph, unsigned bin)
{
    uint64_t key = pack_key(face, size_px, glyph, bin);
    size_t i = slot_index(key, c->n_slots);
    while (c->slots[i].key && c->slots[i].key != key)
        i = (i + 1) & (c->n_slots - 1);
    if (c->slots[i].key) {
        c->stats.hits++;
        return &c->slots[i];
    }
    c->stats.misses++;
    struct slot s;
    size_t flushes = c->stats.evictions;
    if (!rasterise(c, &s, face, size_px, glyph, bin))
        return NULL;
    if (c->stats.evictions != flushes || (c->used_slots + 1) * 2 > c->n_slots) {
        /* The table was flushed or grows: the probe position moved. */
        if ((c->used_slots + 1) * 2 > c->n_slots && !grow_table(c))
            return NULL;
        i = slot_index(key, c->n_slots);
        while (c->slots[i].key)
            i = (i + 1) & (c->n_slots - 1);
    }
    s.key = key;
    c->slots[i] = s;
    c->used_slots++;
    c->stats.entries++;
    return &c->slots[i];
}

/* Floor division of a 26.6 value by 64 that also holds for negative values. */
static int32_t floor_px(int32_t v)
{
    return v >= 0 ? v / 64 : -((-v + 63) / 64);
}

/* A stamp texture of at least w x h texels; false when it cannot be made. */
static bool stamp_fits(struct ui_glyph_cache *c, int w, int h)
{
    if (c->stamp && w <= c->stamp_w && h <= c->stamp_h)
        return true;
    int sw = w > c->stamp_w ? w : c->stamp_w, sh = h > c->stamp_h ? h : c->stamp_h;
    sw = sw < 64 ? 64 : sw;
    sh = sh < 64 ? 64 : sh;
    SDL_Texture *t = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_ARGB8888,
                                       SDL_TEXTUREACCESS_STREAMING, sw, sh);
    if (!t)
        return false;
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    if (c->stamp)
        SDL_DestroyTexture(c->stamp);
    c->stamp = t;
    c->stamp_w = sw;
    c->stamp_h = sh;
    c->stamped = 0;
    c->mod = (SDL_Color){255, 255, 255, 255};
    update_bytes(c);
    return true;
}

/*
 * Puts slot's glyph in the stamp's top-left corner as white texels whose
 * alpha is the coverage: the texels the 32-bit atlas held, so drawing stays
 * pixel for pixel what it was. SDL finishes queued copies from the stamp
 * before it changes.
 */
static bool put_on_stamp(struct ui_glyph_cache *c, const struct slot *s)
{
    if (c->stamped == s->key)
        return true;
    if (!stamp_fits(c, s->w, s->h))
        return false;
    SDL_Rect rect = {0, 0, s->w, s->h};
    void *pixels;
    int pitch;
    if (SDL_LockTexture(c->stamp, &rect, &pixels, &pitch) != 0)
        return false;
    const struct page *p = &c->pages[s->page];
    for (int r = 0; r < s->h; r++) {
        const uint8_t *src = p->coverage + (size_t)(s->y + r) * (size_t)c->page_px + s->x;
        uint32_t *dst = (uint32_t *)(void *)((uint8_t *)pixels + (size_t)r * (size_t)pitch);
        for (int k = 0; k < s->w; k++)
            dst[k] = (uint32_t)src[k] << 24 | 0x00FFFFFFu;
    }
    SDL_UnlockTexture(c->stamp);
    c->stamped = s->key;
    return true;
}

bool ui_glyph_cache_draw(struct ui_glyph_cache *c, unsigned face, int size_px, uint32_t glyph,
                         int32_t x, int32_t y, SDL_Color color)
{
    if (!c || face >= UI_FONT_FACE_COUNT)
        return false;
    size_px = ui_fonts_clamp_px(size_px);
    int32_t pos = x + 64 / SUBPIXEL_BINS / 2; /* nearest quarter pixel */
    int32_t px = floor_px(pos);
    unsigned bin = (unsigned)(pos - px * 64) / (64 / SUBPIXEL_BINS);
    const struct slot *s = lookup(c, face, size_px, glyph, bin);
    if (!s)
        return false;
    if (s->w == 0 || s->h == 0)
        return true;
    if (!put_on_stamp(c, s))
        return false;
    if (memcmp(&c->mod, &color, sizeof color) != 0) {
        SDL_SetTextureColorMod(c->stamp, color.r, color.g, color.b);
        SDL_SetTextureAlphaMod(c->stamp, color.a);
        c->mod = color;
    }
    SDL_Rect src = {0, 0, s->w, s->h};
    SDL_Rect dst = {px + s->left, floor_px(y + 32) - s->top, s->w, s->h};
    return SDL_RenderCopy(c->renderer, c->stamp, &src, &dst) == 0;
}

void ui_glyph_cache_stats(const struct ui_glyph_cache *c, struct ui_cache_stats *out)
{
    *out = c->stats;
}
