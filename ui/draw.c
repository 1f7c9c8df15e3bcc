/* Anti-aliased shapes through cached coverage masks (see ui/draw.h). */
#include "ui/draw.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MASK_SLOTS 64
#define MASK_BUDGET ((size_t)8 << 20) /* bytes of mask textures kept */
#define MAX_MASK_PX 1024 /* larger radii are clamped: nothing on a kiosk screen needs more */
#define MAX_SHADOW_PX 4096
/* Columns (rows) of a shadow's compact sheet that stand for its identical middle ones. */
#define SHADOW_BAND 32

/*
 * Discs, rings and their inverse are white with coverage as alpha, tinted
 * when drawn; a shadow is a sheet already in its colour, so that drawing
 * it is a plain blend (far cheaper in software than a tinted, stretched
 * one). Its sheet is compact: the columns and rows in the middle of a
 * shadow are all the same, so the sheet keeps its edges and a band of the
 * middle, and the middle is drawn by copying the band side by side.
 */
enum mask_kind { MASK_DISC, MASK_RING, MASK_INVERSE, MASK_SHADOW, MASK_ICON };

struct mask_key {
    enum mask_kind kind;
    int a, b, c, d; /* disc: radius; ring: radius, thickness; icon: icon, side, mirror;
                       shadow: width, height, radius, blur */
    Uint32 color;   /* shadow: RGBA; others 0 */
};

struct mask {
    struct mask_key key;
    SDL_Texture *texture; /* owned; NULL: free slot */
    size_t bytes;
    uint64_t last_use;
};

/* A drawn arc's coverage, kept while it is drawn again unchanged (a countdown's track). */
#define ARC_SLOTS 2
struct arc_slot {
    SDL_Texture *texture; /* owned streaming texture; NULL: free slot */
    int side, thickness;
    float start, sweep;
    uint64_t last_use;
};

struct ui_draw {
    SDL_Renderer *renderer; /* borrowed */
    SDL_Surface *surface;   /* borrowed: what the software renderer draws into, or NULL */
    struct mask masks[MASK_SLOTS];
    size_t mask_bytes; /* held by masks[] */
    uint64_t clock;    /* counts mask look-ups, for least-recent eviction */
    struct arc_slot arcs[ARC_SLOTS];
};

struct ui_draw *ui_draw_new(SDL_Renderer *renderer)
{
    if (!renderer)
        return NULL;
    struct ui_draw *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->renderer = renderer;
    return d;
}

void ui_draw_set_pixels(struct ui_draw *d, SDL_Surface *surface)
{
    if (d)
        d->surface = surface;
}

void ui_draw_free(struct ui_draw *d)
{
    if (!d)
        return;
    for (int i = 0; i < MASK_SLOTS; i++)
        if (d->masks[i].texture)
            SDL_DestroyTexture(d->masks[i].texture);
    for (int i = 0; i < ARC_SLOTS; i++)
        if (d->arcs[i].texture)
            SDL_DestroyTexture(d->arcs[i].texture);
    free(d);
}

static float clamp01(float v)
{
    return v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
}

/* Coverage of a pixel whose centre is dist from a disc's centre. */
static float disc_coverage(float radius, float dist)
{
    return clamp01(radius - dist + 0.5f);
}

static float smoothstep(float e0, float e1, float x)
{
    float t = clamp01((x - e0) / (e1 - e0));
    return t * t * (3.0f - 2.0f * t);
}

/* ---- mask generation: alpha per texel, row-major ---- */

static void gen_disc(uint8_t *alpha, int side, int radius, int thickness, bool inverse)
{
    for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++) {
            float dx = x + 0.5f - radius, dy = y + 0.5f - radius;
            float dist = sqrtf(dx * dx + dy * dy);
            float cov = disc_coverage((float)radius, dist);
            if (thickness > 0)
                cov -= disc_coverage((float)(radius - thickness), dist);
            if (inverse)
                cov = 1.0f - cov;
            alpha[y * side + x] = (uint8_t)lrintf(clamp01(cov) * 255.0f);
        }
}

/*
 * The shadow of a w x h rectangle with corners of radius, blurred over
 * blur pixels, on a sheet of (w + 2 blur) x (h + 2 blur): full inside the
 * shape, fading from 0.3 blur inside its outline to blur outside.
 */
