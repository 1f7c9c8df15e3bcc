/*
 * A picture (PNG, JPEG or WebP) scaled into the widget's box, by CONTAIN or
 * COVER (ui/images.h), with rounded corners. The corners are rounded by
 * painting them in the colour behind the image (its container's
 * background), so the picture itself is copied, never blended. Until the
 * picture is loaded, and if it cannot be, a quiet placeholder shows.
 */
#ifndef UI_W_IMAGE_H
#define UI_W_IMAGE_H

#include <stdbool.h>

#include "ui/images.h"
#include "ui/theme.h"
#include "ui/widget.h"

/* An image of the file at path (copied; NULL: placeholder only). NULL on error. */
struct ui_widget *ui_image_new(const char *path, enum ui_image_fit fit);

/*
 * Shows another file (copied; at most UI_IMAGES_PATH_MAX bytes). False
 * when w is not an image or the path is too long.
 */
bool ui_image_set_path(struct ui_widget *w, const char *path);

/* Height follows width in this proportion (e.g. 4, 3) when the height is AUTO; 0, 0: none. */
void ui_image_set_aspect(struct ui_widget *w, int ratio_w, int ratio_h);

/* Corner radius of a theme role; UI_RADIUS_COUNT: square corners. */
void ui_image_set_radius(struct ui_widget *w, enum ui_radius_role role);

#endif
