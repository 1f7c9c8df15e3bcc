/*
 * Golden images of the widget gallery (every widget class, buttons in every
 * state) and of a modal dialog, in English left-to-right, Arabic
 * right-to-left, and high-contrast large text. Rendered headless at
 * 1080 x 1920 with fonts from assets/fonts only and compared exactly with
 * tests/golden/widgets/NAME.png. A mismatch writes the rendering as
 * NAME_err.png next to NAME.png in the test's temporary folder and fails;
 * KIOSK_UPDATE_GOLDEN=1 rewrites the references instead.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/input.h"
#include "ui/png.h"
#include "ui/render_png.h"
#include "ui/w_badge.h"
#include "ui/w_button.h"
#include "ui/w_card.h"
#include "ui/w_container.h"
#include "ui/w_dialog.h"
#include "ui/w_image.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"
#include "ui/w_progress.h"
#include "ui/w_spinner.h"
#include "ui/w_stepper.h"
#include "ui/w_toast.h"

#define SCREEN_W 1080
#define SCREEN_H 1920
#define RIYAL "\xE2\x83\x81" /* U+20C1 SAUDI RIYAL SIGN */

/* Texts of a gallery in one language. */
struct words {
    const char *title;
    const char *buttons, *order, *cancel, *back, *pay, *sold_out, *pressed, *focused;
    const char *menu, *status, *pin;
    const char *card2_title, *card2_sub, *card3_title, *card3_sub, *badge_new;
    const char *toast, *ok, *halal;
    const char *dlg_title, *dlg_message, *dlg_yes, *dlg_no;
};

static const struct words english = {
    "Widget gallery",
    "Buttons",
    "Order now",
    "Cancel",
    "Back",
    "Pay",
    "Sold out",
    "Pressed",
    "Focused",
    "Menu items",
    "Quantity and status",
    "Enter your PIN",
    "Classic Beef Burger",
    "Cheddar, pickles, house sauce",
    "Fresh Orange Juice",
    "300 ml",
    "New",
    "Added to your order",
    "OK",
    "Halal",
    "Cancel this order?",
    "All items will be removed from your cart.",
    "Yes, cancel",
    "Keep ordering",
};

static const struct words arabic = {
    "معرض العناصر",
    "الأزرار",
    "اطلب الآن",
    "إلغاء",
    "رجوع",
    "ادفع",
    "نفدت الكمية",
    "مضغوط",
    "محدد",
    "الأصناف",
    "الكمية والحالة",
    "أدخل الرمز السري",
    "برجر لحم كلاسيك",
    "شيدر، مخلل، صوص خاص",
    "عصير برتقال طازج",
    "٣٠٠ مل",
    "جديد",
    "تمت الإضافة إلى طلبك",
    "تأكيد",
    "حلال",
    "إلغاء الطلب؟",
    "سيتم حذف جميع الأصناف من سلتك.",
    "نعم، إلغاء",
    "متابعة الطلب",
};

/* A 480 x 360 picture made by the test, so references never depend on asset files. */
static const char *test_picture(void)
{
    static char path[4096];
    if (path[0])
        return path;
    enum { W = 480, H = 360 };
    uint8_t *px = malloc((size_t)W * H * 4);
    if (!px)
        return NULL;
    /* A burger on a peach background: layers are ellipses, top to bottom. */
    static const struct {
        int cy, rx, ry;
        uint8_t r, g, b;
    } layers[] = {
        {130, 150, 90, 222, 140, 58}, /* top bun (its lower half is hidden) */
        {200, 160, 22, 120, 180, 70}, /* lettuce */
        {228, 150, 26, 110, 60, 40},  /* patty */
        {258, 140, 22, 240, 190, 60}, /* cheese */
        {286, 145, 30, 214, 130, 52}, /* bottom bun */
    };
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = px + ((size_t)y * W + x) * 4;
            p[0] = (uint8_t)(250 - y / 12);
            p[1] = (uint8_t)(210 - y / 8);
            p[2] = (uint8_t)(180 - y / 10 + x / 16);
            p[3] = 255;
            int dx = x - W / 2;
            for (size_t k = sizeof layers / sizeof layers[0]; k-- > 0;) {
                int dy = y - layers[k].cy;
                bool top_half_only = k == 0 && dy > 40;
                if (!top_half_only &&
                    (long)dx * dx * layers[k].ry * layers[k].ry +
                            (long)dy * dy * layers[k].rx * layers[k].rx <=
                        (long)layers[k].rx * layers[k].rx * layers[k].ry * layers[k].ry) {
                    p[0] = layers[k].r;
                    p[1] = layers[k].g;
                    p[2] = layers[k].b;
                    break;
                }
            }
        }
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "gallery_picture.png"));
    bool ok = ui_png_write(path, px, W, H, (size_t)W * 4);
    free(px);
    return ok ? path : NULL;
}