static void gen_shadow(uint8_t *alpha, int sw, int sh, int w, int h, int radius, int blur)
{
    float cx = sw / 2.0f, cy = sh / 2.0f, hx = w / 2.0f - radius, hy = h / 2.0f - radius;
    /*
     * The sheet is symmetric: compute the top half's left halves and
     * mirror. Rows deeper inside than the radius and the fade are all the
     * same: compute one and copy it.
     */
    float deep = -(0.3f * blur + radius + 1.0f);
    const uint8_t *same_row = NULL;
    for (int y = 0; y < (sh + 1) / 2; y++) {
        uint8_t *row = alpha + (size_t)y * sw;
        float qy = fabsf(y + 0.5f - cy) - hy;
        if (same_row && qy <= deep) {
            memcpy(row, same_row, (size_t)sw);
        } else {
            for (int x = 0; x < (sw + 1) / 2; x++) {
                float qx = fabsf(x + 0.5f - cx) - hx;
                float ox = qx > 0 ? qx : 0, oy = qy > 0 ? qy : 0;
                float inside = qx > qy ? qx : qy;
                float dist = sqrtf(ox * ox + oy * oy) + (inside < 0 ? inside : 0) - radius;
                float a = 1.0f - smoothstep(-0.3f * blur, (float)blur, dist);
                row[x] = row[sw - 1 - x] = (uint8_t)lrintf(a * 255.0f);
            }
            if (qy <= deep)
                same_row = row;
        }
        memcpy(alpha + (size_t)(sh - 1 - y) * sw, row, (size_t)sw);
    }
}

/* Icons as strokes on a 24-unit grid: x0, y0, x1, y1 per segment. */
static const float icon_plus[] = {5, 12, 19, 12, 12, 5, 12, 19};
static const float icon_minus[] = {5, 12, 19, 12};
static const float icon_check[] = {4.5f, 12.5f, 9.5f, 17.5f, 9.5f, 17.5f, 19.5f, 7};
static const float icon_close[] = {6, 6, 18, 18, 18, 6, 6, 18};
static const float icon_backspace[] = {21, 5,  9,  5,  9,  5, 2.5f, 12, 2.5f, 12, 9,  19, 9,  19,
                                       21, 19, 21, 19, 21, 5, 12,   9,  17,   15, 17, 9,  12, 15};
static const float icon_arrow_back[] = {19, 12, 5, 12, 5, 12, 11, 6, 5, 12, 11, 18};

static const struct {
    const float *seg;
    int n;
} icons[UI_ICON_COUNT] = {
    [UI_ICON_PLUS] = {icon_plus, 2},           [UI_ICON_MINUS] = {icon_minus, 1},
    [UI_ICON_CHECK] = {icon_check, 2},         [UI_ICON_CLOSE] = {icon_close, 2},
    [UI_ICON_BACKSPACE] = {icon_backspace, 7}, [UI_ICON_ARROW_BACK] = {icon_arrow_back, 3},
};

static float segment_distance(float px, float py, float x0, float y0, float x1, float y1)
{
    float vx = x1 - x0, vy = y1 - y0, wx = px - x0, wy = py - y0;
    float len2 = vx * vx + vy * vy;
    float t = len2 > 0 ? clamp01((wx * vx + wy * vy) / len2) : 0;
    float dx = wx - t * vx, dy = wy - t * vy;
    return sqrtf(dx * dx + dy * dy);
}

static void gen_icon(uint8_t *alpha, int side, enum ui_icon icon, bool mirror)
{
    float scale = side / 24.0f, half_stroke = side / 12.0f; /* a stroke of 2 units */
    for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++) {
            float px = x + 0.5f, py = y + 0.5f, cov = 0;
            for (int s = 0; s < icons[icon].n; s++) {
                const float *g = icons[icon].seg + 4 * s;
                float x0 = mirror ? 24 - g[0] : g[0], x1 = mirror ? 24 - g[2] : g[2];
                float dist =
                    segment_distance(px, py, x0 * scale, g[1] * scale, x1 * scale, g[3] * scale);
                float c = disc_coverage(half_stroke, dist);
                if (c > cov)
                    cov = c;
            }
            alpha[y * side + x] = (uint8_t)lrintf(cov * 255.0f);
        }
}

