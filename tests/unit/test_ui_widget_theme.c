/*
 * Theme loading (defaults, the shipped file, overrides, errors with line
 * numbers, WCAG contrast checks, large text and high contrast), easing and
 * transition geometry, and digit conversion.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/anim.h"
#include "ui/digits.h"
#include "kiosk/screens/theme_file.h"
#include "ui/theme.h"

static bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The shipped file and the built-in defaults say the same thing. */
static void test_default_file_matches_defaults(void)
{
    struct ui_theme builtin, loaded;
    ui_theme_defaults(&builtin);
    /* Loaded over something else, so every value must come from the file. */
    ui_theme_defaults(&loaded);
    memset(loaded.colors, 0, sizeof loaded.colors);
    memset(loaded.contrast_colors, 0, sizeof loaded.contrast_colors);
    memset(loaded.type_px, 0, sizeof loaded.type_px);
    memset(loaded.radius, 0, sizeof loaded.radius);
    memset(loaded.space, 0, sizeof loaded.space);
    memset(loaded.metric, 0, sizeof loaded.metric);
    loaded.logo[0] = '\0';
    loaded.large_text = loaded.high_contrast = true;
    ks_ini_error err;
    char path[4096];
    snprintf(path, sizeof path, "%s/assets/theme/default.ini", check_source_dir());
    CHECK(ks_theme_load(&loaded, path, &err));
    CHECK(memcmp(builtin.colors, loaded.colors, sizeof builtin.colors) == 0);
    CHECK(memcmp(builtin.contrast_colors, loaded.contrast_colors, sizeof builtin.colors) == 0);
    CHECK(memcmp(builtin.type_px, loaded.type_px, sizeof builtin.type_px) == 0);
    CHECK(memcmp(builtin.radius, loaded.radius, sizeof builtin.radius) == 0);
    CHECK(memcmp(builtin.space, loaded.space, sizeof builtin.space) == 0);
    CHECK(memcmp(builtin.metric, loaded.metric, sizeof builtin.metric) == 0);
    CHECK_EQ_STR(loaded.logo, builtin.logo);
    CHECK(!loaded.large_text && !loaded.high_contrast);
}

static void test_overrides_and_modes(void)
{
    struct ui_theme th;
    ui_theme_defaults(&th);
    ks_ini_error err;
    const char *text = "[colors]\n"
                       "primary = #1a2B3c\n"
                       "scrim = #00000080\n"
                       "[type]\n"
                       "body = 30 ; inline comment\n"
                       "[spacing]\n"
                       "m = 0\n"
                       "[modes]\n"
                       "large_text = true\n";
    CHECK(ks_theme_parse(&th, text, strlen(text), &err));
    CHECK(same_color(th.colors[UI_COLOR_PRIMARY], (SDL_Color){0x1A, 0x2B, 0x3C, 255}));
    CHECK_EQ_INT(th.colors[UI_COLOR_SCRIM].a, 0x80);
    CHECK_EQ_INT(ui_theme_space(&th, UI_SPACE_M), 0);
    /* Large text: 30 * 1.25 = 37.5, rounded to 38; 22 * 1.25 = 27.5 -> 28. */
    CHECK(th.large_text);
    CHECK_EQ_INT(ui_theme_type_px(&th, UI_TYPE_BODY), 38);
    CHECK_EQ_INT(ui_theme_type_px(&th, UI_TYPE_CAPTION), 28);
    th.large_text = false;
    CHECK_EQ_INT(ui_theme_type_px(&th, UI_TYPE_BODY), 30);
    /* High contrast switches the palette. */
    CHECK(same_color(ui_theme_color(&th, UI_COLOR_BACKGROUND), th.colors[UI_COLOR_BACKGROUND]));
    th.high_contrast = true;
    CHECK(same_color(ui_theme_color(&th, UI_COLOR_BACKGROUND), (SDL_Color){0, 0, 0, 255}));
}

struct bad_case {
    const char *text;
    int line;
    const char *message;
};

