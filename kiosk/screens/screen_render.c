/* Headless renders of the screens (see kiosk/screens/screen_render.h). */
#include "kiosk/screens/screen_render.h"

#include <stdio.h>

#include "kiosk/screens/kiosk_ui.h"
#include "kiosk/screens/services.h"
#include "kiosk/screens/theme_file.h"
#include "kiosk/screens/lane_stage.h"
#include "kiosk/screens/stage.h"
#include "ui/png.h"
#include "ui/render_png.h"

#define LOGICAL_SHORT 1080
#define LOGICAL_LONG 1920
#define SIDE_MIN 64
#define SIDE_MAX 4096
/* The moment drawn: late enough that every picture has loaded and animations have settled. */
#define FRAME_MS 1000

static int64_t render_clock(void *ctx)
{
    return KS_RENDER_UTC;
}

/* The logical screen scaled into a new w x h surface (bilinear: halving is a 2 x 2 average). */
static SDL_Surface *scaled(SDL_Surface *src, int w, int h)
{
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!out)
        return NULL;
    int rc = w == src->w && h == src->h ? SDL_BlitSurface(src, NULL, out, NULL)
                                        : SDL_SoftStretchLinear(src, NULL, out, NULL);
    if (rc != 0) {
        SDL_FreeSurface(out);
        return NULL;
    }
    return out;
}

SDL_Surface *ks_screen_render(const ks_screen_render_request *req, char *why, size_t cap)
{
    if (!ks_stage_known(req->stage)) {
        snprintf(why, cap, "unknown screen \"%s\"", req->stage ? req->stage : "");
        return NULL;
    }
    bool landscape = req->width > req->height;
    int lw = landscape ? LOGICAL_LONG : LOGICAL_SHORT,
        lh = landscape ? LOGICAL_SHORT : LOGICAL_LONG;
    int w = req->width > 0 ? req->width : lw, h = req->height > 0 ? req->height : lh;
    if (w < SIDE_MIN || h < SIDE_MIN || w > SIDE_MAX || h > SIDE_MAX) {
        snprintf(why, cap, "size %dx%d: each side must be %d to %d pixels", w, h, SIDE_MIN,
                 SIDE_MAX);
        return NULL;
    }
    char path[2048];
    struct ui_theme theme;
    ks_ini_error theme_err;
    ui_theme_defaults(&theme);
    snprintf(path, sizeof path, "%s/theme/default.ini", req->cfg->assets);
    if (!ks_theme_load(&theme, path, &theme_err)) {
        snprintf(why, cap, "%s:%d: %s", path, theme_err.line, theme_err.message);
        return NULL;
    }
    theme.high_contrast = req->high_contrast;
    theme.large_text = req->large_text;

    SDL_Surface *out = NULL;
    ks_kiosk_ui *k = NULL;
    ks_services *services = ks_services_sim_new(&(ks_services_sim_config){0});
    snprintf(path, sizeof path, "%s/fonts", req->cfg->assets);
    struct ui_render_png *rp = ui_render_png_new(lw, lh, path, &theme);
    if (!services || !rp) {
        snprintf(why, cap, "cannot draw: no fonts in %s, or out of memory", path);
        goto end;
    }
    /* The self-checkout's stages show a supermarket whatever the configured mode. */
    ks_config lane_cfg = *req->cfg;
    if (ks_lane_stage_known(req->stage))
        lane_cfg.mode = KS_MODE_SUPERMARKET;
    const ks_kiosk_ui_config kc = {
        .cfg = &lane_cfg,
        .catalog = req->catalog,
        .tree = ui_render_png_tree(rp),
        .theme = &theme,
        .services = services,
        .utc_now = render_clock,
    };
    k = ks_kiosk_ui_new(&kc, 0);
    if (!k) {
        snprintf(why, cap, "out of memory");
        goto end;
    }
    if (!ks_stage_enter(k, req->stage, req->lang, req->item_id, req->reach, why, cap))
        goto end;
    ks_kiosk_ui_update(k, FRAME_MS);
    if (!ui_render_png_frame(rp, FRAME_MS)) {
        snprintf(why, cap, "drawing failed: %s", SDL_GetError());
        goto end;
    }
    out = scaled(ui_render_png_surface(rp), w, h);
    if (!out)
        snprintf(why, cap, "scaling failed: %s", SDL_GetError());
end:
    ks_kiosk_ui_free(k);
    ui_render_png_free(rp);
    ks_services_free(services);
    return out;
}

bool ks_screen_render_png(const ks_screen_render_request *req, const char *path, char *why,
                          size_t cap)
{
    SDL_Surface *s = ks_screen_render(req, why, cap);
    if (!s)
        return false;
    bool ok = ui_png_write(path, s->pixels, s->w, s->h, (size_t)s->pitch);
    SDL_FreeSurface(s);
    if (!ok)
        snprintf(why, cap, "cannot write %s", path);
    return ok;
}