/* A texture of color (RGB) with alpha[i] * color.a / 255 as alpha. */
static SDL_Texture *texture_from_alpha(SDL_Renderer *r, const uint8_t *alpha, int w, int h,
                                       SDL_Color color)
{
    size_t n = (size_t)w * h;
    uint32_t *px = malloc(n * sizeof *px);
    if (!px)
        return NULL;
    uint32_t rgb = (uint32_t)color.r << 16 | (uint32_t)color.g << 8 | color.b;
    for (size_t i = 0; i < n; i++)
        px[i] = (uint32_t)((alpha[i] * color.a + 127) / 255) << 24 | rgb;
    SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h);
    if (t && (SDL_UpdateTexture(t, NULL, px, w * 4) != 0 ||
              SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND) != 0)) {
        SDL_DestroyTexture(t);
        t = NULL;
    }
    free(px);
    return t;
}

static void mask_size(const struct mask_key *k, int *w, int *h)
{
    switch (k->kind) {
    case MASK_SHADOW:
        *w = k->a + 2 * k->d;
        *h = k->b + 2 * k->d;
        return;
    case MASK_ICON:
        *w = *h = k->b;
        return;
    default:
        *w = *h = 2 * k->a;
        return;
    }
}

static void drop_mask(struct ui_draw *d, struct mask *m)
{
    SDL_DestroyTexture(m->texture);
    d->mask_bytes -= m->bytes;
    *m = (struct mask){0};
}

/* The least recently used mask, or NULL when there is none. */
static struct mask *oldest_mask(struct ui_draw *d)
{
    struct mask *oldest = NULL;
    for (int i = 0; i < MASK_SLOTS; i++)
        if (d->masks[i].texture && (!oldest || d->masks[i].last_use < oldest->last_use))
            oldest = &d->masks[i];
    return oldest;
}

/* The cached mask of key, made on a miss; NULL when it cannot be made. */
static SDL_Texture *get_mask(struct ui_draw *d, struct mask_key key)
{
    d->clock++;
    for (int i = 0; i < MASK_SLOTS; i++) {
        struct mask *m = &d->masks[i];
        if (m->texture && memcmp(&m->key, &key, sizeof key) == 0) {
            m->last_use = d->clock;
            return m->texture;
        }
    }
    int w, h;
    mask_size(&key, &w, &h);
    if (w <= 0 || h <= 0 || w > MAX_SHADOW_PX || h > MAX_SHADOW_PX)
        return NULL;
    uint8_t *alpha = malloc((size_t)w * h);
    if (!alpha)
        return NULL;
    SDL_Color white = {255, 255, 255, 255};
    SDL_Color color = white;
    switch (key.kind) {
    case MASK_DISC:
    case MASK_RING:
    case MASK_INVERSE:
        gen_disc(alpha, w, key.a, key.kind == MASK_RING ? key.b : 0, key.kind == MASK_INVERSE);
        break;
    case MASK_SHADOW:
        gen_shadow(alpha, w, h, key.a, key.b, key.c, key.d);
        color = (SDL_Color){(Uint8)(key.color >> 24), (Uint8)(key.color >> 16),
                            (Uint8)(key.color >> 8), (Uint8)key.color};
        break;
    case MASK_ICON:
        gen_icon(alpha, w, (enum ui_icon)key.a, key.c != 0);
        break;
    }
    SDL_Texture *t = texture_from_alpha(d->renderer, alpha, w, h, color);
    free(alpha);
    if (!t)
        return NULL;
    size_t bytes = (size_t)w * h * 4;
    struct mask *slot = NULL;
    for (int i = 0; i < MASK_SLOTS && !slot; i++)
        if (!d->masks[i].texture)
            slot = &d->masks[i];
    for (struct mask *old;
         (!slot || d->mask_bytes + bytes > MASK_BUDGET) && (old = oldest_mask(d));) {
        drop_mask(d, old);
        slot = slot ? slot : old;
    }
    *slot = (struct mask){key, t, bytes, d->clock};
    d->mask_bytes += bytes;
    return t;
}

/*
 * r as the renderer is given it. Drawn pixel for pixel, r itself. Scaled
 * (the development window: the logical size over a smaller window), SDL's
 * software renderer truncates a rectangle's scaled position and its scaled
 * size each on its own, so two rectangles that meet (a rounded fill's middle
 * and sides, its corners, a shadow's tiles) can leave a column of the window
 * between them undrawn, where the frame below shows through as a thin line.
 * So each edge is placed on the window pixel nearest to it, whichever
 * rectangle it belongs to, and the rectangle is handed over so that SDL's
 * truncations land on exactly those pixels (half a pixel in).
 */
