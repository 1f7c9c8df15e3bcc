/* The attract screen (see kiosk/screens/attract.h). */
#include "kiosk/screens/attract.h"

#include <stdio.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "kiosk/screens/staff_access.h"
#include "ui/input.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_label.h"

#define SLIDE_MS 5000
#define GESTURE_HOLD_MS 3000
#define GESTURE_TAPS 5
#define GESTURE_TAP_WINDOW_MS 4000
#define PICTURE_PX 640

/* A picture for a promotion: its first targeted item's, else its first category's. */
static const char *promo_image(const ks_promotion *p)
{
    const ks_promo_target *t =
        p->kind == KS_PROMO_BUNDLE_PRICE && p->n_components > 0 ? &p->components[0] : &p->target;
    if (t->n_items > 0 && t->items[0]->image[0])
        return t->items[0]->image;
    if (t->n_categories > 0 && t->categories[0]->image[0])
        return t->categories[0]->image;
    return NULL;
}

/* The slides: the offers active now with a picture, else the categories. */
static void collect_slides(ks_kiosk_ui *k)
{
    ks_attract_state *a = &k->attract;
    a->n_slides = 0;
    size_t n;
    const ks_promotion *promos = ks_catalog_promotions(k->c.catalog, &n);
    ks_local_time at = ks_ui_local_time(k);
    for (size_t i = 0; i < n && a->n_slides < KS_ATTRACT_MAX_SLIDES; i++) {
        const char *image = promo_image(&promos[i]);
        if (!image || !ks_time_windows_contain(promos[i].available, promos[i].n_available, at))
            continue;
        a->images[a->n_slides] = image;
        a->titles[a->n_slides++] = &promos[i].name;
    }
    if (a->n_slides > 0)
        return;
    const ks_category *cats = ks_catalog_categories(k->c.catalog, &n);
    for (size_t i = 0; i < n && a->n_slides < KS_ATTRACT_MAX_SLIDES; i++) {
        if (!cats[i].image[0])
            continue;
        a->images[a->n_slides] = cats[i].image;
        a->titles[a->n_slides++] = &cats[i].name;
    }
}

/* Shows slide a->slide in the widgets built for it. */
static void show_slide(ks_kiosk_ui *k)
{
    ks_attract_state *a = &k->attract;
    if (a->n_slides == 0)
        return;
    char path[2048];
    ks_item_picture(k, a->images[a->slide], path, sizeof path);
    ui_image_set_path(a->image, path);
    /* The kiosk's own language first and larger; the other below it. */
    const ks_text *t = a->titles[a->slide];
    bool ar = k->rules.default_lang == KS_LANG_AR;
    ui_label_set_text(a->title_first, ar ? t->ar : t->en);
    ui_label_set_text(a->title_second, ar ? t->en : t->ar);
    for (int i = 0; i < ui_widget_child_count(a->dots); i++) {
        struct ui_widget *dot = ui_widget_child(a->dots, i);
        bool on = i == a->slide;
        ui_widget_set_size(dot, on ? 48 : 16, 16);
        ui_container_set_background(dot, on ? UI_COLOR_ACCENT : UI_COLOR_ON_PRIMARY, 8);
    }
}

static void on_start(struct ui_widget *w, void *user)
{
    ks_ui_send(user, KS_EV_START);
}

static void staff_gesture(ks_kiosk_ui *k)
{
    k->attract.taps = 0;
    if (ks_staff_locked(k))
        ks_ui_toast(k, ks_ui_str(k, KS_STR_PIN_LOCKED));
    ks_ui_send(k, KS_EV_STAFF_GESTURE);
}

static void on_corner_hold(struct ui_widget *w, void *user)
{
    staff_gesture(user);
}

static void on_corner_tap(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_attract_state *a = &k->attract;
    if (a->taps == 0 || k->now_ms - a->first_tap_ms > GESTURE_TAP_WINDOW_MS) {
        a->taps = 0;
        a->first_tap_ms = k->now_ms;
    }
    if (++a->taps == GESTURE_TAPS)
        staff_gesture(k);
}

/*
 * The corner that hides the staff gesture: the store's name. The same
 * corner serves the out-of-service screen. Returns the row to add.
 */
struct ui_widget *ks_attract_corner(ks_kiosk_ui *k, enum ui_color_role color)
{
    struct ui_widget *corner = ui_button_new(NULL, UI_BUTTON_GHOST);
    ui_widget_set_padding(corner, (struct ui_insets){16, 16, 24, 24});
    const char *name =
        ks_ui_lang(k) == KS_LANG_AR ? k->c.cfg->store_name_ar : k->c.cfg->store_name_en;
    struct ui_widget *label =
        ui_widget_add(corner, ui_label_new_styled(name, UI_TYPE_TITLE, UI_FONT_BOLD, color));
    ui_label_set_max_lines(label, 1);
    ui_widget_on_click(corner, on_corner_tap, k);
    ui_widget_on_long_press(corner, on_corner_hold, k);
    ui_widget_set_focusable(corner, false);
    struct ui_input_config in;
    ui_input_config_defaults(&in);
    in.long_press_ms = GESTURE_HOLD_MS;
    ui_input_set_config(k->c.tree, &in);
    return ks_ui_name(corner, "staff-corner");
}

