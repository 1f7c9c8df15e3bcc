/* Picture loading, scaling and caching (see ui/images.h). */
#include "ui/images.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "ui/lru.h"
#include "ui/picture_decode.h"

#define DEFAULT_BUDGET ((size_t)12 * 1024 * 1024)
#define MIN_BUDGET ((size_t)1024 * 1024)
#define MAX_SOURCE_SIDE 8192
#define MAX_KEY (UI_IMAGES_PATH_MAX + 48)

/*
 * What the LRU charges an entry beyond its key and value: its own record
 * (under 64 bytes) and a bucket slot, rounded up.
 */
#define LRU_ENTRY_OVERHEAD 128

struct entry {
    SDL_Texture *texture; /* owned; NULL unless READY */
    enum ui_image_status status;
    size_t bytes;   /* charged to the cache: the record, the key and the pixels */
    uint64_t frame; /* the last frame (ui_images_frame_begin) that asked for it */
};

/* A load on its way: queued, being decoded, or finished with surface set. */
struct job {
    struct job *next;
    char key[MAX_KEY];
    size_t key_len;
    char path[UI_IMAGES_PATH_MAX + 1];
    int w, h;
    enum ui_image_fit fit;
    SDL_Surface *surface; /* owned; NULL when the load failed */
    bool opaque;
};

struct ui_images {
    SDL_Renderer *renderer; /* borrowed */
    struct ui_lru *cache;   /* owned: key -> struct entry */
    SDL_Thread *thread;     /* owned; NULL when not threaded */
    SDL_mutex *lock;        /* guards the fields below */
    SDL_cond *wake;         /* signalled when a job is queued or quit is set */
    SDL_cond *done;         /* signalled when a job finishes */
    struct job *queue;      /* owned, oldest first */
    struct job *finished;   /* owned */
    int in_flight;          /* jobs queued or being decoded */
    bool quit;
    /* UI thread only: */
    uint64_t frame;     /* frames begun */
    size_t frame_bytes; /* charged for the pictures this frame asked for */
};

static void entry_free(void *value)
{
    struct entry *e = value;
    if (e && e->texture)
        SDL_DestroyTexture(e->texture);
    free(e);
}

static void job_free(struct job *j)
{
    if (j && j->surface)
        SDL_FreeSurface(j->surface);
    free(j);
}

/* ---- decoding and scaling (any thread) ---- */

/* A surface of half the size of rect of src, each pixel the mean of a 2 x 2 block. */
static SDL_Surface *halve(SDL_Surface *src, SDL_Rect rect)
{
    int w = rect.w / 2, h = rect.h / 2;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return NULL;
    for (int y = 0; y < h; y++) {
        const Uint8 *r0 =
            (const Uint8 *)src->pixels + (size_t)(rect.y + 2 * y) * src->pitch + (size_t)rect.x * 4;
        const Uint8 *r1 = r0 + src->pitch;
        Uint8 *out = (Uint8 *)dst->pixels + (size_t)y * dst->pitch;
        for (int x = 0; x < w * 4; x++) {
            int i = (x / 4) * 8 + x % 4;
            out[x] = (Uint8)((r0[i] + r0[i + 4] + r1[i] + r1[i + 4] + 2) / 4);
        }
    }
    return dst;
}

static bool all_opaque(const SDL_Surface *s)
{
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row =
            (const Uint32 *)(const void *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++)
            if ((row[x] >> 24) != 0xFF)
                return false;
    }
    return true;
}

