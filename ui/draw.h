/*
 * Shapes on an SDL_Renderer for the widgets: fills, rounded rectangles,
 * frames, soft shadows, discs, arcs and a few stroked icons, anti-aliased
 * and fast on the software renderer. Curved parts are coverage masks
 * (white texels whose alpha is the coverage), made once per size and tinted
 * through colour and alpha modulation; straight parts are plain fills, and
 * an opaque fill never blends. Masks are kept up to 8 MiB, least recently
 * used dropped first.
 *
 * All coordinates are pixels of the render target. Drawing obeys the
 * renderer's clip rectangle. Bound to one renderer; UI thread only.
 */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <stdbool.h>

#include <SDL2/SDL.h>

enum ui_icon {
    UI_ICON_PLUS,
    UI_ICON_MINUS,
    UI_ICON_CHECK,
    UI_ICON_CLOSE,
    UI_ICON_BACKSPACE,
    UI_ICON_ARROW_BACK, /* points to the start side: mirror it in right-to-left */
    UI_ICON_COUNT,
};

struct ui_draw;

/* A drawing context for renderer (borrowed; it must outlive the context). NULL on error. */
struct ui_draw *ui_draw_new(SDL_Renderer *renderer);

/*
 * The surface the renderer is a software renderer on (borrowed), or NULL:
 * opaque fills are then written into it directly, the same pixels as
 * SDL's, faster (ui_tree_set_pixels passes its own on).
 */
void ui_draw_set_pixels(struct ui_draw *draw, SDL_Surface *surface);

/* Destroys the cached masks; accepts NULL. The renderer must still exist. */
void ui_draw_free(struct ui_draw *draw);

/* Fills r with c (blended when c.a < 255). */
bool ui_draw_fill(struct ui_draw *draw, SDL_Rect r, SDL_Color c);

/* Copies the whole of texture t into dst, placed on the window's pixels as the fills are. */
bool ui_draw_texture(struct ui_draw *draw, SDL_Texture *t, SDL_Rect dst);

/* Fills r with corners of radius (clamped to half the shorter side). */
bool ui_draw_round_fill(struct ui_draw *draw, SDL_Rect r, int radius, SDL_Color c);

/* A frame thickness pixels wide inside the edge of the rounded rectangle r. */
bool ui_draw_round_frame(struct ui_draw *draw, SDL_Rect r, int radius, int thickness, SDL_Color c);

/*
 * Paints the four corner areas that lie inside r but outside its rounded
 * outline with backdrop: rounds off a picture already drawn on a plain
 * backdrop without blending the picture itself.
 */
bool ui_draw_round_mask(struct ui_draw *draw, SDL_Rect r, int radius, SDL_Color backdrop);

/*
 * The soft shadow the rounded rectangle r casts offset_y pixels down,
 * blurred over blur pixels (it reaches blur pixels beyond). hollow skips
 * what r itself hides, for shapes drawn opaque on top. A shadow is made
 * once per radius, blur and colour as a compact sheet (its edges and a
 * band of its identical middle), then copied piece by piece, unscaled.
 */
bool ui_draw_shadow(struct ui_draw *draw, SDL_Rect r, int radius, int blur, int offset_y,
                    SDL_Color c, bool hollow);

/* A disc of radius centred on the pixel corner (cx, cy). */
bool ui_draw_disc(struct ui_draw *draw, int cx, int cy, int radius, SDL_Color c);

/*
 * An arc of a ring (outer radius, thickness) centred on (cx, cy), from
 * start_deg clockwise from twelve o'clock over sweep_deg, with round ends.
 */
bool ui_draw_arc(struct ui_draw *draw, int cx, int cy, int radius, int thickness, double start_deg,
                 double sweep_deg, SDL_Color c);

/* icon stroked in the largest square centred in box; mirror flips it left to right. */
bool ui_draw_icon(struct ui_draw *draw, enum ui_icon icon, SDL_Rect box, SDL_Color c, bool mirror);

#endif
