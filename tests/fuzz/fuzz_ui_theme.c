/* Fuzz target: arbitrary bytes as the screens' theme file (kiosk/screens/theme_file.c). */
#include "kiosk/screens/theme_file.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ui_theme theme;
    ks_ini_error err;
    ui_theme_defaults(&theme);
    bool ok = ks_theme_parse(&theme, (const char *)data, size, &err);
    /* The message is always a terminated string; a success leaves the bounds held. */
    if (strnlen(err.message, sizeof err.message) == sizeof err.message)
        __builtin_trap();
    if (ok) {
        for (int i = 0; i < UI_TYPE_COUNT; i++)
            if (theme.type_px[i] < 4 || theme.type_px[i] > UI_THEME_MAX_PX)
                __builtin_trap();
        if (strnlen(theme.logo, sizeof theme.logo) > UI_THEME_PATH_MAX ||
            ui_color_contrast(theme.contrast_colors[UI_COLOR_TEXT],
                              theme.contrast_colors[UI_COLOR_BACKGROUND]) < 7.0)
            __builtin_trap();
        (void)ui_theme_type_px(&theme, UI_TYPE_BODY);
    } else if (err.message[0] == '\0') {
        __builtin_trap();
    }
    return 0;
}
