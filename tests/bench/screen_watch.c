/*
 * The screen watch (screen_watch.h). Each burst of damage (the events one
 * drain of the connection finds) is followed by one read-back of the whole
 * root into a shared-memory image (MIT-SHM: the server copies the pixels, no
 * socket transfer) and its XXH3 hash; a damage's rectangle is compared with
 * the reference only to find the first change. A damage is timed when it is
 * taken off the connection, so a damage that arrives during a read-back is
 * timed up to one read-back late (screen_watch_readback_ms says how long
 * that is).
 */
#include "tests/bench/screen_watch.h"

#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <X11/extensions/Xdamage.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <xxhash.h>

#include "tests/bench/bench_util.h"

/* Damage rectangles closer than this are taken as one frame (one frame's several rectangles). */
#define SAME_FRAME_NS 1000000

/* A growable array of elements of one type. */
struct growable {
    void *items; /* owned, freed in screen_watch_free */
    size_t n, cap, size;
};

/* The screen after one burst: the last damage's arrival and the hash of the read-back. */
struct burst {
    int64_t at_ns;
    uint64_t hash;
};

struct screen_watch {
    Display *dpy; /* borrowed from the caller */
    int damage_event;
    Damage damage;
    XShmSegmentInfo shm;
    bool attached;   /* the server has the segment: detached in screen_watch_free */
    XImage *screen;  /* the last read-back, in shm; owned, freed in screen_watch_free */
    char *reference; /* the screen at the start of a run; owned, freed in screen_watch_free */
    size_t bytes;    /* of one whole screen */
    struct growable bursts;  /* struct burst, of the current run */
    struct growable damages; /* int64_t arrival times, of the current run */
    struct growable rects;   /* XRectangle, of the current burst */
    struct growable frames;  /* double intervals in ms, of the current run */
};

static bool grow_push(struct growable *g, const void *item)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        void *items = realloc(g->items, cap * g->size);
        if (!items)
            return false;
        g->items = items;
        g->cap = cap;
    }
    memcpy((char *)g->items + g->n++ * g->size, item, g->size);
    return true;
}

static void read_back(struct screen_watch *w)
{
    XShmGetImage(w->dpy, DefaultRootWindow(w->dpy), w->screen, 0, 0, AllPlanes);
}

static uint64_t screen_hash(const struct screen_watch *w)
{
    return XXH3_64bits(w->screen->data, w->bytes);
}

struct screen_watch *screen_watch_new(Display *dpy)
{
    int damage_error, major, minor;
    Bool pixmaps;
    struct screen_watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->dpy = dpy;
    w->shm.shmid = -1;
    w->shm.shmaddr = (char *)-1;
    w->bursts.size = sizeof(struct burst);
    w->damages.size = sizeof(int64_t);
    w->rects.size = sizeof(XRectangle);
    w->frames.size = sizeof(double);
    if (!XDamageQueryExtension(dpy, &w->damage_event, &damage_error) ||
        !XShmQueryVersion(dpy, &major, &minor, &pixmaps))
        goto error;
    int screen = DefaultScreen(dpy);
    w->screen = XShmCreateImage(
        dpy, DefaultVisual(dpy, screen), (unsigned)DefaultDepth(dpy, screen), ZPixmap, NULL,
        &w->shm, (unsigned)DisplayWidth(dpy, screen), (unsigned)DisplayHeight(dpy, screen));
    if (!w->screen)
        goto error;
    w->bytes = (size_t)w->screen->bytes_per_line * (size_t)w->screen->height;
    w->shm.shmid = shmget(IPC_PRIVATE, w->bytes, IPC_CREAT | 0600);
    w->shm.shmaddr = w->shm.shmid >= 0 ? shmat(w->shm.shmid, NULL, 0) : (char *)-1;
    w->reference = malloc(w->bytes);
    if (w->shm.shmaddr == (char *)-1 || !w->reference)
        goto error;
    w->screen->data = w->shm.shmaddr;
    w->shm.readOnly = False;
    if (!XShmAttach(dpy, &w->shm))
        goto error;
    w->attached = true;
    XSync(dpy, False);
    /* Removed now, freed when both sides detach: nothing is left behind if this process dies. */
    shmctl(w->shm.shmid, IPC_RMID, NULL);
    w->shm.shmid = -1;
    /* The root's damage includes what its children draw (no compositing here). */
    w->damage = XDamageCreate(dpy, DefaultRootWindow(dpy), XDamageReportRawRectangles);
    read_back(w);
    return w;
error:
    screen_watch_free(w);
    return NULL;
}

void screen_watch_free(struct screen_watch *w)
{
    if (!w)
        return;
    if (w->damage)
        XDamageDestroy(w->dpy, w->damage);
    if (w->attached) {
        XShmDetach(w->dpy, &w->shm);
        XSync(w->dpy, False);
    }
    if (w->screen) {
        w->screen->data = NULL; /* the shm segment is not XDestroyImage's to free */
        XDestroyImage(w->screen);
    }
    if (w->shm.shmaddr != (char *)-1)
        shmdt(w->shm.shmaddr);
    if (w->shm.shmid >= 0)
        shmctl(w->shm.shmid, IPC_RMID, NULL);
    free(w->reference);
    free(w->bursts.items);
    free(w->damages.items);
    free(w->rects.items);
    free(w->frames.items);
    free(w);
}

