/*
 * Drawing through the software renderer, headless: only dirty areas are
 * redrawn (and counted), state shows in pixels, screens slide and the old
 * one is freed, toasts leave by themselves, pictures load (in the
 * background too) and the picture cache keeps a frame's pictures, long
 * shadows come from a compact sheet, the kiosk window keeps its quit policy, and its pixels
 * hold a whole frame before it is presented.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/images.h"
#include "ui/input.h"
#include "ui/png.h"
#include "ui/render_png.h"
#include "ui/w_button.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_scroll.h"
#include "ui/w_spinner.h"
#include "ui/w_toast.h"
#include "ui/w_container_class.h" /* a screen class that counts its frees */
#include "ui/window.h"

#define W 600
#define H 800

static struct ui_theme theme;

static struct ui_render_png *target(void)
{
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    ui_theme_defaults(&theme);
    return ui_render_png_new(W, H, fonts, &theme);
}

/* The colour at x, y of a 32-bit surface of any pixel format. */
static SDL_Color surface_pixel(const SDL_Surface *s, int x, int y)
{
    const uint8_t *p = (const uint8_t *)s->pixels + (size_t)y * s->pitch + (size_t)x * 4;
    SDL_Color c;
    SDL_GetRGBA(*(const Uint32 *)(const void *)p, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static SDL_Color pixel(struct ui_render_png *rp, int x, int y)
{
    return surface_pixel(ui_render_png_surface(rp), x, y);
}

static bool equal(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static bool same(SDL_Color a, SDL_Color b)
{
    if (equal(a, b))
        return true;
    fprintf(stderr, "  colour %02x%02x%02x%02x, expected %02x%02x%02x%02x\n", a.r, a.g, a.b, a.a,
            b.r, b.g, b.b, b.a);
    return false;
}

static struct ui_widget *screen(void)
{
    struct ui_widget *root = ui_column_new(20);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_widget_set_padding_all(root, 40);
    ui_container_set_align(root, UI_ALIGN_START);
    return root;
}

static void test_only_dirty_areas_redrawn(void)
{
    struct ui_render_png *rp = target();
    CHECK(rp != NULL);
    struct ui_tree *t = ui_render_png_tree(rp);
    struct ui_widget *root = screen();
    struct ui_widget *b = ui_widget_add(root, ui_button_new("Pay", UI_BUTTON_PRIMARY));
    ui_widget_set_size(b, 240, 96);
    ui_tree_set_root(t, root);
    struct ui_frame_stats st;
    ui_tree_update(t, 0);
    CHECK(ui_tree_render(t, &st));
    CHECK_EQ_INT(st.pixels, W * H); /* the first frame is everything */
    ui_tree_update(t, 16);
    CHECK(!ui_tree_render(t, &st)); /* nothing changed: nothing drawn */
    CHECK_EQ_INT(st.pixels, 0);
    SDL_Rect r = ui_widget_rect(b);
    CHECK_EQ_INT(r.x, 40);
    CHECK_EQ_INT(r.y, 40);
    CHECK(same(pixel(rp, r.x + 8, r.y + r.h / 2), ui_theme_color(&theme, UI_COLOR_PRIMARY)));
    /* Pressing redraws the button's 240 x 96 and nothing else. */
    ui_input_pointer(t, UI_POINTER_DOWN, r.x + 20, r.y + 20, 32);
    ui_tree_update(t, 32);
    CHECK(ui_tree_render(t, &st));
    CHECK_EQ_INT(st.areas, 1);
    CHECK_EQ_INT(st.pixels, 240 * 96);
    SDL_Color dark =
        ui_color_mix(ui_theme_color(&theme, UI_COLOR_PRIMARY), (SDL_Color){0, 0, 0, 255}, 56);
    CHECK(same(pixel(rp, r.x + 8, r.y + r.h / 2), dark));
    ui_input_pointer(t, UI_POINTER_UP, r.x + 20, r.y + 20, 48);
    ui_tree_update(t, 48);
    CHECK(ui_tree_render(t, &st));
    CHECK_EQ_INT(st.pixels, 240 * 96);
    /* The keyboard's focus ring: the button plus the ring's 4 + 4 px on each side. */
    ui_input_key(t, UI_KEY_TAB, 64);
    ui_tree_update(t, 64);
    CHECK(ui_tree_render(t, &st));
    CHECK_EQ_INT(st.pixels, (240 + 16) * (96 + 16));
    CHECK(same(pixel(rp, r.x + r.w / 2, r.y - 6), ui_theme_color(&theme, UI_COLOR_FOCUS)));
    ui_render_png_free(rp);
}

/* Scrolling redraws the viewport only; a spinner redraws itself every frame. */
static void test_scroll_and_spinner_damage(void)
{
    struct ui_render_png *rp = target();
    CHECK(rp != NULL);
    struct ui_tree *t = ui_render_png_tree(rp);
    struct ui_widget *root = screen();
    struct ui_widget *spin = ui_widget_add(root, ui_spinner_new(64));
    struct ui_widget *scroll = ui_widget_add(root, ui_scroll_new());
    ui_widget_set_size(scroll, 400, 300);
    struct ui_widget *list = ui_widget_add(scroll, ui_column_new(10));
    for (int i = 0; i < 10; i++)
        ui_widget_add(list, ui_button_new("Item", UI_BUTTON_SECONDARY));
    ui_tree_set_root(t, root);
    ui_tree_update(t, 0);
    struct ui_frame_stats st;
    ui_tree_render(t, &st);
    /* At 0 ms the arc starts at twelve o'clock; at 250 ms at three: the top and right change. */
    SDL_Color top = pixel(rp, 40 + 32, 40 + 3), right = pixel(rp, 40 + 60, 40 + 32);
    ui_tree_update(t, 250);
    CHECK(ui_tree_render(t, &st));
    CHECK_EQ_INT(st.pixels, 64 * 64);
    CHECK(ui_widget_rect(spin).w == 64);
    CHECK(!equal(pixel(rp, 40 + 32, 40 + 3), top) || !equal(pixel(rp, 40 + 60, 40 + 32), right));
    /*
     * Scrolling 120 px moves the other 180 rows of the 400 x 300 view and
     * redraws the 120 uncovered ones, the indicator's 6 px column (which
     * overlaps them) and the spinner: three areas.
     */
    ui_scroll_set_offset(scroll, 120);
    ui_tree_update(t, 500);
    CHECK(ui_tree_render(t, &st));
    CHECK_EQ_INT(st.moved, 400 * 180);
    CHECK_EQ_INT(st.pixels, 64 * 64 + 400 * 120 + 6 * 300);
    CHECK_EQ_INT(st.areas, 3);
    ui_render_png_free(rp);
}

static struct ui_widget *long_list(struct ui_widget **scroll)
{
    struct ui_widget *root = screen();
    ui_widget_add(root, ui_button_new("Above", UI_BUTTON_PRIMARY));
    *scroll = ui_widget_add(root, ui_scroll_new());
    ui_widget_set_size(*scroll, 500, 500);
    struct ui_widget *list = ui_widget_add(*scroll, ui_column_new(16));
    for (int i = 0; i < 30; i++) {
        char label[32];
        snprintf(label, sizeof label, "Item %d", i);
        ui_widget_add(list, ui_button_new(label, i % 3 ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY));
    }
    return root;
}

static long rows_differing(struct ui_render_png *a, struct ui_render_png *b)
{
    SDL_Surface *sa = ui_render_png_surface(a), *sb = ui_render_png_surface(b);
    long differ = 0;
    for (int y = 0; y < H; y++)
        differ += memcmp((Uint8 *)sa->pixels + (size_t)y * sa->pitch,
                         (Uint8 *)sb->pixels + (size_t)y * sb->pitch, (size_t)W * 4) != 0;
    return differ;
}

/* Every frame scrolled by moving pixels is exactly the picture a full redraw makes. */
static void test_scrolled_pixels_match_full_redraw(void)
{
    struct ui_render_png *moved = target(), *full = target();
    CHECK(moved && full);
    struct ui_widget *scroll_a, *scroll_b;
    struct ui_tree *ta = ui_render_png_tree(moved), *tb = ui_render_png_tree(full);
    ui_tree_set_root(ta, long_list(&scroll_a));
    ui_tree_set_root(tb, long_list(&scroll_b));
    ui_tree_update(ta, 0);
    ui_tree_update(tb, 0);
    ui_tree_render(ta, NULL);
    /* Down and back, small and large steps, up to the end and past it. */
    static const int steps[] = {37, 80, 120, 5, 211, -60, -3, 499, -1, 700, -2000};
    int64_t moved_px = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        ui_scroll_set_offset(scroll_a, ui_scroll_offset(scroll_a) + steps[i]);
        ui_tree_update(ta, 16 * (i + 1));
        struct ui_frame_stats st;
        ui_tree_render(ta, &st);
        moved_px += st.moved;
        ui_scroll_set_offset(scroll_b, ui_scroll_offset(scroll_a));
        CHECK(ui_render_png_frame(full, 16 * (i + 1)));
        long differ = rows_differing(moved, full);
        if (differ) {
            fprintf(stderr, "  step %zu (offset %d): %ld rows differ\n", i,
                    ui_scroll_offset(scroll_a), differ);
            ui_render_png_save(moved, check_path(check_tmp_dir(), "scrolled_moved_err.png"));
            ui_render_png_save(full, check_path(check_tmp_dir(), "scrolled_full.png"));
        }
        CHECK_EQ_INT(differ, 0);
    }
    CHECK(moved_px > 0);
    ui_render_png_free(moved);
    ui_render_png_free(full);
}

/* Pixels are not moved under something drawn over the view: the view is redrawn instead. */
static void test_scroll_under_overlay_redraws(void)
{
    struct ui_render_png *rp = target();
    CHECK(rp != NULL);
    struct ui_tree *t = ui_render_png_tree(rp);
    struct ui_widget *scroll;
    ui_tree_set_root(t, long_list(&scroll));
    ui_tree_update(t, 0);
    ui_tree_render(t, NULL);
    struct ui_widget *cover = ui_stack_new();
    ui_container_set_background(cover, UI_COLOR_SCRIM, 0);
    CHECK(ui_tree_open_overlay(t, cover));
    ui_tree_update(t, 16);
    ui_tree_render(t, NULL);
    ui_scroll_set_offset(scroll, 50);
    ui_tree_update(t, 32);
    struct ui_frame_stats st;
    CHECK(ui_tree_render(t, &st));
    CHECK_EQ_INT(st.moved, 0);
    CHECK_EQ_INT(st.pixels, 500 * 500);
    ui_render_png_free(rp);
}

static int destroyed;

static void count_destroy(struct ui_widget *w)
{
    destroyed++;
}

static const struct ui_widget_class tracked_class = {
    .name = "tracked",
    .base = &ui_container_class,
    .size = sizeof(struct ui_container),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = ui_container_draw,
    .destroy = count_destroy,
};

static struct ui_widget *tracked_screen(enum ui_color_role bg)
{
    struct ui_widget *w = ui_widget_new(&tracked_class);
    ui_container_init(w, UI_LAYOUT_COLUMN, 0);
    ui_container_set_background(w, bg, 0);
    return w;
}

/* A 300 ms slide in a 600 px wide tree: eased in-out, halfway at 150 ms. */
static void test_slide_transition(void)
{
    destroyed = 0;
    struct ui_render_png *rp = target();
    CHECK(rp != NULL);
    struct ui_tree *t = ui_render_png_tree(rp);
    struct ui_widget *first = tracked_screen(UI_COLOR_BACKGROUND);
    ui_tree_set_root(t, first);
    ui_tree_update(t, 1000);
    struct ui_widget *second = tracked_screen(UI_COLOR_PRIMARY);
    CHECK(ui_tree_transition(t, second, UI_TRANSITION_SLIDE_FORWARD, 300));
    CHECK(ui_tree_in_transition(t));
    ui_tree_update(t, 1150);
    CHECK_EQ_INT(ui_widget_rect(first).x, -300);
    CHECK_EQ_INT(ui_widget_rect(second).x, 300);
    ui_tree_render(t, NULL);
    CHECK(same(pixel(rp, 100, 400), ui_theme_color(&theme, UI_COLOR_BACKGROUND)));
    CHECK(same(pixel(rp, 500, 400), ui_theme_color(&theme, UI_COLOR_PRIMARY)));
    CHECK_EQ_INT(destroyed, 0);
    ui_tree_update(t, 1300);
    CHECK(!ui_tree_in_transition(t));
    CHECK_EQ_INT(destroyed, 1); /* the old screen is gone */
    CHECK_EQ_INT(ui_widget_rect(second).x, 0);
    ui_tree_render(t, NULL);
    CHECK(same(pixel(rp, 100, 400), ui_theme_color(&theme, UI_COLOR_PRIMARY)));
    /* Replacing the root frees the old one at the next update. */
    ui_tree_set_root(t, tracked_screen(UI_COLOR_SURFACE));
    CHECK_EQ_INT(destroyed, 1);
    ui_tree_update(t, 1316);
    CHECK_EQ_INT(destroyed, 2);
    /* Fading through the background: at half time the veil is opaque. */
    CHECK(ui_tree_transition(t, tracked_screen(UI_COLOR_PRIMARY), UI_TRANSITION_FADE, 200));
    ui_tree_update(t, 1416);
    ui_tree_render(t, NULL);
    CHECK(same(pixel(rp, 300, 400), ui_theme_color(&theme, UI_COLOR_BACKGROUND)));
    ui_tree_update(t, 1516);
    ui_tree_render(t, NULL);
    CHECK(same(pixel(rp, 300, 400), ui_theme_color(&theme, UI_COLOR_PRIMARY)));
    CHECK_EQ_INT(destroyed, 3); /* the faded-out screen */
    ui_render_png_free(rp);
    CHECK_EQ_INT(destroyed, 4);
}

static void test_toast_leaves(void)
{
    struct ui_render_png *rp = target();
    CHECK(rp != NULL);
    struct ui_tree *t = ui_render_png_tree(rp);
    ui_tree_set_root(t, screen());
    ui_tree_update(t, 0);
    CHECK(ui_toast_show(t, "Saved", 1000));
    SDL_Color bg = ui_theme_color(&theme, UI_COLOR_BACKGROUND);
    SDL_Color pill = ui_theme_color(&theme, UI_COLOR_TEXT);
    ui_tree_update(t, 16);
    ui_tree_update(t, 500);
    ui_tree_render(t, NULL);
    /* The pill's middle, at the bottom centre, clear of its text's ends. */
    int y = H - 48 - 20;
    CHECK(equal(pixel(rp, W / 2 - 60, y), pill) || equal(pixel(rp, W / 2 + 60, y), pill));
    ui_tree_update(t, 1000);
    ui_tree_update(t, 1016);
    ui_tree_render(t, NULL);
    CHECK(same(pixel(rp, W / 2 - 60, y), bg));
    CHECK(same(pixel(rp, W / 2 + 60, y), bg));
    ui_render_png_free(rp);
}

/* A 40 x 30 picture of one colour, written by the test. */
static const char *solid_picture(void)
{
    static char path[4096];
    uint8_t px[40 * 30 * 4];
    for (int i = 0; i < 40 * 30; i++) {
        px[4 * i] = 0x33;
        px[4 * i + 1] = 0x66;
        px[4 * i + 2] = 0x99;
        px[4 * i + 3] = 0xFF;
    }
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "solid.png"));
    return ui_png_write(path, px, 40, 30, 40 * 4) ? path : NULL;
}

