/* Image widgets (see ui/w_image.h). */
#include "ui/w_image.h"

#include <stdlib.h>
#include <string.h>

#include "ui/w_container_class.h"
#include "ui/widget_class.h"

struct image {
    struct ui_widget base;
    char *path; /* owned; NULL: placeholder only */
    enum ui_image_fit fit;
    int ratio_w, ratio_h;
    enum ui_radius_role radius; /* UI_RADIUS_COUNT: square */
    bool waiting;               /* last drawn as a placeholder while loading */
};

static const struct ui_widget_class image_class;

static struct image *as_image(const struct ui_widget *w)
{
    return ui_widget_is(w, &image_class) ? (struct image *)(void *)w : NULL;
}

static void image_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    const struct image *im = as_image(w);
    int width = avail_w > 0 ? avail_w : 0;
    *out_w = width;
    *out_h = im->ratio_w > 0 ? width * im->ratio_h / im->ratio_w : 0;
}

static void image_restyle(struct ui_widget *w)
{
    const struct image *im = as_image(w);
    w->radius = im->radius == UI_RADIUS_COUNT ? 0 : ui_theme_radius(w->tree->theme, im->radius);
}

static void image_draw(struct ui_widget *w)
{
    struct image *im = as_image(w);
    const struct ui_theme *th = w->tree->theme;
    SDL_Rect box = ui_widget_content(w);
    if (box.w <= 0 || box.h <= 0)
        return;
    enum ui_image_status status = UI_IMAGE_FAILED;
    SDL_Texture *tex =
        im->path ? ui_images_get(w->tree->images, im->path, box.w, box.h, im->fit, &status) : NULL;
    im->waiting = status == UI_IMAGE_LOADING;
    SDL_Color backdrop = ui_theme_color(th, ui_container_backdrop(w));
    if (!tex) {
        ui_draw_round_fill(w->tree->draw, box, w->radius, ui_theme_color(th, UI_COLOR_SURFACE_ALT));
        return;
    }
    int tw, th_px;
    SDL_QueryTexture(tex, NULL, NULL, &tw, &th_px);
    SDL_Rect dst = {box.x + (box.w - tw) / 2, box.y + (box.h - th_px) / 2, tw, th_px};
    ui_draw_texture(w->tree->draw, tex, dst);
    ui_draw_round_mask(w->tree->draw, dst, w->radius, backdrop);
}

static bool image_event(struct ui_widget *w, const struct ui_event *ev)
{
    struct image *im = as_image(w);
    if (ev->type == UI_EVENT_ASSETS && im->waiting) {
        im->waiting = false;
        ui_widget_invalidate(w);
    }
    return false;
}

static void image_destroy(struct ui_widget *w)
{
    free(as_image(w)->path);
}

static const struct ui_widget_class image_class = {
    .name = "image",
    .size = sizeof(struct image),
    .measure = image_measure,
    .draw = image_draw,
    .event = image_event,
    .destroy = image_destroy,
    .restyle = image_restyle,
};

struct ui_widget *ui_image_new(const char *path, enum ui_image_fit fit)
{
    struct ui_widget *w = ui_widget_new(&image_class);
    if (!w)
        return NULL;
    struct image *im = as_image(w);
    im->fit = fit;
    im->radius = UI_RADIUS_COUNT;
    if (path && !ui_image_set_path(w, path)) {
        ui_widget_free(w);
        return NULL;
    }
    return w;
}

bool ui_image_set_path(struct ui_widget *w, const char *path)
{
    struct image *im = as_image(w);
    if (!im)
        return false;
    char *copy = NULL;
    if (path) {
        size_t len = strnlen(path, UI_IMAGES_PATH_MAX + 1);
        if (len > UI_IMAGES_PATH_MAX || !(copy = malloc(len + 1)))
            return false;
        memcpy(copy, path, len + 1);
    }
    free(im->path);
    im->path = copy;
    ui_widget_invalidate(w);
    return true;
}

void ui_image_set_aspect(struct ui_widget *w, int ratio_w, int ratio_h)
{
    struct image *im = as_image(w);
    if (!im)
        return;
    im->ratio_w = ratio_w > 0 && ratio_h > 0 ? ratio_w : 0;
    im->ratio_h = ratio_w > 0 && ratio_h > 0 ? ratio_h : 0;
    ui_widget_request_layout(w);
}

void ui_image_set_radius(struct ui_widget *w, enum ui_radius_role role)
{
    struct image *im = as_image(w);
    if (!im)
        return;
    im->radius = (unsigned)role < UI_RADIUS_COUNT ? role : UI_RADIUS_COUNT;
    w->style_gen = 0; /* restyle at the next layout */
    ui_widget_request_layout(w);
    ui_widget_invalidate(w);
}