static SDL_FRect device_rect(const struct ui_draw *d, const SDL_Rect *r)
{
    float sx = 1.0f, sy = 1.0f;
    SDL_RenderGetScale(d->renderer, &sx, &sy);
    if ((sx == 1.0f && sy == 1.0f) || sx <= 0.0f || sy <= 0.0f)
        return (SDL_FRect){(float)r->x, (float)r->y, (float)r->w, (float)r->h};
    float x0 = SDL_floorf((float)r->x * sx + 0.5f),
          x1 = SDL_floorf((float)(r->x + r->w) * sx + 0.5f);
    float y0 = SDL_floorf((float)r->y * sy + 0.5f),
          y1 = SDL_floorf((float)(r->y + r->h) * sy + 0.5f);
    return (SDL_FRect){(x0 + 0.5f) / sx, (y0 + 0.5f) / sy, (x1 - x0 + 0.5f) / sx,
                       (y1 - y0 + 0.5f) / sy};
}

static bool copy_tinted(struct ui_draw *d, SDL_Texture *t, const SDL_Rect *src, const SDL_Rect *dst,
                        SDL_Color c)
{
    if (dst->w <= 0 || dst->h <= 0)
        return true;
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(t, c.a);
    SDL_FRect at = device_rect(d, dst);
    return SDL_RenderCopyF(d->renderer, t, src, &at) == 0;
}

bool ui_draw_texture(struct ui_draw *d, SDL_Texture *t, SDL_Rect dst)
{
    if (!d || !t || dst.w <= 0 || dst.h <= 0)
        return true;
    SDL_FRect at = device_rect(d, &dst);
    return SDL_RenderCopyF(d->renderer, t, NULL, &at) == 0;
}

/*
 * A translucent fill blended into the surface's pixels as SDL's software
 * renderer blends one (SDL_BlendFillRect, SDL_draw.h): the colour
 * premultiplied by its alpha a, then each channel (alpha too, where the
 * surface has it) dst * (255 - a) / 255 + colour, in integers; SDL's own
 * loop reads and writes each channel through the pixel format, five times
 * slower on a whole screen (a transition's veil). The sum of the two never
 * passes 255, so no channel carries into the next. r is within the surface.
 */
static void blend_rect(SDL_Surface *s, SDL_Rect r, SDL_Color c)
{
    const SDL_PixelFormat *f = s->format;
    unsigned a = c.a, inva = 255 - a;
    Uint8 scaled[256]; /* v * (255 - a) / 255 */
    for (unsigned v = 0; v < 256; v++)
        scaled[v] = (Uint8)(inva * v / 255);
    Uint32 colour = (Uint32)(c.r * a / 255) << f->Rshift | (Uint32)(c.g * a / 255) << f->Gshift |
                    (Uint32)(c.b * a / 255) << f->Bshift | (f->Amask ? (Uint32)a << f->Ashift : 0);
    for (int y = 0; y < r.h; y++) {
        Uint8 *row = (Uint8 *)s->pixels + (size_t)(r.y + y) * (size_t)s->pitch + (size_t)r.x * 4;
        for (int x = 0; x < r.w; x++) {
            Uint32 p;
            memcpy(&p, row + (size_t)x * 4, 4);
            Uint32 kept = (Uint32)scaled[(p >> f->Rshift) & 0xFF] << f->Rshift |
                          (Uint32)scaled[(p >> f->Gshift) & 0xFF] << f->Gshift |
                          (Uint32)scaled[(p >> f->Bshift) & 0xFF] << f->Bshift;
            if (f->Amask)
                kept |= (Uint32)scaled[(p >> f->Ashift) & 0xFF] << f->Ashift;
            p = kept + colour;
            memcpy(row + (size_t)x * 4, &p, 4);
        }
    }
}

/*
 * A fill written straight into the software renderer's surface. An opaque
 * one: SDL_FillRect's 4-byte path stores with movntps, which bypass the
 * cache, and the filled pixels are read right after (blended over, copied,
 * sent to the X server); here the first row is stored and copied to the
 * others, which stay in the cache (kiosk/docs/performance.md, "Opaque
 * fills"). A translucent one: blend_rect. The pixels are SDL's: its batched
 * draws land first, and the rectangle is moved by the viewport and cut to
 * it and to the clip rectangle as SDL's software renderer does. False,
 * having drawn nothing, where the renderer's state is not one this follows
 * (a scale, a render target, a surface not of 4 bytes a pixel with 8-bit
 * channels, or to be locked): the caller draws through SDL.
 */