static void test_images(void)
{
    const char *path = solid_picture();
    CHECK(path != NULL);
    struct ui_render_png *rp = target();
    CHECK(rp != NULL);
    struct ui_tree *t = ui_render_png_tree(rp);
    struct ui_widget *root = screen();
    struct ui_widget *img = ui_widget_add(root, ui_image_new(path, UI_IMAGE_COVER));
    ui_widget_set_size(img, 200, 150);
    ui_image_set_radius(img, UI_RADIUS_IMAGE);
    struct ui_widget *missing =
        ui_widget_add(root, ui_image_new("/nonexistent.png", UI_IMAGE_CONTAIN));
    ui_widget_set_size(missing, 100, 100);
    ui_tree_set_root(t, root);
    CHECK(ui_render_png_frame(rp, 0));
    CHECK(same(pixel(rp, 40 + 100, 40 + 75), (SDL_Color){0x33, 0x66, 0x99, 0xFF}));
    /* The corner pixel is outside the rounded outline: the backdrop shows. */
    CHECK(same(pixel(rp, 40, 40), ui_theme_color(&theme, UI_COLOR_BACKGROUND)));
    CHECK(
        same(pixel(rp, 40 + 50, 40 + 150 + 20 + 50), ui_theme_color(&theme, UI_COLOR_SURFACE_ALT)));
    ui_render_png_free(rp);

    /* In the background: loading, then ready after a wait. */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    struct ui_images *im = ui_images_new(r, 0, true);
    CHECK(im != NULL);
    enum ui_image_status status;
    CHECK(ui_images_get(im, path, 20, 20, UI_IMAGE_CONTAIN, &status) == NULL);
    CHECK_EQ_INT(status, UI_IMAGE_LOADING);
    ui_images_wait(im);
    SDL_Texture *tex = ui_images_get(im, path, 20, 20, UI_IMAGE_CONTAIN, &status);
    CHECK_EQ_INT(status, UI_IMAGE_READY);
    int tw, th;
    SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
    CHECK_EQ_INT(tw, 20); /* 40 x 30 contained in 20 x 20: 20 x 15 */
    CHECK_EQ_INT(th, 15);
    ui_images_get(im, "/nonexistent.png", 20, 20, UI_IMAGE_CONTAIN, &status);
    ui_images_wait(im);
    CHECK(ui_images_get(im, "/nonexistent.png", 20, 20, UI_IMAGE_CONTAIN, &status) == NULL);
    CHECK_EQ_INT(status, UI_IMAGE_FAILED);
    ui_images_free(im);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The picture cache holds a quarter of a screen of pictures, from the tree's size. */
static void test_picture_budget_follows_the_screen(void)
{
    CHECK(ui_images_screen_budget(1080, 1920) == (size_t)1080 * 1920);
    CHECK(ui_images_screen_budget(1920, 1080) == (size_t)1080 * 1920);
    CHECK(ui_images_screen_budget(100, 100) == (size_t)1024 * 1024); /* the floor */
    CHECK(ui_images_screen_budget(0, 1920) == (size_t)12 * 1024 * 1024);
    CHECK(ui_images_screen_budget(-1, -1) == (size_t)12 * 1024 * 1024);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    ui_theme_defaults(&theme);
    struct ui_text *text = r ? ui_text_new(fonts, r, NULL) : NULL;
    struct ui_tree *screen = text ? ui_tree_new(r, text, &theme, 800, 1280, NULL) : NULL;
    const struct ui_tree_config fixed = {.image_budget = 3u * 1024 * 1024};
    struct ui_tree *chosen = text ? ui_tree_new(r, text, &theme, 800, 1280, &fixed) : NULL;
    struct ui_cache_stats from_screen = {0}, from_config = {0};
    if (screen && chosen) {
        ui_images_stats(ui_tree_images(screen), &from_screen);
        ui_images_stats(ui_tree_images(chosen), &from_config);
    }
    ui_tree_free(chosen);
    ui_tree_free(screen);
    ui_text_free(text);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    CHECK(from_screen.budget == (size_t)1024 * 1024); /* 800 x 1280 bytes: under the floor */
    CHECK(from_config.budget == (size_t)3 * 1024 * 1024);
}

/*
 * A frame that shows more pictures than the budget keeps them all (the
 * budget grows to the frame's); the next frame's new pictures evict the
 * least recent of the ones before.
 */
static void test_picture_budget_holds_a_frame(void)
{
    const char *path = solid_picture();
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    const size_t picture = 100 * 100 * 4, budget = 2 * picture;
    struct ui_images *im = r && path ? ui_images_new(r, budget, false) : NULL;
    CHECK(im != NULL);
    struct ui_cache_stats st = {0};
    if (im) {
        ui_images_frame_begin(im);
        for (int size = 100; size < 105; size++) /* five pictures of about 40 KB */
            CHECK(ui_images_get(im, path, size, 100, UI_IMAGE_COVER, NULL) != NULL);
        ui_images_stats(im, &st);
        CHECK_EQ_INT((int)st.evictions, 0);
        CHECK_EQ_INT((int)st.entries, 5);
        CHECK(st.budget >= 5 * picture);
        size_t grown = st.budget;
        for (int size = 100; size < 105; size++) /* asked again in the same frame: all kept */
            CHECK(ui_images_get(im, path, size, 100, UI_IMAGE_COVER, NULL) != NULL);
        ui_images_frame_begin(im);
        CHECK(ui_images_get(im, path, 110, 100, UI_IMAGE_COVER, NULL) != NULL);
        ui_images_stats(im, &st);
        CHECK_EQ_INT((int)st.misses, 6);
        CHECK(st.evictions >= 1); /* a new frame's picture: the oldest goes */
        CHECK(st.budget == grown);
    }
    ui_images_free(im);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* Pixels of row y of s from x0, n of them, compared with row y2 from x2. */
static bool rows_equal(const SDL_Surface *s, int y, int x0, int y2, int x2, int n)
{
    for (int i = 0; i < n; i++)
        if (!equal(surface_pixel(s, x0 + i, y), surface_pixel(s, x2 + i, y2)))
            return false;
    return true;
}

/*
 * A shadow is drawn from a compact sheet: a long shadow's ends are those
 * of a short one, its middle rows are all one row, and its middle columns
 * one column. (The golden screens check its pixels exactly.)
 */
static void test_long_shadow_from_a_compact_sheet(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 900, 1000, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    struct ui_draw *d = r ? ui_draw_new(r) : NULL;
    CHECK(d != NULL);
    if (!d) {
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(s);
        return;
    }
    SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 0xF0, 0xF0, 0xF0, 0xFF));
    const int radius = 24, blur = 20, dy = 6;
    const SDL_Color c = {0x10, 0x20, 0x30, 0x50};
    SDL_Rect tall = {40, 40, 400, 900}, tiny = {500, 40, 300, 200};
    CHECK(ui_draw_shadow(d, tall, radius, blur, dy, c, false));
    CHECK(ui_draw_shadow(d, tiny, radius, blur, dy, c, false));
    SDL_RenderFlush(r);
    int edge = 2 * radius + 2 * blur + 8; /* rows from the sheet's top that differ */
    bool ends = true, middle = true;
    for (int y = 0; y < edge; y++) {
        int top = tall.y + dy - blur + y, bottom_tall = tall.y + tall.h + dy + blur - 1 - y,
            bottom_tiny = tiny.y + tiny.h + dy + blur - 1 - y;
        /* The top and bottom left corners, and the top right one. */
        ends = ends && rows_equal(s, top, tall.x - blur, top, tiny.x - blur, edge) &&
               rows_equal(s, bottom_tall, tall.x - blur, bottom_tiny, tiny.x - blur, edge) &&
               rows_equal(s, top, tall.x + tall.w + blur - edge, top, tiny.x + tiny.w + blur - edge,
                          edge);
    }
    int mid = tall.y + tall.h / 2;
    for (int y = tall.y + edge; y < tall.y + tall.h - edge && middle; y++)
        middle = rows_equal(s, y, tall.x - blur, mid, tall.x - blur, tall.w + 2 * blur);
    for (int x = tall.x + edge; x < tall.x + tall.w - edge && middle; x++)
        middle = equal(surface_pixel(s, x, tall.y + dy - blur + 3),
                       surface_pixel(s, tall.x + tall.w / 2, tall.y + dy - blur + 3));
    CHECK(ends);
    CHECK(middle);
    /* Inside, the shadow is its colour over the backdrop; outside the blur, the backdrop. */
    CHECK(!equal(surface_pixel(s, mid, tall.x + 200), surface_pixel(s, 5, 5)));
    CHECK(same(surface_pixel(s, tall.x - blur - 1, mid), surface_pixel(s, 5, 5)));
    ui_draw_free(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

static void window_modes(const char *driver)
{
    setenv("SDL_VIDEODRIVER", driver, 1);
    SDL_Event quit = {.type = SDL_QUIT};
    struct ui_window_config kiosk = {.kiosk = true, .orientation = UI_ORIENTATION_PORTRAIT};
    struct ui_window *win = ui_window_new(&kiosk);
    if (!win)
        fprintf(stderr, "  %s\n", SDL_GetError());
    CHECK(win != NULL);
    CHECK_EQ_INT(ui_window_width(win), 1080);
    CHECK_EQ_INT(ui_window_height(win), 1920);
    CHECK(ui_window_is_software(win));
    CHECK(!ui_window_should_quit(win, &quit)); /* Alt+F4 and friends do nothing */
    ui_window_free(win);
    kiosk.allow_quit = true;
    kiosk.orientation = UI_ORIENTATION_LANDSCAPE;
    win = ui_window_new(&kiosk);
    CHECK(win != NULL);
    CHECK_EQ_INT(ui_window_width(win), 1920);
    CHECK(ui_window_should_quit(win, &quit));
    ui_window_free(win);
    struct ui_window_config dev = {.orientation = UI_ORIENTATION_PORTRAIT};
    win = ui_window_new(&dev);
    CHECK(win != NULL);
    CHECK(ui_window_should_quit(win, &quit));
    SDL_Event key = {.type = SDL_KEYDOWN};
    CHECK(!ui_window_should_quit(win, &key));
    /* Half size: scaled, so its pixels are not the tree's. */
    CHECK(ui_window_surface(win) == NULL);
    ui_window_free(win);
    dev.window_percent = 100;
    win = ui_window_new(&dev);
    CHECK(win != NULL);
    SDL_Surface *s = ui_window_surface(win);
    CHECK(s != NULL && s->w == 1080 && s->h == 1920);
    /* Offscreen, the renderer draws into the kiosk's own mapping, not a buffer of SDL's
     * window that SDL would clear first on the main thread (ui/window.c, own_buffer). */
    bool offscreen = strcmp(driver, "offscreen") == 0;
    CHECK((SDL_RenderGetWindow(ui_window_renderer(win)) == NULL) == offscreen);
    ui_window_free(win);
}

static void test_window_modes(void)
{
    window_modes("offscreen");
    window_modes("dummy");
}

/*
 * The kiosk's own window (its renderer chosen by SDL, so draws are batched)
 * read back before any present, as a script's screenshot does: the frame
 * ui_tree_render drew must be in its pixels, not only the part SDL happened
 * to carry out (a glyph page or the arc mask changing mid-frame), over the
 * previous frame.
 */
static void test_window_pixels_hold_the_frame(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    /* SDL's default for such a renderer, said so that the environment cannot change it. */
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1");
    struct ui_window_config wc = {.orientation = UI_ORIENTATION_PORTRAIT, .window_percent = 100};
    struct ui_window *win = ui_window_new(&wc);
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    ui_theme_defaults(&theme);
    struct ui_text *text = win ? ui_text_new(fonts, ui_window_renderer(win), NULL) : NULL;
    struct ui_tree *t = text ? ui_tree_new(ui_window_renderer(win), text, &theme,
                                           ui_window_width(win), ui_window_height(win), NULL)
                             : NULL;
    SDL_Surface *s = ui_window_surface(win);
    bool made = t && s, drew = false;
    SDL_Color presented = {0}, drawn = {0};
    if (made) {
        ui_tree_set_pixels(t, s);
        ui_tree_set_root(t, tracked_screen(UI_COLOR_BACKGROUND));
        ui_tree_update(t, 0);
        drew = ui_tree_render(t, NULL);
        ui_window_present(win, t);
        presented = surface_pixel(s, 40, s->h - 40);
        /* The next frame, not presented. */
        ui_tree_set_root(t, tracked_screen(UI_COLOR_PRIMARY));
        ui_tree_update(t, 16);
        drew = ui_tree_render(t, NULL) && drew;
        drawn = surface_pixel(s, 40, s->h - 40);
    }
    ui_tree_free(t);
    ui_text_free(text);
    ui_window_free(win);
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, NULL);
    CHECK(made);
    CHECK(drew);
    CHECK(same(presented, ui_theme_color(&theme, UI_COLOR_BACKGROUND)));
    CHECK(same(drawn, ui_theme_color(&theme, UI_COLOR_PRIMARY)));
}

/*
 * Scaled (the development window: 1080 x 1920 drawn into 486 x 864), the
 * pieces of a rounded fill meet on the window's pixels: no pixel inside it,
 * away from its corners, keeps the backdrop (it showed as thin lines).
 */
static void test_scaled_fill_leaves_no_seams(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 486, 864, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    struct ui_draw *d = r ? ui_draw_new(r) : NULL;
    CHECK(d != NULL);
    CHECK_EQ_INT(SDL_RenderSetLogicalSize(r, 1080, 1920), 0);
    ui_draw_set_pixels(d, s); /* scaled: every fill still goes through SDL */
    const SDL_Color green = {0x0b, 0x6e, 0x4f, 0xFF}, white = {0xFF, 0xFF, 0xFF, 0xFF};
    int seams = 0;
    /* Many positions, sizes and radii, so that edges fall at every fraction of a pixel. */
    for (int i = 0; i < 40; i++) {
        SDL_Rect box = {37 + 7 * i, 101 + 13 * i, 300 + 11 * i, 200 + 5 * i};
        int radius = 20 + 3 * i;
        CHECK(ui_draw_fill(d, (SDL_Rect){0, 0, 1080, 1920}, green));
        CHECK(ui_draw_round_fill(d, box, radius, white));
        SDL_RenderFlush(r);
        /* The window's pixels well inside the box, where every piece meets. */
        int x0 = (box.x + radius) * 486 / 1080 - 2, x1 = (box.x + box.w - radius) * 486 / 1080 + 2;
        int y0 = (box.y + 2) * 864 / 1920 + 1, y1 = (box.y + box.h - 2) * 864 / 1920 - 1;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++) {
                const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch + x * 4;
                seams += p[0] != 0xFF || p[1] != 0xFF || p[2] != 0xFF;
            }
    }
    CHECK_EQ_INT(seams, 0);
    ui_draw_free(d);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The same fills, blends, clip rectangles and viewports on r through d. */
static void draw_fill_sequence(SDL_Renderer *r, struct ui_draw *d)
{
    const SDL_Color green = {0x0b, 0x6e, 0x4f, 0xFF}, white = {0xFF, 0xFF, 0xFF, 0xFF},
                    veil = {0x20, 0x40, 0x80, 0x80}, red = {0xc0, 0x10, 0x20, 0xFF};
    CHECK(ui_draw_fill(d, (SDL_Rect){0, 0, 300, 200}, green));
    /* A blend batched before an opaque fill over it lands first. */
    CHECK(ui_draw_fill(d, (SDL_Rect){10, 10, 100, 80}, veil));
    CHECK(ui_draw_fill(d, (SDL_Rect){50, 40, 100, 80}, white));
    CHECK(ui_draw_fill(d, (SDL_Rect){-20, 150, 400, 90}, red)); /* off three edges */
    SDL_RenderSetClipRect(r, &(SDL_Rect){100, 20, 60, 50});
    CHECK(ui_draw_fill(d, (SDL_Rect){80, 0, 200, 60}, red));
    SDL_RenderSetClipRect(r, &(SDL_Rect){0, 0, 0, 0}); /* empty: nothing drawn */
    CHECK(ui_draw_fill(d, (SDL_Rect){0, 0, 300, 200}, white));
    SDL_RenderSetClipRect(r, NULL);
    SDL_RenderSetViewport(r, &(SDL_Rect){30, 20, 200, 150});
    CHECK(ui_draw_fill(d, (SDL_Rect){-10, 100, 250, 30}, white)); /* cut to the viewport */
    SDL_RenderSetClipRect(r, &(SDL_Rect){5, 5, 40, 40});
    CHECK(ui_draw_fill(d, (SDL_Rect){0, 0, 30, 300}, green));
    CHECK(ui_draw_fill(d, (SDL_Rect){20, 0, 30, 300}, veil));
    SDL_RenderSetClipRect(r, NULL);
    SDL_RenderSetViewport(r, NULL);
    SDL_RenderFlush(r);
}

/*
 * A veil of every alpha, over opaque pixels and over translucent ones (written
 * without blending, so that the surface's alpha channel is blended too).
 */
static void draw_alpha_sweep(SDL_Renderer *r, struct ui_draw *d)
{
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 0x9a, 0x31, 0xd7, 0x6c);
    SDL_RenderFillRect(r, &(SDL_Rect){0, 150, 300, 50});
    for (int a = 1; a < 255; a++) {
        SDL_Color veil = {(Uint8)(a * 7), (Uint8)(255 - a), (Uint8)(a * 3), (Uint8)a};
        CHECK(ui_draw_fill(d, (SDL_Rect){a, 100 + a % 7, 1, 100}, veil));
    }
    SDL_RenderFlush(r);
}

