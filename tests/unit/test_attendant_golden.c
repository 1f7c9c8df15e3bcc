/*
 * Golden images of the attendant console (kiosk/attendant/att_screen.h):
 * the lanes screen with four lanes (one waiting for an age check on an
 * energy drink, one asking to remove a line with a printer fault, one
 * paying, one offline), the sign-in screen after a wrong PIN, and the
 * sign-in screen locked by wrong PINs (the kiosk's words, the keypad
 * shut), in English and in Arabic. Rendered headless at 1280 x 800 with fonts from
 * assets/fonts only and compared exactly with tests/golden/attendant/NAME.png
 * (tests/support/golden.h: NAME_err.png on a mismatch, KIOSK_UPDATE_GOLDEN=1
 * rewrites). Also the status rule the cards are coloured by.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/attendant/att_screen.h"
#include "tests/support/check.h"
#include "tests/support/golden.h"
#include "ui/render_png.h"
#include "kiosk/domain/texts.h"
#include "ui/tree.h"
#include "ui/w_label.h"

#define NOW 1795500000000

static size_t lanes(ks_att_lane out[4])
{
    memset(out, 0, 4 * sizeof out[0]);
    static const struct {
        const char *id;
        enum ks_att_activity activity;
        unsigned faults;
        uint32_t items;
        int64_t total, age_ms;
        unsigned need;
        uint32_t line;
        const char *item;
    } specs[4] = {
        {"lane-01", KS_ATT_SCANNING, 0, 7, 8450, 150, KS_NEED_AGE, 6, "Red Bull 250 ml"},
        {"lane-02", KS_ATT_SCANNING, KS_ATT_FAULT_PRINTER, 3, 1725, 400, KS_NEED_REMOVAL, 2,
         "Almarai Milk 1 L"},
        {"lane-03", KS_ATT_PAYING, 0, 12, 15630, 90, 0, 0, ""},
        {"lane-04", KS_ATT_IDLE, 0, 0, 0, 9000, 0, 0, ""},
    };
    for (size_t i = 0; i < 4; i++) {
        ks_att_report *r = &out[i].report;
        snprintf(r->lane_id, sizeof r->lane_id, "%s", specs[i].id);
        r->activity = specs[i].activity;
        r->faults = specs[i].faults;
        r->items = specs[i].items;
        r->total = specs[i].total;
        out[i].seen_at_ms = NOW - specs[i].age_ms;
        if (specs[i].need) {
            r->n_requests = 1;
            r->requests[0] = (ks_att_request){"0a1b2c3d-0000-4000-8000-000000000001", specs[i].need,
                                              specs[i].line, "", 1795499990};
            snprintf(r->requests[0].item, sizeof r->requests[0].item, "%s", specs[i].item);
        }
    }
    return 4;
}

static bool render_and_compare(const char *name, const ks_att_view *view)
{
    struct ui_theme theme;
    ks_att_screen_theme(&theme);
    char fonts[4200];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    struct ui_render_png *rp = ui_render_png_new(KS_ATT_SCREEN_W, KS_ATT_SCREEN_H, fonts, &theme);
    if (!rp)
        return false;
    struct ui_tree *tree = ui_render_png_tree(rp);
    ui_tree_set_dir(tree, view->lang == KS_LANG_AR ? UI_DIR_RTL : UI_DIR_LTR);
    bool drawn = ui_tree_set_root(tree, ks_att_screen(view)) && ui_render_png_frame(rp, 1000);
    SDL_Surface *s = ui_render_png_surface(rp);
    bool match =
        drawn && golden_match_rgba("attendant", name, s->pixels, s->w, s->h, (size_t)s->pitch);
    ui_render_png_free(rp);
    return match;
}

static void check_lanes(const char *name, enum ks_lang lang)
{
    ks_att_lane l[4];
    ks_att_tap tap = {.kind = KS_ATT_TAP_NONE};
    const ks_att_view view = {.lanes = l,
                              .n_lanes = lanes(l),
                              .lang = lang,
                              .now_ms = NOW,
                              .staff = "staff-07",
                              .tap = &tap};
    CHECK(render_and_compare(name, &view));
}

static void check_sign_in(const char *name, enum ks_lang lang)
{
    ks_att_tap tap = {.kind = KS_ATT_TAP_NONE};
    const ks_att_view view = {.lang = lang, .now_ms = NOW, .wrong_pin = true, .tap = &tap};
    CHECK(render_and_compare(name, &view));
}

/* Locked: the prompt is the kiosk's KS_STR_PIN_LOCKED, no key can be pressed; and as drawn. */
static void check_locked(const char *name, enum ks_lang lang)
{
    ks_att_tap tap = {.kind = KS_ATT_TAP_NONE};
    const ks_att_view view = {
        .lang = lang, .now_ms = NOW, .wrong_pin = true, .locked = true, .tap = &tap};
    struct ui_widget *root = ks_att_screen(&view);
    CHECK(root != NULL);
    CHECK_EQ_STR(ui_label_text(ui_widget_find(root, "sign-in-locked")),
                 ks_str(KS_STR_PIN_LOCKED, lang));
    CHECK(!ui_widget_is_enabled(ui_widget_find(root, "pin-1")));
    CHECK(!ui_widget_is_enabled(ui_widget_find(root, "pin-ok")));
    ui_widget_free(root);
    CHECK(render_and_compare(name, &view));
}

static void test_locked_en(void)
{
    check_locked("sign_in_locked_en", KS_LANG_EN);
}

static void test_locked_ar(void)
{
    check_locked("sign_in_locked_ar", KS_LANG_AR);
}

static void test_lanes_en(void)
{
    check_lanes("lanes_en", KS_LANG_EN);
}

static void test_lanes_ar(void)
{
    check_lanes("lanes_ar", KS_LANG_AR);
}

static void test_sign_in_en(void)
{
    check_sign_in("sign_in_en", KS_LANG_EN);
}

static void test_sign_in_ar(void)
{
    check_sign_in("sign_in_ar", KS_LANG_AR);
}

static void test_status_rule(void)
{
    ks_att_lane l[4];
    lanes(l);
    static const enum ks_att_status want[4] = {KS_ATT_STATUS_WAITING, KS_ATT_STATUS_FAULT,
                                               KS_ATT_STATUS_PAYING, KS_ATT_STATUS_OFFLINE};
    for (size_t i = 0; i < 4; i++)
        CHECK_EQ_INT(ks_att_lane_status(&l[i], NOW), want[i]);
    l[3].seen_at_ms = NOW;
    CHECK_EQ_INT(ks_att_lane_status(&l[3], NOW), KS_ATT_STATUS_IDLE);
    l[3].report.requests[0].need = KS_NEED_HELP;
    l[3].report.n_requests = 1;
    CHECK_EQ_INT(ks_att_lane_status(&l[3], NOW), KS_ATT_STATUS_HELP);
    l[3].report.activity = KS_ATT_CLOSED;
    l[3].report.n_requests = 0;
    CHECK_EQ_INT(ks_att_lane_status(&l[3], NOW), KS_ATT_STATUS_CLOSED);
    CHECK_EQ_INT(ks_att_lane_status(&l[3], NOW + KS_ATT_OFFLINE_MS + 1), KS_ATT_STATUS_OFFLINE);
}

static const struct check_case cases[] = {
    {"lanes, English", test_lanes_en},           {"lanes, Arabic", test_lanes_ar},
    {"sign in, English", test_sign_in_en},       {"sign in, Arabic", test_sign_in_ar},
    {"sign in locked, English", test_locked_en}, {"sign in locked, Arabic", test_locked_ar},
    {"status rule", test_status_rule},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