static bool fill_surface_directly(struct ui_draw *d, SDL_Rect r, SDL_Color c)
{
    SDL_Surface *s = d->surface;
    float sx = 0.0f, sy = 0.0f;
    SDL_RenderGetScale(d->renderer, &sx, &sy);
    const SDL_PixelFormat *f = s ? s->format : NULL;
    if (!s || !s->pixels || f->BytesPerPixel != 4 || f->Rloss || f->Gloss || f->Bloss ||
        (f->Amask && f->Aloss) || SDL_MUSTLOCK(s) || sx != 1.0f || sy != 1.0f ||
        SDL_GetRenderTarget(d->renderer))
        return false;
    SDL_Rect view, area = {0, 0, s->w, s->h};
    SDL_RenderGetViewport(d->renderer, &view);
    if (!SDL_IntersectRect(&area, &view, &area))
        return true;
    if (SDL_RenderIsClipEnabled(d->renderer)) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(d->renderer, &clip);
        clip.x += view.x;
        clip.y += view.y;
        if (!SDL_IntersectRect(&area, &clip, &area))
            return true;
    }
    r.x += view.x;
    r.y += view.y;
    if (!SDL_IntersectRect(&area, &r, &r))
        return true;
    if (SDL_RenderFlush(d->renderer) != 0)
        return false;
    if (c.a < 255) {
        blend_rect(s, r, c);
        return true;
    }
    Uint32 pixel = SDL_MapRGBA(s->format, c.r, c.g, c.b, c.a);
    Uint8 *first = (Uint8 *)s->pixels + (size_t)r.y * (size_t)s->pitch + (size_t)r.x * 4;
    for (int x = 0; x < r.w; x++)
        memcpy(first + (size_t)x * 4, &pixel, 4);
    for (int y = 1; y < r.h; y++)
        memcpy(first + (size_t)y * (size_t)s->pitch, first, (size_t)r.w * 4);
    return true;
}

bool ui_draw_fill(struct ui_draw *d, SDL_Rect r, SDL_Color c)
{
    if (!d || r.w <= 0 || r.h <= 0 || c.a == 0)
        return true;
    if (fill_surface_directly(d, r, c))
        return true;
    SDL_SetRenderDrawBlendMode(d->renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(d->renderer, c.r, c.g, c.b, c.a);
    SDL_FRect at = device_rect(d, &r);
    return SDL_RenderFillRectF(d->renderer, &at) == 0;
}

static int clamp_radius(SDL_Rect r, int radius)
{
    int limit = (r.w < r.h ? r.w : r.h) / 2;
    if (radius > limit)
        radius = limit;
    if (radius > MAX_MASK_PX)
        radius = MAX_MASK_PX;
    return radius < 0 ? 0 : radius;
}

/* Draws the four radius x radius corners of r from a 2 radius square mask. */
static bool draw_corners(struct ui_draw *d, SDL_Texture *t, SDL_Rect r, int radius, SDL_Color c)
{
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        int right = i & 1, bottom = i >> 1;
        SDL_Rect src = {right * radius, bottom * radius, radius, radius};
        SDL_Rect dst = {right ? r.x + r.w - radius : r.x, bottom ? r.y + r.h - radius : r.y, radius,
                        radius};
        ok = copy_tinted(d, t, &src, &dst, c) && ok;
    }
    return ok;
}

bool ui_draw_round_fill(struct ui_draw *d, SDL_Rect r, int radius, SDL_Color c)
{
    if (!d || r.w <= 0 || r.h <= 0 || c.a == 0)
        return true;
    radius = clamp_radius(r, radius);
    if (radius == 0)
        return ui_draw_fill(d, r, c);
    SDL_Texture *t = get_mask(d, (struct mask_key){.kind = MASK_DISC, .a = radius});
    if (!t)
        return false;
    bool ok = draw_corners(d, t, r, radius, c);
    ok = ui_draw_fill(d, (SDL_Rect){r.x + radius, r.y, r.w - 2 * radius, r.h}, c) && ok;
    ok = ui_draw_fill(d, (SDL_Rect){r.x, r.y + radius, radius, r.h - 2 * radius}, c) && ok;
    ok = ui_draw_fill(d, (SDL_Rect){r.x + r.w - radius, r.y + radius, radius, r.h - 2 * radius},
                      c) &&
         ok;
    return ok;
}