static struct ui_widget *heading(const char *text)
{
    struct ui_widget *l = ui_label_new(text, UI_TYPE_HEADING);
    ui_label_set_weight(l, UI_FONT_BOLD);
    ui_label_set_align(l, UI_LABEL_ALIGN_START);
    return l;
}

struct gallery {
    struct ui_widget *pressed, *focused, *keypad;
};

static struct ui_widget *build_gallery(const struct words *t, struct gallery *g)
{
    struct ui_widget *root = ui_column_new(24);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_widget_set_padding_all(root, 40);

    struct ui_widget *title = ui_widget_add(root, ui_label_new(t->title, UI_TYPE_DISPLAY));
    ui_label_set_weight(title, UI_FONT_BOLD);
    ui_label_set_align(title, UI_LABEL_ALIGN_START);

    ui_widget_add(root, heading(t->buttons));
    struct ui_widget *row1 = ui_widget_add(root, ui_row_new(20));
    struct ui_widget *order = ui_widget_add(row1, ui_button_new(t->order, UI_BUTTON_PRIMARY));
    ui_button_set_icon(order, UI_ICON_PLUS);
    ui_widget_add(row1, ui_button_new(t->cancel, UI_BUTTON_SECONDARY));
    struct ui_widget *back = ui_widget_add(row1, ui_button_new(t->back, UI_BUTTON_GHOST));
    ui_button_set_icon(back, UI_ICON_ARROW_BACK);
    struct ui_widget *row2 = ui_widget_add(root, ui_row_new(20));
    g->pressed = ui_widget_add(row2, ui_button_new(t->pressed, UI_BUTTON_PRIMARY));
    g->focused = ui_widget_add(row2, ui_button_new(t->focused, UI_BUTTON_SECONDARY));
    struct ui_widget *sold = ui_widget_add(row2, ui_button_new(t->sold_out, UI_BUTTON_PRIMARY));
    ui_widget_set_enabled(sold, false);
    ui_widget_add(row2, ui_button_new(t->pay, UI_BUTTON_PRIMARY));

    ui_widget_add(root, heading(t->menu));
    struct ui_widget *cards = ui_widget_add(root, ui_grid_new(3, 24));
    const char *picture = test_picture();
    ui_widget_add(cards, ui_card_new(&(struct ui_card_content){picture, "برجر دجاج مشوي",
                                                               "مع صوص الثوم والخس", RIYAL " 18.50",
                                                               t->badge_new}));
    ui_widget_add(cards, ui_card_new(&(struct ui_card_content){
                             picture, t->card2_title, t->card2_sub, RIYAL " 24.00", "-20%"}));
    ui_widget_add(cards, ui_card_new(&(struct ui_card_content){NULL, t->card3_title, t->card3_sub,
                                                               RIYAL " 9.00", NULL}));