static void test_errors(void)
{
    static const struct bad_case bad[] = {
        {"[colors]\ntext = red\n", 2, "[colors] text: expected #RRGGBB or #RRGGBBAA"},
        {"[colors]\ntext = #12345\n", 2, "expected #RRGGBB"},
        {"[colors]\ntext = #12345G\n", 2, "expected #RRGGBB"},
        {"[colors]\nink = #123456\n", 2, "[colors] ink: unknown colour role"},
        {"\n[type]\nbody = 3\n", 3, "[type] body: expected whole pixels from 4 to 512"},
        {"[radius]\ncard = 513\n", 2, "from 0 to 512"},
        {"[radius]\ncard = 12px\n", 2, "[radius] card"},
        {"[radius]\ncard = -1\n", 2, "[radius] card"},
        {"[modes]\nlarge_text = yes\n", 2, "expected true or false"},
        {"[sizes]\nbutton_height = 90\n", 2, "[sizes] button_height: unknown section"},
        {"[brand]\nlogo =\n", 2, "path empty or too long"},
        {"[colors]\nthis line has no equals sign\n", 2, "syntax error"},
        {"[colors\n", 1, "syntax error"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct ui_theme th;
        ui_theme_defaults(&th);
        ks_ini_error err;
        if (ks_theme_parse(&th, bad[i].text, strlen(bad[i].text), &err)) {
            fprintf(stderr, "  accepted: %s\n", bad[i].text);
            CHECK(false);
        }
        CHECK_EQ_INT(err.line, bad[i].line);
        CHECK_CONTAINS(err.message, bad[i].message);
    }
}

static void test_limits(void)
{
    struct ui_theme th;
    ui_theme_defaults(&th);
    ks_ini_error err;
    char line[400];
    memset(line, 'x', sizeof line);
    memcpy(line, "[brand]\nlogo = ", 15);
    line[sizeof line - 1] = '\0';
    CHECK(!ks_theme_parse(&th, line, strlen(line), &err));
    CHECK_EQ_INT(err.line, 2);
    CHECK_CONTAINS(err.message, "line longer than");
    CHECK(!ks_theme_parse(&th, "[a]\0b=1", 7, &err));
    CHECK_CONTAINS(err.message, "NUL byte");
    char *huge = calloc(1, KS_INI_MAX_BYTES + 2);
    CHECK(huge != NULL);
    memset(huge, '\n', KS_INI_MAX_BYTES + 1);
    bool ok = ks_theme_parse(&th, huge, KS_INI_MAX_BYTES + 1, &err);
    free(huge);
    CHECK(!ok);
    CHECK_CONTAINS(err.message, "larger than");
    CHECK(!ks_theme_load(&th, "/nonexistent/theme.ini", &err));
    CHECK_CONTAINS(err.message, "cannot open");
}

/*
 * WCAG ratios: white on black is (1 + 0.05) / (0 + 0.05) = 21; a colour on
 * itself is 1; #777777 (luminance 0.1845) on black is 0.2345 / 0.05 = 4.69.
 */
static void test_contrast(void)
{
    SDL_Color white = {255, 255, 255, 255}, black = {0, 0, 0, 255}, grey = {0x77, 0x77, 0x77, 255};
    CHECK(ui_color_contrast(white, black) > 20.999 && ui_color_contrast(white, black) < 21.001);
    CHECK(ui_color_contrast(grey, grey) == 1.0);
    double g = ui_color_contrast(grey, black);
    CHECK(g > 4.68 && g < 4.70);
    /* Every checked pair of the default palettes passes: AA normally, AAA in high contrast. */
    struct ui_theme th;
    ui_theme_defaults(&th);
    CHECK(ui_color_contrast(th.contrast_colors[UI_COLOR_TEXT_MUTED],
                            th.contrast_colors[UI_COLOR_SURFACE]) >= 7.0);
    CHECK(ui_color_contrast(th.colors[UI_COLOR_ON_PRIMARY], th.colors[UI_COLOR_PRIMARY]) >= 4.5);
    /* A grey that is AA on black is refused for AAA. */
    ks_ini_error err;
    const char *text = "[high_contrast]\ntext_muted = #777777\n";
    CHECK(!ks_theme_parse(&th, text, strlen(text), &err));
    CHECK_EQ_INT(err.line, 0);
    CHECK_CONTAINS(err.message, "[high_contrast] text_muted on background: contrast 4.69:1");
    CHECK_CONTAINS(err.message, "WCAG AAA");
    ui_theme_defaults(&th);
    text = "[colors]\non_primary = #7F7F7F\n";
    CHECK(!ks_theme_parse(&th, text, strlen(text), &err));
    CHECK_CONTAINS(err.message, "[colors] on_primary on primary");
}

static void test_color_mix(void)
{
    SDL_Color a = {0, 100, 200, 255}, b = {255, 0, 100, 55};
    SDL_Color m = ui_color_mix(a, b, 51); /* a fifth of the way: (x * 204 + y * 51 + 127) / 255 */
    CHECK_EQ_INT(m.r, 51);
    CHECK_EQ_INT(m.g, 80);
    CHECK_EQ_INT(m.b, 180);
    CHECK_EQ_INT(m.a, 215);
    CHECK(same_color(ui_color_mix(a, b, 0), a));
    CHECK(same_color(ui_color_mix(a, b, 300), b));
}

static void test_easing_and_tweens(void)
{
    CHECK(ui_ease(UI_EASE_LINEAR, 0.3) == 0.3);
    CHECK(ui_ease(UI_EASE_OUT_CUBIC, 0.5) == 0.875);      /* 1 - 0.5^3 */
    CHECK(ui_ease(UI_EASE_IN_OUT_CUBIC, 0.25) == 0.0625); /* 4 * 0.25^3 */
    CHECK(ui_ease(UI_EASE_IN_OUT_CUBIC, 0.75) == 0.9375); /* 1 - 0.5^3 / 2 */
    CHECK(ui_ease(UI_EASE_OUT_CUBIC, -1.0) == 0.0 && ui_ease(UI_EASE_OUT_CUBIC, 2.0) == 1.0);
    struct ui_tween tw;
    ui_tween_start(&tw, 100, 300, 200, UI_EASE_OUT_CUBIC, 1000);
    CHECK_EQ_INT(ui_tween_value(&tw, 900), 100);
    CHECK_EQ_INT(ui_tween_value(&tw, 1100), 275); /* 100 + 200 * 0.875 */
    CHECK(!ui_tween_done(&tw, 1199));
    CHECK(ui_tween_done(&tw, 1200));
    CHECK_EQ_INT(ui_tween_value(&tw, 5000), 300);
    ui_tween_start(&tw, 0, 10, 0, UI_EASE_LINEAR, 1000);
    CHECK_EQ_INT(ui_tween_value(&tw, 1000), 10);
}

static void test_transition_frames(void)
{
    struct ui_transition_frame f;
    /* A quarter of the way across 1000 px: 250 travelled. */
    ui_transition_frame(UI_TRANSITION_SLIDE_FORWARD, false, 1000, 0.25, &f);
    CHECK(f.draw_old && f.draw_new);
    CHECK_EQ_INT(f.old_dx, -250);
    CHECK_EQ_INT(f.new_dx, 750);
    ui_transition_frame(UI_TRANSITION_SLIDE_FORWARD, true, 1000, 0.25, &f);
    CHECK_EQ_INT(f.old_dx, 250);
    CHECK_EQ_INT(f.new_dx, -750);
    ui_transition_frame(UI_TRANSITION_SLIDE_BACK, false, 1000, 0.25, &f);
    CHECK_EQ_INT(f.old_dx, 250);
    CHECK_EQ_INT(f.new_dx, -750);
    ui_transition_frame(UI_TRANSITION_SLIDE_FORWARD, false, 1000, 1.0, &f);
    CHECK(!f.draw_old && f.draw_new);
    CHECK_EQ_INT(f.new_dx, 0);
    /* Fade through the background: out to full veil at half time, then in. */
    ui_transition_frame(UI_TRANSITION_FADE, false, 1000, 0.25, &f);
    CHECK(f.draw_old && !f.draw_new);
    CHECK_EQ_INT(f.veil_alpha, 128); /* 0.5 * 255 = 127.5 */
    ui_transition_frame(UI_TRANSITION_FADE, false, 1000, 0.5, &f);
    CHECK(!f.draw_old && f.draw_new);
    CHECK_EQ_INT(f.veil_alpha, 255);
    ui_transition_frame(UI_TRANSITION_FADE, false, 1000, 1.0, &f);
    CHECK_EQ_INT(f.veil_alpha, 0);
}

static void test_digits(void)
{
    char out[32];
    CHECK(ui_digits_convert("05-19", UI_DIGITS_ARABIC_INDIC, out, sizeof out));
    CHECK_EQ_STR(out, "٠٥-١٩");
    CHECK(ui_digits_convert("05-19", UI_DIGITS_WESTERN, out, sizeof out));
    CHECK_EQ_STR(out, "05-19");
    CHECK(ui_digits_format_int(-120, UI_DIGITS_ARABIC_INDIC, out, sizeof out));
    CHECK_EQ_STR(out, "-١٢٠");
    /* "12" needs 4 bytes and a NUL: 5 fit, 4 do not. */
    CHECK(ui_digits_convert("12", UI_DIGITS_ARABIC_INDIC, out, 5));
    CHECK(!ui_digits_convert("12", UI_DIGITS_ARABIC_INDIC, out, 4));
    CHECK_EQ_STR(out, "");
}

static const struct check_case cases[] = {
    {"assets/theme/default.ini repeats the defaults", test_default_file_matches_defaults},
    {"overrides, large text and high contrast", test_overrides_and_modes},
    {"errors name the line and the reason", test_errors},
    {"length limits and unreadable files", test_limits},
    {"WCAG contrast ratios and checks", test_contrast},
    {"colour mixing", test_color_mix},
    {"easing curves and tweens", test_easing_and_tweens},
    {"transition geometry, mirrored in right-to-left", test_transition_frames},
    {"Western and Arabic-Indic digits", test_digits},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
