/*
 * Golden images of every kiosk screen (the demonstration stages of
 * kiosk/screens/stage.h over the demo menu) in Arabic and in English, plus
 * reach mode, high contrast with large text, and a landscape screen.
 * Rendered headlessly at 1080 x 1920 with the fonts of assets/fonts only,
 * scaled to 540 x 960 to keep the references small, and compared exactly
 * with tests/golden/screens/NAME.png (tests/support/golden.h: NAME_err.png
 * on a mismatch, KIOSK_UPDATE_GOLDEN=1 rewrites).
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/screens/screen_render.h"
#include "kiosk/screens/lane_stage.h"
#include "kiosk/screens/stage.h"
#include "tests/support/golden.h"

#define SHOT_W 540
#define SHOT_H 960

/* The demo menu of a file in assets/menus, imported once. */
static ks_catalog *menu_file(const char *name, ks_catalog **cat)
{
    if (*cat)
        return *cat;
    char rel[128];
    snprintf(rel, sizeof rel, "assets/menus/%s", name);
    size_t len;
    char *json = check_read_file(check_path(check_source_dir(), rel), &len);
    *cat = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    return *cat;
}

static ks_catalog *restaurant, *supermarket;

/* The restaurant's menu, or the supermarket's for the self-checkout's stages. */
static ks_catalog *demo_menu_for(const char *stage)
{
    return ks_lane_stage_known(stage) ? menu_file("supermarket.json", &supermarket)
                                      : menu_file("restaurant.json", &restaurant);
}

static ks_catalog *demo_menu(void)
{
    return demo_menu_for("menu");
}

static const ks_config *demo_config(void)
{
    static ks_config cfg;
    if (!cfg.assets[0]) {
        ks_config_defaults(&cfg);
        snprintf(cfg.assets, sizeof cfg.assets, "%s/assets", check_source_dir());
        /* The staff screen shows the database: the references hold this name, wherever the checkout
         * is. */
        snprintf(cfg.database, sizeof cfg.database, "kiosk.db");
    }
    return &cfg;
}

/* Renders req (with the demo configuration unless it has one) and compares it with
 * tests/golden/screens/name.png. */
static bool matches(const char *name, ks_screen_render_request req)
{
    if (!req.cfg)
        req.cfg = demo_config();
    req.catalog = demo_menu_for(req.stage);
    if (!req.catalog)
        return false;
    char why[512];
    SDL_Surface *s = ks_screen_render(&req, why, sizeof why);
    if (!s) {
        fprintf(stderr, "  %s: %s\n", name, why);
        return false;
    }
    bool ok = golden_match_rgba("screens", name, s->pixels, s->w, s->h, (size_t)s->pitch);
    SDL_FreeSurface(s);
    return ok;
}

static void test_every_screen_in_both_languages(void)
{
    int failed = 0;
    for (size_t i = 0; i < ks_stage_count; i++)
        for (int lang = 0; lang < 2; lang++) {
            char name[96];
            snprintf(name, sizeof name, "%s_%s", ks_stage_names[i], lang == 0 ? "ar" : "en");
            failed += !matches(name, (ks_screen_render_request){
                                         .stage = ks_stage_names[i],
                                         .lang = lang == 0 ? KS_LANG_AR : KS_LANG_EN,
                                         .width = SHOT_W,
                                         .height = SHOT_H,
                                     });
        }
    CHECK_EQ_INT(failed, 0);
}

static void test_reach_mode(void)
{
    CHECK(matches("menu_reach_ar", (ks_screen_render_request){.stage = "menu",
                                                              .lang = KS_LANG_AR,
                                                              .width = SHOT_W,
                                                              .height = SHOT_H,
                                                              .reach = true}));
    CHECK(matches("item_reach_en", (ks_screen_render_request){.stage = "item",
                                                              .lang = KS_LANG_EN,
                                                              .width = SHOT_W,
                                                              .height = SHOT_H,
                                                              .reach = true}));
}

static void test_high_contrast_large_text(void)
{
    CHECK(matches("language_contrast_ar", (ks_screen_render_request){.stage = "language",
                                                                     .lang = KS_LANG_AR,
                                                                     .width = SHOT_W,
                                                                     .height = SHOT_H,
                                                                     .high_contrast = true,
                                                                     .large_text = true}));
    CHECK(matches("cart_contrast_ar", (ks_screen_render_request){.stage = "cart",
                                                                 .lang = KS_LANG_AR,
                                                                 .width = SHOT_W,
                                                                 .height = SHOT_H,
                                                                 .high_contrast = true,
                                                                 .large_text = true}));
}

static void test_landscape(void)
{
    CHECK(matches("menu_landscape_en",
                  (ks_screen_render_request){
                      .stage = "menu", .lang = KS_LANG_EN, .width = SHOT_H, .height = SHOT_W}));
}

/* With [network] receipt_url the done screen shows the e-receipt's QR (done_ar/en have none). */
static void test_done_with_e_receipt(void)
{
    static ks_config cfg;
    cfg = *demo_config();
    snprintf(cfg.receipt_url, sizeof cfg.receipt_url, "https://backend.example/r/");
    CHECK(matches(
        "done_e_receipt_ar",
        (ks_screen_render_request){
            .stage = "done", .lang = KS_LANG_AR, .width = SHOT_W, .height = SHOT_H, .cfg = &cfg}));
    CHECK(matches(
        "done_e_receipt_en",
        (ks_screen_render_request){
            .stage = "done", .lang = KS_LANG_EN, .width = SHOT_W, .height = SHOT_H, .cfg = &cfg}));
}

static void test_unknown_screen_is_refused(void)
{
    char why[256] = "";
    ks_screen_render_request req = {
        .stage = "checkout", .lang = KS_LANG_EN, .cfg = demo_config(), .catalog = demo_menu()};
    CHECK(ks_screen_render(&req, why, sizeof why) == NULL);
    CHECK_CONTAINS(why, "unknown screen \"checkout\"");
}

static const struct check_case cases[] = {
    {"every screen, Arabic and English", test_every_screen_in_both_languages},
    {"reach mode: controls in the lower half", test_reach_mode},
    {"high contrast and large text", test_high_contrast_large_text},
    {"landscape menu", test_landscape},
    {"the done screen with the e-receipt QR", test_done_with_e_receipt},
    {"an unknown screen is refused", test_unknown_screen_is_refused},
};

int main(int argc, char **argv)
{
    int status = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ks_catalog_free(restaurant);
    ks_catalog_free(supermarket);
    return status;
}
