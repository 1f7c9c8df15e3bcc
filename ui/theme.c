/* Theme defaults, INI parsing through inih, and contrast checks (see ui/theme.h). */
#include "ui/theme.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const color_names[UI_COLOR_COUNT] = {
    "background", "surface",    "surface_alt", "text",         "text_muted",
    "primary",    "on_primary", "secondary",   "on_secondary", "accent",
    "on_accent",  "border",     "disabled",    "on_disabled",  "danger",
    "success",    "focus",      "scrim",       "shadow",
};
static const char *const type_names[UI_TYPE_COUNT] = {
    "display", "title", "heading", "body", "caption", "price", "button", "badge",
};
static const char *const radius_names[UI_RADIUS_COUNT] = {"card", "button", "image", "dialog",
                                                          "key"};
static const char *const space_names[UI_SPACE_COUNT] = {"xs", "s", "m", "l", "xl"};
static const char *const metric_names[UI_METRIC_COUNT] = {
    "button_height", "key_height", "stepper_button", "focus_ring", "shadow_blur", "shadow_offset",
};

/* One colour per line reads best. */
/* clang-format off */
#define RGB(v) {(Uint8)((v) >> 16), (Uint8)((v) >> 8), (Uint8)(v), 255}
#define RGBA(v, a) {(Uint8)((v) >> 16), (Uint8)((v) >> 8), (Uint8)(v), (Uint8)(a)}

static const struct ui_theme default_theme = {
    .colors = {
        [UI_COLOR_BACKGROUND] = RGB(0xF4F1EC),
        [UI_COLOR_SURFACE] = RGB(0xFFFFFF),
        [UI_COLOR_SURFACE_ALT] = RGB(0xEBE6DE),
        [UI_COLOR_TEXT] = RGB(0x1D1B18),
        [UI_COLOR_TEXT_MUTED] = RGB(0x5F5A52),
        [UI_COLOR_PRIMARY] = RGB(0x0B6E4F),
        [UI_COLOR_ON_PRIMARY] = RGB(0xFFFFFF),
        [UI_COLOR_SECONDARY] = RGB(0xE6E0D6),
        [UI_COLOR_ON_SECONDARY] = RGB(0x1D1B18),
        [UI_COLOR_ACCENT] = RGB(0xF5B700),
        [UI_COLOR_ON_ACCENT] = RGB(0x1D1B18),
        [UI_COLOR_BORDER] = RGB(0xDDD6CB),
        [UI_COLOR_DISABLED] = RGB(0xE4E0D9),
        [UI_COLOR_ON_DISABLED] = RGB(0x8E887E),
        [UI_COLOR_DANGER] = RGB(0xB3261E),
        [UI_COLOR_SUCCESS] = RGB(0x1E7D45),
        [UI_COLOR_FOCUS] = RGB(0x1A5FD1),
        [UI_COLOR_SCRIM] = RGBA(0x000000, 0x99),
        [UI_COLOR_SHADOW] = RGBA(0x3A2A1A, 0x30),
    },
    .contrast_colors = {
        [UI_COLOR_BACKGROUND] = RGB(0x000000),
        [UI_COLOR_SURFACE] = RGB(0x0D0D0D),
        [UI_COLOR_SURFACE_ALT] = RGB(0x1A1A1A),
        [UI_COLOR_TEXT] = RGB(0xFFFFFF),
        [UI_COLOR_TEXT_MUTED] = RGB(0xE6E6E6),
        [UI_COLOR_PRIMARY] = RGB(0xFFD60A),
        [UI_COLOR_ON_PRIMARY] = RGB(0x000000),
        [UI_COLOR_SECONDARY] = RGB(0x1A1A1A),
        [UI_COLOR_ON_SECONDARY] = RGB(0xFFFFFF),
        [UI_COLOR_ACCENT] = RGB(0xFFFFFF),
        [UI_COLOR_ON_ACCENT] = RGB(0x000000),
        [UI_COLOR_BORDER] = RGB(0xFFFFFF),
        [UI_COLOR_DISABLED] = RGB(0x333333),
        [UI_COLOR_ON_DISABLED] = RGB(0xBDBDBD),
        [UI_COLOR_DANGER] = RGB(0xFF8A80),
        [UI_COLOR_SUCCESS] = RGB(0x69F0AE),
        [UI_COLOR_FOCUS] = RGB(0x00E5FF),
        [UI_COLOR_SCRIM] = RGBA(0x000000, 0xCC),
        [UI_COLOR_SHADOW] = RGBA(0x000000, 0x00),
    },
    .type_px = {
        [UI_TYPE_DISPLAY] = 56, [UI_TYPE_TITLE] = 40, [UI_TYPE_HEADING] = 32,
        [UI_TYPE_BODY] = 26, [UI_TYPE_CAPTION] = 22, [UI_TYPE_PRICE] = 28,
        [UI_TYPE_BUTTON] = 30, [UI_TYPE_BADGE] = 20,
    },
    .radius = {
        [UI_RADIUS_CARD] = 28, [UI_RADIUS_BUTTON] = 22, [UI_RADIUS_IMAGE] = 20,
        [UI_RADIUS_DIALOG] = 36, [UI_RADIUS_KEY] = 24,
    },
    .space = {
        [UI_SPACE_XS] = 8, [UI_SPACE_S] = 12, [UI_SPACE_M] = 20, [UI_SPACE_L] = 32,
        [UI_SPACE_XL] = 48,
    },
    .metric = {
        [UI_METRIC_BUTTON_HEIGHT] = 96, [UI_METRIC_KEY_HEIGHT] = 112,
        [UI_METRIC_STEPPER_BUTTON] = 72, [UI_METRIC_FOCUS_RING] = 4,
        [UI_METRIC_SHADOW_BLUR] = 24, [UI_METRIC_SHADOW_OFFSET] = 8,
    },
    .logo = "pictures/logo.png",
};
/* clang-format on */