void ks_attract_corner_leave(ks_kiosk_ui *k)
{
    struct ui_input_config in;
    ui_input_config_defaults(&in);
    ui_input_set_config(k->c.tree, &in);
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    ks_attract_state *a = &k->attract;
    collect_slides(k);
    if (a->slide >= a->n_slides)
        a->slide = 0;
    a->next_ms = k->now_ms + SLIDE_MS;

    struct ui_widget *root = ui_button_new(NULL, UI_BUTTON_GHOST);
    ui_widget_set_focusable(root, false);
    ui_widget_on_click(root, on_start, k);
    ks_ui_name(root, "start");
    struct ui_widget *page = ui_widget_add(root, ui_column_new(0));
    ui_widget_set_size(page, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_background(page, UI_COLOR_PRIMARY, 0);
    ui_container_set_align(page, UI_ALIGN_CENTER);

    struct ui_widget *top = ui_widget_add(page, ui_row_new(0));
    ui_widget_set_size(top, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(top, (struct ui_insets){24, 0, 16, 16});
    ui_widget_add(top, ks_attract_corner(k, UI_COLOR_ON_PRIMARY));

    ui_widget_add(page, ks_kit_fill());
    struct ui_widget *frame = ui_widget_add(page, ui_stack_new());
    int side = ui_tree_width(k->c.tree) * 7 / 10;
    if (side > ui_tree_height(k->c.tree) * 2 / 5)
        side = ui_tree_height(k->c.tree) * 2 / 5;
    ui_widget_set_size(frame, side, side);
    ui_container_set_background(frame, UI_COLOR_SURFACE, side / 8);
    a->image = ui_widget_add(frame, ui_image_new(NULL, UI_IMAGE_CONTAIN));
    ui_widget_set_margin(a->image, (struct ui_insets){side / 16, side / 16, side / 16, side / 16});
    ui_image_set_radius(a->image, UI_RADIUS_IMAGE);

    struct ui_widget *titles = ui_widget_add(page, ui_column_new(12));
    ui_widget_set_size(titles, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(titles, (struct ui_insets){56, 24, 64, 64});
    a->title_first = ui_widget_add(
        titles, ks_kit_centered("", UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_ON_PRIMARY));
    ui_label_set_max_lines(a->title_first, 2);
    a->title_second = ui_widget_add(
        titles, ks_kit_centered("", UI_TYPE_TITLE, UI_FONT_REGULAR, UI_COLOR_ON_PRIMARY));
    ui_label_set_max_lines(a->title_second, 2);
    a->dots = ui_widget_add(page, ui_row_new(12));
    for (int i = 0; i < a->n_slides; i++)
        ui_widget_add(a->dots, ui_column_new(0));
    ui_widget_add(page, ks_kit_fill());

    struct ui_widget *call = ui_widget_add(page, ui_column_new(8));
    ui_widget_set_size(call, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_margin(call, (struct ui_insets){0, 72, 72, 72});
    ui_widget_set_padding(call, (struct ui_insets){40, 40, 32, 32});
    ui_container_set_background(call, UI_COLOR_ACCENT, 48);
    enum ks_lang first = k->rules.default_lang,
                 second = first == KS_LANG_AR ? KS_LANG_EN : KS_LANG_AR;
    /* A self-checkout starts with a scan (a tap still works, with the language choice). */
    enum ks_str call_text =
        k->rules.mode == KS_MODE_SUPERMARKET ? KS_STR_SCAN_TO_START : KS_STR_TOUCH_TO_ORDER;
    ui_widget_add(call, ks_kit_centered(ks_str(call_text, first), UI_TYPE_DISPLAY, UI_FONT_BOLD,
                                        UI_COLOR_ON_ACCENT));
    ui_widget_add(call, ks_kit_centered(ks_str(call_text, second), UI_TYPE_TITLE, UI_FONT_BOLD,
                                        UI_COLOR_ON_ACCENT));
    if (k->c.notice && k->c.notice[0]) {
        struct ui_widget *band = ui_widget_add(page, ui_column_new(0));
        ui_widget_set_size(band, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_padding(band, (struct ui_insets){16, 16, 32, 32});
        ui_container_set_background(band, UI_COLOR_DANGER, 0);
        struct ui_widget *line = ui_widget_add(
            band, ks_kit_centered(k->c.notice, UI_TYPE_CAPTION, UI_FONT_BOLD, UI_COLOR_ON_PRIMARY));
        ui_label_set_max_lines(line, 3);
        ks_ui_name(band, "notice");
    }
    show_slide(k);
    return root;
}

static void update(ks_kiosk_ui *k, int64_t now_ms)
{
    ks_attract_state *a = &k->attract;
    if (a->n_slides < 2 || now_ms < a->next_ms)
        return;
    a->slide = (a->slide + 1) % a->n_slides;
    a->next_ms = now_ms + SLIDE_MS;
    show_slide(k);
}

const ks_screen_ops ks_screen_attract = {
    .build = build,
    .update = update,
    .leave = ks_attract_corner_leave,
};