/* Draws the sequence through r[0] with SDL's fills and r[1] with s[1]'s pixels written
 * directly; true when s[0] and s[1] (300 x 200) end up the same in every byte. */
static bool fills_match(SDL_Surface *s[2], SDL_Renderer *r[2])
{
    struct ui_draw *d[2] = {ui_draw_new(r[0]), ui_draw_new(r[1])};
    int differ = -1;
    if (d[0] && d[1]) {
        ui_draw_set_pixels(d[1], s[1]);
        draw_fill_sequence(r[0], d[0]);
        draw_fill_sequence(r[1], d[1]);
        draw_alpha_sweep(r[0], d[0]);
        draw_alpha_sweep(r[1], d[1]);
        differ = 0;
        for (int y = 0; y < 200; y++)
            differ += memcmp((const Uint8 *)s[0]->pixels + y * s[0]->pitch,
                             (const Uint8 *)s[1]->pixels + y * s[1]->pitch, 300 * 4) != 0;
    }
    ui_draw_free(d[0]);
    ui_draw_free(d[1]);
    return differ == 0;
}

/*
 * A fill written straight into the software renderer's surface
 * (ui_draw_set_pixels), opaque or translucent of any alpha, leaves the
 * pixels SDL's own fill leaves, in every byte order, under clip rectangles
 * and viewports, and after blends a window's renderer still holds in its
 * batch.
 */