/* Text pairs (foreground on background) whose contrast is checked. */
static const struct {
    enum ui_color_role fg, bg;
} text_pairs[] = {
    {UI_COLOR_TEXT, UI_COLOR_BACKGROUND},    {UI_COLOR_TEXT, UI_COLOR_SURFACE},
    {UI_COLOR_TEXT, UI_COLOR_SURFACE_ALT},   {UI_COLOR_TEXT_MUTED, UI_COLOR_BACKGROUND},
    {UI_COLOR_TEXT_MUTED, UI_COLOR_SURFACE}, {UI_COLOR_PRIMARY, UI_COLOR_SURFACE},
    {UI_COLOR_ON_PRIMARY, UI_COLOR_PRIMARY}, {UI_COLOR_ON_SECONDARY, UI_COLOR_SECONDARY},
    {UI_COLOR_ON_ACCENT, UI_COLOR_ACCENT},
};

void ui_theme_defaults(struct ui_theme *theme)
{
    *theme = default_theme;
}

SDL_Color ui_theme_color(const struct ui_theme *theme, enum ui_color_role role)
{
    if ((unsigned)role >= UI_COLOR_COUNT)
        return (SDL_Color){0, 0, 0, 255};
    return theme->high_contrast ? theme->contrast_colors[role] : theme->colors[role];
}

int ui_theme_type_px(const struct ui_theme *theme, enum ui_type_role role)
{
    if ((unsigned)role >= UI_TYPE_COUNT)
        return theme->type_px[UI_TYPE_BODY];
    int px = theme->type_px[role];
    return theme->large_text ? (px * 5 + 2) / 4 : px;
}

int ui_theme_radius(const struct ui_theme *theme, enum ui_radius_role role)
{
    return (unsigned)role < UI_RADIUS_COUNT ? theme->radius[role] : 0;
}

int ui_theme_space(const struct ui_theme *theme, enum ui_space space)
{
    return (unsigned)space < UI_SPACE_COUNT ? theme->space[space] : 0;
}

int ui_theme_metric(const struct ui_theme *theme, enum ui_metric metric)
{
    return (unsigned)metric < UI_METRIC_COUNT ? theme->metric[metric] : 0;
}

static double linear_channel(Uint8 c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
    return 0.2126 * linear_channel(c.r) + 0.7152 * linear_channel(c.g) +
           0.0722 * linear_channel(c.b);
}

double ui_color_contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

SDL_Color ui_color_mix(SDL_Color a, SDL_Color b, int amount)
{
    int t = amount < 0 ? 0 : amount > 255 ? 255 : amount;
#define MIX(ch) (Uint8)((a.ch * (255 - t) + b.ch * t + 127) / 255)
    return (SDL_Color){MIX(r), MIX(g), MIX(b), MIX(a)};
#undef MIX
}

