/* Headless rendering of a tree into a PNG (see ui/render_png.h). */
#include "ui/render_png.h"

#include <stdlib.h>

#include "ui/offscreen.h"

struct ui_render_png {
    struct ui_offscreen *target; /* owned */
    struct ui_text *text;        /* owned */
    struct ui_tree *tree;        /* owned */
};

struct ui_render_png *ui_render_png_new(int w, int h, const char *font_dir,
                                        const struct ui_theme *theme)
{
    return ui_render_png_new_with(w, h, font_dir, theme, NULL);
}

struct ui_render_png *ui_render_png_new_with(int w, int h, const char *font_dir,
                                             const struct ui_theme *theme,
                                             const struct ui_tree_config *tc)
{
    struct ui_render_png *rp = calloc(1, sizeof *rp);
    if (!rp)
        return NULL;
    rp->target = ui_offscreen_new(w, h);
    if (!rp->target)
        goto error;
    rp->text = ui_text_new(font_dir, rp->target->renderer, NULL);
    if (!rp->text)
        goto error;
    rp->tree = ui_tree_new(rp->target->renderer, rp->text, theme, w, h, tc);
    if (!rp->tree)
        goto error;
    ui_tree_set_pixels(rp->tree, rp->target->surface);
    return rp;
error:
    ui_render_png_free(rp);
    return NULL;
}

void ui_render_png_free(struct ui_render_png *rp)
{
    if (!rp)
        return;
    /* The tree's and text engine's textures belong to the target's renderer: free them first. */
    ui_tree_free(rp->tree);
    ui_text_free(rp->text);
    ui_offscreen_free(rp->target);
    free(rp);
}

struct ui_tree *ui_render_png_tree(const struct ui_render_png *rp)
{
    return rp ? rp->tree : NULL;
}

bool ui_render_png_frame(struct ui_render_png *rp, uint64_t now_ms)
{
    if (!rp)
        return false;
    ui_tree_update(rp->tree, now_ms);
    ui_tree_invalidate_all(rp->tree);
    /* A root may not cover everything (a bare widget): start from the background. */
    SDL_Color bg = ui_theme_color(ui_tree_theme(rp->tree), UI_COLOR_BACKGROUND);
    ui_draw_fill(ui_tree_draw(rp->tree),
                 (SDL_Rect){0, 0, ui_tree_width(rp->tree), ui_tree_height(rp->tree)}, bg);
    ui_tree_render(rp->tree, NULL);
    return SDL_RenderFlush(rp->target->renderer) == 0;
}

SDL_Surface *ui_render_png_surface(const struct ui_render_png *rp)
{
    if (!rp)
        return NULL;
    SDL_RenderFlush(rp->target->renderer);
    return rp->target->surface;
}

bool ui_render_png_save(const struct ui_render_png *rp, const char *path)
{
    return rp && ui_offscreen_save_png(rp->target, path);
}
