/* Dirty-area merging (see ui/dirty.h). */
#include "ui/dirty.h"

static int64_t area_of(SDL_Rect r)
{
    return (int64_t)r.w * r.h;
}

static SDL_Rect bounding_box(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect u;
    SDL_UnionRect(&a, &b, &u);
    return u;
}

/* True when a lies entirely inside b. */
static bool contains(SDL_Rect b, SDL_Rect a)
{
    return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
}

static void remove_at(struct ui_dirty *d, int i)
{
    d->areas[i] = d->areas[--d->n_areas];
}

void ui_dirty_reset(struct ui_dirty *d, int screen_w, int screen_h)
{
    d->screen = (SDL_Rect){0, 0, screen_w > 0 ? screen_w : 0, screen_h > 0 ? screen_h : 0};
    d->n_areas = 0;
}

void ui_dirty_clear(struct ui_dirty *d)
{
    d->n_areas = 0;
}

void ui_dirty_add_all(struct ui_dirty *d)
{
    d->n_areas = 0;
    ui_dirty_add(d, d->screen);
}

void ui_dirty_add(struct ui_dirty *d, SDL_Rect r)
{
    SDL_Rect clipped;
    if (!SDL_IntersectRect(&r, &d->screen, &clipped))
        return;
    r = clipped;
    /*
     * Joining can make the result overlap or absorb other areas, so the
     * grown area is offered to the list again until nothing changes.
     */
    for (bool joined = true; joined;) {
        joined = false;
        for (int i = 0; i < d->n_areas; i++) {
            SDL_Rect a = d->areas[i];
            if (contains(a, r))
                return;
            /* Also absorbs an a inside r: then u is r itself. */
            SDL_Rect u = bounding_box(a, r);
            if (area_of(u) <= area_of(a) + area_of(r)) {
                remove_at(d, i);
                r = u;
                joined = true;
                break;
            }
        }
    }
    if (d->n_areas < UI_DIRTY_MAX_AREAS) {
        d->areas[d->n_areas++] = r;
        return;
    }
    int best = 0;
    int64_t best_growth = INT64_MAX;
    for (int i = 0; i < d->n_areas; i++) {
        int64_t growth = area_of(bounding_box(d->areas[i], r)) - area_of(d->areas[i]);
        if (growth < best_growth) {
            best_growth = growth;
            best = i;
        }
    }
    SDL_Rect u = bounding_box(d->areas[best], r);
    remove_at(d, best);
    ui_dirty_add(d, u);
}

int64_t ui_dirty_pixels(const struct ui_dirty *d)
{
    int64_t sum = 0;
    for (int i = 0; i < d->n_areas; i++)
        sum += area_of(d->areas[i]);
    return sum;
}