/* ---- settings ---- */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool parse_color(const char *v, SDL_Color *out)
{
    size_t len = strlen(v);
    if (v[0] != '#' || (len != 7 && len != 9))
        return false;
    Uint8 ch[4] = {0, 0, 0, 255};
    for (size_t i = 0; i < (len - 1) / 2; i++) {
        int hi = hex_digit(v[1 + 2 * i]), lo = hex_digit(v[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return false;
        ch[i] = (Uint8)(hi * 16 + lo);
    }
    *out = (SDL_Color){ch[0], ch[1], ch[2], ch[3]};
    return true;
}

static bool parse_px(const char *v, int min, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end != '\0' || errno != 0 || n < min || n > UI_THEME_MAX_PX)
        return false;
    *out = (int)n;
    return true;
}

static int find_name(const char *const *names, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], key) == 0)
            return i;
    return -1;
}

/* Sections whose keys are pixel sizes: names, storage and the smallest value allowed. */
static const struct px_section {
    const char *section;
    const char *const *names;
    int count;
    size_t offset;
    int min;
} px_sections[] = {
    {"type", type_names, UI_TYPE_COUNT, offsetof(struct ui_theme, type_px), 4},
    {"radius", radius_names, UI_RADIUS_COUNT, offsetof(struct ui_theme, radius), 0},
    {"spacing", space_names, UI_SPACE_COUNT, offsetof(struct ui_theme, space), 0},
    {"size", metric_names, UI_METRIC_COUNT, offsetof(struct ui_theme, metric), 0},
};

/* Copies reason into why[cap]; always false, so a setter can return it. */
static bool refuse(char *why, size_t cap, const char *reason)
{
    snprintf(why, cap, "%s", reason);
    return false;
}

static bool set_mode(struct ui_theme *theme, const char *key, const char *value, char *why,
                     size_t cap)
{
    bool *flag = strcmp(key, "large_text") == 0      ? &theme->large_text
                 : strcmp(key, "high_contrast") == 0 ? &theme->high_contrast
                                                     : NULL;
    if (!flag)
        return refuse(why, cap, "unknown setting");
    if (strcmp(value, "true") == 0)
        *flag = true;
    else if (strcmp(value, "false") == 0)
        *flag = false;
    else
        return refuse(why, cap, "expected true or false");
    return true;
}

bool ui_theme_set(struct ui_theme *theme, const char *section, const char *key, const char *value,
                  char *why, size_t cap)
{
    bool contrast = strcmp(section, "high_contrast") == 0;
    if (contrast || strcmp(section, "colors") == 0) {
        int i = find_name(color_names, UI_COLOR_COUNT, key);
        if (i < 0)
            return refuse(why, cap, "unknown colour role");
        SDL_Color *palette = contrast ? theme->contrast_colors : theme->colors;
        if (!parse_color(value, &palette[i]))
            return refuse(why, cap, "expected #RRGGBB or #RRGGBBAA");
        return true;
    }
    for (size_t s = 0; s < sizeof px_sections / sizeof px_sections[0]; s++) {
        const struct px_section *ps = &px_sections[s];
        if (strcmp(section, ps->section) != 0)
            continue;
        int i = find_name(ps->names, ps->count, key);
        if (i < 0)
            return refuse(why, cap, "unknown setting");
        int *values = (int *)(void *)((char *)theme + ps->offset);
        if (!parse_px(value, ps->min, &values[i])) {
            snprintf(why, cap, "expected whole pixels from %d to %d", ps->min, UI_THEME_MAX_PX);
            return false;
        }
        return true;
    }
    if (strcmp(section, "brand") == 0) {
        if (strcmp(key, "logo") != 0)
            return refuse(why, cap, "unknown setting");
        size_t len = strlen(value);
        if (len == 0 || len > UI_THEME_PATH_MAX)
            return refuse(why, cap, "path empty or too long");
        memcpy(theme->logo, value, len + 1);
        return true;
    }
    if (strcmp(section, "modes") == 0)
        return set_mode(theme, key, value, why, cap);
    return refuse(why, cap, "unknown section");
}

bool ui_theme_check(const struct ui_theme *theme, char *why, size_t cap)
{
    for (int hc = 0; hc < 2; hc++) {
        const SDL_Color *palette = hc ? theme->contrast_colors : theme->colors;
        double need = hc ? 7.0 : 4.5;
        for (size_t i = 0; i < sizeof text_pairs / sizeof text_pairs[0]; i++) {
            double ratio = ui_color_contrast(palette[text_pairs[i].fg], palette[text_pairs[i].bg]);
            if (ratio < need) {
                snprintf(why, cap, "[%s] %s on %s: contrast %.2f:1, needs %.1f:1 (WCAG %s)",
                         hc ? "high_contrast" : "colors", color_names[text_pairs[i].fg],
                         color_names[text_pairs[i].bg], ratio, need, hc ? "AAA" : "AA");
                return false;
            }
        }
    }
    return true;
}