bool ui_draw_round_frame(struct ui_draw *d, SDL_Rect r, int radius, int thickness, SDL_Color c)
{
    if (!d || r.w <= 0 || r.h <= 0 || thickness <= 0 || c.a == 0)
        return true;
    if (2 * thickness >= r.w || 2 * thickness >= r.h)
        return ui_draw_round_fill(d, r, radius, c);
    radius = clamp_radius(r, radius);
    bool ok = true;
    int t = thickness;
    if (radius > 0) {
        if (t > radius)
            t = radius;
        SDL_Texture *mask = get_mask(d, (struct mask_key){.kind = MASK_RING, .a = radius, .b = t});
        if (!mask)
            return false;
        ok = draw_corners(d, mask, r, radius, c);
    }
    /*
     * Straight edges between the corners. A frame thicker than the radius
     * needs nothing more: the edges then reach into the corner squares.
     */
    int inset = radius;
    ok = ui_draw_fill(d, (SDL_Rect){r.x + inset, r.y, r.w - 2 * inset, thickness}, c) && ok;
    ok = ui_draw_fill(d, (SDL_Rect){r.x + inset, r.y + r.h - thickness, r.w - 2 * inset, thickness},
                      c) &&
         ok;
    ok = ui_draw_fill(d, (SDL_Rect){r.x, r.y + inset, thickness, r.h - 2 * inset}, c) && ok;
    ok = ui_draw_fill(d, (SDL_Rect){r.x + r.w - thickness, r.y + inset, thickness, r.h - 2 * inset},
                      c) &&
         ok;
    return ok;
}

bool ui_draw_round_mask(struct ui_draw *d, SDL_Rect r, int radius, SDL_Color backdrop)
{
    if (!d || r.w <= 0 || r.h <= 0 || backdrop.a == 0)
        return true;
    radius = clamp_radius(r, radius);
    if (radius == 0)
        return true;
    SDL_Texture *t = get_mask(d, (struct mask_key){.kind = MASK_INVERSE, .a = radius});
    return t && draw_corners(d, t, r, radius, backdrop);
}

/*
 * One axis of a shadow sheet: its full length, the length of its compact
 * sheet, and the edge kept at either end; between the edges, the compact
 * sheet has a band of SHADOW_BAND copies of the middle column (row).
 */
struct sheet_axis {
    int full, compact, edge;
};

/* The axis of a shadow along a side of size pixels, corners of radius, blurred over blur. */
static struct sheet_axis shadow_axis(int size, int radius, int blur)
{
    int full = size + 2 * blur;
    /*
     * gen_shadow: a column further than 2 radius + 1.3 blur + 0.5 from the
     * sheet's side is deeper inside than the corner and the fade, and its
     * pixels depend only on their row. Two pixels of margin for the floats.
     */
    int edge = 2 * radius + blur + (3 * blur + 9) / 10 + 2;
    int compact = 2 * edge + SHADOW_BAND;
    if (full <= compact)
        return (struct sheet_axis){full, full, full};
    return (struct sheet_axis){full, compact, edge};
}

/* Where the compact sheet keeps the full sheet's column at, and for how many columns on. */
static int axis_source(const struct sheet_axis *a, int at, int *run)
{
    if (a->full == a->compact || at < a->edge) {
        *run = (a->full == a->compact ? a->full : a->edge) - at;
        return at;
    }
    if (at >= a->full - a->edge) {
        *run = a->full - at;
        return at - (a->full - a->compact);
    }
    int into = (at - a->edge) % SHADOW_BAND;
    int left = a->full - a->edge - at;
    *run = SHADOW_BAND - into < left ? SHADOW_BAND - into : left;
    return a->edge + into;
}

/*
 * Copies part (in the full sheet's pixels) of a shadow from its compact
 * sheet t, the full sheet's corner at origin. Every copy is unscaled, so
 * each pixel blends exactly as from a whole sheet.
 */
static bool copy_sheet(struct ui_draw *d, SDL_Texture *t, const struct sheet_axis axes[2],
                       SDL_Rect part, SDL_Point origin)
{
    SDL_Color plain = {255, 255, 255, 255};
    bool ok = true;
    for (int y = part.y, rows; y < part.y + part.h; y += rows) {
        int sy = axis_source(&axes[1], y, &rows);
        rows = rows < part.y + part.h - y ? rows : part.y + part.h - y;
        for (int x = part.x, cols; x < part.x + part.w; x += cols) {
            int sx = axis_source(&axes[0], x, &cols);
            cols = cols < part.x + part.w - x ? cols : part.x + part.w - x;
            SDL_Rect src = {sx, sy, cols, rows}, dst = {origin.x + x, origin.y + y, cols, rows};
            ok = copy_tinted(d, t, &src, &dst, plain) && ok;
        }
    }
    return ok;
}

