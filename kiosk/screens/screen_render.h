/*
 * Any screen rendered without a display: a demonstration stage
 * (kiosk/screens/stage.h) of the demo menu, laid out at the kiosk's logical
 * size (1080 x 1920 portrait, 1920 x 1080 when the requested size is
 * landscape) with the fonts of the assets folder only, drawn by SDL's
 * software renderer, and scaled to the requested size. Menus' time windows
 * and offers are those of a fixed moment (KS_RENDER_UTC: a Tuesday at 13:00
 * in Riyadh), so a render is the same every time, on every machine. For
 * `kiosk --render`, screenshots and golden images.
 */
#ifndef KIOSK_SCREENS_SCREEN_RENDER_H
#define KIOSK_SCREENS_SCREEN_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL2/SDL.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/catalog.h"

/* 2026-11-24 10:00 UTC: Tuesday 13:00 in Riyadh ("Fries Tuesday" is on). */
#define KS_RENDER_UTC 1795514400

typedef struct ks_screen_render_request {
    const char *stage; /* a ks_stage_names entry */
    enum ks_lang lang;
    const char *item_id;       /* the "item" and "combo" stages' item; NULL: their own */
    int width, height;         /* the picture's size; 0, 0: the logical size */
    const ks_config *cfg;      /* borrowed: assets folder, store names, kiosk settings */
    const ks_catalog *catalog; /* borrowed */
    bool high_contrast;        /* the theme's modes */
    bool large_text;
    bool reach; /* controls in the lower half */
} ks_screen_render_request;

/*
 * The screen as an RGBA32 surface of the requested size, owned by the
 * caller (SDL_FreeSurface). NULL, with the reason in why[cap], for an
 * unknown stage, missing fonts or theme, or a size under 64 pixels or over
 * 4096 a side.
 */
SDL_Surface *ks_screen_render(const ks_screen_render_request *req, char *why, size_t cap);

/* ks_screen_render written to path as a PNG. */
bool ks_screen_render_png(const ks_screen_render_request *req, const char *path, char *why,
                          size_t cap);

#endif