static void test_direct_fill_matches_sdl(void)
{
    const Uint32 formats[] = {SDL_PIXELFORMAT_XRGB8888, SDL_PIXELFORMAT_ARGB8888,
                              SDL_PIXELFORMAT_RGBA32};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        SDL_Surface *s[2];
        SDL_Renderer *r[2];
        for (int i = 0; i < 2; i++) {
            s[i] = SDL_CreateRGBSurfaceWithFormat(0, 300, 200, 32, formats[f]);
            r[i] = s[i] ? SDL_CreateSoftwareRenderer(s[i]) : NULL;
        }
        CHECK(r[0] && r[1] && fills_match(s, r));
        for (int i = 0; i < 2; i++) {
            SDL_DestroyRenderer(r[i]);
            SDL_FreeSurface(s[i]);
        }
    }
    /* A window's software renderer batches its draws (SDL_CreateSoftwareRenderer does not). */
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0"); /* as ui_window_new: no EGL */
    CHECK_EQ_INT(SDL_InitSubSystem(SDL_INIT_VIDEO), 0);
    SDL_Window *w[2];
    SDL_Renderer *r[2];
    SDL_Surface *s[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        w[i] = SDL_CreateWindow("fills", 0, 0, 300, 200, SDL_WINDOW_HIDDEN);
        r[i] = w[i] ? SDL_CreateRenderer(w[i], -1, SDL_RENDERER_SOFTWARE) : NULL;
        s[i] = r[i] ? SDL_GetWindowSurface(w[i]) : NULL;
    }
    CHECK(s[0] && s[1] && fills_match(s, r));
    for (int i = 0; i < 2; i++) {
        SDL_DestroyRenderer(r[i]);
        SDL_DestroyWindow(w[i]);
    }
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

static const struct check_case cases[] = {
    {"a fill written into the surface matches SDL's", test_direct_fill_matches_sdl},
    {"scaled, a rounded fill's pieces meet on the window's pixels",
     test_scaled_fill_leaves_no_seams},
    {"only dirty areas are redrawn, and counted", test_only_dirty_areas_redrawn},
    {"scrolling and spinning redraw their own areas", test_scroll_and_spinner_damage},
    {"scrolling by moving pixels matches a full redraw", test_scrolled_pixels_match_full_redraw},
    {"no pixels are moved under an overlay", test_scroll_under_overlay_redraws},
    {"slide and fade transitions; replaced screens are freed", test_slide_transition},
    {"a toast slides in and leaves by itself", test_toast_leaves},
    {"pictures: cover, rounded, placeholder, threaded", test_images},
    {"the picture budget follows the screen", test_picture_budget_follows_the_screen},
    {"the picture budget grows to hold one frame's pictures", test_picture_budget_holds_a_frame},
    {"a long shadow is drawn from a compact sheet", test_long_shadow_from_a_compact_sheet},
    {"window: kiosk quit policy, logical sizes, drivers", test_window_modes},
    {"a window's pixels hold the whole frame before it is presented",
     test_window_pixels_hold_the_frame},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