bool ui_draw_shadow(struct ui_draw *d, SDL_Rect r, int radius, int blur, int offset_y, SDL_Color c,
                    bool hollow)
{
    if (!d || r.w <= 0 || r.h <= 0 || c.a == 0)
        return true;
    radius = clamp_radius(r, radius);
    blur = blur < 0 ? 0 : blur > MAX_MASK_PX / 2 ? MAX_MASK_PX / 2 : blur;
    const struct sheet_axis axes[2] = {shadow_axis(r.w, radius, blur),
                                       shadow_axis(r.h, radius, blur)};
    /* Shadows of one radius, blur and colour share their compact sheet, whatever their size. */
    struct mask_key key = {.kind = MASK_SHADOW,
                           .a = axes[0].compact - 2 * blur,
                           .b = axes[1].compact - 2 * blur,
                           .c = radius,
                           .d = blur,
                           .color = (Uint32)c.r << 24 | (Uint32)c.g << 16 | (Uint32)c.b << 8 | c.a};
    SDL_Texture *t = get_mask(d, key);
    if (!t)
        return false;
    SDL_Rect sheet = {r.x - blur, r.y + offset_y - blur, r.w + 2 * blur, r.h + 2 * blur};
    SDL_Point origin = {sheet.x, sheet.y};
    if (!hollow)
        return copy_sheet(d, t, axes, (SDL_Rect){0, 0, sheet.w, sheet.h}, origin);
    /* Only what the shape at r leaves visible: the sheet around r, and r's rounded corners. */
    int top = r.y, bottom = r.y + r.h;
    SDL_Rect parts[8] = {
        {sheet.x, sheet.y, sheet.w, top - sheet.y},
        {sheet.x, bottom, sheet.w, sheet.y + sheet.h - bottom},
        {sheet.x, top, r.x - sheet.x, r.h},
        {r.x + r.w, top, sheet.x + sheet.w - (r.x + r.w), r.h},
        {r.x, r.y, radius, radius},
        {r.x + r.w - radius, r.y, radius, radius},
        {r.x, bottom - radius, radius, radius},
        {r.x + r.w - radius, bottom - radius, radius, radius},
    };
    bool ok = true;
    for (int i = 0; i < 8; i++) {
        SDL_Rect dst;
        if (!SDL_IntersectRect(&parts[i], &sheet, &dst))
            continue;
        SDL_Rect part = {dst.x - sheet.x, dst.y - sheet.y, dst.w, dst.h};
        ok = copy_sheet(d, t, axes, part, origin) && ok;
    }
    return ok;
}

bool ui_draw_disc(struct ui_draw *d, int cx, int cy, int radius, SDL_Color c)
{
    if (!d || radius <= 0 || c.a == 0)
        return true;
    if (radius > MAX_MASK_PX)
        radius = MAX_MASK_PX;
    SDL_Texture *t = get_mask(d, (struct mask_key){.kind = MASK_DISC, .a = radius});
    SDL_Rect dst = {cx - radius, cy - radius, 2 * radius, 2 * radius};
    return t && copy_tinted(d, t, NULL, &dst, c);
}

/* An arc's geometry, fixed for all its pixels: its ring, its sweep, its round ends. */
struct arc {
    float radius, thickness, start, sweep;
    float end_x[2], end_y[2]; /* the ends' centres, relative to the arc's centre */
};

static struct arc arc_new(float radius, float thickness, float start, float sweep)
{
    const float deg = (float)M_PI / 180.0f;
    struct arc a = {.radius = radius, .thickness = thickness, .start = start, .sweep = sweep};
    float mid = radius - thickness / 2.0f;
    for (int end = 0; end < 2; end++) {
        float angle = (start + (end ? sweep : 0.0f)) * deg;
        a.end_x[end] = mid * sinf(angle);
        a.end_y[end] = -mid * cosf(angle);
    }
    return a;
}