SDL_Surface *ui_images_load_scaled(const char *path, int w, int h, enum ui_image_fit fit,
                                   bool *opaque)
{
    if (!path || w <= 0 || h <= 0 || w > MAX_SOURCE_SIDE || h > MAX_SOURCE_SIDE)
        return NULL;
    SDL_Surface *work = ui_picture_load(path, MAX_SOURCE_SIDE), *out = NULL;
    if (!work)
        goto done;
    double sx = (double)w / work->w, sy = (double)h / work->h;
    SDL_Rect src = {0, 0, work->w, work->h};
    int tw = w, th = h;
    if (fit == UI_IMAGE_COVER) {
        double scale = sx > sy ? sx : sy;
        src.w = (int)lround(w / scale);
        src.h = (int)lround(h / scale);
        src.w = src.w < 1 ? 1 : src.w > work->w ? work->w : src.w;
        src.h = src.h < 1 ? 1 : src.h > work->h ? work->h : src.h;
        src.x = (work->w - src.w) / 2;
        src.y = (work->h - src.h) / 2;
    } else {
        double scale = sx < sy ? sx : sy;
        tw = (int)lround(work->w * scale);
        th = (int)lround(work->h * scale);
        tw = tw < 1 ? 1 : tw;
        th = th < 1 ? 1 : th;
    }
    /* Bilinear alone aliases when shrinking more than twice: halve first. */
    while (src.w >= 2 * tw && src.h >= 2 * th) {
        SDL_Surface *half = halve(work, src);
        if (!half)
            goto done;
        SDL_FreeSurface(work);
        work = half;
        src = (SDL_Rect){0, 0, half->w, half->h};
    }
    out = SDL_CreateRGBSurfaceWithFormat(0, tw, th, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        goto done;
    bool scaled;
    if (src.w == tw && src.h == th) {
        SDL_SetSurfaceBlendMode(work, SDL_BLENDMODE_NONE);
        scaled = SDL_BlitSurface(work, &src, out, NULL) == 0;
    } else {
        scaled = SDL_SoftStretchLinear(work, &src, out, NULL) == 0;
    }
    if (!scaled) {
        SDL_FreeSurface(out);
        out = NULL;
        goto done;
    }
    if (opaque)
        *opaque = all_opaque(out);
done:
    SDL_FreeSurface(work);
    return out;
}

/* ---- the loader thread ---- */

static int loader_main(void *arg)
{
    struct ui_images *im = arg;
    SDL_LockMutex(im->lock);
    for (;;) {
        while (!im->queue && !im->quit)
            SDL_CondWait(im->wake, im->lock);
        if (im->quit)
            break;
        struct job *j = im->queue;
        im->queue = j->next;
        SDL_UnlockMutex(im->lock);
        j->surface = ui_images_load_scaled(j->path, j->w, j->h, j->fit, &j->opaque);
        SDL_LockMutex(im->lock);
        j->next = im->finished;
        im->finished = j;
        im->in_flight--;
        SDL_CondBroadcast(im->done);
    }
    SDL_UnlockMutex(im->lock);
    return 0;
}

struct ui_images *ui_images_new(SDL_Renderer *renderer, size_t budget_bytes, bool threaded)
{
    if (!renderer)
        return NULL;
    struct ui_images *im = calloc(1, sizeof *im);
    if (!im)
        return NULL;
    im->renderer = renderer;
    im->cache = ui_lru_new(budget_bytes ? budget_bytes : DEFAULT_BUDGET, entry_free);
    if (!im->cache)
        goto error;
    if (threaded) {
        im->lock = SDL_CreateMutex();
        im->wake = SDL_CreateCond();
        im->done = SDL_CreateCond();
        if (!im->lock || !im->wake || !im->done)
            goto error;
        im->thread = SDL_CreateThread(loader_main, "ui-images", im);
        if (!im->thread)
            goto error;
    }
    return im;
error:
    ui_images_free(im);
    return NULL;
}

void ui_images_free(struct ui_images *im)
{
    if (!im)
        return;
    if (im->thread) {
        SDL_LockMutex(im->lock);
        im->quit = true;
        SDL_CondSignal(im->wake);
        SDL_UnlockMutex(im->lock);
        SDL_WaitThread(im->thread, NULL);
    }
    for (struct job *lists[2] = {im->queue, im->finished}, **l = lists; l < lists + 2; l++)
        while (*l) {
            struct job *next = (*l)->next;
            job_free(*l);
            *l = next;
        }
    if (im->done)
        SDL_DestroyCond(im->done);
    if (im->wake)
        SDL_DestroyCond(im->wake);
    if (im->lock)
        SDL_DestroyMutex(im->lock);
    ui_lru_free(im->cache);
    free(im);
}

/*
 * Counts e among the pictures of this frame, once, and grows the budget
 * to hold them all: the cache never evicts a picture the frame being
 * drawn shows, however many pictures the screen has.
 */
static void count_in_frame(struct ui_images *im, struct entry *e)
{
    if (e->frame == im->frame)
        return;
    e->frame = im->frame;
    im->frame_bytes += e->bytes;
    size_t needed = im->frame_bytes + ui_lru_table_bytes(im->cache);
    struct ui_cache_stats now;
    ui_lru_stats(im->cache, &now);
    if (needed > now.budget)
        ui_lru_set_budget(im->cache, needed);
}

/* Puts e under key, counted in this frame; returns e, NULL when memory ran out. */
static struct entry *put(struct ui_images *im, const char *key, size_t key_len, struct entry *e,
                         size_t value_bytes)
{
    e->bytes = value_bytes + key_len + LRU_ENTRY_OVERHEAD;
    count_in_frame(im, e);
    return ui_lru_put(im->cache, key, key_len, e, value_bytes) ? e : NULL;
}

/* Stores the outcome of a load under key; returns the entry, NULL when memory ran out. */
static struct entry *store(struct ui_images *im, const char *key, size_t key_len,
                           SDL_Surface *surface, bool opaque)
{
    struct entry *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->status = UI_IMAGE_FAILED;
    size_t bytes = sizeof *e;
    if (surface) {
        e->texture = SDL_CreateTextureFromSurface(im->renderer, surface);
        if (e->texture) {
            /* Opaque pictures are copied, not blended: much cheaper in software. */
            SDL_SetTextureBlendMode(e->texture, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            e->status = UI_IMAGE_READY;
            bytes += (size_t)surface->w * surface->h * 4;
        }
    }
    return put(im, key, key_len, e, bytes);
}

static size_t make_key(char *key, const char *path, int w, int h, enum ui_image_fit fit)
{
    int n = snprintf(key, MAX_KEY, "%d:%d:%d:%s", w, h, (int)fit, path);
    return n > 0 && n < MAX_KEY ? (size_t)n : 0;
}

SDL_Texture *ui_images_get(struct ui_images *im, const char *path, int w, int h,
                           enum ui_image_fit fit, enum ui_image_status *status)
{
    enum ui_image_status dummy;
    status = status ? status : &dummy;
    *status = UI_IMAGE_FAILED;
    if (!im || !path || w <= 0 || h <= 0 || strlen(path) > UI_IMAGES_PATH_MAX)
        return NULL;
    char key[MAX_KEY];
    size_t key_len = make_key(key, path, w, h, fit);
    if (key_len == 0)
        return NULL;
    struct entry *e = ui_lru_get(im->cache, key, key_len);
    if (e) {
        count_in_frame(im, e);
        *status = e->status;
        return e->texture;
    }
    if (!im->thread) {
        bool opaque = false;
        SDL_Surface *s = ui_images_load_scaled(path, w, h, fit, &opaque);
        e = store(im, key, key_len, s, opaque);
        SDL_FreeSurface(s);
        if (!e)
            return NULL;
        *status = e->status;
        return e->texture;
    }
    struct job *j = calloc(1, sizeof *j);
    struct entry *pending = calloc(1, sizeof *pending);
    if (!j || !pending) {
        free(j);
        free(pending);
        return NULL;
    }
    memcpy(j->key, key, key_len + 1);
    j->key_len = key_len;
    memcpy(j->path, path, strlen(path) + 1);
    j->w = w;
    j->h = h;
    j->fit = fit;
    pending->status = UI_IMAGE_LOADING;
    if (!put(im, key, key_len, pending, sizeof *pending)) {
        free(j);
        return NULL;
    }
    SDL_LockMutex(im->lock);
    struct job **tail = &im->queue;
    while (*tail)
        tail = &(*tail)->next;
    *tail = j;
    im->in_flight++;
    SDL_CondSignal(im->wake);
    SDL_UnlockMutex(im->lock);
    *status = UI_IMAGE_LOADING;
    return NULL;
}

size_t ui_images_screen_budget(int w, int h)
{
    if (w <= 0 || h <= 0)
        return DEFAULT_BUDGET;
    size_t budget = (size_t)w * (size_t)h;
    return budget < MIN_BUDGET ? MIN_BUDGET : budget;
}

void ui_images_frame_begin(struct ui_images *im)
{
    if (!im)
        return;
    im->frame++;
    im->frame_bytes = 0;
}

/*
 * Gives the memory the loader's decoding left free back to the system. The
 * loader thread allocates from its own glibc arena, which keeps what the
 * decoder and the scaled surfaces freed (several MiB after a category of
 * pictures) unless trimmed; trimming once the loader is idle returns it.
 */
static void return_decoder_memory(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

int ui_images_poll(struct ui_images *im)
{
    if (!im || !im->thread)
        return 0;
    SDL_LockMutex(im->lock);
    struct job *done = im->finished;
    im->finished = NULL;
    SDL_UnlockMutex(im->lock);
    int n = 0;
    while (done) {
        struct job *next = done->next;
        store(im, done->key, done->key_len, done->surface, done->opaque);
        job_free(done);
        done = next;
        n++;
    }
    if (n > 0) {
        SDL_LockMutex(im->lock);
        bool idle = im->in_flight == 0;
        SDL_UnlockMutex(im->lock);
        if (idle)
            return_decoder_memory();
    }
    return n;
}

void ui_images_wait(struct ui_images *im)
{
    if (!im || !im->thread)
        return;
    SDL_LockMutex(im->lock);
    while (im->in_flight > 0)
        SDL_CondWait(im->done, im->lock);
    SDL_UnlockMutex(im->lock);
    ui_images_poll(im);
}

void ui_images_stats(const struct ui_images *im, struct ui_cache_stats *out)
{
    if (!im) {
        *out = (struct ui_cache_stats){0};
        return;
    }
    ui_lru_stats(im->cache, out);
}