    struct ui_widget *lower = ui_widget_add(root, ui_row_new(48));
    ui_container_set_align(lower, UI_ALIGN_START);
    struct ui_widget *left = ui_widget_add(lower, ui_column_new(24));
    ui_widget_set_size(left, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(left, heading(t->status));
    struct ui_widget *quantity = ui_widget_add(left, ui_row_new(24));
    ui_widget_add(quantity, ui_stepper_new(1, 9, 2));
    ui_widget_add(quantity, ui_spinner_new(64));
    struct ui_widget *badges = ui_widget_add(left, ui_row_new(12));
    ui_widget_add(badges, ui_badge_new(t->badge_new, UI_BADGE_ACCENT));
    ui_widget_add(badges, ui_badge_new("-20%", UI_BADGE_DANGER));
    ui_widget_add(badges, ui_badge_new("3", UI_BADGE_PRIMARY));
    ui_widget_add(badges, ui_badge_new(t->halal, UI_BADGE_SUCCESS));
    struct ui_widget *bar = ui_widget_add(left, ui_progress_new());
    ui_progress_set_value(bar, 600);

    struct ui_widget *right = ui_widget_add(lower, ui_column_new(24));
    ui_widget_set_size(right, 440, UI_SIZE_AUTO);
    ui_widget_add(right, heading(t->pin));
    g->keypad = ui_widget_add(right, ui_keypad_new(UI_KEYPAD_PIN, 4, 4, t->ok));
    if (t == &arabic)
        ui_keypad_set_digits(g->keypad, UI_DIGITS_ARABIC_INDIC);
    return root;
}

/* Renders the gallery (or the dialog) of words in dir and returns the target. */
static struct ui_render_png *render(const struct words *t, enum ui_dir dir, bool dialog,
                                    const struct ui_theme *theme)
{
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    struct ui_render_png *rp = ui_render_png_new(SCREEN_W, SCREEN_H, fonts, theme);
    if (!rp)
        return NULL;
    struct ui_tree *tree = ui_render_png_tree(rp);
    ui_tree_set_dir(tree, dir);
    struct gallery g;
    ui_tree_set_root(tree, build_gallery(t, &g));
    ui_tree_update(tree, 1000);
    /* Two PIN digits tapped, a held press and the keyboard focus, through the real input path. */
    struct ui_widget *keys = ui_widget_child(g.keypad, 1);
    for (int i = 0; i < 2; i++) {
        SDL_Rect k = ui_widget_rect(ui_widget_child(keys, i == 0 ? 0 : 6)); /* 1, then 7 */
        ui_input_pointer(tree, UI_POINTER_DOWN, k.x + k.w / 2, k.y + k.h / 2, 1000);
        ui_input_pointer(tree, UI_POINTER_UP, k.x + k.w / 2, k.y + k.h / 2, 1050);
    }
    SDL_Rect p = ui_widget_rect(g.pressed);
    ui_input_pointer(tree, UI_POINTER_DOWN, p.x + p.w / 2, p.y + p.h / 2, 1000);
    ui_tree_set_focus(tree, g.focused);
    ui_input_key(tree, UI_KEY_ESCAPE, 1000);
    if (dialog) {
        ui_input_pointer(tree, UI_POINTER_CANCEL, 0, 0, 1000);
        struct ui_widget *d = ui_dialog_new(t->dlg_title, t->dlg_message);
        ui_dialog_add_button(d, t->dlg_yes, UI_BUTTON_SECONDARY);
        ui_dialog_add_button(d, t->dlg_no, UI_BUTTON_PRIMARY);
        ui_tree_open_overlay(tree, d);
    } else {
        ui_toast_show(tree, t->toast, 3000);
    }
    /* 1000 ms on: the progress bar and the toast have arrived; the spinner is mid-turn. */
    ui_tree_update(tree, 1600);
    ui_render_png_frame(rp, 2000);
    return rp;
}

static void check_golden(const char *name, const struct words *t, enum ui_dir dir, bool dialog,
                         bool contrast)
{
    struct ui_theme theme;
    ui_theme_defaults(&theme);
    theme.high_contrast = theme.large_text = contrast;
    struct ui_render_png *rp = render(t, dir, dialog, &theme);
    CHECK(rp != NULL);
    char file[256], ref[4096], out[4096];
    snprintf(file, sizeof file, "%s.png", name);
    snprintf(ref, sizeof ref, "%s/tests/golden/widgets/%s", check_source_dir(), file);
    snprintf(out, sizeof out, "%s", check_path(check_tmp_dir(), file));
    bool saved = ui_render_png_save(rp, out);
    const char *update = getenv("KIOSK_UPDATE_GOLDEN");
    if (update && update[0] == '1') {
        bool written = ui_render_png_save(rp, ref);
        ui_render_png_free(rp);
        CHECK(saved && written);
        fprintf(stderr, "  updated %s\n", ref);
        return;
    }
    SDL_Surface *s = ui_render_png_surface(rp);
    int rw = 0, rh = 0;
    uint8_t *expected = ui_png_read(ref, &rw, &rh);
    long differ = 0;
    int first_x = -1, first_y = -1;
    if (expected && rw == s->w && rh == s->h) {
        for (int y = 0; y < s->h; y++) {
            const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * s->pitch;
            for (int x = 0; x < s->w; x++) {
                if (memcmp(row + 4 * x, expected + ((size_t)y * rw + x) * 4, 4) != 0) {
                    if (differ++ == 0) {
                        first_x = x;
                        first_y = y;
                    }
                }
            }
        }
    }
    bool match = expected && rw == s->w && rh == s->h && differ == 0;
    if (!match) {
        char err[4096];
        snprintf(err, sizeof err, "%s/%s_err.png", check_tmp_dir(), name);
        ui_render_png_save(rp, err);
        fprintf(stderr, "  %s: %s; %ld pixels differ (first at %d,%d); rendering in %s\n", name,
                expected ? "differs from the reference" : "no reference (KIOSK_UPDATE_GOLDEN=1)",
                differ, first_x, first_y, err);
    }
    free(expected);
    ui_render_png_free(rp);
    CHECK(saved);
    CHECK(match);
}

static void test_gallery_ltr(void)
{
    check_golden("gallery_ltr", &english, UI_DIR_LTR, false, false);
}

static void test_gallery_rtl(void)
{
    check_golden("gallery_rtl", &arabic, UI_DIR_RTL, false, false);
}

static void test_dialog_ltr(void)
{
    check_golden("dialog_ltr", &english, UI_DIR_LTR, true, false);
}

static void test_dialog_rtl(void)
{
    check_golden("dialog_rtl", &arabic, UI_DIR_RTL, true, false);
}

static void test_gallery_high_contrast_large_text(void)
{
    check_golden("gallery_contrast_rtl", &arabic, UI_DIR_RTL, false, true);
}

static const struct check_case cases[] = {
    {"gallery, English, left to right", test_gallery_ltr},
    {"gallery, Arabic, right to left", test_gallery_rtl},
    {"dialog over the gallery, English", test_dialog_ltr},
    {"dialog over the gallery, Arabic", test_dialog_rtl},
    {"gallery, high contrast and large text, Arabic", test_gallery_high_contrast_large_text},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