/* Coverage of the arc at (px, py) relative to its centre, with round ends. */
static float arc_coverage(const struct arc *a, float px, float py)
{
    const float deg = (float)M_PI / 180.0f;
    float dist = sqrtf(px * px + py * py);
    float radial = disc_coverage(a->radius, dist) - disc_coverage(a->radius - a->thickness, dist);
    /* Clockwise from twelve o'clock, in [0, 360). */
    float angle = atan2f(px, -py) / deg;
    float rel = fmodf(angle - a->start + 720.0f, 360.0f);
    float cov = rel <= a->sweep ? radial : 0.0f;
    for (int end = 0; end < 2; end++) {
        float dx = px - a->end_x[end], dy = py - a->end_y[end];
        float cap = disc_coverage(a->thickness / 2.0f, sqrtf(dx * dx + dy * dy));
        if (cap > cov)
            cov = cap;
    }
    return clamp01(cov);
}

/* The slot holding the arc's coverage, filled when it does not yet; NULL on failure. */
static struct arc_slot *arc_texture(struct ui_draw *d, int radius, int thickness, float start,
                                    float sweep)
{
    int side = 2 * radius;
    struct arc_slot *slot = &d->arcs[0];
    for (int i = 0; i < ARC_SLOTS; i++) {
        struct arc_slot *s = &d->arcs[i];
        if (s->texture && s->side == side && s->thickness == thickness && s->start == start &&
            s->sweep == sweep) {
            s->last_use = ++d->clock;
            return s;
        }
        if (!s->texture || s->last_use < slot->last_use)
            slot = s; /* a free slot, else the least recently drawn */
    }
    if (slot->texture && slot->side != side) {
        SDL_DestroyTexture(slot->texture);
        slot->texture = NULL;
    }
    if (!slot->texture) {
        slot->texture = SDL_CreateTexture(d->renderer, SDL_PIXELFORMAT_ARGB8888,
                                          SDL_TEXTUREACCESS_STREAMING, side, side);
        if (!slot->texture || SDL_SetTextureBlendMode(slot->texture, SDL_BLENDMODE_BLEND) != 0)
            return NULL;
    }
    void *pixels;
    int pitch;
    if (SDL_LockTexture(slot->texture, NULL, &pixels, &pitch) != 0)
        return NULL;
    const struct arc a = arc_new((float)radius, (float)thickness, start, sweep);
    /* Only the ring's band can be covered (its ends included): the rest is clear at once. */
    float inner = (float)(radius - thickness) - 1.0f, outer = (float)radius + 1.0f;
    float inner2 = inner > 0.0f ? inner * inner : 0.0f, outer2 = outer * outer;
    for (int y = 0; y < side; y++) {
        uint32_t *row = (uint32_t *)(void *)((uint8_t *)pixels + (size_t)y * pitch);
        float py = y + 0.5f - radius;
        for (int x = 0; x < side; x++) {
            float px = x + 0.5f - radius, d2 = px * px + py * py;
            float cov = d2 < inner2 || d2 > outer2 ? 0.0f : arc_coverage(&a, px, py);
            row[x] = (uint32_t)lrintf(cov * 255.0f) << 24 | 0xFFFFFFu;
        }
    }
    SDL_UnlockTexture(slot->texture);
    *slot = (struct arc_slot){.texture = slot->texture,
                              .side = side,
                              .thickness = thickness,
                              .start = start,
                              .sweep = sweep,
                              .last_use = ++d->clock};
    return slot;
}

bool ui_draw_arc(struct ui_draw *d, int cx, int cy, int radius, int thickness, double start_deg,
                 double sweep_deg, SDL_Color c)
{
    if (!d || radius <= 0 || thickness <= 0 || c.a == 0 || radius > MAX_MASK_PX)
        return true;
    struct arc_slot *slot = arc_texture(d, radius, thickness, (float)start_deg, (float)sweep_deg);
    SDL_Rect dst = {cx - radius, cy - radius, 2 * radius, 2 * radius};
    return slot && copy_tinted(d, slot->texture, NULL, &dst, c);
}

bool ui_draw_icon(struct ui_draw *d, enum ui_icon icon, SDL_Rect box, SDL_Color c, bool mirror)
{
    if (!d || (unsigned)icon >= UI_ICON_COUNT || c.a == 0)
        return true;
    int side = box.w < box.h ? box.w : box.h;
    if (side <= 0)
        return true;
    if (side > MAX_MASK_PX)
        side = MAX_MASK_PX;
    SDL_Texture *t =
        get_mask(d, (struct mask_key){.kind = MASK_ICON, .a = (int)icon, .b = side, .c = mirror});
    SDL_Rect dst = {box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side};
    return t && copy_tinted(d, t, NULL, &dst, c);
}