/* True when rectangle r of the screen differs from the reference. */
static bool rect_changed(const struct screen_watch *w, const XRectangle *r)
{
    int x0 = r->x < 0 ? 0 : r->x, y0 = r->y < 0 ? 0 : r->y;
    int x1 = r->x + r->width, y1 = r->y + r->height;
    x1 = x1 > w->screen->width ? w->screen->width : x1;
    y1 = y1 > w->screen->height ? w->screen->height : y1;
    size_t pixel = (size_t)w->screen->bits_per_pixel / 8;
    for (int y = y0; y < y1; y++) {
        size_t at = (size_t)y * (size_t)w->screen->bytes_per_line + (size_t)x0 * pixel;
        if (x1 > x0 && memcmp(w->screen->data + at, w->reference + at, (size_t)(x1 - x0) * pixel))
            return true;
    }
    return false;
}

/* Takes every event queued now; the damages' rectangles into w->rects, their times into w->damages.
 */
static void drain(struct screen_watch *w)
{
    w->rects.n = 0;
    while (XPending(w->dpy)) {
        XEvent ev;
        XNextEvent(w->dpy, &ev);
        if (ev.type != w->damage_event + XDamageNotify)
            continue;
        int64_t at = bench_now_ns();
        const XDamageNotifyEvent *d = (const XDamageNotifyEvent *)&ev;
        if (!grow_push(&w->rects, &d->area) || !grow_push(&w->damages, &at))
            abort(); /* a benchmark out of memory has no figure to give */
    }
}

/* The intervals between the frames (damages more than SAME_FRAME_NS apart) from..to. */
static void frame_intervals(struct screen_watch *w, int64_t from, int64_t to)
{
    const int64_t *at = w->damages.items;
    int64_t previous = -1;
    w->frames.n = 0;
    for (size_t i = 0; i < w->damages.n; i++) {
        if (at[i] < from || at[i] > to || (previous >= 0 && at[i] - previous < SAME_FRAME_NS))
            continue;
        double ms = (double)(at[i] - previous) / 1e6;
        if (previous >= 0 && !grow_push(&w->frames, &ms))
            abort();
        previous = at[i];
    }
}

void screen_watch_run(struct screen_watch *w, int quiet_ms, bool wait_for_change,
                      int64_t deadline_ns, void (*on_first_change)(void *user), void *user,
                      struct screen_watch_result *out)
{
    memset(out, 0, sizeof *out);
    memcpy(w->reference, w->screen->data, w->bytes);
    w->bursts.n = w->damages.n = w->frames.n = 0;
    uint64_t hash = screen_hash(w);
    int64_t last_change = bench_now_ns();
    const int64_t quiet_ns = (int64_t)quiet_ms * 1000000;
    for (;;) {
        int64_t now = bench_now_ns();
        bool counting = out->changed || !wait_for_change;
        if (counting && now - last_change >= quiet_ns) {
            out->settled = true;
            break;
        }
        if (now >= deadline_ns)
            break;
        if (!XPending(w->dpy)) {
            int64_t until = counting && last_change + quiet_ns < deadline_ns
                                ? last_change + quiet_ns
                                : deadline_ns;
            struct pollfd p = {.fd = ConnectionNumber(w->dpy), .events = POLLIN};
            poll(&p, 1, (int)((until - now) / 1000000 + 1));
            continue;
        }
        drain(w);
        if (w->rects.n == 0)
            continue;
        size_t first_damage = w->damages.n - w->rects.n;
        read_back(w);
        struct burst b = {((int64_t *)w->damages.items)[w->damages.n - 1], screen_hash(w)};
        if (!grow_push(&w->bursts, &b))
            abort();
        for (size_t i = 0; i < w->rects.n && !out->changed; i++) {
            if (!rect_changed(w, (XRectangle *)w->rects.items + i))
                continue;
            out->changed = true;
            out->first_change_ns = ((int64_t *)w->damages.items)[first_damage + i];
            if (on_first_change)
                on_first_change(user);
        }
        if (b.hash != hash)
            last_change = b.at_ns;
        hash = b.hash;
    }
    out->damages = w->damages.n;
    /* Visually complete: the first burst of the trailing run of bursts that equal the last screen.
     */
    const struct burst *bursts = w->bursts.items;
    size_t k = w->bursts.n;
    while (k > 0 && bursts[k - 1].hash == hash)
        k--;
    if (out->changed && out->settled)
        out->complete_ns = k < w->bursts.n ? bursts[k].at_ns : out->first_change_ns;
    if (out->complete_ns < out->first_change_ns)
        out->complete_ns = out->first_change_ns;
    if (out->changed && out->settled)
        frame_intervals(w, out->first_change_ns, out->complete_ns);
    out->frames = w->frames.n;
    out->frame_ms = w->frames.items;
}

double screen_watch_readback_ms(struct screen_watch *w, int n)
{
    double ms[64];
    n = n > 64 ? 64 : n;
    for (int i = 0; i < n; i++) {
        int64_t t0 = bench_now_ns();
        read_back(w);
        volatile uint64_t hash = screen_hash(w); /* volatile: the hash is part of the cost */
        (void)hash;
        ms[i] = (double)(bench_now_ns() - t0) / 1e6;
    }
    return n > 0 ? bench_percentile(ms, (size_t)n, 50) : 0;
}
