/*
 * Dirty areas of a frame: the rectangles that must be redrawn, merged so
 * that a frame redraws few, compact regions (the approach of LVGL's
 * lv_refr.c). Two areas are joined when their bounding box is no larger
 * than the two apart (so neighbours sharing an edge become one); an area
 * inside another is dropped. When the list is full,
 * the new area is joined with the one whose bounding box grows least.
 */
#ifndef UI_DIRTY_H
#define UI_DIRTY_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#define UI_DIRTY_MAX_AREAS 16

struct ui_dirty {
    SDL_Rect screen; /* areas are clipped to it */
    SDL_Rect areas[UI_DIRTY_MAX_AREAS];
    int n_areas;
};

/* Empties d and sets the screen rectangle (pixels). */
void ui_dirty_reset(struct ui_dirty *d, int screen_w, int screen_h);

/* Adds r (pixels), clipped to the screen; empty rectangles are ignored. */
void ui_dirty_add(struct ui_dirty *d, SDL_Rect r);

/* Marks the whole screen dirty. */
void ui_dirty_add_all(struct ui_dirty *d);

/* Removes every area, keeping the screen. */
void ui_dirty_clear(struct ui_dirty *d);

/* Pixels a redraw of the areas covers: their sum (an overlap kept apart counts twice). */
int64_t ui_dirty_pixels(const struct ui_dirty *d);

#endif
