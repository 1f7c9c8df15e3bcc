/*
 * Rendering a widget tree without a display: a tree drawn by SDL's
 * software renderer into an RGBA surface (ui/offscreen.h), with its own
 * text engine on the given fonts, pictures decoded synchronously, and the
 * result written as PNG. For golden-image tests, screenshots and
 * documentation. Needs no window; if SDL video is initialised at all, use
 * SDL_VIDEODRIVER=offscreen or dummy.
 *
 *   struct ui_render_png *rp = ui_render_png_new(1080, 1920, "assets/fonts", &theme);
 *   ui_tree_set_root(ui_render_png_tree(rp), build_screen());
 *   ui_render_png_frame(rp, 0);
 *   ui_render_png_save(rp, "screen.png");
 *   ui_render_png_free(rp);
 */
#ifndef UI_RENDER_PNG_H
#define UI_RENDER_PNG_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "ui/theme.h"
#include "ui/tree.h"

struct ui_render_png;

/*
 * A w x h target with a tree on it (theme borrowed), its pictures decoded
 * at once, so a headless frame is complete the first time. NULL when fonts
 * are missing or on error.
 */
struct ui_render_png *ui_render_png_new(int w, int h, const char *font_dir,
                                        const struct ui_theme *theme);

/* The same with the tree made as tc says (NULL: as ui_render_png_new), e.g. a loader thread. */
struct ui_render_png *ui_render_png_new_with(int w, int h, const char *font_dir,
                                             const struct ui_theme *theme,
                                             const struct ui_tree_config *tc);

/* Frees the tree, text engine and target; accepts NULL. */
void ui_render_png_free(struct ui_render_png *rp);

/* The tree to build on; owned by rp. */
struct ui_tree *ui_render_png_tree(const struct ui_render_png *rp);

/* Updates the tree to now_ms and draws the whole screen. False on a drawing error. */
bool ui_render_png_frame(struct ui_render_png *rp, uint64_t now_ms);

/* The pixels drawn (SDL_PIXELFORMAT_RGBA32), borrowed from rp. */
SDL_Surface *ui_render_png_surface(const struct ui_render_png *rp);

/* Writes the pixels drawn to path as an RGBA PNG. */
bool ui_render_png_save(const struct ui_render_png *rp, const char *path);

#endif
