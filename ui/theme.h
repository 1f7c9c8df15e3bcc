/*
 * The look of the ui: colours by role, type sizes, corner radii, spacing
 * and a few sizes, set over built-in defaults one "[section] key = value"
 * at a time (the application reads its INI file, assets/theme/default.ini,
 * with its own INI machinery and hands each setting to ui_theme_set). Two palettes: the normal one
 * and a high-contrast one whose text pairs meet WCAG AAA (7:1); a large-text mode scales every type
 * size by 1.25. Widgets store roles, never colours, so switching a mode
 * restyles a live tree.
 *
 * The settings, every one optional (unknown ones are refused):
 *   [colors] and [high_contrast]  ROLE = #RRGGBB or #RRGGBBAA
 *   [type]     display title heading body caption price button badge (px)
 *   [radius]   card button image dialog key (px)
 *   [spacing]  xs s m l xl (px)
 *   [size]     button_height key_height stepper_button focus_ring
 *              shadow_blur shadow_offset (px)
 *   [brand]    logo = path (as written; the application resolves it)
 *   [modes]    large_text, high_contrast = true | false
 */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL2/SDL.h>

enum ui_color_role {
    UI_COLOR_BACKGROUND,
    UI_COLOR_SURFACE,     /* cards, dialogs */
    UI_COLOR_SURFACE_ALT, /* rails, tracks, quiet panels */
    UI_COLOR_TEXT,
    UI_COLOR_TEXT_MUTED,
    UI_COLOR_PRIMARY,
    UI_COLOR_ON_PRIMARY,
    UI_COLOR_SECONDARY,
    UI_COLOR_ON_SECONDARY,
    UI_COLOR_ACCENT, /* badges */
    UI_COLOR_ON_ACCENT,
    UI_COLOR_BORDER,
    UI_COLOR_DISABLED,
    UI_COLOR_ON_DISABLED,
    UI_COLOR_DANGER,
    UI_COLOR_SUCCESS,
    UI_COLOR_FOCUS, /* the keyboard focus ring */
    UI_COLOR_SCRIM, /* behind a modal dialog; its alpha dims */
    UI_COLOR_SHADOW,
    UI_COLOR_COUNT,
};

enum ui_type_role {
    UI_TYPE_DISPLAY,
    UI_TYPE_TITLE,
    UI_TYPE_HEADING,
    UI_TYPE_BODY,
    UI_TYPE_CAPTION,
    UI_TYPE_PRICE,
    UI_TYPE_BUTTON,
    UI_TYPE_BADGE,
    UI_TYPE_COUNT,
};

enum ui_radius_role {
    UI_RADIUS_CARD,
    UI_RADIUS_BUTTON,
    UI_RADIUS_IMAGE,
    UI_RADIUS_DIALOG,
    UI_RADIUS_KEY,
    UI_RADIUS_COUNT,
};

enum ui_space {
    UI_SPACE_XS,
    UI_SPACE_S,
    UI_SPACE_M,
    UI_SPACE_L,
    UI_SPACE_XL,
    UI_SPACE_COUNT,
};

enum ui_metric {
    UI_METRIC_BUTTON_HEIGHT,
    UI_METRIC_KEY_HEIGHT,
    UI_METRIC_STEPPER_BUTTON,
    UI_METRIC_FOCUS_RING,
    UI_METRIC_SHADOW_BLUR,
    UI_METRIC_SHADOW_OFFSET,
    UI_METRIC_COUNT,
};

#define UI_THEME_MAX_PX 512
#define UI_THEME_PATH_MAX 160

struct ui_theme {
    SDL_Color colors[UI_COLOR_COUNT];
    SDL_Color contrast_colors[UI_COLOR_COUNT]; /* the high-contrast palette */
    int type_px[UI_TYPE_COUNT];
    int radius[UI_RADIUS_COUNT];
    int space[UI_SPACE_COUNT];
    int metric[UI_METRIC_COUNT];
    char logo[UI_THEME_PATH_MAX + 1];
    bool large_text;
    bool high_contrast;
};

/* Fills theme with the built-in defaults, which assets/theme/default.ini repeats. */
void ui_theme_defaults(struct ui_theme *theme);

/*
 * Applies one setting, value for key of section, to theme. False, theme
 * unchanged, with the reason in why[cap] ("expected #RRGGBB or #RRGGBBAA",
 * "unknown colour role", "unknown section") when it is refused.
 */
bool ui_theme_set(struct ui_theme *theme, const char *section, const char *key, const char *value,
                  char *why, size_t cap);

/*
 * Checks the palettes' text contrast (normal: at least 4.5:1, WCAG AA;
 * high contrast: at least 7:1, AAA); false with the first pair that fails
 * in why[cap] ("[colors] text on surface: contrast 3.10:1, needs 4.5:1").
 */
bool ui_theme_check(const struct ui_theme *theme, char *why, size_t cap);

/* The colour of role in the active palette (high contrast when that mode is on). */
SDL_Color ui_theme_color(const struct ui_theme *theme, enum ui_color_role role);

/* Pixel size of a type role, times 1.25 (rounded) in large-text mode. */
int ui_theme_type_px(const struct ui_theme *theme, enum ui_type_role role);

int ui_theme_radius(const struct ui_theme *theme, enum ui_radius_role role);
int ui_theme_space(const struct ui_theme *theme, enum ui_space space);
int ui_theme_metric(const struct ui_theme *theme, enum ui_metric metric);

/* WCAG 2 contrast ratio of two opaque colours, 1.0 to 21.0 (alpha ignored). */
double ui_color_contrast(SDL_Color a, SDL_Color b);

/* a moved towards b by amount/255 per channel, alpha included. */
SDL_Color ui_color_mix(SDL_Color a, SDL_Color b, int amount);

#endif
